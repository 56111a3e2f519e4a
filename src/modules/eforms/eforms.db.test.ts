import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { demoMaritalStatusData } from "../../demo/demo-eforms.ts";
import { type EformField, fieldsToForm } from "./eform.model.ts";

const t = setupTestApp();
// The demo seeds the province's forms; 1.004873 (marital status) is inherited by every ward.
const CERT = "1.004873";
// 1.000656 (death registration) has no form.
const NO_FORM = "1.000656";
const applicant = { name: "Nguyễn Văn An", idNumber: "046090001234", birthDate: "1990-05-12" };
const valid = demoMaritalStatusData;

const key = () => ({ "idempotency-key": randomUUID() });
let ward: string;
let phuXuan: string;
let province: string;
let desk: Session;
let citizen: Session;
let admin: Session;

beforeAll(async () => {
  ward = await unitIdByCode(t.app, "46.19753");
  phuXuan = await unitIdByCode(t.app, "46.19774");
  province = await unitIdByCode(t.app, "46");
  desk = await login(t.app, "tiepnhan.thuanhoa");
  citizen = await login(t.app, "congdan@motcua.example");
  admin = await login(t.app, "admin");
});

type FieldErr = { field: string; code: string; message: { vi: string; en: string } };
const errorsOf = (res: { json: () => { errors?: FieldErr[] } }) =>
  Object.fromEntries((res.json().errors ?? []).map((e) => [e.field, e.code]));

const fields: EformField[] = [
  { key: "fullName", kind: "text", label: { vi: "Họ tên", en: "Full name" }, required: true, width: "full" },
  {
    key: "purpose",
    kind: "select",
    label: { vi: "Mục đích", en: "Purpose" },
    required: true,
    options: [{ value: "work", label: { vi: "Đi làm", en: "Work" } }],
    width: "half",
  },
];
const form = () => structuredClone(fieldsToForm("Tờ khai thử", fields));

describe("builder", () => {
  const save = (s: Session | null, unitId: string, body: Record<string, unknown>) =>
    call(t.app, s, "POST", `/api/org/units/${unitId}/eforms`, {
      procedureCode: CERT,
      title: "Tờ khai thử",
      ...body,
    });

  it("refuses forms outside the supported subset, naming the field", async () => {
    const quantri = await login(t.app, "quantri.phuxuan");
    const cases: [(f: ReturnType<typeof form>) => void, string, string][] = [
      [
        (f) => Object.assign(f.schema.properties.fullName!, { foo: 1 }),
        "schema.properties.fullName",
        "unrecognized_keys",
      ],
      [
        (f) => Object.assign(f.schema.properties.fullName!, { type: "array" }),
        "schema.properties.fullName.type",
        "invalid_value",
      ],
      [(f) => f.ui.order.reverse().pop(), "ui.order", "eform.order_mismatch"],
      [(f) => f.ui.order.push("fullName"), "ui.order.2", "eform.duplicate_key"],
      [
        (f) => Object.assign(f.ui.fields.fullName!, { kind: "slider" }),
        "ui.fields.fullName.kind",
        "invalid_value",
      ],
      [(f) => delete f.ui.fields.purpose!.options, "ui.fields.purpose.options", "eform.options"],
      [
        (f) => (f.schema.properties.purpose!.enum = ["home"]),
        "schema.properties.purpose.enum",
        "eform.enum_mismatch",
      ],
      [
        (f) => (f.schema.properties.fullName!.format = "date"),
        "schema.properties.fullName",
        "eform.kind_mismatch",
      ],
      [(f) => (f.schema.required = ["fullName", "nope"]), "schema.required.1", "eform.unknown_required"],
    ];
    for (const [mutate, field, code] of cases) {
      const f = form();
      mutate(f);
      const res = await save(quantri, phuXuan, f);
      expect(res.statusCode, field).toBe(400);
      expect(errorsOf(res)[field], JSON.stringify(res.json().errors)).toBe(code);
      expect(res.json().errors[0].message.vi).toBeTruthy();
    }
    const bad = form();
    bad.schema.properties["Bad Key"] = bad.schema.properties.fullName!;
    expect((await save(quantri, phuXuan, bad)).statusCode).toBe(400);
    const many = fieldsToForm(
      "x",
      Array.from({ length: 101 }, (_, i) => ({ ...fields[0]!, key: `f${i}` })),
    );
    const res = await save(quantri, phuXuan, many);
    expect(errorsOf(res)["schema.properties"]).toBe("eform.field_count");
  });

  it("keeps revisions per unit; the nearest unit's latest revision is in force", async () => {
    const quantri = await login(t.app, "quantri.phuxuan");
    const before = await call(t.app, quantri, "GET", `/api/org/units/${phuXuan}/eforms/${CERT}`);
    expect(before.json()).toMatchObject({ inherited: true, revisions: [] });
    expect(before.json().eform.unitName).toBe("Thành phố Huế");
    const first = await save(quantri, phuXuan, form());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().eform).toMatchObject({ revision: 1, unitId: phuXuan, procedureCode: CERT });
    const second = await save(quantri, phuXuan, { ...form(), title: "Tờ khai thử (sửa)" });
    expect(second.json().eform.revision).toBe(2);
    const detail = (await call(t.app, quantri, "GET", `/api/org/units/${phuXuan}/eforms/${CERT}`)).json();
    expect(detail.inherited).toBe(false);
    expect(detail.eform.title).toBe("Tờ khai thử (sửa)");
    expect(detail.revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    expect(detail.revisions[0].createdBy).toBe("Bùi Văn Phú");
    // Phú Xuân's own form; Thuận Hóa still inherits the province's.
    const here = (
      await call(t.app, null, "GET", `/api/public/procedures/${CERT}/eform?unitId=${phuXuan}`)
    ).json();
    expect(here.eform).toMatchObject({ revision: 2, unitId: phuXuan });
    const there = (
      await call(t.app, null, "GET", `/api/public/procedures/${CERT}/eform?unitId=${ward}`)
    ).json();
    expect(there.eform).toMatchObject({ unitId: province, unitName: "Thành phố Huế" });
    const list = (await call(t.app, quantri, "GET", `/api/org/units/${phuXuan}/eforms`)).json();
    const item = list.items.find((i: { procedureCode: string }) => i.procedureCode === CERT);
    expect(item).toMatchObject({ inherited: false, eform: { revision: 2, unitId: phuXuan } });
    const birth = list.items.find((i: { procedureCode: string }) => i.procedureCode === "1.001193");
    expect(birth).toMatchObject({ inherited: true, eform: { unitId: province } });
    expect(list.items.find((i: { procedureCode: string }) => i.procedureCode === NO_FORM).eform).toBeNull();
    // The province's administrators (here the system administrator) build for the whole city.
    const top = await save(admin, province, { ...form(), procedureCode: "1.004884" });
    expect(top.statusCode, top.body).toBe(201);
    const inherited = await call(
      t.app,
      null,
      "GET",
      `/api/public/procedures/1.004884/eform?unitId=${phuXuan}`,
    );
    expect(inherited.json().eform).toMatchObject({ unitId: province, title: "Tờ khai thử" });
  });

  it("only administrators of the unit or above may build", async () => {
    expect((await save(null, ward, form())).statusCode).toBe(401);
    expect((await save(desk, ward, form())).statusCode).toBe(403);
    const other = await login(t.app, "quantri.phuxuan");
    expect((await save(other, ward, form())).statusCode).toBe(404);
    expect((await call(t.app, other, "GET", `/api/org/units/${ward}/eforms`)).statusCode).toBe(404);
    expect((await call(t.app, citizen, "GET", `/api/org/units/${ward}/eforms`)).statusCode).toBe(404);
  });
});

describe("public read and prefill", () => {
  it("reads the form in force, or null; an unknown procedure is a 404", async () => {
    const res = await call(t.app, null, "GET", `/api/public/procedures/1.001193/eform?unitId=${ward}`);
    expect(res.statusCode).toBe(200);
    const eform = res.json().eform;
    expect(eform.title).toBe("Tờ khai đăng ký khai sinh");
    expect(eform.ui.order).toContain("childName");
    expect(eform.ui.fields.childSex.options.map((o: { value: string }) => o.value)).toEqual([
      "male",
      "female",
    ]);
    const none = await call(t.app, null, "GET", `/api/public/procedures/1.004194/eform?unitId=${ward}`);
    expect(none.json()).toEqual({ eform: null });
    expect(
      (await call(t.app, null, "GET", `/api/public/procedures/9.999999/eform?unitId=${ward}`)).statusCode,
    ).toBe(404);
  });

  it("fills in the profile, the latest applicant data and earlier answers (once-only)", async () => {
    const url = `/api/portal/eforms/prefill?procedureCode=${CERT}&unitId=${ward}`;
    expect((await call(t.app, null, "GET", url)).statusCode).toBe(401);
    expect((await call(t.app, desk, "GET", url)).statusCode).toBe(403);
    const filed = await call(
      t.app,
      citizen,
      "POST",
      "/api/portal/dossiers",
      { unitId: ward, procedureCode: CERT, applicant, formData: { ...valid, subjectEthnicity: "Tày" } },
      key(),
    );
    expect(filed.statusCode, filed.body).toBe(201);
    const res = await call(t.app, citizen, "GET", url);
    expect(res.statusCode).toBe(200);
    const { values, sources } = res.json();
    expect(values).toMatchObject({
      requesterName: "Nguyễn Văn An",
      requesterPhone: "0912345678",
      requesterIdNumber: "046090001234",
      subjectBirthDate: "1990-05-12",
      subjectEthnicity: "Tày",
      subjectName: "Nguyễn Văn An",
    });
    expect(sources).toMatchObject({
      requesterName: "profile",
      requesterIdNumber: "applicant",
      subjectEthnicity: "previous",
    });
    // Fields without a prefill source are never guessed.
    expect(values.status).toBeUndefined();
  });
});

const desk1 = (body: Record<string, unknown>, session = desk) =>
  call(
    t.app,
    session,
    "POST",
    "/api/dossiers",
    { unitId: ward, procedureCode: CERT, applicant, ...body },
    key(),
  );
const online = (body: Record<string, unknown>, session = citizen) =>
  call(
    t.app,
    session,
    "POST",
    "/api/portal/dossiers",
    { unitId: ward, procedureCode: CERT, applicant, ...body },
    key(),
  );

describe("filing with form data", () => {
  const handCrafted: [Record<string, unknown>, string, string][] = [
    [{ ...valid, extra: "x" }, "formData.extra", "eform.unknown_field"],
    [{ ...valid, subjectSex: "other" }, "formData.subjectSex", "eform.enum"],
    [{ ...valid, subjectBirthDate: 19900512 }, "formData.subjectBirthDate", "eform.type"],
    [{ ...valid, subjectName: "" }, "formData.subjectName", "eform.required"],
    [{ ...valid, subjectName: "A".repeat(101) }, "formData.subjectName", "eform.max_length"],
    [{ ...valid, requesterIdNumber: "123" }, "formData.requesterIdNumber", "eform.id_number"],
    [{ ...valid, declaration: false }, "formData.declaration", "eform.must_confirm"],
  ];

  it("the desk stores valid data with the form's revision and refuses bad data field by field", async () => {
    const ok = await desk1({ formData: valid });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().eform).toMatchObject({
      title: "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
      revision: 1,
    });
    expect(ok.json().formData).toEqual(valid);
    for (const [formData, field, code] of handCrafted) {
      const res = await desk1({ formData });
      expect(res.statusCode, field).toBe(400);
      expect(errorsOf(res)[field], res.body).toBe(code);
    }
    // The paper declaration may stand in at the desk: no data, no form stored.
    const paper = await desk1({});
    expect(paper.statusCode).toBe(201);
    expect(paper.json()).toMatchObject({ eform: null, formData: null });
    const noForm = await desk1({ procedureCode: NO_FORM, formData: { a: "b" } });
    expect(errorsOf(noForm)).toEqual({ formData: "eform.no_form" });
  });

  it("a batch names the item at fault", async () => {
    const res = await call(
      t.app,
      desk,
      "POST",
      "/api/dossiers/batch",
      {
        unitId: ward,
        items: [
          {
            procedureCode: CERT,
            applicant,
            receivedAt: new Date().toISOString(),
            formData: { ...valid, status: "?" },
          },
        ],
      },
      key(),
    );
    expect(res.statusCode).toBe(400);
    expect(errorsOf(res)).toEqual({ "items.0.formData.status": "eform.enum" });
  });

  it("online filing checks the form in full: missing data is missing required fields", async () => {
    const missing = await online({});
    expect(missing.statusCode).toBe(400);
    expect(errorsOf(missing)).toMatchObject({ "formData.requesterName": "eform.required" });
    const en = missing.json().errors.find((e: FieldErr) => e.field === "formData.status").message;
    expect(en).toEqual({ vi: "Tình trạng hôn nhân: cần nhập.", en: "Marital status: is required." });
    for (const [formData, field, code] of handCrafted) {
      const res = await online({ formData });
      expect(errorsOf(res)[field], field).toBe(code);
    }
    const big = await online({ formData: { ...valid, note: "x".repeat(10_001) } });
    expect(big.statusCode).toBe(400);
    const ok = await online({ formData: valid });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ state: "submitted", formData: valid, assistedBy: null });
  });
});

describe("drafts", () => {
  it("saves unchecked, edits with an event, checks in full when submitted", async () => {
    const saved = await online({ draft: true, formData: { subjectName: "An", subjectSex: "nope" } });
    expect(saved.statusCode, saved.body).toBe(201);
    let d = saved.json();
    expect(d).toMatchObject({
      state: "draft",
      version: 1,
      formData: { subjectName: "An", subjectSex: "nope" },
    });
    const put = (body: Record<string, unknown>, s = citizen) =>
      call(
        t.app,
        s,
        "PUT",
        `/api/portal/dossiers/${d.id}`,
        { unitId: ward, procedureCode: CERT, applicant, ...body },
        key(),
      );
    const submit = () =>
      call(
        t.app,
        citizen,
        "POST",
        `/api/dossiers/${d.id}/commands`,
        { command: "submit", expectedVersion: d.version },
        key(),
      );
    expect((await put({ expectedVersion: 9, formData: {} })).statusCode).toBe(409);
    const edited = await put({ expectedVersion: 1, formData: { ...valid, status: undefined } });
    expect(edited.statusCode, edited.body).toBe(200);
    d = edited.json();
    expect(d.version).toBe(2);
    expect(d.events.at(-1)).toMatchObject({ command: "edit_draft", fromState: "draft", toState: "draft" });
    const refused = await submit();
    expect(refused.statusCode).toBe(400);
    expect(errorsOf(refused)).toEqual({ "formData.status": "eform.required" });
    d = (await put({ expectedVersion: 2, formData: valid })).json();
    const submitted = await submit();
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: "submitted", formData: valid });
    expect(submitted.json().eform.revision).toBe(1);
    const late = await put({ expectedVersion: submitted.json().version, formData: valid });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("dossier.not_draft");
  });

  it("another citizen can neither read nor change a draft", async () => {
    const d = (await online({ draft: true })).json();
    const reg = await call(t.app, null, "POST", "/api/auth/register", {
      fullName: "Trần Thị Khác",
      email: "khac@example.com",
      password: "Motcua@2026x",
    });
    expect(reg.statusCode, reg.body).toBeLessThan(300);
    const other = await login(t.app, "khac@example.com", "Motcua@2026x");
    expect((await call(t.app, other, "GET", `/api/dossiers/${d.id}`)).statusCode).toBe(404);
    const res = await call(
      t.app,
      other,
      "PUT",
      `/api/portal/dossiers/${d.id}`,
      { unitId: ward, procedureCode: CERT, applicant, expectedVersion: 1 },
      key(),
    );
    expect(res.statusCode).toBe(404);
    expect(
      (
        await call(
          t.app,
          desk,
          "PUT",
          `/api/portal/dossiers/${d.id}`,
          { unitId: ward, procedureCode: CERT, applicant, expectedVersion: 1 },
          key(),
        )
      ).statusCode,
    ).toBe(404);
    const big = await call(
      t.app,
      citizen,
      "PUT",
      `/api/portal/dossiers/${d.id}`,
      {
        unitId: ward,
        procedureCode: CERT,
        applicant,
        expectedVersion: 1,
        formData: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, "x".repeat(9000)])),
      },
      key(),
    );
    expect(big.statusCode).toBe(400);
  });
});

describe("assisted filing", () => {
  it("an official files for the applicant; the dossier shows in the citizen's account", async () => {
    const body = {
      unitId: ward,
      procedureCode: CERT,
      applicant: { ...applicant, email: "CongDan@motcua.example" },
      formData: valid,
    };
    const bad = await call(t.app, desk, "POST", "/api/dossiers/assisted", { ...body, formData: {} }, key());
    expect(errorsOf(bad)["formData.requesterName"]).toBe("eform.required");
    const res = await call(t.app, desk, "POST", "/api/dossiers/assisted", body, key());
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      state: "submitted",
      channel: "online_full",
      assistedBy: { name: "Nguyễn Thị Tiếp" },
    });
    expect(d.events[0]).toMatchObject({ command: "create", actor: "Nguyễn Thị Tiếp" });
    const mine = (await call(t.app, citizen, "GET", "/api/dossiers?queue=all&pageSize=200")).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(d.id);
    const received = await call(
      t.app,
      desk,
      "POST",
      `/api/dossiers/${d.id}/commands`,
      { command: "receive", expectedVersion: d.version },
      key(),
    );
    expect(received.json()).toMatchObject({ state: "received", assistedBy: { name: "Nguyễn Thị Tiếp" } });
    // An applicant without an account: filed, linked to nobody.
    const anon = await call(t.app, desk, "POST", "/api/dossiers/assisted", { ...body, applicant }, key());
    expect(anon.statusCode).toBe(201);
    const other = await login(t.app, "tiepnhan.phuxuan");
    expect((await call(t.app, other, "POST", "/api/dossiers/assisted", body, key())).statusCode).toBe(404);
    expect((await call(t.app, citizen, "POST", "/api/dossiers/assisted", body, key())).statusCode).toBe(404);
  });
});
