// Vietnamese lunisolar calendar: solar ↔ lunar date conversion, computed (never typed in).
//
// This is Hồ Ngọc Đức's published algorithm ("Thuật toán tính âm lịch"), which takes the
// new-moon and solar-longitude series from Jean Meeus, "Astronomical Algorithms" (1998).
// The rules it encodes:
//   - a lunar month starts on the local day containing the true new moon;
//   - month 11 is the month containing the winter solstice (solar longitude 270°);
//   - a lunar year with 13 months (from month 11 to the next month 11) has a leap month:
//     the first month after month 11 that contains no major solar term (zhongqi), and it
//     repeats the number of the month before it.
// "Local day" is what makes Vietnam differ from China: Vietnam has used UTC+7 since 1968,
// China UTC+8, so a new moon shortly before midnight in Beijing falls on the previous day in
// Hà Nội (Tết 1968, 1985 and 2007 differ). The time zone is therefore a parameter, fixed at
// UTC+7 by default. Precision is ample for 1900–2100; results outside that range are
// mathematically consistent but not checked against published calendars.

/** Hours east of UTC used for the Vietnamese calendar since 1968. */
export const VIETNAM_TIME_ZONE = 7;

export interface SolarDate {
  /** Gregorian year, e.g. 2026. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

export interface LunarDate {
  /** Lunar year; month 1 day 1 of this year is Tết. */
  year: number;
  /** 1–12; a leap month carries the number of the month it repeats. */
  month: number;
  /** 1–30. */
  day: number;
  /** True for the intercalary (nhuận) month. */
  leap: boolean;
}

const RAD = Math.PI / 180;
/** Mean synodic month in days (Meeus). */
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 (k = 0 in the series below). */
const NEW_MOON_EPOCH_JD = 2415021.076998695;
/** Julian day number of 1582-10-15, the first Gregorian day. */
const GREGORIAN_START_JD = 2299161;

/** Julian day number of a calendar date (Gregorian from 1582-10-15, Julian before). */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd =
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045;
  if (jd >= GREGORIAN_START_JD) return jd;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
}

/** Inverse of {@link jdFromDate}. */
export function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd >= GREGORIAN_START_JD) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((146097 * b) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/**
 * Julian day (fractional, UT) of the k-th new moon after 1900-01-01, from Meeus ch. 49
 * in the truncated form Hồ Ngọc Đức uses: mean phase plus the largest periodic terms and
 * a ΔT (TT − UT) polynomial.
 */
export function newMoon(k: number): number {
  const t = k / 1236.85; // Julian centuries from 1900-01-00.5
  const t2 = t * t;
  const t3 = t2 * t;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // Sun's mean anomaly
  const mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // Moon's mean anomaly
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // Moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(m * RAD) + 0.0021 * Math.sin(2 * m * RAD);
  c1 += -0.4068 * Math.sin(mpr * RAD) + 0.0161 * Math.sin(2 * mpr * RAD);
  c1 += -0.0004 * Math.sin(3 * mpr * RAD);
  c1 += 0.0104 * Math.sin(2 * f * RAD) - 0.0051 * Math.sin((m + mpr) * RAD);
  c1 += -0.0074 * Math.sin((m - mpr) * RAD) + 0.0004 * Math.sin((2 * f + m) * RAD);
  c1 += -0.0004 * Math.sin((2 * f - m) * RAD) - 0.0006 * Math.sin((2 * f + mpr) * RAD);
  c1 += 0.001 * Math.sin((2 * f - mpr) * RAD) + 0.0005 * Math.sin((2 * mpr + m) * RAD);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - deltaT;
}

/** Apparent solar longitude in radians, normalised to [0, 2π), at a Julian day (UT). */
export function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525; // Julian centuries from J2000.0
  const t2 = t * t;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2; // mean anomaly
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2; // mean longitude
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(m * RAD);
  dl += (0.019993 - 0.000101 * t) * Math.sin(2 * m * RAD) + 0.00029 * Math.sin(3 * m * RAD);
  const l = (l0 + dl) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/**
 * Index 0–11 of the 30° sector of solar longitude at local midnight starting the given day.
 * Sector 9 starts at 270°, the winter solstice; a month with no change of sector across
 * its start and the next month's start contains no major solar term.
 */
export function getSunLongitude(dayNumber: number, timeZone: number = VIETNAM_TIME_ZONE): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Julian day number of the local day containing the k-th new moon. */
export function getNewMoonDay(k: number, timeZone: number = VIETNAM_TIME_ZONE): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** Julian day number of the first day of lunar month 11 that starts in the given Gregorian year. */
export function getLunarMonth11(year: number, timeZone: number = VIETNAM_TIME_ZONE): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = getNewMoonDay(k, timeZone);
  // If the sun has already passed 270° when this month starts, the solstice belongs to the
  // previous month, which is therefore month 11.
  return getSunLongitude(nm, timeZone) >= 9 ? getNewMoonDay(k - 1, timeZone) : nm;
}

/**
 * In a 13-month year starting at month 11 (day `a11`), the offset (1–13) of the leap month
 * from month 11: the first month whose start and end fall in the same solar-term sector.
 */
export function getLeapMonthOffset(a11: number, timeZone: number = VIETNAM_TIME_ZONE): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH + 0.5);
  let i = 1; // start with the month following month 11
  let arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Lunar date of a Gregorian date. */
export function convertSolar2Lunar(date: SolarDate, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  const dayNumber = jdFromDate(date.day, date.month, date.year);
  // Mean new moon k is on or before this day, so true new moon k + 2 is after it. The
  // published code tries only k + 1 and k; but a true new moon can lag its mean one by more
  // than the slack, and then it returned day 0 (e.g. 2054-05-07, 2062-04-09), so step back
  // until the month start is not after the day.
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH) + 1;
  while (getNewMoonDay(k, timeZone) > dayNumber) k--;
  const monthStart = getNewMoonDay(k, timeZone);

  // a11..b11 is the span from one month 11 to the next that contains this day.
  let a11 = getLunarMonth11(date.year, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = date.year;
    a11 = getLunarMonth11(date.year - 1, timeZone);
  } else {
    lunarYear = date.year + 1;
    b11 = getLunarMonth11(date.year + 1, timeZone);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29); // months since month 11
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapMonthDiff = getLeapMonthOffset(a11, timeZone);
    if (diff >= leapMonthDiff) {
      month = diff + 10;
      leap = diff === leapMonthDiff;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 reached within the first months after a11 still belong to the old year.
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/** First day (Julian day number) and length in days of a lunar month, or undefined if it does not exist. */
function findLunarMonthSpan(
  year: number,
  month: number,
  leap: boolean,
  timeZone: number,
): { start: number; length: number } | undefined {
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  const [a11, b11] =
    month < 11
      ? [getLunarMonth11(year - 1, timeZone), getLunarMonth11(year, timeZone)]
      : [getLunarMonth11(year, timeZone), getLunarMonth11(year + 1, timeZone)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = getLeapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  const start = getNewMoonDay(k + off, timeZone);
  return { start, length: getNewMoonDay(k + off + 1, timeZone) - start };
}

/**
 * Gregorian date of a lunar date, or undefined when that lunar date does not exist
 * (a leap month the year does not have, or day 30 of a 29-day month).
 */
export function convertLunar2Solar(
  lunar: LunarDate,
  timeZone: number = VIETNAM_TIME_ZONE,
): SolarDate | undefined {
  const span = findLunarMonthSpan(lunar.year, lunar.month, lunar.leap, timeZone);
  if (span === undefined || !Number.isInteger(lunar.day) || lunar.day < 1 || lunar.day > span.length) {
    return undefined;
  }
  return jdToDate(span.start + lunar.day - 1);
}

/** Number of days (29 or 30) of a lunar month, or undefined if it does not exist. */
export function findLunarMonthLength(
  year: number,
  month: number,
  leap = false,
  timeZone: number = VIETNAM_TIME_ZONE,
): number | undefined {
  return findLunarMonthSpan(year, month, leap, timeZone)?.length;
}

/** The leap month (1–12) of a lunar year, or undefined if the year has 12 months. */
export function findLeapMonth(lunarYear: number, timeZone: number = VIETNAM_TIME_ZONE): number | undefined {
  for (let month = 1; month <= 12; month++) {
    if (findLunarMonthSpan(lunarYear, month, true, timeZone) !== undefined) return month;
  }
  return undefined;
}
