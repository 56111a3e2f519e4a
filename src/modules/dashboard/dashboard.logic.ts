// Pure aggregation of the back-office dashboard and the officials' workload report: facts in
// (rows the service fetched), figures out. No I/O; days are Vietnam calendar days (UTC+7).

import { vietnamDate } from "../../shared/dates.ts";
import type { Message } from "../../shared/errors.ts";
import { addDays } from "../calendar/dates.ts";

export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export type Timeliness = "early" | "on_time" | "late";
export const RATING_LEVELS = ["very_satisfied", "satisfied", "normal", "dissatisfied"] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

const FINAL = new Set(["returned", "refused", "withdrawn", "stopped"]);
/** States in which the clock runs: only these can be overdue (as the work queues say). */
const RUNNING = new Set(["received", "processing", "transferred"]);
const DAY_MS = 86_400_000;

/** One dossier as the dashboard needs it (instants as ISO strings). */
export type DossierFact = {
  id: string;
  code: string | null;
  procedureName: string;
  sector: string;
  state: string;
  receivedAt: string | null;
  resolvedAt: string | null;
  timeliness: Timeliness | null;
  /** The due date in force (promised after an apology, else the legal one). */
  dueAt: string | null;
  assigneeId: string | null;
  /** The actor of the dossier's latest event. */
  lastActorId: string | null;
  /** Every official who acted on the dossier. */
  participants: string[];
  applicantName: string;
};

export type Figures = { received: number; resolved: number; early: number; onTime: number; late: number };

// ---------------------------------------------------------------------------------------------
// Days, buckets, ranges

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export { addDays };

/** The bucket a Vietnam day falls in: the day, the Monday of its week, or its month (YYYY-MM). */
export function bucketKey(day: string, granularity: Granularity): string {
  if (granularity === "day") return day;
  if (granularity === "month") return day.slice(0, 7);
  const n = dayNumber(day);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return dayOf(n - weekday);
}

/** Every bucket from `from` to `to` (inclusive), each with the days of the range it covers. */
export function bucketsBetween(
  from: string,
  to: string,
  granularity: Granularity,
): { key: string; from: string; to: string }[] {
  const out: { key: string; from: string; to: string }[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) {
    const day = dayOf(n);
    const key = bucketKey(day, granularity);
    const last = out[out.length - 1];
    if (last?.key === key) last.to = day;
    else out.push({ key, from: day, to: day });
  }
  return out;
}

export type RangeIssue = { field: "from" | "to"; code: string; message: Message };

/** from ≤ to and at most two years apart. */
export function checkRange(from: string, to: string): RangeIssue[] {
  if (from > to)
    return [
      {
        field: "to",
        code: "dashboard.range_order",
        message: {
          vi: "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
          en: "The end date must not precede the start date.",
        },
      },
    ];
  const twoYears = `${Number(from.slice(0, 4)) + 2}${from.slice(4)}`;
  if (to > twoYears)
    return [
      {
        field: "to",
        code: "dashboard.range_too_long",
        message: { vi: "Khoảng thời gian tối đa là 2 năm.", en: "The period may be at most two years." },
      },
    ];
  return [];
}

const inRange = (instant: string | null, from: string, to: string) => {
  if (!instant) return false;
  const day = vietnamDate(new Date(instant));
  return day >= from && day <= to;
};

// ---------------------------------------------------------------------------------------------
// Dossier predicates

/** Received and not yet resolved (result_ready and the final states are resolved). */
export const isOpen = (f: Pick<DossierFact, "receivedAt" | "resolvedAt" | "state">) =>
  f.receivedAt !== null && f.resolvedAt === null && !FINAL.has(f.state) && f.state !== "result_ready";

export const isOverdue = (f: Pick<DossierFact, "state" | "dueAt">, now: Date) =>
  RUNNING.has(f.state) && f.dueAt !== null && Date.parse(f.dueAt) < now.getTime();

/** Who answers for an open dossier: its assignee, else whoever acted on it last. */
export const responsibleOf = (f: Pick<DossierFact, "assigneeId" | "lastActorId">) =>
  f.assigneeId ?? f.lastActorId;

/** Whole days past the due date, rounded up (1 as soon as it is overdue). */
export const daysOverdue = (dueAt: string, now: Date) =>
  Math.ceil((now.getTime() - Date.parse(dueAt)) / DAY_MS);

const emptyFigures = (): Figures => ({ received: 0, resolved: 0, early: 0, onTime: 0, late: 0 });

function addResolution(fig: Figures, timeliness: Timeliness) {
  fig.resolved++;
  if (timeliness === "early") fig.early++;
  else if (timeliness === "on_time") fig.onTime++;
  else fig.late++;
}

/** Resolved with a result in the period (refusals and withdrawals have no timeliness). */
const resolvedIn = (f: DossierFact, from: string, to: string) =>
  f.timeliness !== null && inRange(f.resolvedAt, from, to);

// ---------------------------------------------------------------------------------------------
// Summary

export type SummaryInput = {
  from: string;
  to: string;
  granularity: Granularity;
  now: Date;
  dossiers: DossierFact[];
  ratings: { level: RatingLevel; count: number }[];
  officials: Map<string, string>;
  /** How many overdue dossiers to list (the total is always given). */
  overdueLimit?: number;
};

export function summarize(input: SummaryInput) {
  const { from, to, granularity, now } = input;
  const buckets = bucketsBetween(from, to, granularity);
  const series = new Map(buckets.map((b) => [b.key, { ...b, ...emptyFigures() }]));
  const bucketOfInstant = (instant: string) =>
    series.get(bucketKey(vietnamDate(new Date(instant)), granularity));
  const sectors = new Map<string, Figures & { sector: string; open: number; overdue: number }>();
  const officials = new Map<
    string,
    { id: string; name: string; open: number; overdue: number; resolved: number; late: number }
  >();
  const official = (id: string) => {
    let o = officials.get(id);
    if (!o) {
      o = { id, name: input.officials.get(id) ?? "—", open: 0, overdue: 0, resolved: 0, late: 0 };
      officials.set(id, o);
    }
    return o;
  };
  const totals = { ...emptyFigures(), open: 0, overdue: 0 };
  const overdue: {
    id: string;
    code: string | null;
    procedureName: string;
    applicantName: string;
    dueAt: string;
    daysOverdue: number;
    official: { id: string; name: string } | null;
  }[] = [];

  for (const f of input.dossiers) {
    let sector = sectors.get(f.sector);
    if (!sector) {
      sector = { sector: f.sector, ...emptyFigures(), open: 0, overdue: 0 };
      sectors.set(f.sector, sector);
    }
    if (inRange(f.receivedAt, from, to)) {
      totals.received++;
      sector.received++;
      bucketOfInstant(f.receivedAt!)!.received++;
    }
    if (resolvedIn(f, from, to)) {
      addResolution(totals, f.timeliness!);
      addResolution(sector, f.timeliness!);
      addResolution(bucketOfInstant(f.resolvedAt!)!, f.timeliness!);
      // Everyone who acted on it, and the official it was assigned to.
      for (const p of new Set([...f.participants, ...(f.assigneeId ? [f.assigneeId] : [])])) {
        const o = official(p);
        o.resolved++;
        if (f.timeliness === "late") o.late++;
      }
    }
    if (isOpen(f)) {
      const late = isOverdue(f, now);
      totals.open++;
      sector.open++;
      if (late) totals.overdue++;
      if (late) sector.overdue++;
      const who = responsibleOf(f);
      if (who) {
        official(who).open++;
        if (late) official(who).overdue++;
      }
      if (late)
        overdue.push({
          id: f.id,
          code: f.code,
          procedureName: f.procedureName,
          applicantName: f.applicantName,
          dueAt: new Date(f.dueAt!).toISOString(),
          daysOverdue: daysOverdue(f.dueAt!, now),
          official: who ? { id: who, name: input.officials.get(who) ?? "—" } : null,
        });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.dueAt.localeCompare(b.dueAt));
  const satisfaction = RATING_LEVELS.map((level) => ({
    level,
    count: input.ratings.filter((r) => r.level === level).reduce((s, r) => s + r.count, 0),
  }));
  const rated = satisfaction.reduce((s, r) => s + r.count, 0);
  const satisfied = satisfaction
    .filter((r) => r.level === "very_satisfied" || r.level === "satisfied")
    .reduce((s, r) => s + r.count, 0);
  return {
    from,
    to,
    granularity,
    totals: {
      ...totals,
      onTimeRate: share(totals.early + totals.onTime, totals.resolved),
      ratings: rated,
      satisfactionRate: share(satisfied, rated),
    },
    series: [...series.values()],
    bySector: [...sectors.values()].sort(
      (a, b) => b.received - a.received || a.sector.localeCompare(b.sector),
    ),
    byOfficial: [...officials.values()].sort(
      (a, b) => b.open + b.resolved - (a.open + a.resolved) || a.name.localeCompare(b.name),
    ),
    satisfaction,
    overdueTotal: overdue.length,
    overdue: overdue.slice(0, input.overdueLimit ?? 200),
  };
}

/** part / whole rounded to 0.1 %, null when there is nothing to divide. */
export const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

// ---------------------------------------------------------------------------------------------
// Workload

/** One event of a dossier, as the workload report needs it (events of a dossier in seq order). */
export type EventFact = {
  dossierId: string;
  seq: number;
  at: string;
  actorId: string | null;
  command: string;
  stepIndex: number | null;
  stepResult: Timeliness | null;
};

/**
 * The steps handed over (events with a step result): who handed over, when, how it stood
 * against the step's deadline and how long the step took (from the event that began it:
 * the previous handover, or the first event where the dossier reached that step).
 */
export function stepHandovers(events: readonly EventFact[]) {
  const byDossier = new Map<string, EventFact[]>();
  for (const e of events) byDossier.set(e.dossierId, [...(byDossier.get(e.dossierId) ?? []), e]);
  const out: { actorId: string | null; at: string; result: Timeliness; hours: number | null }[] = [];
  for (const list of byDossier.values()) {
    list.sort((a, b) => a.seq - b.seq);
    let start: string | null = null;
    let step: number | null | undefined;
    for (const e of list) {
      if (e.stepResult) {
        const hours = start ? (Date.parse(e.at) - Date.parse(start)) / 3_600_000 : null;
        out.push({ actorId: e.actorId, at: e.at, result: e.stepResult, hours });
        start = e.at;
      } else if (e.stepIndex !== step) start = e.at;
      step = e.stepIndex;
    }
  }
  return out;
}

export type WorkloadInput = {
  from: string;
  to: string;
  now: Date;
  /** The unit's officials (listed even with nothing to do), id → name. */
  officials: Map<string, string>;
  /** Open dossiers of the unit. */
  open: Pick<DossierFact, "state" | "dueAt" | "assigneeId" | "lastActorId" | "receivedAt" | "resolvedAt">[];
  /** Every event of the dossiers that had a step handed over in the period (the earlier ones too). */
  events: EventFact[];
};

export function workload(input: WorkloadInput) {
  const { from, to, now } = input;
  const today = vietnamDate(now);
  type Row = {
    id: string;
    name: string;
    open: number;
    dueToday: number;
    overdue: number;
    handled: number;
    late: number;
    lateShare: number | null;
    avgStepHours: number | null;
    hours: number[];
  };
  const rows = new Map<string, Row>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) {
      r = {
        id,
        name: input.officials.get(id) ?? "—",
        open: 0,
        dueToday: 0,
        overdue: 0,
        handled: 0,
        late: 0,
        lateShare: null,
        avgStepHours: null,
        hours: [],
      };
      rows.set(id, r);
    }
    return r;
  };
  for (const id of input.officials.keys()) row(id);
  for (const f of input.open) {
    const who = responsibleOf(f);
    if (!who || !isOpen(f)) continue;
    const r = row(who);
    r.open++;
    if (isOverdue(f, now)) r.overdue++;
    else if (f.dueAt && RUNNING.has(f.state) && vietnamDate(new Date(f.dueAt)) === today) r.dueToday++;
  }
  for (const h of stepHandovers(input.events)) {
    if (!h.actorId || !inRange(h.at, from, to)) continue;
    const r = row(h.actorId);
    r.handled++;
    if (h.result === "late") r.late++;
    if (h.hours !== null) r.hours.push(h.hours);
  }
  const items = [...rows.values()].map(({ hours, ...r }) => ({
    ...r,
    lateShare: share(r.late, r.handled),
    avgStepHours: hours.length
      ? Math.round((hours.reduce((s, x) => s + x, 0) / hours.length) * 10) / 10
      : null,
  }));
  items.sort((a, b) => b.open + b.handled - (a.open + a.handled) || a.name.localeCompare(b.name));
  const sum = (k: "open" | "dueToday" | "overdue" | "handled" | "late") =>
    items.reduce((s, r) => s + r[k], 0);
  const handled = sum("handled");
  const late = sum("late");
  return {
    from,
    to,
    items,
    totals: {
      open: sum("open"),
      dueToday: sum("dueToday"),
      overdue: sum("overdue"),
      handled,
      late,
      lateShare: share(late, handled),
    },
  };
}
