import { describe, expect, it } from "vitest";
import { deadlineHours, type ProcessStep, stepSchedule, totalHours } from "./process.logic.ts";

const step = (hours: number, parallelGroup?: string): ProcessStep => ({
  name: "x",
  kind: parallelGroup ? "opinion" : "step",
  hours,
  parallelGroup,
});

describe("process totals", () => {
  it("adds sequential steps", () => {
    expect(totalHours([step(2), step(4), step(1.5)])).toBe(7.5);
  });
  it("counts each parallel run once, by its longest step", () => {
    expect(totalHours([step(2), step(8, "g"), step(4, "g"), step(1)])).toBe(11);
  });
  it("runs different groups one after the other, and a reused name later as a new run", () => {
    expect(totalHours([step(4, "g1"), step(4, "g2")])).toBe(8);
    expect(totalHours([step(3, "a"), step(5, "b"), step(1, "a")])).toBe(9);
    expect(stepSchedule([step(4, "g1"), step(2, "g1"), step(4, "g2"), step(1)])).toEqual([
      { startHours: 0, endHours: 4 },
      { startHours: 0, endHours: 2 },
      { startHours: 4, endHours: 8 },
      { startHours: 8, endHours: 9 },
    ]);
  });
  it("counts a draft's missing hours as zero", () => {
    expect(totalHours([{ hours: 2 }, { hours: null }, {}])).toBe(2);
  });
  it("is zero for no steps and keeps two decimals", () => {
    expect(totalHours([])).toBe(0);
    expect(totalHours([step(0.1), step(0.2)])).toBe(0.3);
  });
  it("schedules parallel steps from the same start and resumes after the longest", () => {
    expect(stepSchedule([step(2), step(8, "g"), step(4, "g"), step(1)])).toEqual([
      { startHours: 0, endHours: 2 },
      { startHours: 2, endHours: 10 },
      { startHours: 2, endHours: 6 },
      { startHours: 10, endHours: 11 },
    ]);
  });
});

describe("deadline in working hours", () => {
  it.each([
    [{ kind: "working_days", value: 3 }, 7.5, 22.5],
    [{ kind: "working_hours", value: 4 }, 7.5, 4],
    [{ kind: "same_day", value: null }, 8, 8],
    [{ kind: "calendar_days", value: 30 }, 8, 240],
  ] as const)("%j at %d h/day → %d h", (deadline, perDay, expected) => {
    expect(deadlineHours(deadline, perDay)).toBe(expected);
  });
});
