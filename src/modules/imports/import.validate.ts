// Historical import (issue #7), pure: one row of a file (column → text) becomes a HistoricalRow
// ready to store, or the list of what is wrong with it (row number, column, code, vi/en message).
// Units and procedures are looked up through functions the caller fills from the database.
//
// Instants: "YYYY-MM-DD" is 00:00 Vietnam time; "YYYY-MM-DDTHH:mm[:ss[.fff]]" (T or a space)
// without an offset is Vietnam time (UTC+7); with "Z" or "±HH:MM" / "±HHMM" / "±HH" it is that
// instant.
import type { Message } from "../../shared/errors.ts";
import { findEpochDay, type IsoDate, toIsoDate } from "../calendar/dates.ts";
import type { HistoricalOutcome, HistoricalRating, HistoricalRow } from "../reports/historical.ts";
import type { Channel, ServiceMode } from "../reports/resolution.logic.ts";

export const IMPORT_COLUMNS = [
  "dossier_code",
  "procedure_code",
  "unit_code",
  "channel",
  "received_at",
  "due_at",
  "resolved_at",
  "returned_at",
  "outcome",
  "rating",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
/** Columns the header must have; the others may be left out (every value then empty). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  "dossier_code",
  "procedure_code",
  "unit_code",
  "channel",
  "received_at",
  "outcome",
];

export const IMPORT_CHANNELS = [
  "in_person",
  "online_full",
  "online_partial",
  "postal",
  "mobile",
  "at_home",
] as const;
export const IMPORT_OUTCOMES = ["returned", "refused", "withdrawn", "pending"] as const;
export const IMPORT_RATINGS = ["very_satisfied", "satisfied", "normal", "dissatisfied", "empty"] as const;
export const CODE_MAX = 100;

/** The file's channel → the report's channel and service mode. */
const CHANNEL_OF: Record<(typeof IMPORT_CHANNELS)[number], { channel: Channel; serviceMode: ServiceMode }> = {
  in_person: { channel: "in_person", serviceMode: "desk" },
  online_full: { channel: "online_full", serviceMode: "desk" },
  online_partial: { channel: "online_partial", serviceMode: "desk" },
  postal: { channel: "postal", serviceMode: "desk" },
  mobile: { channel: "in_person", serviceMode: "mobile_team" },
  at_home: { channel: "in_person", serviceMode: "at_home" },
};

/** One problem of one row. `row` counts the header as row 1. */
export interface RowError {
  row: number;
  field: string;
  code: string;
  message: Message;
}

// ---------------------------------------------------------------------------------------------
// Messages (stable codes; the text is for people).

const COLUMN_VI: Record<ImportColumn, string> = {
  dossier_code: "Mã hồ sơ",
  procedure_code: "Mã thủ tục",
  unit_code: "Mã đơn vị",
  channel: "Kênh tiếp nhận",
  received_at: "Thời điểm tiếp nhận",
  due_at: "Hạn giải quyết",
  resolved_at: "Thời điểm giải quyết",
  returned_at: "Thời điểm trả kết quả",
  outcome: "Kết quả",
  rating: "Mức độ hài lòng",
};
const viName = (field: string) => COLUMN_VI[field as ImportColumn] ?? field;

export const importMessages = {
  required: (f: string): Message => ({
    vi: `${viName(f)} (${f}) không được để trống.`,
    en: `${f} is required.`,
  }),
  tooLong: (f: string): Message => ({
    vi: `${viName(f)} (${f}) dài tối đa ${CODE_MAX} ký tự.`,
    en: `${f} may be at most ${CODE_MAX} characters long.`,
  }),
  invalidValue: (f: string, allowed: readonly string[]): Message => ({
    vi: `${viName(f)} (${f}) phải là một trong: ${allowed.join(", ")}.`,
    en: `${f} must be one of: ${allowed.join(", ")}.`,
  }),
  dateInvalid: (f: string): Message => ({
    vi: `${viName(f)} (${f}) không phải ngày giờ hợp lệ: dùng YYYY-MM-DD, hoặc ISO 8601 như 2026-02-13T10:00:00+07:00 (không ghi múi giờ là giờ Việt Nam).`,
    en: `${f} is not a valid date or instant: use YYYY-MM-DD, or ISO 8601 such as 2026-02-13T10:00:00+07:00 (without an offset: Vietnam time).`,
  }),
  future: (f: string): Message => ({
    vi: `${viName(f)} (${f}) ở tương lai.`,
    en: `${f} is in the future.`,
  }),
  beforeReceived: (f: string): Message => ({
    vi: `${viName(f)} (${f}) trước thời điểm tiếp nhận.`,
    en: `${f} is before received_at.`,
  }),
  pendingResolved: (f: string): Message => ({
    vi: `Hồ sơ đang giải quyết (pending) không được có ${viName(f).toLowerCase()} (${f}).`,
    en: `A pending dossier must not have ${f}.`,
  }),
  unitUnknown: (): Message => ({
    vi: "Không có đơn vị mang mã này.",
    en: "No unit has this code.",
  }),
  unitOutOfScope: (): Message => ({
    vi: "Bạn không được nhập hồ sơ của đơn vị này.",
    en: "You may not import dossiers of this unit.",
  }),
  procedureUnknown: (): Message => ({
    vi: "Không có thủ tục mang mã này trong danh mục.",
    en: "No procedure of the catalog has this code.",
  }),
  procedureNotInForce: (day: string): Message => ({
    vi: `Thủ tục chưa có hoặc đã bị bãi bỏ vào ngày tiếp nhận ${day}.`,
    en: `The procedure was not in force on the day of reception, ${day}.`,
  }),
  duplicateInFile: (first: number | null): Message => ({
    vi: `Mã hồ sơ trùng với một dòng trước trong tệp${first ? ` (dòng ${first})` : ""}.`,
    en: `The dossier code repeats an earlier row of the file${first ? ` (row ${first})` : ""}.`,
  }),
  liveDossier: (): Message => ({
    vi: "Mã hồ sơ là của một hồ sơ đang quản lý trên hệ thống, không nhập làm hồ sơ cũ.",
    en: "The code belongs to a dossier handled in this system; it is not imported as history.",
  }),
  columnMissing: (f: string): Message => ({
    vi: `Dòng tiêu đề thiếu cột ${f}.`,
    en: `The header row has no ${f} column.`,
  }),
};

// ---------------------------------------------------------------------------------------------
// Instants.

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** An instant of the file (see the top of this file), or null when it is not one. */
export function parseInstant(text: string): Date | null {
  const m = INSTANT.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hh = "00", mi = "00", ss = "00", frac = "", zone] = m;
  const epochDay = findEpochDay(`${y}-${mo}-${d}`);
  if (epochDay === undefined || Number(y) < 1900) return null;
  const hours = Number(hh);
  const minutes = Number(mi);
  const seconds = Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  let offset = VIETNAM_OFFSET_MINUTES;
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || "0");
    if (oh > 14 || om > 59) return null;
    offset = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  } else if (zone) offset = 0;
  const millis = Number(frac.padEnd(3, "0").slice(0, 3));
  const local = epochDay * 86_400_000 + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  return new Date(local - offset * 60_000);
}

// ---------------------------------------------------------------------------------------------
// The catalog: the version of a procedure in force on a day.

export interface VersionRef {
  id: string;
  version: number;
  effectiveFrom: IsoDate;
  change: "added" | "amended" | "abolished";
  sector: string;
}
export interface ProcedureRef {
  id: string;
  versions: VersionRef[];
}

/**
 * The version in force on `day`: the latest with effective_from ≤ day (ties: the higher version
 * number), unless that one abolishes the procedure (as catalog.repository.ts reads the catalog).
 */
export function versionInForce(versions: readonly VersionRef[], day: IsoDate): VersionRef | null {
  let best: VersionRef | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > day) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    )
      best = v;
  }
  return best && best.change !== "abolished" ? best : null;
}

export interface Lookups {
  /** Instants after this are refused. */
  now: Date;
  /** The unit with this code, and whether the importer may import for it; undefined: none. */
  unit: (code: string) => { id: string; inScope: boolean } | undefined;
  /** The procedure with this code and all its versions; undefined: none. */
  procedure: (code: string) => ProcedureRef | undefined;
}

export type RowResult = { ok: true; row: HistoricalRow } | { ok: false; errors: RowError[] };

const oneOf = <T extends string>(values: readonly T[], text: string): T | undefined =>
  values.find((v) => v === text);

/** Validates one row of the file (header = row 1) against the rules in README "Historical import". */
export function validateRow(
  rowNumber: number,
  record: Record<string, string | undefined>,
  lookups: Lookups,
): RowResult {
  const errors: RowError[] = [];
  const fail = (field: string, code: string, message: Message) =>
    errors.push({ row: rowNumber, field, code, message });
  const text = (field: ImportColumn) => (record[field] ?? "").trim();

  const code = text("dossier_code");
  if (!code) fail("dossier_code", "import.required", importMessages.required("dossier_code"));
  else if (code.length > CODE_MAX)
    fail("dossier_code", "import.too_long", importMessages.tooLong("dossier_code"));

  const enumOf = <T extends string>(field: ImportColumn, values: readonly T[], required: boolean) => {
    const value = text(field).toLowerCase();
    if (!value) {
      if (required) fail(field, "import.required", importMessages.required(field));
      return undefined;
    }
    const found = oneOf(values, value);
    if (!found) fail(field, "import.invalid_value", importMessages.invalidValue(field, values));
    return found;
  };
  const channel = enumOf("channel", IMPORT_CHANNELS, true);
  const outcome: HistoricalOutcome | undefined = enumOf("outcome", IMPORT_OUTCOMES, true);
  const rating = enumOf("rating", IMPORT_RATINGS, false);

  const instant = (field: ImportColumn) => {
    const value = text(field);
    if (!value) return null;
    const at = parseInstant(value);
    if (!at) {
      fail(field, "import.date_invalid", importMessages.dateInvalid(field));
      return undefined;
    }
    return at;
  };
  const receivedAt = instant("received_at");
  const dueAt = instant("due_at");
  let resolvedAt = instant("resolved_at");
  const returnedAt = instant("returned_at");

  if (receivedAt === null) fail("received_at", "import.required", importMessages.required("received_at"));
  // A deadline may lie ahead of today (a dossier still pending); events may not.
  for (const [field, at] of [
    ["received_at", receivedAt],
    ["resolved_at", resolvedAt],
    ["returned_at", returnedAt],
  ] as const)
    if (at && at.getTime() > lookups.now.getTime())
      fail(field, "import.future", importMessages.future(field));

  if (outcome) {
    if (dueAt === null && (outcome === "returned" || outcome === "pending"))
      fail("due_at", "import.required", importMessages.required("due_at"));
    if (outcome === "pending") {
      if (resolvedAt)
        fail("resolved_at", "import.pending_resolved", importMessages.pendingResolved("resolved_at"));
      if (returnedAt)
        fail("returned_at", "import.pending_resolved", importMessages.pendingResolved("returned_at"));
    } else if (resolvedAt === null) {
      // Withdrawn or refused: the day the applicant got the file back stands for the resolution.
      // (An unreadable returned_at is reported on its own column.)
      if (outcome !== "returned" && returnedAt) resolvedAt = returnedAt;
      else if (outcome === "returned" || returnedAt === null)
        fail("resolved_at", "import.required", importMessages.required("resolved_at"));
    }
  }
  if (receivedAt) {
    for (const [field, at] of [
      ["due_at", dueAt],
      ["resolved_at", text("resolved_at") ? resolvedAt : null],
      ["returned_at", returnedAt],
    ] as const)
      if (at && at.getTime() < receivedAt.getTime())
        fail(field, "import.before_received", importMessages.beforeReceived(field));
  }

  const unitCode = text("unit_code");
  let unitId: string | undefined;
  if (!unitCode) fail("unit_code", "import.required", importMessages.required("unit_code"));
  else {
    const unit = lookups.unit(unitCode);
    if (!unit) fail("unit_code", "import.unit_unknown", importMessages.unitUnknown());
    else if (!unit.inScope) fail("unit_code", "import.unit_out_of_scope", importMessages.unitOutOfScope());
    else unitId = unit.id;
  }

  const procedureCode = text("procedure_code");
  let version: VersionRef | null = null;
  let procedureId: string | undefined;
  if (!procedureCode) fail("procedure_code", "import.required", importMessages.required("procedure_code"));
  else {
    const procedure = lookups.procedure(procedureCode);
    if (!procedure) fail("procedure_code", "import.procedure_unknown", importMessages.procedureUnknown());
    else if (receivedAt) {
      const day = toIsoDate(receivedAt);
      version = versionInForce(procedure.versions, day);
      procedureId = procedure.id;
      if (!version)
        fail("procedure_code", "import.procedure_not_in_force", importMessages.procedureNotInForce(day));
    }
  }

  if (errors.length > 0 || !channel || !outcome || !receivedAt || !unitId || !procedureId || !version)
    return { ok: false, errors };
  return {
    ok: true,
    row: {
      code,
      procedureId,
      procedureVersionId: version.id,
      unitId,
      sector: version.sector,
      ...CHANNEL_OF[channel],
      receivedAt,
      dueAt: dueAt ?? null,
      resolvedAt: outcome === "pending" ? null : (resolvedAt ?? null),
      returnedAt: returnedAt ?? null,
      outcome,
      rating: rating && rating !== "empty" ? (rating as HistoricalRating) : null,
    },
  };
}

/** Problems of the header row (row 1): the required columns it lacks. */
export function checkHeader(columns: readonly string[]): RowError[] {
  const have = new Set(columns);
  return REQUIRED_COLUMNS.filter((c) => !have.has(c)).map((c) => ({
    row: 1,
    field: c,
    code: "import.column_missing",
    message: importMessages.columnMissing(c),
  }));
}
