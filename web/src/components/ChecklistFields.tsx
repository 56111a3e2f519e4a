// The document checklist of a dossier form: one row per required document of the procedure, with
// "provided" and the number of copies. Name and form stay in the list's values (Form.List keeps
// whole items), so only the editable parts are fields.
import { Checkbox, Form, InputNumber } from "antd";
import type { ChecklistItem } from "../api/types";
import { useI18n } from "../i18n";

export function ChecklistFields({ testId }: { testId: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  return (
    <Form.List name="documents">
      {(fields) => (
        <fieldset className="checklist-editor" data-testid={`${testId}-documents`}>
          <legend>{t("dossier.documentsHeading")}</legend>
          <p className="text-secondary">{t("dossier.documentsHint")}</p>
          {fields.length === 0 && <p>{t("procedure.noDocuments")}</p>}
          {fields.map((field, index) => {
            const item = form.getFieldValue(["documents", field.name]) as ChecklistItem | undefined;
            return (
              <div className="checklist-row" key={field.key} data-testid={`${testId}-document`}>
                <Form.Item
                  name={[field.name, "provided"]}
                  valuePropName="checked"
                  className="checklist-row__doc"
                >
                  <Checkbox data-testid={`${testId}-document-provided`}>
                    {index + 1}. {item?.name ?? ""}{" "}
                    {item?.form ? (
                      <span className="doc-checklist__meta">({t(`catalog.documentForm.${item.form}`)})</span>
                    ) : null}
                  </Checkbox>
                </Form.Item>
                <span className="checklist-row__count">
                  <Form.Item name={[field.name, "count"]}>
                    <InputNumber
                      min={1}
                      max={100}
                      precision={0}
                      aria-label={t("dossier.docCountLabel", { n: index + 1 })}
                    />
                  </Form.Item>
                  <span aria-hidden className="doc-checklist__meta">
                    {t("dossier.copies")}
                  </span>
                </span>
              </div>
            );
          })}
        </fieldset>
      )}
    </Form.List>
  );
}
