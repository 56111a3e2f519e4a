// One step of the process builder: name, kind, role or agency, working hours, and the parallel
// group (opinion steps only), with buttons to move it up or down and to remove it.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Button, Col, Form, Input, InputNumber, Row } from "antd";
import type { ReactNode } from "react";
import { STEP_KINDS, STEP_ROLES } from "../../api/types";
import { LabelledSelect } from "../../components/LabelledSelect";
import { useI18n } from "../../i18n";
import { requiredRule } from "../org/formRules";
import type { AgencyGroup } from "./useUnitAgencies";

interface Props {
  name: number;
  index: number;
  count: number;
  agencies: AgencyGroup[];
  agenciesLoading: boolean;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
}

export function StepFields({ name, index, count, agencies, agenciesLoading, move, remove }: Props) {
  const { lang, t } = useI18n();
  const n = index + 1;
  const kind = Form.useWatch(["steps", name, "kind"]);
  const testId = `step-${index}`;
  const tool = (
    suffix: string,
    label: string,
    icon: ReactNode,
    onClick: () => void,
    disabled: boolean,
    danger = false,
  ) => (
    <Button
      type="text"
      danger={danger}
      icon={icon}
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      data-testid={`${testId}-${suffix}`}
    />
  );

  return (
    <fieldset className="list-editor step-editor" data-testid={testId}>
      <legend className="record-editor__heading">{t("processForm.stepHeading", { n })}</legend>
      <div className="step-editor__tools">
        {tool(
          "up",
          t("processForm.moveUp", { n }),
          <ArrowUpOutlined aria-hidden />,
          () => move(index, index - 1),
          index === 0,
        )}
        {tool(
          "down",
          t("processForm.moveDown", { n }),
          <ArrowDownOutlined aria-hidden />,
          () => move(index, index + 1),
          index === count - 1,
        )}
        {tool(
          "remove",
          t("processForm.remove", { n }),
          <DeleteOutlined aria-hidden />,
          () => remove(name),
          count === 1,
          true,
        )}
      </div>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item
            name={[name, "name"]}
            label={t("processForm.name", { n })}
            rules={[requiredRule(t, lang, t("processForm.nameShort"))]}
          >
            <Input maxLength={300} data-testid={`${testId}-name`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name={[name, "kind"]} label={t("processForm.kind", { n })}>
            <LabelledSelect
              listLabel={t("processForm.kind", { n })}
              data-testid={`${testId}-kind`}
              options={STEP_KINDS.map((value) => ({ value, label: t(`processAdmin.kinds.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item
            name={[name, "hours"]}
            label={t("processForm.hours", { n })}
            rules={[{ required: true, message: t("processForm.hoursRequired") }]}
          >
            <InputNumber
              min={0.5}
              max={10_000}
              step={0.5}
              className="full-width"
              data-testid={`${testId}-hours`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={[name, "role"]}
            label={t("processForm.role", { n })}
            dependencies={[["steps", name, "agencyId"]]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value || getFieldValue(["steps", name, "agencyId"])
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("processForm.roleOrAgency"))),
              }),
            ]}
          >
            <LabelledSelect
              listLabel={t("processForm.role", { n })}
              data-testid={`${testId}-role`}
              allowClear
              placeholder={t("processForm.none")}
              options={STEP_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={kind === "opinion" ? 9 : 16}>
          <Form.Item name={[name, "agencyId"]} label={t("processForm.agency", { n })}>
            <LabelledSelect
              listLabel={t("processForm.agency", { n })}
              data-testid={`${testId}-agency`}
              allowClear
              loading={agenciesLoading}
              placeholder={t("processForm.none")}
              options={agencies}
            />
          </Form.Item>
        </Col>
        {kind === "opinion" && (
          <Col xs={24} md={7}>
            <Form.Item
              name={[name, "parallelGroup"]}
              label={t("processForm.group", { n })}
              extra={t("processForm.groupHint")}
            >
              <Input maxLength={40} data-testid={`${testId}-group`} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </fieldset>
  );
}
