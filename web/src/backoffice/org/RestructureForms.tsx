// Restructuring the tree (system administrators): add a child unit; merge into a successor or abolish.
import { Button, Form, Input, Popconfirm, Radio } from "antd";
import { useMemo } from "react";
import { units } from "../../api/endpoints";
import { type PublicUnit, UNIT_LEVELS, type UnitLevel } from "../../api/types";
import { LabelledSelect } from "../../components/LabelledSelect";
import { foldText, isAbolished, todayIso } from "../../components/unitTree";
import { useI18n } from "../../i18n";
import { optional, requiredRule } from "./formRules";
import { OrgFormCard, useOrgFormSubmit } from "./OrgFormCard";

interface ChildValues {
  code: string;
  name: string;
  level: UnitLevel;
  validFrom: string;
}

const CHILD_FIELDS = ["code", "name", "level", "validFrom"] as const;

/** Two-level local government since 2025-07-01: new units under a province are communes. */
const DEFAULT_CHILD_LEVEL: UnitLevel = "commune";

export function ChildUnitForm({ parent, onDone }: { parent: PublicUnit; onDone: () => void }) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<ChildValues>();
  const create = (values: ChildValues) =>
    units.create({
      code: values.code.trim(),
      name: values.name.trim(),
      level: values.level,
      parentId: parent.id,
      validFrom: values.validFrom,
    });
  const { onFinish, submitting, error } = useOrgFormSubmit(
    form,
    CHILD_FIELDS,
    create,
    t("orgForms.childAdded"),
    onDone,
  );

  return (
    <OrgFormCard
      title={t("orgForms.childHeading")}
      error={error}
      fields={CHILD_FIELDS}
      form={form}
      name="child"
      onFinish={onFinish}
      initialValues={{ level: DEFAULT_CHILD_LEVEL, validFrom: todayIso() }}
    >
      <Form.Item
        name="code"
        label={t("orgForms.childCode")}
        rules={[requiredRule(t, lang, t("orgForms.childCode"))]}
      >
        <Input data-testid="child-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t("orgForms.childName")}
        rules={[requiredRule(t, lang, t("orgForms.childName"))]}
      >
        <Input data-testid="child-name" />
      </Form.Item>
      <Form.Item name="level" label={t("orgForms.childLevel")}>
        <Radio.Group
          aria-label={t("orgForms.childLevel")}
          options={UNIT_LEVELS.map((level) => ({ value: level, label: t(`level.${level}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="validFrom"
        label={t("orgForms.childValidFrom")}
        rules={[requiredRule(t, lang, t("orgForms.childValidFrom"))]}
      >
        <Input type="date" data-testid="child-valid-from" />
      </Form.Item>
      <Button data-testid="child-submit" type="primary" htmlType="submit" loading={submitting}>
        {t("orgForms.childSubmit")}
      </Button>
    </OrgFormCard>
  );
}

interface AbolishValues {
  effectiveDate: string;
  successorId?: string;
}

const ABOLISH_FIELDS = ["effectiveDate", "successorId"] as const;

export function AbolishForm({
  unit,
  allUnits,
  onDone,
}: {
  unit: PublicUnit;
  allUnits: readonly PublicUnit[];
  onDone: () => void;
}) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<AbolishValues>();
  const successors = useMemo(
    () =>
      allUnits
        .filter((candidate) => candidate.id !== unit.id && !isAbolished(candidate))
        .map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, "vi")),
    [allUnits, unit.id],
  );
  const abolish = (values: AbolishValues) => {
    const successorId = optional(values.successorId);
    return units.abolish(unit.id, {
      effectiveDate: values.effectiveDate,
      ...(successorId ? { successorId } : {}),
    });
  };
  const { onFinish, submitting, error } = useOrgFormSubmit(
    form,
    ABOLISH_FIELDS,
    abolish,
    t("orgForms.abolished"),
    onDone,
  );

  return (
    <OrgFormCard
      title={t("orgForms.abolishHeading")}
      hint={t("orgForms.abolishHint")}
      error={error}
      fields={ABOLISH_FIELDS}
      form={form}
      name="abolish"
      onFinish={onFinish}
      initialValues={{ effectiveDate: todayIso() }}
    >
      <Form.Item
        name="effectiveDate"
        label={t("orgForms.abolishDate")}
        rules={[requiredRule(t, lang, t("orgForms.abolishDate"))]}
      >
        <Input type="date" data-testid="abolish-date" />
      </Form.Item>
      <Form.Item name="successorId" label={t("orgForms.abolishSuccessor")}>
        <LabelledSelect<string>
          listLabel={t("orgForms.abolishSuccessor")}
          data-testid="abolish-successor"
          allowClear
          placeholder={t("orgForms.abolishSuccessorPlaceholder")}
          options={successors}
          showSearch={{
            filterOption: (input, option) => foldText(String(option?.label ?? "")).includes(foldText(input)),
          }}
        />
      </Form.Item>
      <Popconfirm
        title={t("orgForms.abolishConfirm")}
        okText={t("orgForms.abolishOk")}
        cancelText={t("orgForms.abolishCancel")}
        onConfirm={() => form.submit()}
      >
        <Button data-testid="abolish-submit" danger loading={submitting}>
          {t("orgForms.abolishSubmit")}
        </Button>
      </Popconfirm>
    </OrgFormCard>
  );
}
