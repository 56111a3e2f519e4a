// Public API of the working-day calendar: lunar conversion, public holidays and deadline
// arithmetic on a unit's working calendar. Pure functions, no I/O.

export {
  type CalendarDateNote,
  DEFAULT_WORKING_HOURS,
  type WorkingCalendarConfig,
  type WorkingCalendarInput,
  type WorkingInterval,
  workingCalendarConfigSchema,
} from "./calendar.schemas.ts";
export {
  type CalendarDayOff,
  createWorkingCalendar,
  type WorkingCalendar,
} from "./calendar.ts";
export { type IsoDate, toIsoDate, VIETNAM_UTC_OFFSET_MS, type Weekday } from "./dates.ts";
export {
  DEFAULT_NATIONAL_DAY_ADJACENT,
  DEFAULT_WEEKLY_WORKING_DAYS,
  type HolidayKey,
  listPublicHolidays,
  listStatutoryHolidays,
  type NationalDayAdjacent,
  type PublicHoliday,
  type PublicHolidayOptions,
} from "./holidays.ts";
export {
  convertLunar2Solar,
  convertSolar2Lunar,
  findLeapMonth,
  findLunarMonthLength,
  type LunarDate,
  type SolarDate,
  VIETNAM_TIME_ZONE,
} from "./lunar.ts";
