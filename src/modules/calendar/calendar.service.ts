// A unit's working calendar as data: read (public), replace (unit administrators), and the
// due date it gives. The arithmetic itself is the pure calendar in calendar.ts.
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { Errors } from "../../shared/errors.ts";
import { findUnit } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import * as repo from "./calendar.repository.ts";
import { type WorkingCalendarInput, workingCalendarConfigSchema } from "./calendar.schemas.ts";
import { createWorkingCalendar } from "./calendar.ts";

const UNIT = { vi: "Đơn vị", en: "Unit" };

/** The calendar in force for a unit: its own, its nearest ancestor's, or the national defaults. */
export async function effectiveCalendar(ctx: Ctx, unitId: string) {
  const unit = await findUnit(ctx.tx, unitId);
  if (!unit) throw Errors.notFound(UNIT);
  const stored = await repo.findEffectiveCalendar(ctx.tx, unitId);
  // Stored JSON passes the schema again on the way out: older rows get today's defaults.
  const config = workingCalendarConfigSchema.parse(stored?.config ?? {});
  return {
    unit,
    source: stored
      ? { unitId: stored.unit_id, unitName: stored.unit_name, savedAt: stored.created_at }
      : null,
    calendar: createWorkingCalendar(config),
  };
}

export async function getUnitCalendar(ctx: Ctx, unitId: string, year: number) {
  const { source, calendar } = await effectiveCalendar(ctx, unitId);
  return {
    unitId,
    year,
    source,
    config: calendar.config,
    workingHoursPerDay: calendar.workingMillisPerDay / 3_600_000,
    daysOff: calendar.holidaysInRange(`${year}-01-01`, `${year}-12-31`),
    history: ctx.actor ? await repo.calendarHistory(ctx.tx, unitId) : [],
  };
}

export async function saveUnitCalendar(
  ctx: Ctx,
  unitId: string,
  input: { config: WorkingCalendarInput; note?: string },
) {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, unitId, "calendar.manage");
  const config = workingCalendarConfigSchema.parse(input.config);
  await repo.insertUnitCalendar(ctx.tx, {
    unitId,
    config,
    note: input.note ?? null,
    createdBy: ctx.actor.userId,
  });
  ctx.audit.details = { note: input.note ?? null };
  return getUnitCalendar(ctx, unitId, Number(vietnamDate().slice(0, 4)));
}

export async function dueDate(
  ctx: Ctx,
  unitId: string,
  q: { from: string; workingDays?: number; workingHours?: number; sameDay?: boolean },
) {
  const { calendar } = await effectiveCalendar(ctx, unitId);
  const from = new Date(q.from);
  const due = q.sameDay
    ? calendar.sameDayDue(from)
    : q.workingHours !== undefined
      ? calendar.addWorkingHours(from, q.workingHours)
      : calendar.addWorkingDays(from, q.workingDays ?? 0);
  return {
    from: from.toISOString(),
    due: due.toISOString(),
    workingHoursBetween: calendar.workingHoursBetween(from, due),
  };
}
