// The server's own process arithmetic, for the live draft: one implementation, so the total
// and timeline shown while editing are exactly what the server will check.
export { stepSchedule, totalHours } from "../../../../src/modules/process/process.logic.ts";

/** "22,5" in Vietnamese, "22.5" in English. */
export function formatHours(hours: number, lang: "vi" | "en"): string {
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 }).format(hours);
}
