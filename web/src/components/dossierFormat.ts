// Display helpers for dossiers: instants in Vietnam time (dd/MM/yyyy HH:mm, whatever the browser's
// time zone), and the number of each printable form under the dossier's rule set.
import type { DossierForm } from "../api/types";

const VIETNAM = "Asia/Ho_Chi_Minh";

const dateTimeParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: VIETNAM,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(instant: string): Record<string, string> | null {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(dateTimeParts.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "24/11/2026 15:30" in Vietnam time; "" for null. */
export function formatVnDateTime(instant: string | null | undefined): string {
  if (!instant) return "";
  const p = parts(instant);
  if (!p) return instant;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** "24/11/2026" (the Vietnam date of an instant). */
export function formatVnDate(instant: string | null | undefined): string {
  if (!instant) return "";
  const p = parts(instant);
  if (!p) return instant;
  return `${p.day}/${p.month}/${p.year}`;
}

/** Today's Vietnam date as YYYY-MM-DD. */
export function vietnamToday(now = new Date()): string {
  const p = parts(now.toISOString());
  return p ? `${p.year}-${p.month}-${p.day}` : now.toISOString().slice(0, 10);
}

/**
 * "2026-11-30T16:00" (a datetime-local value, read as Vietnam time) → ISO with the +07:00 offset
 * the API expects; undefined when empty or malformed.
 */
export function vietnamLocalToIso(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  return `${value}:00+07:00`;
}

/** Form numbers: Circular 01/2018 (rule set 2018) and Circular 03/2025 (from 2025-07-01). */
const FORM_NUMBERS: Record<string, Partial<Record<DossierForm, string>>> = {
  "2018": { receipt: "01", supplement: "02", refusal: "03", apology: "04", control: "05" },
  "2025": { receipt: "01", supplement: "02", refusal: "03", apology: "04", stop: "05", control: "06" },
};

export function formNumber(ruleSet: string, form: DossierForm): string {
  return FORM_NUMBERS[ruleSet]?.[form] ?? FORM_NUMBERS["2025"]![form] ?? "";
}
