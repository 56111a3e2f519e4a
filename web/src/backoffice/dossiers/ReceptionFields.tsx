// What the desk's reception form and the assisted-filing form share: the chosen procedure and
// the e-form in force at the unit (with the focus moves and the checklist prefill), the procedure
// section, the e-form section, the result delivery choice, and the common part of the request.
import { FormOutlined } from "@ant-design/icons";
import { Button, Card, Form, type FormInstance, Radio, Spin } from "antd";
import { useEffect, useState } from "react";
import { catalog } from "../../api/endpoints";
import { type ProcedureDetail, RESULT_DELIVERIES, type ResultDelivery } from "../../api/types";
import {
  type ApplicantValues,
  applicantInput,
  type ChecklistValues,
  checklistInput,
} from "../../components/applicant";
import { eforms } from "../../components/eform/api";
import { EformFields } from "../../components/eform/EformFields";
import { isEformField } from "../../components/eform/formData";
import type { EformOut, EformUi } from "../../components/eform/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { ProcedureFacts } from "../../components/ProcedureFacts";
import { type Query, useApiQuery } from "../../components/useApiQuery";
import { useI18n } from "../../i18n";
import { optional } from "../org/formRules";
import { DeskProcedureSelect } from "./DeskProcedureSelect";

/** The fields both forms have. */
export interface ReceptionValues {
  procedureCode?: string;
  applicant?: ApplicantValues;
  documents?: ChecklistValues[];
  resultDelivery?: ResultDelivery;
  subject?: string;
  note?: string;
  /** The procedure's e-form (tờ khai) at this unit, when one is in force. */
  formData?: Record<string, unknown>;
}

type Procedure = ProcedureDetail["procedure"];

const APPLICANT_FIELD = /^applicant\.(kind|name|idNumber|birthDate|address|phone|email)$/;
const CHECKLIST_FIELD = /^documents\.\d+\.(provided|count)$/;

/** Whether a server field error has a field of the form to land on (the rest show on top). */
export const isReceptionField =
  (topFields: ReadonlySet<string>, eformUi: EformUi | undefined) => (field: string) =>
    topFields.has(field) ||
    APPLICANT_FIELD.test(field) ||
    CHECKLIST_FIELD.test(field) ||
    isEformField(eformUi)(field);

/**
 * The chosen procedure and the unit's e-form for it. Focus starts in the procedure search (also
 * after client-side navigation, which focuses <main> first); a newly chosen procedure fills the
 * checklist, clears the e-form data and moves the focus to the applicant.
 */
export function useReceptionProcedure(form: FormInstance<ReceptionValues>, formName: string, unitId: string) {
  const code = Form.useWatch("procedureCode", form);
  const detail = useApiQuery(code ? `procedure:${code}` : null, (signal) =>
    catalog.procedure(code!, undefined, signal),
  );
  const procedure = detail.data?.procedure;
  const inForce = useApiQuery(code ? `eform:${code}:${unitId}` : null, (signal) =>
    eforms.inForce(code!, unitId, signal),
  );

  useEffect(() => {
    const frame = requestAnimationFrame(() => document.getElementById(`${formName}_procedureCode`)?.focus());
    return () => cancelAnimationFrame(frame);
  }, [formName]);

  useEffect(() => {
    if (!procedure) return;
    form.setFieldsValue({
      documents: procedure.documents.map((d) => ({
        name: d.name,
        form: d.form,
        count: d.count,
        provided: true,
      })),
    });
    form.setFieldValue("formData", {});
    requestAnimationFrame(() => document.getElementById(`${formName}_applicant_name`)?.focus());
  }, [procedure, form, formName]);

  return { code, detail, procedure, inForce, eform: inForce.data?.eform ?? null };
}

/** The first section: the procedure search, then the chosen procedure's facts. */
export function ProcedureSection({
  unitId,
  code,
  detail,
  testId,
}: {
  unitId: string;
  code: string | undefined;
  detail: Query<ProcedureDetail>;
  testId: string;
}) {
  const { t } = useI18n();
  const procedure = detail.data?.procedure;
  return (
    <Card className="section-card" title={<h2 className="card-heading">{t("desk.procedureHeading")}</h2>}>
      <Form.Item
        name="procedureCode"
        label={t("desk.procedure")}
        extra={t("desk.procedureHint")}
        rules={[{ required: true, message: t("desk.procedureRequired") }]}
      >
        <DeskProcedureSelect unitId={unitId} />
      </Form.Item>
      <ProblemAlert error={detail.error} onRetry={detail.reload} />
      {code && !procedure && detail.loading && (
        <div className="page-spin">
          <Spin description={t("app.loading")} />
        </div>
      )}
      {procedure && <ProcedureFacts procedure={procedure} testId={`${testId}-facts`} />}
    </Card>
  );
}

/**
 * The procedure's e-form, when one is in force. `optional`: closed until opened (the paper form
 * is in the checklist) and cleared when closed again; key it by the procedure so that a new
 * choice starts closed.
 */
export function EformSection({
  eform,
  testId,
  optional: isOptional = false,
}: {
  eform: EformOut;
  testId: string;
  optional?: boolean;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance<ReceptionValues>();
  const [open, setOpen] = useState(!isOptional);
  return (
    <fieldset className="checklist-editor" data-testid={`${testId}-eform`}>
      <legend>{eform.title}</legend>
      {isOptional && (
        <>
          <p className="text-secondary">{t("eform.desk.optionalHint")}</p>
          <Button
            icon={<FormOutlined aria-hidden />}
            aria-expanded={open}
            onClick={() => {
              if (open) form.setFieldValue("formData", {});
              setOpen(!open);
            }}
            data-testid={`${testId}-eform-toggle`}
          >
            {t(open ? "eform.desk.close" : "eform.desk.open")}
          </Button>
        </>
      )}
      {open && (
        <EformFields schema={eform.schema} ui={eform.ui} testId={`${testId}-eform`} optional={isOptional} />
      )}
    </fieldset>
  );
}

export function ResultDeliveryField({ name }: { name: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="resultDelivery" label={t("desk.resultDelivery")}>
      <Radio.Group
        name={name}
        options={RESULT_DELIVERIES.map((value) => ({ value, label: t(`dossier.resultDelivery.${value}`) }))}
      />
    </Form.Item>
  );
}

/** The part of the request both forms send: unit, procedure, applicant, checklist, delivery, subject, note. */
export function receptionInput(unitId: string, values: ReceptionValues, procedure: Procedure | undefined) {
  const subject = optional(values.subject);
  const note = optional(values.note);
  return {
    unitId,
    procedureCode: values.procedureCode ?? "",
    applicant: applicantInput(values.applicant),
    documents: checklistInput(procedure?.documents ?? [], values.documents),
    resultDelivery: values.resultDelivery ?? "desk",
    ...(subject ? { subject } : {}),
    ...(note ? { note } : {}),
  };
}
