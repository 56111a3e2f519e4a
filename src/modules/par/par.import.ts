// Reading a criteria file: JSON (an array of criteria, or {criteria: [...]}), CSV or XLSX (first
// sheet; columns code, parent_code, title, title_en, max_points, auto_source, guidance; the header
// row names them, in any order and case). CSV and XLSX rows are read by the historical import's
// readers (imports/import.parse.ts: BOM, comma or semicolon, the file's own row numbers). Every
// problem is reported with its row number and column, in vi and en, and nothing is stored.
import { Readable } from "node:stream";
import { DomainError, Errors, type FieldError, fieldError } from "../../shared/errors.ts";
import { FileFormatError, readRows } from "../imports/import.parse.ts";
import {
  type CriterionInput,
  type CriterionIssue,
  inferParent,
  parsePoints,
  validateCriteria,
} from "./par.logic.ts";

/** Criteria files are small: a set rarely has more than a hundred criteria. */
export const CRITERIA_FILE_MAX_BYTES = 5 * 1_048_576;
export const CRITERIA_FILE_MAX_ROWS = 1000;

export const COLUMNS = [
  "code",
  "parent_code",
  "title",
  "title_en",
  "max_points",
  "auto_source",
  "guidance",
] as const;
const REQUIRED = ["code", "title", "max_points"] as const;
type Column = (typeof COLUMNS)[number];

const FIELD_COLUMN: Record<CriterionIssue["field"], Column | "file"> = {
  code: "code",
  parentCode: "parent_code",
  title: "title",
  titleEn: "title_en",
  maxPoints: "max_points",
  autoSource: "auto_source",
  guidance: "guidance",
  criteria: "file",
};

export type CriteriaRow = { row: number; input: CriterionInput };

export type CriteriaFormat = "json" | "csv" | "xlsx";

export function criteriaFormatOf(name: string): CriteriaFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase();
  return ext === "json" || ext === "csv" || ext === "xlsx" ? ext : null;
}

const fileError = (code: string, vi: string, en: string) =>
  Errors.invalid([fieldError("file", code, { vi, en }, "body")]);

/** One flat row (CSV, XLSX, or a JSON object with the column names or camelCase keys) → input. */
export function criterionFromRecord(r: Record<string, unknown>): CriterionInput {
  const get = (...keys: string[]) => {
    for (const k of keys) {
      const v = r[k];
      if (v !== undefined && v !== null) return String(v).trim();
    }
    return "";
  };
  const code = get("code");
  const max = r.maxPoints ?? r.max_points;
  const source = get("auto_source", "autoSource").toLowerCase();
  return {
    code,
    parentCode: inferParent(code, get("parent_code", "parentCode")),
    title: get("title"),
    titleEn: get("title_en", "titleEn") || null,
    maxPoints: typeof max === "number" ? max : parsePoints(String(max ?? "")),
    autoSource: source === "" ? null : source,
    guidance: get("guidance") || null,
  };
}

async function flatRows(bytes: Buffer, format: "csv" | "xlsx"): Promise<CriteriaRow[]> {
  const rows: CriteriaRow[] = [];
  const read = readRows(Readable.from([bytes]), format, {
    onHeader: (columns) => {
      const missing = REQUIRED.filter((c) => !columns.includes(c));
      if (missing.length > 0)
        throw fileError(
          "par.import_columns",
          `Tệp thiếu cột: ${missing.join(", ")}. Các cột: ${COLUMNS.join(", ")}.`,
          `The file lacks the column(s) ${missing.join(", ")}. Columns: ${COLUMNS.join(", ")}.`,
        );
    },
  });
  try {
    for await (const { rowNumber, record } of read) {
      if (rows.length >= CRITERIA_FILE_MAX_ROWS) throw tooManyRows();
      rows.push({ row: rowNumber, input: criterionFromRecord(record) });
    }
  } catch (err) {
    if (err instanceof FileFormatError)
      throw Errors.invalid([
        fieldError(
          `rows.${err.row}`,
          err.code,
          { vi: `Dòng ${err.row}: ${err.messages.vi}`, en: `Row ${err.row}: ${err.messages.en}` },
          "body",
        ),
      ]);
    throw err;
  }
  return rows;
}

const tooManyRows = () =>
  fileError(
    "par.import_too_many_rows",
    `Tệp có quá nhiều dòng (tối đa ${CRITERIA_FILE_MAX_ROWS}).`,
    `The file has too many rows (at most ${CRITERIA_FILE_MAX_ROWS}).`,
  );

function jsonRows(bytes: Buffer): CriteriaRow[] {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (err) {
    throw fileError(
      "par.import_json",
      `Tệp JSON không hợp lệ (${(err as Error).message}).`,
      `The JSON file is not valid (${(err as Error).message}).`,
    );
  }
  const list = Array.isArray(data) ? data : (data as { criteria?: unknown } | null)?.criteria;
  if (!Array.isArray(list))
    throw fileError(
      "par.import_json_shape",
      "Tệp JSON phải là một mảng tiêu chí, hoặc một đối tượng có trường criteria là mảng.",
      "The JSON file must hold an array of criteria, or an object whose criteria field is one.",
    );
  if (list.length > CRITERIA_FILE_MAX_ROWS) throw tooManyRows();
  return list.map((item, i) => ({
    row: i + 1,
    input: criterionFromRecord(item && typeof item === "object" ? (item as Record<string, unknown>) : {}),
  }));
}

/** Reads the file's rows; refuses an empty file, an unknown format or a malformed file (400). */
export async function readCriteriaFile(bytes: Buffer | undefined, name: string): Promise<CriteriaRow[]> {
  const format = criteriaFormatOf(name);
  if (!format)
    throw Errors.invalid([
      fieldError(
        "name",
        "par.import_format",
        { vi: "Chỉ nhận tệp .json, .csv hoặc .xlsx.", en: "Only .json, .csv and .xlsx files are accepted." },
        "query",
      ),
    ]);
  if (!bytes || bytes.length === 0)
    throw new DomainError("par.import_empty", 400, { vi: "Tệp rỗng.", en: "The file is empty." });
  if (bytes.length > CRITERIA_FILE_MAX_BYTES)
    throw new DomainError("par.import_too_large", 413, {
      vi: "Tệp quá lớn: tối đa 5 MB.",
      en: "The file is too large: at most 5 MB.",
    });
  const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if ((format === "xlsx") !== zip)
    throw fileError(
      "par.import_content",
      `Nội dung tệp không phải ${format.toUpperCase()}.`,
      `The file's content is not ${format.toUpperCase()}.`,
    );
  return format === "json" ? jsonRows(bytes) : flatRows(bytes, format);
}

/**
 * The rules of par.logic.ts over the file's rows, as field errors naming the row and column
 * ("rows.7.max_points", "Dòng 7 (max_points): …"); the set as a whole is field "file".
 */
export function rowErrors(rows: readonly CriteriaRow[]): FieldError[] {
  return validateCriteria(rows.map((r) => r.input)).map((x) => {
    const column = FIELD_COLUMN[x.field];
    if (x.index < 0) return fieldError("file", x.code, x.message, "body");
    const row = rows[x.index]!.row;
    return fieldError(
      `rows.${row}.${column}`,
      x.code,
      { vi: `Dòng ${row} (${column}): ${x.message.vi}`, en: `Row ${row} (${column}): ${x.message.en}` },
      "body",
    );
  });
}
