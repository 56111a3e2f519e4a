// "When is it due?": from a start time in Vietnam time, N working days, N working hours or the same
// day (15:00 cut-off), computed by the server with the unit's calendar.
import { CalculatorOutlined } from "@ant-design/icons";
import { Button, Col, Form, Input, InputNumber, Radio, Row } from "antd";
import { useState } from "react";
import { calendars, type DueRule } from "../../api/endpoints";
import type { DueDate } from "../../api/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormSubmit } from "../../components/useFormSubmit";
import { type Lang, useI18n } from "../../i18n";

type Mode = "workingDays" | "workingHours" | "sameDay";

interface DueValues {
  from: string;
  mode: Mode;
  amount?: number | null;
}

const VIETNAM_TZ = "Asia/Ho_Chi_Minh";
const FIELDS = ["from", "workingDays", "workingHours"] as const;

/** "YYYY-MM-DDTHH:MM" of the current moment in Vietnam time (UTC+7, no daylight saving). */
function nowInVietnam(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 16);
}

export function formatVietnamTime(instant: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: VIETNAM_TZ,
  }).format(new Date(instant));
}

function rule(values: DueValues): DueRule {
  if (values.mode === "sameDay") return { sameDay: true };
  const amount = values.amount ?? 0;
  return values.mode === "workingHours" ? { workingHours: amount } : { workingDays: amount };
}

export function DueCalculator({ unitId }: { unitId: string }) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<DueValues>();
  const mode = Form.useWatch("mode", form);
  const [result, setResult] = useState<DueDate | null>(null);
  const { onFinish, submitting, error } = useFormSubmit(
    form,
    FIELDS,
    (values: DueValues) => calendars.due(unitId, `${values.from.slice(0, 16)}:00+07:00`, rule(values)),
    (due) => setResult(due),
  );

  return (
    <Form<DueValues>
      form={form}
      name="due"
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={() => setResult(null)}
      initialValues={{ from: nowInVietnam(), mode: "workingDays", amount: 3 }}
      data-testid="due-form"
    >
      <Row gutter={16} align="bottom">
        <Col xs={24} md={8}>
          <Form.Item
            name="from"
            label={t("dueCalc.from")}
            rules={[{ required: true, message: t("dueCalc.fromRequired") }]}
          >
            <Input type="datetime-local" data-testid="due-from" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="mode" label={t("dueCalc.mode")}>
            <Radio.Group
              data-testid="due-mode"
              options={(["workingDays", "workingHours", "sameDay"] as const).map((value) => ({
                value,
                label: t(`dueCalc.modes.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name="amount"
            label={t("dueCalc.amount")}
            rules={mode === "sameDay" ? [] : [{ required: true, message: t("dueCalc.amountRequired") }]}
          >
            <InputNumber
              min={0}
              step={mode === "workingHours" ? 0.5 : 1}
              precision={mode === "workingHours" ? 2 : 0}
              disabled={mode === "sameDay"}
              className="full-width"
              data-testid="due-amount"
            />
          </Form.Item>
        </Col>
      </Row>
      <ProblemAlert error={error} fields={FIELDS} />
      <Button
        htmlType="submit"
        icon={<CalculatorOutlined aria-hidden />}
        loading={submitting}
        data-testid="due-submit"
      >
        {t("dueCalc.submit")}
      </Button>
      <div aria-live="polite" className="due-result">
        {result && (
          <p data-testid="due-result">
            <strong>{t("dueCalc.result", { due: formatVietnamTime(result.due, lang) })}</strong>{" "}
            <span className="text-secondary">
              {t("dueCalc.between", { hours: result.workingHoursBetween })}
            </span>
          </p>
        )}
      </div>
    </Form>
  );
}
