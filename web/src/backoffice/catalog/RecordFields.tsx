// The procedure record editor (inside one change of the decision form): identity, levels,
// channels, deadline, result and flags; the lists (fees, documents, legal basis) are RecordLists.
import { Checkbox, Col, Form, Input, InputNumber, Radio, Row } from "antd";
import type { ComponentProps } from "react";
import { DEADLINE_KINDS, ONLINE_LEVELS, UNIT_LEVELS } from "../../api/types";
import { LabelledSelect } from "../../components/LabelledSelect";
import { useI18n } from "../../i18n";
import { requiredRule } from "../org/formRules";
import { RecordLists } from "./RecordLists";

type Path = (string | number)[];

type LevelCheckboxesProps = ComponentProps<typeof Checkbox.Group> & { "aria-required"?: unknown };

/**
 * A checkbox group (role="group") under a required Form.Item: antd adds aria-required, which a
 * group may not carry (axe: aria-allowed-attr); the required state shows in the label and message.
 */
function LevelCheckboxes({ "aria-required": _required, ...props }: LevelCheckboxesProps) {
  return <Checkbox.Group {...props} />;
}

interface Props {
  /** The record's path inside the changes list, e.g. [0, "record"]. */
  prefix: Path;
  /** The record's absolute path in the form, e.g. ["changes", 0, "record"]. */
  absolute: Path;
  testId: string;
  sectorListId?: string;
}

export function RecordFields({ prefix, absolute, testId, sectorListId }: Props) {
  const { lang, t } = useI18n();
  const deadlineKind = Form.useWatch([...absolute, "deadline", "kind"]);
  const sameDay = deadlineKind === "same_day";

  return (
    <div className="record-editor" data-testid={`${testId}-record`}>
      <h4 className="record-editor__heading">{t("publish.generalHeading")}</h4>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item
            name={[...prefix, "name"]}
            label={t("publish.name")}
            rules={[requiredRule(t, lang, t("publish.name"))]}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid={`${testId}-name`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={[...prefix, "sector"]}
            label={t("publish.sector")}
            rules={[requiredRule(t, lang, t("publish.sector"))]}
          >
            <Input list={sectorListId} autoComplete="off" data-testid={`${testId}-sector`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={[...prefix, "levels"]}
            label={t("publish.levels")}
            rules={[{ required: true, type: "array", min: 1, message: t("publish.levelsRequired") }]}
          >
            <LevelCheckboxes
              aria-label={t("publish.levels")}
              data-testid={`${testId}-levels`}
              options={UNIT_LEVELS.map((level) => ({ value: level, label: t(`level.${level}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={[...prefix, "executingAgency"]} label={t("publish.executingAgency")}>
            <Input data-testid={`${testId}-agency`} />
          </Form.Item>
        </Col>
      </Row>

      <h4 className="record-editor__heading">{t("publish.channelsHeading")}</h4>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={[...prefix, "channels", "online"]} label={t("publish.online")}>
            <Radio.Group
              options={ONLINE_LEVELS.map((online) => ({
                value: online,
                label: t(`catalog.online.${online}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...prefix, "channels", "inPerson"]}
            valuePropName="checked"
            className="form-item-compact"
          >
            <Checkbox>{t("publish.inPerson")}</Checkbox>
          </Form.Item>
          <Form.Item
            name={[...prefix, "channels", "postal"]}
            valuePropName="checked"
            className="form-item-compact"
          >
            <Checkbox>{t("publish.postal")}</Checkbox>
          </Form.Item>
          <Form.Item name={[...prefix, "onTheSpot"]} valuePropName="checked" className="form-item-compact">
            <Checkbox>{t("publish.onTheSpot")}</Checkbox>
          </Form.Item>
        </Col>
      </Row>

      <h4 className="record-editor__heading">{t("publish.deadlineHeading")}</h4>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={[...prefix, "deadline", "kind"]} label={t("publish.deadlineKind")}>
            <LabelledSelect
              listLabel={t("publish.deadlineKind")}
              data-testid={`${testId}-deadline-kind`}
              options={DEADLINE_KINDS.map((kind) => ({
                value: kind,
                label: t(`publish.deadlineKinds.${kind}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={4}>
          <Form.Item
            name={[...prefix, "deadline", "value"]}
            label={t("publish.deadlineValue")}
            rules={sameDay ? [] : [{ required: true, message: t("publish.deadlineValueRequired") }]}
          >
            <InputNumber
              min={0.5}
              max={3650}
              step={1}
              disabled={sameDay}
              className="full-width"
              data-testid={`${testId}-deadline-value`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[...prefix, "deadline", "note"]} label={t("publish.deadlineNote")}>
            <Input />
          </Form.Item>
        </Col>
      </Row>

      <RecordLists prefix={prefix} testId={testId} />

      <h4 className="record-editor__heading">{t("publish.otherHeading")}</h4>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={[...prefix, "resultType"]} label={t("publish.resultType")}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[...prefix, "locationIndependent"]} label={t("publish.locationIndependent")}>
            <Radio.Group
              options={[
                { value: "yes", label: t("procedure.yes") },
                { value: "no", label: t("procedure.no") },
                { value: "unknown", label: t("procedure.unknown") },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[...prefix, "source"]} label={t("publish.source")}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[...prefix, "notes"]} label={t("publish.notes")}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}
