// Deadline arithmetic of a dossier (spec §5–§6, legal-notes §4), pure: the unit's working
// calendar and the rule set come in as data. All instants are `Date`s; days are Vietnam dates.
import type { WorkingCalendar } from "../calendar/calendar.ts";
import {
  dayStartMillis,
  localEpochDay,
  localMillisOfDay,
  toIsoDate as vietnamDateOf,
} from "../calendar/dates.ts";
import type { Deadline } from "../process/process.logic.ts";
import type { RuleSet } from "./dossier.machine.ts";

export type Timeliness = "early" | "on_time" | "late";

const HOUR = 3_600_000;

/** "HH:MM" of an instant in Vietnam time. */
export function vietnamTimeOfDay(instant: Date): string {
  const minutes = Math.floor(localMillisOfDay(instant) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Midnight (Vietnam) of the day after the instant's Vietnam date. */
const nextVietnamMidnight = (instant: Date) => new Date(dayStartMillis(localEpochDay(instant) + 1));

export type DueInput = {
  receivedAt: Date;
  deadline: Deadline;
  /** Paper dossiers (desk, post) may count from the next working day when received late. */
  paper: boolean;
};

/** When the count starts: the next working instant, or next day's opening for late paper. */
export function countingStart(calendar: WorkingCalendar, rules: RuleSet, input: DueInput): Date {
  const late = vietnamTimeOfDay(input.receivedAt) >= rules.afternoonCutoff;
  if (input.paper && late && rules.paperAfterCutoffNextDay)
    return calendar.nextWorkingInstant(nextVietnamMidnight(input.receivedAt));
  return calendar.nextWorkingInstant(input.receivedAt);
}

/** The due instant at reception. */
export function dueAtReception(calendar: WorkingCalendar, rules: RuleSet, input: DueInput): Date {
  const { deadline } = input;
  const perDay = calendar.workingMillisPerDay / HOUR;
  switch (deadline.kind) {
    case "same_day":
      return calendar.sameDayDue(input.receivedAt, rules.afternoonCutoff);
    case "working_hours":
      return calendar.addWorkingHours(countingStart(calendar, rules, input), deadline.value ?? 0);
    case "working_days":
      return calendar.addWorkingHours(countingStart(calendar, rules, input), (deadline.value ?? 0) * perDay);
    case "calendar_days": {
      // Calendar days: every day counts; a due date on a day off moves to the next working time.
      const start = countingStart(calendar, rules, input);
      const end = new Date(start.getTime() + (deadline.value ?? 0) * 24 * HOUR);
      return calendar.nextWorkingInstant(end);
    }
  }
}

/**
 * The due instant after a pause (supplement, suspension) ends. "resume": the agency's time
 * before the pause counted, so the due date moves by the working time paused. "restart": the
 * legal deadline counts again from the resumption (some sector laws).
 */
export function dueAfterPause(
  calendar: WorkingCalendar,
  rules: RuleSet,
  p: {
    dueAt: Date;
    pausedAt: Date;
    resumedAt: Date;
    deadline: Deadline;
    paper: boolean;
    kind: "supplement" | "suspension";
  },
): Date {
  if (p.kind === "supplement" && rules.supplementClock === "restart")
    return dueAtReception(calendar, rules, { receivedAt: p.resumedAt, deadline: p.deadline, paper: p.paper });
  const paused = Math.max(0, calendar.workingMillisBetween(p.pausedAt, p.resumedAt));
  return paused === 0 ? p.dueAt : calendar.addWorkingMillis(p.dueAt, paused);
}

/** Due instant of a process step that starts now and takes `hours` working hours. */
export function stepDueAt(calendar: WorkingCalendar, startedAt: Date, hours: number): Date {
  return calendar.addWorkingHours(calendar.nextWorkingInstant(startedAt), hours);
}

/** Early, on time or late, compared by Vietnam date (default) or by instant. */
export function classify(
  finishedAt: Date,
  dueAt: Date,
  granularity: RuleSet["timelinessGranularity"],
): Timeliness {
  const f = vietnamDateOf(finishedAt);
  const d = vietnamDateOf(dueAt);
  if (granularity === "instant") {
    if (finishedAt.getTime() > dueAt.getTime()) return "late";
    return f < d ? "early" : "on_time";
  }
  if (f < d) return "early";
  return f === d ? "on_time" : "late";
}

/** Timeliness of a resolved dossier: an apology's new date never makes it on time (spec §5). */
export function dossierTimeliness(
  rules: RuleSet,
  d: { resolvedAt: Date; dueAt: Date; apologised: boolean },
): Timeliness {
  if (d.apologised) return "late";
  return classify(d.resolvedAt, d.dueAt, rules.timelinessGranularity);
}

/**
 * May an apology with `newDueAt` be issued `now`? It must come at least the rule set's lead
 * time (one working day) before the due date, and the new date must be after the due date.
 */
export function checkApology(
  calendar: WorkingCalendar,
  rules: RuleSet,
  a: { now: Date; dueAt: Date; newDueAt: Date },
): "ok" | "too_late" | "not_after_due" {
  if (a.newDueAt.getTime() <= a.dueAt.getTime()) return "not_after_due";
  const latest = calendar.addWorkingDays(a.dueAt, -rules.apologyLeadWorkingDays);
  return a.now.getTime() <= latest.getTime() ? "ok" : "too_late";
}

export type DueBucket = "overdue" | "due_today" | "due_soon" | "later";

/** Work-queue bucket of an open dossier: overdue, due today, due within `soonDays` working days. */
export function dueBucket(calendar: WorkingCalendar, now: Date, dueAt: Date, soonDays = 2): DueBucket {
  if (dueAt.getTime() < now.getTime()) return "overdue";
  if (vietnamDateOf(dueAt) === vietnamDateOf(now)) return "due_today";
  const soon = calendar.addWorkingDays(now, soonDays);
  return dueAt.getTime() <= soon.getTime() ? "due_soon" : "later";
}
