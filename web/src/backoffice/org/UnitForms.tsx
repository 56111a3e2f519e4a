// Edits within a unit: rename (with the decision and effective date) and add an agency.
import { Button, Form, Input, Radio } from "antd";
import { units } from "../../api/endpoints";
import { AGENCY_KINDS, type AgencyKind } from "../../api/types";
import { todayIso } from "../../components/unitTree";
import { useI18n } from "../../i18n";
import { optional, requiredRule } from "./formRules";
import { OrgFormCard, useOrgFormSubmit } from "./OrgFormCard";

interface FormProps {
  unitId: string;
  onDone: () => void;
}

interface RenameValues {
  name: string;
  validFrom: string;
  decisionRef?: string;
}

const RENAME_FIELDS = ["name", "validFrom", "decisionRef"] as const;

export function RenameForm({ unitId, onDone }: FormProps) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<RenameValues>();
  const rename = (values: RenameValues) => {
    const decisionRef = optional(values.decisionRef);
    return units.rename(unitId, {
      name: values.name.trim(),
      validFrom: values.validFrom,
      ...(decisionRef ? { decisionRef } : {}),
    });
  };
  const { onFinish, submitting, error } = useOrgFormSubmit(
    form,
    RENAME_FIELDS,
    rename,
    t("orgForms.renamed"),
    onDone,
  );

  return (
    <OrgFormCard
      title={t("orgForms.renameHeading")}
      error={error}
      fields={RENAME_FIELDS}
      form={form}
      name="rename"
      onFinish={onFinish}
      initialValues={{ validFrom: todayIso() }}
    >
      <Form.Item
        name="name"
        label={t("orgForms.renameName")}
        rules={[requiredRule(t, lang, t("orgForms.renameName"))]}
      >
        <Input data-testid="rename-name" />
      </Form.Item>
      <Form.Item
        name="validFrom"
        label={t("orgForms.renameValidFrom")}
        rules={[requiredRule(t, lang, t("orgForms.renameValidFrom"))]}
      >
        <Input type="date" data-testid="rename-valid-from" />
      </Form.Item>
      <Form.Item name="decisionRef" label={t("orgForms.renameDecisionRef")}>
        <Input data-testid="rename-decision-ref" />
      </Form.Item>
      <Button data-testid="rename-submit" type="primary" htmlType="submit" loading={submitting}>
        {t("orgForms.renameSubmit")}
      </Button>
    </OrgFormCard>
  );
}

interface AgencyValues {
  code: string;
  name: string;
  kind: AgencyKind;
}

const AGENCY_FIELDS = ["code", "name", "kind"] as const;

export function AgencyForm({ unitId, onDone }: FormProps) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<AgencyValues>();
  const addAgency = (values: AgencyValues) =>
    units.addAgency(unitId, { code: values.code.trim(), name: values.name.trim(), kind: values.kind });
  const { onFinish, submitting, error } = useOrgFormSubmit(
    form,
    AGENCY_FIELDS,
    addAgency,
    t("orgForms.agencyAdded"),
    onDone,
  );

  return (
    <OrgFormCard
      title={t("orgForms.agencyHeading")}
      error={error}
      fields={AGENCY_FIELDS}
      form={form}
      name="agency"
      onFinish={onFinish}
      initialValues={{ kind: "internal" }}
    >
      <Form.Item name="code" label={t("org.agencyCode")} rules={[requiredRule(t, lang, t("org.agencyCode"))]}>
        <Input data-testid="agency-code" />
      </Form.Item>
      <Form.Item name="name" label={t("org.agencyName")} rules={[requiredRule(t, lang, t("org.agencyName"))]}>
        <Input data-testid="agency-name" />
      </Form.Item>
      <Form.Item name="kind" label={t("org.agencyKind")}>
        <Radio.Group
          aria-label={t("org.agencyKind")}
          options={AGENCY_KINDS.map((kind) => ({ value: kind, label: t(`org.kind.${kind}`) }))}
        />
      </Form.Item>
      <Button data-testid="agency-submit" type="primary" htmlType="submit" loading={submitting}>
        {t("orgForms.agencySubmit")}
      </Button>
    </OrgFormCard>
  );
}
