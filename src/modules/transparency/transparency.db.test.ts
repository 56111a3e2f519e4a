// The public transparency page's figures on the demo data with two years of history: they are the
// resolution report's for the same unit and period, the months add up to the year, satisfaction
// counts are the ratings of the dossiers resolved in the year, children never count more than the
// parent, nothing personal is in the answer; bad input gives field errors, an unknown unit 404.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { seedDemoYears } from "../../demo/demo-years.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { indexTotals } from "../serviceindex/index.service.ts";
import type { TransparencyFigures, TransparencyOut } from "./transparency.schemas.ts";

const t = setupTestApp({ LOOKUP_RATE_PER_MINUTE: "1000" });
const HISTORY_TODAY = new Date("2026-11-20T10:00:00+07:00");
const THIS_YEAR = Number(vietnamDate().slice(0, 4));
/** Phường Phú Bài and the three district-era communes merged into it on 2025-07-01. */
const PHU_BAI = ["46.19900", "46.19891", "46.19894", "46.19906"];
let supervisor: Session;

beforeAll(async () => {
  supervisor = await login(t.app, "giamsat");
  await t.database.db.transaction((tx) => seedDemoYears(tx, 2, HISTORY_TODAY));
});

const get = (query: string) => call(t.app, null, "GET", `/api/public/transparency${query}`);

async function figures(unit: string, year?: number): Promise<TransparencyOut> {
  const res = await get(`?unit=${unit}${year === undefined ? "" : `&year=${year}`}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function report(unit: string, from: string, to: string) {
  const res = await call(
    t.app,
    supervisor,
    "GET",
    `/api/v1/reports/resolution?unit=${unit}&from=${from}&to=${to}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The headline figures as the resolution report's total gives them. */
function expectSameAsReport(f: TransparencyFigures, total: Record<string, Record<string, number>>) {
  expect(f.received).toEqual({
    total: total.received!.total,
    online: total.received!.online,
    inPerson: total.received!.inPerson,
    postal: total.received!.postal,
  });
  expect(f.resolved).toEqual(total.resolved);
  expect(f.pending).toEqual({
    total: total.pending!.total,
    withinDeadline: total.pending!.withinDeadline,
    overdue: total.pending!.overdue,
  });
  const resolved = total.resolved!;
  expect(f.onTimeShare).toBe(
    resolved.total ? Math.round(((resolved.early! + resolved.onTime!) / resolved.total) * 1000) / 10 : null,
  );
}

/** Ratings by level of the dossiers of the units (by code) resolved in [from, to], by direct SQL. */
async function ratingCounts(codes: string[] | null, from: string, to: string) {
  const s = `${from}T00:00:00+07:00`;
  const e = `${to}T24:00:00+07:00`;
  const inUnits = (column: string) =>
    codes === null
      ? sql`true`
      : sql`${sql.raw(column)} in (select id from org_units where code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb)))`;
  const rows = await queryRows<{ level: string; count: number }>(
    t.database.db,
    sql`select level, count(*)::int as count from (
          select r.level from dossier_ratings r join dossiers d on d.id = r.dossier_id
          where ${inUnits("r.unit_id")} and d.resolved_at >= ${s}::timestamptz and d.resolved_at < ${e}::timestamptz
          union all
          select rating from historical_dossiers
          where ${inUnits("unit_id")} and rating is not null
            and resolved_at >= ${s}::timestamptz and resolved_at < ${e}::timestamptz
        ) x group by level`,
  );
  const of = (level: string) => rows.find((r) => r.level === level)?.count ?? 0;
  return {
    verySatisfied: of("very_satisfied"),
    satisfied: of("satisfied"),
    normal: of("normal"),
    dissatisfied: of("dissatisfied"),
    rated: rows.reduce((n, r) => n + r.count, 0),
  };
}

describe("GET /api/public/transparency", () => {
  it("gives the province's resolution report figures for a past year and for this year to today", async () => {
    const past = await figures("46", 2025);
    expect(past).toMatchObject({ year: 2025, from: "2025-01-01", to: "2025-12-31" });
    expect(past.unit).toEqual({ code: "46", name: "Thành phố Huế", level: "province" });
    expectSameAsReport(past.totals, (await report("46", "2025-01-01", "2025-12-31")).total);
    expect(past.totals.received.total).toBeGreaterThan(1_000);
    expect(past.totals.onlineShare).toBe(
      Math.round((past.totals.received.online / past.totals.received.total) * 1000) / 10,
    );

    const current = await figures("46");
    const today = vietnamDate();
    expect(current).toMatchObject({ year: THIS_YEAR, from: `${THIS_YEAR}-01-01`, to: today });
    expectSameAsReport(current.totals, (await report("46", `${THIS_YEAR}-01-01`, today)).total);
    expect(current.totals.pending.total).toBeGreaterThan(0);
  });

  it("covers the units merged into a ward, as the ward's report does", async () => {
    const ward = await figures("46.19900", 2025);
    expectSameAsReport(ward.totals, (await report("46.19900", "2025-01-01", "2025-12-31")).total);
    expect(ward.totals.received.total).toBeGreaterThan(100);
    expect(ward.children).toEqual([]);
  });

  it("has twelve months that add up to the year, each the report's month", async () => {
    for (const year of [2025, THIS_YEAR]) {
      const f = await figures("46", year);
      expect(f.months.map((m) => m.month)).toEqual(
        Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`),
      );
      expect(f.months.reduce((n, m) => n + m.received, 0)).toBe(f.totals.received.total);
      expect(f.months.reduce((n, m) => n + m.resolved, 0)).toBe(f.totals.resolved.total);
      for (const m of f.months.filter((m) => `${m.month}-01` > f.to))
        expect(m).toEqual({ month: m.month, received: 0, resolved: 0, onTimeShare: null });
    }
    const march = (await figures("46", 2025)).months[2]!;
    const r = (await report("46", "2025-03-01", "2025-03-31")).total;
    expect(march.received).toBe(r.received.total);
    expect(march.resolved).toBe(r.resolved.total);
    expect(march.onTimeShare).toBe(
      Math.round(((r.resolved.early + r.resolved.onTime) / r.resolved.total) * 1000) / 10,
    );
  });

  it("counts the ratings of the dossiers resolved in the year, live and imported", async () => {
    for (const year of [2025, THIS_YEAR]) {
      const f = await figures("46", year);
      const expected = await ratingCounts(null, f.from, f.to);
      expect(f.totals.satisfaction).toEqual(expected);
      expect(expected.rated).toBeGreaterThan(0);
      expect(f.totals.satisfactionShare).toBe(
        Math.round(((expected.verySatisfied + expected.satisfied) / expected.rated) * 1000) / 10,
      );
    }
    const ward = await figures("46.19900", 2025);
    expect(ward.totals.satisfaction).toEqual(await ratingCounts(PHU_BAI, "2025-01-01", "2025-12-31"));
  });

  it("lists the direct children in force during the year; each unit counts with one child only", async () => {
    const f = await figures("46", 2025);
    expect(f.children.map((c) => c.code)).toEqual([
      "46.19753",
      "46.19774",
      "46.19900",
      "46.19918",
      "46.20002",
      "46.479",
    ]);
    const sum = (pick: (x: TransparencyFigures) => number) => f.children.reduce((n, c) => n + pick(c), 0);
    for (const pick of [
      (x: TransparencyFigures) => x.received.total,
      (x: TransparencyFigures) => x.resolved.total,
      (x: TransparencyFigures) => x.pending.total,
      (x: TransparencyFigures) => x.satisfaction.rated,
    ])
      expect(sum(pick)).toBeLessThanOrEqual(pick(f.totals));
    // A ward still in force counts the communes merged into it: its row is its own page's figures.
    const phuBai = f.children.find((c) => c.code === "46.19900")!;
    const { code: _c, name: _n, level: _l, validFrom: _f, validTo: _t, ...row } = phuBai;
    expect(row).toEqual((await figures("46.19900", 2025)).totals);
    expect(f.children.find((c) => c.code === "46.479")).toMatchObject({ validTo: "2025-06-30" });

    // Before the reform the district-era town is the only child, and it holds all the history.
    const before = await figures("46", 2024);
    expect(before.children.map((c) => c.code)).toEqual(["46.479"]);
    expect(before.children[0]!.received.total).toBeGreaterThan(0);
    expect(before.children[0]!.received.total).toBeLessThanOrEqual(before.totals.received.total);
  });

  it("says nothing personal: no applicant, phone, ID number, address or internal id", async () => {
    const res = await get("?unit=46");
    const keys = new Set<string>();
    const names: unknown[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          keys.add(k);
          if (k === "name") {
            expect(value).toHaveProperty("code");
            names.push(v);
          }
          walk(v);
        }
      }
    };
    walk(res.json());
    expect(
      [...keys].filter((k) => /applicant|phone|idnumber|email|address|birth|official|user|^id$/i.test(k)),
    ).toEqual([]);
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    const units = (await call(t.app, null, "GET", "/api/public/units?history=true")).json().items as {
      name: string;
    }[];
    for (const name of names) expect(units.map((u) => u.name)).toContain(name);
  });

  it("gives the service index of the unit and of each child, none before Decision 766", async () => {
    const f = await figures("46", 2025);
    const ids = new Map(
      (
        await queryRows<{ id: string; code: string }>(
          t.database.db,
          sql`select id::text as id, code from org_units`,
        )
      ).map((u) => [u.code, u.id]),
    );
    const expected = await indexTotals(
      t.database.db,
      ["46", ...f.children.map((c) => c.code)].map((code) => ids.get(code)!),
      "2025-01-01",
      "2025-12-31",
    );
    const of = (code: string) => {
      const e = expected.get(ids.get(code)!)!;
      return { total: e.total, measuredMax: e.measuredMax, score: e.score, band: e.band };
    };
    expect(f.totals.index).toEqual(of("46"));
    expect(["good", "fair", "average", "weak"]).toContain(f.totals.index!.band);
    for (const child of f.children) expect(child.index, child.code).toEqual(of(child.code));
    expect((await figures("46", 2021)).totals.index).toBeNull();
  });

  it("is public and cacheable for five minutes", async () => {
    const res = await get("?unit=46&year=2025");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(res.headers["x-ratelimit-limit"]).toBe("1000");
  });

  it("refuses bad input with field errors in vi and en, and an unknown unit with 404", async () => {
    const cases: [string, string, string][] = [
      ["?unit=46&year=abc", "year", "transparency.year_format"],
      ["?unit=46&year=1999", "year", "transparency.year_range"],
      [`?unit=46&year=${THIS_YEAR + 1}`, "year", "transparency.year_range"],
      ["?year=2025", "unit", ""],
      ["?unit=46&from=2025-01-01", "", ""],
    ];
    for (const [query, field, code] of cases) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      const error = res.json().errors[0];
      expect(error, query).toMatchObject({ message: { vi: expect.any(String), en: expect.any(String) } });
      if (field) expect(error.field, query).toBe(field);
      if (code) expect(error.code, query).toBe(code);
    }
    const missing = await get("?unit=99.99999&year=2025");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toEqual({
      vi: expect.stringMatching(/Đơn vị/),
      en: expect.stringMatching(/unit/),
    });
    expect(missing.headers["cache-control"]).not.toBe("public, max-age=300");
  });
});
