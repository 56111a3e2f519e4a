// The rolled-up report facts (one set per scope: a unit with its subtree and the units merged into
// them) always equal the per-unit facts summed over the scope's units: after the compaction folds
// new deltas, after a unit is merged into a successor, and after a unit moves under another parent.
// A province's report reads its own rows only, so this is what keeps its figures right.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { addDays } from "../dashboard/dashboard.logic.ts";
import { emptyCounts, REPORT_COUNTERS } from "./resolution.logic.ts";
import { compactReportDeltas, insertReportDeltas } from "./resolution.repository.ts";

const t = setupTestApp();
let admin: Session;

beforeAll(async () => {
  admin = await login(t.app, "admin");
});

const COLUMNS = REPORT_COUNTERS.join(", ");
const SUMS = REPORT_COUNTERS.map((c) => `sum(f.${c})::int`).join(", ");

/** Rows of the rolled-up facts that differ from the per-unit facts summed over each scope. */
async function mismatches() {
  const out: Record<string, number> = {};
  for (const [grain, leaf, rolled] of [
    ["day", "report_day_facts", "report_scope_day_facts"],
    ["month", "report_month_facts", "report_scope_month_facts"],
  ] as const) {
    const [row] = await queryRows<{ differ: number; rows: number }>(
      t.database.db,
      sql.raw(`with expected as (
          select sc.id as scope_id, f.sector, f.${grain}, ${SUMS}
          from org_units sc cross join lateral report_scope_units(sc.id) as u(id)
          join ${leaf} f on f.unit_id = u.id
          group by sc.id, f.sector, f.${grain}
        ), actual as (select scope_id, sector, ${grain}, ${COLUMNS} from ${rolled})
        select ((select count(*) from (select * from expected except all select * from actual) a)
          + (select count(*) from (select * from actual except all select * from expected) b))::int as differ,
          (select count(*) from actual)::int as rows`),
    );
    out[`${grain} differ`] = row!.differ;
    out[`${grain} rows`] = row!.rows;
  }
  return out;
}

async function compactAll() {
  for (let moved = 1; moved > 0; ) moved = await t.database.db.transaction((tx) => compactReportDeltas(tx));
}

const resolution = async (unit: string, from: string, to: string) => {
  const res = await call(
    t.app,
    admin,
    "GET",
    `/api/v1/reports/resolution?unit=${unit}&from=${from}&to=${to}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Two communes of the demo province that have dossiers in their facts. */
async function communesWithFacts() {
  return queryRows<{ id: string; code: string; parent_id: string }>(
    t.database.db,
    sql`select u.id::text as id, u.code, u.parent_id::text as parent_id from org_units u
        where u.level = 'commune' and u.valid_to is null
          and exists (select 1 from report_day_facts f where f.unit_id = u.id)
        order by u.code`,
  );
}

describe("rolled-up report facts per scope", () => {
  it("equal the per-unit facts summed over each scope once the demo deltas are folded", async () => {
    await compactAll();
    const m = await mismatches();
    expect(m["day rows"]).toBeGreaterThan(0);
    expect(m["month rows"]).toBeGreaterThan(0);
    expect(m).toMatchObject({ "day differ": 0, "month differ": 0 });
  });

  it("take in a merged unit's history at its successor and above, and the report shows it", async () => {
    const communes = await communesWithFacts();
    expect(communes.length).toBeGreaterThanOrEqual(2);
    const [merged, successor] = communes as [(typeof communes)[0], (typeof communes)[0]];
    const today = vietnamDate();
    const from = addDays(today, -89);
    const before = {
      merged: await resolution(merged.code, from, today),
      successor: await resolution(successor.code, from, today),
    };
    expect(before.merged.total.received.total).toBeGreaterThan(0);
    await t.database.db.execute(
      sql`update org_units set successor_id = ${successor.id}::uuid, valid_to = ${today}::date where id = ${merged.id}::uuid`,
    );
    expect(await mismatches()).toMatchObject({ "day differ": 0, "month differ": 0 });
    const after = await resolution(successor.code, from, today);
    for (const cell of ["total", "online", "inPerson", "postal", "carriedOver"] as const)
      expect(after.total.received[cell]).toBe(
        before.successor.total.received[cell] + before.merged.total.received[cell],
      );
    expect(after.total.resolved.late).toBe(
      before.successor.total.resolved.late + before.merged.total.resolved.late,
    );
    expect(after.total.pending.total).toBe(
      before.successor.total.pending.total + before.merged.total.pending.total,
    );
  });

  it("fold a delta recorded after the merge into the successor's scope, not only the unit's own", async () => {
    const [merged] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id::text as id from org_units where successor_id is not null and level = 'commune' limit 1`,
    );
    const counts = { ...emptyCounts(), rcv_postal: 3 };
    await t.database.db.transaction((tx) =>
      insertReportDeltas(tx, [{ unitId: merged!.id, sector: "Thử gộp", day: vietnamDate(), counts }]),
    );
    await compactAll();
    const [row] = await queryRows<{ scopes: number; expected: number }>(
      t.database.db,
      sql`select (select count(*) from report_scope_day_facts where sector = 'Thử gộp' and rcv_postal = 3)::int as scopes,
                 (select count(*) from report_unit_scopes(${merged!.id}::uuid))::int as expected`,
    );
    // The unit itself, its successor, and the province above both (no double count at the top).
    expect(row!.expected).toBeGreaterThanOrEqual(3);
    expect(row!.scopes).toBe(row!.expected);
    expect(await mismatches()).toMatchObject({ "day differ": 0, "month differ": 0 });
  });

  it("follow a unit moved under another parent, in both the old and the new parent's scopes", async () => {
    const [unit] = await communesWithFacts();
    const [other] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id::text as id from org_units where id <> ${unit!.parent_id}::uuid and id <> ${unit!.id}::uuid
            and level <> 'commune' limit 1`,
    );
    expect(other).toBeDefined();
    await t.database.db.execute(
      sql`update org_units set parent_id = ${other!.id}::uuid where id = ${unit!.id}::uuid`,
    );
    expect(await mismatches()).toMatchObject({ "day differ": 0, "month differ": 0 });
    await t.database.db.execute(
      sql`update org_units set parent_id = ${unit!.parent_id}::uuid where id = ${unit!.id}::uuid`,
    );
    expect(await mismatches()).toMatchObject({ "day differ": 0, "month differ": 0 });
  });
});
