// Column encryption of ID and phone numbers (issue #10), end to end on both databases: at rest
// users.phone and the applicant's idNumber/phone are ciphertexts; through the API they come back
// as typed for a reader with personal access and masked for the others; sign-in, duplicate
// registration, account matching and the desk's search go through the blind indexes; the
// tracking book (PDF/XLSX), the person's data export and the e-form prefill hold the plaintext.
import { execFileSync } from "node:child_process";
import { randomInt, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { demoMaritalStatusData } from "../../demo/demo-eforms.ts";
import { vietnamDate } from "../../shared/dates.ts";

const t = setupTestApp();
const q = <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);
const key = () => ({ "idempotency-key": randomUUID() });
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");

// 1.004873 marital status certificate (has an e-form with requesterIdNumber / requesterPhone).
const CERT = "1.004873";
const WARD = "46.19753";
const PASSWORD = "Sen-Hue-2026-xanh";
/** Numbers no demo row has: the assertions cannot pass on someone else's data. */
const citizenPhone = `098${digits(7)}`;
const applicantPhone = `091${digits(7)}`;
const idNumber = `046${digits(9)}`;
const assistedIdNumber = `046${digits(9)}`;

let ward: string;
let phuXuan: string;
let desk: Session;
let deskPhuXuan: Session;
let citizen: Session;
let received: { id: string; code: string; version: number };
let elsewhere: { id: string };
const dir = mkdtempSync(path.join(tmpdir(), "motcua-fieldcrypto-"));

beforeAll(async () => {
  ward = await unitIdByCode(t.app, WARD);
  phuXuan = await unitIdByCode(t.app, "46.19774");
  desk = await login(t.app, "tiepnhan.thuanhoa");
  deskPhuXuan = await login(t.app, "tiepnhan.phuxuan");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function receive(session: Session, unitId: string, applicant: Record<string, unknown>) {
  const res = await call(
    t.app,
    session,
    "POST",
    "/api/dossiers",
    { unitId, procedureCode: CERT, applicant: { name: "Lê Thị Mai", ...applicant } },
    key(),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; version: number };
}

/** A stored value is a ciphertext of the format, and nothing of the number shows in it. */
function expectCiphertext(stored: unknown, plain: string) {
  expect(typeof stored).toBe("string");
  expect(stored).toMatch(/^v1\.[a-z0-9-]{1,16}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/);
  // The significant digits (without the leading 0 of a phone) do not appear anywhere in the value.
  expect(stored).not.toContain(plain.replace(/^0/, ""));
  expect(stored).not.toContain(plain.slice(-6));
}

function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `${randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

async function xlsxText(payload: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? "")))));
  return cells.join("\n");
}

describe("users.phone", () => {
  it("stores a registered phone encrypted with its blind index, and signs in by any spelling", async () => {
    const res = await call(t.app, null, "POST", "/api/auth/register", {
      fullName: "Hồ Văn Tâm",
      phone: citizenPhone,
      password: PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    const userId = res.json().user.id as string;
    const [row] = await q<{ phone: string; phone_bidx: string }>(
      sql`select phone, phone_bidx from users where id = ${userId}`,
    );
    expectCiphertext(row?.phone, citizenPhone);
    expect(row?.phone_bidx).toMatch(/^[0-9a-f]{32}$/);

    const spelled = `+84 ${citizenPhone.slice(1, 4)} ${citizenPhone.slice(4, 7)} ${citizenPhone.slice(7)}`;
    const signIn = await call(t.app, null, "POST", "/api/auth/login", {
      username: spelled,
      password: PASSWORD,
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json().user.id).toBe(userId);
    citizen = await login(t.app, citizenPhone, PASSWORD);
    expect(citizen.userId).toBe(userId);
    // A wrong number finds no account (the same answer as a wrong password).
    const wrong = await call(t.app, null, "POST", "/api/auth/login", {
      username: `09${digits(8)}`,
      password: PASSWORD,
    });
    expect(wrong.statusCode).toBe(401);
  });

  it("refuses a second account with the same phone: 409 on the phone field, nothing written", async () => {
    const res = await call(t.app, null, "POST", "/api/auth/register", {
      fullName: "Hồ Thị Tâm",
      phone: citizenPhone,
      password: PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      code: "auth.account_exists",
      errors: [{ field: "phone", code: "taken" }],
    });
    const [n] = await q<{ n: number }>(
      sql`select count(*)::int as n from users where full_name = 'Hồ Thị Tâm'`,
    );
    expect(n?.n).toBe(0);
  });

  it("the database itself refuses a second row with the same blind index (users_phone_bidx_key)", async () => {
    const [row] = await q<{ phone_bidx: string }>(
      sql`select phone_bidx from users where id = ${citizen.userId}`,
    );
    const err = await q(
      sql`insert into users (kind, full_name, phone, phone_bidx)
          values ('citizen', 'Bản sao', 'x', ${row!.phone_bidx})`,
    ).then(
      () => null,
      (e: unknown) => e,
    );
    // Drizzle wraps the driver's error: the constraint is named on the cause.
    const messages: string[] = [];
    for (let e = err; e; e = (e as { cause?: unknown }).cause) messages.push(String((e as Error).message));
    expect(messages.join("\n")).toContain("users_phone_bidx_key");
  });
});

describe("dossiers.applicant", () => {
  it("stores the ID number and phone encrypted, with the ID number's blind index", async () => {
    received = await receive(desk, ward, { idNumber, phone: applicantPhone, address: "4 Trần Hưng Đạo" });
    const [row] = await q<{ id_number: string; phone: string; name: string; kind: string; bidx: string }>(
      sql`select applicant->>'idNumber' as id_number, applicant->>'phone' as phone,
                 applicant->>'name' as name, applicant->>'kind' as kind, applicant_id_bidx as bidx
            from dossiers where id = ${received.id}`,
    );
    expectCiphertext(row?.id_number, idNumber);
    expectCiphertext(row?.phone, applicantPhone);
    // The rest of the block stays readable by SQL.
    expect(row).toMatchObject({ name: "Lê Thị Mai", kind: "person" });
    expect(row?.bidx).toMatch(/^[0-9a-f]{32}$/);
    const [none] = await q<{ bidx: string | null }>(
      sql`select applicant_id_bidx as bidx from dossiers where id = ${(await receive(desk, ward, {})).id}`,
    );
    expect(none?.bidx).toBeNull();
  });

  it("gives the numbers as typed to the desk, and masked to a reader without personal access", async () => {
    const own = await call(t.app, desk, "GET", `/api/dossiers/${received.id}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ masked: false, applicant: { idNumber, phone: applicantPhone } });
    const supervisor = await login(t.app, "giamsat");
    const masked = await call(t.app, supervisor, "GET", `/api/dossiers/${received.id}`);
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.json()).toMatchObject({
      masked: true,
      applicant: { idNumber: null, phone: `${applicantPhone.slice(0, 3)}****${applicantPhone.slice(-3)}` },
    });
    expect(masked.body).not.toContain(idNumber);
    expect(masked.body).not.toContain(applicantPhone);
  });

  it("the desk finds a dossier by the applicant's ID number, only within its own units", async () => {
    elsewhere = await receive(deskPhuXuan, phuXuan, { idNumber });
    const search = async (session: Session, text: string) => {
      const res = await call(
        t.app,
        session,
        "GET",
        `/api/dossiers?queue=all&pageSize=200&q=${encodeURIComponent(text)}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((i) => i.id);
    };
    const found = await search(desk, idNumber);
    expect(found).toEqual([received.id]);
    expect(found).not.toContain(elsewhere.id);
    // Spaces as people type them are fine; the other ward's desk sees only its own.
    expect(await search(desk, `${idNumber.slice(0, 6)} ${idNumber.slice(6)}`)).toEqual([received.id]);
    expect(await search(deskPhuXuan, idNumber)).toEqual([elsewhere.id]);
    // Exact match only: a part of the number finds nothing, nor does another number.
    expect(await search(desk, idNumber.slice(0, 9))).toEqual([]);
    expect(await search(desk, `046${digits(9)}`)).toEqual([]);
  });

  it("prints and exports the tracking book with the phone in clear", async () => {
    const today = vietnamDate();
    const leader = await login(t.app, "lanhdao.thuanhoa");
    const url = (format: string) =>
      `/api/v1/reports/tracking-book?unit=${WARD}&from=${today}&to=${today}&format=${format}`;
    const json = await call(t.app, leader, "GET", url("json"));
    expect(json.statusCode, json.body).toBe(200);
    const row = (json.json().rows as { code: string; applicant: { phone: string | null } }[]).find(
      (r) => r.code === received.code,
    );
    expect(row?.applicant.phone).toBe(applicantPhone);
    const pdf = await call(t.app, leader, "GET", url("pdf"));
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(received.code);
    expect(text).toContain(applicantPhone);
    expect(text).not.toContain("v1.");
    const xlsx = await call(t.app, leader, "GET", url("xlsx"));
    expect(xlsx.statusCode).toBe(200);
    const cells = await xlsxText(xlsx.rawPayload);
    expect(cells).toContain(applicantPhone);
    expect(cells).not.toMatch(/v1\.[a-z0-9-]+\./);
    // The desk's own printed book (Form 07) shows the contact as well.
    const book = await call(
      t.app,
      desk,
      "GET",
      `/api/dossiers/book.pdf?unitId=${ward}&from=${today}&to=${today}`,
    );
    expect(book.statusCode).toBe(200);
    const bookText = pdfText(book.rawPayload);
    expect(bookText).toContain(applicantPhone);
    expect(bookText).not.toContain("v1.");
  });
});

describe("the citizen's own data", () => {
  let assisted: { id: string };

  it("assisted filing finds the citizen's account by the phone's blind index", async () => {
    const res = await call(
      t.app,
      desk,
      "POST",
      "/api/dossiers/assisted",
      {
        unitId: ward,
        procedureCode: CERT,
        applicant: { name: "Hồ Văn Tâm", idNumber: assistedIdNumber, phone: citizenPhone },
        formData: {
          ...demoMaritalStatusData,
          requesterIdNumber: assistedIdNumber,
          requesterPhone: citizenPhone,
        },
      },
      key(),
    );
    expect(res.statusCode, res.body).toBe(201);
    assisted = res.json();
    const [row] = await q<{ user_id: string | null; bidx: string }>(
      sql`select applicant_user_id as user_id, applicant_id_bidx as bidx from dossiers where id = ${assisted.id}`,
    );
    expect(row?.user_id).toBe(citizen.userId);
    expect(row?.bidx).toMatch(/^[0-9a-f]{32}$/);
  });

  it("seals the e-form answers whole at rest, and gives them back as typed to the desk", async () => {
    const [row] = await q<{ form_data: unknown }>(
      sql`select form_data from dossiers where id = ${assisted.id}`,
    );
    const stored = (
      typeof row!.form_data === "string" ? JSON.parse(row!.form_data) : row!.form_data
    ) as Record<string, string>;
    expect(Object.keys(stored)).toEqual(["$enc"]);
    expectCiphertext(stored.$enc, assistedIdNumber);
    expect(stored.$enc).not.toContain(citizenPhone.slice(-6));
    for (const word of ["requester", "Nguyễn", "never_married"])
      expect(JSON.stringify(stored)).not.toContain(word);
    const detail = await call(t.app, desk, "GET", `/api/dossiers/${assisted.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().formData).toEqual({
      ...demoMaritalStatusData,
      requesterIdNumber: assistedIdNumber,
      requesterPhone: citizenPhone,
    });
  });

  it("the data export holds the phone and ID numbers decrypted", async () => {
    const res = await call(t.app, citizen, "GET", "/api/v1/me/data-export");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.account.phone).toBe(citizenPhone);
    const d = (body.dossiers as { id: string; applicant: Record<string, unknown>; formData: unknown }[]).find(
      (x) => x.id === assisted.id,
    );
    expect(d?.applicant).toMatchObject({
      idNumber: assistedIdNumber,
      phone: citizenPhone,
      name: "Hồ Văn Tâm",
    });
    expect(d?.formData).toMatchObject({ requesterIdNumber: assistedIdNumber, requesterPhone: citizenPhone });
    expect(res.body).not.toMatch(/"v1\.[a-z0-9-]+\./);
  });

  it("the e-form prefill gives the phone of the profile and the ID number of the latest dossier", async () => {
    const res = await call(
      t.app,
      citizen,
      "GET",
      `/api/portal/eforms/prefill?procedureCode=${CERT}&unitId=${ward}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().values).toMatchObject({
      requesterPhone: citizenPhone,
      requesterIdNumber: assistedIdNumber,
    });
    expect(res.json().sources).toMatchObject({ requesterPhone: "profile", requesterIdNumber: "applicant" });
    // "previous" fields are read from the latest sealed answers (opened in the app, not in SQL).
    expect(res.json().values).toMatchObject({ subjectName: demoMaritalStatusData.subjectName });
    expect(res.json().sources).toMatchObject({ subjectName: "previous" });
  });
});
