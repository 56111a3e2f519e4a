// Every count the service index's formulas need, for several units at once: each unit stands for
// its report scope (itself, its subtree and the units merged into them, as reportUnits), and each
// source is read in one statement for all of them:
//   - the report counters (resolution report): resolved early / on time / late in the period,
//     pending and overdue at its end;
//   - the dossier rows, live and imported history: online filing, satisfaction (ratings), and,
//     for live dossiers, their documents (digitization) and public lookup;
//   - the catalog: procedures the units serve, in force on the period's last day.
// The drill-down lists the dossiers (or procedures) behind a count with the same predicates.

import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { periodInstants } from "../calendar/dates.ts";
import { inForceOn } from "../catalog/catalog.search.ts";
import { rangeParts } from "../reports/resolution.repository.ts";
import type { CountName } from "./index.definitions.ts";
import type { Counts } from "./index.logic.ts";

/** A Vietnam-day period and its instants (start inclusive, end exclusive). */
export interface Period {
  from: string;
  to: string;
  start: string;
  end: string;
}

export function periodOf(from: string, to: string): Period {
  return { from, to, ...periodInstants(from, to) };
}

const uuidList = (ids: readonly string[]) => `{${ids.join(",")}}`;

/** CTE `scope(root, id)`: every unit each root's figures cover. */
const scopeCte = (roots: readonly string[]) =>
  sql`scope(root, id) as (
    select r, r from unnest(${uuidList(roots)}::uuid[]) as r
    union
    select s.root, u.id from org_units u join scope s on u.parent_id = s.id or u.successor_id = s.id
  )`;

// ---------------------------------------------------------------------------------------------
// Report counters.

const COUNTER_COLUMNS = sql.raw("res_early, res_on_time, res_late, pending, overdue");

/** Resolved in the period and the stocks at its end, per root, from the report counters. */
async function counterCounts(tx: Executor, roots: readonly string[], p: Period) {
  const ranges = { flows: { from: p.from, to: p.to }, stocks: { from: null, to: p.to } } as const;
  const parts: SQL[] = [];
  for (const [name, range] of Object.entries(ranges)) {
    const { months, days } = rangeParts(range);
    // The roots' rolled-up facts (each root's own rows), and the deltas not yet folded of every
    // unit each root's scope covers.
    if (months)
      parts.push(sql`select ${name} as part, scope_id as root, ${COUNTER_COLUMNS} from report_scope_month_facts
        where scope_id = any(${uuidList(roots)}::uuid[]) and month between ${months[0]}::date and ${months[1]}::date`);
    for (const [from, to] of days)
      parts.push(sql`select ${name} as part, scope_id as root, ${COUNTER_COLUMNS} from report_scope_day_facts
        where scope_id = any(${uuidList(roots)}::uuid[]) and day between ${from ?? "0001-01-01"}::date and ${to}::date`);
    parts.push(sql`select ${name} as part, s.root, ${COUNTER_COLUMNS} from report_deltas d join scope s on s.id = d.unit_id
      where day between ${range.from ?? "0001-01-01"}::date and ${range.to}::date`);
  }
  const rows = await queryRows<{
    root: string;
    part: string;
    res_early: number;
    res_on_time: number;
    res_late: number;
    pending: number;
    overdue: number;
  }>(
    tx,
    sql`with recursive ${scopeCte(roots)}
        select c.root, c.part, sum(c.res_early)::int as res_early, sum(c.res_on_time)::int as res_on_time,
          sum(c.res_late)::int as res_late, sum(c.pending)::int as pending, sum(c.overdue)::int as overdue
        from (${sql.join(parts, sql` union all `)}) c
        group by c.root, c.part`,
  );
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const counts = out.get(r.root) ?? {};
    if (r.part === "flows") {
      counts["resolved.early"] = Number(r.res_early);
      counts["resolved.on_time"] = Number(r.res_on_time);
      counts["resolved.late"] = Number(r.res_late);
    } else {
      counts["pending.overdue"] = Number(r.overdue);
      counts["pending.within_deadline"] = Number(r.pending) - Number(r.overdue);
    }
    out.set(r.root, counts);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dossier rows: live dossiers and imported history in one shape.

/**
 * CTE `rows`: the dossiers of the scope received before the period's end and either received or
 * closed in it (or, with `pending`, still open at its start). `kind` is how the report closed the
 * dossier (early, on_time, late, withdrawn, stopped, refused; null while open), as
 * reports/dossier.facts.ts and reports/historical.ts read them.
 */
const rowsCte = (p: Period, pending: boolean) => {
  const live = pending
    ? sql`(d.received_at >= ${p.start}::timestamptz or d.resolved_at is null or d.resolved_at >= ${p.start}::timestamptz)`
    : sql`(d.received_at >= ${p.start}::timestamptz or d.resolved_at >= ${p.start}::timestamptz)`;
  const history = pending
    ? sql`(h.received_at >= ${p.start}::timestamptz or h.resolved_at is null or h.resolved_at >= ${p.start}::timestamptz)`
    : sql`(h.received_at >= ${p.start}::timestamptz or h.resolved_at >= ${p.start}::timestamptz)`;
  const doc = (cond: SQL) => sql`exists (select 1 from documents x where x.dossier_id = d.id and ${cond})`;
  return sql`rows as (
    select s.root, 'live'::text as source, d.code, d.procedure_id, d.procedure_version_id, d.channel::text as channel,
      d.received_at, d.due_at, d.report_overdue_on,
      case when d.resolved_at is null then null
           when d.state in ('withdrawn', 'stopped', 'refused') then d.state::text
           else d.timeliness::text end as kind,
      case when d.resolved_at is not null and (d.state in ('withdrawn', 'stopped', 'refused') or d.timeliness is not null)
           then d.resolved_at end as closed_at,
      d.state::text as state, r.level::text as rating,
      ${doc(sql`x.kind in ('submitted', 'digitized')`)} as has_component,
      ${doc(sql`x.reused_from is not null`)} as has_reused,
      ${doc(sql`x.kind = 'result'`)} as has_result,
      ${doc(sql`x.kind = 'result' and x.owner_user_id is not null`)} as result_in_store
    from dossiers d join scope s on s.id = d.handling_unit_id
      left join dossier_ratings r on r.dossier_id = d.id
    where d.received_at is not null and d.received_at < ${p.end}::timestamptz and ${live}
    union all
    select s.root, 'historical', h.code, h.procedure_id, h.procedure_version_id, h.channel::text,
      h.received_at, h.due_at, null::date,
      case h.outcome when 'pending' then null when 'returned' then h.timeliness::text else h.outcome::text end,
      case when h.outcome <> 'pending' then h.resolved_at end,
      h.outcome::text, h.rating::text, false, false, false, false
    from historical_dossiers h join scope s on s.id = h.unit_id
    where h.received_at < ${p.end}::timestamptz and ${history}
  )`;
};

/** The predicate of each dossier count over `rows` joined to its procedure version `v`. */
function dossierPredicates(p: Period): Record<Exclude<CountName, `procedures.${string}`>, SQL> {
  const rcv = sql`rows.received_at >= ${p.start}::timestamptz`;
  const res = sql`(rows.kind in ('early', 'on_time', 'late') and rows.closed_at >= ${p.start}::timestamptz and rows.closed_at < ${p.end}::timestamptz)`;
  const pend = sql`(rows.closed_at is null or rows.closed_at >= ${p.end}::timestamptz)`;
  // Overdue at the end: an open live dossier by the overdue day the report keeps with it; others by
  // their due date (the stock itself comes from the counters, exact also across pauses).
  const overdue = sql`(case when rows.source = 'live' and rows.closed_at is null
      then rows.report_overdue_on is not null and rows.report_overdue_on <= ${p.to}::date
      else rows.due_at is not null and rows.due_at < ${p.end}::timestamptz end)`;
  const live = sql`rows.source = 'live'`;
  const onlineProcedure = sql`v.online in ('fully', 'partly')`;
  return {
    "resolved.early": sql`${res} and rows.kind = 'early'`,
    "resolved.on_time": sql`${res} and rows.kind = 'on_time'`,
    "resolved.late": sql`${res} and rows.kind = 'late'`,
    "pending.within_deadline": sql`${pend} and not ${overdue}`,
    "pending.overdue": sql`${pend} and ${overdue}`,
    "received.online_procedures": sql`${rcv} and ${onlineProcedure}`,
    "received.online_of_online_procedures": sql`${rcv} and ${onlineProcedure} and rows.channel in ('online_full', 'online_partial')`,
    "satisfaction.resolved": res,
    "satisfaction.not_late_nor_dissatisfied": sql`${res} and rows.kind <> 'late' and rows.rating is distinct from 'dissatisfied'`,
    "live.received": sql`${rcv} and ${live}`,
    "live.received_public": sql`${rcv} and ${live} and rows.code is not null`,
    "live.received_electronic": sql`${rcv} and ${live} and rows.has_component`,
    "live.received_reused": sql`${rcv} and ${live} and rows.has_reused`,
    "live.resolved": sql`${res} and ${live}`,
    "live.resolved_electronic_result": sql`${res} and ${live} and rows.has_result`,
    "live.resolved_result_in_store": sql`${res} and ${live} and rows.result_in_store`,
  };
}

/** Counts backed by the report counters (the rows give the same figures, less exactly for stocks). */
const FROM_COUNTERS: ReadonlySet<CountName> = new Set([
  "resolved.early",
  "resolved.on_time",
  "resolved.late",
  "pending.within_deadline",
  "pending.overdue",
]);

/** The dossier counts per root, from the rows (received or closed in the period). */
export async function rowCounts(tx: Executor, roots: readonly string[], p: Period) {
  const predicates = dossierPredicates(p);
  const names = Object.keys(predicates) as (keyof typeof predicates)[];
  const columns = names.map(
    (name, i) => sql`count(*) filter (where ${predicates[name]})::int as ${sql.identifier(`c${i}`)}`,
  );
  const rows = await queryRows<Record<string, number | string>>(
    tx,
    sql`with recursive ${scopeCte(roots)}, ${rowsCte(p, false)}
        select rows.root, ${sql.join(columns, sql`, `)}
        from rows join procedure_versions v on v.id = rows.procedure_version_id
        group by rows.root`,
  );
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const counts: Counts = {};
    names.forEach((name, i) => {
      counts[name] = Number(r[`c${i}`] ?? 0);
    });
    out.set(String(r.root), counts);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Catalog: procedures served.

/** CTE `served`: one row per root and procedure served in its scope, in force on `to`. */
const servedCte = (to: string) => sql`served as (
    select distinct on (s.root, c.procedure_id) s.root, c.procedure_id, c.code, c.name, c.sector, c.online::text as online,
      v.record
    from scope s join org_units u on u.id = s.id
      and u.valid_from <= ${to}::date and (u.valid_to is null or u.valid_to >= ${to}::date)
      join unit_procedures up on up.unit_id = s.id
      join catalog_search c on c.procedure_id = up.procedure_id and ${inForceOn(to)}
      join procedure_versions v on v.id = c.version_id
    order by s.root, c.procedure_id
  )`;

const arrayLength = (path: string) =>
  sql`(case jsonb_typeof(served.record->${path}) when 'array' then jsonb_array_length(served.record->${path}) else 0 end)`;
const filled = (path: string) => sql`coalesce(btrim(served.record->>${path}), '') <> ''`;

const PROCEDURE_PREDICATES: Record<Extract<CountName, `procedures.${string}`>, SQL> = {
  "procedures.served": sql`true`,
  "procedures.complete": sql`${filled("executingAgency")} and ${filled("resultType")}
    and ${arrayLength("documents")} > 0 and ${arrayLength("legalBasis")} > 0`,
  "procedures.online": sql`served.online in ('fully', 'partly')`,
  "procedures.population_data": sql`exists (select 1 from jsonb_array_elements(
      case jsonb_typeof(served.record->'documents') when 'array' then served.record->'documents' else '[]'::jsonb end) e
    where coalesce(btrim(e->>'obtainableFrom'), '') <> '')`,
};

export async function procedureCounts(tx: Executor, roots: readonly string[], to: string) {
  const names = Object.keys(PROCEDURE_PREDICATES) as (keyof typeof PROCEDURE_PREDICATES)[];
  const columns = names.map(
    (name, i) =>
      sql`count(*) filter (where ${PROCEDURE_PREDICATES[name]})::int as ${sql.identifier(`c${i}`)}`,
  );
  const rows = await queryRows<Record<string, number | string>>(
    tx,
    sql`with recursive ${scopeCte(roots)}, ${servedCte(to)}
        select served.root, ${sql.join(columns, sql`, `)} from served group by served.root`,
  );
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const counts: Counts = {};
    names.forEach((name, i) => {
      counts[name] = Number(r[`c${i}`] ?? 0);
    });
    out.set(String(r.root), counts);
  }
  return out;
}

/** Every count of every root (missing counts are 0). */
export async function indexCounts(
  tx: Executor,
  roots: readonly string[],
  p: Period,
): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(roots.map((r) => [r, {}]));
  if (roots.length === 0) return out;
  // Sequential on purpose: inside a transaction all queries share one connection.
  const counters = await counterCounts(tx, roots, p);
  const dossiers = await rowCounts(tx, roots, p);
  const procedures = await procedureCounts(tx, roots, p.to);
  for (const root of roots) {
    const fromRows = Object.fromEntries(
      Object.entries(dossiers.get(root) ?? {}).filter(([name]) => !FROM_COUNTERS.has(name as CountName)),
    );
    out.set(root, { ...fromRows, ...counters.get(root), ...procedures.get(root) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Drill-down.

export type DrillDossier = {
  code: string | null;
  source: "live" | "historical";
  procedureCode: string;
  procedureName: string;
  receivedAt: string;
  dueAt: string | null;
  closedAt: string | null;
  state: string;
  kind: string | null;
};

const iso = (v: string | Date | null) => (v ? new Date(v).toISOString() : null);

/** The dossiers counted by any of `names` (disjoint counts: their sum), newest reception first. */
export async function drillDossiers(
  tx: Executor,
  root: string,
  p: Period,
  names: readonly CountName[],
  page: { limit: number; offset: number },
): Promise<{ total: number; items: DrillDossier[] }> {
  const predicates = dossierPredicates(p) as Record<CountName, SQL>;
  const where = sql.join(
    names.map((n) => sql`(${predicates[n]})`),
    sql` or `,
  );
  const rows = await queryRows<{
    total: number | string;
    code: string | null;
    source: "live" | "historical";
    procedure_code: string;
    procedure_name: string;
    received_at: string;
    due_at: string | null;
    closed_at: string | null;
    state: string;
    kind: string | null;
  }>(
    tx,
    sql`with recursive ${scopeCte([root])}, ${rowsCte(p, true)}
        select count(*) over () as total, rows.code, rows.source, pr.code as procedure_code, v.name as procedure_name,
          rows.received_at, rows.due_at, rows.closed_at, rows.state, rows.kind
        from rows join procedure_versions v on v.id = rows.procedure_version_id
          join procedures pr on pr.id = rows.procedure_id
        where ${where}
        order by rows.received_at desc, rows.code desc
        limit ${page.limit} offset ${page.offset}`,
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && page.offset > 0) {
    // Past the last page: the count still answers.
    const [c] = await queryRows<{ n: number }>(
      tx,
      sql`with recursive ${scopeCte([root])}, ${rowsCte(p, true)}
          select count(*)::int as n from rows join procedure_versions v on v.id = rows.procedure_version_id
          where ${where}`,
    );
    total = Number(c?.n ?? 0);
  }
  return {
    total,
    items: rows.map((r) => ({
      code: r.code,
      source: r.source,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      receivedAt: iso(r.received_at)!,
      dueAt: iso(r.due_at),
      closedAt: iso(r.closed_at),
      state: r.state,
      kind: r.kind,
    })),
  };
}

/** The procedures counted by any of `names`, by code. */
export async function drillProcedures(
  tx: Executor,
  root: string,
  to: string,
  names: readonly CountName[],
  page: { limit: number; offset: number },
) {
  const predicates = PROCEDURE_PREDICATES as Record<CountName, SQL>;
  const where = sql.join(
    names.map((n) => sql`(${predicates[n]})`),
    sql` or `,
  );
  const rows = await queryRows<{
    total: number | string;
    code: string;
    name: string;
    sector: string;
    online: string;
  }>(
    tx,
    sql`with recursive ${scopeCte([root])}, ${servedCte(to)}
        select count(*) over () as total, served.code, served.name, served.sector, served.online
        from served where ${where}
        order by served.code limit ${page.limit} offset ${page.offset}`,
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && page.offset > 0) {
    const [c] = await queryRows<{ n: number }>(
      tx,
      sql`with recursive ${scopeCte([root])}, ${servedCte(to)}
          select count(*)::int as n from served where ${where}`,
    );
    total = Number(c?.n ?? 0);
  }
  return {
    total,
    items: rows.map((r) => ({ code: r.code, name: r.name, sector: r.sector, online: r.online })),
  };
}

/** Units ranked with `unit`: its peers (same parent and level), or its descendants of `level`. */
export async function peerUnits(
  tx: Executor,
  unit: { id: string; parentId: string | null; level: string },
  p: Period,
  level?: string,
) {
  const valid = sql`u.valid_from <= ${p.to}::date and (u.valid_to is null or u.valid_to >= ${p.from}::date)`;
  const descendants = level !== undefined && level !== unit.level;
  return queryRows<{ id: string; code: string; name: string; level: string }>(
    tx,
    descendants
      ? sql`with recursive down(id) as (
              select id from org_units where parent_id = ${unit.id}::uuid
              union all select u.id from org_units u join down on u.parent_id = down.id
            )
            select u.id, u.code, unit_name_at(u.id, least(${p.to}::date, (now() at time zone 'Asia/Ho_Chi_Minh')::date)) as name,
              u.level::text as level
            from org_units u where u.id in (select id from down) and u.level = ${level} and ${valid}
            order by u.code`
      : sql`select u.id, u.code, unit_name_at(u.id, least(${p.to}::date, (now() at time zone 'Asia/Ho_Chi_Minh')::date)) as name,
              u.level::text as level
            from org_units u
            where u.id = ${unit.id}::uuid
               or (u.parent_id is not distinct from ${unit.parentId}::uuid and u.level = ${unit.level} and ${valid})
            order by u.code`,
  );
}
