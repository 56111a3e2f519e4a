// Typed queries of the queue: desks, the daily ticket counter, tickets and their insert-only
// events, the booking a check-in consumes, and the live feed's notification. Every function
// takes the executor: the caller (a route's transaction) owns the transaction.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import {
  appointmentEvents,
  appointmentSlots,
  appointments,
  queueEvents,
  queueTickets,
  serviceDesks,
} from "../../db/schema.frontdesk.ts";
import { users } from "../../db/schema.ts";
import type { DisplayEvent } from "./queue.schemas.ts";

export type DeskRow = typeof serviceDesks.$inferSelect;
export type TicketRow = typeof queueTickets.$inferSelect;
export type NewTicket = typeof queueTickets.$inferInsert;

/** The channel of the display's live feed: pg_notify in the command's transaction, sent at commit. */
export const QUEUE_CHANNEL = "motcua_queue";

// ---- Desks ----

export async function listDesks(tx: Executor, unitId: string, activeOnly = false): Promise<DeskRow[]> {
  return tx
    .select()
    .from(serviceDesks)
    .where(and(eq(serviceDesks.unitId, unitId), activeOnly ? eq(serviceDesks.active, true) : undefined))
    .orderBy(asc(serviceDesks.number));
}

export async function findDesk(tx: Executor, id: string): Promise<DeskRow | undefined> {
  const rows = await tx.select().from(serviceDesks).where(eq(serviceDesks.id, id)).limit(1);
  return rows[0];
}

/** The desk, locked: one call at a time per desk (two desks never wait on each other). */
export async function lockDesk(tx: Executor, id: string): Promise<void> {
  await tx.execute(sql`select id from service_desks where id = ${id} for update`);
}

export async function findDeskByNumber(tx: Executor, unitId: string, number: number) {
  const rows = await tx
    .select()
    .from(serviceDesks)
    .where(and(eq(serviceDesks.unitId, unitId), eq(serviceDesks.number, number)))
    .limit(1);
  return rows[0];
}

export async function insertDesk(tx: Executor, values: typeof serviceDesks.$inferInsert): Promise<DeskRow> {
  const [row] = await tx.insert(serviceDesks).values(values).returning();
  return row!;
}

export async function updateDesk(
  tx: Executor,
  id: string,
  values: Pick<DeskRow, "number" | "name" | "sectors" | "active">,
): Promise<DeskRow> {
  const [row] = await tx.update(serviceDesks).set(values).where(eq(serviceDesks.id, id)).returning();
  return row!;
}

/** Has the desk been used (tickets, events, slots)? Such a desk is deactivated, never deleted. */
export async function deskInUse(tx: Executor, id: string): Promise<boolean> {
  const rows = await queryRows<{ used: boolean }>(
    tx,
    sql`select exists (select 1 from queue_tickets where desk_id = ${id})
           or exists (select 1 from queue_events where desk_id = ${id})
           or exists (select 1 from appointment_slots where desk_id = ${id}) as used`,
  );
  return rows[0]?.used === true;
}

export async function deleteDesk(tx: Executor, id: string): Promise<void> {
  await tx.delete(serviceDesks).where(eq(serviceDesks.id, id));
}

// ---- Tickets ----

/** The unit's next ticket number for the day (the row lock serialises concurrent issues). */
export async function nextNumber(tx: Executor, unitId: string, day: string): Promise<number> {
  const rows = await queryRows<{ last: number }>(
    tx,
    sql`insert into queue_counters (unit_id, day, last) values (${unitId}, ${day}, 1)
        on conflict (unit_id, day) do update set last = queue_counters.last + 1
        returning last`,
  );
  return Number(rows[0]!.last);
}

export async function insertTicket(tx: Executor, values: NewTicket): Promise<TicketRow> {
  const [row] = await tx.insert(queueTickets).values(values).returning();
  return row!;
}

export async function findTicket(tx: Executor, id: string, lock = false): Promise<TicketRow | undefined> {
  const q = tx.select().from(queueTickets).where(eq(queueTickets.id, id)).limit(1);
  const rows = lock ? await q.for("update") : await q;
  return rows[0];
}

export async function updateTicket(
  tx: Executor,
  id: string,
  values: Partial<Omit<TicketRow, "id" | "unitId" | "day" | "number">>,
): Promise<TicketRow> {
  const [row] = await tx.update(queueTickets).set(values).where(eq(queueTickets.id, id)).returning();
  return row!;
}

/** Call (or call again) a ticket to a desk: status called, one more call. */
export async function markCalled(
  tx: Executor,
  id: string,
  values: { deskId: string | null; officialId: string; at: string },
): Promise<TicketRow> {
  const [row] = await tx
    .update(queueTickets)
    .set({
      status: "called",
      deskId: values.deskId,
      officialId: values.officialId,
      calledAt: values.at,
      closedAt: null,
      calls: sql`${queueTickets.calls} + 1`,
    })
    .where(eq(queueTickets.id, id))
    .returning();
  return row!;
}

/** The number each desk of a unit has called or is serving today. */
export async function currentByDesk(tx: Executor, unitId: string, day: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ deskId: queueTickets.deskId, number: queueTickets.number })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.unitId, unitId),
        eq(queueTickets.day, day),
        inArray(queueTickets.status, ["called", "serving"]),
      ),
    )
    .orderBy(asc(queueTickets.calledAt));
  return new Map(rows.flatMap((r) => (r.deskId ? [[r.deskId, r.number] as const] : [])));
}

/**
 * Claim the ticket a desk calls next and lock it, skipping tickets another desk's transaction
 * holds (so two desks never call the same one). The order is queue.logic.ts `compareForCall`:
 * a checked-in booking whose slot has started, then tickets transferred to this desk, then
 * waiting tickets of the desk's sectors (a desk without sectors serves all) by number.
 */
export async function claimNext(
  tx: Executor,
  deskId: string,
  day: string,
  now: Date,
): Promise<string | undefined> {
  const at = now.toISOString();
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select t.id from queue_tickets t join service_desks d on d.id = ${deskId} and t.unit_id = d.unit_id
        where t.day = ${day} and t.status = 'waiting'
          and (t.desk_id = d.id
               or (t.desk_id is null
                   and (t.sector is null or cardinality(d.sectors) = 0 or t.sector = any(d.sectors))))
        order by case when t.priority_from <= ${at}::timestamptz then 0 when t.desk_id = d.id then 1 else 2 end,
                 case when t.priority_from <= ${at}::timestamptz then t.priority_from end,
                 t.number
        limit 1
        for update of t skip locked`,
  );
  return rows[0]?.id;
}

/** Waiting tickets a desk could call (for its screen; ordered by the service with the pure rules). */
export async function waitingForDesk(tx: Executor, desk: DeskRow, day: string): Promise<TicketRow[]> {
  return tx
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.unitId, desk.unitId),
        eq(queueTickets.day, day),
        eq(queueTickets.status, "waiting"),
        sql`(${queueTickets.deskId} = ${desk.id} or (${queueTickets.deskId} is null and (${queueTickets.sector} is null
             or cardinality(${serviceDesks.sectors}) = 0 or ${queueTickets.sector} = any(${serviceDesks.sectors}))))`,
      ),
    )
    .innerJoin(serviceDesks, eq(serviceDesks.id, desk.id))
    .orderBy(asc(queueTickets.number))
    .limit(500)
    .then((rows) => rows.map((r) => r.queue_tickets));
}

/** Today's tickets at a desk in the given statuses, newest call first. */
export async function ticketsAtDesk(
  tx: Executor,
  deskId: string,
  day: string,
  statuses: TicketRow["status"][],
) {
  return tx
    .select()
    .from(queueTickets)
    .where(
      and(eq(queueTickets.deskId, deskId), eq(queueTickets.day, day), inArray(queueTickets.status, statuses)),
    )
    .orderBy(desc(queueTickets.calledAt), desc(queueTickets.number));
}

export async function waitingCount(tx: Executor, unitId: string, day: string, beforeNumber?: number) {
  const rows = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from queue_tickets
        where unit_id = ${unitId} and day = ${day} and status = 'waiting'
          ${beforeNumber === undefined ? sql`` : sql`and number < ${beforeNumber}`}`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function bookingCodes(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: appointments.id, code: appointments.code })
    .from(appointments)
    .where(inArray(appointments.id, ids));
  return new Map(rows.map((r) => [r.id, r.code]));
}

// ---- Events and the live feed ----

export async function insertEvent(
  tx: Executor,
  values: {
    ticketId: string;
    unitId: string;
    kind: string;
    deskId: string | null;
    actorId: string | null;
    at: string;
  },
): Promise<{ id: number; at: string }> {
  const [row] = await tx
    .insert(queueEvents)
    .values(values)
    .returning({ id: queueEvents.id, at: queueEvents.at });
  return { id: Number(row!.id), at: row!.at };
}

/** Queue the display event for delivery at commit (nothing is sent if the transaction rolls back). */
export async function notifyDisplay(tx: Executor, unitId: string, event: DisplayEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${QUEUE_CHANNEL}, ${JSON.stringify({ unitId, event })})`);
}

type FeedRow = {
  id: number | string;
  kind: string;
  number: number;
  sector: string | null;
  desk_number: number | null;
  at: string | Date;
};

const feedRow = (r: FeedRow, waiting: number, label: (n: number) => string): DisplayEvent => ({
  id: Number(r.id),
  kind: r.kind,
  number: r.number,
  label: label(r.number),
  sector: r.sector,
  deskNumber: r.desk_number,
  at: new Date(r.at).toISOString(),
  waiting,
});

/** Events of a unit's day after `afterId` (a stream resuming), oldest first. */
export async function eventsSince(
  tx: Executor,
  unitId: string,
  day: string,
  afterId: number,
  label: (n: number) => string,
): Promise<DisplayEvent[]> {
  const rows = await queryRows<FeedRow>(
    tx,
    sql`select e.id, e.kind, t.number, t.sector, d.number as desk_number, e.at
        from queue_events e join queue_tickets t on t.id = e.ticket_id left join service_desks d on d.id = e.desk_id
        where e.unit_id = ${unitId} and e.id > ${afterId} and t.day = ${day}
        order by e.id limit 200`,
  );
  const waiting = await waitingCount(tx, unitId, day);
  return rows.map((r) => feedRow(r, waiting, label));
}

/** Today's latest calls at a unit, newest first. */
export async function latestCalls(
  tx: Executor,
  unitId: string,
  day: string,
  limit: number,
  label: (n: number) => string,
): Promise<{ calls: DisplayEvent[]; lastEventId: number }> {
  const rows = await queryRows<FeedRow>(
    tx,
    sql`select e.id, e.kind, t.number, t.sector, d.number as desk_number, e.at
        from queue_events e join queue_tickets t on t.id = e.ticket_id left join service_desks d on d.id = e.desk_id
        where e.unit_id = ${unitId} and t.day = ${day} and e.kind in ('called', 'recalled')
        order by e.id desc limit ${limit}`,
  );
  const last = await queryRows<{ id: number | string | null }>(
    tx,
    sql`select max(id) as id from queue_events where unit_id = ${unitId}`,
  );
  const waiting = await waitingCount(tx, unitId, day);
  return { calls: rows.map((r) => feedRow(r, waiting, label)), lastEventId: Number(last[0]?.id ?? 0) };
}

/** Tickets issued at a unit between two days (inclusive) with their events, for the figures. */
export async function ticketsWithEvents(tx: Executor, unitId: string, from: string, to: string) {
  const tickets = await tx
    .select({ id: queueTickets.id, sector: queueTickets.sector, issuedAt: queueTickets.issuedAt })
    .from(queueTickets)
    .where(and(eq(queueTickets.unitId, unitId), sql`${queueTickets.day} between ${from} and ${to}`));
  if (tickets.length === 0) return [];
  const events = await queryRows<{
    ticket_id: string;
    kind: string;
    at: string | Date;
    desk_id: string | null;
    actor_id: string | null;
  }>(
    tx,
    sql`select e.ticket_id, e.kind, e.at, e.desk_id, e.actor_id from queue_events e
        join queue_tickets t on t.id = e.ticket_id
        where t.unit_id = ${unitId} and t.day between ${from} and ${to} order by e.id`,
  );
  const byTicket = new Map<
    string,
    { kind: string; at: string; deskId: string | null; actorId: string | null }[]
  >();
  for (const e of events) {
    const list = byTicket.get(e.ticket_id) ?? [];
    list.push({ kind: e.kind, at: new Date(e.at).toISOString(), deskId: e.desk_id, actorId: e.actor_id });
    byTicket.set(e.ticket_id, list);
  }
  return tickets.map((t) => ({ ...t, events: byTicket.get(t.id) ?? [] }));
}

export async function userNames(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- Bookings checked in at the desk ----

export async function findBookingForCheckIn(tx: Executor, code: string) {
  const rows = await tx
    .select({
      id: appointments.id,
      code: appointments.code,
      unitId: appointments.unitId,
      sector: appointments.sector,
      status: appointments.status,
      startsAt: appointmentSlots.startsAt,
      endsAt: appointmentSlots.endsAt,
      slotSector: appointmentSlots.sector,
    })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .where(eq(appointments.code, code))
    .limit(1)
    .for("update", { of: appointments });
  return rows[0];
}

export async function setBookingStatus(
  tx: Executor,
  appointmentId: string,
  status: "checked_in" | "served",
  actorId: string | null,
  at: string,
  data: Record<string, unknown>,
): Promise<void> {
  await tx.update(appointments).set({ status, updatedAt: at }).where(eq(appointments.id, appointmentId));
  await tx.insert(appointmentEvents).values({ appointmentId, kind: status, actorId, data, at });
}
