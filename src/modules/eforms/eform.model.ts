// E-forms (tờ khai điện tử): the pure model shared by the server and the web app.
// A form is stored as a JSON Schema (validation, draft 2020-12 subset) plus a UI layout (order,
// widgets, bilingual labels). The builder edits a flat list of fields; `fieldsToForm` and
// `formToFields` convert between the two. No I/O here.

export const FIELD_KINDS = [
  "text",
  "textarea",
  "number",
  "date",
  "email",
  "phone",
  "id_number",
  "select",
  "radio",
  "checkbox",
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Where a field's value may come from when the form is opened (once-only principle). */
export const PREFILL_SOURCES = [
  "profile.fullName",
  "profile.email",
  "profile.phone",
  "applicant.idNumber",
  "applicant.birthDate",
  "applicant.address",
  "previous",
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

export type Text = { vi: string; en: string };

export type FieldOption = { value: string; label: Text };

/** One field as the builder sees it. */
export type EformField = {
  /** Property name in the form data: lower camel case, unique in the form. */
  key: string;
  kind: FieldKind;
  label: Text;
  help?: Text | null;
  required: boolean;
  /** text / textarea */
  minLength?: number | null;
  maxLength?: number | null;
  /** number */
  minimum?: number | null;
  maximum?: number | null;
  /** select / radio */
  options?: FieldOption[];
  prefill?: PrefillSource | null;
  width: "full" | "half";
};

export type JsonSchemaProperty = {
  type: "string" | "number" | "boolean";
  title: string;
  description?: string;
  format?: "date" | "email";
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  const?: boolean;
};

export type EformSchema = {
  $schema?: string;
  type: "object";
  title?: string;
  required: string[];
  properties: Record<string, JsonSchemaProperty>;
  additionalProperties: false;
};

export type EformUiField = {
  kind: FieldKind;
  label: Text;
  help?: Text | null;
  options?: FieldOption[];
  prefill?: PrefillSource | null;
  width: "full" | "half";
};

export type EformUi = { order: string[]; fields: Record<string, EformUiField> };

export type FormData = Record<string, string | number | boolean | null>;

export const KEY_PATTERN = /^[a-z][A-Za-z0-9]{0,39}$/;
export const PHONE_PATTERN = "^0[0-9]{9}$";
export const ID_NUMBER_PATTERN = "^([0-9]{9}|[0-9]{12})$";
/** Longest text any field may hold when the builder sets no limit. */
export const DEFAULT_MAX_LENGTH = { text: 500, textarea: 4000 } as const;

function property(f: EformField): JsonSchemaProperty {
  const title = f.label.vi;
  const base = f.help ? { title, description: f.help.vi } : { title };
  switch (f.kind) {
    case "text":
    case "textarea":
      return {
        ...base,
        type: "string",
        ...(f.minLength ? { minLength: f.minLength } : f.required ? { minLength: 1 } : {}),
        maxLength: f.maxLength ?? DEFAULT_MAX_LENGTH[f.kind],
      };
    case "number":
      return {
        ...base,
        type: "number",
        ...(f.minimum != null ? { minimum: f.minimum } : {}),
        ...(f.maximum != null ? { maximum: f.maximum } : {}),
      };
    case "date":
      return { ...base, type: "string", format: "date" };
    case "email":
      return { ...base, type: "string", format: "email", maxLength: 200 };
    case "phone":
      return { ...base, type: "string", pattern: PHONE_PATTERN };
    case "id_number":
      return { ...base, type: "string", pattern: ID_NUMBER_PATTERN };
    case "select":
    case "radio":
      return { ...base, type: "string", enum: (f.options ?? []).map((o) => o.value) };
    case "checkbox":
      // A required checkbox is a declaration the applicant must tick ("tôi cam đoan…").
      return f.required ? { ...base, type: "boolean", const: true } : { ...base, type: "boolean" };
  }
}

/** The builder's field list → the stored JSON Schema and UI layout. */
export function fieldsToForm(title: string, fields: EformField[]): { schema: EformSchema; ui: EformUi } {
  const schema: EformSchema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    title,
    required: fields.filter((f) => f.required).map((f) => f.key),
    properties: Object.fromEntries(fields.map((f) => [f.key, property(f)])),
    additionalProperties: false,
  };
  const ui: EformUi = {
    order: fields.map((f) => f.key),
    fields: Object.fromEntries(
      fields.map((f) => [
        f.key,
        {
          kind: f.kind,
          label: f.label,
          ...(f.help ? { help: f.help } : {}),
          ...(f.options ? { options: f.options } : {}),
          ...(f.prefill ? { prefill: f.prefill } : {}),
          width: f.width,
        },
      ]),
    ),
  };
  return { schema, ui };
}

/** The stored form → the builder's field list (inverse of `fieldsToForm`). */
export function formToFields(schema: EformSchema, ui: EformUi): EformField[] {
  const required = new Set(schema.required);
  return ui.order.map((key) => {
    const p = schema.properties[key]!;
    const u = ui.fields[key]!;
    const explicitMin = p.minLength && !(p.minLength === 1 && required.has(key)) ? p.minLength : null;
    const defaultMax = u.kind === "text" || u.kind === "textarea" ? DEFAULT_MAX_LENGTH[u.kind] : null;
    return {
      key,
      kind: u.kind,
      label: u.label,
      help: u.help ?? null,
      required: required.has(key),
      minLength: explicitMin,
      maxLength: p.maxLength != null && p.maxLength !== defaultMax && u.kind !== "email" ? p.maxLength : null,
      minimum: p.minimum ?? null,
      maximum: p.maximum ?? null,
      ...(u.options ? { options: u.options } : {}),
      prefill: u.prefill ?? null,
      width: u.width,
    };
  });
}

/** Drops empty strings and nulls so "not filled in" means absent (what `required` checks). */
export function compactFormData(data: FormData): FormData {
  return Object.fromEntries(
    Object.entries(data).filter(([, v]) => v !== "" && v !== null && v !== undefined),
  );
}
