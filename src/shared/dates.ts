// "Today" in Vietnam (UTC+7, no daylight saving), whatever the server's or database's zone:
// between 00:00 and 07:00 Vietnam time the UTC date is still yesterday.
import { sql } from "drizzle-orm";

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The Vietnam calendar date of an instant, YYYY-MM-DD. */
export const vietnamDate = (instant: Date = new Date()): string =>
  new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** The same, computed by the database (sessions run in UTC). */
export const vietnamTodaySql = sql`(now() at time zone 'Asia/Ho_Chi_Minh')::date`;
