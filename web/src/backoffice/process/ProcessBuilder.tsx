// Approve a new version of a procedure's internal process: the decision (number, date) and the
// ordered steps. The total against the legal deadline and the draft's timeline update as the user
// types; the server has the last word (it refuses a process longer than the deadline).
import { PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { App, Button, Col, Form, Input, Row } from "antd";
import { processes } from "../../api/endpoints";
import type { ProcessView } from "../../api/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { requiredRule } from "../org/formRules";
import { DeadlineBar } from "./DeadlineBar";
import { ProcessTimeline } from "./ProcessTimeline";
import { stepSchedule, totalHours } from "./processMath";
import {
  effectiveGroup,
  emptyStep,
  isProcessField,
  type ProcessFormValues,
  type StepValues,
  toBody,
  toFormValues,
} from "./processValues";
import { StepFields } from "./StepFields";
import type { AgencyGroup } from "./useUnitAgencies";

interface Props {
  unitId: string;
  view: ProcessView;
  agencies: AgencyGroup[];
  agenciesLoading: boolean;
  onSaved: () => void;
}

function DraftOverview({ steps, limit }: { steps: StepValues[]; limit: number }) {
  const { t } = useI18n();
  const timed = steps.map((step) => ({
    hours: step?.hours ?? 0,
    parallelGroup: step ? effectiveGroup(step) : undefined,
  }));
  const schedule = stepSchedule(timed);
  return (
    <>
      <DeadlineBar total={totalHours(timed)} limit={limit} testId="draft-deadline" />
      <h4 className="record-editor__heading">{t("processForm.draftTimeline")}</h4>
      <ProcessTimeline
        testId="draft-timeline"
        limit={limit}
        steps={steps.map((step, index) => ({
          name: step?.name ?? "",
          kind: step?.kind ?? "step",
          parallelGroup: step ? effectiveGroup(step) : undefined,
          ...schedule[index]!,
        }))}
      />
    </>
  );
}

export function ProcessBuilder({ unitId, view, agencies, agenciesLoading, onSaved }: Props) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProcessFormValues>();
  const steps = (Form.useWatch("steps", form) ?? []) as StepValues[];
  const { onFinish, submitting, error } = useFormSubmit(
    form,
    isProcessField,
    (values: ProcessFormValues) => processes.save(unitId, view.procedure.code, toBody(values)),
    (saved) => {
      message.success(t("processForm.saved", { version: saved.current?.version ?? "" }));
      onSaved();
    },
  );

  return (
    <Form<ProcessFormValues>
      form={form}
      name="process"
      layout="vertical"
      onFinish={onFinish}
      initialValues={toFormValues(view)}
      scrollToFirstError={{ block: "center" }}
      data-testid="process-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="decisionRef"
            label={t("processAdmin.decisionRef")}
            rules={[requiredRule(t, lang, t("processAdmin.decisionRef"))]}
          >
            <Input maxLength={120} placeholder="12/QĐ-UBND" data-testid="process-decision-ref" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="approvedOn"
            label={t("processAdmin.approvedOn")}
            rules={[requiredRule(t, lang, t("processAdmin.approvedOn"))]}
          >
            <Input type="date" data-testid="process-approved-on" />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="steps">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((field, index) => (
              <StepFields
                key={field.key}
                name={field.name}
                index={index}
                count={fields.length}
                agencies={agencies}
                agenciesLoading={agenciesLoading}
                move={move}
                remove={remove}
              />
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add(emptyStep())}
              data-testid="process-add-step"
              className="publish-add-change"
            >
              {t("processForm.addStep")}
            </Button>
          </>
        )}
      </Form.List>
      <DraftOverview steps={steps} limit={view.deadlineHours} />
      <div aria-live="polite" data-testid="process-problem">
        <ProblemAlert error={error} fields={isProcessField} />
      </div>
      <Button
        type="primary"
        htmlType="submit"
        icon={<SaveOutlined aria-hidden />}
        loading={submitting}
        data-testid="process-submit"
      >
        {t("processForm.submit")}
      </Button>
    </Form>
  );
}
