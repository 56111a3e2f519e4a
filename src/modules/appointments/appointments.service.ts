// Appointments in the back office: a unit's booking rules, publishing and withdrawing slots, the
// day's bookings, no-shows and the figures. Every method authorizes first (appointment.manage at
// the unit; the figures also for report readers), against the unit or record loaded here.
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { Errors, fieldError, type Message } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { effectiveCalendar } from "../calendar/calendar.service.ts";
import { formatEpochDay, getEpochDay } from "../calendar/dates.ts";
import { findProcedureByCode } from "../catalog/catalog.repository.ts";
import { findUnitByCode, type UnitRow, unitPath } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import { appointmentStats, generateSlotWindows } from "./appointments.logic.ts";
import * as repo from "./appointments.repository.ts";
import type { BookingsQuery, PublishInput, RulesInput } from "./appointments.schemas.ts";

const SLOT: Message = { vi: "Khung giờ hẹn", en: "Appointment slot" };
const BOOKING: Message = { vi: "Lịch hẹn", en: "Appointment" };
/** Publishing covers at most this many days at once (a quarter). */
export const MAX_PUBLISH_DAYS = 92;

/** The instants a range of Vietnam days covers: [start of `from`, start of the day after `to`). */
export const dayRange = (from: string, to: string) => ({
  start: `${from}T00:00:00+07:00`,
  end: `${formatEpochDay(getEpochDay(to) + 1)}T00:00:00+07:00`,
});

export const unitOut = (u: UnitRow) => ({ id: u.id, code: u.code, name: u.name });

/** The unit named by its code (`unit=`), or a 400 on that field. */
export async function unitByCode(ctx: Ctx, code: string, location: "query" | "body" = "query") {
  const unit = await findUnitByCode(ctx.tx, code);
  if (!unit)
    throw Errors.invalid([
      fieldError(
        "unit",
        "appointment.unit_unknown",
        { vi: "Không có đơn vị mã này.", en: "No unit has this code." },
        location,
      ),
    ]);
  return unit;
}

async function authorizeManage(ctx: Ctx, code: string, location: "query" | "body" = "query") {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, code, location);
  await authorizeUnit(ctx, unit.id, "appointment.manage");
  return unit;
}

function checkRange(from: string, to: string, maxDays: number, location: "query" | "body") {
  if (to < from)
    throw Errors.invalid([
      fieldError(
        "to",
        "appointment.range_order",
        {
          vi: "Ngày kết thúc không được trước ngày bắt đầu.",
          en: "The end date cannot be before the start date.",
        },
        location,
      ),
    ]);
  if (getEpochDay(to) - getEpochDay(from) + 1 > maxDays)
    throw Errors.invalid([
      fieldError(
        "to",
        "appointment.range_too_long",
        {
          vi: `Khoảng thời gian tối đa ${maxDays} ngày.`,
          en: `The range may cover at most ${maxDays} days.`,
        },
        location,
      ),
    ]);
}

// --- rules ------------------------------------------------------------------------------------

export async function getRules(ctx: Ctx, code: string) {
  const unit = await authorizeManage(ctx, code);
  const { rules, stored } = await repo.findRules(ctx.tx, unit.id);
  return { unit: unitOut(unit), rules, stored };
}

export async function saveRules(ctx: Ctx, code: string, input: RulesInput) {
  const unit = await authorizeManage(ctx, code);
  await repo.saveRules(ctx.tx, unit.id, input, ctx.actor!.userId);
  ctx.audit.details = { rules: input };
  return { unit: unitOut(unit), rules: input, stored: true };
}

// --- slots ------------------------------------------------------------------------------------

const serviceKey = (s: { sector: string | null; procedureId: string | null; deskId: string | null }) =>
  `${s.sector ?? ""}|${s.procedureId ?? ""}|${s.deskId ?? ""}`;

/**
 * Publish slots over a range of days from the unit's working calendar and rules: no slot on a
 * day off, Saturday mornings where the desk opens them, none already started. A window that
 * already has a live slot for the same service is left alone, so publishing twice adds nothing.
 */
export async function publishSlots(ctx: Ctx, input: PublishInput, now = new Date()) {
  const unit = await authorizeManage(ctx, input.unit, "body");
  checkRange(input.from, input.to, MAX_PUBLISH_DAYS, "body");
  if (input.from < vietnamDate(now))
    throw Errors.invalid([
      fieldError(
        "from",
        "appointment.past_range",
        { vi: "Không mở lịch hẹn cho ngày đã qua.", en: "Slots cannot be published for past days." },
        "body",
      ),
    ]);
  let procedureId: string | null = null;
  if (input.procedureCode) {
    const p = await findProcedureByCode(ctx.tx, input.procedureCode);
    if (!p)
      throw Errors.invalidField("procedureCode", "appointment.procedure_unknown", {
        vi: "Không có thủ tục mã này.",
        en: "No procedure has this code.",
      });
    procedureId = p.id;
  }
  if (input.deskId && !(await repo.deskOfUnit(ctx.tx, input.deskId, unit.id)))
    throw Errors.invalidField("deskId", "appointment.desk_unknown", {
      vi: "Quầy này không thuộc đơn vị.",
      en: "This desk does not belong to the unit.",
    });
  const { rules } = await repo.findRules(ctx.tx, unit.id);
  const { calendar } = await effectiveCalendar(ctx, unit.id);
  const windows = generateSlotWindows(calendar, rules, input.from, input.to, input.within).filter(
    (w) => w.startsAt.getTime() > now.getTime(),
  );
  if (windows.length === 0)
    throw Errors.invalid([
      fieldError(
        input.within ? "within" : "from",
        "appointment.closed",
        {
          vi: "Bộ phận Một cửa không làm việc trong khoảng thời gian này (ngày nghỉ, ngày lễ hoặc ngoài giờ làm việc).",
          en: "The desk is closed throughout this range (days off, public holidays or outside opening hours).",
        },
        "body",
      ),
    ]);
  const service = { sector: input.sector ?? null, procedureId, deskId: input.deskId ?? null };
  const existing = await repo.liveSlotsBetween(
    ctx.tx,
    unit.id,
    windows[0]!.startsAt.toISOString(),
    windows.at(-1)!.startsAt.toISOString(),
  );
  const taken = new Set(
    existing
      .filter((s) => serviceKey(s) === serviceKey(service))
      .map((s) => `${repo.isoOf(s.startsAt)}|${repo.isoOf(s.endsAt)}`),
  );
  const fresh = windows.filter((w) => !taken.has(`${w.startsAt.toISOString()}|${w.endsAt.toISOString()}`));
  await repo.insertSlots(
    ctx.tx,
    fresh.map((w) => ({
      unitId: unit.id,
      ...service,
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      capacity: input.capacity,
      createdBy: ctx.actor!.userId,
    })),
  );
  ctx.audit.details = { from: input.from, to: input.to, created: fresh.length, capacity: input.capacity };
  return { created: fresh.length, skipped: windows.length - fresh.length, from: input.from, to: input.to };
}

export function presentSlot(r: Awaited<ReturnType<typeof repo.listSlots>>[number]) {
  const startsAt = repo.isoOf(r.starts_at);
  return {
    id: r.id,
    day: vietnamDate(new Date(startsAt)),
    startsAt,
    endsAt: repo.isoOf(r.ends_at),
    sector: r.sector,
    procedure: r.procedure_code
      ? { code: r.procedure_code, name: r.procedure_name ?? r.procedure_code }
      : null,
    deskId: r.desk_id,
    capacity: Number(r.capacity),
    booked: Number(r.booked),
    withdrawnAt: r.withdrawn_at ? repo.isoOf(r.withdrawn_at) : null,
  };
}

export async function listSlots(ctx: Ctx, q: { unit: string; from: string; to: string }) {
  const unit = await authorizeManage(ctx, q.unit);
  checkRange(q.from, q.to, 366, "query");
  const range = dayRange(q.from, q.to);
  const rows = await repo.listSlots(ctx.tx, unit.id, range.start, range.end);
  return { unit: unitOut(unit), items: rows.map(presentSlot) };
}

/**
 * Withdraw a slot: no new bookings; the bookings it holds stay valid. The route goes through
 * appointments.booking.ts's withdrawSlot, which also tells those bookings.
 */
export async function withdrawSlot(ctx: Ctx, id: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const slot = await repo.findSlot(ctx.tx, id);
  if (!slot) throw Errors.notFound(SLOT);
  await authorizeUnit(ctx, slot.unitId, "appointment.manage");
  ctx.audit.target = id;
  const row = await repo.withdrawSlot(ctx.tx, id);
  if (!row)
    throw Errors.conflict("appointment.slot_withdrawn", {
      vi: "Khung giờ này đã được rút trước đó.",
      en: "This slot has already been withdrawn.",
    });
  const view = await repo.findSlotView(ctx.tx, id);
  if (!view) throw Errors.notFound(SLOT);
  return presentSlot(view);
}

// --- bookings ---------------------------------------------------------------------------------

export async function dayBookings(ctx: Ctx, q: BookingsQuery) {
  const unit = await authorizeManage(ctx, q.unit);
  const { items, total } = await repo.listBookings(ctx.tx, unit.id, q);
  ctx.audit.details = { day: q.day, count: items.length };
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: items.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      channel: r.channel,
      fullName: r.fullName,
      phone: r.phone,
      email: r.email,
      day: r.day,
      startsAt: repo.isoOf(r.startsAt),
      endsAt: repo.isoOf(r.endsAt),
      sector: r.sector,
      procedure: r.procedureCode ? { code: r.procedureCode, name: r.procedureName ?? r.procedureCode } : null,
      rescheduledFrom: r.rescheduledFrom,
      createdAt: repo.isoOf(r.createdAt),
    })),
  };
}

/** The visitor did not come: only a booking still booked, once its slot has started. */
export async function markNoShow(ctx: Ctx, id: string, now = new Date()) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const a = await repo.findAppointment(ctx.tx, id);
  if (!a) throw Errors.notFound(BOOKING);
  await authorizeUnit(ctx, a.unitId, "appointment.manage");
  ctx.audit.target = id;
  if (a.status !== "booked")
    throw Errors.conflict("appointment.not_booked", {
      vi: `Chỉ đánh dấu vắng mặt được lịch hẹn đang chờ (trạng thái hiện tại: ${a.status}).`,
      en: `Only a booking still booked can be marked absent (current status: ${a.status}).`,
    });
  const slot = await repo.findSlot(ctx.tx, a.slotId);
  if (!slot || repo.toInstant(slot.startsAt).getTime() > now.getTime())
    throw Errors.conflict("appointment.not_started", {
      vi: "Chưa đến giờ hẹn: chỉ đánh dấu vắng mặt sau khi khung giờ bắt đầu.",
      en: "The slot has not started yet: a booking can be marked absent only once it has.",
    });
  const row = await repo.setStatus(ctx.tx, id, "booked", "no_show");
  if (!row)
    throw Errors.conflict("appointment.not_booked", {
      vi: "Lịch hẹn đã thay đổi.",
      en: "The booking has changed.",
    });
  await repo.releaseSeat(ctx.tx, a.slotId);
  await repo.insertEvent(ctx.tx, { appointmentId: id, kind: "no_show", actorId: ctx.actor.userId });
  ctx.audit.details = { code: a.code };
  return { id, code: a.code, status: row.status };
}

// --- statistics -------------------------------------------------------------------------------

export async function stats(ctx: Ctx, q: { unit: string; from: string; to: string }) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, q.unit);
  const path = await unitPath(ctx.tx, unit.id);
  if (!can(ctx.actor, "org.read", path)) throw Errors.notFound({ vi: "Đơn vị", en: "Unit" });
  if (!can(ctx.actor, "appointment.manage", path) && !can(ctx.actor, "report.read", path))
    throw Errors.forbidden();
  checkRange(q.from, q.to, 366, "query");
  const rows = await repo.statsRows(ctx.tx, unit.id, q.from, q.to);
  return { unit: unitOut(unit), from: q.from, to: q.to, ...appointmentStats(rows) };
}
