// The assisted-filing form (POST /api/dossiers/assisted): an official files an online dossier on a
// citizen's behalf – procedure, applicant, the procedure's e-form when one is in force, checklist,
// channel and result delivery. Field errors from the server land next to their fields.
import { SendOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Radio } from "antd";
import { useEffect } from "react";
import type { Dossier } from "../../api/types";
import { ApplicantFields } from "../../components/ApplicantFields";
import { ChecklistFields } from "../../components/ChecklistFields";
import { eforms } from "../../components/eform/api";
import { formDataInput } from "../../components/eform/formData";
import { useIdempotencyKey } from "../../components/idempotency";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import {
  EformSection,
  isReceptionField,
  ProcedureSection,
  type ReceptionValues,
  ResultDeliveryField,
  receptionInput,
  useReceptionProcedure,
} from "../dossiers/ReceptionFields";

type OnlineChannel = "online_full" | "online_partial";

interface AssistedValues extends ReceptionValues {
  channel?: OnlineChannel;
}

const TOP_FIELDS = new Set(["procedureCode", "channel", "resultDelivery", "subject", "note"]);
const FORM_NAME = "assisted";

interface Props {
  unitId: string;
  onFiled: (dossier: Dossier) => void;
}

export function AssistedForm({ unitId, onFiled }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<AssistedValues>();
  const key = useIdempotencyKey();
  const { code, detail, procedure, inForce, eform } = useReceptionProcedure(form, FORM_NAME, unitId);
  const online = procedure?.channels.online;

  useEffect(() => {
    if (!procedure) return;
    form.setFieldsValue({
      channel: procedure.channels.online === "fully" ? "online_full" : "online_partial",
    });
  }, [procedure, form]);

  const isField = isReceptionField(TOP_FIELDS, eform?.ui);
  const file = (values: AssistedValues) =>
    eforms.fileAssisted(
      {
        ...receptionInput(unitId, values, procedure),
        channel: values.channel ?? "online_partial",
        ...(eform ? { formData: formDataInput(eform.ui, values.formData) } : {}),
      },
      key.current(),
    );
  const { onFinish, submitting, error } = useFormSubmit(form, isField, file, (dossier) => {
    key.reset();
    onFiled(dossier);
  });

  return (
    <Form<AssistedValues>
      form={form}
      name={FORM_NAME}
      layout="vertical"
      initialValues={{ applicant: { kind: "person" }, resultDelivery: "desk", documents: [] }}
      onFinish={onFinish}
      onValuesChange={() => key.reset()}
      data-testid="assisted-form"
    >
      <ProcedureSection unitId={unitId} code={code} detail={detail} testId="assisted" />

      {procedure && (
        <Card
          className="section-card"
          title={<h2 className="card-heading">{t("eform.assisted.dossierHeading")}</h2>}
        >
          <div aria-live="polite" data-testid="assisted-problem">
            <ProblemAlert error={error} fields={isField} />
          </div>
          <Alert type="info" showIcon className="problem-alert" title={t("eform.assisted.accountHint")} />
          <ApplicantFields testId="assisted" />
          <ProblemAlert error={inForce.error} onRetry={inForce.reload} />
          {eform && <EformSection key={eform.id} eform={eform} testId="assisted" />}
          <ChecklistFields testId="assisted" />
          {online === "none" && (
            <Alert type="warning" showIcon className="problem-alert" title={t("eform.assisted.notOnline")} />
          )}
          <Form.Item name="channel" label={t("desk.channel")}>
            <Radio.Group
              name="assisted-channel"
              options={(["online_full", "online_partial"] as const).map((value) => ({
                value,
                label: t(`dossier.channel.${value}`),
                disabled: value === "online_full" && online !== "fully",
              }))}
            />
          </Form.Item>
          <ResultDeliveryField name="assisted-result-delivery" />
          <Form.Item name="subject" label={t("desk.subject")}>
            <Input maxLength={1000} data-testid="assisted-subject" />
          </Form.Item>
          <Form.Item name="note" label={t("desk.note")}>
            <Input maxLength={2000} data-testid="assisted-note" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            icon={<SendOutlined aria-hidden />}
            loading={submitting}
            data-testid="assisted-submit"
          >
            {t("eform.assisted.submit")}
          </Button>
        </Card>
      )}
    </Form>
  );
}
