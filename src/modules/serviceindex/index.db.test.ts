// The service index on the demo data with two years of history: its counts equal direct SQL
// counts of the dossier rows, the totals stay within bounds, the ranking of the wards is sorted
// with ties sharing a rank, the drill-down lists exactly the dossiers behind each count; who may
// read it and what bad input gives.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { seedDemoYears } from "../../demo/demo-years.ts";
import { vietnamDate } from "../../shared/dates.ts";
import type { DrillOut, IndexOut, RankingOut } from "./index.schemas.ts";
import { indexTotals } from "./index.service.ts";

const t = setupTestApp();
const HISTORY_TODAY = new Date("2026-11-20T10:00:00+07:00");
/** Phường Phú Bài and the three district-era communes merged into it on 2025-07-01. */
const PHU_BAI = ["46.19900", "46.19891", "46.19894", "46.19906"];
const WARDS = ["46.19753", "46.19774", "46.19900", "46.19918", "46.20002"];
const FROM = "2025-01-01";
const TO = "2025-12-31";
let supervisor: Session;
let leader: Session;

beforeAll(async () => {
  supervisor = await login(t.app, "giamsat");
  leader = await login(t.app, "lanhdao.thuanhoa");
  await t.database.db.transaction((tx) => seedDemoYears(tx, 2, HISTORY_TODAY));
});

const get = (session: Session | null, url: string) => call(t.app, session, "GET", url);

async function index(unit: string, period = `&from=${FROM}&to=${TO}`): Promise<IndexOut> {
  const res = await get(supervisor, `/api/v1/service-index?unit=${unit}${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const indicators = (r: IndexOut) => r.groups.flatMap((g) => g.indicators);
const find = (r: IndexOut, id: string) => indicators(r).find((i) => i.id === id)!;

/** Every dossier behind a count, page after page. */
async function drillAll(unit: string, period: string, indicator: string, part: string) {
  const items: DrillOut["dossiers"] = [];
  const procedures: DrillOut["procedures"] = [];
  let total = -1;
  for (let page = 1; page < 1000; page++) {
    const res = await get(
      supervisor,
      `/api/v1/service-index/drill?unit=${unit}${period}&indicator=${indicator}&part=${part}&page=${page}&pageSize=200`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body: DrillOut = res.json();
    total = body.total;
    items.push(...body.dossiers);
    procedures.push(...body.procedures);
    if (body.dossiers.length + body.procedures.length < 200) break;
  }
  return { total, items, procedures };
}

type Direct = Record<
  | "live"
  | "early"
  | "on_time"
  | "late"
  | "satisfied"
  | "pending"
  | "overdue"
  | "online_procedures"
  | "online"
  | "served"
  | "served_online",
  number
>;

/** Direct counts of the dossier rows (live and imported) of the units with these codes. */
async function direct(codes: string[], from: string, to: string): Promise<Direct> {
  const s = `${from}T00:00:00+07:00`;
  const e = `${to}T24:00:00+07:00`;
  const [row] = await queryRows<Direct>(
    t.database.db,
    sql`with u as (select id from org_units where code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))),
        x as (
          select h.received_at, h.resolved_at, h.due_at, h.channel::text as channel, h.procedure_version_id,
            case when h.outcome = 'returned' then h.timeliness::text end as timeliness,
            h.outcome <> 'pending' as closed, h.rating::text as rating, false as live
          from historical_dossiers h where h.unit_id in (select id from u)
          union all
          select d.received_at, d.resolved_at, d.due_at, d.channel::text, d.procedure_version_id,
            case when d.state not in ('withdrawn', 'stopped', 'refused') then d.timeliness::text end,
            d.resolved_at is not null, r.level::text, true
          from dossiers d left join dossier_ratings r on r.dossier_id = d.id
          where d.handling_unit_id in (select id from u) and d.received_at is not null
        )
        select
          count(*) filter (where live)::int as live,
          count(*) filter (where timeliness = 'early' and resolved_at >= ${s}::timestamptz and resolved_at < ${e}::timestamptz)::int as early,
          count(*) filter (where timeliness = 'on_time' and resolved_at >= ${s}::timestamptz and resolved_at < ${e}::timestamptz)::int as on_time,
          count(*) filter (where timeliness = 'late' and resolved_at >= ${s}::timestamptz and resolved_at < ${e}::timestamptz)::int as late,
          count(*) filter (where timeliness is not null and resolved_at >= ${s}::timestamptz and resolved_at < ${e}::timestamptz
            and timeliness <> 'late' and coalesce(rating, '') <> 'dissatisfied')::int as satisfied,
          count(*) filter (where received_at < ${e}::timestamptz and (not closed or resolved_at >= ${e}::timestamptz))::int as pending,
          count(*) filter (where received_at < ${e}::timestamptz and (not closed or resolved_at >= ${e}::timestamptz)
            and due_at < ${e}::timestamptz)::int as overdue,
          count(*) filter (where received_at >= ${s}::timestamptz and received_at < ${e}::timestamptz and v.online <> 'none')::int as online_procedures,
          count(*) filter (where received_at >= ${s}::timestamptz and received_at < ${e}::timestamptz and v.online <> 'none'
            and channel like 'online%')::int as online
        from x join procedure_versions v on v.id = x.procedure_version_id`,
  );
  const [catalog] = await queryRows<Pick<Direct, "served" | "served_online">>(
    t.database.db,
    sql`select count(distinct c.procedure_id)::int as served,
          count(distinct c.procedure_id) filter (where c.online <> 'none')::int as served_online
        from unit_procedures up join org_units u on u.id = up.unit_id
          join catalog_search c on c.procedure_id = up.procedure_id
        where u.code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))
          and u.valid_from <= ${to}::date and (u.valid_to is null or u.valid_to >= ${to}::date)
          and c.valid_from <= ${to}::date and (c.valid_to is null or c.valid_to > ${to}::date)`,
  );
  return { ...row!, ...catalog! };
}

describe("service index of a ward", () => {
  it("counts what direct SQL counts (a ward with the communes merged into it, across the 2025 reform)", async () => {
    const r = await index("46.19900");
    const c = await direct(PHU_BAI, FROM, TO);
    expect(r.unit).toMatchObject({ code: "46.19900", units: 4 });
    expect(c.live).toBe(0);
    expect(c.early + c.on_time + c.late).toBeGreaterThan(200);
    expect(find(r, "progress.on_time")).toMatchObject({
      numerator: c.early + c.on_time + (c.pending - c.overdue),
      denominator: c.early + c.on_time + c.late + c.pending,
      measured: true,
    });
    expect(find(r, "satisfaction.dossiers")).toMatchObject({
      numerator: c.satisfied,
      denominator: c.early + c.on_time + c.late,
    });
    expect(find(r, "online.dossiers")).toMatchObject({
      numerator: c.online,
      denominator: c.online_procedures,
    });
    expect(c.online).toBeGreaterThan(0);
    expect(find(r, "online.procedures")).toMatchObject({ numerator: c.served_online, denominator: c.served });
    expect(c.served).toBeGreaterThan(10);
    expect(find(r, "publicity.complete_record").denominator).toBe(c.served);
    // Imported history carries no documents and has no public lookup: no data, not 0 and not full.
    for (const id of ["publicity.public_status", "digitization.components", "digitization.electronic_result"])
      expect(find(r, id)).toMatchObject({ measured: true, denominator: 0, ratio: null, points: 0 });
  });

  it("totals stay within bounds; not-measured indicators score 0 and are left out of the measured maximum", async () => {
    const r = await index("46.19900");
    expect(r.max).toBe(100);
    expect(r.total).toBeGreaterThan(0);
    expect(r.total).toBeLessThanOrEqual(r.measuredMax);
    expect(r.measuredMax).toBeLessThanOrEqual(100);
    const all = indicators(r);
    expect(all.filter((i) => !i.measured).every((i) => i.points === 0 && i.numerator === null)).toBe(true);
    expect(r.measuredMax).toBe(all.filter((i) => i.ratio !== null).reduce((n, i) => n + i.max, 0));
    expect(r.groups.find((g) => g.id === "payment")).toMatchObject({ points: 0, measuredMax: 0 });
    expect(r.score).toBe(Math.round((r.total / r.measuredMax) * 10_000) / 100);
    expect(["good", "fair", "average", "weak"]).toContain(r.band);
    for (const i of all) expect(i.points).toBeLessThanOrEqual(i.max);
  });

  it("the default period is this year to today", async () => {
    const today = vietnamDate();
    const r = await index("46.19753", "");
    expect(r.from).toBe(`${today.slice(0, 4)}-01-01`);
    expect(r.to).toBe(today);
    expect(r.decision).toBe("766/QĐ-TTg");
  });

  it("counts documents of live dossiers: digitized, re-used, signed results in the applicant's store", async () => {
    const period = `&from=${vietnamDate().slice(0, 4)}-01-01&to=${vietnamDate()}`;
    const before = await index("46.19753", period);
    expect(find(before, "publicity.public_status").denominator).toBeGreaterThan(0);
    expect(find(before, "publicity.public_status").ratio).toBe(1);
    const db = t.database.db;
    const received = await queryRows<{ id: string }>(
      db,
      sql`select d.id from dossiers d join org_units u on u.id = d.handling_unit_id
          where u.code = '46.19753' and d.received_at >= ${`${vietnamDate().slice(0, 4)}-01-01`}::date
            and not exists (select 1 from documents x where x.dossier_id = d.id)
          order by d.received_at limit 2`,
    );
    const [resolved] = await queryRows<{ id: string }>(
      db,
      sql`select d.id from dossiers d join org_units u on u.id = d.handling_unit_id
          where u.code = '46.19753' and d.timeliness is not null and d.resolved_at >= ${`${vietnamDate().slice(0, 4)}-01-01`}::date
            and not exists (select 1 from documents x where x.dossier_id = d.id)
          order by d.resolved_at limit 1`,
    );
    const [citizen] = await queryRows<{ id: string }>(
      db,
      sql`select id from users where kind = 'citizen' limit 1`,
    );
    const sha = "a".repeat(64);
    const [scan] = await queryRows<{ id: string }>(
      db,
      sql`insert into documents (dossier_id, kind, name, content_type, size, sha256)
          values (${received[0]!.id}, 'digitized', 'scan.pdf', 'application/pdf', 10, ${sha}) returning id`,
    );
    await db.execute(
      sql`insert into documents (dossier_id, kind, name, content_type, size, sha256, reused_from)
          values (${received[1]!.id}, 'submitted', 'again.pdf', 'application/pdf', 10, ${sha}, ${scan!.id})`,
    );
    await db.execute(
      sql`insert into documents (dossier_id, owner_user_id, kind, name, content_type, size, sha256, signed, signature)
          values (${resolved!.id}, ${citizen!.id}, 'result', 'kq.pdf', 'application/pdf', 10, ${sha}, true, '{}'::jsonb)`,
    );
    const after = await index("46.19753", period);
    const delta = (id: string) => find(after, id).numerator! - find(before, id).numerator!;
    expect(delta("digitization.components")).toBe(2);
    expect(delta("digitization.reused")).toBe(1);
    expect(delta("digitization.electronic_result")).toBe(1);
    expect(delta("digitization.personal_store")).toBe(1);
  });
});

describe("drill-down", () => {
  const period = `&from=${FROM}&to=${TO}`;

  it("lists exactly the numerator's and the denominator's dossiers across pages, newest first", async () => {
    const r = await index("46.19900");
    for (const [id, part] of [
      ["progress.on_time", "numerator"],
      ["progress.on_time", "denominator"],
      ["satisfaction.dossiers", "numerator"],
      ["online.dossiers", "denominator"],
    ] as const) {
      const expected = find(r, id)[part]!;
      const { total, items } = await drillAll("46.19900", period, id, part);
      expect(total, `${id} ${part}`).toBe(expected);
      expect(items.length, `${id} ${part}`).toBe(expected);
      expect(new Set(items.map((d) => d.code)).size).toBe(items.length);
      const received = items.map((d) => d.receivedAt);
      expect([...received].sort().reverse()).toEqual(received);
    }
  });

  it("shows no personal data: code, procedure, dates, state and outcome only", async () => {
    const res = await get(
      supervisor,
      `/api/v1/service-index/drill?unit=46.19900${period}&indicator=satisfaction.dossiers&part=denominator&pageSize=5`,
    );
    const body: DrillOut = res.json();
    expect(body).toMatchObject({ kind: "dossiers", page: 1, pageSize: 5 });
    expect(body.dossiers).toHaveLength(5);
    for (const d of body.dossiers) {
      expect(Object.keys(d).sort()).toEqual(
        ["code", "dueAt", "outcome", "procedure", "receivedAt", "resolvedAt", "source", "state"].sort(),
      );
      expect(["early", "on_time", "late"]).toContain(d.outcome);
      expect(d.source).toBe("historical");
    }
    const past = await get(
      supervisor,
      `/api/v1/service-index/drill?unit=46.19900${period}&indicator=satisfaction.dossiers&part=denominator&page=1000&pageSize=200`,
    );
    expect(past.json()).toMatchObject({ total: body.total, dossiers: [] });
  });

  it("lists the procedures behind a catalog count", async () => {
    const r = await index("46.19900");
    const { total, procedures } = await drillAll("46.19900", period, "online.procedures", "numerator");
    expect(total).toBe(find(r, "online.procedures").numerator);
    expect(procedures).toHaveLength(total);
    expect(procedures.every((p) => p.online !== "none")).toBe(true);
  });

  it("every measured count of the live ward this year matches its drill-down", async () => {
    const today = vietnamDate();
    const p = `&from=${today.slice(0, 4)}-01-01&to=${today}`;
    const r = await index("46.19753", p);
    for (const i of indicators(r).filter((x) => x.measured && x.denominator)) {
      for (const part of ["numerator", "denominator"] as const) {
        const res = await get(
          supervisor,
          `/api/v1/service-index/drill?unit=46.19753${p}&indicator=${i.id}&part=${part}&pageSize=1`,
        );
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().total, `${i.id} ${part}`).toBe(i[part]);
      }
    }
  });
});

describe("ranking", () => {
  it("ranks the five wards of the province, sorted, ties sharing a rank", async () => {
    const res = await get(
      leader,
      `/api/v1/service-index/ranking?unit=46.19753&from=2025-07-01&to=2025-12-31`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const r: RankingOut = res.json();
    expect(r.level).toBe("commune");
    expect(r.items.map((u) => u.code).sort()).toEqual(WARDS);
    expect(r.items.filter((u) => u.self).map((u) => u.code)).toEqual(["46.19753"]);
    const scored = r.items.filter((u) => u.score !== null);
    expect(scored.length).toBeGreaterThan(0);
    for (const [i, u] of r.items.entries()) {
      if (u.score === null) {
        expect(u.rank).toBeNull();
        expect(r.items.slice(i).every((x) => x.score === null)).toBe(true);
        continue;
      }
      expect(u.rank).toBe(1 + scored.filter((x) => x.score! > u.score!).length);
      if (i > 0) expect(u.score).toBeLessThanOrEqual(r.items[i - 1]!.score!);
    }
    // Totals are those of each ward's own index.
    const phuBai = r.items.find((u) => u.code === "46.19900")!;
    const own = await index("46.19900", "&from=2025-07-01&to=2025-12-31");
    expect(phuBai).toMatchObject({
      total: own.total,
      measuredMax: own.measuredMax,
      score: own.score,
      band: own.band,
    });
  });

  it("the province alone, or its communes when asked", async () => {
    const alone = await get(supervisor, `/api/v1/service-index/ranking?unit=46&from=${FROM}&to=${TO}`);
    expect(alone.json().items.map((u: { code: string }) => u.code)).toEqual(["46"]);
    const communes = await get(
      supervisor,
      `/api/v1/service-index/ranking?unit=46&from=2025-03-01&to=2025-12-31&level=commune`,
    );
    const body: RankingOut = communes.json();
    expect(body.level).toBe("commune");
    // In existence during the period: today's wards and the communes merged into them on 2025-07-01.
    expect(body.items.map((u) => u.code).sort()).toEqual(
      [...WARDS, "46.19891", "46.19894", "46.19897", "46.19906"].sort(),
    );
  });

  it("indexTotals gives the same totals without authorization", async () => {
    const ids = await queryRows<{ id: string; code: string }>(
      t.database.db,
      sql`select id, code from org_units where code in ('46.19900', '46')`,
    );
    const totals = await indexTotals(
      t.database.db,
      ids.map((u) => u.id),
      FROM,
      TO,
    );
    const phuBai = totals.get(ids.find((u) => u.code === "46.19900")!.id)!;
    const own = await index("46.19900");
    expect(phuBai).toMatchObject({ total: own.total, measuredMax: own.measuredMax, band: own.band });
    const province = totals.get(ids.find((u) => u.code === "46")!.id)!;
    expect(province.measuredMax).toBeGreaterThan(0);
  });
});

describe("access and input", () => {
  const url = `/api/v1/service-index?unit=46.19753&from=${FROM}&to=${TO}`;
  it("401 signed out, 404 outside the reader's units, 403 without report.read, 200 for readers", async () => {
    expect((await get(null, url)).statusCode).toBe(401);
    expect((await get(await login(t.app, "tiepnhan.phuxuan"), url)).statusCode).toBe(404);
    expect((await get(await login(t.app, "tiepnhan.thuanhoa"), url)).statusCode).toBe(403);
    expect((await get(leader, url)).statusCode).toBe(200);
    // A ward's leader reads neither the province's index nor another ward's.
    expect((await get(leader, url.replace("46.19753", "46"))).statusCode).toBe(404);
    expect((await get(leader, url.replace("46.19753", "46.19774"))).statusCode).toBe(404);
  });

  it("bad input gives field errors in vi and en", async () => {
    const cases: [string, string, string][] = [
      ["/api/v1/service-index?unit=99.99999", "unit", "service_index.unit_unknown"],
      ["/api/v1/service-index?unit=46.19753&from=2025-12-31&to=2025-01-01", "to", "report.range_order"],
      [
        "/api/v1/service-index?unit=46.19753&from=2022-01-01&to=2022-06-22",
        "to",
        "service_index.before_decision",
      ],
      [
        `/api/v1/service-index/drill?unit=46.19753&indicator=nope&part=numerator`,
        "indicator",
        "service_index.indicator_unknown",
      ],
      [
        `/api/v1/service-index/drill?unit=46.19753&indicator=payment.dossiers_paid&part=numerator`,
        "indicator",
        "service_index.indicator_not_measured",
      ],
    ];
    for (const [u, field, code] of cases) {
      const res = await get(supervisor, u);
      expect(res.statusCode, u).toBe(400);
      const error = res.json().errors[0];
      expect(error).toMatchObject({ field, code });
      expect(error.message.vi.length).toBeGreaterThan(0);
      expect(error.message.en.length).toBeGreaterThan(0);
    }
    for (const u of [
      "/api/v1/service-index?unit=46.19753&from=2025-13-01",
      "/api/v1/service-index?unit=46.19753&extra=1",
      "/api/v1/service-index/drill?unit=46.19753&indicator=progress.on_time&part=all",
      "/api/v1/service-index/drill?unit=46.19753&indicator=progress.on_time&part=numerator&pageSize=500",
      "/api/v1/service-index/ranking?unit=46.19753&level=province",
    ]) {
      const res = await get(supervisor, u);
      expect(res.statusCode, u).toBe(400);
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
  });
});
