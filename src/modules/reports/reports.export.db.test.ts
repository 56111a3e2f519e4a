// Exports of the official reports (issue #7): the resolution report as XLSX and PDF in the
// layout of Form 06a, the same report from the command line, and the tracking book (Form 06/07)
// as JSON, PDF and XLSX, with who may read it. Figures are checked against the JSON report and
// against counts taken straight from the dossiers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { adminUrl, pgTemplate, pgUrl, templateFile } from "../../../test/db.ts";
import { runCli } from "../../cli.ts";
import { openDatabase, queryRows } from "../../db/client.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { formatDateVi } from "../../shared/pdf.ts";
import { addDays } from "../dashboard/dashboard.logic.ts";
import type { ResolutionCellsOut, ResolutionReport, TrackingBookOut } from "./reports.schemas.ts";
import { bookNote } from "./tracking-book.ts";

const t = setupTestApp();
const WARD = "46.19753";
const today = vietnamDate();
const from = addDays(today, -29);
const dir = mkdtempSync(path.join(tmpdir(), "motcua-report-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let leader: Session;
beforeAll(async () => {
  leader = await login(t.app, "lanhdao.thuanhoa");
});

const get = (session: Session | null, url: string) => call(t.app, session, "GET", url);
const resolutionUrl = (format: string, extra = "") =>
  `/api/v1/reports/resolution?unit=${WARD}&from=${from}&to=${today}&format=${format}${extra}`;

/** The official columns (1)–(11), then withdrawn, stopped, refused: written out here on purpose. */
const expectedCells = (c: ResolutionCellsOut) => [
  c.received.total + c.received.carriedOver,
  c.received.onlineFull + c.received.onlinePartial,
  c.received.inPerson + c.received.postal,
  c.received.carriedOver,
  c.resolved.early + c.resolved.onTime + c.resolved.late,
  c.resolved.early,
  c.resolved.onTime,
  c.resolved.late,
  c.pending.total,
  c.pending.total - c.pending.overdue,
  c.pending.overdue,
  c.ended.withdrawn,
  c.ended.stopped,
  c.ended.refused,
];

async function workbook(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb;
}

const rowCells = (ws: ExcelJS.Worksheet, row: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ws.getCell(row, from + i).value);

/** The PDF's text as poppler's pdftotext reads it back, in layout mode. */
function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** The numbers on the first line of the text that contains `label`. */
const numbersOnLine = (text: string, label: string) => {
  const line = text.split("\n").find((l) => l.includes(label));
  if (!line) throw new Error(`no line with ${label}`);
  return line
    .slice(line.indexOf(label) + label.length)
    .trim()
    .split(/\s+/)
    .map(Number);
};

async function jsonReport(): Promise<ResolutionReport> {
  const res = await get(leader, resolutionUrl("json"));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe("resolution report as XLSX (Form 06a)", () => {
  it("has the title rows, the two-level merged header, the column numbers, the sectors and the total of the JSON report", async () => {
    const report = await jsonReport();
    expect(report.sectors.length).toBeGreaterThan(1);
    expect(report.total.toHandle).toBeGreaterThan(0);
    const res = await get(leader, resolutionUrl("xlsx"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="bao-cao-giai-quyet-${WARD}-${from}-${today}.xlsx"`,
    );
    const book = await workbook(res.rawPayload);
    // The reasons for lateness (Form 06c) on their own sheet: each reason with its count.
    const late = book.getWorksheet("Lý do quá hạn")!;
    expect(late, "the lateness sheet").toBeDefined();
    const lateRows = late.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    for (const r of report.lateness.reasons)
      expect(
        lateRows.some((row) => row[0] === r.reason && row[1] === r.count),
        r.reason,
      ).toBe(true);
    expect(lateRows.filter((row) => report.lateness.dossiers.some((d) => d.code === row[0]))).toHaveLength(
      report.lateness.dossiers.length,
    );
    const ws = book.getWorksheet("Biểu 06a")!;
    expect(ws).toBeDefined();

    expect(ws.getCell("A1").value).toBe("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH");
    expect(ws.getCell("A2").value).toBe(`Đơn vị báo cáo: ${report.unit.name}`);
    expect(report.unit.name).toBe("Phường Thuận Hóa");
    expect(ws.getCell("A3").value).toBe(`Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(today)}`);

    // STT, sector and (1) span both heading rows; each group spans its columns; the title rows span the table.
    expect(ws.model.merges).toEqual(
      expect.arrayContaining([
        "A1:P1",
        "A2:P2",
        "A3:P3",
        "A5:A6",
        "B5:B6",
        "C5:C6",
        "D5:F5",
        "G5:J5",
        "K5:M5",
        "N5:P5",
      ]),
    );
    for (const merged of ["A6", "B6", "C6", "E5", "F5", "H5", "J5", "L5", "P5"])
      expect(ws.getCell(merged).isMerged, merged).toBe(true);
    expect(ws.getCell("D6").isMerged).toBe(false);
    expect(rowCells(ws, 5, 1, 4)).toEqual([
      "STT",
      "Lĩnh vực",
      "Tổng số hồ sơ cần giải quyết",
      "Số hồ sơ nhận giải quyết",
    ]);
    expect([ws.getCell("G5").value, ws.getCell("K5").value, ws.getCell("N5").value]).toEqual([
      "Số hồ sơ đã giải quyết",
      "Số hồ sơ đang giải quyết",
      "Ngoài biểu mẫu: kết thúc không có kết quả",
    ]);
    expect(rowCells(ws, 6, 4, 16)).toEqual([
      "Trực tuyến",
      "Trực tiếp và dịch vụ bưu chính",
      "Từ kỳ trước chuyển qua",
      "Tổng số",
      "Trước hạn",
      "Đúng hạn",
      "Quá hạn",
      "Tổng số",
      "Trong hạn",
      "Quá hạn",
      "Rút hồ sơ",
      "Dừng giải quyết",
      "Từ chối",
    ]);
    expect(rowCells(ws, 7, 3, 13)).toEqual([
      "(1)",
      "(2)",
      "(3)",
      "(4)",
      "(5)",
      "(6)",
      "(7)",
      "(8)",
      "(9)",
      "(10)",
      "(11)",
    ]);

    report.sectors.forEach((s, i) => {
      expect(rowCells(ws, 8 + i, 1, 2)).toEqual([i + 1, s.sector]);
      expect(rowCells(ws, 8 + i, 3, 16), s.sector).toEqual(expectedCells(s));
    });
    const total = 8 + report.sectors.length;
    expect(ws.getCell(total, 2).value).toBe("Tổng cộng");
    expect(ws.getCell(total, 2).font?.bold).toBe(true);
    expect(rowCells(ws, total, 3, 16)).toEqual(expectedCells(report.total));
    // Column (3) sums in person and postal; the note under the table gives both.
    const notes = rowCells(ws, total + 2, 1, 1)
      .concat(rowCells(ws, total + 3, 1, 1))
      .join(" ");
    expect(notes).toContain(`${report.total.received.inPerson} hồ sơ nộp trực tiếp`);
    expect(notes).toContain(`${report.total.received.postal} hồ sơ qua dịch vụ bưu chính`);
  });

  it("has the same structure with English headings (lang=en)", async () => {
    const report = await jsonReport();
    const res = await get(leader, resolutionUrl("xlsx", "&lang=en"));
    expect(res.statusCode, res.body).toBe(200);
    const ws = (await workbook(res.rawPayload)).getWorksheet("Form 06a")!;
    expect(ws.getCell("A1").value).toBe("STATUS AND RESULTS OF HANDLING ADMINISTRATIVE PROCEDURES");
    expect(ws.model.merges).toEqual(
      expect.arrayContaining(["A5:A6", "C5:C6", "D5:F5", "G5:J5", "K5:M5", "N5:P5"]),
    );
    expect(rowCells(ws, 5, 1, 4)).toEqual(["No.", "Sector", "Dossiers to handle", "Dossiers received"]);
    expect(rowCells(ws, 6, 4, 6)).toEqual([
      "Online",
      "In person and by post",
      "Carried over from the previous period",
    ]);
    const total = 8 + report.sectors.length;
    expect(ws.getCell(total, 2).value).toBe("Total");
    expect(rowCells(ws, total, 3, 16)).toEqual(expectedCells(report.total));
  });

  it("refuses a bad format or language with a field error", async () => {
    for (const [extra, field] of [
      ["&format=csv", "format"],
      ["&format=xlsx&lang=fr", "lang"],
    ] as const) {
      const res = await get(
        leader,
        `/api/v1/reports/resolution?unit=${WARD}&from=${from}&to=${today}${extra}`,
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});

describe("resolution report as PDF", () => {
  it("is an A4 landscape PDF with the motto, title, unit, period, headings, totals and signatures", async () => {
    const report = await jsonReport();
    const res = await get(leader, resolutionUrl("pdf"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="bao-cao-giai-quyet-${WARD}-${from}-${today}.pdf"`,
    );
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(res.rawPayload);
    for (const s of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "ỦY BAN NHÂN DÂN PHƯỜNG THUẬN HÓA",
      "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
      "Đơn vị báo cáo: Phường Thuận Hóa",
      `Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(today)}`,
      "Số hồ sơ nhận giải quyết",
      "Số hồ sơ đã giải quyết",
      "Số hồ sơ đang giải quyết",
      // Headings of single columns wrap in their narrow cells: short ones are read back whole.
      "Tổng số",
      "Đúng hạn",
      "Quá hạn",
      "Rút hồ sơ",
      "NGƯỜI LẬP BIỂU",
      "THỦ TRƯỞNG ĐƠN VỊ",
      "Thuận Hóa, ngày",
    ])
      expect(text, s).toContain(s);
    expect(text).toMatch(
      /\(1\)\s+\(2\)\s+\(3\)\s+\(4\)\s+\(5\)\s+\(6\)\s+\(7\)\s+\(8\)\s+\(9\)\s+\(10\)\s+\(11\)/,
    );
    expect(numbersOnLine(text, "Tổng cộng")).toEqual(expectedCells(report.total));
    const first = report.sectors[0]!;
    expect(numbersOnLine(text, first.sector)).toEqual(expectedCells(first));
    expect(text).toMatch(/Trang 1\/\d+/);
  });
});

describe("report resolution on the command line", () => {
  const saved = { ...process.env };
  let cliDb: string | null = null;
  beforeAll(async () => {
    // The CLI opens its own database from the environment: a copy of the same template as the
    // app's, so both hold the same demo history.
    if (process.env.MOTCUA_TEST_DB === "pg") {
      cliDb = `motcua_cli_${process.pid}_${Date.now()}`;
      const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
      await admin.db.execute(sql.raw(`CREATE DATABASE ${cliDb} TEMPLATE ${pgTemplate()}`));
      await admin.close();
      process.env.DATABASE_URL = pgUrl(cliDb);
    } else {
      const dataDir = path.join(dir, "cli-db");
      const seeded = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(templateFile())]) });
      await seeded.close();
      delete process.env.DATABASE_URL;
      process.env.MOTCUA_DATA_DIR = dataDir;
    }
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    if (cliDb) {
      const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
      await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${cliDb} WITH (FORCE)`));
      await admin.close();
    }
  });

  /** Runs the CLI in-process; returns its exit code and what it wrote. */
  async function cli(args: string[]) {
    let stdout = "";
    let stderr = "";
    const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    const err = vi.spyOn(console, "error").mockImplementation((...a) => {
      stderr += `${a.join(" ")}\n`;
    });
    try {
      return { code: await runCli(args), stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  const base = ["report", "resolution", "--unit", WARD, "--from", from, "--to", today];

  it("prints exactly the API's JSON and records an audit row", { timeout: 120_000 }, async () => {
    const api = await jsonReport();
    const r = await cli(base);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as ResolutionReport;
    expect({ ...printed, generatedAt: null }).toEqual({ ...api, generatedAt: null });
    // The audit row lands in the CLI's database.
    const db = process.env.DATABASE_URL
      ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 })
      : await openDatabase({ dataDir: process.env.MOTCUA_DATA_DIR });
    try {
      const [row] = await queryRows<{ action: string; details: Record<string, unknown> }>(
        db.db,
        sql`select action, details from audit_log order by seq desc limit 1`,
      );
      expect(row).toMatchObject({
        action: "cli.report.resolution",
        details: { unit: WARD, from, to: today },
      });
    } finally {
      await db.close();
    }
  });

  it("writes the XLSX and the PDF to --out", { timeout: 120_000 }, async () => {
    const api = await jsonReport();
    const xlsx = path.join(dir, "report.xlsx");
    expect((await cli([...base, "--format", "xlsx", "--out", xlsx, "--lang", "en"])).code).toBe(0);
    const ws = (await workbook(readFileSync(xlsx))).getWorksheet("Form 06a")!;
    expect(rowCells(ws, 8 + api.sectors.length, 2, 16)).toEqual(["Total", ...expectedCells(api.total)]);
    const pdf = path.join(dir, "report.pdf");
    expect((await cli([...base, "--format", "pdf", "--out", pdf])).code).toBe(0);
    expect(numbersOnLine(pdfText(readFileSync(pdf)), "Tổng cộng")).toEqual(expectedCells(api.total));
  });

  it("exits 64 with a clear message on bad arguments", { timeout: 120_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [["report"], /which report/],
      [["report", "catalog"], /unknown report "catalog"/],
      [["report", "resolution", "--unit", WARD, "--from", from], /--to/],
      [[...base, "--format", "pdf"], /--format pdf needs --out FILE/],
      [[...base, "--format", "docx", "--out", "x"], /--format/],
      [["report", "resolution", "--unit", WARD, "--from", "2026-13-01", "--to", today], /--from/],
      [[...base, "--colour", "red"], /unknown argument --colour/],
      [[...base, "--out"], /--out needs a value/],
      [
        ["report", "resolution", "--unit", "99.99999", "--from", from, "--to", today],
        /no unit has the code 99\.99999/,
      ],
      [
        ["report", "resolution", "--unit", WARD, "--from", today, "--to", from],
        /--to: The end date must not precede/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(64);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stdout).toBe("");
    }
  });
});

describe("tracking book (Form 06 / 07)", () => {
  const url = (format: string, f = from, to = today, unit = WARD) =>
    `/api/v1/reports/tracking-book?unit=${unit}&from=${f}&to=${to}&format=${format}`;

  async function book(session: Session, f = from, to = today): Promise<TrackingBookOut> {
    const res = await get(session, url("json", f, to));
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it("lists every dossier received at the ward in the last 30 days, in order, with the book's dates", async () => {
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const b = await book(desk);
    const dossiers = await queryRows<{ code: string; name: string; state: string }>(
      t.database.db,
      sql`select d.code, d.applicant->>'name' as name, d.state from dossiers d join org_units u on u.id = d.unit_id
          where u.code = ${WARD} and d.received_at is not null
            and (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date between ${from}::date and ${today}::date
          order by d.received_at, d.code`,
    );
    expect(dossiers.length).toBeGreaterThan(5);
    expect(b.rows.map((r) => r.code)).toEqual(dossiers.map((d) => d.code));
    expect(b.rows.map((r) => r.no)).toEqual(dossiers.map((_, i) => i + 1));
    expect(b.rows.map((r) => r.applicant.name)).toEqual(dossiers.map((d) => d.name));
    expect(b).toMatchObject({
      unit: {
        code: WARD,
        name: "Phường Thuận Hóa",
        desk: "Trung tâm Phục vụ hành chính công phường Thuận Hóa",
      },
      form: { regime: "2025", number: "07" },
    });
    for (const r of b.rows) {
      expect(r.receivedAt >= `${addDays(from, -1)}T17:00:00.000Z`).toBe(true);
      if (r.transferredAt) expect(r.transferredAt >= r.receivedAt).toBe(true);
      if (r.returnedAt) expect(r.resultBackAt).not.toBeNull();
      // A dossier not returned says where it stands.
      if (r.state !== "returned") expect(r.note).toBeTruthy();
    }
    // The demo history forwards dossiers from the desk and issues results.
    expect(b.rows.some((r) => r.transferredAt && r.resultBackAt && r.returnedAt)).toBe(true);
    expect(b.rows.some((r) => r.state !== "returned")).toBe(true);
    // The leader reads the same book; the read of personal data is audited.
    expect((await book(leader)).rows.length).toBe(b.rows.length);
    const [audit] = await queryRows<{ action: string; details: { rows: number } }>(
      t.database.db,
      sql`select action, details from audit_log where action = 'report.tracking_book' order by seq desc limit 1`,
    );
    expect(audit).toMatchObject({ details: { rows: b.rows.length, unit: WARD } });
  });

  it("prints the official form: Form 07 since 2025-07-01 with the dossiers' codes, Form 06 before", async () => {
    const b = await book(leader);
    const res = await get(leader, url("pdf"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="so-theo-doi-ho-so-${WARD}-${from}-${today}.pdf"`,
    );
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(res.rawPayload);
    expect(text).toContain("SỔ THEO DÕI HỒ SƠ");
    expect(text).toContain("Mẫu số 07");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("PHƯỜNG THUẬN HÓA");
    expect(text).toContain(`Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(today)}`);
    expect(text).toContain(b.rows[0]!.code);
    expect(text).toContain(b.rows.at(-1)!.code);

    const old = await get(leader, url("pdf", "2025-06-01", "2025-06-30"));
    expect(old.statusCode).toBe(200);
    const oldText = pdfText(old.rawPayload);
    expect(oldText).toContain("Mẫu số 06");
    expect(oldText).not.toContain("Mẫu số 07");
  });

  it("exports the same rows as XLSX with the dates under one merged heading", async () => {
    const b = await book(leader);
    const res = await get(leader, url("xlsx"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="so-theo-doi-ho-so-${WARD}-${from}-${today}.xlsx"`,
    );
    const ws = (await workbook(res.rawPayload)).getWorksheet("Mẫu số 07")!;
    expect(ws.getCell("A2").value).toBe("SỔ THEO DÕI HỒ SƠ");
    expect(ws.model.merges).toEqual(expect.arrayContaining(["H5:L5", "A5:A6", "B5:B6", "N5:N6"]));
    expect(ws.getCell("H5").value).toBe("Ngày, tháng, năm");
    expect(rowCells(ws, 6, 8, 12)).toEqual([
      "Nhận hồ sơ",
      "Hẹn trả kết quả",
      "Chuyển hồ sơ đến cơ quan giải quyết",
      "Nhận kết quả từ cơ quan giải quyết",
      "Trả kết quả cho cá nhân, tổ chức",
    ]);
    expect(b.rows.map((_, i) => ws.getCell(7 + i, 2).value)).toEqual(b.rows.map((r) => r.code));
    expect(ws.getCell(7 + b.rows.length, 2).value).toBeNull();
  });

  it("is read by the unit's desk and leader only (401; 403 for specialists, clerks, supervisors, administrators; 404)", async () => {
    const status = async (user: string | null) =>
      (await get(user ? await login(t.app, user) : null, url("json"))).statusCode;
    expect(await status(null)).toBe(401);
    expect(await status("chuyenvien.thuanhoa")).toBe(403);
    expect(await status("vanthu.thuanhoa")).toBe(403);
    expect(await status("admin")).toBe(403);
    expect(await status("giamsat")).toBe(403);
    expect(await status("tiepnhan.phuxuan")).toBe(404);
    expect(await status("tiepnhan.thuanhoa")).toBe(200);
  });

  it("refuses a bad period or unit with field errors", async () => {
    const field = async (u: string) => {
      const res = await get(leader, u);
      expect(res.statusCode).toBe(400);
      return res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    };
    expect(await field(url("json", today, from))).toContain("to:report.range_order");
    expect(await field(url("json", from, today, "99.99999"))).toContain("unit:report.unit_unknown");
    expect((await field(url("docx"))).some((f: string) => f.startsWith("format:"))).toBe(true);
    expect((await field(url("json", "2026-02-30"))).some((f: string) => f.startsWith("from:"))).toBe(true);
  });

  it("notes the state of a dossier not returned, transfers to other agencies and a new appointment", () => {
    expect(bookNote({ state: "returned", promised_at: null, transfers: [] })).toBeNull();
    expect(
      bookNote({
        state: "processing",
        promised_at: "2026-03-10T02:00:00Z",
        transfers: [
          { command: "transfer", at: "2026-03-01T03:00:00Z", agency: "Thuế thành phố Huế" },
          { command: "return_from_transfer", at: "2026-03-04T18:00:00Z", agency: null },
        ],
      }),
    ).toBe(
      "Đang xử lý; Chuyển Thuế thành phố Huế ngày 01/03/2026; Nhận lại ngày 05/03/2026; Hẹn lại ngày 10/03/2026",
    );
    expect(
      bookNote({
        state: "refused",
        promised_at: null,
        transfers: '[{"command":"transfer","at":"2026-03-01T03:00:00+00:00","agency":null}]',
      }),
    ).toBe("Từ chối tiếp nhận; Chuyển cơ quan khác ngày 01/03/2026");
  });
});
