// Streaming readers of import files: CSV (csv-parse's stream) and XLSX (ExcelJS's streaming
// workbook reader, first sheet). Each yields one row at a time, `{rowNumber, record}`, with the
// header row (row 1 of the file) turned into lower-case column names; memory does not grow with
// the file (the reader waits while the caller works: back-pressure up to the file stream).
// Row numbers are the file's own: the line where a CSV record starts (blank lines count, as a
// spreadsheet shows them), the row number of the sheet.
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import type { Message } from "../../shared/errors.ts";

export type ImportFormat = "csv" | "xlsx";
export interface SourceRow {
  rowNumber: number;
  /** Column name (normalised header) → the cell's text; columns without a header are dropped. */
  record: Record<string, string>;
}

/** A file that cannot be read on: what is wrong and where; rows before it were read. */
export class FileFormatError extends Error {
  constructor(
    readonly row: number,
    readonly code: string,
    readonly messages: Message,
  ) {
    super(messages.en);
    this.name = "FileFormatError";
  }
}

export function formatOf(fileName: string): ImportFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext === "csv" ? "csv" : ext === "xlsx" ? "xlsx" : null;
}

/** " Received At " → "received_at" (header names are case-insensitive). */
export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "_");

export interface ReadOptions {
  /** Called once with the normalised header, before the first row; may throw to stop. */
  onHeader?: (columns: string[]) => void;
}

export function readRows(input: Readable, format: ImportFormat, options: ReadOptions = {}) {
  return format === "csv" ? readCsv(input, options) : readXlsx(input, options);
}

function toRecord(header: readonly string[], cells: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  header.forEach((h, i) => {
    if (h && !(h in record)) record[h] = cells[i] ?? "";
  });
  return record;
}

const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");

async function* readCsv(input: Readable, options: ReadOptions): AsyncGenerator<SourceRow> {
  const parser = parse({
    bom: true,
    // Comma, or the semicolon of spreadsheets saved with a Vietnamese or European list separator.
    delimiter: [",", ";"],
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);
  let header: string[] | null = null;
  let lastLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record: cells, info } = item;
      lastLine = info.lines;
      // csv-parse counts the line where the record ends; a quoted field may span lines.
      const newlines = cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      const rowNumber = info.lines - newlines;
      if (!header) {
        header = cells.map(normaliseHeader);
        options.onHeader?.(header);
        continue;
      }
      if (blank(cells)) continue;
      yield { rowNumber, record: toRecord(header, cells) };
    }
  } catch (err) {
    if (err instanceof FileFormatError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (typeof e.code === "string" && e.code.startsWith("CSV_"))
      throw new FileFormatError(e.lines ?? lastLine + 1, "import.csv_invalid", {
        vi: `Tệp CSV sai cấu trúc ở dòng này (${e.message ?? e.code}); việc đọc tệp dừng tại đây.`,
        en: `The CSV file is malformed at this row (${e.message ?? e.code}); reading stopped here.`,
      });
    throw err;
  } finally {
    input.unpipe(parser);
    input.destroy();
  }
  if (!header) throw fileEmpty();
}

const fileEmpty = () =>
  new FileFormatError(1, "import.file_empty", {
    vi: "Tệp không có dòng tiêu đề.",
    en: "The file has no header row.",
  });

/** The text of a cell as a person reads it; dates (no zone in a workbook) as Vietnam time. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return "";
  }
  return String(value);
}

async function* readXlsx(input: Readable, options: ReadOptions): AsyncGenerator<SourceRow> {
  let headerError: unknown;
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "emit",
  });
  // The zip's entries may come in any order (exceljs's own writer varies it under load). exceljs
  // reads a worksheet that comes before xl/workbook.xml without the workbook's model and fails on
  // it, so it gets an empty one until the real one is read; and the sheet to read is the first
  // tab of the workbook (or sheet1.xml while the workbook is not read yet), not the first entry.
  const reader = workbook as unknown as {
    model?: { sheets?: { rId: string }[] };
    workbookRels?: { Id: string; Target: string }[];
  };
  reader.model ??= { sheets: [] };
  let sheetNo = "";
  (workbook as unknown as NodeJS.EventEmitter).on("entry", (entry: { type: string; id?: string }) => {
    if (entry.type === "worksheet") sheetNo = String(entry.id);
  });
  const firstSheetNo = () => {
    const rId = reader.model?.sheets?.[0]?.rId;
    const target = reader.workbookRels?.find((rel) => rel.Id === rId)?.Target;
    return target?.match(/sheet(\d+)\.xml$/)?.[1] ?? "1";
  };
  let header: string[] | null = null;
  let lastRow = 0;
  try {
    for await (const sheet of workbook) {
      if (sheetNo !== firstSheetNo()) {
        for await (const _row of sheet) {
          // another tab: read through, not used
        }
        continue;
      }
      for await (const row of sheet) {
        // row.values is 1-based (index 0 unused).
        lastRow = row.number;
        const cells = (row.values as unknown[]).slice(1).map(cellText);
        if (blank(cells)) continue;
        if (!header) {
          header = cells.map(normaliseHeader);
          try {
            options.onHeader?.(header);
          } catch (err) {
            headerError = err;
            throw err;
          }
          continue;
        }
        yield { rowNumber: row.number, record: toRecord(header, cells) };
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof FileFormatError || err === headerError) throw err;
    throw new FileFormatError(lastRow + 1, "import.xlsx_invalid", {
      vi: `Không đọc được tệp XLSX (${(err as Error).message}).`,
      en: `The XLSX file could not be read (${(err as Error).message}).`,
    });
  } finally {
    input.destroy();
  }
  if (!header) throw fileEmpty();
}
