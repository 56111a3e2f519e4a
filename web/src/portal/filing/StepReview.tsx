// Step "check and submit" (GOV.UK "check your answers"): each earlier step's answers with a
// "Change" link back to it, then a note to the desk and the submit button (in the wizard).
import { Button, Descriptions, Form, Input } from "antd";
import type { ReactNode } from "react";
import type { ProcedureDetail } from "../../api/types";
import { EformView } from "../../components/eform/EformView";
import { formDataInput } from "../../components/eform/formData";
import type { EformOut } from "../../components/eform/types";
import { useI18n } from "../../i18n";
import { FeeList } from "./StepDelivery";
import type { StepKey, WizardValues } from "./wizardModel";

function Section({
  title,
  step,
  onChange,
  children,
}: {
  title: string;
  step: StepKey;
  onChange: (step: StepKey) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="filing-review__section" data-testid={`review-${step}`}>
      <div className="filing-review__head">
        <h3 className="filing-section__title">{title}</h3>
        <Button
          type="link"
          onClick={() => onChange(step)}
          aria-label={t("filing.review.changeSection", { section: title })}
          data-testid={`review-change-${step}`}
        >
          {t("filing.review.change")}
        </Button>
      </div>
      {children}
    </section>
  );
}

export function StepReview({
  detail,
  eform,
  onChange,
}: {
  detail: ProcedureDetail;
  eform: EformOut | null;
  onChange: (step: StepKey) => void;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const v = form.getFieldsValue(true) as WizardValues;
  const a = v.applicant ?? {};
  const dash = (value: string | undefined) => value?.trim() || "—";
  const unitName = detail.units.find((u) => u.id === v.unitId)?.name ?? "—";
  const p = detail.procedure;
  return (
    <div className="filing-review" data-testid="filing-review">
      <Section title={t("filing.steps.where")} step="where" onChange={onChange}>
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: "unit", label: t("fileOnline.unit"), children: unitName },
            { key: "name", label: t("dossier.applicantName"), children: dash(a.name) },
            { key: "id", label: t("dossier.idNumber"), children: dash(a.idNumber) },
            { key: "birth", label: t("dossier.birthDate"), children: dash(a.birthDate) },
            { key: "phone", label: t("dossier.phone"), children: dash(a.phone) },
            { key: "email", label: t("dossier.email"), children: dash(a.email) },
            { key: "address", label: t("dossier.address"), children: dash(a.address) },
          ]}
        />
      </Section>
      {eform && (
        <Section title={t("filing.steps.form")} step="form" onChange={onChange}>
          <EformView eform={eform} formData={formDataInput(eform.ui, v.formData)} testId="review-eform" />
        </Section>
      )}
      <Section title={t("filing.steps.documents")} step="documents" onChange={onChange}>
        <ul className="filing-review__docs">
          {p.documents.map((doc, i) => (
            <li key={`${i}-${doc.name}`}>
              {doc.name}:{" "}
              <strong>
                {v.documents?.[i]?.provided ? t("filing.review.included") : t("filing.review.notIncluded")}
              </strong>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("filing.steps.delivery")} step="delivery" onChange={onChange}>
        <FeeList procedure={p} />
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            {
              key: "channel",
              label: t("filing.delivery.channel"),
              children: v.channel ? t(`filing.channel.${v.channel}`) : "—",
            },
            {
              key: "delivery",
              label: t("filing.delivery.resultDelivery"),
              children: t(`filing.resultDelivery.${v.resultDelivery ?? "online"}`),
            },
            ...(v.resultDelivery === "postal"
              ? [
                  {
                    key: "postal",
                    label: t("filing.delivery.postalAddress"),
                    children: dash(v.postalAddress),
                  },
                ]
              : []),
          ]}
        />
      </Section>
      <Form.Item name="note" label={t("fileOnline.note")} extra={t("filing.review.noteHint")}>
        <Input.TextArea maxLength={1500} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="filing-note" />
      </Form.Item>
      <p>{t("filing.review.declaration")}</p>
    </div>
  );
}
