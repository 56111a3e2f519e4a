import { describe, expect, it } from "vitest";
import { rangeParts } from "./resolution.repository.ts";

describe("rangeParts: whole months from the month facts, the ends from the day facts", () => {
  it("a calendar year is twelve months and no days", () => {
    expect(rangeParts({ from: "2025-01-01", to: "2025-12-31" })).toEqual({
      months: ["2025-01-01", "2025-12-01"],
      days: [],
    });
  });
  it("an official year (15 December to 14 December) has days at both ends", () => {
    expect(rangeParts({ from: "2024-12-15", to: "2025-12-14" })).toEqual({
      months: ["2025-01-01", "2025-11-01"],
      days: [
        ["2024-12-15", "2024-12-31"],
        ["2025-12-01", "2025-12-14"],
      ],
    });
  });
  it("a range inside one month is days only", () => {
    expect(rangeParts({ from: "2025-02-03", to: "2025-02-20" })).toEqual({
      months: null,
      days: [["2025-02-03", "2025-02-20"]],
    });
    expect(rangeParts({ from: "2025-02-01", to: "2025-02-27" })).toEqual({
      months: null,
      days: [["2025-02-01", "2025-02-27"]],
    });
  });
  it("a range open at the start takes every month before the end's month, then its days", () => {
    expect(rangeParts({ from: null, to: "2025-03-10" })).toEqual({
      months: ["0001-01-01", "2025-02-01"],
      days: [["2025-03-01", "2025-03-10"]],
    });
    expect(rangeParts({ from: null, to: "2024-02-29" })).toEqual({
      months: ["0001-01-01", "2024-02-01"],
      days: [],
    });
  });
  it("the parts cover each day of the range exactly once", () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    for (const [from, to] of [
      ["2024-01-31", "2024-03-01"],
      ["2024-12-15", "2026-06-14"],
      ["2025-06-30", "2025-07-01"],
    ] as const) {
      const parts = rangeParts({ from, to });
      const covered: string[] = [];
      const walk = (a: string, b: string, into = covered) => {
        for (let d = new Date(`${a}T00:00:00Z`); day(d) <= b; d.setUTCDate(d.getUTCDate() + 1))
          into.push(day(d));
      };
      if (parts.months) {
        const [m1, m2] = parts.months;
        const end = new Date(`${m2}T00:00:00Z`);
        end.setUTCMonth(end.getUTCMonth() + 1);
        end.setUTCDate(0);
        walk(m1, day(end));
      }
      for (const [a, b] of parts.days) walk(a ?? from, b);
      covered.sort();
      const expected: string[] = [];
      walk(from, to, expected);
      expect(covered).toEqual(expected);
    }
  });
});
