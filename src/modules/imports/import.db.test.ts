// The historical import end to end through the API (CSV and XLSX uploads, background runs,
// progress, error rows, error report), its idempotence, and the resolution report over the
// imported period equal to the figures counted by hand from the file's rows.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { createRun, failAbandonedRuns, MAX_ERRORS, runImport } from "./import.service.ts";

const t = setupTestApp();
const WARD = "46.19753";
const OTHER_WARD = "46.19774";
const HO_TICH = "1.004873"; // sector Hộ tịch
const CHUNG_THUC = "2.000815"; // sector Chứng thực
const HEADER =
  "dossier_code,procedure_code,unit_code,channel,received_at,due_at,resolved_at,returned_at,outcome,rating";

let admin: Session;
let liveCode: string;
const dir = mkdtempSync(path.join(tmpdir(), "motcua-import-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  admin = await login(t.app, "admin");
  const [live] = await queryRows<{ code: string }>(
    t.database.db,
    sql`select code from dossiers where code is not null order by code limit 1`,
  );
  liveCode = live!.code;
});

async function upload(
  name: string,
  body: string | Buffer,
  type = "text/csv",
  session: Session | null = admin,
) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/imports/dossiers?name=${encodeURIComponent(name)}`,
    payload: body,
    headers: {
      "content-type": type,
      ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
    },
  });
}

/** Uploads and waits for the run to end; returns the run as GET /api/v1/imports/:id shows it. */
async function importAndWait(name: string, body: string | Buffer, type?: string) {
  const res = await upload(name, body, type);
  expect(res.statusCode, res.body).toBe(202);
  const { id } = res.json();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const run = await call(t.app, admin, "GET", `/api/v1/imports/${id}`);
    expect(run.statusCode, run.body).toBe(200);
    if (run.json().status !== "running") return run.json();
    if (Date.now() > deadline) throw new Error("the import did not finish within 60 s");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const report = async (unit: string, from: string, to: string) => {
  const res = await call(
    t.app,
    admin,
    "GET",
    `/api/v1/reports/resolution?unit=${unit}&from=${from}&to=${to}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

// Report period of the test: the first half of 2026 (before the demo's 90 days of history).
const FROM = "2026-01-01";
const TO = "2026-06-30";

/** Rows whose report figures for the ward over FROM–TO are counted by hand below. */
const GOOD = [
  // carried over (received before the period), resolved late inside it
  "HX-01,1.004873,46.19753,in_person,2025-12-20T08:00,2025-12-30T17:00,2026-01-10T10:00,2026-01-11,returned,satisfied",
  // carried over, still pending (overdue) at the end
  "HX-02,1.004873,46.19753,in_person,2025-11-01,2025-11-10T17:00,,,pending,",
  // Chứng thực: online, early
  "HX-03,2.000815,46.19753,online_full,2026-02-02T09:00:00+07:00,2026-02-05T17:00:00+07:00,2026-02-04T03:00:00Z,2026-02-04T15:00,returned,very_satisfied",
  // postal, on time (the due day, before the due hour)
  "HX-04,1.004873,46.19753,postal,2026-02-10 09:00,2026-02-12 17:00,2026-02-12 11:00,2026-02-13,returned,empty",
  // in person, late
  "HX-05,1.004873,46.19753,in_person,2026-03-02T08:00,2026-03-04T17:00,2026-03-06T09:00,2026-03-06T10:00,returned,dissatisfied",
  // mobile team, pending within its deadline at the end
  "HX-06,1.004873,46.19753,mobile,2026-06-25T09:00,2026-07-05T17:00,,,pending,",
  // online (partly), pending and overdue at the end
  "HX-07,1.004873,46.19753,online_partial,2026-05-01T09:00,2026-05-10T17:00,,,pending,",
  // at home, withdrawn (returned_at stands for the resolution)
  "HX-08,1.004873,46.19753,at_home,2026-03-01,,,2026-03-03,withdrawn,",
  // Chứng thực: refused the same day
  "HX-09,2.000815,46.19753,in_person,2026-03-02T10:00,,2026-03-02T10:30,,refused,",
  // received inside, resolved after the period: pending and overdue at the end
  "HX-10,1.004873,46.19753,in_person,2026-06-20T09:00,2026-06-28T17:00,2026-07-10T09:00,2026-07-10T10:00,returned,normal",
  // after the period: not counted
  "HX-11,1.004873,46.19753,in_person,2026-07-15T09:00,2026-07-20T17:00,2026-07-18T09:00,,returned,",
  // another ward: not counted
  "HX-12,1.004873,46.19774,in_person,2026-02-02T09:00,2026-02-05T17:00,2026-02-04T09:00,,returned,",
];

describe("historical import (CSV through the API)", () => {
  const bad = () => [
    // row 14: unknown unit
    "HX-B1,1.004873,99.99999,in_person,2026-02-02,2026-02-05,2026-02-04,,returned,",
    // row 15: received in the future
    "HX-B2,1.004873,46.19753,in_person,2099-01-01,2099-01-05,,,pending,",
    // row 16: the code of row 2 again
    "HX-01,1.004873,46.19753,in_person,2026-02-02,2026-02-05,2026-02-04,,returned,",
    // row 17: a live dossier's code
    `${liveCode},1.004873,46.19753,in_person,2026-02-02,2026-02-05,2026-02-04,,returned,`,
    // row 18: resolved before received, and a bad channel
    "HX-B3,1.004873,46.19753,fax,2026-02-02T09:00,2026-02-05,2026-02-01,,returned,",
    // row 19: before the procedure was in the catalog (2025-07-01)
    "HX-B4,1.004873,46.19753,in_person,2025-06-01,2025-06-05,2025-06-04,,returned,",
  ];
  const csv = () => `${HEADER},note\n${GOOD.map((r) => `${r},x`).join("\n")}\n${bad().join("\n")}\n`;

  it("stores the good rows, reports each bad one with its row, field and code, and feeds the report", async () => {
    const before = await report(WARD, FROM, TO);
    // Nothing of the demo falls in the period: the figures below are the file's alone.
    expect(before.total.toHandle + before.total.pending.total).toBe(0);

    const run = await importAndWait("ho-so-2026.csv", csv());
    expect(run).toMatchObject({
      fileName: "ho-so-2026.csv",
      status: "done",
      processed: 18,
      inserted: 12,
      duplicates: 0,
      failed: 6,
      percent: 100,
      moreErrors: false,
      startedBy: { name: expect.any(String) },
    });
    expect(
      run.errors.map((e: { row: number; field: string; code: string }) => `${e.row} ${e.field} ${e.code}`),
    ).toEqual([
      "14 unit_code import.unit_unknown",
      "15 received_at import.future",
      "16 dossier_code import.duplicate_in_file",
      "17 dossier_code import.live_dossier",
      "18 channel import.invalid_value",
      "18 resolved_at import.before_received",
      "19 procedure_code import.procedure_not_in_force",
    ]);
    expect(run.errors[2].message).toEqual({
      vi: "Mã hồ sơ trùng với một dòng trước trong tệp (dòng 2).",
      en: "The dossier code repeats an earlier row of the file (row 2).",
    });

    const stored = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select code, sector, channel, service_mode, outcome, timeliness, rating, to_char(resolved_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') as resolved
          from historical_dossiers where code in ('HX-03', 'HX-06', 'HX-08', 'HX-04') order by code`,
    );
    expect(stored).toEqual([
      {
        code: "HX-03",
        sector: "Chứng thực",
        channel: "online_full",
        service_mode: "desk",
        outcome: "returned",
        timeliness: "early",
        rating: "very_satisfied",
        resolved: "2026-02-04 10:00",
      },
      {
        code: "HX-04",
        sector: "Hộ tịch",
        channel: "postal",
        service_mode: "desk",
        outcome: "returned",
        timeliness: "on_time",
        rating: null,
        resolved: "2026-02-12 11:00",
      },
      {
        code: "HX-06",
        sector: "Hộ tịch",
        channel: "in_person",
        service_mode: "mobile_team",
        outcome: "pending",
        timeliness: null,
        rating: null,
        resolved: null,
      },
      {
        code: "HX-08",
        sector: "Hộ tịch",
        channel: "in_person",
        service_mode: "at_home",
        outcome: "withdrawn",
        timeliness: null,
        rating: null,
        resolved: "2026-03-03 00:00",
      },
    ]);

    // The report for the period: counted by hand from the rows above.
    const r = await report(WARD, FROM, TO);
    expect(r.total).toEqual({
      received: {
        total: 8,
        online: 2,
        onlineFull: 1,
        onlinePartial: 1,
        inPerson: 5,
        postal: 1,
        carriedOver: 2,
      },
      toHandle: 10,
      resolved: { total: 4, early: 1, onTime: 1, late: 2 },
      pending: { total: 4, withinDeadline: 1, overdue: 3, awaitingSupplement: 0, suspended: 0 },
      ended: { total: 2, withdrawn: 1, stopped: 0, refused: 1 },
      serviceModes: { mobileTeam: 1, atHome: 1, onTheSpot: 0 },
    });
    const bySector = Object.fromEntries(r.sectors.map((s: { sector: string }) => [s.sector, s]));
    expect(Object.keys(bySector).sort()).toEqual(["Chứng thực", "Hộ tịch"]);
    expect(bySector["Chứng thực"]).toMatchObject({
      received: { total: 2, online: 1, inPerson: 1, carriedOver: 0 },
      resolved: { total: 1, early: 1 },
      ended: { refused: 1 },
      pending: { total: 0 },
    });
    expect(bySector["Hộ tịch"]).toMatchObject({
      received: { total: 6, inPerson: 4, onlinePartial: 1, postal: 1, carriedOver: 2 },
      toHandle: 8,
      resolved: { total: 3, early: 0, onTime: 1, late: 2 },
      ended: { withdrawn: 1 },
      pending: { total: 4, overdue: 3 },
    });
    // The next month sees HX-10 resolved (late) and HX-11 received and resolved.
    const july = await report(WARD, "2026-07-01", "2026-07-31");
    expect(july.total.received).toMatchObject({ total: 1, carriedOver: 4 });
    expect(july.total.resolved).toMatchObject({ early: 1, late: 1 });
    // The other ward has its row.
    expect((await report(OTHER_WARD, FROM, TO)).total.resolved.early).toBe(1);
  });

  it("is idempotent: the same file again stores nothing, counts duplicates and leaves the report as it was", async () => {
    const before = await report(WARD, FROM, TO);
    const [{ n: rowsBefore }] = (await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from historical_dossiers`,
    )) as [{ n: number }];
    const run = await importAndWait("ho-so-2026.csv", csv());
    expect(run).toMatchObject({ status: "done", processed: 18, inserted: 0, duplicates: 12, failed: 6 });
    expect(run.errors.map((e: { row: number }) => e.row)).toEqual([14, 15, 16, 17, 18, 18, 19]);
    const [{ n: rowsAfter }] = (await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from historical_dossiers`,
    )) as [{ n: number }];
    expect(rowsAfter).toBe(rowsBefore);
    const after = await report(WARD, FROM, TO);
    expect({ ...after, generatedAt: null }).toEqual({ ...before, generatedAt: null });
  });

  it("gives the error report as CSV and lists the runs, newest first", async () => {
    const list = await call(t.app, admin, "GET", "/api/v1/imports?pageSize=1");
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      total: 2,
      page: 1,
      pageSize: 1,
      items: [{ duplicates: 12, status: "done" }],
    });
    const id = list.json().items[0].id;
    const res = await call(t.app, admin, "GET", `/api/v1/imports/${id}/errors.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="loi-nhap-[0-9a-f]{8}\.csv"$/);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("row,field,code,message_vi,message_en");
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe(
      "14,unit_code,import.unit_unknown,Không có đơn vị mang mã này.,No unit has this code.",
    );
    // Messages with commas are quoted.
    expect(lines[5]).toMatch(
      /^18,channel,import.invalid_value,".*in_person, online_full.*","channel must be one of: .*"$/,
    );
    const missing = await call(t.app, admin, "GET", "/api/v1/imports/00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
  });
});

describe("historical import (XLSX)", () => {
  it("reads typed cells (dates as Vietnam time) and reports row numbers of the sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Hồ sơ");
    ws.addRow([
      "Dossier Code",
      "Procedure Code",
      "Unit Code",
      "Channel",
      "Received At",
      "Due At",
      "Resolved At",
      "Outcome",
    ]);
    // A workbook date has no zone: 2026-04-01 08:00 read as Vietnam time.
    const d = (iso: string) => new Date(`${iso}Z`);
    ws.addRow([
      "XL-01",
      HO_TICH,
      OTHER_WARD,
      "online_full",
      d("2026-04-01T08:00:00"),
      d("2026-04-03T17:00:00"),
      d("2026-04-02T09:00:00"),
      "returned",
    ]);
    ws.addRow([]);
    ws.addRow(["XL-02", CHUNG_THUC, OTHER_WARD, "postal", "2026-04-02", "2026-04-06", "", "pending"]);
    ws.addRow(["XL-03", HO_TICH, OTHER_WARD, "in_person", "không rõ", "2026-04-06", "", "pending"]);
    ws.addRow(["XL-04", "1.999999", OTHER_WARD, "in_person", "2026-04-02", "2026-04-06", "", "pending"]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const run = await importAndWait(
      "lich-su.xlsx",
      bytes,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    // The run's own errors in the message: a run that failed outright says why (seen once in CI).
    expect(run, JSON.stringify(run.errors)).toMatchObject({
      status: "done",
      processed: 4,
      inserted: 2,
      duplicates: 0,
      failed: 2,
    });
    expect(run.errors.map((e: { row: number; code: string }) => `${e.row} ${e.code}`)).toEqual([
      "5 import.date_invalid",
      "6 import.procedure_unknown",
    ]);
    const [row] = await queryRows<{ received: string; timeliness: string }>(
      t.database.db,
      sql`select to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') as received, timeliness
          from historical_dossiers where code = 'XL-01'`,
    );
    expect(row).toEqual({ received: "2026-04-01 08:00", timeliness: "early" });
  });
});

describe("historical import (runs)", () => {
  const csvFile = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("commits batch by batch with progress, and finds a code repeated in a later batch", async () => {
    const rows = Array.from(
      { length: 7 },
      (_, i) => `RB-${i},1.004873,46.19753,in_person,2026-01-0${i + 2},2026-01-20,2026-01-15,,returned,`,
    );
    rows.push("RB-1,1.004873,46.19753,in_person,2026-01-02,2026-01-20,2026-01-15,,returned,");
    const file = csvFile("batches.csv", `${HEADER}\n${rows.join("\n")}\n`);
    const runId = await createRun(t.database.db, { fileName: "batches.csv", sha256: null, startedBy: null });
    const seen: number[] = [];
    const summary = await runImport(t.database.db, runId, {
      file,
      format: "csv",
      scope: "all",
      batchRows: 3,
      onProgress: (p) => seen.push(p.processed),
    });
    expect(seen).toEqual([3, 6, 8, 8]);
    expect(summary).toMatchObject({ status: "done", processed: 8, inserted: 7, duplicates: 0, failed: 1 });
    expect(summary.errors).toEqual([
      expect.objectContaining({ row: 9, field: "dossier_code", code: "import.duplicate_in_file" }),
    ]);
    const [stored] = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select status, processed_rows, inserted_rows, failed_rows, finished_at is not null as finished from import_runs where id = ${runId}`,
    );
    expect(stored).toEqual({
      status: "done",
      processed_rows: 8,
      inserted_rows: 7,
      failed_rows: 1,
      finished: true,
    });
  });

  it("stops at a malformed CSV row, keeping the rows read before it", async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `RM-${i},1.004873,46.19753,in_person,2026-01-02,2026-01-20,2026-01-15,,returned,`,
    );
    const file = csvFile("malformed.csv", `${HEADER}\n${rows.join("\n")}\nRM-X,"1.004873,46.19753\n`);
    const runId = await createRun(t.database.db, {
      fileName: "malformed.csv",
      sha256: null,
      startedBy: null,
    });
    const summary = await runImport(t.database.db, runId, { file, format: "csv", scope: "all" });
    expect(summary.status).toBe("failed");
    expect(summary.inserted).toBeGreaterThanOrEqual(2000);
    expect(summary.inserted).toBe(summary.processed);
    expect(summary.errors).toEqual([expect.objectContaining({ field: "", code: "import.csv_invalid" })]);
    expect(summary.errors[0]!.row).toBeGreaterThan(summary.processed + 1);
  });

  it("marks a run left running by a process that is gone as failed (embedded database, at start)", async () => {
    const runId = await createRun(t.database.db, { fileName: "cut.csv", sha256: null, startedBy: null });
    await failAbandonedRuns(t.database.db);
    const run = (await call(t.app, admin, "GET", `/api/v1/imports/${runId}`)).json();
    expect(run).toMatchObject({ status: "failed", finishedAt: expect.any(String) });
    expect(run.errors).toEqual([expect.objectContaining({ row: 2, field: "", code: "import.interrupted" })]);
  });

  it("keeps the first 1,000 errors and counts the rest", async () => {
    const rows = Array.from(
      { length: MAX_ERRORS + 200 },
      (_, i) => `RE-${i},1.004873,99.99999,in_person,2026-01-02,2026-01-20,2026-01-15,,returned,`,
    );
    const file = csvFile("errors.csv", `${HEADER}\n${rows.join("\n")}\n`);
    const runId = await createRun(t.database.db, { fileName: "errors.csv", sha256: null, startedBy: null });
    const summary = await runImport(t.database.db, runId, { file, format: "csv", scope: "all" });
    expect(summary).toMatchObject({ status: "done", processed: 1200, inserted: 0, failed: 1200 });
    const run = (await call(t.app, admin, "GET", `/api/v1/imports/${runId}`)).json();
    expect(run.errors).toHaveLength(MAX_ERRORS);
    expect(run.errors.at(-1).row).toBe(MAX_ERRORS + 1);
    expect(run).toMatchObject({ failed: 1200, moreErrors: true, startedBy: null });
  });

  it("refuses rows of units outside the importer's scope", async () => {
    const file = csvFile("scope.csv", `${HEADER}\n${GOOD[11]!.replace("HX-12", "SC-1")}\n`);
    const [other] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from org_units where code = ${WARD}`,
    );
    const runId = await createRun(t.database.db, { fileName: "scope.csv", sha256: null, startedBy: null });
    const summary = await runImport(t.database.db, runId, {
      file,
      format: "csv",
      scope: new Set([other!.id]),
    });
    expect(summary.errors.map((e) => e.code)).toEqual(["import.unit_out_of_scope"]);
  });

  it("fails a file without the required columns, at row 1, storing nothing", async () => {
    const run = await importAndWait("thieu-cot.csv", "dossier_code;unit_code\nA;46.19753\n");
    expect(run).toMatchObject({ status: "failed", processed: 0, inserted: 0, failed: 0, percent: null });
    expect(run.errors.map((e: { row: number; field: string }) => `${e.row} ${e.field}`)).toEqual([
      "1 procedure_code",
      "1 channel",
      "1 received_at",
      "1 outcome",
    ]);
  });

  it("refuses a wrong file before starting a run, in both languages", async () => {
    const runs = async () => (await call(t.app, admin, "GET", "/api/v1/imports")).json().total;
    const before = await runs();
    const wrongName = await upload("ho-so.xls", `${HEADER}\n`);
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json().errors[0]).toMatchObject({ field: "name", code: "import.unsupported_name" });
    expect(wrongName.json().errors[0].message.vi).toContain(".csv");
    const notZip = await upload("ho-so.xlsx", `${HEADER}\n`, "application/octet-stream");
    expect(notZip.statusCode).toBe(415);
    expect(notZip.json().code).toBe("import.unsupported_type");
    const binary = await upload("ho-so.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    expect(binary.statusCode).toBe(415);
    const empty = await upload("ho-so.csv", "");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe("import.empty");
    const huge = await t.app.inject({
      method: "POST",
      url: "/api/v1/imports/dossiers?name=a.csv",
      payload: "x",
      headers: {
        "content-type": "text/csv",
        "content-length": String(600 * 1_048_576),
        cookie: admin.cookie,
        "x-csrf-token": admin.csrf,
      },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe("import.too_large");
    expect(await runs()).toBe(before);
  });

  it("keeps out who may not import, and audits the upload", async () => {
    const leader = await login(t.app, "lanhdao.thuanhoa");
    expect((await upload("a.csv", `${HEADER}\n`, "text/csv", leader)).statusCode).toBe(403);
    expect((await upload("a.csv", `${HEADER}\n`, "text/csv", null)).statusCode).toBe(401);
    expect((await call(t.app, leader, "GET", "/api/v1/imports")).statusCode).toBe(403);
    const audited = await queryRows<{ outcome: number; target: string | null }>(
      t.database.db,
      sql`select outcome, target from audit_log where action = 'import.dossiers' order by seq`,
    );
    expect(audited.filter((a) => a.outcome === 202).length).toBeGreaterThanOrEqual(3);
    expect(audited.filter((a) => a.outcome === 202).every((a) => a.target)).toBe(true);
    expect(audited.some((a) => a.outcome === 403)).toBe(true);
  });
});
