// The form builder's values (an antd form: title + a list of fields) ↔ the model's EformField list,
// and the builder-side checks that mirror the server's (key pattern, unique keys, options for
// choices, limits in order, at most MAX_FIELDS fields), with bilingual messages from the catalog.
import {
  type EformField,
  type FieldKind,
  formToFields,
  KEY_PATTERN,
  type PrefillSource,
} from "../../../../src/modules/eforms/eform.model.ts";
import type { EformSchema, EformUi } from "../../components/eform/types";
import type { MessageKey } from "../../i18n";

export const MAX_FIELDS = 100;

export interface OptionValues {
  value?: string;
  labelVi?: string;
  labelEn?: string;
}

export interface FieldValues {
  key?: string;
  kind?: FieldKind;
  labelVi?: string;
  labelEn?: string;
  helpVi?: string;
  helpEn?: string;
  required?: boolean;
  minLength?: number | null;
  maxLength?: number | null;
  minimum?: number | null;
  maximum?: number | null;
  options?: OptionValues[];
  prefill?: PrefillSource | null;
  width?: "full" | "half";
}

export interface BuilderValues {
  title?: string;
  fields?: FieldValues[];
}

export const hasOptions = (kind: FieldKind | undefined) => kind === "select" || kind === "radio";
export const hasLength = (kind: FieldKind | undefined) => kind === "text" || kind === "textarea";

/** A fresh field of `kind` with a key not used yet ("field1", "field2", …). */
export function newField(kind: FieldKind, taken: readonly (string | undefined)[]): FieldValues {
  let n = taken.length + 1;
  while (taken.includes(`field${n}`)) n++;
  return {
    key: `field${n}`,
    kind,
    labelVi: "",
    labelEn: "",
    required: false,
    width: "full",
    prefill: null,
    ...(hasOptions(kind)
      ? {
          options: [
            { value: "a", labelVi: "", labelEn: "" },
            { value: "b", labelVi: "", labelEn: "" },
          ],
        }
      : {}),
  };
}

const text = (s: string | undefined) => (s ?? "").trim();
const num = (n: number | null | undefined) => (typeof n === "number" && Number.isFinite(n) ? n : null);

/** Builder values → model fields (English falls back to Vietnamese where left empty). */
export function valuesToFields(values: readonly FieldValues[] | undefined): EformField[] {
  return (values ?? []).map((v) => {
    const kind = v.kind ?? "text";
    const labelVi = text(v.labelVi);
    const helpVi = text(v.helpVi);
    const helpEn = text(v.helpEn);
    return {
      key: text(v.key),
      kind,
      label: { vi: labelVi, en: text(v.labelEn) || labelVi },
      help: helpVi || helpEn ? { vi: helpVi || helpEn, en: helpEn || helpVi } : null,
      required: v.required === true,
      minLength: hasLength(kind) ? num(v.minLength) : null,
      maxLength: hasLength(kind) ? num(v.maxLength) : null,
      minimum: kind === "number" ? num(v.minimum) : null,
      maximum: kind === "number" ? num(v.maximum) : null,
      ...(hasOptions(kind)
        ? {
            options: (v.options ?? []).map((o) => {
              const vi = text(o.labelVi);
              return { value: text(o.value), label: { vi, en: text(o.labelEn) || vi } };
            }),
          }
        : {}),
      prefill: v.prefill ?? null,
      width: v.width ?? "full",
    };
  });
}

/** A stored form → builder values. */
export function formToValues(title: string, schema: EformSchema, ui: EformUi): BuilderValues {
  return {
    title,
    fields: formToFields(schema, ui).map((f) => ({
      key: f.key,
      kind: f.kind,
      labelVi: f.label.vi,
      labelEn: f.label.en === f.label.vi ? "" : f.label.en,
      helpVi: f.help?.vi ?? "",
      helpEn: f.help && f.help.en !== f.help.vi ? f.help.en : "",
      required: f.required,
      minLength: f.minLength ?? null,
      maxLength: f.maxLength ?? null,
      minimum: f.minimum ?? null,
      maximum: f.maximum ?? null,
      ...(f.options
        ? {
            options: f.options.map((o) => ({
              value: o.value,
              labelVi: o.label.vi,
              labelEn: o.label.en === o.label.vi ? "" : o.label.en,
            })),
          }
        : {}),
      prefill: f.prefill ?? null,
      width: f.width,
    })),
  };
}

export type BuilderIssue = { name: (string | number)[]; message: MessageKey };

/** The builder's own checks (the server runs the same ones); [] when the form may be saved. */
export function builderIssues(values: BuilderValues): BuilderIssue[] {
  const issues: BuilderIssue[] = [];
  if (!text(values.title)) issues.push({ name: ["title"], message: "eform.builder.titleRequired" });
  const fields = values.fields ?? [];
  if (fields.length === 0) issues.push({ name: ["fields"], message: "eform.builder.noFields" });
  if (fields.length > MAX_FIELDS) issues.push({ name: ["fields"], message: "eform.builder.tooManyFields" });
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const key = text(f.key);
    if (!KEY_PATTERN.test(key))
      issues.push({ name: ["fields", i, "key"], message: "eform.builder.keyPattern" });
    else if (seen.has(key))
      issues.push({ name: ["fields", i, "key"], message: "eform.builder.keyDuplicate" });
    seen.add(key);
    if (!text(f.labelVi))
      issues.push({ name: ["fields", i, "labelVi"], message: "eform.builder.labelRequired" });
    const minL = num(f.minLength);
    const maxL = num(f.maxLength);
    if (hasLength(f.kind) && minL !== null && maxL !== null && minL > maxL)
      issues.push({ name: ["fields", i, "maxLength"], message: "eform.builder.limitsOrder" });
    const min = num(f.minimum);
    const max = num(f.maximum);
    if (f.kind === "number" && min !== null && max !== null && min > max)
      issues.push({ name: ["fields", i, "maximum"], message: "eform.builder.limitsOrder" });
    if (hasOptions(f.kind)) {
      const options = f.options ?? [];
      if (options.length === 0)
        issues.push({ name: ["fields", i, "kind"], message: "eform.builder.optionsRequired" });
      const values = new Set<string>();
      options.forEach((o, j) => {
        const value = text(o.value);
        if (!value)
          issues.push({
            name: ["fields", i, "options", j, "value"],
            message: "eform.builder.optionValueRequired",
          });
        else if (values.has(value))
          issues.push({
            name: ["fields", i, "options", j, "value"],
            message: "eform.builder.optionValueDuplicate",
          });
        values.add(value);
        if (!text(o.labelVi))
          issues.push({
            name: ["fields", i, "options", j, "labelVi"],
            message: "eform.builder.labelRequired",
          });
      });
    }
  });
  return issues;
}

/**
 * The fields the preview can show while the builder is mid-edit: valid, unique keys and choices
 * with options; the rest wait until they are complete.
 */
export function previewFields(values: readonly FieldValues[] | undefined): EformField[] {
  const seen = new Set<string>();
  return valuesToFields(values).filter((f) => {
    if (!KEY_PATTERN.test(f.key) || seen.has(f.key)) return false;
    seen.add(f.key);
    if (!f.label.vi) f.label = { vi: f.key, en: f.label.en || f.key };
    if (f.options) {
      const values = f.options.map((o) => o.value);
      if (values.length === 0 || values.some((v) => !v) || new Set(values).size !== values.length)
        return false;
    }
    return true;
  });
}

const SUFFIX: Record<string, string> = {
  "label.vi": "labelVi",
  "label.en": "labelEn",
  "help.vi": "helpVi",
  "help.en": "helpEn",
  title: "labelVi",
  description: "helpVi",
};

/**
 * A server field error of a save ("schema.properties.<key>.maxLength", "ui.fields.<key>.options.0.value",
 * "title") → the builder item that shows it; null when it belongs to no single item.
 */
export function builderFieldOf(field: string, values: BuilderValues): (string | number)[] | null {
  if (field === "title") return ["title"];
  const m = /^(?:schema\.properties|ui\.fields|schema\.required|ui\.order)\.([^.]+)(?:\.(.+))?$/.exec(field);
  if (!m) return null;
  const [, ref = "", rest] = m;
  const fields = values.fields ?? [];
  const index =
    /^\d+$/.test(ref) && field.startsWith("ui.order")
      ? Number(ref)
      : fields.findIndex((f) => text(f.key) === ref);
  if (index < 0 || index >= fields.length) return null;
  if (!rest) return ["fields", index, "key"];
  const option = /^options\.(\d+)\.(value|label\.vi|label\.en)$/.exec(rest);
  if (option) {
    const [, j = "0", part = "value"] = option;
    return ["fields", index, "options", Number(j), part === "value" ? "value" : SUFFIX[part]!];
  }
  if (["minLength", "maxLength", "minimum", "maximum", "kind", "prefill", "width"].includes(rest))
    return ["fields", index, rest];
  return ["fields", index, SUFFIX[rest] ?? "key"];
}
