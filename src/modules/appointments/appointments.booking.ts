// Citizens' bookings (public, no login needed; a signed-in citizen's account is linked): the
// slots open to booking, booking, viewing with the phone number as proof, cancelling,
// rescheduling and the calendar file. A booking is one transaction: the person's lock and
// per-day limit, the seat (a conditional update the database arbitrates), the row, its event
// and its notifications (confirmation with the .ics, reminder the day before) in the outbox.
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { DomainError, Errors, fieldError, type Message } from "../../shared/errors.ts";
import { maskEmail, maskName, maskPhone } from "../../shared/mask.ts";
import { effectiveCalendar } from "../calendar/calendar.service.ts";
import { formatEpochDay, getEpochDay } from "../calendar/dates.ts";
import { findProcedureByCode, versionAt } from "../catalog/catalog.repository.ts";
import { enqueue, type Notification } from "../notifications/outbox.ts";
import { findUnit } from "../org/org.repository.ts";
import {
  type AppointmentRules,
  bookingRefusal,
  cancelRefusal,
  icsCalendar,
  isWithinOpeningHours,
  newBookingCode,
  personKey,
  personKeys,
} from "./appointments.logic.ts";
import * as repo from "./appointments.repository.ts";
import type { BookInput, PublicBookingOut, PublicSlotsQuery } from "./appointments.schemas.ts";
import {
  dayRange,
  withdrawSlot as markWithdrawn,
  presentSlot,
  unitByCode,
  unitOut,
} from "./appointments.service.ts";

const SLOT: Message = { vi: "Khung giờ hẹn", en: "Appointment slot" };
const BOOKING: Message = { vi: "Lịch hẹn", en: "Appointment" };
const DAY_MS = 86_400_000;

const slotField = (code: string, message: Message) => fieldError("slotId", code, message, "body");

const REFUSALS: Record<string, Message> = {
  past: { vi: "Khung giờ này đã qua.", en: "This slot is in the past." },
  lead_time: {
    vi: "Khung giờ này quá gần: cần đặt trước ít nhất {n} phút.",
    en: "This slot is too soon: book at least {n} minutes ahead.",
  },
  too_far: {
    vi: "Chỉ đặt được lịch trong vòng {n} ngày tới.",
    en: "Slots can be booked at most {n} days ahead.",
  },
  closed: {
    vi: "Bộ phận Một cửa không làm việc vào giờ này (ngày nghỉ, ngày lễ hoặc ngoài giờ làm việc).",
    en: "The desk is closed at this time (a day off, a public holiday or outside opening hours).",
  },
};
const fill = (m: Message, n: number): Message => ({
  vi: m.vi.replace("{n}", String(n)),
  en: m.en.replace("{n}", String(n)),
});

/** The procedure in force today: its id, name and sector. */
async function procedureInForce(ctx: Ctx, code: string, location: "query" | "body", field: string) {
  const p = await findProcedureByCode(ctx.tx, code);
  const v = p ? await versionAt(ctx.tx, p.id, vietnamDate()) : undefined;
  if (!p || !v || v.change === "abolished")
    throw Errors.invalid([
      fieldError(
        field,
        "appointment.procedure_unknown",
        { vi: "Không có thủ tục mã này.", en: "No procedure has this code." },
        location,
      ),
    ]);
  return { id: p.id, code: p.code, name: v.name, sector: v.sector };
}

async function procedureName(ctx: Ctx, procedureId: string | null) {
  if (!procedureId) return null;
  const [row] = await queryRows<{ code: string; name: string | null }>(
    ctx.tx,
    sql`select p.code, (select v.name from procedure_versions v where v.procedure_id = p.id
          and v.effective_from <= (now() at time zone 'Asia/Ho_Chi_Minh')::date
          order by v.effective_from desc, v.version desc limit 1) as name
        from procedures p where p.id = ${procedureId}`,
  );
  return row ? { code: row.code, name: row.name ?? row.code } : null;
}

async function unitAddress(ctx: Ctx, unitId: string): Promise<string | null> {
  const [row] = await queryRows<{ address: string | null }>(
    ctx.tx,
    sql`select address from unit_contacts where unit_id = ${unitId}`,
  );
  return row?.address ?? null;
}

// --- availability -----------------------------------------------------------------------------

export async function publicUnits(ctx: Ctx, now = new Date()) {
  return { items: await repo.unitsWithSlots(ctx.tx, now.toISOString()) };
}

/** Slots open to booking now: live, within the booking window and the opening hours. */
export async function availability(ctx: Ctx, q: PublicSlotsQuery, now = new Date()) {
  const unit = await unitByCode(ctx, q.unit);
  const { rules } = await repo.findRules(ctx.tx, unit.id);
  const procedure = q.procedure ? await procedureInForce(ctx, q.procedure, "query", "procedure") : null;
  const today = vietnamDate(now);
  const last = formatEpochDay(getEpochDay(today) + rules.bookDaysAhead);
  const from = q.from && q.from > today ? q.from : today;
  const to = q.to && q.to < last ? q.to : last;
  const { calendar } = await effectiveCalendar(ctx, unit.id);
  // An empty range (asked for days past the booking window) reads nothing.
  const range = dayRange(from, to);
  const rows =
    to < from
      ? []
      : await repo.listSlots(ctx.tx, unit.id, range.start, range.end, {
          liveOnly: true,
          ...(procedure
            ? { procedureId: procedure.id, sector: procedure.sector }
            : q.sector
              ? { procedureId: null, sector: q.sector }
              : {}),
        });
  const items = rows
    .map(presentSlot)
    .filter(
      (s) =>
        bookingRefusal(new Date(s.startsAt), rules, now) === null &&
        isWithinOpeningHours(calendar, rules, new Date(s.startsAt), new Date(s.endsAt)),
    )
    .map((s) => ({
      id: s.id,
      day: s.day,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      sector: s.sector,
      procedure: s.procedure,
      available: s.capacity - s.booked,
    }));
  return {
    unit: unitOut(unit),
    procedure: procedure ? { code: procedure.code, name: procedure.name, sector: procedure.sector } : null,
    rules: {
      bookDaysAhead: rules.bookDaysAhead,
      minLeadMinutes: rules.minLeadMinutes,
      cancelMinutesBefore: rules.cancelMinutesBefore,
      perPersonPerDay: rules.perPersonPerDay,
    },
    items,
  };
}

// --- booking ----------------------------------------------------------------------------------

type BookingData = Omit<BookInput, "slotId" | "procedureCode"> & {
  procedureCode?: string | undefined;
  procedureId?: string | null;
};
type BookingOptions = {
  channel: "portal" | "desk" | "kiosk" | "phone";
  citizenId: string | null;
  rescheduledFrom?: string;
  idempotencyKey?: string;
};

/** Book one seat of a slot; the checks, the seat, the row, its event and its notifications. */
async function bookSlot(ctx: Ctx, slotId: string, data: BookingData, opts: BookingOptions, now: Date) {
  const slot = await repo.findSlot(ctx.tx, slotId);
  if (!slot) throw Errors.notFound(SLOT);
  const unit = await findUnit(ctx.tx, slot.unitId);
  if (!unit) throw Errors.notFound(SLOT);
  ctx.audit.unitId = unit.id;
  const withdrawn = () =>
    Errors.conflict(
      "appointment.slot_withdrawn",
      { vi: "Khung giờ này đã ngừng nhận đặt lịch.", en: "This slot no longer takes bookings." },
      [slotField("appointment.slot_withdrawn", { vi: "Chọn khung giờ khác.", en: "Choose another slot." })],
    );
  if (slot.withdrawnAt) throw withdrawn();
  const { rules } = await repo.findRules(ctx.tx, unit.id);
  const startsAt = repo.toInstant(slot.startsAt);
  const endsAt = repo.toInstant(slot.endsAt);
  const refusal = bookingRefusal(startsAt, rules, now);
  if (refusal) {
    const n = refusal === "lead_time" ? rules.minLeadMinutes : rules.bookDaysAhead;
    throw Errors.invalid([slotField(`appointment.${refusal}`, fill(REFUSALS[refusal]!, n))]);
  }
  const { calendar } = await effectiveCalendar(ctx, unit.id);
  if (!isWithinOpeningHours(calendar, rules, startsAt, endsAt))
    throw Errors.invalid([slotField("appointment.closed", REFUSALS.closed!)]);

  let procedureId = data.procedureId !== undefined ? data.procedureId : slot.procedureId;
  let sector = slot.sector;
  if (data.procedureCode) {
    const p = await procedureInForce(ctx, data.procedureCode, "body", "procedureCode");
    const fits = slot.procedureId
      ? slot.procedureId === p.id
      : slot.sector === null || slot.sector === p.sector;
    if (!fits)
      throw Errors.invalidField("procedureCode", "appointment.procedure_mismatch", {
        vi: "Khung giờ này dành cho thủ tục hoặc lĩnh vực khác.",
        en: "This slot is for another procedure or sector.",
      });
    procedureId = p.id;
    sector = sector ?? p.sector;
  }

  // One person's bookings are decided one at a time: the count below cannot be raced.
  // person_key is the phone's blind index (first index key); the count looks under every key.
  const key = personKey(data.phone);
  await repo.lockPerson(ctx.tx, key);
  const day = vietnamDate(startsAt);
  const mine = await repo.personBookingsOnDay(ctx.tx, personKeys(data.phone), day);
  if (mine.some((b) => b.slotId === slot.id))
    throw Errors.conflict(
      "appointment.already_booked",
      {
        vi: "Số điện thoại này đã đặt khung giờ này.",
        en: "This phone number already has a booking in this slot.",
      },
      [slotField("appointment.already_booked", { vi: "Đã đặt khung giờ này.", en: "Already booked." })],
    );
  if (mine.length >= rules.perPersonPerDay)
    throw Errors.conflict(
      "appointment.person_limit",
      {
        vi: `Mỗi người chỉ đặt được ${rules.perPersonPerDay} lịch hẹn mỗi ngày tại đơn vị này.`,
        en: `One person may book at most ${rules.perPersonPerDay} appointments a day at this unit.`,
      },
      [
        fieldError(
          "phone",
          "appointment.person_limit",
          {
            vi: `Số điện thoại này đã có ${mine.length} lịch hẹn ngày ${day} (tối đa ${rules.perPersonPerDay}).`,
            en: `This phone number already has ${mine.length} bookings on ${day} (at most ${rules.perPersonPerDay}).`,
          },
          "body",
        ),
      ],
    );

  const seat = await repo.takeSeat(ctx.tx, slot.id);
  if (!seat) {
    const now2 = await repo.findSlot(ctx.tx, slot.id);
    if (now2?.withdrawnAt) throw withdrawn();
    throw Errors.conflict(
      "appointment.slot_full",
      { vi: "Khung giờ này đã hết chỗ.", en: "This slot is fully booked." },
      [
        slotField("appointment.slot_full", {
          vi: "Hết chỗ: chọn khung giờ khác.",
          en: "Full: choose another slot.",
        }),
      ],
    );
  }

  let row: repo.AppointmentRow | undefined;
  for (let attempt = 0; !row; attempt++) {
    if (attempt >= 5) throw new Error("could not draw a free booking code");
    row = await repo.insertAppointment(ctx.tx, {
      code: newBookingCode(),
      slotId: slot.id,
      unitId: unit.id,
      procedureId,
      sector,
      citizenId: opts.citizenId,
      fullName: data.fullName,
      phone: data.phone,
      email: data.email ?? null,
      personKey: key,
      day,
      channel: opts.channel,
      locale: data.locale,
      rescheduledFrom: opts.rescheduledFrom ?? null,
      idempotencyKey: opts.idempotencyKey ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  }
  await repo.insertEvent(ctx.tx, {
    appointmentId: row.id,
    kind: "booked",
    actorId: ctx.actor?.userId ?? null,
    data: {
      slotId: slot.id,
      channel: opts.channel,
      ...(opts.rescheduledFrom ? { rescheduledFrom: opts.rescheduledFrom } : {}),
    },
  });
  const view = await viewOf(ctx, row, rules, now);
  await enqueue(ctx.tx, bookedNotifications(ctx, row, view, now));
  ctx.audit.target = row.id;
  ctx.audit.details = { ...ctx.audit.details, code: row.code, slotId: slot.id };
  return view;
}

type View = PublicBookingOut & { id: string; unitId: string; address: string | null; serviceName: Message };

async function viewOf(ctx: Ctx, a: repo.AppointmentRow, rules: AppointmentRules, now: Date): Promise<View> {
  const slot = await repo.findSlot(ctx.tx, a.slotId);
  const unit = await findUnit(ctx.tx, a.unitId);
  if (!slot || !unit) throw Errors.notFound(BOOKING);
  const procedure = await procedureName(ctx, a.procedureId);
  const previous = a.rescheduledFrom ? await repo.findAppointment(ctx.tx, a.rescheduledFrom) : undefined;
  const startsAt = repo.toInstant(slot.startsAt);
  return {
    id: a.id,
    unitId: unit.id,
    address: await unitAddress(ctx, unit.id),
    serviceName: procedure
      ? { vi: procedure.name, en: procedure.name }
      : a.sector
        ? { vi: a.sector, en: a.sector }
        : { vi: "Bộ phận Một cửa", en: "One-stop desk" },
    code: a.code,
    status: a.status,
    unit: unitOut(unit),
    startsAt: startsAt.toISOString(),
    endsAt: repo.isoOf(slot.endsAt),
    sector: a.sector,
    procedure,
    fullName: maskName(a.fullName),
    phone: maskPhone(a.phone),
    email: a.email ? maskEmail(a.email) : null,
    locale: a.locale,
    rescheduledFrom: previous?.code ?? null,
    canChange: a.status === "booked" && cancelRefusal(startsAt, rules, now) === null,
    changeUntil: new Date(startsAt.getTime() - rules.cancelMinutesBefore * 60_000).toISOString(),
    calendarUrl: `/api/public/appointments/${a.code}/calendar.ics`,
  };
}

const publicView = ({ id: _i, unitId: _u, address: _a, serviceName: _s, ...v }: View): PublicBookingOut => v;

function icsOf(ctx: Ctx, a: { code: string; locale: "vi" | "en" }, v: View, now: Date, cancelled = false) {
  const vi = a.locale === "vi";
  const service = v.serviceName[a.locale];
  return icsCalendar({
    code: a.code,
    stamp: now,
    startsAt: new Date(v.startsAt),
    endsAt: new Date(v.endsAt),
    summary: vi ? `Lịch hẹn ${a.code}: ${service}` : `Appointment ${a.code}: ${service}`,
    description: vi
      ? `Mã lịch hẹn ${a.code}. Đọc mã này tại Bộ phận Một cửa để lấy số ưu tiên. ${v.unit.name}.`
      : `Booking code ${a.code}. Give it at the one-stop desk for a priority ticket. ${v.unit.name}.`,
    location: v.address ? `${v.unit.name}, ${v.address}` : v.unit.name,
    url: `${ctx.config.publicUrl}/dat-lich/${a.code}`,
    alarmMinutesBefore: 60,
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    sequence: cancelled ? 1 : 0,
  });
}

function payloadOf(ctx: Ctx, a: repo.AppointmentRow, v: View) {
  return {
    code: a.code,
    applicantName: a.fullName,
    unitName: v.unit.name,
    serviceName: v.serviceName[a.locale],
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    address: v.address,
    manageUrl: `${ctx.config.publicUrl}/dat-lich/${a.code}`,
  };
}

/** Confirmation (e-mail with the .ics, SMS) now; the reminder the day before, if that is still ahead. */
function bookedNotifications(ctx: Ctx, a: repo.AppointmentRow, v: View, now: Date): Notification[] {
  const payload = payloadOf(ctx, a, v);
  const remindAt = new Date(new Date(v.startsAt).getTime() - DAY_MS);
  const remind = remindAt.getTime() > now.getTime() + 3_600_000;
  const items: Notification[] = [
    {
      channel: "sms",
      template: "appointment.booked",
      locale: a.locale,
      recipient: a.phone,
      payload,
      dedupeKey: `appointment:${a.id}:booked:sms`,
    },
  ];
  if (a.email)
    items.push({
      channel: "email",
      template: "appointment.booked",
      locale: a.locale,
      recipient: a.email,
      payload: { ...payload, ics: icsOf(ctx, a, v, now) },
      dedupeKey: `appointment:${a.id}:booked:email`,
    });
  if (remind) {
    items.push({
      channel: "sms",
      template: "appointment.reminder",
      locale: a.locale,
      recipient: a.phone,
      payload,
      dedupeKey: `appointment:${a.id}:reminder:sms`,
      notBefore: remindAt.toISOString(),
    });
    if (a.email)
      items.push({
        channel: "email",
        template: "appointment.reminder",
        locale: a.locale,
        recipient: a.email,
        payload,
        dedupeKey: `appointment:${a.id}:reminder:email`,
        notBefore: remindAt.toISOString(),
      });
  }
  return items;
}

export async function book(ctx: Ctx, input: BookInput, idempotencyKey: string | undefined, now = new Date()) {
  const { slotId, ...data } = input;
  const view = await bookSlot(
    ctx,
    slotId,
    data,
    {
      channel: "portal",
      citizenId: ctx.actor?.kind === "citizen" ? ctx.actor.userId : null,
      ...(idempotencyKey ? { idempotencyKey: `${ctx.actor?.userId ?? "anonymous"}:${idempotencyKey}` } : {}),
    },
    now,
  );
  return publicView(view);
}

// --- the citizen's own booking ----------------------------------------------------------------

/** The booking with this code, if the phone number is the one it was booked with; else 404. */
async function ownBooking(ctx: Ctx, code: string, phone: string) {
  const a = await repo.findAppointmentByCode(ctx.tx, code);
  if (!a || a.phone !== phone) throw Errors.notFound(BOOKING);
  ctx.audit.unitId = a.unitId;
  ctx.audit.target = a.id;
  ctx.audit.details = { code: a.code };
  const { rules } = await repo.findRules(ctx.tx, a.unitId);
  return { a, rules };
}

export async function viewBooking(ctx: Ctx, code: string, phone: string, now = new Date()) {
  const { a, rules } = await ownBooking(ctx, code, phone);
  return publicView(await viewOf(ctx, a, rules, now));
}

/** Cancel a booking still booked, before the unit's deadline: the seat is freed and the reminder dropped. */
async function cancelOwn(ctx: Ctx, a: repo.AppointmentRow, rules: AppointmentRules, now: Date) {
  if (a.status !== "booked")
    throw Errors.conflict("appointment.not_booked", {
      vi: `Lịch hẹn không còn hiệu lực để hủy hoặc đổi (trạng thái: ${a.status}).`,
      en: `The booking can no longer be cancelled or moved (status: ${a.status}).`,
    });
  const slot = await repo.findSlot(ctx.tx, a.slotId);
  if (!slot) throw Errors.notFound(BOOKING);
  const refusal = cancelRefusal(repo.toInstant(slot.startsAt), rules, now);
  if (refusal)
    throw new DomainError("appointment.cancel_deadline", 409, {
      vi: `Chỉ hủy hoặc đổi lịch được trước giờ hẹn ít nhất ${rules.cancelMinutesBefore} phút.`,
      en: `A booking can be cancelled or moved until ${rules.cancelMinutesBefore} minutes before its slot.`,
    });
  const row = await repo.setStatus(ctx.tx, a.id, "booked", "cancelled");
  if (!row)
    throw Errors.conflict("appointment.not_booked", {
      vi: "Lịch hẹn đã thay đổi.",
      en: "The booking has changed.",
    });
  await repo.releaseSeat(ctx.tx, a.slotId);
  await repo.dropPendingReminders(ctx.tx, a.id);
  return row;
}

export async function cancelBooking(ctx: Ctx, code: string, phone: string, now = new Date()) {
  const { a, rules } = await ownBooking(ctx, code, phone);
  const row = await cancelOwn(ctx, a, rules, now);
  await repo.insertEvent(ctx.tx, {
    appointmentId: a.id,
    kind: "cancelled",
    actorId: ctx.actor?.userId ?? null,
  });
  const view = await viewOf(ctx, row, rules, now);
  if (a.email)
    await enqueue(ctx.tx, [
      {
        channel: "email",
        template: "appointment.cancelled",
        locale: a.locale,
        recipient: a.email,
        payload: { ...payloadOf(ctx, a, view), ics: icsOf(ctx, a, view, now, true) },
        dedupeKey: `appointment:${a.id}:cancelled:email`,
      },
    ]);
  return publicView(view);
}

/** Move a booking to another slot: the old one cancelled, the new one linked to it, in one transaction. */
export async function rescheduleBooking(
  ctx: Ctx,
  code: string,
  phone: string,
  slotId: string,
  now = new Date(),
) {
  const { a, rules } = await ownBooking(ctx, code, phone);
  if (slotId === a.slotId)
    throw Errors.invalid([
      slotField("appointment.same_slot", {
        vi: "Hãy chọn một khung giờ khác.",
        en: "Choose a different slot.",
      }),
    ]);
  await cancelOwn(ctx, a, rules, now);
  const view = await bookSlot(
    ctx,
    slotId,
    { fullName: a.fullName, phone: a.phone, email: a.email, locale: a.locale, procedureId: a.procedureId },
    { channel: a.channel, citizenId: a.citizenId, rescheduledFrom: a.id },
    now,
  );
  await repo.insertEvent(ctx.tx, {
    appointmentId: a.id,
    kind: "rescheduled",
    actorId: ctx.actor?.userId ?? null,
    data: { to: view.id, code: view.code },
  });
  ctx.audit.details = { code: a.code, newCode: view.code };
  return publicView(view);
}

// --- a slot withdrawn by the desk ----------------------------------------------------------------

/**
 * Withdraws a slot (appointments.service.ts) and tells each booking it holds that is still to
 * come: an SMS, and an e-mail when there is an address, with the link to move it. The bookings
 * stay valid (they can still be checked in, moved or cancelled); their reminders not yet sent
 * are dropped, the notice replaces them. All in the withdrawal's transaction.
 */
export async function withdrawSlot(ctx: Ctx, id: string, now = new Date()) {
  const slot = await markWithdrawn(ctx, id);
  if (Date.parse(slot.endsAt) <= now.getTime()) return slot;
  const bookings = await repo.bookedOnSlot(ctx.tx, id);
  if (bookings.length === 0) return slot;
  const { rules } = await repo.findRules(ctx.tx, bookings[0]!.unitId);
  for (const a of bookings) {
    await repo.dropPendingReminders(ctx.tx, a.id);
    await repo.insertEvent(ctx.tx, {
      appointmentId: a.id,
      kind: "slot_withdrawn",
      actorId: ctx.actor?.userId ?? null,
      data: { slotId: id },
    });
    const payload = payloadOf(ctx, a, await viewOf(ctx, a, rules, now));
    const items: Notification[] = [
      {
        channel: "sms",
        template: "appointment.slot_withdrawn",
        locale: a.locale,
        recipient: a.phone,
        payload,
        dedupeKey: `appointment:${a.id}:slot_withdrawn:sms`,
      },
    ];
    if (a.email)
      items.push({
        channel: "email",
        template: "appointment.slot_withdrawn",
        locale: a.locale,
        recipient: a.email,
        payload,
        dedupeKey: `appointment:${a.id}:slot_withdrawn:email`,
      });
    await enqueue(ctx.tx, items);
  }
  ctx.audit.details = { ...ctx.audit.details, bookingsTold: bookings.length };
  return slot;
}

/** The booking as an iCalendar file (no personal data in it: the code, the place and the time). */
export async function bookingCalendar(ctx: Ctx, code: string, now = new Date()) {
  const a = await repo.findAppointmentByCode(ctx.tx, code);
  if (!a) throw Errors.notFound(BOOKING);
  const { rules } = await repo.findRules(ctx.tx, a.unitId);
  const view = await viewOf(ctx, a, rules, now);
  return { filename: `lich-hen-${a.code}.ics`, ics: icsOf(ctx, a, view, now, a.status === "cancelled") };
}
