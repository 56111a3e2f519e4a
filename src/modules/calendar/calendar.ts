// A unit's working calendar: which days and hours count toward legal deadlines, and the
// deadline arithmetic on top of them. Pure: built from data, no clock, no I/O; every
// computation is in Vietnam time (UTC+7) whatever the machine's time zone.

import {
  type CalendarDateNote,
  type WorkingCalendarConfig,
  type WorkingCalendarInput,
  workingCalendarConfigSchema,
} from "./calendar.schemas.ts";
import {
  dayStartMillis,
  formatEpochDay,
  getClockMinutes,
  getEpochDay,
  type IsoDate,
  isoWeekday,
  localEpochDay,
  localMillisOfDay,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  solarFromEpochDay,
} from "./dates.ts";
import { type HolidayKey, listPublicHolidays, type PublicHoliday } from "./holidays.ts";

/** A day off as the calendar observes it: a public holiday or a unit's own day off. */
export interface CalendarDayOff {
  date: IsoDate;
  key: HolidayKey | "unit-day-off";
  nameVi: string;
  nameEn: string;
  kind: PublicHoliday["kind"] | "unit";
  compensatesFor?: IsoDate;
}

export interface WorkingCalendar {
  readonly config: WorkingCalendarConfig;
  /** Length of one full working day of this unit, e.g. 7.5 h for 08:00–12:00 + 13:30–17:00. */
  readonly workingMillisPerDay: number;
  isWorkingDay(date: IsoDate): boolean;
  /** Inside a working interval: start inclusive, end exclusive. */
  isWithinWorkingTime(instant: Date): boolean;
  /** The instant itself if within working time, else the next opening. */
  nextWorkingInstant(instant: Date): Date;
  /** Same time of day `days` working days later (or earlier), from the next working instant. */
  addWorkingDays(instant: Date, days: number): Date;
  /** Earliest instant by which `hours` of working time have elapsed (latest, if negative). */
  addWorkingHours(instant: Date, hours: number): Date;
  addWorkingMillis(instant: Date, millis: number): Date;
  /** Working time from `a` to `b`, negative if `b` is before `a`. */
  workingMillisBetween(a: Date, b: Date): number;
  workingHoursBetween(a: Date, b: Date): number;
  /** Due instant of a "same day" procedure: closing time today, or of the next working day. */
  sameDayDue(receivedAt: Date, cutoff?: string): Date;
  /** Days off from `from` to `to` inclusive, in date order. */
  holidaysInRange(from: IsoDate, to: IsoDate): CalendarDayOff[];
}

/**
 * Longest run of consecutive days off we accept before calling the configuration broken.
 * Real runs are at most about ten days (Tết); this only stops an endless search when every
 * day has been configured off.
 */
const MAX_DAYS_OFF_IN_A_ROW = 366;

interface Interval {
  /** Milliseconds after Vietnam midnight. */
  start: number;
  end: number;
}

interface YearDaysOff {
  /** An array: two holidays can share a date (Hùng Kings' day was 30 April in 1947). */
  byDay: Map<number, PublicHoliday[]>;
}

function unitDayOff(note: CalendarDateNote): CalendarDayOff {
  return {
    date: note.date,
    key: "unit-day-off",
    nameVi: note.note ?? "Ngày nghỉ theo quyết định của cơ quan",
    nameEn: note.note ?? "Day off announced by the authority",
    kind: "unit",
  };
}

function noWorkingDayError(fromDay: number): Error {
  return new RangeError(
    `No working day within ${MAX_DAYS_OFF_IN_A_ROW} days of ${formatEpochDay(fromDay)}: check the calendar configuration`,
  );
}

/** Build a working calendar from data; throws a ZodError if the data is invalid. */
export function createWorkingCalendar(input: WorkingCalendarInput = {}): WorkingCalendar {
  const config = workingCalendarConfigSchema.parse(input);
  const intervals: readonly Interval[] = config.workingHours.map((i) => ({
    start: getClockMinutes(i.start) * MS_PER_MINUTE,
    end: getClockMinutes(i.end) * MS_PER_MINUTE,
  }));
  const closing = intervals[intervals.length - 1]!.end;
  const workingMillisPerDay = intervals.reduce((sum, i) => sum + i.end - i.start, 0);
  const weeklyWorkingDays = new Set(config.weeklyWorkingDays);
  const extraDaysOff = new Map(config.extraDaysOff.map((d) => [getEpochDay(d.date), d]));
  const makeUpWorkingDays = new Set(config.makeUpWorkingDays.map((d) => getEpochDay(d.date)));

  // Holidays are computed per year on first use; the cache makes long scans cheap.
  const yearCache = new Map<number, YearDaysOff>();
  function daysOffOfYear(year: number): YearDaysOff {
    let cached = yearCache.get(year);
    if (cached === undefined) {
      const holidays = listPublicHolidays(year, {
        nationalDayAdjacent: config.nationalDayAdjacentByYear[String(year)] ?? config.nationalDayAdjacent,
        weeklyWorkingDays: config.weeklyWorkingDays,
      });
      const byDay = new Map<number, PublicHoliday[]>();
      for (const h of holidays) {
        const day = getEpochDay(h.date);
        byDay.set(day, [...(byDay.get(day) ?? []), h]);
      }
      cached = { byDay };
      yearCache.set(year, cached);
    }
    return cached;
  }

  // Unit data wins over computation: the yearly government notice is the source of truth.
  function isWorkingEpochDay(day: number): boolean {
    if (extraDaysOff.has(day)) return false;
    if (makeUpWorkingDays.has(day)) return true;
    if (daysOffOfYear(solarFromEpochDay(day).year).byDay.has(day)) return false;
    return weeklyWorkingDays.has(isoWeekday(day));
  }

  /** First working day at or after (step 1) / at or before (step −1) a day. */
  function scanWorkingDay(day: number, step: 1 | -1): number {
    for (let i = 0; i <= MAX_DAYS_OFF_IN_A_ROW; i++) {
      const candidate = day + i * step;
      if (isWorkingEpochDay(candidate)) return candidate;
    }
    throw noWorkingDayError(day);
  }

  function nextWorkingInstant(instant: Date): Date {
    let day = localEpochDay(instant);
    let timeOfDay = localMillisOfDay(instant);
    for (let i = 0; i <= MAX_DAYS_OFF_IN_A_ROW + 1; i++, day++, timeOfDay = 0) {
      if (!isWorkingEpochDay(day)) continue;
      for (const interval of intervals) {
        if (timeOfDay < interval.end)
          return new Date(dayStartMillis(day) + Math.max(timeOfDay, interval.start));
      }
    }
    throw noWorkingDayError(localEpochDay(instant));
  }

  function addWorkingMillis(instant: Date, millis: number): Date {
    if (!Number.isFinite(millis)) throw new RangeError(`Not a finite duration: ${millis}`);
    const whole = Math.round(millis); // Date has millisecond resolution
    // A zero duration still must not land outside working time.
    if (whole === 0) return nextWorkingInstant(instant);
    let remaining = Math.abs(whole);
    let day = localEpochDay(instant);
    let timeOfDay = localMillisOfDay(instant);
    let daysOffInARow = 0;
    if (whole > 0) {
      for (; ; day++, timeOfDay = 0) {
        if (!isWorkingEpochDay(day)) {
          if (++daysOffInARow > MAX_DAYS_OFF_IN_A_ROW) throw noWorkingDayError(day);
          continue;
        }
        daysOffInARow = 0;
        for (const interval of intervals) {
          if (timeOfDay >= interval.end) continue;
          const from = Math.max(timeOfDay, interval.start);
          // `<=`: when the time runs out exactly at a closing time, the due instant is that
          // closing time (12:00, 17:00), not the next opening.
          if (remaining <= interval.end - from) return new Date(dayStartMillis(day) + from + remaining);
          remaining -= interval.end - from;
        }
      }
    }
    for (; ; day--, timeOfDay = MS_PER_DAY) {
      if (!isWorkingEpochDay(day)) {
        if (++daysOffInARow > MAX_DAYS_OFF_IN_A_ROW) throw noWorkingDayError(day);
        continue;
      }
      daysOffInARow = 0;
      for (let i = intervals.length - 1; i >= 0; i--) {
        const interval = intervals[i]!;
        if (timeOfDay <= interval.start) continue;
        const to = Math.min(timeOfDay, interval.end);
        if (remaining <= to - interval.start) return new Date(dayStartMillis(day) + to - remaining);
        remaining -= to - interval.start;
      }
    }
  }

  function workingMillisBetween(a: Date, b: Date): number {
    const from = a.getTime();
    const to = b.getTime();
    if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError("Invalid Date");
    if (to < from) return -workingMillisBetween(b, a);
    let total = 0;
    const lastDay = localEpochDay(b);
    for (let day = localEpochDay(a); day <= lastDay; day++) {
      if (!isWorkingEpochDay(day)) continue;
      const base = dayStartMillis(day);
      for (const interval of intervals) {
        const overlap = Math.min(base + interval.end, to) - Math.max(base + interval.start, from);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  function addWorkingDays(instant: Date, days: number): Date {
    if (!Number.isSafeInteger(days)) {
      throw new RangeError(`Working days must be a whole number (use addWorkingHours for parts): ${days}`);
    }
    const start = nextWorkingInstant(instant);
    const timeOfDay = localMillisOfDay(start);
    const step = days < 0 ? -1 : 1;
    let day = localEpochDay(start);
    for (let left = Math.abs(days); left > 0; left--) day = scanWorkingDay(day + step, step);
    // Every working day has the same hours, so this time of day is within working time.
    return new Date(dayStartMillis(day) + timeOfDay);
  }

  function sameDayDue(receivedAt: Date, cutoff = "15:00"): Date {
    const cutoffMillis = getClockMinutes(cutoff) * MS_PER_MINUTE;
    const day = localEpochDay(receivedAt);
    const timeOfDay = localMillisOfDay(receivedAt);
    // Received at or after the cutoff, after closing, or on a day off: next working day.
    const today = isWorkingEpochDay(day) && timeOfDay < Math.min(cutoffMillis, closing);
    const dueDay = today ? day : scanWorkingDay(day + 1, 1);
    return new Date(dayStartMillis(dueDay) + closing);
  }

  function holidaysInRange(from: IsoDate, to: IsoDate): CalendarDayOff[] {
    const first = getEpochDay(from);
    const last = getEpochDay(to);
    const result: CalendarDayOff[] = [];
    if (last < first) return result;
    const firstYear = solarFromEpochDay(first).year;
    const lastYear = solarFromEpochDay(last).year;
    const publicDays = new Set<number>();
    for (let year = firstYear; year <= lastYear; year++) {
      for (const [day, holidays] of daysOffOfYear(year).byDay) {
        // A holiday turned into a working day by the unit's data is not a day off.
        if (day < first || day > last || makeUpWorkingDays.has(day)) continue;
        publicDays.add(day);
        result.push(...holidays);
      }
    }
    for (const [day, note] of extraDaysOff) {
      if (day >= first && day <= last && !publicDays.has(day)) result.push(unitDayOff(note));
    }
    return result.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  }

  return {
    config,
    workingMillisPerDay,
    isWorkingDay: (date) => isWorkingEpochDay(getEpochDay(date)),
    isWithinWorkingTime: (instant) => {
      const timeOfDay = localMillisOfDay(instant);
      return (
        isWorkingEpochDay(localEpochDay(instant)) &&
        intervals.some((i) => timeOfDay >= i.start && timeOfDay < i.end)
      );
    },
    nextWorkingInstant,
    addWorkingDays,
    addWorkingHours: (instant, hours) => addWorkingMillis(instant, Math.round(hours * MS_PER_HOUR)),
    addWorkingMillis,
    workingMillisBetween,
    workingHoursBetween: (a, b) => workingMillisBetween(a, b) / MS_PER_HOUR,
    sameDayDue,
    holidaysInRange,
  };
}
