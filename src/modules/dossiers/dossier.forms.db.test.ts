import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { vietnamDate } from "../../shared/dates.ts";

const t = setupTestApp();
const dir = mkdtempSync(path.join(tmpdir(), "motcua-forms-"));
const applicant = {
  name: "Phạm Thị Thu Hà",
  address: "25 Đống Đa, phường Thuận Hóa",
  phone: "0987654321",
  email: "thuha@example.com",
};

/** The text of a PDF response, through pdftotext. */
function pdfText(body: Buffer): string {
  const file = path.join(dir, `${randomUUID()}.pdf`);
  writeFileSync(file, body);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

let ward: string;
let desk: Session;
let specialist: Session;
let leader: Session;
const key = () => ({ "idempotency-key": randomUUID() });

beforeAll(async () => {
  ward = await unitIdByCode(t.app, "46.19753");
  desk = await login(t.app, "tiepnhan.thuanhoa");
  specialist = await login(t.app, "chuyenvien.thuanhoa");
  leader = await login(t.app, "lanhdao.thuanhoa");
});

async function receive() {
  const res = await call(
    t.app,
    desk,
    "POST",
    "/api/dossiers",
    { unitId: ward, procedureCode: "1.004873", applicant },
    key(),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const run = async (s: Session, d: { id: string; version: number }, body: Record<string, unknown>) => {
  const res = await call(
    t.app,
    s,
    "POST",
    `/api/dossiers/${d.id}/commands`,
    { expectedVersion: d.version, ...body },
    key(),
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const form = (s: Session | null, id: string, kind: string) =>
  call(t.app, s, "GET", `/api/dossiers/${id}/forms/${kind}`);

describe("official forms of a dossier", () => {
  it("prints the receipt (Form 01, 2025 regime) with the code, applicant, documents and lookup link", async () => {
    const d = await receive();
    const res = await form(desk, d.id, "receipt");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/pdf");
    const text = pdfText(res.rawPayload);
    expect(text).toContain("Mẫu số 01");
    expect(text).toContain(d.code);
    expect(text).toContain(applicant.name);
    expect(text).toContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    expect(text).toContain("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH");
    expect(text).toContain(d.documents[0].name.slice(0, 20));
    expect(text).toContain("/tra-cuu/");
  });

  it("prints the supplement request, the apology and the control sheet from the history", async () => {
    let d = await receive();
    d = await run(desk, d, { command: "forward" });
    d = await run(specialist, d, {
      command: "request_supplement",
      items: ["Trích lục ghi chú ly hôn", "Tờ khai theo mẫu"],
      reason: "Thiếu giấy tờ chứng minh",
    });
    const sup = pdfText((await form(specialist, d.id, "supplement")).rawPayload);
    expect(sup).toContain("Mẫu số 02");
    expect(sup).toContain("Trích lục ghi chú ly hôn");
    expect(sup).toContain("Tờ khai theo mẫu");
    d = await run(desk, d, { command: "resubmit" });
    const newDueAt = new Date(new Date(d.dueAt).getTime() + 4 * 86_400_000).toISOString();
    d = await run(specialist, d, {
      command: "apologise",
      reason: "Cần xác minh tại nơi cư trú trước",
      newDueAt,
    });
    const apology = pdfText((await form(leader, d.id, "apology")).rawPayload);
    expect(apology).toContain("Mẫu số 04");
    expect(apology).toContain("Cần xác minh tại nơi cư trú trước");
    d = await run(leader, d, { command: "approve" });
    d = await run(leader, d, { command: "issue_result" });
    const control = pdfText((await form(leader, d.id, "control")).rawPayload);
    expect(control).toContain("Mẫu số 06");
    expect(control).toContain(d.code);
    expect(control).toMatch(/Trước hạn|Đúng hạn|Quá hạn/);
  });

  it("prints the refusal and the stop notice only when they exist", async () => {
    const d = await receive();
    expect((await form(desk, d.id, "refusal")).statusCode).toBe(409);
    const refused = await run(desk, d, { command: "refuse", reason: "Không thuộc thẩm quyền giải quyết" });
    const text = pdfText((await form(desk, refused.id, "refusal")).rawPayload);
    expect(text).toContain("Mẫu số 03");
    expect(text).toContain("Không thuộc thẩm quyền giải quyết");
    const s = await run(leader, await receive(), { command: "stop", reason: "Người nộp đề nghị dừng" });
    const stop = pdfText((await form(leader, s.id, "stop")).rawPayload);
    expect(stop).toContain("Mẫu số 05");
    expect(stop).toContain("Người nộp đề nghị dừng");
  });

  it("only those who handle the dossier print its forms", async () => {
    const d = await receive();
    expect((await form(null, d.id, "receipt")).statusCode).toBe(401);
    expect((await form(await login(t.app, "giamsat"), d.id, "receipt")).statusCode).toBe(403);
    expect((await form(await login(t.app, "tiepnhan.phuxuan"), d.id, "receipt")).statusCode).toBe(404);
  });

  it("prints the tracking book (Form 07) of the day", async () => {
    const d = await receive();
    const today = vietnamDate();
    const res = await call(
      t.app,
      desk,
      "GET",
      `/api/dossiers/book.pdf?unitId=${ward}&from=${today}&to=${today}`,
    );
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain("Mẫu số 07");
    expect(text).toContain(d.code);
    const bad = await call(
      t.app,
      desk,
      "GET",
      `/api/dossiers/book.pdf?unitId=${ward}&from=${today}&to=2020-01-01`,
    );
    expect(bad.statusCode).toBe(400);
  });
});
