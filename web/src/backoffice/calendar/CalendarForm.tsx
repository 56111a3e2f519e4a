// Edit a unit's working calendar (unit administrators, system administrators): working-hour
// intervals, weekly working days, the day next to 2 September (default and per year), extra days
// off and make-up working days. Saving stores a new version; field errors land on their fields.
import { DeleteOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, Col, Form, Input, InputNumber, Radio, Row } from "antd";
import { calendars } from "../../api/endpoints";
import { ISO_WEEKDAYS, type UnitCalendar } from "../../api/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { type CalendarFormValues, isCalendarField, toBody, toFormValues } from "./calendarValues";
import { DateNoteList } from "./DateNoteList";

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button
      danger
      type="text"
      icon={<DeleteOutlined aria-hidden />}
      aria-label={label}
      title={label}
      onClick={onClick}
      className="list-row__remove"
    />
  );
}

function WorkingHoursList() {
  const { t } = useI18n();
  const required = { required: true, message: t("calendarForm.timeRequired") };
  return (
    <Form.List name={["config", "workingHours"]}>
      {(fields, { add, remove }) => (
        <fieldset className="list-editor" data-testid="calendar-hours">
          <legend className="record-editor__heading">{t("calendarForm.hoursHeading")}</legend>
          {fields.map((field, index) => (
            <Row gutter={12} key={field.key} className="list-row" align="top">
              <Col xs={10} md={6}>
                <Form.Item
                  name={[field.name, "start"]}
                  label={t("calendarForm.start", { n: index + 1 })}
                  rules={[required]}
                >
                  <Input type="time" data-testid={`calendar-hours-${index}-start`} />
                </Form.Item>
              </Col>
              <Col xs={10} md={6}>
                <Form.Item
                  name={[field.name, "end"]}
                  label={t("calendarForm.end", { n: index + 1 })}
                  dependencies={[["config", "workingHours", field.name, "start"]]}
                  rules={[
                    required,
                    ({ getFieldValue }) => ({
                      validator: (_, end?: string) => {
                        const start: string | undefined = getFieldValue([
                          "config",
                          "workingHours",
                          field.name,
                          "start",
                        ]);
                        return !end || !start || end > start
                          ? Promise.resolve()
                          : Promise.reject(new Error(t("calendarForm.endAfterStart")));
                      },
                    }),
                  ]}
                >
                  <Input type="time" data-testid={`calendar-hours-${index}-end`} />
                </Form.Item>
              </Col>
              <Col xs={4} md={1}>
                {fields.length > 1 && (
                  <RemoveButton
                    label={t("calendarForm.removeInterval", { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                )}
              </Col>
            </Row>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({})}
            data-testid="calendar-hours-add"
          >
            {t("calendarForm.addInterval")}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

function AdjacentDayFields() {
  const { t } = useI18n();
  const choices = (["before", "after"] as const).map((value) => ({
    value,
    label: t(`calendarForm.adjacent.${value}`),
  }));
  return (
    <fieldset className="list-editor" data-testid="calendar-adjacent">
      <legend className="record-editor__heading">{t("calendarForm.adjacentHeading")}</legend>
      <Form.Item name={["config", "nationalDayAdjacent"]} label={t("calendarForm.adjacentDefault")}>
        <Radio.Group options={choices} />
      </Form.Item>
      <Form.List name={["config", "adjacentByYear"]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Row gutter={12} key={field.key} className="list-row" align="top">
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[field.name, "year"]}
                    label={t("calendarForm.adjacentYear", { n: index + 1 })}
                    rules={[{ required: true, message: t("calendarForm.yearRequired") }]}
                  >
                    <InputNumber min={1900} max={2100} precision={0} className="full-width" />
                  </Form.Item>
                </Col>
                <Col xs={20} md={12}>
                  <Form.Item
                    name={[field.name, "choice"]}
                    label={t("calendarForm.adjacentChoice", { n: index + 1 })}
                  >
                    <Radio.Group options={choices} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  <RemoveButton
                    label={t("calendarForm.removeRow", { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ choice: "before" })}
              data-testid="calendar-adjacent-add"
            >
              {t("calendarForm.addAdjacentYear")}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

export function CalendarForm({
  unitId,
  calendar,
  onSaved,
}: {
  unitId: string;
  calendar: UnitCalendar;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CalendarFormValues>();
  const { onFinish, submitting, error } = useFormSubmit(
    form,
    isCalendarField,
    (values: CalendarFormValues) => calendars.save(unitId, toBody(values)),
    () => {
      message.success(t("calendarForm.saved"));
      onSaved();
    },
  );
  const inherited = calendar.source?.unitId !== unitId;

  return (
    <Form<CalendarFormValues>
      form={form}
      name="calendar"
      layout="vertical"
      onFinish={onFinish}
      initialValues={toFormValues(calendar.config)}
      scrollToFirstError={{ block: "center" }}
      data-testid="calendar-form"
    >
      {inherited && <p className="text-secondary">{t("calendarForm.inheritedHint")}</p>}
      <WorkingHoursList />
      <Form.Item
        name={["config", "weeklyWorkingDays"]}
        label={t("calendarForm.weeklyDays")}
        rules={[
          {
            validator: (_, value?: number[]) =>
              value && value.length > 0
                ? Promise.resolve()
                : Promise.reject(new Error(t("calendarForm.weeklyRequired"))),
          },
        ]}
      >
        <Checkbox.Group
          aria-label={t("calendarForm.weeklyDays")}
          data-testid="calendar-weekdays"
          options={ISO_WEEKDAYS.map((day) => ({ value: day, label: t(`calendarAdmin.weekday.${day}`) }))}
        />
      </Form.Item>
      <AdjacentDayFields />
      <DateNoteList
        name="extraDaysOff"
        heading={t("calendarForm.extraOffHeading")}
        addLabel={t("calendarForm.addDayOff")}
        testId="calendar-days-off"
      />
      <DateNoteList
        name="makeUpWorkingDays"
        heading={t("calendarForm.makeUpHeading")}
        addLabel={t("calendarForm.addMakeUp")}
        testId="calendar-make-up"
      />
      <Form.Item name="note" label={t("calendarForm.versionNote")}>
        <Input maxLength={500} data-testid="calendar-note" />
      </Form.Item>
      <div aria-live="polite">
        <ProblemAlert error={error} fields={isCalendarField} />
      </div>
      <Button
        type="primary"
        htmlType="submit"
        icon={<SaveOutlined aria-hidden />}
        loading={submitting}
        data-testid="calendar-submit"
      >
        {t("calendarForm.submit")}
      </Button>
    </Form>
  );
}
