import { describe, expect, it } from "vitest";
import { epochDayFromSolar, formatEpochDay, solarFromEpochDay } from "./dates.ts";
import {
  convertLunar2Solar,
  convertSolar2Lunar,
  findLeapMonth,
  findLunarMonthLength,
  jdFromDate,
  jdToDate,
  type LunarDate,
  type SolarDate,
} from "./lunar.ts";

const iso = (d: SolarDate | undefined) =>
  d === undefined ? undefined : formatEpochDay(epochDayFromSolar(d));
const tet = (year: number, timeZone?: number) =>
  iso(convertLunar2Solar({ year, month: 1, day: 1, leap: false }, timeZone));
const hungKings = (year: number) => iso(convertLunar2Solar({ year, month: 3, day: 10, leap: false }));
const solar = (isoDate: string): SolarDate => {
  const [year, month, day] = isoDate.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
};

describe("Julian day numbers", () => {
  it("matches known values and round-trips across the Gregorian reform", () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdFromDate(1, 1, 1970)).toBe(2440588);
    expect(jdFromDate(15, 10, 1582)).toBe(2299161);
    expect(jdFromDate(4, 10, 1582)).toBe(2299160); // the Julian day before the reform
    for (let jd = 2299000; jd < 2300000; jd++) {
      const d = jdToDate(jd);
      expect(jdFromDate(d.day, d.month, d.year)).toBe(jd);
    }
  });
});

describe("Vietnamese lunar calendar reference dates", () => {
  // Tết (day 1 of month 1). 2020–2029 agree with the Chinese calendar; the dates in
  // legal-notes §9 were checked against two independent implementations.
  const tetDates: Record<number, string> = {
    1968: "1968-01-29",
    1985: "1985-01-21",
    2007: "2007-02-17",
    2020: "2020-01-25",
    2021: "2021-02-12",
    2022: "2022-02-01",
    2023: "2023-01-22",
    2024: "2024-02-10",
    2025: "2025-01-29",
    2026: "2026-02-17",
    2027: "2027-02-06",
    2028: "2028-01-26",
    2029: "2029-02-13",
    // The new moon is at 23:07 in Hà Nội on 2 February, 00:07 on 3 February in Beijing.
    2030: "2030-02-02",
  };
  it.each(Object.entries(tetDates))("Tết %s is %s", (year, date) => {
    expect(tet(Number(year))).toBe(date);
  });

  it("differs from the Chinese calendar (UTC+8) where a new moon falls near midnight", () => {
    expect(tet(1968, 8)).toBe("1968-01-30");
    expect(tet(1985, 8)).toBe("1985-02-20");
    expect(tet(2007, 8)).toBe("2007-02-18");
    expect(tet(2030, 8)).toBe("2030-02-03");
  });

  // Hùng Kings' day (10/3 lunar), as announced in those years' holiday notices.
  const hungKingsDates: Record<number, string> = {
    2020: "2020-04-02",
    2021: "2021-04-21",
    2022: "2022-04-10",
    2023: "2023-04-29",
    2024: "2024-04-18",
    2025: "2025-04-07",
    2026: "2026-04-26",
  };
  it.each(Object.entries(hungKingsDates))("Hùng Kings' day %s is %s", (year, date) => {
    expect(hungKings(Number(year))).toBe(date);
  });

  it("finds the leap months", () => {
    expect(findLeapMonth(2012)).toBe(4);
    expect(findLeapMonth(2014)).toBe(9);
    expect(findLeapMonth(2017)).toBe(6);
    expect(findLeapMonth(2020)).toBe(4);
    expect(findLeapMonth(2023)).toBe(2);
    expect(findLeapMonth(2025)).toBe(6);
    expect(findLeapMonth(2028)).toBe(5);
    for (const year of [2018, 2019, 2021, 2022, 2024, 2026, 2027])
      expect(findLeapMonth(year)).toBeUndefined();
  });

  it("converts days of leap months both ways", () => {
    const cases: [string, LunarDate][] = [
      ["2020-05-23", { year: 2020, month: 4, day: 1, leap: true }],
      ["2023-03-22", { year: 2023, month: 2, day: 1, leap: true }],
      ["2025-07-25", { year: 2025, month: 6, day: 1, leap: true }],
    ];
    for (const [date, lunar] of cases) {
      expect(convertSolar2Lunar(solar(date))).toEqual(lunar);
      expect(iso(convertLunar2Solar(lunar))).toBe(date);
      // The regular month of the same number comes just before the leap month.
      const regularEnd = convertSolar2Lunar(solarFromEpochDay(epochDayFromSolar(solar(date)) - 1));
      expect(regularEnd).toMatchObject({ month: lunar.month, leap: false });
    }
  });

  it("rejects lunar dates that do not exist", () => {
    expect(convertLunar2Solar({ year: 2024, month: 4, day: 1, leap: true })).toBeUndefined();
    expect(convertLunar2Solar({ year: 2025, month: 5, day: 1, leap: true })).toBeUndefined();
    expect(convertLunar2Solar({ year: 2025, month: 13, day: 1, leap: false })).toBeUndefined();
    // Month 12 of Ất Tỵ (lunar year 2025) has 29 days: Tết 2026 follows 29/12.
    expect(findLunarMonthLength(2025, 12)).toBe(29);
    expect(convertLunar2Solar({ year: 2025, month: 12, day: 30, leap: false })).toBeUndefined();
    expect(convertSolar2Lunar(solar("2026-02-16"))).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });
});

describe("solar ↔ lunar conversion over 1900-01-01..2100-12-31", () => {
  it("round-trips every day and advances the lunar calendar one day at a time", () => {
    const first = epochDayFromSolar({ year: 1900, month: 1, day: 1 });
    const last = epochDayFromSolar({ year: 2100, month: 12, day: 31 });
    const leapMonthsByYear = new Map<number, number>();
    const failures: string[] = [];
    let prev: LunarDate | undefined;
    for (let day = first; day <= last; day++) {
      const date = solarFromEpochDay(day);
      const lunar = convertSolar2Lunar(date);
      const back = convertLunar2Solar(lunar);
      if (back === undefined || epochDayFromSolar(back) !== day) {
        failures.push(`${formatEpochDay(day)} → ${JSON.stringify(lunar)} → ${iso(back)}`);
      }
      if (prev !== undefined) {
        const ok =
          lunar.day === 1
            ? prev.day >= 29 &&
              (lunar.leap
                ? !prev.leap && lunar.month === prev.month && lunar.year === prev.year
                : lunar.month === (prev.month % 12) + 1 &&
                  lunar.year === prev.year + (lunar.month === 1 ? 1 : 0))
            : lunar.day === prev.day + 1 &&
              lunar.month === prev.month &&
              lunar.leap === prev.leap &&
              lunar.year === prev.year;
        if (!ok) failures.push(`${formatEpochDay(day)}: ${JSON.stringify(prev)} → ${JSON.stringify(lunar)}`);
      }
      if (lunar.leap && lunar.day === 1) {
        leapMonthsByYear.set(lunar.year, (leapMonthsByYear.get(lunar.year) ?? 0) + 1);
      }
      prev = lunar;
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect([...leapMonthsByYear.values()].every((count) => count === 1)).toBe(true);
    // About 7 leap months every 19 years.
    expect(leapMonthsByYear.size).toBeGreaterThan(70);
    expect(leapMonthsByYear.size).toBeLessThan(76);
  });
});
