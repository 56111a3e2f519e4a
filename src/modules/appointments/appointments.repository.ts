// Typed queries for appointments. The seat count of a slot moves only through `takeSeat` (a
// conditional update under the row's lock: two bookings of the last seat cannot both pass) and
// `releaseSeat`; the CHECK booked <= capacity backs it whatever the application does.
import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { decryptField } from "../../db/encrypted.ts";
import {
  appointmentEvents,
  appointmentRules,
  appointmentSlots,
  appointments,
  serviceDesks,
} from "../../db/schema.frontdesk.ts";
import { outbox } from "../../db/schema.ts";
import {
  type AppointmentRules,
  DEFAULT_RULES,
  keyArray,
  normaliseBookingCode,
  normaliseVietnamPhone,
  personKeys,
  type StatsRow,
} from "./appointments.logic.ts";
import type { AppointmentStatus } from "./appointments.schemas.ts";

export type SlotRow = typeof appointmentSlots.$inferSelect;

/** A timestamp as either driver returns it (Date, ISO, or PostgreSQL's `2026-03-10 02:00:00+00`). */
export function toInstant(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value)
    .replace(" ", "T")
    .replace(/([+-]\d{2})$/, "$1:00");
  return new Date(text);
}
export const isoOf = (value: unknown) => toInstant(value).toISOString();
export type AppointmentRow = typeof appointments.$inferSelect;

// --- rules ------------------------------------------------------------------------------------

export async function findRules(
  tx: Executor,
  unitId: string,
): Promise<{ rules: AppointmentRules; stored: boolean }> {
  const [row] = await tx.select().from(appointmentRules).where(eq(appointmentRules.unitId, unitId)).limit(1);
  if (!row) return { rules: DEFAULT_RULES, stored: false };
  const sat = row.saturdayMorning as { start?: unknown; end?: unknown } | null;
  return {
    rules: {
      slotMinutes: row.slotMinutes,
      bookDaysAhead: row.bookDaysAhead,
      minLeadMinutes: row.minLeadMinutes,
      cancelMinutesBefore: row.cancelMinutesBefore,
      perPersonPerDay: row.perPersonPerDay,
      saturdayMorning:
        sat && typeof sat.start === "string" && typeof sat.end === "string"
          ? { start: sat.start, end: sat.end }
          : null,
    },
    stored: true,
  };
}

export async function saveRules(tx: Executor, unitId: string, rules: AppointmentRules, userId: string) {
  const values = { ...rules, updatedBy: userId, updatedAt: sql`now()` };
  await tx
    .insert(appointmentRules)
    .values({ unitId, ...values })
    .onConflictDoUpdate({ target: appointmentRules.unitId, set: values });
}

// --- slots ------------------------------------------------------------------------------------

export async function findSlot(tx: Executor, id: string): Promise<SlotRow | undefined> {
  const [row] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, id)).limit(1);
  return row;
}

/** Live slots of a unit starting in [start, end), for publishing without duplicates. */
export async function liveSlotsBetween(tx: Executor, unitId: string, start: string, end: string) {
  return tx
    .select()
    .from(appointmentSlots)
    .where(
      and(
        eq(appointmentSlots.unitId, unitId),
        gte(appointmentSlots.startsAt, start),
        lte(appointmentSlots.startsAt, end),
        isNull(appointmentSlots.withdrawnAt),
      ),
    );
}

export async function insertSlots(tx: Executor, rows: (typeof appointmentSlots.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(appointmentSlots).values(rows.slice(i, i + 500));
}

export async function deskOfUnit(tx: Executor, deskId: string, unitId: string) {
  const [row] = await tx
    .select({ id: serviceDesks.id })
    .from(serviceDesks)
    .where(and(eq(serviceDesks.id, deskId), eq(serviceDesks.unitId, unitId)))
    .limit(1);
  return row;
}

export type SlotListRow = {
  id: string;
  starts_at: string;
  ends_at: string;
  sector: string | null;
  procedure_code: string | null;
  procedure_name: string | null;
  desk_id: string | null;
  capacity: number;
  booked: number;
  withdrawn_at: string | null;
};

const procedureNameSql = (procedureId: ReturnType<typeof sql>) =>
  sql`(select v.name from procedure_versions v where v.procedure_id = ${procedureId}
        and v.effective_from <= (now() at time zone 'Asia/Ho_Chi_Minh')::date
        order by v.effective_from desc, v.version desc limit 1)`;

const slotSelect = sql`select s.id, s.starts_at, s.ends_at, s.sector, p.code as procedure_code,
               ${procedureNameSql(sql`s.procedure_id`)} as procedure_name,
               s.desk_id, s.capacity, s.booked, s.withdrawn_at
        from appointment_slots s left join procedures p on p.id = s.procedure_id`;

/** Slots of a unit starting in [start, end), oldest first. */
export async function listSlots(
  tx: Executor,
  unitId: string,
  start: string,
  end: string,
  opts: { liveOnly?: boolean; procedureId?: string | null; sector?: string | null } = {},
) {
  const live = opts.liveOnly ? sql`and s.withdrawn_at is null` : sql``;
  // For a procedure: its own slots, its sector's, and slots open to any service.
  const service =
    opts.procedureId !== undefined || opts.sector !== undefined
      ? sql`and (s.procedure_id = ${opts.procedureId ?? null}::uuid
               or (s.procedure_id is null and (s.sector is null or s.sector = ${opts.sector ?? null})))`
      : sql``;
  return queryRows<SlotListRow>(
    tx,
    sql`${slotSelect}
        where s.unit_id = ${unitId} and s.starts_at >= ${start}::timestamptz and s.starts_at < ${end}::timestamptz
        ${live} ${service}
        order by s.starts_at, s.sector nulls first, p.code nulls first, s.id
        limit 5000`,
  );
}

/** One slot as listed. */
export async function findSlotView(tx: Executor, id: string): Promise<SlotListRow | undefined> {
  const [row] = await queryRows<SlotListRow>(tx, sql`${slotSelect} where s.id = ${id}`);
  return row;
}

/** Take one seat: the row is locked by the update, so concurrent takers of the last seat queue on it and all but one find it full. */
export async function takeSeat(tx: Executor, slotId: string): Promise<SlotRow | undefined> {
  const [row] = await tx
    .update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} + 1` })
    .where(
      and(
        eq(appointmentSlots.id, slotId),
        sql`${appointmentSlots.booked} < ${appointmentSlots.capacity}`,
        isNull(appointmentSlots.withdrawnAt),
      ),
    )
    .returning();
  return row;
}

export async function releaseSeat(tx: Executor, slotId: string) {
  await tx
    .update(appointmentSlots)
    .set({ booked: sql`greatest(${appointmentSlots.booked} - 1, 0)` })
    .where(eq(appointmentSlots.id, slotId));
}

export async function withdrawSlot(tx: Executor, id: string): Promise<SlotRow | undefined> {
  const [row] = await tx
    .update(appointmentSlots)
    .set({ withdrawnAt: sql`now()` })
    .where(and(eq(appointmentSlots.id, id), isNull(appointmentSlots.withdrawnAt)))
    .returning();
  return row;
}

/** Units with live slots starting after `start`, with how many, for the portal's unit choice. */
export async function unitsWithSlots(tx: Executor, start: string) {
  const rows = await queryRows<{ id: string; code: string; name: string; n: number | string }>(
    tx,
    sql`select u.id, u.code, unit_name_at(u.id, (now() at time zone 'Asia/Ho_Chi_Minh')::date) as name, count(*) as n
        from appointment_slots s join org_units u on u.id = s.unit_id
        where s.starts_at >= ${start}::timestamptz and s.withdrawn_at is null and s.booked < s.capacity
        group by u.id, u.code order by u.code`,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, openSlots: Number(r.n) }));
}

// --- bookings ---------------------------------------------------------------------------------

/** Serialises the bookings of one person (per-day limit) until the transaction ends. */
export async function lockPerson(tx: Executor, key: string) {
  await queryRows(tx, sql`select pg_advisory_xact_lock(hashtext(${`appointment:${key}`}))::text as locked`);
}

/**
 * Live bookings of a person on a Vietnam day (booked, checked in or served). `keys` are every
 * person_key the person's rows may carry (personKeys: each index key, then the former hash).
 */
export async function personBookingsOnDay(tx: Executor, keys: readonly string[], day: string) {
  return tx
    .select({ id: appointments.id, slotId: appointments.slotId })
    .from(appointments)
    .where(
      and(
        sql`${appointments.personKey} = any(${keyArray(keys)}::text[])`,
        eq(appointments.day, day),
        sql`${appointments.status} in ('booked', 'checked_in', 'served')`,
      ),
    );
}

export async function insertAppointment(tx: Executor, values: typeof appointments.$inferInsert) {
  const [row] = await tx.insert(appointments).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findAppointmentByCode(tx: Executor, code: string): Promise<AppointmentRow | undefined> {
  const [row] = await tx.select().from(appointments).where(eq(appointments.code, code)).limit(1);
  return row;
}

export async function findAppointment(tx: Executor, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).limit(1);
  return row;
}

/**
 * A booked visitor at check-in (for the queue module): the live booking with this code at the
 * unit, with its slot's window; undefined when there is none.
 */
export async function findBookingForCheckIn(tx: Executor, unitId: string, code: string) {
  const [row] = await tx
    .select({
      appointment: appointments,
      startsAt: appointmentSlots.startsAt,
      endsAt: appointmentSlots.endsAt,
    })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .where(
      and(eq(appointments.code, code), eq(appointments.unitId, unitId), eq(appointments.status, "booked")),
    )
    .limit(1);
  return row;
}

/** Moves a booking from one status to another; undefined when it was not in `from` any more. */
export async function setStatus(
  tx: Executor,
  id: string,
  from: AppointmentStatus,
  to: AppointmentStatus,
): Promise<AppointmentRow | undefined> {
  const [row] = await tx
    .update(appointments)
    .set({ status: to, updatedAt: sql`now()` })
    .where(and(eq(appointments.id, id), eq(appointments.status, from)))
    .returning();
  return row;
}

export async function insertEvent(
  tx: Executor,
  values: { appointmentId: string; kind: string; actorId: string | null; data?: Record<string, unknown> },
) {
  await tx.insert(appointmentEvents).values({ ...values, data: values.data ?? {} });
}

/** The reminders of a booking not yet handed to the worker: removed when it is cancelled. */
export async function dropPendingReminders(tx: Executor, appointmentId: string): Promise<number> {
  const rows = await tx
    .delete(outbox)
    .where(
      and(
        sql`${outbox.dedupeKey} like ${`appointment:${appointmentId}:reminder:%`}`,
        eq(outbox.status, "pending"),
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}

/** The bookings a slot holds that are still to come (booked, not checked in), oldest first. */
export async function bookedOnSlot(tx: Executor, slotId: string): Promise<AppointmentRow[]> {
  return tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.slotId, slotId), eq(appointments.status, "booked")))
    .orderBy(appointments.createdAt, appointments.id);
}

type BookingListRow = AppointmentRow & {
  startsAt: string;
  endsAt: string;
  procedureCode: string | null;
  procedureName: string | null;
};

export async function listBookings(
  tx: Executor,
  unitId: string,
  q: { day: string; status?: AppointmentStatus; q?: string; page: number; pageSize: number },
): Promise<{ items: BookingListRow[]; total: number }> {
  const status = q.status ? sql`and a.status = ${q.status}` : sql``;
  const term = q.q?.trim();
  const code = term ? normaliseBookingCode(term) : undefined;
  const digits = term?.replace(/[\s.()+-]/g, "") ?? "";
  // A booking code matches itself; digits match phone numbers; other text the name, accents aside.
  // appointments.phone is encrypted, so SQL cannot look inside it: a whole number (any spelling)
  // matches person_key, its blind index; fewer digits are matched here, after decrypting, over
  // the unit's bookings of that one day (a bounded list).
  const phoneDigits = !code && /^\d{3,}$/.test(digits) ? digits : undefined;
  const wholePhone = phoneDigits && term ? normaliseVietnamPhone(term) : undefined;
  const partialPhone = phoneDigits !== undefined && !wholePhone ? phoneDigits : undefined;
  const search = !term
    ? sql``
    : code
      ? sql`and a.code = ${code}`
      : wholePhone
        ? sql`and a.person_key = any(${keyArray(personKeys(wholePhone))}::text[])`
        : partialPhone
          ? sql``
          : sql`and (a.code ilike ${`%${term}%`} or f_unaccent(a.full_name) ilike f_unaccent(${`%${term}%`}))`;
  const where = sql`a.unit_id = ${unitId} and a.day = ${q.day}::date ${status} ${search}`;
  const page = partialPhone ? sql`` : sql`limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`select a.id, a.code, a.status, a.channel, a.full_name, a.phone, a.email, a.day::text as day,
               a.sector, a.rescheduled_from, a.created_at, s.starts_at, s.ends_at,
               p.code as procedure_code, ${procedureNameSql(sql`a.procedure_id`)} as procedure_name
        from appointments a join appointment_slots s on s.id = a.slot_id
        left join procedures p on p.id = a.procedure_id
        where ${where}
        order by s.starts_at, a.created_at, a.id
        ${page}`,
  );
  const decoded = rows.map((r) =>
    Object.assign(r, { phone: decryptField(String(r.phone), "appointments.phone") }),
  );
  let listed = decoded;
  let total: number;
  if (partialPhone) {
    const found = decoded.filter((r) => r.phone.includes(partialPhone));
    total = found.length;
    listed = found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  } else {
    const [count] = await queryRows<{ n: number | string }>(
      tx,
      sql`select count(*) as n from appointments a where ${where}`,
    );
    total = Number(count?.n ?? 0);
  }
  return {
    total,
    items: listed.map((r) => ({
      id: String(r.id),
      code: String(r.code),
      status: r.status as AppointmentStatus,
      channel: r.channel as AppointmentRow["channel"],
      fullName: String(r.full_name),
      phone: r.phone,
      email: (r.email as string | null) ?? null,
      day: String(r.day),
      sector: (r.sector as string | null) ?? null,
      rescheduledFrom: (r.rescheduled_from as string | null) ?? null,
      createdAt: String(r.created_at),
      startsAt: String(r.starts_at),
      endsAt: String(r.ends_at),
      procedureCode: (r.procedure_code as string | null) ?? null,
      procedureName: (r.procedure_name as string | null) ?? null,
    })) as BookingListRow[],
  };
}

/** One row per booking whose slot falls on a day of the period, for the statistics. */
export async function statsRows(tx: Executor, unitId: string, from: string, to: string): Promise<StatsRow[]> {
  const rows = await queryRows<{
    status: StatsRow["status"];
    replaced: boolean;
    sector: string | null;
    day: string;
    created_at: string;
    starts_at: string;
  }>(
    tx,
    sql`select a.status, exists (select 1 from appointments n where n.rescheduled_from = a.id) as replaced,
               coalesce(a.sector, s.sector) as sector, a.day::text as day, a.created_at, s.starts_at
        from appointments a join appointment_slots s on s.id = a.slot_id
        where a.unit_id = ${unitId} and a.day between ${from}::date and ${to}::date`,
  );
  return rows.map((r) => ({
    status: r.status,
    replaced: r.replaced === true || (r.replaced as unknown) === "t",
    sector: r.sector,
    day: r.day,
    createdAt: toInstant(r.created_at),
    startsAt: toInstant(r.starts_at),
  }));
}
