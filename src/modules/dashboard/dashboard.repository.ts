// Typed queries of the dashboard and the workload report: each fetches only the rows of the
// units in scope and the period (plus what is open now), for the pure aggregation in dashboard.logic.ts.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import type { DossierFact, EventFact, RatingLevel, Timeliness } from "./dashboard.logic.ts";

/** A uuid[] literal: drizzle would expand a JS array into a list of parameters. */
const uuids = (xs: readonly string[]) => `{${xs.join(",")}}`;
const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
const isoOrNull = (s: string | Date | null) => (s ? new Date(s).toISOString() : null);

export type Period = { fromTs: string; toTs: string };

const inScope = (units: readonly string[]) =>
  sql`(d.unit_id = any(${uuids(units)}::uuid[]) or d.handling_unit_id = any(${uuids(units)}::uuid[]))`;
const OPEN = sql`d.received_at is not null and d.resolved_at is null
  and d.state not in ('returned','refused','withdrawn','stopped','result_ready')`;
/** The last official (staff) who acted on the dossier. */
const LAST_ACTOR = sql`(select e.actor_user_id from dossier_events e join users u on u.id = e.actor_user_id and u.kind = 'staff'
  where e.dossier_id = d.id order by e.seq desc limit 1)`;

type FactRow = {
  id: string;
  code: string | null;
  state: string;
  procedure_name: string;
  sector: string;
  received_at: string | null;
  resolved_at: string | null;
  timeliness: Timeliness | null;
  due_at: string | null;
  assignee_id: string | null;
  last_actor_id: string | null;
  participants: string[] | string;
  applicant_name: string;
  applicant_kind: string;
};

/** Dossiers received or resolved in the period, and those open now. */
export async function dossierFacts(
  tx: Executor,
  units: readonly string[],
  p: Period,
): Promise<(DossierFact & { organisation: boolean })[]> {
  const resolvedIn = sql`(d.resolved_at >= ${p.fromTs}::timestamptz and d.resolved_at < ${p.toTs}::timestamptz)`;
  const rows = await queryRows<FactRow>(
    tx,
    sql`select d.id, d.code, d.state, v.name as procedure_name,
          coalesce(nullif(btrim(v.record->>'sector'), ''), '—') as sector,
          d.received_at, d.resolved_at, d.timeliness, coalesce(d.promised_at, d.due_at) as due_at,
          d.assignee_id, ${LAST_ACTOR} as last_actor_id,
          case when ${resolvedIn} then
            (select coalesce(json_agg(distinct e.actor_user_id), '[]') from dossier_events e
               join users u on u.id = e.actor_user_id and u.kind = 'staff' where e.dossier_id = d.id)
          else '[]' end as participants,
          d.applicant_name, d.applicant->>'kind' as applicant_kind
        from dossiers d join procedure_versions v on v.id = d.procedure_version_id
        where ${inScope(units)} and d.received_at is not null
          and ((d.received_at >= ${p.fromTs}::timestamptz and d.received_at < ${p.toTs}::timestamptz)
               or ${resolvedIn} or (${OPEN}))`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    state: r.state,
    procedureName: r.procedure_name,
    sector: r.sector,
    receivedAt: isoOrNull(r.received_at),
    resolvedAt: isoOrNull(r.resolved_at),
    timeliness: r.timeliness,
    dueAt: isoOrNull(r.due_at),
    assigneeId: r.assignee_id,
    lastActorId: r.last_actor_id,
    participants: json<string[]>(r.participants),
    applicantName: r.applicant_name,
    organisation: r.applicant_kind === "organisation",
  }));
}

/** Ratings given in the period to the units' dossiers, counted by level. */
export async function ratingCounts(tx: Executor, units: readonly string[], p: Period) {
  const rows = await queryRows<{ level: RatingLevel; count: string | number }>(
    tx,
    sql`select r.level, count(*) as count from dossier_ratings r
        where r.unit_id = any(${uuids(units)}::uuid[])
          and r.created_at >= ${p.fromTs}::timestamptz and r.created_at < ${p.toTs}::timestamptz
        group by r.level`,
  );
  return rows.map((r) => ({ level: r.level, count: Number(r.count) }));
}

/** Open dossiers of the units with who answers for them. */
export async function openDossiers(tx: Executor, units: readonly string[]) {
  const rows = await queryRows<Omit<FactRow, "participants">>(
    tx,
    sql`select d.state, coalesce(d.promised_at, d.due_at) as due_at, d.assignee_id, ${LAST_ACTOR} as last_actor_id,
          d.received_at, d.resolved_at
        from dossiers d where ${inScope(units)} and ${OPEN}`,
  );
  return rows.map((r) => ({
    state: r.state,
    dueAt: isoOrNull(r.due_at),
    assigneeId: r.assignee_id,
    lastActorId: r.last_actor_id,
    receivedAt: isoOrNull(r.received_at),
    resolvedAt: isoOrNull(r.resolved_at),
  }));
}

/** Every event of the units' dossiers that had a step handed over in the period. */
export async function handoverEvents(
  tx: Executor,
  units: readonly string[],
  p: Period,
): Promise<EventFact[]> {
  const rows = await queryRows<{
    dossier_id: string;
    seq: number;
    at: string;
    actor_user_id: string | null;
    command: string;
    step_index: number | null;
    step_result: Timeliness | null;
  }>(
    tx,
    sql`select e.dossier_id, e.seq, e.at, e.actor_user_id, e.command, e.step_index, e.step_result
        from dossier_events e
        where e.dossier_id in (
          select h.dossier_id from dossier_events h join dossiers d on d.id = h.dossier_id
          where ${inScope(units)} and h.step_result is not null
            and h.at >= ${p.fromTs}::timestamptz and h.at < ${p.toTs}::timestamptz)
        order by e.dossier_id, e.seq`,
  );
  return rows.map((r) => ({
    dossierId: r.dossier_id,
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_user_id,
    command: r.command,
    stepIndex: r.step_index === null ? null : Number(r.step_index),
    stepResult: r.step_result,
  }));
}

/** The officials who handle dossiers in the units (desk, processing, decision, issue roles). */
export async function unitOfficials(tx: Executor, units: readonly string[]) {
  return queryRows<{ id: string; full_name: string }>(
    tx,
    sql`select distinct u.id, u.full_name from role_grants g join users u on u.id = g.user_id
        where g.unit_id = any(${uuids(units)}::uuid[]) and g.revoked_at is null and u.disabled_at is null
          and g.role in ('receptionist','specialist','leader','clerk')`,
  );
}

export async function userNames(tx: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: string; full_name: string }>(
    tx,
    sql`select id, full_name from users where id = any(${uuids(ids)}::uuid[])`,
  );
}
