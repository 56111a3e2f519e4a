// Date arithmetic for the calendar module, all in Vietnam time (UTC+7, no DST).
// Days are counted as "epoch days" (days since 1970-01-01 in local time) so that nothing
// depends on the machine's time zone or on Date's local-time getters.

import { jdFromDate, jdToDate, type SolarDate } from "./lunar.ts";

/** A calendar date in Vietnam, "YYYY-MM-DD". */
export type IsoDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975. */
export const VIETNAM_UTC_OFFSET_MS = 7 * MS_PER_HOUR;

/** Julian day number of 1970-01-01. */
const JD_UNIX_EPOCH = 2440588;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function epochDayFromSolar(date: SolarDate): number {
  return jdFromDate(date.day, date.month, date.year) - JD_UNIX_EPOCH;
}

export function solarFromEpochDay(epochDay: number): SolarDate {
  return jdToDate(epochDay + JD_UNIX_EPOCH);
}

/** Epoch day of a "YYYY-MM-DD" string, or undefined if it is not a real Gregorian date. */
export function findEpochDay(isoDate: string): number | undefined {
  const match = ISO_DATE.exec(isoDate);
  if (match === null) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Round-tripping rejects 2025-02-29, 2025-13-01 and the like.
  const epochDay = epochDayFromSolar(date);
  const back = solarFromEpochDay(epochDay);
  const valid = back.year === date.year && back.month === date.month && back.day === date.day;
  return valid ? epochDay : undefined;
}

export function isIsoDate(value: string): boolean {
  return findEpochDay(value) !== undefined;
}

/** Epoch day of a "YYYY-MM-DD" string; throws RangeError if it is not a real date. */
export function getEpochDay(isoDate: string): number {
  const epochDay = findEpochDay(isoDate);
  if (epochDay === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${isoDate}`);
  return epochDay;
}

export function formatEpochDay(epochDay: number): IsoDate {
  const { year, month, day } = solarFromEpochDay(epochDay);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function isoWeekday(epochDay: number): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((epochDay + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** Minutes after midnight of "HH:MM" (00:00–24:00), or undefined if malformed. */
export function findClockMinutes(clock: string): number | undefined {
  if (!CLOCK_TIME.test(clock)) return undefined;
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

export function getClockMinutes(clock: string): number {
  const minutes = findClockMinutes(clock);
  if (minutes === undefined) throw new RangeError(`Not a clock time (HH:MM): ${clock}`);
  return minutes;
}

function localMillis(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  return ms + VIETNAM_UTC_OFFSET_MS;
}

/** The Vietnam calendar day on which an instant falls. */
export function localEpochDay(instant: Date): number {
  return Math.floor(localMillis(instant) / MS_PER_DAY);
}

/** Milliseconds since Vietnam midnight of an instant. */
export function localMillisOfDay(instant: Date): number {
  const local = localMillis(instant);
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** UTC milliseconds of Vietnam midnight starting an epoch day. */
export function dayStartMillis(epochDay: number): number {
  return epochDay * MS_PER_DAY - VIETNAM_UTC_OFFSET_MS;
}

/** The "YYYY-MM-DD" date in Vietnam of an instant. */
export function toIsoDate(instant: Date): IsoDate {
  return formatEpochDay(localEpochDay(instant));
}

/** The day `n` days after an ISO day (before it when `n` is negative). */
export function addDays(day: IsoDate, n: number): IsoDate {
  return formatEpochDay(getEpochDay(day) + n);
}

/**
 * The instants a range of Vietnam days covers, as timestamps for SQL: the start of its first day
 * (inclusive) and the start of the day after its last (exclusive).
 */
export function periodInstants(from: IsoDate, to: IsoDate): { start: string; end: string } {
  return { start: `${from}T00:00:00+07:00`, end: `${addDays(to, 1)}T00:00:00+07:00` };
}
