// Reads of the public transparency page: the report counters summed per unit (the same facts and
// deltas the resolution report sums per sector), the units a child's figures cover, and the
// satisfaction ratings of dossiers resolved in a period. Nothing here reads personal data.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import type { IsoDate } from "../calendar/dates.ts";
import type { RatingLevel } from "../ratings/ratings.schemas.ts";
import { type Counts, emptyCounts, REPORT_COUNTERS } from "../reports/resolution.logic.ts";
import { type DayRange, rangeParts } from "../reports/resolution.repository.ts";

const COLUMNS = sql.raw(REPORT_COUNTERS.join(", "));
const SUMS = sql.raw(REPORT_COUNTERS.map((c) => `sum(${c})::int as ${c}`).join(", "));
const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

/**
 * Counters per unit summed over each named range, in one statement (as sumsBySector, grouped by
 * unit instead of sector): whole months from the month facts, the days at either end from the
 * day facts, and the deltas not yet folded.
 */
export async function sumsByUnit(
  tx: Executor,
  units: readonly string[],
  ranges: Record<string, DayRange>,
): Promise<Map<string, Map<string, Counts>>> {
  const unitList = uuidArray(units);
  const parts: SQL[] = [];
  for (const [name, range] of Object.entries(ranges)) {
    const { months, days } = rangeParts(range);
    if (months)
      parts.push(sql`select ${name} as part, unit_id, ${COLUMNS} from report_month_facts
        where unit_id = any(${unitList}::uuid[]) and month between ${months[0]}::date and ${months[1]}::date`);
    for (const [from, to] of days)
      parts.push(sql`select ${name} as part, unit_id, ${COLUMNS} from report_day_facts
        where unit_id = any(${unitList}::uuid[]) and day between ${from ?? "0001-01-01"}::date and ${to}::date`);
    parts.push(sql`select ${name} as part, unit_id, ${COLUMNS} from report_deltas
      where unit_id = any(${unitList}::uuid[]) and day between ${range.from ?? "0001-01-01"}::date and ${range.to}::date`);
  }
  const rows = await queryRows<Record<string, unknown> & { part: string; unit_id: string }>(
    tx,
    sql`select part, unit_id::text as unit_id, ${SUMS}
        from (${sql.join(parts, sql` union all `)}) s group by part, unit_id`,
  );
  const out = new Map<string, Map<string, Counts>>();
  for (const name of Object.keys(ranges)) out.set(name, new Map());
  for (const row of rows) {
    const counts = emptyCounts();
    for (const c of REPORT_COUNTERS) counts[c] = Number(row[c] ?? 0);
    out.get(row.part)?.set(row.unit_id, counts);
  }
  return out;
}

export type PublicUnitRow = {
  id: string;
  code: string;
  name: string;
  level: "province" | "district" | "commune";
  validFrom: string;
  validTo: string | null;
};

/** A unit by its code, named as it was on `at` (its last day in force when it ended before). */
export async function findUnitByCodeAt(
  tx: Executor,
  code: string,
  at: IsoDate,
): Promise<PublicUnitRow | undefined> {
  const rows = await queryRows<PublicUnitRow>(
    tx,
    sql`select u.id::text as id, u.code, u.level, u.valid_from::text as "validFrom", u.valid_to::text as "validTo",
          unit_name_at(u.id, least(${at}::date, coalesce(u.valid_to, ${at}::date))) as name
        from org_units u where u.code = ${code} limit 1`,
  );
  return rows[0];
}

/**
 * The direct children of a unit in force on some day of [from, to], named as on their last day in
 * force within it. Those still in force at `to` come first (then the others, latest ended first):
 * the order in which they claim the units their figures cover (see childScopes).
 */
export async function childrenInForce(
  tx: Executor,
  parentId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<PublicUnitRow[]> {
  return queryRows<PublicUnitRow>(
    tx,
    sql`select u.id::text as id, u.code, u.level, u.valid_from::text as "validFrom", u.valid_to::text as "validTo",
          unit_name_at(u.id, least(${to}::date, coalesce(u.valid_to, ${to}::date))) as name
        from org_units u
        where u.parent_id = ${parentId}::uuid and u.valid_from <= ${to}::date
          and (u.valid_to is null or u.valid_to >= ${from}::date)
        order by (u.valid_to is null or u.valid_to >= ${to}::date) desc, u.valid_to desc nulls first, u.code`,
  );
}

/**
 * For each of the given units, the units its report covers (itself, its descendants, the units
 * merged into any of them: reportUnits of the resolution report), in one statement.
 */
export async function reportUnitsOf(tx: Executor, roots: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(roots.map((id) => [id, []]));
  if (roots.length === 0) return out;
  const rows = await queryRows<{ root: string; id: string }>(
    tx,
    sql`with recursive scope(root, id) as (
          select id, id from org_units where id = any(${uuidArray(roots)}::uuid[])
          union
          select s.root, u.id from org_units u join scope s on u.parent_id = s.id or u.successor_id = s.id
        ) select root::text as root, id::text as id from scope`,
  );
  for (const row of rows) out.get(row.root)?.push(row.id);
  return out;
}

/**
 * Satisfaction ratings of the units' dossiers resolved in [start, end): live ratings (by the
 * dossier's resolution instant) and those imported with historical dossiers, per unit and level.
 */
export async function ratingsByUnit(
  tx: Executor,
  units: readonly string[],
  start: Date,
  end: Date,
): Promise<{ unitId: string; level: RatingLevel; count: number }[]> {
  const unitList = uuidArray(units);
  const s = start.toISOString();
  const e = end.toISOString();
  const rows = await queryRows<{ unit_id: string; level: RatingLevel; count: number | string }>(
    tx,
    sql`select unit_id::text as unit_id, level, count(*)::int as count from (
          select r.unit_id, r.level from dossier_ratings r join dossiers d on d.id = r.dossier_id
          where r.unit_id = any(${unitList}::uuid[])
            and coalesce(d.resolved_at, d.returned_at, r.created_at) >= ${s}::timestamptz
            and coalesce(d.resolved_at, d.returned_at, r.created_at) < ${e}::timestamptz
          union all
          select h.unit_id, h.rating as level from historical_dossiers h
          where h.unit_id = any(${unitList}::uuid[]) and h.rating is not null
            and h.resolved_at >= ${s}::timestamptz and h.resolved_at < ${e}::timestamptz
        ) x group by unit_id, level`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, level: r.level, count: Number(r.count) }));
}
