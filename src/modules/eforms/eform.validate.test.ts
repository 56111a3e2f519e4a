import { describe, expect, it } from "vitest";
import { type EformField, fieldsToForm } from "./eform.model.ts";
import { schemaProblem, validateFormData } from "./eform.validate.ts";

const label = (vi: string, en: string) => ({ vi, en });
const f = (key: string, kind: EformField["kind"], vi: string, en: string, more: Partial<EformField> = {}) =>
  ({ key, kind, label: label(vi, en), required: false, width: "half", ...more }) as EformField;

const { schema, ui } = fieldsToForm("Tờ khai", [
  f("name", "text", "Họ tên", "Full name", { required: true, maxLength: 10 }),
  f("story", "textarea", "Trình bày", "Statement", { minLength: 5 }),
  f("copies", "number", "Số bản", "Copies", { minimum: 1, maximum: 10 }),
  f("birthDate", "date", "Ngày sinh", "Date of birth"),
  f("email", "email", "E-mail", "E-mail"),
  f("phone", "phone", "Điện thoại", "Phone"),
  f("idNumber", "id_number", "Số định danh", "ID number"),
  f("choice", "select", "Lựa chọn", "Choice", { options: [{ value: "a", label: label("A", "A") }] }),
  f("sex", "radio", "Giới tính", "Sex", { options: [{ value: "male", label: label("Nam", "Male") }] }),
  f("agree", "checkbox", "Cam đoan", "Declaration", { required: true }),
  f("optIn", "checkbox", "Nhận tin", "Updates"),
]);
const valid = {
  name: "Nguyễn An",
  story: "Trình bày",
  copies: 2,
  birthDate: "1990-01-31",
  email: "an@example.com",
  phone: "0912345678",
  idNumber: "046090001234",
  choice: "a",
  sex: "male",
  agree: true,
  optIn: false,
};
const check = (data: Record<string, unknown>) =>
  validateFormData(schema, ui, { ...valid, ...data } as Parameters<typeof validateFormData>[2]);

describe("validateFormData", () => {
  it("accepts valid data of every kind, and empty optional fields", () => {
    expect(check({})).toEqual([]);
    expect(validateFormData(schema, ui, { name: "An", agree: true, story: "", copies: null })).toEqual([]);
  });

  // Every message code, with its vi and en message naming the field.
  const cases: [Record<string, unknown>, string, string, string, string][] = [
    [{ name: null }, "name", "eform.required", "Họ tên: cần nhập.", "Full name: is required."],
    [
      { name: "A".repeat(11) },
      "name",
      "eform.max_length",
      "Họ tên: tối đa 10 ký tự.",
      "Full name: at most 10 characters.",
    ],
    [
      { story: "abc" },
      "story",
      "eform.min_length",
      "Trình bày: ít nhất 5 ký tự.",
      "Statement: at least 5 characters.",
    ],
    [{ copies: 0 }, "copies", "eform.minimum", "Số bản: không nhỏ hơn 1.", "Copies: must be at least 1."],
    [{ copies: 11 }, "copies", "eform.maximum", "Số bản: không lớn hơn 10.", "Copies: must be at most 10."],
    [{ copies: "2" }, "copies", "eform.type", "Số bản: phải là số.", "Copies: must be a number."],
    [
      { agree: "yes" },
      "agree",
      "eform.type",
      "Cam đoan: giá trị không hợp lệ.",
      "Declaration: has an invalid value.",
    ],
    [
      { birthDate: "31/01/1990" },
      "birthDate",
      "eform.date",
      "Ngày sinh: ngày phải có dạng YYYY-MM-DD.",
      "Date of birth: the date must be YYYY-MM-DD.",
    ],
    [
      { birthDate: "1990-02-30" },
      "birthDate",
      "eform.date",
      "Ngày sinh: ngày phải có dạng YYYY-MM-DD.",
      "Date of birth: the date must be YYYY-MM-DD.",
    ],
    [
      { email: "an@" },
      "email",
      "eform.email",
      "E-mail: địa chỉ e-mail không hợp lệ.",
      "E-mail: the e-mail address is not valid.",
    ],
    [
      { phone: "912345678" },
      "phone",
      "eform.phone",
      "Điện thoại: số điện thoại gồm 10 chữ số, bắt đầu bằng 0.",
      "Phone: a 10-digit number starting with 0.",
    ],
    [
      { idNumber: "12345" },
      "idNumber",
      "eform.id_number",
      "Số định danh: gồm 9 hoặc 12 chữ số.",
      "ID number: 9 or 12 digits.",
    ],
    [
      { choice: "z" },
      "choice",
      "eform.enum",
      "Lựa chọn: chọn một giá trị trong danh sách.",
      "Choice: choose one of the options.",
    ],
    [
      { sex: "other" },
      "sex",
      "eform.enum",
      "Giới tính: chọn một giá trị trong danh sách.",
      "Sex: choose one of the options.",
    ],
    [
      { agree: false },
      "agree",
      "eform.must_confirm",
      "Cam đoan: cần xác nhận.",
      "Declaration: must be confirmed.",
    ],
    [
      { extra: "x" },
      "extra",
      "eform.unknown_field",
      "extra: không có trong tờ khai.",
      "extra: is not a field of this form.",
    ],
  ];
  it.each(cases)("%j → %s %s", (data, field, code, vi, en) => {
    expect(check(data)).toEqual([{ field, code, message: { vi, en } }]);
  });

  it("reports one issue per field, in the form's order", () => {
    const issues = validateFormData(schema, ui, { agree: false, copies: "x", name: "", zzz: 1 });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ["name", "eform.required"],
      ["copies", "eform.type"],
      ["agree", "eform.must_confirm"],
      ["zzz", "eform.unknown_field"],
    ]);
  });

  it("gives a pattern outside the known ones a generic message", () => {
    const s = structuredClone(schema);
    s.properties.name!.pattern = "^[A-Z]+$";
    expect(validateFormData(s, ui, { ...valid, name: "abc" })).toEqual([
      {
        field: "name",
        code: "eform.pattern",
        message: { vi: "Họ tên: không đúng định dạng.", en: "Full name: has the wrong format." },
      },
    ]);
  });
});

describe("schemaProblem", () => {
  it("compiles the model's schemas and names what Ajv refuses", () => {
    expect(schemaProblem(schema)).toBeNull();
    expect(schemaProblem({ type: "object", properties: { a: { type: "strng" } } })).toMatch(/type/);
    expect(schemaProblem({ type: "object", properties: { a: { type: "string", foo: 1 } } })).toMatch(/foo/);
  });
});
