// Years of demo history (seed-demo --years): stored as imported history, idempotent, and the
// reports over it equal a recount of the rows, rolled up through merged units.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../test/app.ts";
import { queryRows } from "../db/client.ts";
import { seedDemoYears } from "./demo-years.ts";

const t = setupTestApp();
const TODAY = new Date("2026-11-20T10:00:00+07:00");
let supervisor: Session;
let inserted = 0;

beforeAll(async () => {
  supervisor = await login(t.app, "giamsat");
  inserted = await t.database.db.transaction((tx) => seedDemoYears(tx, 2, TODAY));
});

const report = async (unit: string, from: string, to: string) => {
  const res = await call(
    t.app,
    supervisor,
    "GET",
    `/api/v1/reports/resolution?unit=${unit}&from=${from}&to=${to}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** The cells recounted from the history rows of the units whose code starts with `prefix`. */
async function recount(codes: string[], from: string, to: string) {
  const s = `${from}T00:00:00+07:00`;
  const e = `${to}T24:00:00+07:00`;
  const [row] = await queryRows<Record<string, number>>(
    t.database.db,
    sql`select
      count(*) filter (where received_at >= ${s}::timestamptz and received_at < ${e}::timestamptz)::int as received,
      count(*) filter (where received_at < ${s}::timestamptz and (resolved_at is null or resolved_at >= ${s}::timestamptz))::int as carried,
      count(*) filter (where resolved_at >= ${s}::timestamptz and resolved_at < ${e}::timestamptz and timeliness = 'late')::int as late,
      count(*) filter (where resolved_at >= ${s}::timestamptz and resolved_at < ${e}::timestamptz and outcome = 'returned')::int as resolved,
      count(*) filter (where received_at < ${e}::timestamptz and (resolved_at is null or resolved_at >= ${e}::timestamptz))::int as pending
    from historical_dossiers h join org_units u on u.id = h.unit_id
    where u.code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
  );
  return row!;
}

describe("demo years of history", () => {
  it("writes two years of rows ending 90 days before today, once", async () => {
    expect(inserted).toBeGreaterThan(5_000);
    const [span] = await queryRows<{ first: string; last: string; rated: number; online: number }>(
      t.database.db,
      sql`select min(received_at)::text as first, max(received_at)::text as last,
                 count(rating)::int as rated, count(*) filter (where channel like 'online%')::int as online
          from historical_dossiers`,
    );
    expect(new Date(span!.first).getTime()).toBeGreaterThanOrEqual(
      TODAY.getTime() - (2 * 365 + 91) * 86_400_000,
    );
    expect(new Date(span!.last).getTime()).toBeLessThan(TODAY.getTime() - 90 * 86_400_000);
    expect(span!.rated).toBeGreaterThan(1_000);
    expect(span!.online).toBeGreaterThan(1_000);
    expect(await t.database.db.transaction((tx) => seedDemoYears(tx, 2, TODAY))).toBe(0);
  });

  it("the province's report for 2025 equals a recount of the rows, and its cells add up", async () => {
    const r = await report("46", "2025-01-01", "2025-06-30");
    const units = [
      "46.19891",
      "46.19894",
      "46.19897",
      "46.19906",
      "46.19753",
      "46.19774",
      "46.19900",
      "46.19918",
      "46.20002",
    ];
    const c = await recount(units, "2025-01-01", "2025-06-30");
    expect(r.total.received.total).toBe(c.received);
    expect(r.total.received.carriedOver).toBe(c.carried);
    expect(r.total.resolved.total).toBe(c.resolved);
    expect(r.total.resolved.late).toBe(c.late);
    expect(r.total.pending.total).toBe(c.pending);
    expect(r.total.toHandle).toBe(r.total.resolved.total + r.total.ended.total + r.total.pending.total);
    expect(r.total.received.online).toBeGreaterThan(0);
    expect(r.total.resolved.early).toBeGreaterThan(r.total.resolved.late);
  });

  it("a ward's report covers the communes merged into it (before the 2025 reform)", async () => {
    // Phường Phú Bài (46.19900) succeeds 46.19891, 46.19894 and 46.19906 from 2025-07-01.
    const r = await report("46.19900", "2025-01-01", "2025-06-30");
    const c = await recount(["46.19891", "46.19894", "46.19906", "46.19900"], "2025-01-01", "2025-06-30");
    expect(r.unit.units).toBe(4);
    expect(c.received).toBeGreaterThan(100);
    expect(r.total.received.total).toBe(c.received);
    expect(r.total.pending.total).toBe(c.pending);
  });
});
