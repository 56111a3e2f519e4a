// The calendar edit form's values and the PUT body they become. Field paths match the server's
// ("config.workingHours.1.end", "config.makeUpWorkingDays.0.date"), so its errors land on fields.
import type { AdjacentDay, CalendarConfig, DateNote, IsoWeekday } from "../../api/types";
import { optional } from "../org/formRules";

export interface CalendarFormValues {
  config: {
    workingHours: { start?: string; end?: string }[];
    weeklyWorkingDays: IsoWeekday[];
    nationalDayAdjacent: AdjacentDay;
    /** The per-year choices as rows; the server's record is keyed by year. */
    adjacentByYear: { year?: number | null; choice?: AdjacentDay }[];
    extraDaysOff: { date?: string; note?: string }[];
    makeUpWorkingDays: { date?: string; note?: string }[];
  };
  note?: string;
}

export function toFormValues(config: CalendarConfig): CalendarFormValues {
  return {
    config: {
      workingHours: config.workingHours.map((interval) => ({ ...interval })),
      weeklyWorkingDays: [...config.weeklyWorkingDays],
      nationalDayAdjacent: config.nationalDayAdjacent,
      adjacentByYear: Object.entries(config.nationalDayAdjacentByYear)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([year, choice]) => ({ year: Number(year), choice })),
      extraDaysOff: config.extraDaysOff.map((day) => ({ ...day })),
      makeUpWorkingDays: config.makeUpWorkingDays.map((day) => ({ ...day })),
    },
    note: "",
  };
}

function dateNotes(rows: { date?: string; note?: string }[]): DateNote[] {
  return rows.map((row) => {
    const note = optional(row.note);
    return { date: row.date ?? "", ...(note ? { note } : {}) };
  });
}

export function toBody(values: CalendarFormValues): { config: CalendarConfig; note?: string } {
  const { config } = values;
  const note = optional(values.note);
  return {
    config: {
      workingHours: config.workingHours.map((i) => ({ start: i.start ?? "", end: i.end ?? "" })),
      weeklyWorkingDays: [...config.weeklyWorkingDays].sort((a, b) => a - b),
      nationalDayAdjacent: config.nationalDayAdjacent,
      nationalDayAdjacentByYear: Object.fromEntries(
        config.adjacentByYear
          .filter((row) => row.year && row.choice)
          .map((row) => [String(row.year), row.choice as AdjacentDay]),
      ),
      extraDaysOff: dateNotes(config.extraDaysOff),
      makeUpWorkingDays: dateNotes(config.makeUpWorkingDays),
    },
    ...(note ? { note } : {}),
  };
}

const FORM_FIELDS = [
  /^config\.workingHours\.\d+\.(start|end)$/,
  /^config\.weeklyWorkingDays$/,
  /^config\.nationalDayAdjacent$/,
  /^config\.(extraDaysOff|makeUpWorkingDays)\.\d+\.(date|note)$/,
  /^note$/,
];

/** Server field problems shown under a form field; the others (e.g. overlapping hours) go to the alert. */
export function isCalendarField(field: string): boolean {
  return FORM_FIELDS.some((pattern) => pattern.test(field));
}
