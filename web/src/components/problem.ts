// Turns API errors into text in the current language, and field errors into antd form errors.
import type { FormInstance } from "antd";
import { ApiError } from "../api/client";
import type { FieldProblem } from "../api/types";
import type { Lang, TFunction } from "../i18n";

export function problemText(error: unknown, lang: Lang, t: TFunction): string {
  if (error instanceof ApiError) {
    const message = error.problem?.message;
    if (message?.[lang]) return message[lang];
    if (error.status === 0) return t("errors.network");
    if (error.status === 429) return t("errors.rateLimited");
    if (error.status === 403) return t("errors.forbidden");
    if (error.status >= 500) return t("errors.server");
    if (error.problem?.title) return error.problem.title;
  }
  return t("errors.unexpected");
}

/** The form fields that show their own errors: a list of names, or a test for nested forms. */
export type FieldFilter = readonly string[] | ((field: string) => boolean);

export function matchesField(fields: FieldFilter, field: string): boolean {
  return typeof fields === "function" ? fields(field) : fields.includes(field);
}

/** "changes.0.record.name" → ["changes", 0, "record", "name"] (Form.List indexes are numbers). */
export function toNamePath(field: string): (string | number)[] {
  return field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function fieldProblems(error: unknown): FieldProblem[] {
  return error instanceof ApiError ? (error.problem?.errors ?? []) : [];
}

/**
 * Shows each field problem under its form field. With `onlyShown`, refreshes only fields that still
 * show an error (used on a language switch, so errors the user has since fixed stay gone).
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  lang: Lang,
  fields: FieldFilter,
  onlyShown = false,
): void {
  const byField = new Map<string, string[]>();
  for (const problem of fieldProblems(error)) {
    if (!matchesField(fields, problem.field)) continue;
    if (onlyShown && form.getFieldError(toNamePath(problem.field)).length === 0) continue;
    const messages = byField.get(problem.field) ?? [];
    messages.push(problem.message[lang] || problem.message.vi);
    byField.set(problem.field, messages);
  }
  if (byField.size > 0) {
    form.setFields([...byField].map(([field, errors]) => ({ name: toNamePath(field), errors })));
  }
}
