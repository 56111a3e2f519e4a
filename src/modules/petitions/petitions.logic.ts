// Petitions (đơn khiếu nại, tố cáo, kiến nghị, phản ánh): the legal deadlines per kind, the status
// machine, register numbers, due states and the report's figures. Pure: no clock, no I/O; the
// calendar comes in as `isWorkingDay` (the unit's working calendar), instants as ISO strings.
//
// Sources (README "Petitions" has the table):
// - Law on Complaints 2011 (02/2011/QH13): acceptance (thụ lý) within 10 days of receipt,
//   first time Art. 27, second time Art. 36; first-time resolution within 30 days of acceptance,
//   up to 45 for a complex case; in remote or hard-to-reach areas 45, up to 60 (Art. 28);
//   second-time resolution 45, up to 60; remote 60, up to 70 (Art. 37).
// - Law on Denunciations 2018 (25/2018/QH14): registration, classification and the check of the
//   conditions of acceptance within 7 working days of receipt (Art. 24(1)); resolution within 30
//   days of acceptance, extended once by at most 30 days for a complex case, twice by at most 30
//   days each for a very complex one, by a written decision (Art. 30); the denouncer's name,
//   address and other personal information are kept secret (Art. 9(1)(b), Art. 47–48).
// - Recommendations and reflections (kiến nghị, phản ánh) in a letter: no statute fixes their
//   times. INFERENCE, a documented default: 10 working days to classify (the time Circular
//   05/2021/TT-TTCP gives for processing letters) and 30 days from acceptance to answer, not
//   extendable.
// - Counting (Civil Code 2015): the day of the event is not counted (Art. 147); a period in days
//   ends at the end of its last day, and when that day is a weekend or holiday, at the end of
//   the next working day (Art. 148). The laws count calendar days ("ngày") except where they say
//   working days ("ngày làm việc"): only the denunciation's 7 days here.
import { PETITION_KINDS, type PETITION_STATUSES } from "../../db/schema.voice.ts";
import { addDays, type IsoDate, toIsoDate } from "../calendar/dates.ts";

export type PetitionKind = (typeof PETITION_KINDS)[number];
export type PetitionStatus = (typeof PETITION_STATUSES)[number];
export type IsWorkingDay = (day: IsoDate) => boolean;

/** A complaint's round (lần đầu / lần hai) and whether the unit is in a remote, hard-to-reach area. */
export type ComplaintOptions = { round: 1 | 2; remoteArea: boolean };
export const DEFAULT_OPTIONS: ComplaintOptions = { round: 1, remoteArea: false };

export type DayCount = "calendar" | "working";
export type Period = { days: number; count: DayCount };

// ---- Deadlines ----

/** The end of a Vietnam calendar day: a period in days ends there (Civil Code Art. 148(1)). */
export const endOfDay = (day: IsoDate): string => new Date(`${day}T23:59:59.999+07:00`).toISOString();

/** The first working day at or after a day. */
export function workingDayFrom(day: IsoDate, isWorkingDay: IsWorkingDay): IsoDate {
  let d = day;
  for (let i = 0; i < 366; i++, d = addDays(d, 1)) if (isWorkingDay(d)) return d;
  throw new RangeError(`No working day within a year of ${day}`);
}

/**
 * The end of a period counted from an event: the event's day is not counted (Art. 147); calendar
 * days end on the last day, moved to the next working day when that is a day off (Art. 148(2));
 * working days count only working days.
 */
export function periodEnd(from: string, period: Period, isWorkingDay: IsWorkingDay): string {
  const start = toIsoDate(new Date(from));
  if (period.count === "calendar") return endOfDay(workingDayFrom(addDays(start, period.days), isWorkingDay));
  let day = start;
  for (let n = 0; n < period.days; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) n++;
  }
  return endOfDay(day);
}

/** Time to decide whether a petition is accepted (thụ lý), from its receipt. */
export function acceptPeriod(kind: PetitionKind): Period {
  switch (kind) {
    case "complaint": // Law on Complaints Art. 27 (first time), Art. 36 (second time): 10 days.
      return { days: 10, count: "calendar" };
    case "denunciation": // Law on Denunciations Art. 24(1): 7 working days.
      return { days: 7, count: "working" };
    case "recommendation": // INFERENCE: 10 working days (processing of letters, Circular 05/2021/TT-TTCP).
      return { days: 10, count: "working" };
  }
}

export type ResolveRule = {
  /** Days from acceptance. */
  days: number;
  /** Extensions the law allows at most, and the days each may add at most. */
  maxExtensions: number;
  daysPerExtension: number;
};

/** Time to resolve an accepted petition (calendar days from acceptance) and its extensions. */
export function resolveRule(kind: PetitionKind, o: ComplaintOptions = DEFAULT_OPTIONS): ResolveRule {
  switch (kind) {
    case "complaint": {
      // Art. 28 (first time) and Art. 37 (second time): the complex case's longer time is one extension.
      const [days, max] =
        o.round === 1 ? (o.remoteArea ? [45, 60] : [30, 45]) : o.remoteArea ? [60, 70] : [45, 60];
      return { days, maxExtensions: 1, daysPerExtension: max - days };
    }
    case "denunciation": // Art. 30: 30 days; once +30 (complex), twice +30 each (very complex).
      return { days: 30, maxExtensions: 2, daysPerExtension: 30 };
    case "recommendation": // INFERENCE: 30 days, no extension.
      return { days: 30, maxExtensions: 0, daysPerExtension: 0 };
  }
}

export const acceptDue = (kind: PetitionKind, receivedAt: string, isWorkingDay: IsWorkingDay) =>
  periodEnd(receivedAt, acceptPeriod(kind), isWorkingDay);

/** The resolution deadline: `totalDays` (the rule's days plus extensions) from acceptance. */
export const resolveDue = (acceptedAt: string, totalDays: number, isWorkingDay: IsWorkingDay) =>
  periodEnd(acceptedAt, { days: totalDays, count: "calendar" }, isWorkingDay);

export type Complexity = "complex" | "very_complex";
export type ExtensionRefusal = { code: string; vi: string; en: string };

/**
 * May one more extension of `days` be granted? A denunciation's second extension needs a very
 * complex case (Art. 30(3)); a complaint has one (its complex-case time); a recommendation none.
 */
export function checkExtension(
  kind: PetitionKind,
  o: ComplaintOptions,
  granted: number,
  days: number,
  complexity: Complexity,
): ExtensionRefusal | null {
  const rule = resolveRule(kind, o);
  const allowed = kind === "denunciation" && complexity === "complex" ? 1 : rule.maxExtensions;
  if (rule.maxExtensions === 0)
    return {
      code: "petition.extension_not_allowed",
      vi: "Đơn kiến nghị, phản ánh không được gia hạn thời hạn giải quyết.",
      en: "A recommendation's time to answer cannot be extended.",
    };
  if (granted >= allowed)
    return {
      code: "petition.extension_limit",
      vi:
        kind === "denunciation" && complexity === "complex" && granted < rule.maxExtensions
          ? "Vụ việc phức tạp chỉ được gia hạn một lần; chỉ vụ việc đặc biệt phức tạp được gia hạn lần hai (Điều 30 Luật Tố cáo)."
          : `Đã gia hạn ${granted} lần, là số lần tối đa pháp luật cho phép.`,
      en:
        kind === "denunciation" && complexity === "complex" && granted < rule.maxExtensions
          ? "A complex case is extended once; only a very complex case gets a second extension (Law on Denunciations, Art. 30)."
          : `Extended ${granted} time(s) already, the most the law allows.`,
    };
  if (days < 1 || days > rule.daysPerExtension)
    return {
      code: "petition.extension_days",
      vi: `Mỗi lần gia hạn không quá ${rule.daysPerExtension} ngày.`,
      en: `An extension adds at most ${rule.daysPerExtension} days.`,
    };
  return null;
}

// ---- The status machine ----

export const PETITION_COMMANDS = [
  "accept",
  "not_accept",
  "forward",
  "assign",
  "extend",
  "decide",
  "close",
  "withdraw",
] as const;
export type PetitionCommand = (typeof PETITION_COMMANDS)[number];

/** What each command does from each status; absent: not allowed. `assign` keeps the status except from accepted. */
const TRANSITIONS: Record<PetitionStatus, Partial<Record<PetitionCommand, PetitionStatus>>> = {
  received: {
    accept: "accepted",
    not_accept: "not_accepted",
    forward: "forwarded",
    assign: "received",
    withdraw: "withdrawn",
  },
  accepted: { assign: "in_progress", withdraw: "withdrawn" },
  in_progress: { assign: "in_progress", extend: "in_progress", decide: "decided", withdraw: "withdrawn" },
  decided: { close: "closed" },
  not_accepted: {},
  forwarded: {},
  closed: {},
  withdrawn: {},
};

/** Statuses in which the petition still runs against a deadline. */
export const OPEN_STATUSES: readonly PetitionStatus[] = ["received", "accepted", "in_progress"];

/**
 * The status after a command, or null when the command is not allowed. Accepting a petition that
 * already has its handler puts it straight in progress.
 */
export function nextStatus(
  status: PetitionStatus,
  command: PetitionCommand,
  hasHandler: boolean,
): PetitionStatus | null {
  const next = TRANSITIONS[status][command];
  if (next === undefined) return null;
  if (command === "accept" && hasHandler) return "in_progress";
  return next;
}

export function allowedCommands(status: PetitionStatus, hasHandler: boolean): PetitionCommand[] {
  return PETITION_COMMANDS.filter((c) => nextStatus(status, c, hasHandler) !== null);
}

// ---- Register numbers ----

/** The register number: year and a six-digit sequence per unit and year, e.g. 2026/000123. */
export const registerCode = (year: number, n: number) => `${year}/${String(n).padStart(6, "0")}`;

/** The next sequence number of a year, given the unit's codes of that year. */
export function nextRegisterNumber(codes: readonly string[], year: number): number {
  let max = 0;
  for (const c of codes) {
    const m = /^(\d{4})\/(\d+)$/.exec(c);
    if (m && Number(m[1]) === year) max = Math.max(max, Number(m[2]));
  }
  return max + 1;
}

// ---- Due state ----

export type DueLevel = "overdue" | "soon" | "ok" | "none";
export type DueState = {
  phase: "accept" | "resolve" | null;
  dueAt: string | null;
  level: DueLevel;
  /** Whole calendar days left (negative: days overdue); null when nothing is due. */
  daysLeft: number | null;
};

/** Days before the deadline from which a petition shows as "soon" (amber). */
export const SOON_DAYS = 3;

/** Which deadline runs now for a petition, and how close it is. */
export function dueState(
  p: { status: PetitionStatus; acceptDueAt: string; resolveDueAt: string | null },
  now: Date,
): DueState {
  if (!OPEN_STATUSES.includes(p.status)) return { phase: null, dueAt: null, level: "none", daysLeft: null };
  const phase = p.status === "received" ? "accept" : "resolve";
  const dueAt = phase === "accept" ? p.acceptDueAt : p.resolveDueAt;
  if (!dueAt) return { phase, dueAt: null, level: "none", daysLeft: null };
  const today = toIsoDate(now);
  const dueDay = toIsoDate(new Date(dueAt));
  const daysLeft = Math.round((Date.parse(dueDay) - Date.parse(today)) / 86_400_000);
  const level = Date.parse(dueAt) < now.getTime() ? "overdue" : daysLeft <= SOON_DAYS ? "soon" : "ok";
  return { phase, dueAt, level, daysLeft };
}

// ---- Figures ----

export type PetitionEventFact = { kind: string; at: string; resolveDueAt?: string | null };
export type PetitionFact = {
  kind: PetitionKind;
  receivedAt: string;
  acceptDueAt: string;
  /** The petition's events in order. */
  events: PetitionEventFact[];
};

export type Figures = {
  received: number;
  accepted: number;
  notAccepted: number;
  forwarded: number;
  withdrawn: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pending: number;
  pendingWithinDeadline: number;
  pendingOverdue: number;
};

export const emptyFigures = (): Figures => ({
  received: 0,
  accepted: 0,
  notAccepted: 0,
  forwarded: 0,
  withdrawn: 0,
  resolved: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  pending: 0,
  pendingWithinDeadline: 0,
  pendingOverdue: 0,
});

export const addFigures = (a: Figures, b: Figures): Figures =>
  Object.fromEntries(
    Object.keys(a).map((k) => [k, a[k as keyof Figures] + b[k as keyof Figures]]),
  ) as Figures;

const ENDING = new Set(["decided", "not_accepted", "forwarded", "withdrawn"]);

/**
 * The figures of a period [start, end) by kind, from the petitions' events, counted as of the end
 * (or `asOf`, e.g. now, when the period has not ended): what happened in the period, and what was
 * still pending at its end, within its deadline or overdue. A petition's deadline is its
 * acceptance deadline until it is accepted, then the last resolution deadline (acceptance or
 * extension); a decision is on time when made by the deadline in force. This is the plain
 * recount the SQL query of the service is tested against.
 */
export function petitionFigures(
  facts: readonly PetitionFact[],
  start: string,
  end: string,
  asOf: string = end,
): Record<PetitionKind, Figures> {
  const s = Date.parse(start);
  const e = Date.parse(end);
  const cut = Math.min(e, Date.parse(asOf));
  const out = Object.fromEntries(PETITION_KINDS.map((k) => [k, emptyFigures()])) as Record<
    PetitionKind,
    Figures
  >;
  const inPeriod = (at: string) => Date.parse(at) >= s && Date.parse(at) < e;
  for (const p of facts) {
    if (Date.parse(p.receivedAt) >= e) continue;
    const f = out[p.kind];
    if (inPeriod(p.receivedAt)) f.received++;
    let accepted = false;
    let due: string | null = null;
    let ended = false;
    for (const ev of p.events) {
      if (Date.parse(ev.at) >= e) break;
      if (ev.kind === "accepted" || ev.kind === "extended") {
        if (ev.kind === "accepted") {
          accepted = true;
          if (inPeriod(ev.at)) f.accepted++;
        }
        due = ev.resolveDueAt ?? due;
      }
      if (ENDING.has(ev.kind) && !ended) {
        ended = true;
        if (!inPeriod(ev.at)) continue;
        if (ev.kind === "not_accepted") f.notAccepted++;
        if (ev.kind === "forwarded") f.forwarded++;
        if (ev.kind === "withdrawn") f.withdrawn++;
        if (ev.kind === "decided") {
          f.resolved++;
          if (due !== null && Date.parse(ev.at) <= Date.parse(due)) f.resolvedOnTime++;
          else f.resolvedLate++;
        }
      }
    }
    if (ended) continue;
    f.pending++;
    const applicable = accepted ? due : p.acceptDueAt;
    if (applicable !== null && Date.parse(applicable) < cut) f.pendingOverdue++;
    else f.pendingWithinDeadline++;
  }
  return out;
}

// ---- Identity ----

/** What lists and other readers see instead of a confidential petitioner's name. */
export const confidentialLabel = (kind: PetitionKind) =>
  kind === "denunciation"
    ? { vi: "Người tố cáo (bảo mật)", en: "Denouncer (confidential)" }
    : { vi: "Người gửi đơn (bảo mật)", en: "Petitioner (confidential)" };
