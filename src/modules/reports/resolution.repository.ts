// Storage of the resolution report's counters: insert-only deltas written by commands, folded by
// a compaction into per-day and per-month facts; sums over any range in one statement.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { addDays, type IsoDate, periodInstants } from "../calendar/dates.ts";
import { type Counts, type Delta, emptyCounts, REPORT_COUNTERS } from "./resolution.logic.ts";

const COLUMNS = sql.raw(REPORT_COUNTERS.join(", "));
const RECORD_TYPE = sql.raw(
  ["unit_id uuid", "sector text", "day date", ...REPORT_COUNTERS.map((c) => `${c} int`)].join(", "),
);
const COALESCED = sql.raw(REPORT_COUNTERS.map((c) => `coalesce(${c}, 0)`).join(", "));

/**
 * Appends deltas in one statement, whatever their number: the rows travel as one JSON parameter
 * (a multi-row VALUES list would need 20 parameters per row, and building it costs more than
 * the insert).
 */
export async function insertReportDeltas(tx: Executor, deltas: Delta[]): Promise<void> {
  if (deltas.length === 0) return;
  const json = JSON.stringify(
    deltas.map((d) => ({ unit_id: d.unitId, sector: d.sector, day: d.day, ...d.counts })),
  );
  await tx.execute(
    sql`insert into report_deltas (unit_id, sector, day, ${COLUMNS})
        select unit_id, sector, day, ${COALESCED} from jsonb_to_recordset(${json}::jsonb) as x(${RECORD_TYPE})`,
  );
}
const SUMS = sql.raw(REPORT_COUNTERS.map((c) => `sum(${c})::int as ${c}`).join(", "));
const ADD = (table: string) =>
  sql.raw(REPORT_COUNTERS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", "));

/** Key of the advisory lock that keeps compactions one at a time. */
const COMPACTION_LOCK = 7_263_001;

/**
 * Folds up to `limit` deltas into the day and month facts, per unit and rolled up per scope (every
 * unit whose report covers the delta's unit: its parent, successor and theirs, as the tree is now),
 * in one statement (the deltas are gone and all the facts hold them, or neither). Skips when another compaction runs. Returns how many
 * deltas it folded.
 */
export async function compactReportDeltas(tx: Executor, limit = 100_000): Promise<number> {
  const [lock] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(${COMPACTION_LOCK}) as ok`,
  );
  if (!lock?.ok) return 0;
  const [row] = await queryRows<{ moved: number }>(
    tx,
    sql`with recursive moved as (
          delete from report_deltas where id in (select id from report_deltas order by id limit ${limit})
          returning *
        ), scopes(unit_id, scope_id) as (
          select distinct unit_id, unit_id from moved
          union
          select s.unit_id, x.next from scopes s join org_units u on u.id = s.scope_id
            cross join lateral (values (u.parent_id), (u.successor_id)) as x(next)
          where x.next is not null
        ), scope_day as (
          insert into report_scope_day_facts (scope_id, sector, day, ${COLUMNS})
          select s.scope_id, m.sector, m.day, ${SUMS} from moved m join scopes s on s.unit_id = m.unit_id
          group by s.scope_id, m.sector, m.day
          on conflict (scope_id, day, sector) do update set ${ADD("report_scope_day_facts")}
          returning 1
        ), scope_month as (
          insert into report_scope_month_facts (scope_id, sector, month, ${COLUMNS})
          select s.scope_id, m.sector, date_trunc('month', m.day)::date, ${SUMS}
          from moved m join scopes s on s.unit_id = m.unit_id
          group by s.scope_id, m.sector, date_trunc('month', m.day)::date
          on conflict (scope_id, month, sector) do update set ${ADD("report_scope_month_facts")}
          returning 1
        ), by_day as (
          insert into report_day_facts (unit_id, sector, day, ${COLUMNS})
          select unit_id, sector, day, ${SUMS} from moved group by unit_id, sector, day
          on conflict (unit_id, day, sector) do update set ${ADD("report_day_facts")}
          returning 1
        ), by_month as (
          insert into report_month_facts (unit_id, sector, month, ${COLUMNS})
          select unit_id, sector, date_trunc('month', day)::date, ${SUMS} from moved
          group by unit_id, sector, date_trunc('month', day)::date
          on conflict (unit_id, month, sector) do update set ${ADD("report_month_facts")}
          returning 1
        )
        select (select count(*) from moved)::int as moved,
               (select count(*) from by_day) + (select count(*) from by_month)
                 + (select count(*) from scope_day) + (select count(*) from scope_month) as written`,
  );
  return row?.moved ?? 0;
}

/** A range of Vietnam days, open at the start when `from` is null (everything up to `to`). */
export type DayRange = { from: IsoDate | null; to: IsoDate };

const firstOfMonth = (day: IsoDate) => `${day.slice(0, 7)}-01`;
const nextDay = (day: IsoDate) => addDays(day, 1);
const previousDay = (day: IsoDate) => addDays(day, -1);
const lastOfMonth = (day: IsoDate) => {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return previousDay(next);
};

/**
 * The parts that make up a range: whole months from the month facts, the days at either end
 * from the day facts; the deltas not yet folded cover the whole range.
 */
export function rangeParts(r: DayRange): {
  months: [IsoDate, IsoDate] | null;
  days: [IsoDate | null, IsoDate][];
} {
  const firstFull =
    r.from === null ? "0001-01-01" : r.from === firstOfMonth(r.from) ? r.from : nextDay(lastOfMonth(r.from));
  const lastFull =
    r.to === lastOfMonth(r.to) ? firstOfMonth(r.to) : firstOfMonth(previousDay(firstOfMonth(r.to)));
  if (firstFull > lastFull) return { months: null, days: [[r.from, r.to]] };
  const days: [IsoDate | null, IsoDate][] = [];
  if (r.from !== null && r.from < firstFull) days.push([r.from, previousDay(firstFull)]);
  const afterMonths = nextDay(lastOfMonth(lastFull));
  if (afterMonths <= r.to) days.push([afterMonths, r.to]);
  return { months: [firstFull, lastFull], days };
}

/** A report's scope: the unit asked for, and every unit its report covers (reportUnits). */
export type ReportScope = { id: string; units: readonly string[] };

/**
 * Counters per sector summed over each named range for a scope, in one statement: whole months
 * and the days at either end from the scope's rolled-up facts (a few rows per sector, however
 * many units it covers), and the deltas not yet folded of each unit it covers.
 */
export async function sumsBySector(
  tx: Executor,
  scope: ReportScope,
  ranges: Record<string, DayRange>,
): Promise<Map<string, Map<string, Counts>>> {
  const unitList = `{${scope.units.join(",")}}`;
  const parts: SQL[] = [];
  for (const [name, range] of Object.entries(ranges)) {
    const { months, days } = rangeParts(range);
    if (months)
      parts.push(sql`select ${name} as part, sector, ${COLUMNS} from report_scope_month_facts
        where scope_id = ${scope.id}::uuid and month between ${months[0]}::date and ${months[1]}::date`);
    for (const [from, to] of days)
      parts.push(sql`select ${name} as part, sector, ${COLUMNS} from report_scope_day_facts
        where scope_id = ${scope.id}::uuid and day between ${from ?? "0001-01-01"}::date and ${to}::date`);
    parts.push(sql`select ${name} as part, sector, ${COLUMNS} from report_deltas
      where unit_id = any(${unitList}::uuid[]) and day between ${range.from ?? "0001-01-01"}::date and ${range.to}::date`);
  }
  const rows = await queryRows<Record<string, unknown> & { part: string; sector: string }>(
    tx,
    sql`select part, sector, ${SUMS} from (${sql.join(parts, sql` union all `)}) s group by part, sector`,
  );
  const out = new Map<string, Map<string, Counts>>();
  for (const name of Object.keys(ranges)) out.set(name, new Map());
  for (const row of rows) {
    const counts = emptyCounts();
    for (const c of REPORT_COUNTERS) counts[c] = Number(row[c] ?? 0);
    out.get(row.part)?.set(row.sector, counts);
  }
  return out;
}

/**
 * The units a report on `unitId` covers: the unit, its descendants, and the units merged into
 * any of them (their successor is in the set), with their own descendants; abolished ones too.
 */
export async function reportUnits(tx: Executor, unitId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with recursive scope(id) as (
          select ${unitId}::uuid
          union
          select u.id from org_units u join scope s on u.parent_id = s.id or u.successor_id = s.id
        ) select id from scope`,
  );
  return rows.map((r) => r.id);
}

export type LateDossier = {
  code: string;
  procedure: string;
  sector: string;
  dueAt: string;
  resolvedAt: string;
  reason: string | null;
};

/**
 * The dossiers handled in motcua that were resolved late in the period, with the reason given in
 * their apology (the last one), most recent first; and the count of each reason over all of them.
 */
export async function lateDossiers(
  tx: Executor,
  units: readonly string[],
  from: IsoDate,
  to: IsoDate,
  limit = 200,
): Promise<{ dossiers: LateDossier[]; reasons: Map<string | null, number>; total: number }> {
  const { start, end } = periodInstants(from, to);
  const rows = await queryRows<{
    code: string;
    procedure: string;
    sector: string | null;
    due_at: string;
    resolved_at: string;
    reason: string | null;
  }>(
    tx,
    sql`select d.code, v.record->>'name' as procedure, d.report_sector as sector,
          d.due_at::text as due_at, d.resolved_at::text as resolved_at,
          (select nullif(btrim(e.data->>'reason'), '') from dossier_events e
            where e.dossier_id = d.id and e.command = 'apologise' order by e.seq desc limit 1) as reason
        from dossiers d join procedure_versions v on v.id = d.procedure_version_id
        where d.handling_unit_id = any(${`{${units.join(",")}}`}::uuid[]) and d.timeliness = 'late'
          and d.resolved_at >= ${start}::timestamptz and d.resolved_at < ${end}::timestamptz
        order by d.resolved_at desc`,
  );
  const reasons = new Map<string | null, number>();
  for (const r of rows) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  return {
    total: rows.length,
    reasons,
    dossiers: rows.slice(0, limit).map((r) => ({
      code: r.code,
      procedure: r.procedure,
      sector: r.sector ?? "—",
      dueAt: new Date(r.due_at).toISOString(),
      resolvedAt: new Date(r.resolved_at).toISOString(),
      reason: r.reason,
    })),
  };
}
