// One field of the form builder: kind, key, bilingual label and help, required, limits, options,
// prefill source and width, with buttons to move it up or down (keyboard reachable) or remove it.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Checkbox, Col, Form, type FormRule, Input, InputNumber, Radio, Row, Space } from "antd";
import { FIELD_KINDS, type FieldKind, PREFILL_SOURCES } from "../../../../src/modules/eforms/eform.model.ts";
import { LabelledSelect } from "../../components/LabelledSelect";
import { type TFunction, useI18n } from "../../i18n";
import { type BuilderValues, builderIssues, hasLength, hasOptions } from "./builderModel";

/** A Form.Item rule showing the builder's own check for the item at `path` (full name path). */
export function builderRule(t: TFunction, path: readonly (string | number)[]): FormRule {
  const id = path.join(".");
  return (form) => ({
    validator: () => {
      const issue = builderIssues(form.getFieldsValue(true) as BuilderValues).find(
        (i) => i.name.join(".") === id,
      );
      return issue ? Promise.reject(new Error(t(issue.message))) : Promise.resolve();
    },
  });
}

interface Props {
  /** The Form.List item name (index in the list). */
  name: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}

export function FieldEditor({ name, count, onMove, onRemove }: Props) {
  const { t } = useI18n();
  const kind = Form.useWatch(["fields", name, "kind"]) as FieldKind | undefined;
  const label = (Form.useWatch(["fields", name, "labelVi"]) as string | undefined) || "";
  const key = (Form.useWatch(["fields", name, "key"]) as string | undefined) || "";
  const n = name + 1;
  const what = label || key || String(n);
  const tid = `builder-field-${name}`;
  return (
    <fieldset className="checklist-editor eform-builder__field" data-testid={tid}>
      <legend>{t("eform.builder.fieldLegend", { n, label: what })}</legend>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={[name, "kind"]}
            label={t("eform.builder.kind")}
            rules={[builderRule(t, ["fields", name, "kind"])]}
          >
            <LabelledSelect<FieldKind>
              listLabel={t("eform.builder.kind")}
              data-testid={`${tid}-kind`}
              options={FIELD_KINDS.map((k) => ({ value: k, label: t(`eform.kind.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={[name, "key"]}
            label={t("eform.builder.key")}
            extra={t("eform.builder.keyHint")}
            rules={[builderRule(t, ["fields", name, "key"])]}
          >
            <Input maxLength={40} autoComplete="off" spellCheck={false} data-testid={`${tid}-key`} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={[name, "labelVi"]}
            label={t("eform.builder.labelVi")}
            required
            rules={[builderRule(t, ["fields", name, "labelVi"])]}
          >
            <Input maxLength={200} data-testid={`${tid}-label-vi`} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, "labelEn"]} label={t("eform.builder.labelEn")}>
            <Input maxLength={200} data-testid={`${tid}-label-en`} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, "helpVi"]} label={t("eform.builder.helpVi")}>
            <Input maxLength={500} data-testid={`${tid}-help-vi`} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, "helpEn"]} label={t("eform.builder.helpEn")}>
            <Input maxLength={500} data-testid={`${tid}-help-en`} />
          </Form.Item>
        </Col>
        {hasLength(kind) && (
          <>
            <Col xs={12} sm={6}>
              <Form.Item name={[name, "minLength"]} label={t("eform.builder.minLength")}>
                <InputNumber min={0} max={10000} precision={0} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item
                name={[name, "maxLength"]}
                label={t("eform.builder.maxLength")}
                dependencies={[["fields", name, "minLength"]]}
                rules={[builderRule(t, ["fields", name, "maxLength"])]}
              >
                <InputNumber min={1} max={10000} precision={0} className="full-width" />
              </Form.Item>
            </Col>
          </>
        )}
        {kind === "number" && (
          <>
            <Col xs={12} sm={6}>
              <Form.Item name={[name, "minimum"]} label={t("eform.builder.minimum")}>
                <InputNumber className="full-width" data-testid={`${tid}-minimum`} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item
                name={[name, "maximum"]}
                label={t("eform.builder.maximum")}
                dependencies={[["fields", name, "minimum"]]}
                rules={[builderRule(t, ["fields", name, "maximum"])]}
              >
                <InputNumber className="full-width" data-testid={`${tid}-maximum`} />
              </Form.Item>
            </Col>
          </>
        )}
        <Col xs={24} sm={12}>
          <Form.Item name={[name, "prefill"]} label={t("eform.builder.prefill")}>
            <LabelledSelect<string>
              listLabel={t("eform.builder.prefill")}
              allowClear
              placeholder={t("eform.prefill.none")}
              options={PREFILL_SOURCES.map((p) => ({ value: p, label: t(`eform.prefill.${p}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[name, "width"]} label={t("eform.builder.width")}>
            <Radio.Group
              name={`${tid}-width`}
              aria-label={t("eform.builder.width")}
              options={(["full", "half"] as const).map((w) => ({ value: w, label: t(`eform.width.${w}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name={[name, "required"]} valuePropName="checked">
            <Checkbox data-testid={`${tid}-required`}>{t("eform.builder.required")}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      {hasOptions(kind) && (
        <Form.List name={[name, "options"]}>
          {(options, { add, remove }) => (
            <div className="eform-builder__options" data-testid={`${tid}-options`}>
              <p className="field-label">{t("eform.builder.options")}</p>
              {options.map((option) => (
                <Row gutter={8} key={option.key} align="top">
                  <Col xs={24} sm={6}>
                    <Form.Item
                      name={[option.name, "value"]}
                      label={t("eform.builder.optionValue")}
                      rules={[builderRule(t, ["fields", name, "options", option.name, "value"])]}
                    >
                      <Input maxLength={100} data-testid={`${tid}-option-${option.name}-value`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item
                      name={[option.name, "labelVi"]}
                      label={t("eform.builder.labelVi")}
                      required
                      rules={[builderRule(t, ["fields", name, "options", option.name, "labelVi"])]}
                    >
                      <Input maxLength={200} data-testid={`${tid}-option-${option.name}-label-vi`} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={8}>
                    <Form.Item name={[option.name, "labelEn"]} label={t("eform.builder.labelEn")}>
                      <Input maxLength={200} data-testid={`${tid}-option-${option.name}-label-en`} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} className="eform-builder__option-remove">
                    <Button
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t("eform.builder.removeOption", { n: option.name + 1 })}
                      onClick={() => remove(option.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ value: "", labelVi: "", labelEn: "" })}
                data-testid={`${tid}-add-option`}
              >
                {t("eform.builder.addOption")}
              </Button>
            </div>
          )}
        </Form.List>
      )}
      <Space wrap className="eform-builder__field-actions">
        <Button
          id={`${tid}-up`}
          icon={<ArrowUpOutlined aria-hidden />}
          disabled={name === 0}
          onClick={() => onMove(name, name - 1)}
          aria-label={t("eform.builder.moveUp", { label: what })}
          data-testid={`${tid}-up`}
        />
        <Button
          id={`${tid}-down`}
          icon={<ArrowDownOutlined aria-hidden />}
          disabled={name === count - 1}
          onClick={() => onMove(name, name + 1)}
          aria-label={t("eform.builder.moveDown", { label: what })}
          data-testid={`${tid}-down`}
        />
        <Button
          danger
          icon={<DeleteOutlined aria-hidden />}
          onClick={() => onRemove(name)}
          data-testid={`${tid}-remove`}
        >
          {t("eform.builder.removeField")}
        </Button>
      </Space>
    </fieldset>
  );
}
