// The PAR index through the real HTTP stack on a real database (PGlite, or PostgreSQL with
// MOTCUA_TEST_DB=pg): importing criteria files (good and bad rows), the 100-point rule in the
// service and in the database, totals, editing a set while allowed and refused once an assessment
// is submitted, evidence files round trip, appraisal and the self-appraisal rule, the ranking with
// ties, the year-on-year comparison, automatic points equal to the reports' own figures, and the
// refusals (401/403/404, 400 field errors in vi and en).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { withSlowCommits } from "../../../test/slow-commit.ts";
import { queryRows } from "../../db/client.ts";
import { DEMO_PASSWORD } from "../../demo/demo-data.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { hashPassword } from "../auth/password.ts";
import { sha256Of } from "../documents/blob-store.ts";
import { pdfBytes, pngBytes } from "../documents/test-files.ts";
import type { AssessmentOut, ComparisonOut, RankingOut, SetOut, SetUnitsOut } from "./par.schemas.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-par-"));
const t = setupTestApp({ MOTCUA_DATA_DIR: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const THUAN_HOA = "46.19753";
const PHU_XUAN = "46.19774";
const THIS_YEAR = Number(vietnamDate().slice(0, 4));

let admin: Session;
let supervisor: Session;
let wardAdmin: Session;
let wardLeader: Session;
let otherWardAdmin: Session;
let receptionist: Session;

beforeAll(async () => {
  admin = await login(t.app, "admin");
  supervisor = await login(t.app, "giamsat");
  wardAdmin = await login(t.app, "quantri.thuanhoa");
  wardLeader = await login(t.app, "lanhdao.thuanhoa");
  otherWardAdmin = await login(t.app, "quantri.phuxuan");
  receptionist = await login(t.app, "tiepnhan.thuanhoa");
});

type Row = { code: string; parent_code?: string; title: string; max_points: string; auto_source?: string };

/** A sound criteria list: three groups (50 + 30 + 20), one with a nested level and an automatic leaf. */
const ROWS: Row[] = [
  { code: "1", title: "Chỉ đạo, điều hành", max_points: "50" },
  { code: "1.1", title: "Kế hoạch", max_points: "20" },
  { code: "1.2", title: "Thủ tục hành chính", max_points: "30" },
  { code: "1.2.1", title: "Đúng hạn", max_points: "17,5", auto_source: "on_time_share" },
  { code: "1.2.2", title: "Công khai", max_points: "12.5" },
  { code: "2", title: "Chính quyền số", max_points: "30" },
  { code: "2.1", parent_code: "2", title: "Trực tuyến", max_points: "30", auto_source: "online_share" },
  { code: "3", title: "Hài lòng", max_points: "20" },
];
const csvOf = (rows: Row[]) =>
  [
    "code,parent_code,title,max_points,auto_source,guidance",
    ...rows.map(
      (r) => `${r.code},${r.parent_code ?? ""},"${r.title}","${r.max_points}",${r.auto_source ?? ""},`,
    ),
  ].join("\n");

const asJson = (rows: Row[]) =>
  rows.map((r) => ({
    code: r.code,
    parentCode: r.parent_code ?? null,
    title: r.title,
    maxPoints: Number(r.max_points.replace(",", ".")),
    autoSource: r.auto_source ?? null,
  }));

function upload(session: Session | null, url: string, body: Buffer | string, type: string) {
  return t.app.inject({
    method: "POST",
    url,
    payload: body,
    headers: {
      ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
      "content-type": type,
    },
  });
}

const importUrl = (year: number, name: string, extra = "") =>
  `/api/v1/par/sets/import?issuer=46&level=commune&year=${year}&name=${encodeURIComponent(name)}${extra}`;

async function createSet(year: number, rows: Row[] = ROWS): Promise<SetOut> {
  const res = await call(t.app, admin, "POST", "/api/v1/par/sets", {
    issuer: "46",
    year,
    level: "commune",
    title: `Bộ tiêu chí thử ${year}`,
    criteria: asJson(rows),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function startAssessment(setId: string, unit = THUAN_HOA, who = wardAdmin): Promise<AssessmentOut> {
  const res = await call(t.app, who, "POST", `/api/v1/par/sets/${setId}/assessments`, { unit });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function score(
  who: Session,
  id: string,
  side: "self-scores" | "appraisal-scores",
  scores: { code: string; points: number | null; note?: string }[],
) {
  return call(t.app, who, "PUT", `/api/v1/par/assessments/${id}/${side}`, { scores });
}

const FULL = [
  { code: "1.1", points: 18.5 },
  { code: "1.2.1", points: 15.25 },
  { code: "1.2.2", points: 12.5 },
  { code: "2.1", points: 21 },
  { code: "3", points: 19.99 },
];

describe("criteria sets", () => {
  it("imports a CSV file, reporting every bad row with its row number in vi and en", async () => {
    const bad = csvOf([
      ...ROWS.slice(0, 4),
      { code: "1.2.2", title: "", max_points: "mười" },
      { code: "2", title: "Chính quyền số", max_points: "30" },
      { code: "2.1", parent_code: "9", title: "Trực tuyến", max_points: "30", auto_source: "weather" },
      { code: "3", title: "Hài lòng", max_points: "20" },
    ]);
    const res = await upload(admin, importUrl(2030, "tieu-chi.csv"), bad, "text/csv");
    expect(res.statusCode, res.body).toBe(400);
    const errors = res.json().errors as {
      field: string;
      code: string;
      message: { vi: string; en: string };
    }[];
    expect(errors.map((e) => `${e.field} ${e.code}`)).toEqual([
      "rows.6.title par.title_required",
      "rows.6.max_points par.max_points_positive",
      "rows.8.auto_source par.auto_unknown",
      "rows.8.parent_code par.parent_unknown",
    ]);
    expect(errors[0]!.message.vi).toMatch(/^Dòng 6 \(title\): /);
    expect(errors[0]!.message.en).toMatch(/^Row 6 \(title\): /);
    // Nothing was stored.
    const sets = await call(t.app, admin, "GET", "/api/v1/par/sets?year=2030");
    expect(sets.json().items).toEqual([]);

    const good = await upload(admin, importUrl(2030, "tieu-chi.csv"), csvOf(ROWS), "text/csv");
    expect(good.statusCode, good.body).toBe(201);
    const set: SetOut = good.json();
    expect(set.criteria.map((c) => [c.code, c.parentCode, c.maxPoints, c.depth, c.leaf])).toEqual([
      ["1", null, 50, 0, false],
      ["1.1", "1", 20, 1, true],
      ["1.2", "1", 30, 1, false],
      ["1.2.1", "1.2", 17.5, 2, true],
      ["1.2.2", "1.2", 12.5, 2, true],
      ["2", null, 30, 0, false],
      ["2.1", "2", 30, 1, true],
      ["3", null, 20, 0, true],
    ]);
    expect(set.criteria.find((c) => c.code === "1.2.1")!.autoSource).toBe("on_time_share");
    expect(set.editable).toBe(true);

    // The same issuer, year and level again: 409, unless replacing.
    const again = await upload(admin, importUrl(2030, "tieu-chi.csv"), csvOf(ROWS), "text/csv");
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("par.set_exists");
    const renamed = ROWS.map((r) => (r.code === "3" ? { ...r, title: "Sự hài lòng" } : r));
    const replaced = await upload(
      admin,
      importUrl(2030, "tieu-chi.csv", "&replace=1"),
      csvOf(renamed),
      "text/csv",
    );
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().id).toBe(set.id);
    expect(replaced.json().criteria.at(-1).title).toBe("Sự hài lòng");
  });

  it("imports JSON and XLSX files, and refuses other formats and contents", async () => {
    const json = await upload(
      admin,
      importUrl(2031, "tieu-chi.json"),
      JSON.stringify(asJson(ROWS)),
      "application/json",
    );
    expect(json.statusCode, json.body).toBe(201);
    expect(json.json().criteriaCount).toBe(ROWS.length);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tiêu chí");
    ws.addRow(["Code", "Parent code", "Title", "Max points", "Auto source"]);
    for (const r of ROWS)
      ws.addRow([
        r.code,
        r.parent_code ?? "",
        r.title,
        Number(r.max_points.replace(",", ".")),
        r.auto_source ?? "",
      ]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, importUrl(2032, "tieu-chi.xlsx"), xlsx, "application/octet-stream");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().criteria.map((c: { code: string }) => c.code)).toEqual(ROWS.map((r) => r.code));

    const txt = await upload(admin, importUrl(2033, "tieu-chi.txt"), csvOf(ROWS), "text/plain");
    expect(txt.statusCode).toBe(400);
    expect(txt.json().errors[0].field).toBe("name");
    const fake = await upload(
      admin,
      importUrl(2033, "tieu-chi.xlsx"),
      csvOf(ROWS),
      "application/octet-stream",
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json().errors[0].code).toBe("par.import_content");
    const columns = await upload(admin, importUrl(2033, "tieu-chi.csv"), "ma,ten\n1,x\n", "text/csv");
    expect(columns.statusCode).toBe(400);
    expect(columns.json().errors[0].code).toBe("par.import_columns");
    const empty = await upload(admin, importUrl(2033, "tieu-chi.csv"), "", "text/csv");
    expect(empty.statusCode).toBe(400);
  });

  it("keeps the 100-point rule in the service and in the database", async () => {
    const ninety = ROWS.map((r) => (r.code === "3" ? { ...r, max_points: "10" } : r));
    const res = await call(t.app, admin, "POST", "/api/v1/par/sets", {
      issuer: "46",
      year: 2034,
      level: "commune",
      title: "Thiếu điểm",
      criteria: asJson(ninety),
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().errors.find((e: { code: string }) => e.code === "par.total_not_100");
    expect(error.field).toBe("criteria");
    expect(error.message.vi).toContain("90");
    expect(error.message.en).toContain("90");

    // Straight into the database: refused at commit, nothing left behind.
    const set = await createSet(2035);
    await expect(
      t.database.db.transaction(async (tx) => {
        await tx.execute(
          sql`update par_criteria set max_points = 10 where set_id = ${set.id}::uuid and code = '3'`,
        );
      }),
    ).rejects.toThrow();
    const [row] = await queryRows<{ max: number }>(
      t.database.db,
      sql`select max_points::float8 as max from par_criteria where set_id = ${set.id}::uuid and code = '3'`,
    );
    expect(row!.max).toBe(20);
  });
});

describe("a unit's assessment", () => {
  let set: SetOut;
  let assessment: AssessmentOut;

  beforeAll(async () => {
    set = await createSet(2036);
    assessment = await startAssessment(set.id);
  });

  it("adds points into groups and the total, two decimals", async () => {
    expect(assessment.status).toBe("draft");
    expect(assessment.abilities).toEqual({ canEdit: true, canAppraise: false });
    const res = await score(wardAdmin, assessment.id, "self-scores", FULL.slice(0, 3));
    expect(res.statusCode, res.body).toBe(200);
    const a: AssessmentOut = res.json();
    const sum = (code: string) => a.criteria.find((c) => c.code === code)!.selfSum;
    expect(sum("1.2")).toBe(27.75);
    expect(sum("1")).toBe(46.25);
    expect(a.totals.self).toEqual({
      total: 46.25,
      complete: false,
      groups: [
        { code: "1", points: 46.25, max: 50 },
        { code: "2", points: 0, max: 30 },
        { code: "3", points: 0, max: 20 },
      ],
    });
    expect(a.selfTotal).toBe(46.25);
  });

  it("refuses bad points with field errors in vi and en, and changes nothing", async () => {
    const res = await score(wardAdmin, assessment.id, "self-scores", [
      { code: "1.1", points: 5 },
      { code: "1.2.1", points: 17.51 },
      { code: "1", points: 1 },
      { code: "9.9", points: 1 },
      { code: "2.1", points: 1.005 },
    ]);
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as {
      field: string;
      code: string;
      message: { vi: string; en: string };
    }[];
    expect(errors.map((e) => `${e.field} ${e.code}`)).toEqual([
      "scores.1.points par.points_range",
      "scores.2.code par.criterion_group",
      "scores.3.code par.criterion_unknown",
      "scores.4.points par.points_decimals",
    ]);
    expect(errors[0]!.message).toEqual({
      vi: "Điểm phải từ 0 đến 17.5.",
      en: "The points must be from 0 to 17.5.",
    });
    const now: AssessmentOut = (
      await call(t.app, wardAdmin, "GET", `/api/v1/par/assessments/${assessment.id}`)
    ).json();
    expect(now.criteria.find((c) => c.code === "1.1")!.self.points).toBe(18.5);
  });

  it("lets the set change while only drafts exist: drafts follow, lowered maxima clear points", async () => {
    // 1.1 down to 15 (its 18.5 points go), 1.2 up by 5; 3 split into two sub-criteria.
    const changed: Row[] = [
      { code: "1", title: "Chỉ đạo, điều hành", max_points: "50" },
      { code: "1.1", title: "Kế hoạch", max_points: "15" },
      { code: "1.2", title: "Thủ tục hành chính", max_points: "35" },
      { code: "1.2.1", title: "Đúng hạn", max_points: "22.5", auto_source: "on_time_share" },
      { code: "1.2.2", title: "Công khai", max_points: "12.5" },
      { code: "2", title: "Chính quyền số", max_points: "30" },
      { code: "2.1", title: "Trực tuyến", max_points: "30", auto_source: "online_share" },
      { code: "3", title: "Hài lòng", max_points: "20" },
      { code: "3.1", title: "Khảo sát", max_points: "20" },
    ];
    const res = await call(t.app, admin, "PUT", `/api/v1/par/sets/${set.id}`, {
      title: set.title,
      criteria: asJson(changed),
    });
    expect(res.statusCode, res.body).toBe(200);
    const a: AssessmentOut = (
      await call(t.app, wardAdmin, "GET", `/api/v1/par/assessments/${assessment.id}`)
    ).json();
    expect(a.criteria.find((c) => c.code === "1.1")!.self.points).toBeNull();
    expect(a.criteria.find((c) => c.code === "1.2.1")!.self.points).toBe(15.25);
    expect(a.selfTotal).toBe(27.75);
    expect(a.totals.self.total).toBe(27.75);
    // Back to the first shape for the rest of the file.
    const back = await call(t.app, admin, "PUT", `/api/v1/par/sets/${set.id}`, {
      title: set.title,
      criteria: asJson(ROWS),
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it("keeps evidence files byte for byte, by SHA-256, once per criterion", async () => {
    const pdf = await pdfBytes("Kế hoạch cải cách hành chính năm 2036");
    const url = `/api/v1/par/assessments/${assessment.id}/evidence?criterion=1.1&name=${encodeURIComponent("Kế hoạch CCHC.pdf")}`;
    const res = await upload(wardAdmin, url, pdf, "application/pdf");
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      criterionCode: "1.1",
      name: "Kế hoạch CCHC.pdf",
      contentType: "application/pdf",
    });
    expect(e.sha256).toBe(sha256Of(pdf));
    expect(e.size).toBe(pdf.length);
    // The same file again is the same row.
    expect((await upload(wardAdmin, url, pdf, "application/pdf")).json().id).toBe(e.id);

    for (const who of [wardAdmin, wardLeader, supervisor]) {
      const dl = await call(t.app, who, "GET", e.contentUrl);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(pdf)).toBe(true);
      expect(sha256Of(dl.rawPayload)).toBe(e.sha256);
      expect(dl.headers["content-type"]).toBe("application/pdf");
      expect(dl.headers["content-disposition"]).toContain("filename*=UTF-8''K%E1%BA%BF");
    }
    expect((await call(t.app, otherWardAdmin, "GET", e.contentUrl)).statusCode).toBe(404);

    const a: AssessmentOut = (
      await call(t.app, wardAdmin, "GET", `/api/v1/par/assessments/${assessment.id}`)
    ).json();
    expect(a.criteria.find((c) => c.code === "1.1")!.evidence.map((x) => x.id)).toEqual([e.id]);

    // Refused: a text file, an unknown criterion, someone else's unit.
    const text = await upload(wardAdmin, url, "không phải PDF", "text/plain");
    expect(text.statusCode).toBe(415);
    const unknown = await upload(
      wardAdmin,
      `/api/v1/par/assessments/${assessment.id}/evidence?criterion=9&name=a.png`,
      pngBytes(),
      "image/png",
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe("criterion");
    expect((await upload(otherWardAdmin, url, pdf, "application/pdf")).statusCode).toBe(404);
    expect((await upload(wardLeader, url.replace("1.1", "2.1"), pngBytes(), "image/png")).statusCode).toBe(
      201,
    );

    // Removed by the unit while a draft.
    const png = (await call(t.app, wardAdmin, "GET", `/api/v1/par/assessments/${assessment.id}`))
      .json()
      .criteria.find((c: { code: string }) => c.code === "2.1").evidence[0];
    expect((await call(t.app, supervisor, "DELETE", `/api/v1/par/evidence/${png.id}`)).statusCode).toBe(403);
    // Answered only once committed (found by the API fuzzer: the handler sent its 204 before the
    // audit wrapper's commit; with slow commits the next read on PostgreSQL still saw the row).
    await withSlowCommits(t.database.db, async () => {
      expect((await call(t.app, wardAdmin, "DELETE", `/api/v1/par/evidence/${png.id}`)).statusCode).toBe(204);
      const left = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from par_evidence where id = ${png.id}`,
      );
      expect(left[0]!.n).toBe(0);
    });
    expect((await call(t.app, wardAdmin, "GET", png.contentUrl)).statusCode).toBe(404);
  });

  it("submits only when complete; then the set and the draft are frozen", async () => {
    const early = await call(t.app, wardAdmin, "POST", `/api/v1/par/assessments/${assessment.id}/submit`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("par.incomplete");
    expect(early.json().message.vi).toContain("2.1");
    expect(early.json().message.en).toContain("2.1");

    expect((await score(wardAdmin, assessment.id, "self-scores", FULL)).statusCode).toBe(200);
    expect(
      (await call(t.app, wardLeader, "POST", `/api/v1/par/assessments/${assessment.id}/submit`)).statusCode,
    ).toBe(200);
    const a: AssessmentOut = (
      await call(t.app, wardAdmin, "GET", `/api/v1/par/assessments/${assessment.id}`)
    ).json();
    expect(a.status).toBe("submitted");
    expect(a.selfTotal).toBe(87.24);
    expect(a.submittedBy).toBe("Hoàng Minh Lãnh");
    expect(a.abilities.canEdit).toBe(false);

    const edit = await call(t.app, admin, "PUT", `/api/v1/par/sets/${set.id}`, {
      title: "Đổi tên",
      criteria: asJson(ROWS),
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe("par.set_frozen");
    expect(edit.json().message.vi).toContain("không thể sửa");
    expect(edit.json().message.en).toContain("can no longer change");
    const reimport = await upload(admin, importUrl(2036, "a.csv", "&replace=1"), csvOf(ROWS), "text/csv");
    expect(reimport.statusCode).toBe(409);
    expect((await call(t.app, admin, "DELETE", `/api/v1/par/sets/${set.id}`)).statusCode).toBe(409);
    const s: SetOut = (await call(t.app, admin, "GET", `/api/v1/par/sets/${set.id}`)).json();
    expect(s.title).toBe("Bộ tiêu chí thử 2036");
    expect(s.editable).toBe(false);

    expect(
      (await score(wardAdmin, assessment.id, "self-scores", [{ code: "1.1", points: 1 }])).statusCode,
    ).toBe(409);
    const pdf = await pdfBytes("Muộn");
    const late = await upload(
      wardAdmin,
      `/api/v1/par/assessments/${assessment.id}/evidence?criterion=1.1&name=muon.pdf`,
      pdf,
      "application/pdf",
    );
    expect(late.statusCode).toBe(409);
  });

  it("is appraised by the higher level, criterion by criterion, then finished", async () => {
    expect((await score(wardAdmin, assessment.id, "appraisal-scores", FULL)).statusCode).toBe(403);
    expect((await score(wardLeader, assessment.id, "appraisal-scores", FULL)).statusCode).toBe(403);
    const view: AssessmentOut = (
      await call(t.app, supervisor, "GET", `/api/v1/par/assessments/${assessment.id}`)
    ).json();
    expect(view.abilities).toEqual({ canEdit: false, canAppraise: true });

    const partial = await score(supervisor, assessment.id, "appraisal-scores", [
      { code: "1.1", points: 16, note: "Kế hoạch ban hành chậm." },
      { code: "1.2.1", points: 15.25 },
    ]);
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json().appraisedTotal).toBe(31.25);
    const early = await call(t.app, supervisor, "POST", `/api/v1/par/assessments/${assessment.id}/appraise`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("par.incomplete");

    const rest = await score(supervisor, assessment.id, "appraisal-scores", [
      { code: "1.2.2", points: 10 },
      { code: "2.1", points: 21 },
      { code: "3", points: 18 },
    ]);
    expect(rest.statusCode).toBe(200);
    const done = await call(t.app, supervisor, "POST", `/api/v1/par/assessments/${assessment.id}/appraise`);
    expect(done.statusCode, done.body).toBe(200);
    const a: AssessmentOut = done.json();
    expect(a.status).toBe("appraised");
    expect(a.appraisedTotal).toBe(80.25);
    expect(a.selfTotal).toBe(87.24);
    expect(a.appraisedBy).toBe("Trần Thị Giám Sát");
    expect(a.criteria.find((c) => c.code === "1.1")!.appraisal).toEqual({
      points: 16,
      note: "Kế hoạch ban hành chậm.",
    });
    expect(a.totals.appraisal.groups).toEqual([
      { code: "1", points: 41.25, max: 50 },
      { code: "2", points: 21, max: 30 },
      { code: "3", points: 18, max: 20 },
    ]);
    const again = await score(supervisor, assessment.id, "appraisal-scores", [{ code: "3", points: 1 }]);
    expect(again.statusCode).toBe(409);
  });

  it("never lets one appraise an assessment one took part in", async () => {
    // A supervisor of the city who is also Phú Xuân's administrator.
    const [user] = await queryRows<{ id: string }>(
      t.database.db,
      sql`insert into users (kind, username, full_name, email, password_hash)
          values ('staff', 'kiemnhiem', 'Người Kiêm Nhiệm', 'kiemnhiem@motcua.example', ${await hashPassword(DEMO_PASSWORD)})
          returning id`,
    );
    const province = await unitIdByCode(t.app, "46");
    const phuXuan = await unitIdByCode(t.app, PHU_XUAN);
    await t.database.db.execute(
      sql`insert into role_grants (user_id, unit_id, role) values
          (${user!.id}::uuid, ${province}::uuid, 'supervisor'), (${user!.id}::uuid, ${phuXuan}::uuid, 'unit_admin')`,
    );
    const both = await login(t.app, "kiemnhiem");
    const a = await startAssessment(set.id, PHU_XUAN, both);
    expect((await score(both, a.id, "self-scores", FULL)).statusCode).toBe(200);
    expect((await call(t.app, both, "POST", `/api/v1/par/assessments/${a.id}/submit`)).statusCode).toBe(200);
    const view: AssessmentOut = (await call(t.app, both, "GET", `/api/v1/par/assessments/${a.id}`)).json();
    expect(view.abilities.canAppraise).toBe(false);
    const refused = await score(both, a.id, "appraisal-scores", FULL);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("par.own_assessment");
    expect(refused.json().message.vi).toContain("không thể thẩm định");
    expect(refused.json().message.en).toContain("may not appraise");
    expect((await call(t.app, both, "POST", `/api/v1/par/assessments/${a.id}/appraise`)).statusCode).toBe(
      403,
    );
    // Someone else from above may.
    expect((await score(supervisor, a.id, "appraisal-scores", FULL)).statusCode).toBe(200);
  });

  it("ranks the set's units: appraised totals, provisional self totals, the rest unranked", async () => {
    const res = await call(t.app, wardLeader, "GET", `/api/v1/par/sets/${set.id}/ranking?unit=${THUAN_HOA}`);
    expect(res.statusCode, res.body).toBe(200);
    const r: RankingOut = res.json();
    expect(
      r.items.slice(0, 2).map((i) => [i.unit.code, i.rank, i.score, i.provisional, i.highlighted]),
    ).toEqual([
      [PHU_XUAN, 1, 87.24, true, false],
      [THUAN_HOA, 2, 80.25, false, true],
    ]);
    expect(r.items.slice(2).every((i) => i.rank === null && i.status === null)).toBe(true);
    expect(r.items).toHaveLength(5);
  });
});

describe("demo sets: ranking and comparison", () => {
  const demoSet = async (year: number) => {
    const sets = (await call(t.app, supervisor, "GET", `/api/v1/par/sets?year=${year}`)).json()
      .items as SetOut[];
    return sets.find((s) => s.issuer.code === "46" && s.level === "commune")!;
  };

  it("ranks last year's wards with ties sharing a rank", async () => {
    const set = await demoSet(THIS_YEAR - 1);
    const r: RankingOut = (await call(t.app, supervisor, "GET", `/api/v1/par/sets/${set.id}/ranking`)).json();
    expect(r.items).toHaveLength(5);
    expect(r.items.every((i) => i.status === "appraised" && !i.provisional)).toBe(true);
    const scores = r.items.map((i) => i.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Phú Xuân and Thanh Thủy tie (the demo gives them the same quality).
    const tie = r.items.filter((i) => i.unit.code === PHU_XUAN || i.unit.code === "46.19918");
    expect(tie[0]!.score).toBe(tie[1]!.score);
    expect(tie[0]!.rank).toBe(tie[1]!.rank);
    expect(r.items.map((i) => i.rank)).toEqual([1, 2, 2, 4, 5]);
    // The stored totals are the sums of the appraised points.
    for (const item of r.items) {
      const a: AssessmentOut = (
        await call(t.app, supervisor, "GET", `/api/v1/par/assessments/${item.assessmentId}`)
      ).json();
      expect(a.totals.appraisal.total).toBe(item.score);
    }
  });

  it("compares a ward's year with the previous one, overall and per group", async () => {
    const res = await call(
      t.app,
      wardLeader,
      "GET",
      `/api/v1/par/comparison?unit=${THUAN_HOA}&year=${THIS_YEAR}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const c: ComparisonOut = res.json();
    expect(c.current).toMatchObject({ year: THIS_YEAR, status: "draft", provisional: true });
    expect(c.previous).toMatchObject({ year: THIS_YEAR - 1, status: "appraised", provisional: false });
    expect(c.groups.map((g) => g.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(c.groups.find((g) => g.code === "7")).toMatchObject({ currentMax: 16, previousMax: 14 });
    const sum = (xs: (number | null)[]) =>
      Math.round(xs.reduce((s: number, x) => s + (x ?? 0), 0) * 100) / 100;
    expect(sum(c.groups.map((g) => g.current))).toBe(c.total.current);
    expect(sum(c.groups.map((g) => g.previous))).toBe(c.total.previous);
    expect(c.total.delta).toBe(Math.round((c.total.current! - c.total.previous!) * 100) / 100);
    for (const g of c.groups) expect(g.delta).toBe(Math.round((g.current! - g.previous!) * 100) / 100);
    const prev: AssessmentOut = (
      await call(t.app, wardLeader, "GET", `/api/v1/par/assessments/${c.previous!.assessmentId}`)
    ).json();
    expect(c.total.previous).toBe(prev.appraisedTotal);
  });

  it("fills automatic criteria with the reports' own figures for the unit and year", async () => {
    const set = await demoSet(THIS_YEAR);
    const units: SetUnitsOut = (
      await call(t.app, wardAdmin, "GET", `/api/v1/par/sets/${set.id}/units`)
    ).json();
    expect(units.items.map((i) => i.unit.code)).toEqual([THUAN_HOA]);
    const id = units.items[0]!.assessment!.id;
    const from = `${THIS_YEAR}-01-01`;
    const to = vietnamDate();
    const period = `unit=${THUAN_HOA}&from=${from}&to=${to}`;
    const resolution = (await call(t.app, wardLeader, "GET", `/api/v1/reports/resolution?${period}`)).json();
    const service = (await call(t.app, wardLeader, "GET", `/api/v1/reports/service?${period}`)).json();
    const fill = async (code: string) => {
      const res = await call(
        t.app,
        wardAdmin,
        "POST",
        `/api/v1/par/assessments/${id}/self-scores/${code}/auto`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as AssessmentOut).criteria.find((c) => c.code === code)!;
    };

    const onTime = await fill("3.2");
    const resolved = resolution.total.resolved;
    expect(resolved.total).toBeGreaterThan(0);
    expect(onTime.self.figure).toMatchObject({
      source: "on_time_share",
      numerator: resolved.early + resolved.onTime,
      denominator: resolved.total,
      from,
      to,
    });
    expect(onTime.self.points).toBe(
      Math.round((800 * (resolved.early + resolved.onTime)) / resolved.total) / 100,
    );

    const online = await fill("7.1");
    expect(online.self.figure).toMatchObject({
      numerator: service.channels.onlineFull + service.channels.onlinePartial,
      denominator: service.channels.received,
    });
    expect(Math.round(online.self.figure!.ratio! * 1000) / 10).toBe(service.channels.shares.online ?? 0);

    const satisfied = await fill("8.1");
    const s = service.satisfaction.total;
    expect(s.rated).toBeGreaterThan(0);
    expect(satisfied.self.figure).toMatchObject({
      numerator: s.verySatisfied + s.satisfied,
      denominator: s.rated,
    });
    expect(Math.round(satisfied.self.figure!.ratio! * 1000) / 10).toBe(s.satisfiedShare);

    const apology = await fill("3.3");
    const withReason = resolution.lateness.reasons.reduce(
      (n: number, r: { count: number }) => n + r.count,
      0,
    );
    expect(resolution.lateness.truncated).toBe(false);
    expect(apology.self.figure).toMatchObject({
      numerator: withReason,
      denominator: resolution.lateness.dossiers.length,
    });

    // A manual change of the points drops the figure; a criterion without a source is refused.
    const manual = await score(wardAdmin, id, "self-scores", [{ code: "3.2", points: 1 }]);
    expect(manual.json().criteria.find((c: { code: string }) => c.code === "3.2").self.figure).toBeNull();
    const notAuto = await call(
      t.app,
      wardAdmin,
      "POST",
      `/api/v1/par/assessments/${id}/self-scores/1.1/auto`,
    );
    expect(notAuto.statusCode).toBe(400);
    expect(notAuto.json().errors[0]).toMatchObject({ field: "code", code: "par.not_automatic" });
  });
});

describe("who may do what", () => {
  it("refuses anonymous callers, other units and other roles", async () => {
    const sets = await call(t.app, supervisor, "GET", `/api/v1/par/sets?year=${THIS_YEAR}`);
    const set = (sets.json().items as SetOut[]).find((s) => s.issuer.code === "46")!;
    expect(set.canManage).toBe(false);
    const units: SetUnitsOut = (
      await call(t.app, supervisor, "GET", `/api/v1/par/sets/${set.id}/units`)
    ).json();
    expect(units.items).toHaveLength(5);
    const thuanHoa = units.items.find((i) => i.unit.code === THUAN_HOA)!.assessment!.id;

    expect((await call(t.app, null, "GET", "/api/v1/par/sets")).statusCode).toBe(401);
    expect((await call(t.app, receptionist, "GET", "/api/v1/par/sets")).statusCode).toBe(403);
    expect((await call(t.app, wardAdmin, "GET", `/api/v1/par/sets/${set.id}`)).statusCode).toBe(200);
    expect(
      (await call(t.app, wardAdmin, "PUT", `/api/v1/par/sets/${set.id}`, { title: "x", criteria: [] }))
        .statusCode,
    ).toBe(403);
    expect((await call(t.app, otherWardAdmin, "GET", `/api/v1/par/assessments/${thuanHoa}`)).statusCode).toBe(
      404,
    );
    expect(
      (await call(t.app, wardAdmin, "GET", `/api/v1/par/assessments/${crypto.randomUUID()}`)).statusCode,
    ).toBe(404);
    expect((await call(t.app, wardAdmin, "GET", `/api/v1/par/sets/${set.id}/ranking`)).statusCode).toBe(403);
    expect(
      (await call(t.app, otherWardAdmin, "GET", `/api/v1/par/comparison?unit=${THUAN_HOA}`)).statusCode,
    ).toBe(404);
    // Phú Vinh has not started: its administrator would, but nobody else may start it.
    expect(
      (await call(t.app, wardAdmin, "POST", `/api/v1/par/sets/${set.id}/assessments`, { unit: "46.20002" }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(t.app, supervisor, "POST", `/api/v1/par/sets/${set.id}/assessments`, { unit: "46.20002" }))
        .statusCode,
    ).toBe(403);
    const twice = await call(t.app, wardAdmin, "POST", `/api/v1/par/sets/${set.id}/assessments`, {
      unit: THUAN_HOA,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("par.assessment_exists");
  });

  it("answers bad input with field errors in vi and en", async () => {
    const res = await call(t.app, admin, "POST", "/api/v1/par/sets", {
      issuer: "99",
      year: 1990,
      level: "village",
      title: "",
      criteria: [],
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string; message: { vi: string; en: string } }[]).map(
      (e) => e.field,
    );
    expect(fields).toEqual(expect.arrayContaining(["year", "level", "title"]));
    for (const e of res.json().errors) {
      expect(e.message.vi.length).toBeGreaterThan(0);
      expect(e.message.en.length).toBeGreaterThan(0);
    }
    const unknown = await call(t.app, admin, "POST", "/api/v1/par/sets", {
      issuer: "99",
      year: 2040,
      level: "commune",
      title: "Bộ tiêu chí",
      criteria: asJson(ROWS),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({
      field: "issuer",
      code: "par.unit_unknown",
      message: { vi: "Không có đơn vị mã này.", en: "No unit has this code." },
    });
    const broken = await call(t.app, admin, "POST", "/api/v1/par/sets", {
      issuer: "46",
      year: 2040,
      level: "commune",
      title: "Bộ tiêu chí",
      criteria: [...asJson(ROWS), { code: "x", title: "", maxPoints: 0 }],
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors.map((e: { field: string }) => e.field)).toEqual([
      "criteria.8.code",
      "criteria.8.title",
      "criteria.8.maxPoints",
    ]);
    const level = await call(t.app, admin, "POST", "/api/v1/par/sets", {
      issuer: THUAN_HOA,
      year: 2040,
      level: "district",
      title: "Bộ tiêu chí",
      criteria: asJson(ROWS),
    });
    expect(level.statusCode).toBe(400);
    expect(level.json().errors[0].code).toBe("par.level_above_issuer");
  });
});
