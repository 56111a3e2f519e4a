// The builder's values ↔ the e-form model, its own checks (mirroring the server's), and where a
// server field error of a save lands in the builder.
import { describe, expect, it } from "vitest";
import { demoEforms } from "../../../../src/demo/demo-eforms.ts";
import { fieldsToForm, formToFields } from "../../../../src/modules/eforms/eform.model.ts";
import {
  builderFieldOf,
  builderIssues,
  formToValues,
  newField,
  previewFields,
  valuesToFields,
} from "./builderModel";

describe("builder values", () => {
  it.each(Object.entries(demoEforms))(
    "round-trips the demo form of %s unchanged",
    (_code, { title, fields }) => {
      const { schema, ui } = fieldsToForm(title, fields);
      const values = formToValues(title, schema, ui);
      expect(values.title).toBe(title);
      expect(fieldsToForm(title, valuesToFields(values.fields))).toEqual({ schema, ui });
      expect(valuesToFields(values.fields)).toEqual(
        formToFields(schema, ui).map((f) => ({ ...f, prefill: f.prefill ?? null })),
      );
    },
  );

  it("falls back to the Vietnamese label where the English one is left empty", () => {
    const [field] = valuesToFields([{ key: "fullName", kind: "text", labelVi: "Họ tên", labelEn: " " }]);
    expect(field!.label).toEqual({ vi: "Họ tên", en: "Họ tên" });
    expect(field!.help).toBeNull();
  });

  it("gives a new field a free key and, for choices, two options", () => {
    expect(newField("text", ["field1", "field2"]).key).toBe("field3");
    expect(newField("radio", []).options).toHaveLength(2);
  });
});

describe("builder checks", () => {
  const ok = { key: "fullName", kind: "text" as const, labelVi: "Họ tên" };

  it("accepts a complete form", () => {
    expect(builderIssues({ title: "Tờ khai", fields: [ok] })).toEqual([]);
  });

  it("names the item of each problem", () => {
    const issues = builderIssues({
      title: " ",
      fields: [
        ok,
        { ...ok, labelVi: "" },
        { key: "Bad-key", kind: "number", labelVi: "Số", minimum: 5, maximum: 1 },
        {
          key: "choice",
          kind: "select",
          labelVi: "Chọn",
          options: [{ value: "a", labelVi: "A" }, { value: "a" }],
        },
        { key: "empty", kind: "radio", labelVi: "Chọn", options: [] },
      ],
    });
    expect(issues.map((i) => [i.name.join("."), i.message])).toEqual([
      ["title", "eform.builder.titleRequired"],
      ["fields.1.key", "eform.builder.keyDuplicate"],
      ["fields.1.labelVi", "eform.builder.labelRequired"],
      ["fields.2.key", "eform.builder.keyPattern"],
      ["fields.2.maximum", "eform.builder.limitsOrder"],
      ["fields.3.options.1.value", "eform.builder.optionValueDuplicate"],
      ["fields.3.options.1.labelVi", "eform.builder.labelRequired"],
      ["fields.4.kind", "eform.builder.optionsRequired"],
    ]);
  });

  it("refuses an empty form and more than 100 fields", () => {
    expect(builderIssues({ title: "T", fields: [] }).map((i) => i.message)).toEqual([
      "eform.builder.noFields",
    ]);
    const many = Array.from({ length: 101 }, (_, i) => ({ ...ok, key: `f${i}` }));
    expect(builderIssues({ title: "T", fields: many }).map((i) => i.message)).toEqual([
      "eform.builder.tooManyFields",
    ]);
  });

  it("previews only complete fields", () => {
    const shown = previewFields([
      ok,
      { ...ok },
      { key: "x", kind: "select", labelVi: "", options: [{ value: "" }] },
      { key: "y", kind: "date" },
    ]);
    expect(shown.map((f) => [f.key, f.label.vi])).toEqual([
      ["fullName", "Họ tên"],
      ["y", "y"],
    ]);
  });
});

describe("server field errors in the builder", () => {
  const values = {
    title: "T",
    fields: [
      { key: "fullName", kind: "text" as const },
      { key: "kind", kind: "select" as const, options: [{ value: "a" }] },
    ],
  };
  it.each([
    ["title", ["title"]],
    ["schema.properties.fullName.maxLength", ["fields", 0, "maxLength"]],
    ["ui.fields.fullName.label.en", ["fields", 0, "labelEn"]],
    ["ui.fields.kind.options.0.value", ["fields", 1, "options", 0, "value"]],
    ["ui.fields.kind.options.0.label.vi", ["fields", 1, "options", 0, "labelVi"]],
    ["ui.order.1", ["fields", 1, "key"]],
    ["schema.properties.unknown", null],
    ["procedureCode", null],
  ])("%s", (field, name) => {
    expect(builderFieldOf(field, values)).toEqual(name);
  });
});
