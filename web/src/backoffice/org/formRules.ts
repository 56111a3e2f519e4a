import type { FormRule } from "antd";
import type { Lang, TFunction } from "../../i18n";

/** "Please enter <label>" in the current language, for a required text field. */
export function requiredRule(t: TFunction, lang: Lang, label: string): FormRule {
  return {
    required: true,
    whitespace: true,
    message: t("orgForms.required", { field: label.toLocaleLowerCase(lang === "vi" ? "vi-VN" : "en-GB") }),
  };
}

/** Drops empty optional strings so the server sees the field as absent. */
export function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
