// The builder's live preview: the form as applicants will see it (EformFields), in its own antd
// form, with a "try validation" button that runs the same checks the server will run.
import { CheckCircleOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Form } from "antd";
import { useMemo, useState } from "react";
import { fieldsToForm } from "../../../../src/modules/eforms/eform.model.ts";
import { EformFields } from "../../components/eform/EformFields";
import { useI18n } from "../../i18n";
import { type FieldValues, previewFields } from "./builderModel";

interface Props {
  title: string | undefined;
  fields: FieldValues[] | undefined;
}

export function FormPreview({ title, fields }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [checked, setChecked] = useState<"valid" | "invalid" | null>(null);
  // A new schema object only when the form really changed (the validator is memoised per schema).
  const json = JSON.stringify(fieldsToForm(title ?? "", previewFields(fields)));
  const preview = useMemo(() => JSON.parse(json) as ReturnType<typeof fieldsToForm>, [json]);

  const check = () =>
    form.validateFields().then(
      () => setChecked("valid"),
      () => setChecked("invalid"),
    );

  return (
    <section className="eform-preview" aria-labelledby="eform-preview-heading" data-testid="builder-preview">
      <h2 id="eform-preview-heading" className="card-heading">
        {t("eform.builder.previewHeading")}
      </h2>
      <p className="text-secondary">{t("eform.builder.previewHint")}</p>
      {title && <h3 className="eform-preview__title">{title}</h3>}
      {preview.ui.order.length === 0 ? (
        <Empty description={t("eform.builder.previewEmpty")} />
      ) : (
        <Form
          form={form}
          name="eform-preview"
          layout="vertical"
          onValuesChange={() => setChecked(null)}
          onFinish={() => undefined}
        >
          <EformFields schema={preview.schema} ui={preview.ui} testId="preview" />
          <Button
            icon={<CheckCircleOutlined aria-hidden />}
            onClick={check}
            data-testid="builder-preview-check"
          >
            {t("eform.builder.previewCheck")}
          </Button>
          <div aria-live="polite">
            {checked === "valid" && (
              <Alert
                type="success"
                showIcon
                className="problem-alert"
                title={t("eform.builder.previewValid")}
              />
            )}
          </div>
        </Form>
      )}
    </section>
  );
}
