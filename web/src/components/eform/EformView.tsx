// A dossier's filled e-form, read-only: each field's label and the value entered, in the form's
// order and the current language (options by their label, dates and booleans formatted).
import { Descriptions } from "antd";
import { formatDate, useI18n } from "../../i18n";
import type { EformSchema, EformUi, FormData } from "./types";

interface Props {
  eform: { title: string; revision: number; schema: EformSchema; ui: EformUi };
  formData: FormData | null | undefined;
  testId?: string;
}

export function EformView({ eform, formData, testId = "eform-view" }: Props) {
  const { lang, t } = useI18n();
  const data = formData ?? {};
  const items = eform.ui.order.flatMap((key) => {
    const field = eform.ui.fields[key];
    if (!field) return [];
    const raw = data[key];
    let value: string;
    if (raw === undefined || raw === null || raw === "") value = t("eform.view.empty");
    else if (typeof raw === "boolean") value = raw ? t("eform.view.yes") : t("eform.view.no");
    else if (field.kind === "date" && typeof raw === "string") value = formatDate(raw, lang);
    else if (field.kind === "select" || field.kind === "radio") {
      const option = field.options?.find((o) => o.value === raw);
      value = option ? option.label[lang] || option.label.vi : String(raw);
    } else if (typeof raw === "number") value = raw.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB");
    else value = String(raw);
    return [
      {
        key,
        label: field.label[lang] || field.label.vi,
        children: <span data-testid={`${testId}-${key}`}>{value}</span>,
      },
    ];
  });
  return (
    <section className="eform-view" data-testid={testId} aria-label={eform.title}>
      <p className="text-secondary">
        {t("eform.view.caption", { title: eform.title, revision: eform.revision })}
      </p>
      <Descriptions column={1} size="small" bordered items={items} />
    </section>
  );
}
