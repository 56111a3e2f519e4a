// Public holidays of a Gregorian year: Labour Code 2019 Art. 112(1), with the compensatory
// days off of Art. 111(3). Lunar dates are computed, never typed in. Yearly government
// arrangements (which day next to 2/9, swaps, make-up Saturdays) are data, handled by the
// options here and by the working calendar's overrides.

import { epochDayFromSolar, formatEpochDay, type IsoDate, isoWeekday, type Weekday } from "./dates.ts";
import { convertLunar2Solar, type LunarDate } from "./lunar.ts";

export type HolidayKey =
  | "new-year"
  | "lunar-new-year-eve"
  | "lunar-new-year-1"
  | "lunar-new-year-2"
  | "lunar-new-year-3"
  | "lunar-new-year-4"
  | "hung-kings"
  | "reunification-day"
  | "labour-day"
  | "national-day"
  | "national-day-adjacent";

/** Which day next to 2 September is the second National Day holiday. */
export type NationalDayAdjacent = "before" | "after";

export interface PublicHoliday {
  date: IsoDate;
  /** For a compensatory day, the key of the holiday it compensates. */
  key: HolidayKey;
  nameVi: string;
  nameEn: string;
  /** "statutory": listed in Art. 112(1); "compensatory": Art. 111(3) replacement of a rest day. */
  kind: "statutory" | "compensatory";
  /** For a compensatory day, the date of the holiday that fell on a weekly rest day. */
  compensatesFor?: IsoDate;
}

export interface PublicHolidayOptions {
  /** Default "after": 3 September. The government announces the actual choice each year. */
  nationalDayAdjacent?: NationalDayAdjacent;
  /** Weekly working days (ISO weekdays); the others are weekly rest days. Default Monday–Friday. */
  weeklyWorkingDays?: readonly Weekday[];
}

export const DEFAULT_WEEKLY_WORKING_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];
export const DEFAULT_NATIONAL_DAY_ADJACENT: NationalDayAdjacent = "after";

interface HolidayName {
  nameVi: string;
  nameEn: string;
}

// Names follow the wording of Art. 112(1) so printed calendars match the law.
const HOLIDAY_NAMES: Readonly<Record<HolidayKey, HolidayName>> = {
  "new-year": { nameVi: "Tết Dương lịch", nameEn: "New Year's Day" },
  "lunar-new-year-eve": {
    nameVi: "Tết Âm lịch (ngày cuối năm âm lịch)",
    nameEn: "Lunar New Year (last day of the lunar year)",
  },
  "lunar-new-year-1": { nameVi: "Tết Âm lịch (mùng 1)", nameEn: "Lunar New Year (day 1)" },
  "lunar-new-year-2": { nameVi: "Tết Âm lịch (mùng 2)", nameEn: "Lunar New Year (day 2)" },
  "lunar-new-year-3": { nameVi: "Tết Âm lịch (mùng 3)", nameEn: "Lunar New Year (day 3)" },
  "lunar-new-year-4": { nameVi: "Tết Âm lịch (mùng 4)", nameEn: "Lunar New Year (day 4)" },
  "hung-kings": {
    nameVi: "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
    nameEn: "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)",
  },
  "reunification-day": {
    nameVi: "Ngày Chiến thắng (30/4)",
    nameEn: "Reunification Day (Victory Day, 30 April)",
  },
  "labour-day": { nameVi: "Ngày Quốc tế lao động (1/5)", nameEn: "International Labour Day (1 May)" },
  "national-day": { nameVi: "Quốc khánh (2/9)", nameEn: "National Day (2 September)" },
  "national-day-adjacent": {
    nameVi: "Quốc khánh (ngày liền kề 2/9)",
    nameEn: "National Day (day adjacent to 2 September)",
  },
};

const LUNAR_NEW_YEAR_DAYS: readonly HolidayKey[] = [
  "lunar-new-year-1",
  "lunar-new-year-2",
  "lunar-new-year-3",
  "lunar-new-year-4",
];

interface DatedHoliday {
  epochDay: number;
  holiday: PublicHoliday;
}

function statutory(epochDay: number, key: HolidayKey): DatedHoliday {
  return {
    epochDay,
    holiday: { date: formatEpochDay(epochDay), key, ...HOLIDAY_NAMES[key], kind: "statutory" },
  };
}

function lunarEpochDay(lunar: LunarDate): number {
  const solar = convertLunar2Solar(lunar);
  // Day 1 of month 1 and day 10 of month 3 exist in every lunar year.
  if (solar === undefined) throw new Error(`Lunar date does not exist: ${JSON.stringify(lunar)}`);
  return epochDayFromSolar(solar);
}

/** Epoch day of Tết (day 1 of lunar month 1) in a Gregorian year; Tết always falls in Jan–Feb. */
export function lunarNewYearEpochDay(year: number): number {
  return lunarEpochDay({ year, month: 1, day: 1, leap: false });
}

function byEpochDay(a: DatedHoliday, b: DatedHoliday): number {
  return a.epochDay - b.epochDay;
}

function datedStatutoryHolidays(year: number, nationalDayAdjacent: NationalDayAdjacent): DatedHoliday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
  const solar = (month: number, day: number) => epochDayFromSolar({ year, month, day });
  const tet = lunarNewYearEpochDay(year);
  const nationalDay = solar(9, 2);
  // "5 days from the last day of the lunar year": the day before Tết is 30/12 or 29/12
  // depending on the length of month 12, so counting back one day covers both.
  return [
    statutory(solar(1, 1), "new-year"),
    statutory(tet - 1, "lunar-new-year-eve"),
    ...LUNAR_NEW_YEAR_DAYS.map((key, i) => statutory(tet + i, key)),
    statutory(lunarEpochDay({ year, month: 3, day: 10, leap: false }), "hung-kings"),
    statutory(solar(4, 30), "reunification-day"),
    statutory(solar(5, 1), "labour-day"),
    statutory(nationalDay, "national-day"),
    statutory(nationalDay + (nationalDayAdjacent === "before" ? -1 : 1), "national-day-adjacent"),
  ].sort(byEpochDay);
}

/** The Art. 112(1) holidays of a Gregorian year, in date order, without compensatory days. */
export function listStatutoryHolidays(
  year: number,
  nationalDayAdjacent: NationalDayAdjacent = DEFAULT_NATIONAL_DAY_ADJACENT,
): PublicHoliday[] {
  return datedStatutoryHolidays(year, nationalDayAdjacent).map((d) => d.holiday);
}

/**
 * The public holidays of a Gregorian year with the compensatory days of Art. 111(3): each
 * holiday falling on a weekly rest day gives a day off on the next day that is neither a
 * rest day, a holiday, nor a compensatory day already given (so consecutive weekend holidays
 * chain forward, as in 2023: 29/4 Sat and 30/4 Sun → 2/5 and 3/5, after 1/5 Mon).
 * Compensatory days never leave the year: the last holiday is 2 or 3 September.
 */
export function listPublicHolidays(year: number, options: PublicHolidayOptions = {}): PublicHoliday[] {
  const holidays = datedStatutoryHolidays(year, options.nationalDayAdjacent ?? DEFAULT_NATIONAL_DAY_ADJACENT);
  const workingDays = new Set(options.weeklyWorkingDays ?? DEFAULT_WEEKLY_WORKING_DAYS);
  if (workingDays.size === 0) throw new RangeError("At least one weekly working day is required");
  const isRestDay = (epochDay: number) => !workingDays.has(isoWeekday(epochDay));

  const taken = new Set(holidays.map((d) => d.epochDay));
  const compensatory: DatedHoliday[] = [];
  for (const { epochDay, holiday } of holidays) {
    if (!isRestDay(epochDay)) continue;
    let off = epochDay + 1;
    while (isRestDay(off) || taken.has(off)) off++;
    taken.add(off);
    compensatory.push({
      epochDay: off,
      holiday: {
        date: formatEpochDay(off),
        key: holiday.key,
        nameVi: `Nghỉ bù ${holiday.nameVi}`,
        nameEn: `Compensatory day off for ${holiday.nameEn}`,
        kind: "compensatory",
        compensatesFor: holiday.date,
      },
    });
  }
  return [...holidays, ...compensatory].sort(byEpochDay).map((d) => d.holiday);
}
