// Edits within a unit: rename (with the decision and effective date) and add an agency.
import { App, Button, Card, Form, Input, Radio } from "antd";
import { units } from "../../api/endpoints";
import { AGENCY_KINDS, type AgencyKind } from "../../api/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { todayIso } from "../../components/unitTree";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { optional, requiredRule } from "./formRules";

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
  const { message } = App.useApp();
  const [form] = Form.useForm<RenameValues>();
  const rename = (values: RenameValues) => {
    const decisionRef = optional(values.decisionRef);
    return units.rename(unitId, {
      name: values.name.trim(),
      validFrom: values.validFrom,
      ...(decisionRef ? { decisionRef } : {}),
    });
  };
  const { onFinish, submitting, error } = useFormSubmit(form, RENAME_FIELDS, rename, () => {
    message.success(t("orgForms.renamed"));
    form.resetFields();
    onDone();
  });

  return (
    <Card
      size="small"
      className="section-card"
      title={<h3 className="card-heading">{t("orgForms.renameHeading")}</h3>}
    >
      <ProblemAlert error={error} fields={RENAME_FIELDS} />
      <Form
        form={form}
        name="rename"
        layout="vertical"
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
      </Form>
    </Card>
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
  const { message } = App.useApp();
  const [form] = Form.useForm<AgencyValues>();
  const addAgency = (values: AgencyValues) =>
    units.addAgency(unitId, { code: values.code.trim(), name: values.name.trim(), kind: values.kind });
  const { onFinish, submitting, error } = useFormSubmit(form, AGENCY_FIELDS, addAgency, () => {
    message.success(t("orgForms.agencyAdded"));
    form.resetFields();
    onDone();
  });

  return (
    <Card
      size="small"
      className="section-card"
      title={<h3 className="card-heading">{t("orgForms.agencyHeading")}</h3>}
    >
      <ProblemAlert error={error} fields={AGENCY_FIELDS} />
      <Form
        form={form}
        name="agency"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: "internal" }}
      >
        <Form.Item
          name="code"
          label={t("org.agencyCode")}
          rules={[requiredRule(t, lang, t("org.agencyCode"))]}
        >
          <Input data-testid="agency-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("org.agencyName")}
          rules={[requiredRule(t, lang, t("org.agencyName"))]}
        >
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
      </Form>
    </Card>
  );
}
