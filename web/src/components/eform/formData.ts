// Form values → the `formData` sent to the API: only the form's own fields, strings trimmed, and
// empty values dropped (absent means "not filled in", as the server's `required` check reads it).
// No validation here, so pages that only send or show form data stay light.
import type { EformUi, FormData } from "./types";

export function formDataInput(ui: EformUi, values: Record<string, unknown> | null | undefined): FormData {
  const out: FormData = {};
  if (!values) return out;
  for (const key of ui.order) {
    const value = values[key];
    if (typeof value === "string") {
      const trimmed = value.trim();
      if (trimmed !== "") out[key] = trimmed;
    } else if (typeof value === "number" || typeof value === "boolean") {
      out[key] = value;
    }
  }
  return out;
}

/** Server field errors "formData.<key>" of this form (a FieldFilter for useFormSubmit/ProblemAlert). */
export function isEformField(ui: EformUi | null | undefined): (field: string) => boolean {
  const keys = new Set(ui?.order ?? []);
  return (field) => field.startsWith("formData.") && keys.has(field.slice("formData.".length));
}
