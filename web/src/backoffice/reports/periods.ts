// The report periods offered as presets. Every period ends today at the latest (figures of days
// not yet lived would only be projections); the official year of Decree 09/2019 runs from
// 15 December of the previous year to 14 December.
import { addDays } from "../dashboard/reportFilters";

export const PRESETS = ["days90", "month", "quarter", "half", "year", "officialYear"] as const;
export type Preset = (typeof PRESETS)[number];

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const min = (a: string, b: string) => (a < b ? a : b);

/** The preset's first and last day, given today ("YYYY-MM-DD", a Vietnam day). */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  switch (preset) {
    case "days90":
      return { from: addDays(today, -89), to: today };
    case "month":
      return { from: iso(y, m, 1), to: today };
    case "quarter":
      return { from: iso(y, m - ((m - 1) % 3), 1), to: today };
    case "half":
      return { from: iso(y, m <= 6 ? 1 : 7, 1), to: today };
    case "year":
      return { from: iso(y, 1, 1), to: today };
    case "officialYear": {
      // After 14 December the next official year has begun.
      const end = today > iso(y, 12, 14) ? y + 1 : y;
      return { from: iso(end - 1, 12, 15), to: min(iso(end, 12, 14), today) };
    }
  }
}

/** The preset a period is, if any. */
export function presetOf(from: string, to: string, today: string): Preset | undefined {
  return PRESETS.find((p) => {
    const r = presetRange(p, today);
    return r.from === from && r.to === to;
  });
}
