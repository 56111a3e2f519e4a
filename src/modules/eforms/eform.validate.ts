// Validation of e-form data against the form's JSON Schema, with Ajv (draft 2020-12), shared by
// the server (authoritative) and the browser (errors next to the field before sending).
// Ajv's own messages are English only: each keyword gets a vi/en message naming the field.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import {
  compactFormData,
  type EformSchema,
  type EformUi,
  type FormData,
  ID_NUMBER_PATTERN,
  PHONE_PATTERN,
  type Text,
} from "./eform.model.ts";

export type FormIssue = { field: string; code: string; message: Text };

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv, ["date", "email"]);

// Compiled validators by the schema's JSON text: the server reads each form afresh from the
// database (a new object every time), and compiling costs milliseconds. Forms are insert-only,
// so a text maps to one validator for good; the oldest entries go beyond MAX_COMPILED.
const MAX_COMPILED = 500;
const compiled = new Map<string, ValidateFunction>();

function validatorOf(schema: EformSchema): ValidateFunction {
  const text = JSON.stringify(schema);
  let v = compiled.get(text);
  if (!v) {
    v = ajv.compile(schema);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(text, v);
  }
  return v;
}

/** Compiles a schema or returns Ajv's reason it is not a valid JSON Schema. */
export function schemaProblem(schema: unknown): string | null {
  try {
    ajv.compile(schema as object);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function fieldOf(e: ErrorObject): string {
  if (e.keyword === "required") return (e.params as { missingProperty: string }).missingProperty;
  if (e.keyword === "additionalProperties")
    return (e.params as { additionalProperty: string }).additionalProperty;
  return e.instancePath.replace(/^\//, "").split("/")[0] ?? "";
}

function messageOf(e: ErrorObject, label: Text): { code: string; message: Text } {
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

/**
 * Checks `data` against the form. Empty strings and nulls count as "not filled in". Returns one
 * issue per field (the first rule it breaks), in the form's order; [] when the data is valid.
 */
export function validateFormData(schema: EformSchema, ui: EformUi, data: FormData): FormIssue[] {
  const validate = validatorOf(schema);
  if (validate(compactFormData(data))) return [];
  const byField = new Map<string, FormIssue>();
  for (const e of validate.errors ?? []) {
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
