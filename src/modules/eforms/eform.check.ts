// E-form data checked without Ajv: an interpreter of the JSON Schema subset `fieldsToForm`
// produces (the only schemas ever stored), giving the same errors, in the same order, as Ajv
// does. The browser uses it: Ajv compiles each schema into a function with `new Function`, which
// the web app's Content-Security-Policy (script-src 'self', no 'unsafe-eval') forbids. The
// server keeps Ajv (eform.validate.ts, authoritative); eform.check.test.ts compares the two on
// generated forms and data. Also home of the vi/en message of each error, shared by both.
import {
  compactFormData,
  type EformSchema,
  type EformUi,
  type FormData,
  ID_NUMBER_PATTERN,
  type JsonSchemaProperty,
  PHONE_PATTERN,
  type Text,
} from "./eform.model.ts";

export type FormIssue = { field: string; code: string; message: Text };

/** The part of Ajv's ErrorObject the messages use. */
export type SchemaError = { keyword: string; instancePath: string; params: Record<string, unknown> };

// The "date" and "email" formats exactly as ajv-formats' full mode defines them (MIT licence).
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
function isDate(str: string): boolean {
  const m = DATE.exec(str);
  if (!m) return false;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]!)
  );
}
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

const patterns = new Map<string, RegExp>();
const regexOf = (pattern: string) => {
  const known = patterns.get(pattern);
  if (known) return known;
  const r = new RegExp(pattern, "u");
  patterns.set(pattern, r);
  return r;
};

const isType = (type: JsonSchemaProperty["type"], v: unknown) =>
  type === "number" ? typeof v === "number" && Number.isFinite(v) : typeof v === type;

/** Ajv's errors (allErrors) of one property's value, in Ajv's keyword order. */
function propertyErrors(key: string, p: JsonSchemaProperty, v: unknown): SchemaError[] {
  const at = `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  const errors: SchemaError[] = [];
  const err = (keyword: string, params: Record<string, unknown>) =>
    errors.push({ keyword, instancePath: at, params });
  const typeError = () => err("type", { type: p.type });
  // Keywords of the property's own type, when it has any: the type is checked with them.
  const typed =
    p.type === "string"
      ? p.maxLength !== undefined ||
        p.minLength !== undefined ||
        p.pattern !== undefined ||
        p.format !== undefined
      : p.type === "number"
        ? p.maximum !== undefined || p.minimum !== undefined
        : false;
  // Without such keywords Ajv checks the type first, then goes on with the others.
  if (!typed && !isType(p.type, v)) typeError();
  if (p.const !== undefined && v !== p.const) err("const", { allowedValue: p.const });
  if (p.enum !== undefined && !p.enum.includes(v as string)) err("enum", { allowedValues: p.enum });
  if (!typed) return errors;
  if (!isType(p.type, v)) {
    typeError();
    return errors;
  }
  if (p.type === "number") {
    const n = v as number;
    if (p.maximum !== undefined && !(n <= p.maximum)) err("maximum", { comparison: "<=", limit: p.maximum });
    if (p.minimum !== undefined && !(n >= p.minimum)) err("minimum", { comparison: ">=", limit: p.minimum });
    return errors;
  }
  const s = v as string;
  const length = [...s].length; // code points, as Ajv counts
  if (p.maxLength !== undefined && length > p.maxLength) err("maxLength", { limit: p.maxLength });
  if (p.minLength !== undefined && length < p.minLength) err("minLength", { limit: p.minLength });
  if (p.pattern !== undefined && !regexOf(p.pattern).test(s)) err("pattern", { pattern: p.pattern });
  if (p.format !== undefined && !(p.format === "date" ? isDate(s) : EMAIL.test(s)))
    err("format", { format: p.format });
  return errors;
}

/** The errors Ajv (allErrors) gives for `data` against a form's schema, in Ajv's order. */
export function schemaErrors(schema: EformSchema, data: Record<string, unknown>): SchemaError[] {
  const errors: SchemaError[] = [];
  const has = (k: string) => Object.hasOwn(data, k) && data[k] !== undefined;
  for (const k of schema.required)
    if (!has(k)) errors.push({ keyword: "required", instancePath: "", params: { missingProperty: k } });
  for (const k of Object.keys(data))
    if (data[k] !== undefined && !Object.hasOwn(schema.properties, k))
      errors.push({ keyword: "additionalProperties", instancePath: "", params: { additionalProperty: k } });
  for (const [k, p] of Object.entries(schema.properties))
    if (has(k)) errors.push(...propertyErrors(k, p, data[k]));
  return errors;
}

function fieldOf(e: SchemaError): string {
  if (e.keyword === "required") return (e.params as { missingProperty: string }).missingProperty;
  if (e.keyword === "additionalProperties")
    return (e.params as { additionalProperty: string }).additionalProperty;
  return e.instancePath.replace(/^\//, "").split("/")[0] ?? "";
}

function messageOf(e: SchemaError, label: Text): { code: string; message: Text } {
  const p = e.params as Record<string, unknown>;
  const f = (vi: string, en: string) => ({ vi: `${label.vi}: ${vi}`, en: `${label.en}: ${en}` });
  switch (e.keyword) {
    case "required":
      return { code: "eform.required", message: f("cần nhập.", "is required.") };
    case "minLength":
      return p.limit === 1
        ? { code: "eform.required", message: f("cần nhập.", "is required.") }
        : {
            code: "eform.min_length",
            message: f(`ít nhất ${p.limit} ký tự.`, `at least ${p.limit} characters.`),
          };
    case "maxLength":
      return {
        code: "eform.max_length",
        message: f(`tối đa ${p.limit} ký tự.`, `at most ${p.limit} characters.`),
      };
    case "minimum":
      return {
        code: "eform.minimum",
        message: f(`không nhỏ hơn ${p.limit}.`, `must be at least ${p.limit}.`),
      };
    case "maximum":
      return {
        code: "eform.maximum",
        message: f(`không lớn hơn ${p.limit}.`, `must be at most ${p.limit}.`),
      };
    case "format":
      return p.format === "date"
        ? { code: "eform.date", message: f("ngày phải có dạng YYYY-MM-DD.", "the date must be YYYY-MM-DD.") }
        : {
            code: "eform.email",
            message: f("địa chỉ e-mail không hợp lệ.", "the e-mail address is not valid."),
          };
    case "pattern":
      if (p.pattern === PHONE_PATTERN)
        return {
          code: "eform.phone",
          message: f("số điện thoại gồm 10 chữ số, bắt đầu bằng 0.", "a 10-digit number starting with 0."),
        };
      if (p.pattern === ID_NUMBER_PATTERN)
        return { code: "eform.id_number", message: f("gồm 9 hoặc 12 chữ số.", "9 or 12 digits.") };
      return { code: "eform.pattern", message: f("không đúng định dạng.", "has the wrong format.") };
    case "enum":
      return {
        code: "eform.enum",
        message: f("chọn một giá trị trong danh sách.", "choose one of the options."),
      };
    case "const":
      return { code: "eform.must_confirm", message: f("cần xác nhận.", "must be confirmed.") };
    case "type":
      return {
        code: "eform.type",
        message: f(
          p.type === "number" ? "phải là số." : "giá trị không hợp lệ.",
          p.type === "number" ? "must be a number." : "has an invalid value.",
        ),
      };
    case "additionalProperties":
      return {
        code: "eform.unknown_field",
        message: f("không có trong tờ khai.", "is not a field of this form."),
      };
    default:
      return { code: `eform.${e.keyword}`, message: f("giá trị không hợp lệ.", "has an invalid value.") };
  }
}

/** One issue per field (its first error), in the form's order. */
export function issuesOf(errors: readonly SchemaError[], ui: EformUi): FormIssue[] {
  const byField = new Map<string, FormIssue>();
  for (const e of errors) {
    const field = fieldOf(e);
    if (byField.has(field)) continue;
    const label = ui.fields[field]?.label ?? { vi: field, en: field };
    byField.set(field, { field, ...messageOf(e, label) });
  }
  const rank = (field: string) => {
    const i = ui.order.indexOf(field);
    return i < 0 ? ui.order.length : i;
  };
  return [...byField.values()].sort((a, b) => rank(a.field) - rank(b.field));
}

/**
 * Checks `data` against the form without Ajv (same result as `validateFormData`). Empty strings
 * and nulls count as "not filled in"; [] when the data is valid.
 */
export function checkFormData(schema: EformSchema, ui: EformUi, data: FormData): FormIssue[] {
  return issuesOf(schemaErrors(schema, compactFormData(data)), ui);
}
