// Validation of e-form data against the form's JSON Schema with Ajv (draft 2020-12), on the
// server (authoritative). The browser checks with eform.check.ts instead (no Ajv: its compiled
// validators need eval, which the Content-Security-Policy forbids); both give the same issues.
// Ajv's own messages are English only: each keyword gets a vi/en message naming the field.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { type FormIssue, issuesOf } from "./eform.check.ts";
import { compactFormData, type EformSchema, type EformUi, type FormData } from "./eform.model.ts";

export type { FormIssue };

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

/**
 * Checks `data` against the form. Empty strings and nulls count as "not filled in". Returns one
 * issue per field (the first rule it breaks), in the form's order; [] when the data is valid.
 */
export function validateFormData(schema: EformSchema, ui: EformUi, data: FormData): FormIssue[] {
  const validate = validatorOf(schema);
  if (validate(compactFormData(data))) return [];
  return issuesOf(validate.errors ?? [], ui);
}
