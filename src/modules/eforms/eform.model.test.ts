import { describe, expect, it } from "vitest";
import { demoEforms } from "../../demo/demo-eforms.ts";
import {
  compactFormData,
  DEFAULT_MAX_LENGTH,
  type EformField,
  FIELD_KINDS,
  fieldsToForm,
  formToFields,
  ID_NUMBER_PATTERN,
  KEY_PATTERN,
  PHONE_PATTERN,
} from "./eform.model.ts";
import { eformSchemaSchema, eformUiSchema } from "./eform.schemas.ts";
import { formProblems } from "./eform.service.ts";

const label = (vi: string) => ({ vi, en: `${vi} (en)` });
const base = { required: false, width: "half" as const, help: null, prefill: null };
const options = [
  { value: "a", label: label("A") },
  { value: "b", label: label("B") },
];

/** One field of every kind, with the limits each kind can carry (formToFields' normal form). */
export const everyKind: EformField[] = [
  {
    ...base,
    key: "name",
    kind: "text",
    label: label("Họ tên"),
    required: true,
    minLength: null,
    maxLength: 100,
    minimum: null,
    maximum: null,
    prefill: "profile.fullName",
  },
  {
    ...base,
    key: "story",
    kind: "textarea",
    label: label("Trình bày"),
    minLength: 10,
    maxLength: null,
    minimum: null,
    maximum: null,
    help: label("Ngắn gọn"),
  },
  {
    ...base,
    key: "copies",
    kind: "number",
    label: label("Số bản"),
    required: true,
    minLength: null,
    maxLength: null,
    minimum: 0,
    maximum: 100,
  },
  {
    ...base,
    key: "birthDate",
    kind: "date",
    label: label("Ngày sinh"),
    minLength: null,
    maxLength: null,
    minimum: null,
    maximum: null,
    prefill: "applicant.birthDate",
  },
  {
    ...base,
    key: "email",
    kind: "email",
    label: label("E-mail"),
    minLength: null,
    maxLength: null,
    minimum: null,
    maximum: null,
  },
  {
    ...base,
    key: "phone",
    kind: "phone",
    label: label("Điện thoại"),
    minLength: null,
    maxLength: null,
    minimum: null,
    maximum: null,
    width: "full",
  },
  {
    ...base,
    key: "idNumber",
    kind: "id_number",
    label: label("Số định danh"),
    minLength: null,
    maxLength: null,
    minimum: null,
    maximum: null,
  },
  {
    ...base,
    key: "choice",
    kind: "select",
    label: label("Chọn"),
    required: true,
    minLength: null,
    maxLength: null,
    minimum: null,
    maximum: null,
    options,
  },
  {
    ...base,
    key: "sex",
    kind: "radio",
    label: label("Giới tính"),
    minLength: null,
    maxLength: null,
    minimum: null,
    maximum: null,
    options,
    prefill: "previous",
  },
  {
    ...base,
    key: "agree",
    kind: "checkbox",
    label: label("Cam đoan"),
    required: true,
    minLength: null,
    maxLength: null,
    minimum: null,
    maximum: null,
  },
  {
    ...base,
    key: "optIn",
    kind: "checkbox",
    label: label("Nhận tin"),
    minLength: null,
    maxLength: null,
    minimum: null,
    maximum: null,
  },
];

describe("fieldsToForm", () => {
  const { schema, ui } = fieldsToForm("Tờ khai", everyKind);

  it("covers every field kind", () => {
    expect(new Set(everyKind.map((f) => f.kind))).toEqual(new Set(FIELD_KINDS));
  });

  it("makes a closed JSON Schema with the right keyword per kind", () => {
    expect(schema).toMatchObject({ type: "object", title: "Tờ khai", additionalProperties: false });
    expect(schema.required).toEqual(["name", "copies", "choice", "agree"]);
    const p = schema.properties;
    expect(p.name).toEqual({ type: "string", title: "Họ tên", minLength: 1, maxLength: 100 });
    expect(p.story).toEqual({
      type: "string",
      title: "Trình bày",
      description: "Ngắn gọn",
      minLength: 10,
      maxLength: DEFAULT_MAX_LENGTH.textarea,
    });
    expect(p.copies).toEqual({ type: "number", title: "Số bản", minimum: 0, maximum: 100 });
    expect(p.birthDate).toEqual({ type: "string", title: "Ngày sinh", format: "date" });
    expect(p.email).toEqual({ type: "string", title: "E-mail", format: "email", maxLength: 200 });
    expect(p.phone).toEqual({ type: "string", title: "Điện thoại", pattern: PHONE_PATTERN });
    expect(p.idNumber).toEqual({ type: "string", title: "Số định danh", pattern: ID_NUMBER_PATTERN });
    expect(p.choice).toEqual({ type: "string", title: "Chọn", enum: ["a", "b"] });
    expect(p.sex!.enum).toEqual(["a", "b"]);
    expect(p.agree).toEqual({ type: "boolean", title: "Cam đoan", const: true });
    expect(p.optIn).toEqual({ type: "boolean", title: "Nhận tin" });
  });

  it("keeps order, labels, help, options, prefill and width in the layout", () => {
    expect(ui.order).toEqual(everyKind.map((f) => f.key));
    expect(ui.fields.name).toEqual({
      kind: "text",
      label: label("Họ tên"),
      prefill: "profile.fullName",
      width: "half",
    });
    expect(ui.fields.story!.help).toEqual(label("Ngắn gọn"));
    expect(ui.fields.choice!.options).toEqual(options);
    expect(ui.fields.phone!.width).toBe("full");
  });

  it("text fields without limits get the defaults; a required one at least one character", () => {
    const { schema: s } = fieldsToForm("x", [
      { ...everyKind[0]!, maxLength: null },
      { ...everyKind[1]!, minLength: null, required: true },
    ]);
    expect(s.properties.name!.maxLength).toBe(DEFAULT_MAX_LENGTH.text);
    expect(s.properties.story).toMatchObject({ minLength: 1, maxLength: DEFAULT_MAX_LENGTH.textarea });
  });
});

describe("formToFields", () => {
  it("is the inverse of fieldsToForm (round trip)", () => {
    const { schema, ui } = fieldsToForm("Tờ khai", everyKind);
    expect(formToFields(schema, ui)).toEqual(everyKind);
    const again = fieldsToForm("Tờ khai", formToFields(schema, ui));
    expect(again).toEqual({ schema, ui });
  });

  it("round-trips every demo form, and each is within the builder's subset", () => {
    for (const { title, fields } of Object.values(demoEforms)) {
      const { schema, ui } = fieldsToForm(title, fields);
      expect(fieldsToForm(title, formToFields(schema, ui))).toEqual({ schema, ui });
      expect(eformSchemaSchema.safeParse(schema).success).toBe(true);
      expect(eformUiSchema.safeParse(ui).success).toBe(true);
      expect(formProblems(schema, ui)).toEqual([]);
      for (const key of ui.order) expect(key).toMatch(KEY_PATTERN);
    }
  });
});

describe("formProblems", () => {
  it("accepts what fieldsToForm makes and names what it would not make", () => {
    const { schema, ui } = fieldsToForm("Tờ khai", everyKind);
    expect(formProblems(schema, ui)).toEqual([]);
    const bad = structuredClone({ schema, ui });
    bad.schema.properties.agree = { type: "boolean", title: "Cam đoan" };
    bad.schema.properties.phone!.pattern = ID_NUMBER_PATTERN;
    bad.ui.fields.name!.options = options;
    const problems = formProblems(bad.schema, bad.ui);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ["ui.fields.name.options", "eform.options_not_allowed"],
      ["schema.properties.phone", "eform.kind_mismatch"],
      ["schema.properties.agree", "eform.kind_mismatch"],
    ]);
    for (const p of problems) expect(p.message.vi && p.message.en).toBeTruthy();
    const bounds = structuredClone({ schema, ui });
    bounds.schema.properties.copies!.minimum = 200;
    expect(formProblems(bounds.schema, bounds.ui).map((p) => p.code)).toEqual(["eform.bounds"]);
  });
});

describe("compactFormData", () => {
  it("drops empty strings and nulls, keeps false and 0", () => {
    expect(compactFormData({ a: "", b: null, c: false, d: 0, e: "x" })).toEqual({ c: false, d: 0, e: "x" });
  });
});
