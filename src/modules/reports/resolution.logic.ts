// The official resolution report (legal-notes §6, spec §10), pure: what a change of one dossier
// adds to or removes from the report's counters, and how counters become the report's cells.
//
// Counters are kept per (handling unit, sector, Vietnam day). Flows (received, resolved, ended)
// count on the day they happen. Stocks (pending, overdue, awaiting supplement, suspended) are kept
// as daily changes: the stock at the end of day D is the sum of all changes on days ≤ D. A change
// made at instant `at` only ever touches day(at) or later days, so a report for a period that has
// ended never changes when later events arrive (a dossier received late, e.g. a mobile-team batch
// entered days after, is the one exception: it is recorded on the day it was received).
//
// Overdue at the end of day D means: pending, and the due date in force is before the end of D;
// a dossier paused (supplement requested, suspended) is not overdue while its clock stands still,
// unless it was already overdue when it was paused. Its change is scheduled on the due day when
// the due date is set, and moved or cancelled only on today or later days.
import { dayStartMillis, getEpochDay, type IsoDate, toIsoDate } from "../calendar/dates.ts";

export const REPORT_COUNTERS = [
  "rcv_in_person",
  "rcv_online_full",
  "rcv_online_partial",
  "rcv_postal",
  "mode_mobile_team",
  "mode_at_home",
  "mode_on_the_spot",
  "res_early",
  "res_on_time",
  "res_late",
  "end_withdrawn",
  "end_stopped",
  "end_refused",
  "pending",
  "overdue",
  "supplement",
  "suspended",
] as const;
export type Counter = (typeof REPORT_COUNTERS)[number];
export type Counts = Record<Counter, number>;

/** Counters that are daily changes of a stock (summed over all days up to the period's end). */
export const STOCK_COUNTERS: readonly Counter[] = ["pending", "overdue", "supplement", "suspended"];

export type Channel = "in_person" | "online_full" | "online_partial" | "postal";
export type ServiceMode = "desk" | "on_the_spot" | "mobile_team" | "at_home";
export type CloseKind = "early" | "on_time" | "late" | "withdrawn" | "stopped" | "refused";
export type PauseKind = "supplement" | "suspended";

/** What the report reads of a dossier at one moment. */
export interface ReportView {
  unitId: string;
  sector: string;
  channel: Channel;
  serviceMode: ServiceMode;
  /** Null until the dossier is received (drafts and submitted online dossiers are not counted). */
  receivedAt: Date | null;
  /** The due date in force (an apology's new date does not count: the dossier stays late). */
  dueAt: Date | null;
  paused: PauseKind | null;
  closed: { at: Date; kind: CloseKind } | null;
  /** The overdue day applied for this dossier so far (stored with it); null on the "after" side. */
  overdueOn: IsoDate | null;
}

export interface Delta {
  unitId: string;
  sector: string;
  day: IsoDate;
  counts: Partial<Counts>;
}

export const emptyCounts = (): Counts => Object.fromEntries(REPORT_COUNTERS.map((c) => [c, 0])) as Counts;

const CHANNEL_COUNTER: Record<Channel, Counter> = {
  in_person: "rcv_in_person",
  online_full: "rcv_online_full",
  online_partial: "rcv_online_partial",
  postal: "rcv_postal",
};
const MODE_COUNTER: Record<ServiceMode, Counter | null> = {
  desk: null,
  on_the_spot: "mode_on_the_spot",
  mobile_team: "mode_mobile_team",
  at_home: "mode_at_home",
};
const CLOSE_COUNTER: Record<CloseKind, Counter> = {
  early: "res_early",
  on_time: "res_on_time",
  late: "res_late",
  withdrawn: "end_withdrawn",
  stopped: "end_stopped",
  refused: "end_refused",
};

/**
 * The report's changes when a dossier goes from `before` to `after` at instant `at` (`before` is
 * null for a dossier that did not exist), and the overdue day to store with it from now on.
 */
export function reportChange(
  before: ReportView | null,
  after: ReportView,
  at: Date,
): { deltas: Delta[]; overdueOn: IsoDate | null } {
  const byDay = new Map<IsoDate, Partial<Counts>>();
  const add = (day: IsoDate, counter: Counter, n: number) => {
    const counts = byDay.get(day) ?? {};
    counts[counter] = (counts[counter] ?? 0) + n;
    byDay.set(day, counts);
  };
  const today = toIsoDate(at);
  const done = (overdueOn: IsoDate | null) => ({ deltas: collect(after, byDay), overdueOn });
  /** From today on, the dossier counts as overdue from `next` (never when null). */
  const moveOverdue = (current: IsoDate | null, next: IsoDate | null): IsoDate | null => {
    if (current) add(current >= today ? current : today, "overdue", -1);
    if (!next) return null;
    const from = next >= today ? next : today;
    add(from, "overdue", 1);
    return from;
  };
  if (!after.receivedAt) return done(null);

  // The dossier as the report knew it just before this change.
  let open: boolean;
  let paused: PauseKind | null;
  let overdueOn: IsoDate | null;
  let dueAt: Date | null;
  if (!before?.receivedAt) {
    const received = toIsoDate(after.receivedAt);
    add(received, CHANNEL_COUNTER[after.channel], 1);
    const mode = MODE_COUNTER[after.serviceMode];
    if (mode) add(received, mode, 1);
    add(received, "pending", 1);
    open = true;
    paused = null;
    dueAt = after.dueAt;
    overdueOn = dueAt ? toIsoDate(dueAt) : null;
    if (overdueOn) add(overdueOn, "overdue", 1);
  } else {
    if (before.closed) return done(null); // closed for good: nothing moves any more
    open = true;
    paused = before.paused;
    dueAt = before.dueAt;
    overdueOn = before.overdueOn;
  }

  // Pause and resume.
  const nextPaused = after.closed ? null : after.paused;
  if (paused !== nextPaused) {
    if (paused) add(today, paused, -1);
    if (nextPaused) add(today, nextPaused, 1);
    if (!paused && nextPaused && overdueOn && !(dueAt && dueAt.getTime() <= at.getTime())) {
      // Paused within the deadline: the clock stands still, so the dossier is not overdue from
      // today on (a pause when already overdue changes nothing).
      overdueOn = moveOverdue(overdueOn, null);
    }
    paused = nextPaused;
  }

  if (after.closed && open) {
    const day = toIsoDate(after.closed.at);
    add(day, "pending", -1);
    add(day, CLOSE_COUNTER[after.closed.kind], 1);
    if (overdueOn) add(overdueOn <= day ? day : overdueOn, "overdue", -1);
    return done(null);
  }

  // Running: the overdue day follows the due date in force (moved by a resume), from today on.
  if (!paused) {
    const target = after.dueAt ? toIsoDate(after.dueAt) : null;
    if (target !== overdueOn) overdueOn = moveOverdue(overdueOn, target);
  }
  return done(overdueOn);
}

function collect(view: ReportView, byDay: Map<IsoDate, Partial<Counts>>): Delta[] {
  const deltas: Delta[] = [];
  for (const [day, counts] of [...byDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const nonZero = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
    if (Object.keys(nonZero).length > 0)
      deltas.push({ unitId: view.unitId, sector: view.sector, day, counts: nonZero });
  }
  return deltas;
}

// ---------------------------------------------------------------------------------------------
// Cells of the report.

export interface ResolutionCells {
  received: {
    total: number;
    online: number;
    onlineFull: number;
    onlinePartial: number;
    inPerson: number;
    postal: number;
    carriedOver: number;
  };
  /** Official column (1): received in the period plus carried over. */
  toHandle: number;
  resolved: { total: number; early: number; onTime: number; late: number };
  pending: {
    total: number;
    withinDeadline: number;
    overdue: number;
    awaitingSupplement: number;
    suspended: number;
  };
  /** Left without a result after reception: withdrawn by the applicant, stopped, refused. */
  ended: { total: number; withdrawn: number; stopped: number; refused: number };
  serviceModes: { mobileTeam: number; atHome: number; onTheSpot: number };
}

/**
 * The cells from the flows summed over the period and the stocks at the end of the day before
 * it (`opening`) and at its end (`closing`).
 */
export function cellsOf(flows: Counts, opening: Counts, closing: Counts): ResolutionCells {
  const online = flows.rcv_online_full + flows.rcv_online_partial;
  const receivedTotal = online + flows.rcv_in_person + flows.rcv_postal;
  const resolved = flows.res_early + flows.res_on_time + flows.res_late;
  const ended = flows.end_withdrawn + flows.end_stopped + flows.end_refused;
  return {
    received: {
      total: receivedTotal,
      online,
      onlineFull: flows.rcv_online_full,
      onlinePartial: flows.rcv_online_partial,
      inPerson: flows.rcv_in_person,
      postal: flows.rcv_postal,
      carriedOver: opening.pending,
    },
    toHandle: receivedTotal + opening.pending,
    resolved: { total: resolved, early: flows.res_early, onTime: flows.res_on_time, late: flows.res_late },
    pending: {
      total: closing.pending,
      withinDeadline: closing.pending - closing.overdue,
      overdue: closing.overdue,
      awaitingSupplement: closing.supplement,
      suspended: closing.suspended,
    },
    ended: {
      total: ended,
      withdrawn: flows.end_withdrawn,
      stopped: flows.end_stopped,
      refused: flows.end_refused,
    },
    serviceModes: {
      mobileTeam: flows.mode_mobile_team,
      atHome: flows.mode_at_home,
      onTheSpot: flows.mode_on_the_spot,
    },
  };
}

/** Adds counts into `into` (in place) and returns it. */
export function addCounts(into: Counts, more: Partial<Counts>): Counts {
  for (const c of REPORT_COUNTERS) into[c] += more[c] ?? 0;
  return into;
}

// ---------------------------------------------------------------------------------------------
// Brute force: the same figures recounted from each dossier's full history, for tests and
// benches (no counters, no deltas).

/** A dossier's history: its view after each change, in order, with the change's instant. */
export type History = { at: Date; view: ReportView }[];

/** The instant a Vietnam day starts. */
export const dayStart = (day: IsoDate): Date => new Date(dayStartMillis(getEpochDay(day)));
/** The instant after the last of a Vietnam day (the next day's start). */
export const dayEnd = (day: IsoDate): Date => new Date(dayStartMillis(getEpochDay(day) + 1));

/** Status of a dossier at instant `t` as it was known then: the view in force and its pause start. */
function statusAt(history: History, t: Date) {
  let current: ReportView | null = null;
  let pauseStartedOverdue = false;
  let previous: ReportView | null = null;
  for (const { at, view } of history) {
    if (at.getTime() >= t.getTime()) break;
    if (view.paused && !previous?.paused)
      pauseStartedOverdue = previous?.dueAt != null && previous.dueAt.getTime() <= at.getTime();
    previous = view;
    current = view;
  }
  return { view: current, pauseStartedOverdue };
}

/** Recounts one report cell set for `histories` over [from, to] (Vietnam days). */
export function bruteForceCells(histories: History[], from: IsoDate, to: IsoDate): ResolutionCells {
  const start = dayStart(from).getTime();
  const end = dayEnd(to).getTime();
  const flows = emptyCounts();
  const opening = emptyCounts();
  const closing = emptyCounts();
  for (const history of histories) {
    const last = history.at(-1)?.view;
    if (!last?.receivedAt) continue;
    const received = last.receivedAt.getTime();
    const closed = last.closed?.at.getTime() ?? Number.POSITIVE_INFINITY;
    if (received >= start && received < end) {
      flows[CHANNEL_COUNTER[last.channel]] += 1;
      const mode = MODE_COUNTER[last.serviceMode];
      if (mode) flows[mode] += 1;
    }
    if (last.closed && closed >= start && closed < end) flows[CLOSE_COUNTER[last.closed.kind]] += 1;
    if (received < start && closed >= start) opening.pending += 1;
    if (received < end && closed >= end) {
      closing.pending += 1;
      const { view, pauseStartedOverdue } = statusAt(history, new Date(end));
      if (view?.paused) {
        closing[view.paused] += 1;
        if (pauseStartedOverdue) closing.overdue += 1;
      } else if (view?.dueAt && view.dueAt.getTime() < end) closing.overdue += 1;
    }
  }
  return cellsOf(flows, opening, closing);
}
