import { describe, expect, it } from "vitest";
import { getEpochDay, isoWeekday } from "./dates.ts";
import { listPublicHolidays, listStatutoryHolidays, type PublicHoliday } from "./holidays.ts";

const summary = (holidays: PublicHoliday[]) =>
  holidays.map((h) => `${h.date} ${h.kind === "compensatory" ? `comp:${h.compensatesFor}` : h.key}`);
const compensatory = (year: number, options = {}) =>
  listPublicHolidays(year, options)
    .filter((h) => h.kind === "compensatory")
    .map((h) => `${h.compensatesFor} → ${h.date}`);

describe("public holidays (Labour Code 2019 Art. 112, 111(3))", () => {
  it("lists 2025 in full", () => {
    expect(summary(listPublicHolidays(2025))).toEqual([
      "2025-01-01 new-year",
      "2025-01-28 lunar-new-year-eve",
      "2025-01-29 lunar-new-year-1",
      "2025-01-30 lunar-new-year-2",
      "2025-01-31 lunar-new-year-3",
      "2025-02-01 lunar-new-year-4", // Saturday
      "2025-02-03 comp:2025-02-01",
      "2025-04-07 hung-kings",
      "2025-04-30 reunification-day",
      "2025-05-01 labour-day",
      "2025-09-02 national-day",
      "2025-09-03 national-day-adjacent", // default "after"
    ]);
  });

  it("lists 2026 in full", () => {
    expect(summary(listPublicHolidays(2026))).toEqual([
      "2026-01-01 new-year",
      "2026-02-16 lunar-new-year-eve", // 29/12: month 12 of Ất Tỵ has 29 days
      "2026-02-17 lunar-new-year-1",
      "2026-02-18 lunar-new-year-2",
      "2026-02-19 lunar-new-year-3",
      "2026-02-20 lunar-new-year-4",
      "2026-04-26 hung-kings", // Sunday
      "2026-04-27 comp:2026-04-26",
      "2026-04-30 reunification-day",
      "2026-05-01 labour-day",
      "2026-09-02 national-day",
      "2026-09-03 national-day-adjacent",
    ]);
  });

  it("names each holiday in Vietnamese and English", () => {
    const [newYear, ...rest] = listPublicHolidays(2025);
    expect(newYear).toEqual({
      date: "2025-01-01",
      key: "new-year",
      nameVi: "Tết Dương lịch",
      nameEn: "New Year's Day",
      kind: "statutory",
    });
    const comp = rest.find((h) => h.kind === "compensatory");
    expect(comp).toMatchObject({ key: "lunar-new-year-4", nameVi: "Nghỉ bù Tết Âm lịch (mùng 4)" });
    for (const h of rest) {
      expect(h.nameVi.length).toBeGreaterThan(0);
      expect(h.nameEn.length).toBeGreaterThan(0);
    }
  });

  it("takes the day adjacent to 2 September before or after as configured", () => {
    const national = (year: number, nationalDayAdjacent: "before" | "after") =>
      listStatutoryHolidays(year, nationalDayAdjacent)
        .filter((h) => h.key.startsWith("national-day"))
        .map((h) => h.date);
    expect(national(2025, "before")).toEqual(["2025-09-01", "2025-09-02"]);
    expect(national(2025, "after")).toEqual(["2025-09-02", "2025-09-03"]);
    expect(national(2026, "before")).toEqual(["2026-09-01", "2026-09-02"]);
  });

  it("gives the next working day off when New Year's Day is a Saturday (2022)", () => {
    expect(compensatory(2022)).toEqual([
      "2022-01-01 → 2022-01-03",
      "2022-04-10 → 2022-04-11", // Hùng Kings' day on a Sunday
      "2022-04-30 → 2022-05-02",
      "2022-05-01 → 2022-05-03",
      "2022-09-03 → 2022-09-05", // default "after": 3/9 is a Saturday
    ]);
  });

  it("compensates 30/4 and 1/5 on a weekend (2022: Sat and Sun → Mon and Tue)", () => {
    expect(compensatory(2022)).toContain("2022-04-30 → 2022-05-02");
    expect(compensatory(2022)).toContain("2022-05-01 → 2022-05-03");
  });

  it("compensates 1/5 on a Saturday with the Monday (2021)", () => {
    expect(compensatory(2021)).toContain("2021-05-01 → 2021-05-03");
  });

  it("chains compensatory days past a holiday (2023: 29/4 Sat, 30/4 Sun, 1/5 Mon)", () => {
    expect(compensatory(2023, { nationalDayAdjacent: "before" })).toEqual([
      "2023-01-01 → 2023-01-02",
      "2023-01-21 → 2023-01-26", // Tết eve and day 1 on Sat and Sun: after Tết day 4 (Thu 25)
      "2023-01-22 → 2023-01-27",
      "2023-04-29 → 2023-05-02",
      "2023-04-30 → 2023-05-03",
      "2023-09-02 → 2023-09-04", // 1/9 Fri, 2/9 Sat
    ]);
  });

  it("compensates Tết days on a weekend after the last Tết day (2024)", () => {
    expect(compensatory(2024)).toEqual(["2024-02-10 → 2024-02-14", "2024-02-11 → 2024-02-15"]);
  });

  it("compensates both National Day holidays on a weekend (2/9/2023 Sat, 3/9 Sun)", () => {
    expect(compensatory(2023)).toContain("2023-09-02 → 2023-09-04");
    expect(compensatory(2023)).toContain("2023-09-03 → 2023-09-05");
  });

  it("uses the unit's weekly rest days", () => {
    const monToSat = { weeklyWorkingDays: [1, 2, 3, 4, 5, 6] as const };
    // Saturday is a working day there, so New Year 2022 needs no compensation; Sunday 1/5 does.
    expect(compensatory(2022, monToSat)).toEqual(["2022-04-10 → 2022-04-11", "2022-05-01 → 2022-05-02"]);
  });

  it("holds its invariants in every year 1900–2100", () => {
    for (let year = 1900; year <= 2100; year++) {
      for (const nationalDayAdjacent of ["before", "after"] as const) {
        const holidays = listPublicHolidays(year, { nationalDayAdjacent });
        const statutory = holidays.filter((h) => h.kind === "statutory");
        const comps = holidays.filter((h) => h.kind === "compensatory");
        const isWeekend = (date: string) => isoWeekday(getEpochDay(date)) >= 6;
        expect(statutory).toHaveLength(11);
        // Two holidays share a date only in 1947 (Hùng Kings' day on 30 April).
        if (year !== 1947) expect(new Set(holidays.map((h) => h.date)).size).toBe(holidays.length);
        expect(holidays.every((h) => h.date.startsWith(`${year}-`))).toBe(true);
        expect(comps.length).toBe(statutory.filter((h) => isWeekend(h.date)).length);
        expect(comps.every((h) => !isWeekend(h.date) && h.date > h.compensatesFor!)).toBe(true);
        // Tết is five consecutive days.
        const tet = statutory
          .filter((h) => h.key.startsWith("lunar-new-year"))
          .map((h) => getEpochDay(h.date));
        expect(tet).toEqual([0, 1, 2, 3, 4].map((i) => tet[0]! + i));
      }
    }
  });
});
