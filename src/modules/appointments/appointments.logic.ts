// Appointments, the pure part: which slots a unit's calendar and rules allow, whether a booking
// (or its cancellation) is still allowed at an instant, booking codes, the per-person key, the
// iCalendar file and the statistics. No clock, no database: every instant is a parameter.
import { createHash, randomInt } from "node:crypto";
import { blindIndexesOf, blindIndexOf } from "../../db/encrypted.ts";
import {
  dayStartMillis,
  findClockMinutes,
  formatEpochDay,
  getEpochDay,
  isoWeekday,
  localEpochDay,
  localMillisOfDay,
  MS_PER_MINUTE,
} from "../calendar/dates.ts";
import type { IsoDate, WorkingCalendar } from "../calendar/index.ts";

export type ClockWindow = { start: string; end: string };

/** A unit's booking rules (appointment_rules; the defaults when the unit has no row). */
export type AppointmentRules = {
  slotMinutes: number;
  bookDaysAhead: number;
  minLeadMinutes: number;
  cancelMinutesBefore: number;
  perPersonPerDay: number;
  /** Saturday-morning reception, or null when the desk is closed on Saturdays. */
  saturdayMorning: ClockWindow | null;
};

export const DEFAULT_RULES: AppointmentRules = {
  slotMinutes: 30,
  bookDaysAhead: 30,
  minLeadMinutes: 60,
  cancelMinutesBefore: 120,
  perPersonPerDay: 2,
  saturdayMorning: null,
};

/** A time window on one Vietnam day. */
export type SlotWindow = { day: IsoDate; startsAt: Date; endsAt: Date };

/** Publishing never makes more than this many windows in one go (a year of 30-minute slots). */
export const MAX_WINDOWS = 10_000;

type Minutes = { start: number; end: number };

const minutesOf = (w: ClockWindow): Minutes => ({
  start: findClockMinutes(w.start) ?? Number.NaN,
  end: findClockMinutes(w.end) ?? Number.NaN,
});

/**
 * The desk's opening windows on a day, in minutes after Vietnam midnight: the unit's working
 * hours on a working day (make-up days included), the Saturday-morning session on a Saturday
 * that is neither a working day nor a day off (holiday, compensatory or unit day off), else none.
 */
export function openingWindows(calendar: WorkingCalendar, rules: AppointmentRules, day: IsoDate): Minutes[] {
  if (calendar.isWorkingDay(day)) return calendar.config.workingHours.map(minutesOf);
  if (
    rules.saturdayMorning &&
    isoWeekday(getEpochDay(day)) === 6 &&
    calendar.holidaysInRange(day, day).length === 0
  )
    return [minutesOf(rules.saturdayMorning)];
  return [];
}

/**
 * The slot windows from `from` to `to` (Vietnam days, inclusive): each opening window cut into
 * slots of `slotMinutes` (a remainder shorter than a slot is left out), optionally narrowed to
 * a time of day (`within`).
 */
export function generateSlotWindows(
  calendar: WorkingCalendar,
  rules: AppointmentRules,
  from: IsoDate,
  to: IsoDate,
  within?: ClockWindow,
): SlotWindow[] {
  const first = getEpochDay(from);
  const last = getEpochDay(to);
  const limit = within ? minutesOf(within) : { start: 0, end: 24 * 60 };
  const result: SlotWindow[] = [];
  for (let d = first; d <= last; d++) {
    const day = formatEpochDay(d);
    const base = dayStartMillis(d);
    for (const w of openingWindows(calendar, rules, day)) {
      const start = Math.max(w.start, limit.start);
      const end = Math.min(w.end, limit.end);
      for (let m = start; m + rules.slotMinutes <= end; m += rules.slotMinutes) {
        if (result.length >= MAX_WINDOWS) throw new RangeError(`More than ${MAX_WINDOWS} slots`);
        result.push({
          day,
          startsAt: new Date(base + m * MS_PER_MINUTE),
          endsAt: new Date(base + (m + rules.slotMinutes) * MS_PER_MINUTE),
        });
      }
    }
  }
  return result;
}

/** Does a window lie within one opening window of its day (the calendar may change after publishing)? */
export function isWithinOpeningHours(
  calendar: WorkingCalendar,
  rules: AppointmentRules,
  startsAt: Date,
  endsAt: Date,
): boolean {
  const d = localEpochDay(startsAt);
  if (localEpochDay(new Date(endsAt.getTime() - 1)) !== d) return false;
  const start = localMillisOfDay(startsAt) / MS_PER_MINUTE;
  const end = start + (endsAt.getTime() - startsAt.getTime()) / MS_PER_MINUTE;
  return openingWindows(calendar, rules, formatEpochDay(d)).some((w) => start >= w.start && end <= w.end);
}

export type BookingRefusal = "past" | "lead_time" | "too_far";
export type CancelRefusal = "past" | "cancel_deadline";

/** May a slot starting at `startsAt` be booked at `now`? The reason when not. */
export function bookingRefusal(
  startsAt: Date,
  rules: Pick<AppointmentRules, "minLeadMinutes" | "bookDaysAhead">,
  now: Date,
): BookingRefusal | null {
  const ahead = startsAt.getTime() - now.getTime();
  if (ahead <= 0) return "past";
  if (ahead < rules.minLeadMinutes * MS_PER_MINUTE) return "lead_time";
  if (localEpochDay(startsAt) - localEpochDay(now) > rules.bookDaysAhead) return "too_far";
  return null;
}

/** May a booking of a slot starting at `startsAt` be cancelled or moved at `now`? */
export function cancelRefusal(
  startsAt: Date,
  rules: Pick<AppointmentRules, "cancelMinutesBefore">,
  now: Date,
): CancelRefusal | null {
  const ahead = startsAt.getTime() - now.getTime();
  if (ahead <= 0) return "past";
  if (ahead < rules.cancelMinutesBefore * MS_PER_MINUTE) return "cancel_deadline";
  return null;
}

// --- booking codes ----------------------------------------------------------------------------

/** Digits and capitals without the look-alikes 0/O, 1/I/L, U/V: 30 symbols, read out without doubt. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_PREFIX = "LH-";
const CODE_LENGTH = 8;
const CODE = new RegExp(`^${CODE_PREFIX}[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A new booking code, `LH-` + 8 random symbols (30^8 ≈ 6.6·10^11: not guessable at a rate limit). */
export function newBookingCode(random: (max: number) => number = randomInt): string {
  let s = CODE_PREFIX;
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return s;
}

/** A code as typed ("lh-abcd 2345", "ABCD2345") in its stored form, or undefined. */
export function normaliseBookingCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const body = compact.startsWith("LH") && compact.length === CODE_LENGTH + 2 ? compact.slice(2) : compact;
  const code = `${CODE_PREFIX}${body}`;
  return CODE.test(code) ? code : undefined;
}

// --- persons ----------------------------------------------------------------------------------

/** A Vietnamese phone number in its national form `0xxxxxxxxx`, from `+84 90 123 4567`, `090.123.4567` …; undefined when it is not one. */
export function normaliseVietnamPhone(input: string): string | undefined {
  let digits = input.trim().replace(/[\s.()-]/g, "");
  if (digits.startsWith("+84")) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith("84") && digits.length === 11) digits = `0${digits.slice(2)}`;
  return /^0[1-9]\d{8}$/.test(digits) ? digits : undefined;
}

/**
 * Who a booking is for (appointments.person_key: the per-day limit, the person lock): the keyed
 * blind index of the normalised phone number under the first index key (MOTCUA_INDEX_KEYS). It
 * was an unkeyed SHA-256, which anyone could reverse by hashing the 10^9 numbers.
 */
export function personKey(phone: string): string {
  const normal = normaliseVietnamPhone(phone);
  if (!normal) throw new RangeError("Not a Vietnamese phone number");
  return blindIndexOf("phone", normal);
}

/**
 * Every person_key a booking of this phone may carry, for an equality search
 * (`person_key = any(…)`): its blind index under each index key (the first key's first, rows
 * indexed before a key rotation), then the former unkeyed hash, which rows written before the
 * switch hold until `motcua keys rotate` recomputes them (drop it once `keys rotate --check` is clean).
 */
export function personKeys(phone: string): string[] {
  const normal = normaliseVietnamPhone(phone);
  if (!normal) throw new RangeError("Not a Vietnamese phone number");
  const legacy = createHash("sha256")
    .update(`motcua-appointment-person:${normal}`)
    .digest("hex")
    .slice(0, 32);
  return [...blindIndexesOf("phone", normal), legacy];
}

/** A list of hex keys as a PostgreSQL text[] literal (`{a,b}`), for `= any(${…}::text[])`. */
export function keyArray(keys: readonly string[]): string {
  for (const k of keys) if (!/^[0-9a-f]+$/.test(k)) throw new RangeError("not a hex key");
  return `{${keys.join(",")}}`;
}

// --- iCalendar (RFC 5545) -------------------------------------------------------------------

export type IcsEvent = {
  /** The booking code: the UID is `code@motcua`, the same for every version of the booking. */
  code: string;
  stamp: Date;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** A display alarm this many minutes before the start. */
  alarmMinutesBefore?: number;
  alarmText?: string;
  /** CANCELLED for a cancelled booking (with a higher sequence). */
  status?: "CONFIRMED" | "CANCELLED";
  sequence?: number;
};

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** UTC date-time form, e.g. 20260213T013000Z. */
export function icsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space,
 * which counts toward their 75; a UTF-8 character is never split.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    const max = parts.length === 0 ? 75 : 74;
    if (octets + size > max) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** One VCALENDAR with one VEVENT (METHOD:PUBLISH: an entry for the citizen's own calendar). */
export function icsCalendar(e: IcsEvent): string {
  const text = (name: string, value: string | undefined) =>
    value === undefined ? [] : [`${name}:${escapeIcsText(value)}`];
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//motcua//Appointments//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${e.code}@motcua`,
    `DTSTAMP:${icsUtc(e.stamp)}`,
    `DTSTART:${icsUtc(e.startsAt)}`,
    `DTEND:${icsUtc(e.endsAt)}`,
    `SEQUENCE:${e.sequence ?? 0}`,
    `STATUS:${e.status ?? "CONFIRMED"}`,
    ...text("SUMMARY", e.summary),
    ...text("DESCRIPTION", e.description),
    ...text("LOCATION", e.location),
    ...(e.url ? [`URL:${e.url}`] : []),
    ...(e.alarmMinutesBefore !== undefined && e.status !== "CANCELLED"
      ? [
          "BEGIN:VALARM",
          "ACTION:DISPLAY",
          `TRIGGER:-PT${Math.max(0, Math.round(e.alarmMinutesBefore))}M`,
          ...text("DESCRIPTION", e.alarmText ?? e.summary),
          "END:VALARM",
        ]
      : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldIcsLine).join("\r\n")}\r\n`;
}

// --- statistics -------------------------------------------------------------------------------

export type StatsRow = {
  status: "booked" | "cancelled" | "checked_in" | "served" | "no_show";
  /** A cancelled booking replaced by a new one (a reschedule). */
  replaced: boolean;
  sector: string | null;
  day: IsoDate;
  createdAt: Date;
  startsAt: Date;
};

export type StatsCells = {
  bookings: number;
  /** Still booked (not yet checked in, cancelled or marked absent). */
  open: number;
  cancelled: number;
  rescheduled: number;
  attended: number;
  noShow: number;
  /** No-shows among the bookings whose day is settled (attended or absent); null when none. */
  noShowRate: number | null;
  /** Hours from booking to slot: median and 90th percentile (nearest rank); null when none. */
  leadTimeHours: { median: number | null; p90: number | null };
};

/** The q-quantile of sorted values by the nearest-rank method; null for no values. */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

export function statsCells(rows: readonly StatsRow[]): StatsCells {
  const c = { bookings: rows.length, open: 0, cancelled: 0, rescheduled: 0, attended: 0, noShow: 0 };
  const leads: number[] = [];
  for (const r of rows) {
    if (r.status === "booked") c.open++;
    else if (r.status === "cancelled") r.replaced ? c.rescheduled++ : c.cancelled++;
    else if (r.status === "no_show") c.noShow++;
    else c.attended++;
    leads.push((r.startsAt.getTime() - r.createdAt.getTime()) / 3_600_000);
  }
  leads.sort((a, b) => a - b);
  const settled = c.attended + c.noShow;
  return {
    ...c,
    noShowRate: settled === 0 ? null : round2(c.noShow / settled),
    leadTimeHours: { median: round2(nearestRank(leads, 0.5)), p90: round2(nearestRank(leads, 0.9)) },
  };
}

/** Totals, per sector (null: any sector) and per day of the slot, each sorted by its key. */
export function appointmentStats(rows: readonly StatsRow[]) {
  const group = <K extends string>(key: (r: StatsRow) => K) => {
    const map = new Map<K, StatsRow[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  return {
    total: statsCells(rows),
    sectors: group((r) => r.sector ?? "").map(([sector, rs]) => ({
      sector: sector || null,
      ...statsCells(rs),
    })),
    days: group((r) => r.day).map(([day, rs]) => ({ day, ...statsCells(rs) })),
  };
}
