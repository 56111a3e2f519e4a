// Renders an e-form (tờ khai điện tử) inside a parent antd <Form>: one Form.Item per field under
// `formData.<key>`, labels and help in the current language, validated in the browser by the
// server's own `validateFormData`, so errors show next to the field before anything is sent.
import { Checkbox, Col, Form, type FormRule, Input, InputNumber, Radio, Row } from "antd";
import { type ReactNode, useEffect } from "react";
import { useI18n } from "../../i18n";
import { LabelledSelect } from "../LabelledSelect";
import { formDataInput } from "./formData";
import type { EformSchema, EformUi, PrefillOrigin } from "./types";
import { useEformValidator } from "./validation";

export interface EformFieldsProps {
  schema: EformSchema;
  ui: EformUi;
  disabled?: boolean;
  /** Keys filled in from elsewhere (portal prefill): a hint says where from. */
  prefilledFrom?: Record<string, PrefillOrigin>;
  /** data-testid prefix of the inputs ("eform" → "eform-<key>"). */
  testId?: string;
  /**
   * The whole form may be left empty (the desk: the applicant brought the paper form); once any
   * field is filled in, every rule applies, as on the server.
   */
  optional?: boolean;
}

export function EformFields({
  schema,
  ui,
  disabled,
  prefilledFrom,
  testId = "eform",
  optional = false,
}: EformFieldsProps) {
  const { lang, t } = useI18n();
  const form = Form.useFormInstance();
  const validator = useEformValidator(schema, ui);

  // Error texts are plain strings inside antd: put the browser's own ones in the new language.
  useEffect(() => {
    const values = form.getFieldValue("formData") as Record<string, unknown> | undefined;
    const issues = validator.validate(values);
    const shown = issues.filter((i) => form.getFieldError(["formData", i.field]).length > 0);
    if (shown.length > 0)
      form.setFields(
        shown.map((i) => ({ name: ["formData", i.field], errors: [i.message[lang] || i.message.vi] })),
      );
  }, [lang, form, validator]);

  const ruleFor =
    (key: string): FormRule =>
    (instance) => {
      const rule = validator.ruleFor(key, lang);
      return {
        validator: (r, value, callback) => {
          const values = instance.getFieldValue("formData") as Record<string, unknown> | undefined;
          if (optional && Object.keys(formDataInput(ui, values)).length === 0) return Promise.resolve();
          return rule.validator!(r, value, callback) as Promise<void>;
        },
      };
    };

  return (
    <Row gutter={16} className="eform-fields" data-testid={`${testId}-fields`}>
      {ui.order.map((key) => {
        const field = ui.fields[key];
        const property = schema.properties[key];
        if (!field || !property) return null;
        const label = field.label[lang] || field.label.vi;
        const help = field.help ? field.help[lang] || field.help.vi : null;
        const origin = prefilledFrom?.[key];
        const extra: ReactNode =
          help || origin ? (
            <>
              {help && <span className="eform-help">{help}</span>}
              {help && origin && " "}
              {origin && (
                <span className="eform-prefilled" data-testid={`${testId}-${key}-prefilled`}>
                  {t(`eform.prefilled.${origin}`)}
                </span>
              )}
            </>
          ) : undefined;
        const required = schema.required.includes(key);
        const testid = `${testId}-${key}`;
        const isCheckbox = field.kind === "checkbox";
        const control = (() => {
          switch (field.kind) {
            case "textarea":
              return (
                <Input.TextArea
                  maxLength={property.maxLength}
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  disabled={disabled}
                  data-testid={testid}
                />
              );
            case "number":
              return (
                <InputNumber
                  min={property.minimum}
                  max={property.maximum}
                  className="full-width"
                  disabled={disabled}
                  data-testid={testid}
                />
              );
            case "date":
              return <Input type="date" disabled={disabled} data-testid={testid} />;
            case "email":
              return (
                <Input type="email" maxLength={property.maxLength} disabled={disabled} data-testid={testid} />
              );
            case "phone":
              return (
                <Input type="tel" inputMode="tel" maxLength={10} disabled={disabled} data-testid={testid} />
              );
            case "id_number":
              return (
                <Input
                  inputMode="numeric"
                  maxLength={12}
                  autoComplete="off"
                  disabled={disabled}
                  data-testid={testid}
                />
              );
            case "select":
              return (
                <LabelledSelect<string>
                  listLabel={label}
                  allowClear={!required}
                  disabled={disabled}
                  data-testid={testid}
                  options={(field.options ?? []).map((o) => ({
                    value: o.value,
                    label: o.label[lang] || o.label.vi,
                  }))}
                />
              );
            case "radio":
              return (
                <Radio.Group
                  name={testid}
                  aria-label={label}
                  disabled={disabled}
                  data-testid={testid}
                  options={(field.options ?? []).map((o) => ({
                    value: o.value,
                    label: o.label[lang] || o.label.vi,
                  }))}
                />
              );
            case "checkbox":
              return (
                <Checkbox disabled={disabled} data-testid={testid}>
                  {label}
                  {required && <span className="eform-required-mark"> *</span>}
                </Checkbox>
              );
            default:
              return (
                <Input
                  maxLength={property.maxLength}
                  disabled={disabled}
                  autoComplete="off"
                  data-testid={testid}
                />
              );
          }
        })();
        return (
          <Col key={key} xs={24} md={field.width === "half" ? 12 : 24}>
            <Form.Item
              name={["formData", key]}
              label={isCheckbox ? undefined : label}
              required={required}
              extra={extra}
              valuePropName={isCheckbox ? "checked" : "value"}
              rules={[ruleFor(key)]}
            >
              {control}
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}
