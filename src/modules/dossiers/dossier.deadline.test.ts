import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "../calendar/calendar.ts";
import {
  checkApology,
  classify,
  countingStart,
  dossierTimeliness,
  dueAfterPause,
  dueAtReception,
  dueBucket,
  stepDueAt,
  vietnamTimeOfDay,
} from "./dossier.deadline.ts";
import { type RuleSet, ruleSetById } from "./dossier.machine.ts";

// Default schedule 08:00–12:00 and 13:30–17:00 (7.5 h a day), Monday–Friday.
const cal = createWorkingCalendar();
const rules = ruleSetById("2025");
/** A Vietnam wall-clock time as an instant. */
const vn = (s: string) => new Date(`${s}+07:00`);
const iso = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

describe("due date at reception", () => {
  it("counts working days in working hours from the reception time", () => {
    // Monday 23/11/2026 09:00 + 3 working days → Thursday 26/11 09:00
    const due = dueAtReception(cal, rules, {
      receivedAt: vn("2026-11-23T09:00"),
      deadline: { kind: "working_days", value: 3 },
      paper: true,
    });
    expect(iso(due)).toBe("2026-11-26T09:00");
  });

  it("skips weekends and computed holidays (Tết 2027)", () => {
    // Friday 5/2/2027 10:00 + 2 working days: Tết holidays run 5/2 (Fri, 29 Tết) to 9/2…
    const due = dueAtReception(cal, rules, {
      receivedAt: vn("2027-02-04T10:00"),
      deadline: { kind: "working_days", value: 2 },
      paper: false,
    });
    const days = cal.holidaysInRange("2027-02-04", "2027-02-15").map((d) => d.date);
    expect(days.length).toBeGreaterThanOrEqual(5);
    // Due is two working days after Thursday 4/2, beyond every holiday in the run.
    const last = days[days.length - 1]!;
    expect(iso(due).slice(0, 10) > last).toBe(true);
  });

  it("a paper dossier received after 15:00 counts from the next working day's opening", () => {
    const input = {
      receivedAt: vn("2026-11-27T15:30"),
      deadline: { kind: "working_days" as const, value: 1 },
    };
    // Friday 15:30 → Monday 08:00 + 7.5 h → Monday 17:00
    expect(iso(countingStart(cal, rules, { ...input, paper: true }))).toBe("2026-11-30T08:00");
    expect(iso(dueAtReception(cal, rules, { ...input, paper: true }))).toBe("2026-11-30T17:00");
    // Online: counted from the reception instant (1.5 h left on Friday, 6 h on Monday)
    expect(iso(dueAtReception(cal, rules, { ...input, paper: false }))).toBe("2026-11-30T15:30");
    // The option off: paper counts like online
    const off: RuleSet = { ...rules, paperAfterCutoffNextDay: false };
    expect(iso(dueAtReception(cal, off, { ...input, paper: true }))).toBe("2026-11-30T15:30");
  });

  it("same-day procedures roll to the next working day after 15:00", () => {
    const d = { kind: "same_day" as const, value: null };
    expect(
      iso(dueAtReception(cal, rules, { receivedAt: vn("2026-11-23T14:59"), deadline: d, paper: true })),
    ).toBe("2026-11-23T17:00");
    expect(
      iso(dueAtReception(cal, rules, { receivedAt: vn("2026-11-27T15:00"), deadline: d, paper: true })),
    ).toBe("2026-11-30T17:00");
  });

  it("working hours and calendar days", () => {
    expect(
      iso(
        dueAtReception(cal, rules, {
          receivedAt: vn("2026-11-23T11:00"),
          deadline: { kind: "working_hours", value: 4 },
          paper: false,
        }),
      ),
    ).toBe("2026-11-23T16:30");
    // 30 calendar days from Monday 23/11 09:00 → Wednesday 23/12 09:00
    expect(
      iso(
        dueAtReception(cal, rules, {
          receivedAt: vn("2026-11-23T09:00"),
          deadline: { kind: "calendar_days", value: 30 },
          paper: false,
        }),
      ),
    ).toBe("2026-12-23T09:00");
    // landing on a Saturday moves to Monday's opening
    expect(
      iso(
        dueAtReception(cal, rules, {
          receivedAt: vn("2026-11-23T09:00"),
          deadline: { kind: "calendar_days", value: 5 },
          paper: false,
        }),
      ),
    ).toBe("2026-11-30T08:00");
  });
});

describe("pauses", () => {
  const deadline = { kind: "working_days" as const, value: 5 };
  const dueAt = vn("2026-11-30T09:00");

  it("moves the due date by the working time paused (supplement, suspension)", () => {
    // Paused Tuesday 24/11 09:00, resumed Thursday 26/11 09:00: 2 working days (15 h)
    const p = {
      dueAt,
      pausedAt: vn("2026-11-24T09:00"),
      resumedAt: vn("2026-11-26T09:00"),
      deadline,
      paper: true,
    };
    expect(iso(dueAfterPause(cal, rules, { ...p, kind: "supplement" }))).toBe("2026-12-02T09:00");
    expect(iso(dueAfterPause(cal, rules, { ...p, kind: "suspension" }))).toBe("2026-12-02T09:00");
  });

  it("a pause over a weekend only moves by working time", () => {
    const p = {
      dueAt,
      pausedAt: vn("2026-11-27T17:00"),
      resumedAt: vn("2026-11-30T08:00"),
      deadline,
      paper: true,
      kind: "supplement" as const,
    };
    expect(dueAfterPause(cal, rules, p).getTime()).toBe(dueAt.getTime());
  });

  it("restart: the legal deadline counts again from the complete dossier", () => {
    const restart: RuleSet = { ...rules, supplementClock: "restart" };
    const p = {
      dueAt,
      pausedAt: vn("2026-11-24T09:00"),
      resumedAt: vn("2026-11-26T09:00"),
      deadline,
      paper: false,
    };
    expect(iso(dueAfterPause(cal, restart, { ...p, kind: "supplement" }))).toBe("2026-12-03T09:00");
    // suspensions still resume
    expect(iso(dueAfterPause(cal, restart, { ...p, kind: "suspension" }))).toBe("2026-12-02T09:00");
  });
});

describe("steps, classification, apology, queues", () => {
  it("a step's due time counts its working hours across lunch and nights", () => {
    expect(iso(stepDueAt(cal, vn("2026-11-23T11:00"), 2))).toBe("2026-11-23T14:30");
    expect(iso(stepDueAt(cal, vn("2026-11-23T18:00"), 2))).toBe("2026-11-24T10:00");
  });

  it("classifies by date (default) or by instant", () => {
    const due = vn("2026-11-26T09:00");
    expect(classify(vn("2026-11-25T16:00"), due, "date")).toBe("early");
    expect(classify(vn("2026-11-26T16:00"), due, "date")).toBe("on_time");
    expect(classify(vn("2026-11-27T08:00"), due, "date")).toBe("late");
    expect(classify(vn("2026-11-26T16:00"), due, "instant")).toBe("late");
    expect(classify(vn("2026-11-26T08:30"), due, "instant")).toBe("on_time");
    expect(classify(vn("2026-11-25T08:30"), due, "instant")).toBe("early");
  });

  it("an apologised dossier counts as late even when finished early", () => {
    const d = { resolvedAt: vn("2026-11-24T09:00"), dueAt: vn("2026-11-26T09:00") };
    expect(dossierTimeliness(rules, { ...d, apologised: false })).toBe("early");
    expect(dossierTimeliness(rules, { ...d, apologised: true })).toBe("late");
  });

  it("an apology comes at least one working day before the due date, with a later date", () => {
    const dueAt = vn("2026-11-30T09:00"); // Monday
    const newDueAt = vn("2026-12-04T09:00");
    expect(checkApology(cal, rules, { now: vn("2026-11-27T09:00"), dueAt, newDueAt })).toBe("ok");
    expect(checkApology(cal, rules, { now: vn("2026-11-27T09:01"), dueAt, newDueAt })).toBe("too_late");
    expect(checkApology(cal, rules, { now: vn("2026-11-25T09:00"), dueAt, newDueAt: dueAt })).toBe(
      "not_after_due",
    );
  });

  it("puts open dossiers in due buckets", () => {
    const now = vn("2026-11-23T10:00");
    expect(dueBucket(cal, now, vn("2026-11-23T09:59"))).toBe("overdue");
    expect(dueBucket(cal, now, vn("2026-11-23T16:00"))).toBe("due_today");
    expect(dueBucket(cal, now, vn("2026-11-25T10:00"))).toBe("due_soon");
    expect(dueBucket(cal, now, vn("2026-11-25T10:01"))).toBe("later");
  });

  it("prints Vietnam time of day", () => {
    expect(vietnamTimeOfDay(new Date("2026-11-23T08:05:00Z"))).toBe("15:05");
    expect(vietnamTimeOfDay(new Date("2026-11-23T17:30:00Z"))).toBe("00:30");
  });
});
