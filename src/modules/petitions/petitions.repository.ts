// Typed queries of petitions: the register number, petitions, the petitioner's identity (its own
// table, read only by the service after its check, never joined into lists), the insert-only
// events, handler candidates, and the figures' query. Every function takes the executor.
import { and, asc, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { petitionEvents, petitionParties, petitions } from "../../db/schema.voice.ts";
import { type Figures, nextRegisterNumber, type PetitionKind, registerCode } from "./petitions.logic.ts";

export type PetitionRow = typeof petitions.$inferSelect;
export type PartyRow = typeof petitionParties.$inferSelect;
export type EventRow = typeof petitionEvents.$inferSelect;

/**
 * The next register code of a unit for a year. A transaction-scoped advisory lock per unit and
 * year serialises concurrent registrations (the unique index on (unit, code) is the backstop).
 */
export async function nextCode(tx: Executor, unitId: string, year: number): Promise<string> {
  await queryRows(
    tx,
    sql`select pg_advisory_xact_lock(hashtext(${`petition:${unitId}:${year}`}))::text as locked`,
  );
  const rows = await queryRows<{ code: string }>(
    tx,
    sql`select code from petitions where unit_id = ${unitId} and code like ${`${year}/%`}
        order by length(code) desc, code desc limit 1`,
  );
  return registerCode(
    year,
    nextRegisterNumber(
      rows.map((r) => r.code),
      year,
    ),
  );
}

export async function insertPetition(
  tx: Executor,
  values: typeof petitions.$inferInsert,
): Promise<PetitionRow> {
  const [row] = await tx.insert(petitions).values(values).returning();
  return row!;
}

export async function insertParty(tx: Executor, values: PartyRow): Promise<void> {
  await tx.insert(petitionParties).values(values);
}

export async function findPetition(tx: Executor, id: string, lock = false): Promise<PetitionRow | undefined> {
  const q = tx.select().from(petitions).where(eq(petitions.id, id)).limit(1);
  const rows = lock ? await q.for("update") : await q;
  return rows[0];
}

export async function updatePetition(
  tx: Executor,
  id: string,
  values: Partial<Omit<PetitionRow, "id" | "unitId" | "code" | "createdAt">>,
): Promise<PetitionRow> {
  const [row] = await tx
    .update(petitions)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(petitions.id, id))
    .returning();
  return row!;
}

/** The identity: call only after deciding the caller may see it. */
export async function findParty(tx: Executor, petitionId: string): Promise<PartyRow | undefined> {
  const rows = await tx
    .select()
    .from(petitionParties)
    .where(eq(petitionParties.petitionId, petitionId))
    .limit(1);
  return rows[0];
}

/** Name and confidentiality of each petitioner, for lists: the name only where not confidential. */
export async function partyLabels(
  tx: Executor,
  ids: string[],
): Promise<Map<string, { name: string | null; confidential: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: petitionParties.petitionId,
      confidential: petitionParties.confidential,
      name: sql<
        string | null
      >`case when ${petitionParties.confidential} then null else ${petitionParties.fullName} end`,
    })
    .from(petitionParties)
    .where(inArray(petitionParties.petitionId, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, confidential: r.confidential }]));
}

export async function insertEvent(
  tx: Executor,
  values: {
    petitionId: string;
    kind: string;
    actorId: string | null;
    data: Record<string, unknown>;
    at: string;
  },
): Promise<void> {
  await tx.insert(petitionEvents).values(values);
}

export async function listEvents(tx: Executor, petitionId: string) {
  return tx
    .select({
      id: petitionEvents.id,
      kind: petitionEvents.kind,
      at: petitionEvents.at,
      data: petitionEvents.data,
      actor: users.fullName,
    })
    .from(petitionEvents)
    .leftJoin(users, eq(users.id, petitionEvents.actorId))
    .where(eq(petitionEvents.petitionId, petitionId))
    .orderBy(asc(petitionEvents.id));
}

export async function userNames(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Staff who may handle the unit's petitions: active specialists and leaders of the unit. */
export async function handlerCandidates(
  tx: Executor,
  unitId: string,
): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`select distinct u.id, u.full_name as name from users u
        join role_grants g on g.user_id = u.id
        where g.unit_id = ${unitId} and g.revoked_at is null and g.role in ('specialist', 'leader')
          and u.kind = 'staff' and u.disabled_at is null
        order by u.full_name`,
  );
}

export type ListFilter = {
  unitId: string;
  kind?: PetitionKind;
  status?: PetitionRow["status"];
  due?: "overdue" | "soon";
  handlerId?: string;
  q?: string;
  start?: string;
  end?: string;
  sort: string;
  limit: number;
  offset: number;
  now: Date;
  soonDays: number;
};

/** The deadline that runs: acceptance while received, then resolution. */
const currentDue = sql`case when ${petitions.status} = 'received' then ${petitions.acceptDueAt} else ${petitions.resolveDueAt} end`;
const isOpen = inArray(petitions.status, ["received", "accepted", "in_progress"]);

export async function listPetitions(
  tx: Executor,
  f: ListFilter,
): Promise<{ rows: PetitionRow[]; total: number }> {
  const now = f.now.toISOString();
  const soon = new Date(f.now.getTime() + (f.soonDays + 1) * 86_400_000).toISOString();
  const words = f.q ? `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  const where: (SQL | undefined)[] = [
    eq(petitions.unitId, f.unitId),
    f.kind ? eq(petitions.kind, f.kind) : undefined,
    f.status ? eq(petitions.status, f.status) : undefined,
    f.handlerId ? eq(petitions.handlerId, f.handlerId) : undefined,
    f.start ? gte(petitions.receivedAt, f.start) : undefined,
    f.end ? lt(petitions.receivedAt, f.end) : undefined,
    f.due === "overdue" ? and(isOpen, sql`${currentDue} < ${now}`) : undefined,
    f.due === "soon" ? and(isOpen, sql`${currentDue} >= ${now} and ${currentDue} < ${soon}`) : undefined,
    words
      ? or(ilike(petitions.code, words), ilike(petitions.subject, words), ilike(petitions.concerns, words))
      : undefined,
  ];
  const cond = and(...where);
  const order = {
    receivedAt: [asc(petitions.receivedAt)],
    "-receivedAt": [desc(petitions.receivedAt)],
    due: [sql`${currentDue} asc nulls last`],
    "-due": [sql`${currentDue} desc nulls last`],
    code: [asc(petitions.code)],
    "-code": [desc(petitions.code)],
  }[f.sort] ?? [desc(petitions.receivedAt)];
  const rows = await tx
    .select()
    .from(petitions)
    .where(cond)
    .orderBy(...order, asc(petitions.id))
    .limit(f.limit)
    .offset(f.offset);
  const [n] = await tx.select({ n: sql<number>`count(*)::int` }).from(petitions).where(cond);
  return { rows, total: Number(n?.n ?? 0) };
}

/**
 * The figures of a unit for [start, end) by kind, from the events before the end, pending ones
 * judged at `asOf` (the same definitions as the recount `petitionFigures` in petitions.logic.ts).
 * One statement: each petition's first ending event and its last deadline, then the counts.
 */
export async function figuresByKind(
  tx: Executor,
  /** The units counted: the unit asked for with its subtree and merged units (reportUnits). */
  units: readonly string[],
  start: string,
  end: string,
  asOf: string,
): Promise<Map<PetitionKind, Figures>> {
  const rows = await queryRows<Record<string, string | number> & { kind: PetitionKind }>(
    tx,
    sql`
    with s as (
      select p.id, p.kind, p.received_at, p.accept_due_at,
        min(e.at) filter (where e.kind = 'accepted') as accepted_at,
        min(e.at) filter (where e.kind in ('decided', 'not_accepted', 'forwarded', 'withdrawn')) as ended_at,
        (array_agg(e.kind order by e.at, e.id)
          filter (where e.kind in ('decided', 'not_accepted', 'forwarded', 'withdrawn')))[1] as ended_by,
        (array_agg((e.data->>'resolveDueAt')::timestamptz order by e.at desc, e.id desc)
          filter (where e.kind in ('accepted', 'extended')))[1] as resolve_due
      from petitions p
      left join petition_events e on e.petition_id = p.id and e.at < ${end}::timestamptz
      where p.unit_id = any(${`{${units.join(",")}}`}::uuid[]) and p.received_at < ${end}::timestamptz
      group by p.id
    )
    select kind,
      count(*) filter (where received_at >= ${start}::timestamptz)::int as received,
      count(*) filter (where accepted_at >= ${start}::timestamptz)::int as accepted,
      count(*) filter (where ended_at >= ${start}::timestamptz and ended_by = 'not_accepted')::int as not_accepted,
      count(*) filter (where ended_at >= ${start}::timestamptz and ended_by = 'forwarded')::int as forwarded,
      count(*) filter (where ended_at >= ${start}::timestamptz and ended_by = 'withdrawn')::int as withdrawn,
      count(*) filter (where ended_at >= ${start}::timestamptz and ended_by = 'decided')::int as resolved,
      count(*) filter (where ended_at >= ${start}::timestamptz and ended_by = 'decided'
                         and ended_at <= resolve_due)::int as resolved_on_time,
      count(*) filter (where ended_at is null)::int as pending,
      count(*) filter (where ended_at is null and
        (case when accepted_at is null then accept_due_at else resolve_due end) < ${asOf}::timestamptz)::int as pending_overdue
    from s group by kind`,
  );
  return new Map(
    rows.map((r) => {
      const n = (k: string) => Number(r[k] ?? 0);
      const resolved = n("resolved");
      const pending = n("pending");
      return [
        r.kind,
        {
          received: n("received"),
          accepted: n("accepted"),
          notAccepted: n("not_accepted"),
          forwarded: n("forwarded"),
          withdrawn: n("withdrawn"),
          resolved,
          resolvedOnTime: n("resolved_on_time"),
          resolvedLate: resolved - n("resolved_on_time"),
          pending,
          pendingWithinDeadline: pending - n("pending_overdue"),
          pendingOverdue: n("pending_overdue"),
        },
      ];
    }),
  );
}

/** Every petition of some units with its events: the input of the brute-force recount in tests. */
export async function factsOfUnits(tx: Executor, unitIds: readonly string[]) {
  const ps = unitIds.length
    ? await tx
        .select()
        .from(petitions)
        .where(inArray(petitions.unitId, [...unitIds]))
        .orderBy(asc(petitions.id))
    : [];
  const evs = ps.length
    ? await tx
        .select()
        .from(petitionEvents)
        .where(
          inArray(
            petitionEvents.petitionId,
            ps.map((p) => p.id),
          ),
        )
        .orderBy(asc(petitionEvents.at), asc(petitionEvents.id))
    : [];
  return ps.map((p) => ({
    kind: p.kind,
    receivedAt: new Date(p.receivedAt).toISOString(),
    acceptDueAt: new Date(p.acceptDueAt).toISOString(),
    events: evs
      .filter((e) => e.petitionId === p.id)
      .map((e) => ({
        kind: e.kind,
        at: new Date(e.at).toISOString(),
        resolveDueAt: ((e.data as Record<string, unknown>).resolveDueAt as string | undefined) ?? null,
      })),
  }));
}

export const factsOfUnit = (tx: Executor, unitId: string) => factsOfUnits(tx, [unitId]);
