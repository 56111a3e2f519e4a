// The browser's Ajv-free check (eform.check.ts) against Ajv (eform.validate.ts, the server's):
// on generated forms (every field kind, limits, required or not) and generated data (right and
// wrong types, edge strings, unknown keys, empty values) both give exactly the same issues.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkFormData, schemaErrors } from "./eform.check.ts";
import { type EformField, FIELD_KINDS, type FormData, fieldsToForm } from "./eform.model.ts";
import { validateFormData } from "./eform.validate.ts";

const KEYS = ["name", "story", "copies", "born", "mail", "phone", "idNo", "choice", "agree", "other"];
const label = { vi: "Trường", en: "Field" };

const limit = fc.option(fc.integer({ min: 0, max: 12 }), { nil: null });
const field = (key: string) =>
  fc.record({
    key: fc.constant(key),
    kind: fc.constantFrom(...FIELD_KINDS),
    label: fc.constant(label),
    required: fc.boolean(),
    width: fc.constant("half" as const),
    minLength: limit,
    maxLength: limit,
    minimum: fc.option(fc.integer({ min: -5, max: 50 }), { nil: null }),
    maximum: fc.option(fc.integer({ min: -5, max: 50 }), { nil: null }),
    options: fc.constant([
      { value: "a", label },
      { value: "b", label },
    ]),
  }) as fc.Arbitrary<EformField>;

const fields = fc
  .uniqueArray(fc.constantFrom(...KEYS.slice(0, 9)), { minLength: 1, maxLength: 9 })
  .chain((keys) => fc.tuple(...keys.map(field)));

const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(""),
  fc.boolean(),
  fc.integer({ min: -10, max: 60 }),
  fc.double({ noNaN: false }),
  fc.constantFrom("a", "b", "c", "A"),
  fc.constantFrom("0912345678", "091234567", "046090001234", "046090001", "04609000123x"),
  fc.constantFrom("2024-02-29", "2023-02-29", "1990-13-01", "1990-01-31", "1990-1-31", "2024-04-31"),
  fc.constantFrom("an@example.com", "an@@example.com", "an.example.com", "a@b", "Ân@ví.vn"),
  fc.string({ maxLength: 15 }),
  fc.string({ unit: "grapheme", maxLength: 15 }),
  fc.constantFrom("😀😀😀😀😀😀😀😀😀😀😀", "Nguyễn Văn An"),
);

const data = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 10 });

describe("e-form check without Ajv", () => {
  it("gives the same issues as Ajv on generated forms and data", () => {
    fc.assert(
      fc.property(fields, data, (fs, d) => {
        const { schema, ui } = fieldsToForm("Tờ khai", fs);
        const formData = d as FormData;
        expect(checkFormData(schema, ui, formData)).toEqual(validateFormData(schema, ui, formData));
      }),
      { numRuns: 1000 },
    );
  });

  it("never evaluates code: no Function constructor, no eval", () => {
    const { schema } = fieldsToForm("Tờ khai", [
      { key: "name", kind: "text", label, required: true, width: "half", maxLength: 3 },
    ]);
    // Both ways of running code from a string throw while the check runs.
    const names = ["eval", "Function"] as const;
    const saved = names.map((name) => Reflect.get(globalThis, name));
    const refuse = () => {
      throw new EvalError("code evaluation is forbidden here");
    };
    for (const name of names) Reflect.set(globalThis, name, refuse);
    try {
      expect(schemaErrors(schema, { name: "dài quá" }).map((e) => e.keyword)).toEqual(["maxLength"]);
    } finally {
      for (const [i, name] of names.entries()) Reflect.set(globalThis, name, saved[i]);
    }
  });
});
