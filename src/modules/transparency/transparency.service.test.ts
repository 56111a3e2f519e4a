// The period of a year (this year to today, a past year in full, 2000 at the earliest) and its
// months cut at the period's end.
import { describe, expect, it } from "vitest";
import { DomainError } from "../../shared/errors.ts";
import { monthRanges, yearPeriod } from "./transparency.service.ts";

const fieldCode = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return `${e.status} ${e.fieldErrors[0]?.field} ${e.fieldErrors[0]?.code}`;
    throw e;
  }
  return "no error";
};

describe("yearPeriod", () => {
  it("is this year to today by default, a past year in full", () => {
    expect(yearPeriod(undefined, "2026-11-24")).toEqual({ year: 2026, from: "2026-01-01", to: "2026-11-24" });
    expect(yearPeriod("2026", "2026-11-24")).toEqual({ year: 2026, from: "2026-01-01", to: "2026-11-24" });
    expect(yearPeriod("2000", "2026-11-24")).toEqual({ year: 2000, from: "2000-01-01", to: "2000-12-31" });
  });

  it("refuses other text, years before 2000 and years to come", () => {
    expect(fieldCode(() => yearPeriod("25", "2026-11-24"))).toBe("400 year transparency.year_format");
    expect(fieldCode(() => yearPeriod("2025-01", "2026-11-24"))).toBe("400 year transparency.year_format");
    expect(fieldCode(() => yearPeriod("1999", "2026-11-24"))).toBe("400 year transparency.year_range");
    expect(fieldCode(() => yearPeriod("2027", "2026-11-24"))).toBe("400 year transparency.year_range");
  });
});

describe("monthRanges", () => {
  it("gives the twelve months of a past year, with February's true length", () => {
    const months = monthRanges(2024, "2024-12-31");
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({ month: "2024-02", range: { from: "2024-02-01", to: "2024-02-29" } });
    expect(months[11]).toEqual({ month: "2024-12", range: { from: "2024-12-01", to: "2024-12-31" } });
  });

  it("cuts the current month at today and leaves out the months to come", () => {
    const months = monthRanges(2026, "2026-11-24");
    expect(months).toHaveLength(11);
    expect(months.at(-1)).toEqual({ month: "2026-11", range: { from: "2026-11-01", to: "2026-11-24" } });
  });
});
