// What each day of a year is for a unit, from the calendar the server returns: its weekly working
// days, the days off it computed (holidays, compensatory days, the unit's days off) and the unit's
// make-up working days. Dates are calendar dates ("YYYY-MM-DD"), computed in UTC so no local time
// zone can shift them.
import type { CalendarDayOff, UnitCalendar } from "../../api/types";
import type { Lang } from "../../i18n";

export type DayKind = "working" | "weekend" | "holiday" | "compensatory" | "unitOff" | "makeUp";

export interface DayInfo {
  date: string;
  day: number;
  kind: DayKind;
  /** Names of the days off on that date, or the note of a make-up day, in the current language. */
  names: string[];
}

export function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dayOffName(dayOff: CalendarDayOff, lang: Lang): string {
  return lang === "vi" ? dayOff.nameVi : dayOff.nameEn;
}

const KIND_OF: Record<CalendarDayOff["kind"], DayKind> = {
  statutory: "holiday",
  compensatory: "compensatory",
  unit: "unitOff",
};

/** Every day of one month, classified; days off win over weekends, make-up days over both. */
export function monthDays(calendar: UnitCalendar, month: number, lang: Lang): DayInfo[] {
  const { year, config } = calendar;
  const off = new Map<string, CalendarDayOff[]>();
  for (const dayOff of calendar.daysOff) off.set(dayOff.date, [...(off.get(dayOff.date) ?? []), dayOff]);
  const makeUp = new Map(config.makeUpWorkingDays.map((d) => [d.date, d.note ?? ""]));
  const working = new Set<number>(config.weeklyWorkingDays);
  const days: DayInfo[] = [];
  for (let day = 1; day <= daysInMonth(year, month); day++) {
    const date = isoDate(year, month, day);
    const offs = off.get(date);
    if (makeUp.has(date)) {
      const note = makeUp.get(date);
      days.push({ date, day, kind: "makeUp", names: note ? [note] : [] });
    } else if (offs) {
      days.push({ date, day, kind: KIND_OF[offs[0]!.kind], names: offs.map((d) => dayOffName(d, lang)) });
    } else {
      const weekend = !working.has(isoWeekday(year, month, day));
      days.push({ date, day, kind: weekend ? "weekend" : "working", names: [] });
    }
  }
  return days;
}

/** The month's days in weeks of seven (Monday first), with null before the 1st and after the end. */
export function monthWeeks(days: DayInfo[], year: number, month: number): (DayInfo | null)[][] {
  const cells: (DayInfo | null)[] = [
    ...Array.from({ length: isoWeekday(year, month, 1) - 1 }, () => null),
    ...days,
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (DayInfo | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
