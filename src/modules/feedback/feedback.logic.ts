// Feedback and suggestions (phản ánh, kiến nghị), as pure functions: public codes, routing to the
// responsible unit, the answer deadline in the unit's working days, the status machine, the
// redaction of personal data from text proposed for publication, and the Open311 GeoReport v2
// mapping of our items and services. No I/O here: the services feed it what they loaded.
import { randomInt } from "node:crypto";
import type { FEEDBACK_STATUSES } from "../../db/schema.voice.ts";
import type { WorkingCalendar } from "../calendar/calendar.ts";

export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

// --- codes ------------------------------------------------------------------------------------

/** No 0/O, 1/I/L, U: a code read over the phone is not misheard. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_PREFIX = "PA-";
const CODE_LENGTH = 8;
const CODE = new RegExp(`^${CODE_PREFIX}[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A new public code, `PA-` + 8 random symbols (30^8 ≈ 6.6·10^11: not guessable at a rate limit). */
export function newFeedbackCode(random: (max: number) => number = randomInt): string {
  let s = CODE_PREFIX;
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return s;
}

/** A code as typed ("pa-7k3m 9q2x", "7K3M9Q2X") in its stored form, or undefined. */
export function normaliseFeedbackCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const body = compact.startsWith("PA") && compact.length === CODE_LENGTH + 2 ? compact.slice(2) : compact;
  const code = `${CODE_PREFIX}${body}`;
  return CODE.test(code) ? code : undefined;
}

// --- routing ----------------------------------------------------------------------------------

export type RoutingInput = {
  /** The unit the sender chose (or the Open311 jurisdiction), if any. */
  chosenUnitId?: string | null;
  /** The unit of the desk the feedback is about, if any. */
  deskUnitId?: string | null;
  /** The units serving the procedure the feedback is about (empty when none is named). */
  procedureUnitIds?: readonly string[];
  /** Where feedback goes when nothing else names a unit (the root of the tree): it reroutes. */
  defaultUnitId: string;
};
export type Routing =
  | { unitId: string; via: "desk" | "procedure" | "chosen" | "default" }
  | { refused: "procedure_not_served" | "procedure_ambiguous" | "desk_unit_mismatch" };

/**
 * The unit responsible for a feedback item: the desk's unit (a desk belongs to one unit); else the
 * unit serving the procedure (the chosen one when several serve it and the sender chose one of
 * them); else the chosen unit; else the default unit, which reroutes.
 */
export function routeFeedback(input: RoutingInput): Routing {
  const chosen = input.chosenUnitId ?? null;
  if (input.deskUnitId) {
    if (chosen && chosen !== input.deskUnitId) return { refused: "desk_unit_mismatch" };
    return { unitId: input.deskUnitId, via: "desk" };
  }
  const serving = input.procedureUnitIds;
  if (serving !== undefined) {
    if (serving.length === 0) return { refused: "procedure_not_served" };
    if (chosen)
      return serving.includes(chosen)
        ? { unitId: chosen, via: "procedure" }
        : { refused: "procedure_not_served" };
    if (serving.length === 1) return { unitId: serving[0]!, via: "procedure" };
    return { refused: "procedure_ambiguous" };
  }
  if (chosen) return { unitId: chosen, via: "chosen" };
  return { unitId: input.defaultUnitId, via: "default" };
}

/** The answer deadline: `answerDays` working days of the unit's calendar after receipt. */
export function feedbackDueAt(calendar: WorkingCalendar, receivedAt: Date, answerDays: number): Date {
  return calendar.addWorkingDays(receivedAt, answerDays);
}

// --- status machine ---------------------------------------------------------------------------

export const FEEDBACK_COMMANDS = ["assign", "reply", "close", "reject", "publish", "reroute"] as const;
export type FeedbackCommand = (typeof FEEDBACK_COMMANDS)[number];

/** From which statuses each command may run, and the status it leaves (undefined: unchanged). */
export const TRANSITIONS: Record<FeedbackCommand, { from: readonly FeedbackStatus[]; to?: FeedbackStatus }> =
  {
    assign: { from: ["open", "in_progress"], to: "in_progress" },
    reply: { from: ["open", "in_progress", "answered"], to: "answered" },
    close: { from: ["answered"], to: "closed" },
    reject: { from: ["open", "in_progress"], to: "rejected" },
    publish: { from: ["answered", "closed"] },
    reroute: { from: ["open", "in_progress"], to: "open" },
  };

/** The commands allowed in a status (publish also needs consent and no earlier publication). */
export function allowedCommands(
  status: FeedbackStatus,
  item: { consentPublish: boolean; published: boolean } = { consentPublish: true, published: false },
): FeedbackCommand[] {
  return FEEDBACK_COMMANDS.filter(
    (c) =>
      TRANSITIONS[c].from.includes(status) &&
      (c !== "publish" || (item.consentPublish && !item.published)) &&
      (c !== "reply" || !item.published),
  );
}

/** The status after `command`, or undefined when the command is not allowed in `status`. */
export function nextStatus(status: FeedbackStatus, command: FeedbackCommand): FeedbackStatus | undefined {
  const t = TRANSITIONS[command];
  if (!t.from.includes(status)) return undefined;
  return t.to ?? status;
}

/** Not answered by its deadline: still waiting past it, or answered after it. */
export function isOverdue(
  item: { status: FeedbackStatus; dueAt: Date; repliedAt: Date | null },
  now: Date,
): boolean {
  if (item.repliedAt) return item.repliedAt.getTime() > item.dueAt.getTime();
  if (item.status === "rejected" || item.status === "closed") return false;
  return now.getTime() > item.dueAt.getTime();
}

// --- redaction --------------------------------------------------------------------------------

export const REDACTED = "[…]";

/** Vietnamese phone numbers (0xx…, +84…) written with spaces, dots or dashes. */
const PHONE = /(?<![\p{L}\p{N}])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\p{L}\p{N}])/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
/** 9-digit identity cards and 12-digit citizen identity numbers, maybe grouped by spaces or dots. */
const ID_NUMBER = /(?<![\p{L}\p{N}])(?:\d{3}[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{3})?)(?![\p{L}\p{N}])/gu;

const fold = (s: string) =>
  s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Finds the sender's name in the text, with or without diacritics: the spans to remove. */
function nameSpans(text: string, names: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  // Folding removes combining marks one for one from NFD, so work on the NFC text char by char.
  const chars = [...text.normalize("NFC")];
  const folded = chars.map((c) => fold(c)).join("");
  const offsets: number[] = [];
  let pos = 0;
  for (const c of chars) {
    offsets.push(pos);
    pos += fold(c).length;
  }
  offsets.push(pos);
  const candidates = names
    .map((n) => fold(n.trim()).replace(/\s+/g, " "))
    .filter((n) => n.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const n of candidates) {
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRegex(n).replace(/ /g, "\\s+")}(?![\\p{L}\\p{N}])`,
      "gu",
    );
    for (const m of folded.matchAll(re)) {
      const start = offsets.indexOf(m.index!);
      const end = offsets.indexOf(m.index! + m[0].length);
      if (start >= 0 && end >= 0) spans.push([start, end]);
    }
  }
  return spans.map(([s, e]) => [chars.slice(0, s).join("").length, chars.slice(0, e).join("").length]);
}

export type PersonalDataKind = "phone" | "email" | "id_number" | "name";

/** The personal data found in a text: phone numbers, e-mails, 9/12-digit ID numbers, the sender's names. */
export function findPersonalData(
  text: string,
  senderNames: readonly string[] = [],
): { kind: PersonalDataKind; text: string }[] {
  const t = text.normalize("NFC");
  const found: { kind: PersonalDataKind; text: string }[] = [];
  for (const m of t.matchAll(EMAIL)) found.push({ kind: "email", text: m[0] });
  const noMail = t.replace(EMAIL, " ");
  for (const m of noMail.matchAll(PHONE)) found.push({ kind: "phone", text: m[0] });
  const noPhone = noMail.replace(PHONE, " ");
  for (const m of noPhone.matchAll(ID_NUMBER)) found.push({ kind: "id_number", text: m[0] });
  for (const [s, e] of nameSpans(t, senderNames)) found.push({ kind: "name", text: t.slice(s, e) });
  return found;
}

/**
 * The text with personal data replaced by "[…]": e-mails, then phone numbers, then ID numbers,
 * then the sender's names (full name first, then its parts of at least two words). The official
 * reviews the result before it is published.
 */
export function redactPersonalData(text: string, senderNames: readonly string[] = []): string {
  let t = text
    .normalize("NFC")
    .replace(EMAIL, REDACTED)
    .replace(PHONE, REDACTED)
    .replace(ID_NUMBER, REDACTED);
  const spans = nameSpans(t, senderNames).sort((a, b) => b[0] - a[0]);
  let lastStart = Number.POSITIVE_INFINITY;
  for (const [s, e] of spans) {
    if (e > lastStart) continue; // overlaps a longer name already removed
    t = `${t.slice(0, s)}${REDACTED}${t.slice(e)}`;
    lastStart = s;
  }
  return t;
}

const HONORIFICS = ["ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "bạn", "Mr", "Mrs", "Ms"];

/** The names of a sender to look for: the full name, and family + given name without the middle. */
export function senderNames(p: { firstName: string | null; lastName: string | null }): string[] {
  const first = p.firstName?.trim() ?? "";
  const last = p.lastName?.trim() ?? "";
  const names = new Set<string>();
  if (first && last) {
    names.add(`${last} ${first}`);
    names.add(`${first} ${last}`);
    const family = last.split(/\s+/)[0]!;
    if (family !== last) names.add(`${family} ${first}`);
  }
  // The given name alone is a common word, but after a form of address it names the sender.
  if (first) for (const h of HONORIFICS) names.add(`${h} ${first}`);
  // A single given name ("An") is too common a word to remove everywhere; a full one-word
  // name given alone (no family name) is all we know, so it goes.
  if (!first && last) names.add(last);
  if (first && !last) names.add(first);
  return [...names];
}

/** "Nguyễn Văn An" → { lastName: "Nguyễn Văn", firstName: "An" } (Vietnamese order: given name last). */
export function splitFullName(fullName: string): { firstName: string; lastName: string | null } {
  const parts = fullName.trim().split(/\s+/);
  const firstName = parts.pop() ?? "";
  return { firstName, lastName: parts.length > 0 ? parts.join(" ") : null };
}

// --- Open311 GeoReport v2 ---------------------------------------------------------------------

export type ServiceRow = {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  groupName: string;
  keywords: string[];
  answerDays: number;
  active: boolean;
};

export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: "realtime";
  keywords: string;
  group: string;
};

export function toOpen311Service(s: ServiceRow, locale: "vi" | "en"): Open311Service {
  return {
    service_code: s.code,
    service_name: locale === "vi" ? s.nameVi : s.nameEn,
    description: locale === "vi" ? s.descriptionVi : s.descriptionEn,
    metadata: false,
    type: "realtime",
    keywords: s.keywords.join(","),
    group: s.groupName,
  };
}

export type Open311Status = "open" | "closed";
/** Open while someone has still to act; closed once answered, closed or rejected. */
export const open311Status = (status: FeedbackStatus): Open311Status =>
  status === "open" || status === "in_progress" ? "open" : "closed";

/** Our statuses that an Open311 status filter means. */
export const statusesOfOpen311 = (s: Open311Status): FeedbackStatus[] =>
  s === "open" ? ["open", "in_progress"] : ["answered", "closed", "rejected"];

/** What of an item may leave the server in public: the published fields, or the status fields. */
export type PublicItem = {
  code: string;
  status: FeedbackStatus;
  serviceCode: string;
  serviceName: string;
  unitName: string;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date;
  /** Set only when published (or the code holder asks about an answered item). */
  reply: string | null;
  published: boolean;
  publicText: string | null;
  lat: number | null;
  long: number | null;
  address: string | null;
  mediaUrl: string | null;
};

export type Open311Request = {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

/** W3C datetime with the Vietnam offset, as GeoReport v2 shows times ("2026-03-02T09:30:00+07:00"). */
export function w3cVietnam(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

/**
 * An item as an Open311 request. Description, location and photo only when published; the
 * status notes are the reply when the caller may see it (published, or asked for by code).
 */
export function toOpen311Request(item: PublicItem): Open311Request {
  return {
    service_request_id: item.code,
    status: open311Status(item.status),
    status_notes: item.reply,
    service_name: item.serviceName,
    service_code: item.serviceCode,
    description: item.published ? item.publicText : null,
    agency_responsible: item.unitName,
    service_notice: null,
    requested_datetime: w3cVietnam(item.createdAt),
    updated_datetime: w3cVietnam(item.updatedAt),
    expected_datetime: w3cVietnam(item.dueAt),
    address: item.published ? item.address : null,
    address_id: null,
    zipcode: null,
    lat: item.published ? item.lat : null,
    long: item.published ? item.long : null,
    media_url: item.published ? item.mediaUrl : null,
  };
}

/** Open311 date filters: W3C datetimes; a bare date is a Vietnam day. Undefined when unreadable. */
export function parseOpen311Date(value: string): Date | undefined {
  const v = value.trim();
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(v)
    ? `${v}T00:00:00+07:00`
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)
      ? `${v}+07:00`
      : v;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(withZone))
    return undefined;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const OPEN311_DEFAULT_DAYS = 90;
export const OPEN311_MAX_RESULTS = 1000;

/** The window of GET requests.json: the last 90 days unless dates say otherwise. */
export function open311Window(now: Date, start?: Date, end?: Date): { start: Date; end: Date } {
  const e = end ?? now;
  const s = start ?? new Date(e.getTime() - OPEN311_DEFAULT_DAYS * 86_400_000);
  return { start: s, end: e };
}

// --- figures ----------------------------------------------------------------------------------

export type FiguresRow = {
  status: FeedbackStatus;
  createdAt: Date;
  dueAt: Date;
  repliedAt: Date | null;
  publishedAt: Date | null;
};
export type FeedbackCells = {
  received: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  pending: number;
  pendingOverdue: number;
  rejected: number;
  published: number;
};

/** The figures of a set of items received in a period, counted by brute force (tests check the SQL). */
export function feedbackCells(rows: readonly FiguresRow[], now: Date): FeedbackCells {
  const c: FeedbackCells = {
    received: 0,
    answered: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    pending: 0,
    pendingOverdue: 0,
    rejected: 0,
    published: 0,
  };
  for (const r of rows) {
    c.received++;
    if (r.publishedAt) c.published++;
    if (r.repliedAt) {
      c.answered++;
      if (r.repliedAt.getTime() <= r.dueAt.getTime()) c.answeredOnTime++;
      else c.answeredLate++;
    } else if (r.status === "rejected") c.rejected++;
    else if (r.status === "open" || r.status === "in_progress") {
      c.pending++;
      if (now.getTime() > r.dueAt.getTime()) c.pendingOverdue++;
    }
  }
  return c;
}
