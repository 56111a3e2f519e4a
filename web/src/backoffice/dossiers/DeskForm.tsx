// The reception form at the desk (POST /api/dossiers): procedure, its summary, the applicant, the
// document checklist prefilled from the procedure, sets, channel, result delivery, the handling
// unit for location-independent procedures, and for on-the-spot procedures "resolve now".
// Keyboard-first: Enter moves on, Enter in the note or Ctrl+Enter submits.
import { CheckOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space } from "antd";
import { useEffect, useMemo } from "react";
import { dossiers } from "../../api/endpoints";
import {
  DESK_CHANNELS,
  type DeskChannel,
  type Dossier,
  type PublicUnit,
  type ServiceMode,
} from "../../api/types";
import { ApplicantFields } from "../../components/ApplicantFields";
import { ChecklistFields } from "../../components/ChecklistFields";
import { formDataInput } from "../../components/eform/formData";
import { keyboardFirst } from "../../components/formKeys";
import { useIdempotencyKey } from "../../components/idempotency";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { isAbolished } from "../../components/unitTree";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { optional } from "../org/formRules";
import {
  EformSection,
  isReceptionField,
  ProcedureSection,
  type ReceptionValues,
  ResultDeliveryField,
  receptionInput,
  useReceptionProcedure,
} from "./ReceptionFields";

type Resolution = "none" | "approved" | "rejected";

interface DeskValues extends ReceptionValues {
  sets?: number | null;
  channel?: DeskChannel;
  serviceMode?: ServiceMode;
  handlingUnitId?: string;
  resolution?: Resolution;
  /** The written reason of an on-the-spot rejection (the server reports it as "reason"). */
  reason?: string;
}

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
  const resolution = Form.useWatch("resolution", form);
  const { code, detail, procedure, eform, inForce } = useReceptionProcedure(form, FORM_NAME, unitId);

  // A newly chosen procedure (checklist and focus: useReceptionProcedure): its allowed channel.
  useEffect(() => {
    if (!procedure) return;
    const channel: DeskChannel =
      procedure.channels.inPerson || !procedure.channels.postal ? "in_person" : "postal";
    form.setFieldsValue({ channel, handlingUnitId: unitId, resolution: "none", reason: undefined });
  }, [procedure, form, unitId]);

  const unitOptions = useMemo(
    () =>
      units
        .filter((unit) => !isAbolished(unit))
        .map((unit) => ({ value: unit.id, label: `${unit.name} (${unit.code})` })),
    [units],
  );

  const receive = (values: DeskValues) => {
    const reason = optional(values.reason);
    // The e-form is optional at the desk (the paper form is in the checklist); sent when filled in.
    const formData = eform ? formDataInput(eform.ui, values.formData) : null;
    const handlingUnitId =
      procedure?.locationIndependent && values.handlingUnitId && values.handlingUnitId !== unitId
        ? values.handlingUnitId
        : undefined;
    const decision = procedure?.onTheSpot && values.resolution !== "none" ? values.resolution : undefined;
    return dossiers.receive(
      {
        ...receptionInput(unitId, values, procedure),
        channel: values.channel ?? "in_person",
        serviceMode: values.serviceMode ?? "desk",
        sets: values.sets && values.sets > 0 ? values.sets : 1,
        ...(handlingUnitId ? { handlingUnitId } : {}),
        ...(formData && Object.keys(formData).length > 0 ? { formData } : {}),
        ...(decision
          ? { onTheSpot: { decision, ...(decision === "rejected" && reason ? { reason } : {}) } }
          : {}),
      },
      key.current(),
    );
  };
  const isField = isReceptionField(TOP_FIELDS, eform?.ui);
  const { onFinish, submitting, error } = useFormSubmit(form, isField, receive, (dossier) => {
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
      <ProcedureSection unitId={unitId} code={code} detail={detail} testId="desk" />

      {procedure && (
        <Card className="section-card" title={<h2 className="card-heading">{t("desk.dossierHeading")}</h2>}>
          <div aria-live="polite" data-testid="desk-problem">
            <ProblemAlert error={error} fields={isField} />
          </div>
          <ApplicantFields testId="desk" />
          <ChecklistFields testId="desk" />
          <ProblemAlert error={inForce.error} onRetry={inForce.reload} />
          {eform && <EformSection key={`${code}:${eform.id}`} eform={eform} testId="desk" optional />}
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
              <ResultDeliveryField name="desk-result-delivery" />
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
