// Catalog import from files: JSON (an array of procedure records, as in db/seed/procedures.json),
// CSV or XLSX (one row per procedure, columns documented in README). Idempotent: a row equal to
// the version in force is "unchanged", a new code is "added", a changed one "amended", all under
// one decision. Each row is applied fully (its own savepoint) or reported with its line and fields.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Db, Executor } from "../../db/client.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { findUnitByCode } from "../org/org.repository.ts";
import * as repo from "./catalog.repository.ts";
import { type ProcedureRecord, procedureRecordSchema } from "./catalog.schemas.ts";
import { applyChange } from "./catalog.service.ts";

export type RawRow = { line: number; data: unknown };
export type ImportOptions = {
  number?: string;
  signedOn?: string;
  effectiveFrom?: string;
  issuerCode?: string;
  title?: string;
};
export type ImportReport = {
  total: number;
  added: number;
  amended: number;
  unchanged: number;
  decision: string | null;
  errors: { line: number; code?: string; fields: string[]; message: string }[];
};

const truthy = (v: string | undefined) => /^(1|true|yes|x|có|co)$/i.test((v ?? "").trim());
const list = (v: string | undefined) =>
  (v ?? "")
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
const ONLINE: Record<string, "fully" | "partly" | "none"> = {
  fully: "fully",
  "toan trinh": "fully",
  "toàn trình": "fully",
  "4": "fully",
  partly: "partly",
  "mot phan": "partly",
  "một phần": "partly",
  "3": "partly",
  none: "none",
  "": "none",
  "2": "none",
  "1": "none",
};
const LEVEL: Record<string, string> = {
  province: "province",
  tỉnh: "province",
  "cấp tỉnh": "province",
  district: "district",
  huyện: "district",
  "cấp huyện": "district",
  commune: "commune",
  xã: "commune",
  "cấp xã": "commune",
};

/** One flat row (CSV/XLSX) → a procedure record input; the schema validates it afterwards. */
export function recordFromFlatRow(row: Record<string, string>): unknown {
  const get = (k: string) => row[k]?.trim() ?? "";
  const days = get("deadline_days");
  const kind =
    get("deadline_kind") || (days === "0" || /trong ngày|same/i.test(days) ? "same_day" : "working_days");
  const fee = get("fee_vnd");
  return {
    code: get("code"),
    name: get("name"),
    sector: get("sector"),
    levels: list(get("levels") || get("level"))
      .flatMap((l) => l.split(","))
      .map((l) => LEVEL[l.trim().toLowerCase()] ?? l.trim()),
    executingAgency: get("executing_agency") || null,
    channels: {
      inPerson: row.in_person === undefined || row.in_person === "" ? true : truthy(row.in_person),
      online: ONLINE[get("online").toLowerCase()] ?? get("online"),
      postal: truthy(row.postal),
    },
    deadline: {
      kind,
      value: kind === "same_day" ? null : days === "" ? null : Number(days.replace(",", ".")),
      note: get("deadline_note") || null,
    },
    fees:
      fee || get("fee_note")
        ? [
            {
              name: get("fee_name") || "Lệ phí",
              amountVnd: fee === "" ? null : Number(fee.replace(/[.\s]/g, "")),
              note: get("fee_note") || null,
            },
          ]
        : [],
    documents: list(get("documents")).map((d) => {
      const [name = "", form = "original", count = "1"] = d.split("|").map((s) => s.trim());
      return { name, form, count: Number(count) };
    }),
    resultType: get("result") || null,
    legalBasis: list(get("legal_basis")),
    onTheSpot: truthy(row.on_the_spot),
    locationIndependent: row.location_independent ? truthy(row.location_independent) : null,
    source: get("source") || null,
    notes: get("notes") || null,
  };
}

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, "_");

export async function readImportFile(file: string): Promise<RawRow[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") {
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (!Array.isArray(data)) throw new Error("a JSON import file must hold an array of procedure records");
    return data.map((d, i) => ({ line: i + 1, data: d }));
  }
  if (ext === ".csv") {
    const rows = parse(readFileSync(file, "utf8"), {
      columns: (h: string[]) => h.map(normaliseHeader),
      bom: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    return rows.map((r, i) => ({ line: i + 2, data: recordFromFlatRow(r) }));
  }
  if (ext === ".xlsx") {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("the workbook has no sheet");
    const header = (sheet.getRow(1).values as unknown[]).map((v) => normaliseHeader(String(v ?? "")));
    const rows: RawRow[] = [];
    sheet.eachRow((r, n) => {
      if (n === 1) return;
      const cells = r.values as unknown[];
      const row: Record<string, string> = {};
      header.forEach((h, i) => {
        if (h) row[h] = cells[i] == null ? "" : String((cells[i] as { text?: string })?.text ?? cells[i]);
      });
      rows.push({ line: n, data: recordFromFlatRow(row) });
    });
    return rows;
  }
  throw new Error(`unsupported file type ${ext}: use .json, .csv or .xlsx`);
}

const REQUIRED_FLAT = ["code", "name", "sector"];

export async function importProcedures(
  db: Db,
  rows: RawRow[],
  options: ImportOptions,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportReport> {
  const report: ImportReport = {
    total: rows.length,
    added: 0,
    amended: 0,
    unchanged: 0,
    decision: null,
    errors: [],
  };
  const today = vietnamDate();
  const effectiveFrom = options.effectiveFrom ?? today;
  const number = options.number ?? `IMPORT-${today}`;
  await db.transaction(async (tx) => {
    const issuer = options.issuerCode ? await findUnitByCode(tx, options.issuerCode) : undefined;
    if (options.issuerCode && !issuer) throw new Error(`issuer unit ${options.issuerCode} not found`);
    // The decision is written first (outside the rows' savepoints) and removed again at the
    // end if no row changed anything, so an idempotent re-run leaves no empty decision behind.
    if (await repo.findDecision(tx, issuer?.id ?? null, number)) {
      throw new Error(`decision ${number} already exists; give another --decision`);
    }
    const decisionId = await repo.insertDecision(tx, {
      number,
      title: options.title ?? "Nhập danh mục thủ tục từ tệp",
      signedOn: options.signedOn ?? effectiveFrom,
      effectiveFrom,
      issuerUnitId: issuer?.id ?? null,
    });
    for (const [i, row] of rows.entries()) {
      const parsed = procedureRecordSchema.safeParse(row.data);
      const code = (row.data as { code?: string })?.code;
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((iss) => iss.path.join(".")))];
        const missing = REQUIRED_FLAT.filter((f) => fields.includes(f));
        report.errors.push({
          line: row.line,
          code,
          fields,
          message:
            missing.length > 0 ? `missing or invalid: ${fields.join(", ")}` : `invalid: ${fields.join(", ")}`,
        });
      } else {
        try {
          await tx.transaction(async (sp) => {
            const outcome = await applyRow(sp, parsed.data, effectiveFrom, decisionId);
            report[outcome]++;
          });
        } catch (err) {
          report.errors.push({ line: row.line, code, fields: ["code"], message: (err as Error).message });
        }
      }
      onProgress(i + 1, rows.length);
    }
    if (report.added + report.amended === 0) await repo.deleteDecision(tx, decisionId);
    else report.decision = number;
  });
  return report;
}

async function applyRow(
  tx: Executor,
  record: ProcedureRecord,
  effectiveFrom: string,
  decisionId: string,
): Promise<"added" | "amended" | "unchanged"> {
  const existing = await repo.findProcedureByCode(tx, record.code);
  const current = existing ? await repo.versionAt(tx, existing.id, effectiveFrom) : undefined;
  const inForce = current && current.change !== "abolished";
  if (inForce && JSON.stringify(procedureRecordSchema.parse(current.record)) === JSON.stringify(record))
    return "unchanged";
  const change = inForce ? "amended" : "added";
  try {
    await applyChange(tx, { id: decisionId, effectiveFrom }, { change, record }, 0);
  } catch (err) {
    const e = err as { fieldErrors?: { message: { en: string } }[] };
    throw new Error(e.fieldErrors?.[0]?.message.en ?? (err as Error).message);
  }
  return change;
}
