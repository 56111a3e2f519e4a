// The reception form at the desk (POST /api/dossiers): procedure, its summary, the applicant, the
// document checklist prefilled from the procedure, sets, channel, result delivery, the handling
// unit for location-independent procedures, and for on-the-spot procedures "resolve now".
// Keyboard-first: Enter moves on, Enter in the note or Ctrl+Enter submits.
import { CheckOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space, Spin } from "antd";
import { useEffect, useMemo } from "react";
import { catalog, dossiers } from "../../api/endpoints";
import {
  DESK_CHANNELS,
  type DeskChannel,
  type Dossier,
  type PublicUnit,
  RESULT_DELIVERIES,
  type ResultDelivery,
  type ServiceMode,
} from "../../api/types";
import { ApplicantFields } from "../../components/ApplicantFields";
import {
  type ApplicantValues,
  applicantInput,
  type ChecklistValues,
  checklistInput,
} from "../../components/applicant";
import { ChecklistFields } from "../../components/ChecklistFields";
import { keyboardFirst } from "../../components/formKeys";
import { useIdempotencyKey } from "../../components/idempotency";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { ProcedureFacts } from "../../components/ProcedureFacts";
import { isAbolished } from "../../components/unitTree";
import { useApiQuery } from "../../components/useApiQuery";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { optional } from "../org/formRules";
import { DeskProcedureSelect } from "./DeskProcedureSelect";

type Resolution = "none" | "approved" | "rejected";

interface DeskValues {
  procedureCode?: string;
  applicant?: ApplicantValues;
  documents?: ChecklistValues[];
  sets?: number | null;
  channel?: DeskChannel;
  serviceMode?: ServiceMode;
  resultDelivery?: ResultDelivery;
  handlingUnitId?: string;
  resolution?: Resolution;
  /** The written reason of an on-the-spot rejection (the server reports it as "reason"). */
  reason?: string;
  subject?: string;
  note?: string;
}

const APPLICANT_FIELD = /^applicant\.(kind|name|idNumber|birthDate|address|phone|email)$/;
const CHECKLIST_FIELD = /^documents\.\d+\.(provided|count)$/;
const TOP_FIELDS = new Set([
  "procedureCode",
  "sets",
  "channel",
  "serviceMode",
  "resultDelivery",
  "handlingUnitId",
  "onTheSpot",
  "reason",
  "subject",
  "note",
]);
const isFormField = (field: string) =>
  TOP_FIELDS.has(field) || APPLICANT_FIELD.test(field) || CHECKLIST_FIELD.test(field);

const DESK_MODES: readonly ServiceMode[] = ["desk", "mobile_team", "at_home"];
const FORM_NAME = "desk";

interface Props {
  unitId: string;
  units: readonly PublicUnit[];
  onReceived: (dossier: Dossier) => void;
}

export function DeskForm({ unitId, units, onReceived }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<DeskValues>();
  const key = useIdempotencyKey();
  const code = Form.useWatch("procedureCode", form);
  const resolution = Form.useWatch("resolution", form);
  const detail = useApiQuery(code ? `procedure:${code}` : null, (signal) =>
    catalog.procedure(code!, undefined, signal),
  );
  const procedure = detail.data?.procedure;

  // Start in the procedure search, also after client-side navigation (which focuses <main> first).
  useEffect(() => {
    const frame = requestAnimationFrame(() => document.getElementById(`${FORM_NAME}_procedureCode`)?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  // A newly chosen procedure: its checklist, allowed channel, and focus on the applicant.
  useEffect(() => {
    if (!procedure) return;
    const channel: DeskChannel =
      procedure.channels.inPerson || !procedure.channels.postal ? "in_person" : "postal";
    form.setFieldsValue({
      documents: procedure.documents.map((d) => ({
        name: d.name,
        form: d.form,
        count: d.count,
        provided: true,
      })),
      channel,
      handlingUnitId: unitId,
      resolution: "none",
      reason: undefined,
    });
    requestAnimationFrame(() => document.getElementById(`${FORM_NAME}_applicant_name`)?.focus());
  }, [procedure, form, unitId]);

  const unitOptions = useMemo(
    () =>
      units
        .filter((unit) => !isAbolished(unit))
        .map((unit) => ({ value: unit.id, label: `${unit.name} (${unit.code})` })),
    [units],
  );

  const receive = (values: DeskValues) => {
    const subject = optional(values.subject);
    const note = optional(values.note);
    const reason = optional(values.reason);
    const handlingUnitId =
      procedure?.locationIndependent && values.handlingUnitId && values.handlingUnitId !== unitId
        ? values.handlingUnitId
        : undefined;
    const decision = procedure?.onTheSpot && values.resolution !== "none" ? values.resolution : undefined;
    return dossiers.receive(
      {
        unitId,
        procedureCode: values.procedureCode ?? "",
        channel: values.channel ?? "in_person",
        serviceMode: values.serviceMode ?? "desk",
        applicant: applicantInput(values.applicant),
        documents: checklistInput(procedure?.documents ?? [], values.documents),
        sets: values.sets && values.sets > 0 ? values.sets : 1,
        resultDelivery: values.resultDelivery ?? "desk",
        ...(handlingUnitId ? { handlingUnitId } : {}),
        ...(subject ? { subject } : {}),
        ...(note ? { note } : {}),
        ...(decision
          ? { onTheSpot: { decision, ...(decision === "rejected" && reason ? { reason } : {}) } }
          : {}),
      },
      key.current(),
    );
  };
  const { onFinish, submitting, error } = useFormSubmit(form, isFormField, receive, (dossier) => {
    key.reset();
    onReceived(dossier);
  });

  const channels = DESK_CHANNELS.filter((c) =>
    c === "in_person" ? procedure?.channels.inPerson : procedure?.channels.postal,
  );

  return (
    <Form<DeskValues>
      form={form}
      name={FORM_NAME}
      layout="vertical"
      className="desk-form"
      initialValues={{
        applicant: { kind: "person" },
        sets: 1,
        channel: "in_person",
        serviceMode: "desk",
        resultDelivery: "desk",
        resolution: "none",
        documents: [],
      }}
      onFinish={onFinish}
      onValuesChange={() => key.reset()}
      onKeyDown={keyboardFirst(() => form.submit())}
      data-testid="desk-form"
    >
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
        {procedure && <ProcedureFacts procedure={procedure} testId="desk-facts" />}
      </Card>

      {procedure && (
        <Card className="section-card" title={<h2 className="card-heading">{t("desk.dossierHeading")}</h2>}>
          <div aria-live="polite" data-testid="desk-problem">
            <ProblemAlert error={error} fields={isFormField} />
          </div>
          <ApplicantFields testId="desk" />
          <ChecklistFields testId="desk" />
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="sets" label={t("desk.sets")}>
                <InputNumber min={1} max={100} precision={0} className="full-width" data-testid="desk-sets" />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="channel" label={t("desk.channel")}>
                <Radio.Group
                  name="desk-channel"
                  options={DESK_CHANNELS.map((value) => ({
                    value,
                    label: t(`dossier.channel.${value}`),
                    disabled: !channels.includes(value),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="serviceMode" label={t("desk.serviceMode")}>
                <Radio.Group
                  name="desk-service-mode"
                  options={DESK_MODES.map((value) => ({ value, label: t(`dossier.serviceMode.${value}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="resultDelivery" label={t("desk.resultDelivery")}>
                <Radio.Group
                  name="desk-result-delivery"
                  options={RESULT_DELIVERIES.map((value) => ({
                    value,
                    label: t(`dossier.resultDelivery.${value}`),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          {channels.length === 0 && (
            <Alert type="warning" showIcon className="problem-alert" title={t("desk.noDeskChannel")} />
          )}
          {procedure.locationIndependent && (
            <Form.Item
              name="handlingUnitId"
              label={t("desk.handlingUnit")}
              extra={t("desk.handlingUnitHint")}
            >
              <LabelledSelect<string>
                listLabel={t("desk.handlingUnit")}
                data-testid="desk-handling-unit"
                options={unitOptions}
                showSearch={{ optionFilterProp: "label" }}
              />
            </Form.Item>
          )}
          <Form.Item name="subject" label={t("desk.subject")}>
            <Input maxLength={1000} data-testid="desk-subject" />
          </Form.Item>
          {procedure.onTheSpot && (
            <fieldset className="checklist-editor desk-resolution" data-testid="desk-resolution">
              <legend>{t("desk.resolutionHeading")}</legend>
              <Form.Item name="resolution" extra={t("desk.resolutionHint")}>
                <Radio.Group
                  name="desk-resolution"
                  options={(["none", "approved", "rejected"] as const).map((value) => ({
                    value,
                    label: t(`desk.resolution.${value}`),
                  }))}
                />
              </Form.Item>
              {resolution === "rejected" && (
                <Form.Item
                  name="reason"
                  label={t("desk.rejectReason")}
                  rules={[{ required: true, whitespace: true, message: t("dossier.reasonRequired") }]}
                >
                  <Input.TextArea
                    maxLength={2000}
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    data-testid="desk-reason"
                  />
                </Form.Item>
              )}
            </fieldset>
          )}
          <Form.Item name="note" label={t("desk.note")} extra={t("desk.noteHint")}>
            <Input maxLength={2000} data-submit-on-enter="true" data-testid="desk-note" />
          </Form.Item>
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              icon={<CheckOutlined aria-hidden />}
              loading={submitting}
              data-testid="desk-submit"
            >
              {t("desk.submit")}
            </Button>
            <span className="text-secondary">{t("desk.shortcut")}</span>
          </Space>
        </Card>
      )}
    </Form>
  );
}
