// Browser-side e-form validation with `checkFormData` (the server's rules and messages without
// Ajv, whose compiled validators need eval, forbidden by the Content-Security-Policy), and the
// mapping of issues – ours or the server's `formData.<key>` field errors – to antd fields.
import type { FormInstance } from "antd";
import type { RuleObject } from "antd/es/form";
import { useMemo } from "react";
import { checkFormData, type FormIssue } from "../../../../src/modules/eforms/eform.check.ts";
import { ApiError } from "../../api/client";
import type { Problem } from "../../api/types";
import type { Lang } from "../../i18n";
import { formDataInput } from "./formData";
import type { EformSchema, EformUi } from "./types";

export type { FormIssue };

export type EformFieldEntry = { name: (string | number)[]; errors: string[] };

/** Issues → `form.setFields` entries under `formData.<key>`, in the given language. */
export function eformIssuesToFields(issues: readonly FormIssue[], lang: Lang): EformFieldEntry[] {
  return issues.map((issue) => ({
    name: ["formData", issue.field],
    errors: [issue.message[lang] || issue.message.vi],
  }));
}

/** The server's field errors named `formData.<key>` (a problem or the ApiError carrying it). */
export function serverErrorsToFields(problem: Problem | ApiError | unknown, lang: Lang): EformFieldEntry[] {
  const p = problem instanceof ApiError ? problem.problem : (problem as Problem | null);
  const byKey = new Map<string, string[]>();
  for (const e of p?.errors ?? []) {
    if (!e.field.startsWith("formData.")) continue;
    const key = e.field.slice("formData.".length);
    byKey.set(key, [...(byKey.get(key) ?? []), e.message[lang] || e.message.vi]);
  }
  return [...byKey].map(([key, errors]) => ({ name: ["formData", key], errors }));
}

export interface EformValidator {
  /** All issues of the form values (the `formData` object of the antd form). */
  validate: (values: Record<string, unknown> | null | undefined) => FormIssue[];
  /** A Form.Item rule for one field: the field's first issue, in `lang`. */
  ruleFor: (key: string, lang: Lang) => RuleObject;
}

export function eformValidator(schema: EformSchema, ui: EformUi): EformValidator {
  const validate = (values: Record<string, unknown> | null | undefined) =>
    checkFormData(schema, ui, formDataInput(ui, values));
  return {
    validate,
    ruleFor: (key, lang) => ({
      validator: (_rule, value) => {
        // Rules are per property, so the field alone gives its issue.
        const issue = validate({ [key]: value }).find((i) => i.field === key);
        return issue ? Promise.reject(new Error(issue.message[lang] || issue.message.vi)) : Promise.resolve();
      },
    }),
  };
}

export function useEformValidator(schema: EformSchema, ui: EformUi): EformValidator {
  return useMemo(() => eformValidator(schema, ui), [schema, ui]);
}

/** Validates the whole form now and shows each issue next to its field; true when valid. */
export function showEformIssues(form: FormInstance, validator: EformValidator, lang: Lang): boolean {
  const issues = validator.validate(form.getFieldValue("formData"));
  if (issues.length > 0) form.setFields(eformIssuesToFields(issues, lang));
  return issues.length === 0;
}
