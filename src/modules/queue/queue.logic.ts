// Pure rules of the queue (issue #8): which ticket a desk calls next, the ticket's status
// machine, its label and spoken announcement, and the waiting/serving time figures. No I/O:
// the service and the repository's SQL follow these rules, and the tests compare them.
import { TICKET_STATUSES } from "../../db/schema.frontdesk.ts";

export type TicketStatus = (typeof TICKET_STATUSES)[number];
export { TICKET_STATUSES };

/** What an official does with a called ticket at the counter. */
export const TICKET_ACTIONS = ["recall", "skip", "transfer", "serve", "finish"] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** Every move of a ticket, with the statuses it starts from and the status it leaves. */
export const TRANSITIONS: Record<"call" | TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> =
  {
    /** Call next: a waiting ticket is called to a desk. */
    call: { from: ["waiting"], to: "called" },
    /** Call again (the visitor did not come), or call back a skipped visitor who turned up late. */
    recall: { from: ["called", "skipped"], to: "called" },
    /** The visitor did not come: the ticket leaves the queue (it can still be recalled). */
    skip: { from: ["called"], to: "skipped" },
    /** Sent to another desk: it waits there, ahead of that desk's walk-ins. */
    transfer: { from: ["called", "serving"], to: "waiting" },
    /** The visitor is at the desk. */
    serve: { from: ["called"], to: "serving" },
    /** Done (from serving, or straight from called for a quick answer). */
    finish: { from: ["called", "serving"], to: "served" },
  };

/** Actions an official may take on a ticket in this status (for the counter screen's buttons). */
export function allowedActions(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

export function canMove(status: TicketStatus, action: "call" | TicketAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

export type DeskLike = { id: string; sectors: readonly string[] };

/** Does the desk serve this sector? Empty sectors: every sector; a ticket without a sector: any desk. */
export function deskServes(desk: DeskLike, sector: string | null): boolean {
  return desk.sectors.length === 0 || sector === null || desk.sectors.includes(sector);
}

export type Candidate = {
  id: string;
  number: number;
  sector: string | null;
  status: TicketStatus;
  /** The desk it was transferred to (null: any desk serving its sector). */
  deskId: string | null;
  /** For checked-in bookings: served first from this instant (the slot's start). */
  priorityFrom: string | null;
};

/**
 * Rank of a waiting ticket at a desk (lower first), or null when this desk does not call it:
 * 0 a checked-in booking whose slot has started, 1 a ticket transferred to this desk,
 * 2 the rest in number order. A booking that arrives before its slot waits like a walk-in
 * (never behind one that took a ticket after it). The repository's ORDER BY mirrors this.
 */
export function callRank(t: Candidate, desk: DeskLike, now: Date): number | null {
  if (t.status !== "waiting") return null;
  if (t.deskId !== null ? t.deskId !== desk.id : !deskServes(desk, t.sector)) return null;
  if (t.priorityFrom !== null && Date.parse(t.priorityFrom) <= now.getTime()) return 0;
  if (t.deskId === desk.id) return 1;
  return 2;
}

/** Order of two tickets a desk may call: rank, then (bookings) the slot's start, then the number. */
export function compareForCall(a: Candidate, b: Candidate, desk: DeskLike, now: Date): number {
  const ra = callRank(a, desk, now) ?? 9;
  const rb = callRank(b, desk, now) ?? 9;
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    const pa = Date.parse(a.priorityFrom as string);
    const pb = Date.parse(b.priorityFrom as string);
    if (pa !== pb) return pa - pb;
  }
  return a.number - b.number;
}

/** The ticket this desk calls next, or undefined when none waits for it. */
export function nextTicket<T extends Candidate>(
  tickets: readonly T[],
  desk: DeskLike,
  now: Date,
): T | undefined {
  return tickets
    .filter((t) => callRank(t, desk, now) !== null)
    .sort((a, b) => compareForCall(a, b, desk, now))[0];
}

/** The label printed and shown: the day's number on four digits ("0012"), optionally prefixed. */
export function ticketLabel(number: number, prefix?: string | null): string {
  const digits = String(number).padStart(4, "0");
  return prefix ? `${prefix}${digits}` : digits;
}

/**
 * Initials of a sector for a ticket prefix, without diacritics: "Hộ tịch" → "HT",
 * "Chứng thực" → "CT", "Đất đai" → "DD".
 */
export function sectorPrefix(sector: string | null): string {
  if (!sector) return "";
  return sector
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "D")
    .split(/[\s,-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join("")
    .slice(0, 3);
}

/** What the display says aloud (and shows) when a ticket is called to a desk. */
export function announcement(number: number, deskNumber: number, lang: "vi" | "en" = "vi"): string {
  return lang === "vi"
    ? `Mời khách hàng số ${number} đến quầy số ${deskNumber}`
    : `Ticket number ${number}, please go to counter ${deskNumber}`;
}

// ---- Statistics -------------------------------------------------------------------------

export type StatEvent = { kind: string; at: string; deskId: string | null; actorId: string | null };
export type StatTicket = {
  id: string;
  sector: string | null;
  issuedAt: string;
  events: readonly StatEvent[];
};

/** Per ticket: seconds waited before the first call, seconds at the desk, who served it. */
export type TicketTimes = {
  sector: string | null;
  waitSeconds: number | null;
  serveSeconds: number | null;
  deskId: string | null;
  officialId: string | null;
};

const seconds = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * A ticket's times from its events (in order): waiting = first call − issue; serving = served −
 * the last "serving" (or the last call when the official finished straight away). The desk and
 * official are the ones that finished it (or that first called it when it was never served).
 */
export function ticketTimes(t: StatTicket): TicketTimes {
  const events = [...t.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const firstCall = events.find((e) => e.kind === "called");
  const served = events.findLast((e) => e.kind === "served");
  let serveSeconds: number | null = null;
  if (served) {
    const before = events.filter((e) => Date.parse(e.at) <= Date.parse(served.at));
    const start =
      before.findLast((e) => e.kind === "serving") ??
      before.findLast((e) => e.kind === "called" || e.kind === "recalled");
    if (start) serveSeconds = seconds(start.at, served.at);
  }
  const by = served ?? firstCall;
  return {
    sector: t.sector,
    waitSeconds: firstCall ? seconds(t.issuedAt, firstCall.at) : null,
    serveSeconds,
    deskId: by?.deskId ?? null,
    officialId: by?.actorId ?? null,
  };
}

/** The median (mean of the two middle values for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The p-th percentile by nearest rank (p in 0..100); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
}

export type TimeFigures = {
  key: string | null;
  tickets: number;
  served: number;
  waitMedian: number | null;
  waitP90: number | null;
  serveMedian: number | null;
  serveP90: number | null;
};

function figures(key: string | null, rows: readonly TicketTimes[]): TimeFigures {
  const waits = rows.flatMap((r) => (r.waitSeconds === null ? [] : [r.waitSeconds]));
  const serves = rows.flatMap((r) => (r.serveSeconds === null ? [] : [r.serveSeconds]));
  return {
    key,
    tickets: rows.length,
    served: serves.length,
    waitMedian: median(waits),
    waitP90: percentile(waits, 90),
    serveMedian: median(serves),
    serveP90: percentile(serves, 90),
  };
}

function groupBy(rows: readonly TicketTimes[], keyOf: (r: TicketTimes) => string | null): TimeFigures[] {
  const groups = new Map<string | null, TicketTimes[]>();
  for (const r of rows) {
    const k = keyOf(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([k, g]) => figures(k, g))
    .sort((a, b) => (a.key ?? "\uffff").localeCompare(b.key ?? "\uffff"));
}

/** Waiting and serving times (seconds: median, p90) overall and per desk, sector and official. */
export function queueStats(tickets: readonly StatTicket[]) {
  const rows = tickets.map(ticketTimes);
  return {
    total: figures(null, rows),
    byDesk: groupBy(
      rows.filter((r) => r.deskId !== null),
      (r) => r.deskId,
    ),
    bySector: groupBy(rows, (r) => r.sector),
    byOfficial: groupBy(
      rows.filter((r) => r.officialId !== null),
      (r) => r.officialId,
    ),
  };
}
