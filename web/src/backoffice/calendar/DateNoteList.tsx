// A Form.List of dates with an optional note: the unit's extra days off or its make-up working days.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Col, Form, Input, Row } from "antd";
import { useI18n } from "../../i18n";

interface Props {
  name: "extraDaysOff" | "makeUpWorkingDays";
  heading: string;
  addLabel: string;
  testId: string;
}

export function DateNoteList({ name, heading, addLabel, testId }: Props) {
  const { t } = useI18n();
  return (
    <Form.List name={["config", name]}>
      {(fields, { add, remove }) => (
        <fieldset className="list-editor" data-testid={testId}>
          <legend className="record-editor__heading">{heading}</legend>
          {fields.length === 0 && <p className="text-secondary">{t("calendarForm.noRows")}</p>}
          {fields.map((field, index) => (
            <Row gutter={12} key={field.key} className="list-row" align="top">
              <Col xs={24} md={8}>
                <Form.Item
                  name={[field.name, "date"]}
                  label={t("calendarForm.date", { n: index + 1 })}
                  rules={[{ required: true, message: t("calendarForm.dateRequired") }]}
                >
                  <Input type="date" data-testid={`${testId}-${index}-date`} />
                </Form.Item>
              </Col>
              <Col xs={20} md={15}>
                <Form.Item name={[field.name, "note"]} label={t("calendarForm.rowNote", { n: index + 1 })}>
                  <Input maxLength={500} data-testid={`${testId}-${index}-note`} />
                </Form.Item>
              </Col>
              <Col xs={4} md={1}>
                <Button
                  danger
                  type="text"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t("calendarForm.removeRow", { n: index + 1 })}
                  title={t("calendarForm.removeRow", { n: index + 1 })}
                  onClick={() => remove(field.name)}
                  className="list-row__remove"
                />
              </Col>
            </Row>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})} data-testid={`${testId}-add`}>
            {addLabel}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}
