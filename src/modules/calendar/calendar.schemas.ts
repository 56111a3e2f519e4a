// The data a unit's working calendar is built from, parsed once at the boundary so a bad
// configuration (overlapping hours, an impossible date) fails where it enters.

import { z } from "zod";
import { msg } from "../../shared/messages.ts";
import { findClockMinutes, isIsoDate } from "./dates.ts";
import { DEFAULT_NATIONAL_DAY_ADJACENT, DEFAULT_WEEKLY_WORKING_DAYS } from "./holidays.ts";

export const clockTimeSchema = z
  .string()
  .refine((value) => findClockMinutes(value) !== undefined, { error: msg("calendar.clock_time") });

export const isoDateSchema = z.string().refine(isIsoDate, { error: msg("date_format") });

export const workingIntervalSchema = z
  .strictObject({ start: clockTimeSchema, end: clockTimeSchema })
  .refine(({ start, end }) => findClockMinutes(start)! < findClockMinutes(end)!, {
    error: msg("calendar.interval_order"),
  });

export const weekdaySchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(6),
  z.literal(7),
]);

export const nationalDayAdjacentSchema = z.enum(["before", "after"]);

export const calendarDateNoteSchema = z.strictObject({
  date: isoDateSchema,
  /** Why, e.g. the number of the government notice announcing the swap. */
  note: z.string().max(500).optional(),
});

export const DEFAULT_WORKING_HOURS = [
  { start: "08:00", end: "12:00" },
  { start: "13:30", end: "17:00" },
] as const;

export const workingCalendarConfigSchema = z
  .strictObject({
    /** Daily working intervals in Vietnam time, ascending and not overlapping. */
    workingHours: z
      .array(workingIntervalSchema)
      .min(1)
      .default(() => DEFAULT_WORKING_HOURS.map((interval) => ({ ...interval }))),
    /** ISO weekdays (1 = Monday) that are working days unless a holiday. */
    weeklyWorkingDays: z
      .array(weekdaySchema)
      .min(1)
      .default(() => [...DEFAULT_WEEKLY_WORKING_DAYS]),
    /** Default choice of the second National Day holiday. */
    nationalDayAdjacent: nationalDayAdjacentSchema.default(DEFAULT_NATIONAL_DAY_ADJACENT),
    /** The government's announced choice per year, e.g. { "2025": "before" }. */
    nationalDayAdjacentByYear: z
      .record(z.string().regex(/^\d{4}$/), nationalDayAdjacentSchema)
      .default(() => ({})),
    /** Working days made days off (swaps, unit-specific closures). */
    extraDaysOff: z.array(calendarDateNoteSchema).default(() => []),
    /** Days made working days (make-up Saturdays, a computed day off the government moved). */
    makeUpWorkingDays: z.array(calendarDateNoteSchema).default(() => []),
  })
  .superRefine((config, ctx) => {
    const minutes = config.workingHours.map((i) => [findClockMinutes(i.start)!, findClockMinutes(i.end)!]);
    for (let i = 1; i < minutes.length; i++) {
      if (minutes[i]![0]! < minutes[i - 1]![1]!) {
        ctx.addIssue({
          code: "custom",
          path: ["workingHours", i],
          message: msg("calendar.intervals_overlap"),
        });
      }
    }
    if (new Set(config.weeklyWorkingDays).size !== config.weeklyWorkingDays.length) {
      ctx.addIssue({
        code: "custom",
        path: ["weeklyWorkingDays"],
        message: msg("calendar.duplicate_weekday"),
      });
    }
    const daysOff = new Set(config.extraDaysOff.map((d) => d.date));
    config.makeUpWorkingDays.forEach((d, i) => {
      if (daysOff.has(d.date)) {
        ctx.addIssue({
          code: "custom",
          path: ["makeUpWorkingDays", i, "date"],
          message: msg("calendar.off_and_makeup"),
        });
      }
    });
  });

/** What a caller may pass: every field optional, defaults filled in by the schema. */
export type WorkingCalendarInput = z.input<typeof workingCalendarConfigSchema>;
/** The parsed configuration, with defaults applied. */
export type WorkingCalendarConfig = z.output<typeof workingCalendarConfigSchema>;
export type WorkingInterval = z.output<typeof workingIntervalSchema>;
export type CalendarDateNote = z.output<typeof calendarDateNoteSchema>;
