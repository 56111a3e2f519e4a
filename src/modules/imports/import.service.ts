// Historical import (issue #7 item 6): dossiers handled by earlier systems, read from a CSV or
// XLSX file as a stream and stored through insertHistoricalBatch (which also feeds the report
// counters). One run = one import_runs row: progress counters updated with every batch, the
// first MAX_ERRORS errors kept, status running → done | failed.
//
// Each batch of BATCH_ROWS rows of the file is validated (units and procedures looked up once per
// code and cached), then stored with the run's counters in its own transaction: what a run
// reports is always what it stored, even when it stops half-way. A code met again later in the
// same file is an error row; a code stored by an earlier run is a duplicate (importing a file
// twice changes nothing). Within a batch the check is in memory; across batches it asks the
// database (rows of this run), so memory stays flat however long the file.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { and, count, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { type Db, type Executor, queryRows } from "../../db/client.ts";
import { importRuns } from "../../db/schema.reports.ts";
import { orgUnits, users } from "../../db/schema.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { unitsInScope } from "../org/org.service.ts";
import { type HistoricalRow, insertHistoricalBatch } from "../reports/historical.ts";
import { FileFormatError, formatOf, type ImportFormat, readRows, type SourceRow } from "./import.parse.ts";
import {
  checkHeader,
  importMessages,
  type Lookups,
  type ProcedureRef,
  type RowError,
  validateRow,
} from "./import.validate.ts";

export const BATCH_ROWS = 2000;
export const MAX_ERRORS = 1000;
/** Cached unit and procedure codes (known and unknown) before the cache starts afresh. */
const CACHE_MAX = 20_000;

/** Units whose dossiers the importer may import: every unit, or these. */
export type ImportScope = "all" | ReadonlySet<string>;

/** Authorizes first: the actor must hold history.import somewhere (401 anonymous, 403 otherwise). */
export async function authorizeImport(ctx: Ctx): Promise<ImportScope> {
  const units = await unitsInScope(ctx, "history.import");
  return units === "all" ? "all" : new Set(units);
}

export async function createRun(
  db: Executor,
  input: { fileName: string; sha256: string | null; startedBy: string | null },
): Promise<string> {
  const [row] = await db
    .insert(importRuns)
    .values({
      kind: "dossiers",
      fileName: input.fileName,
      fileSha256: input.sha256,
      startedBy: input.startedBy,
    })
    .returning({ id: importRuns.id });
  return row!.id;
}

export interface Progress {
  processed: number;
  inserted: number;
  duplicates: number;
  failed: number;
  bytesRead: number;
  totalBytes: number;
}

export interface RunOptions {
  file: string;
  format: ImportFormat;
  scope: ImportScope;
  batchRows?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Instants after this are refused (default: when the run starts). */
  now?: Date;
}

export interface RunSummary {
  status: "done" | "failed";
  processed: number;
  inserted: number;
  duplicates: number;
  failed: number;
  /** The errors kept (the first MAX_ERRORS), by row. */
  errors: RowError[];
}

/** Looks units and procedures up by code, a batch at a time, remembering the answers. */
class CatalogCache {
  private units = new Map<string, { id: string; inScope: boolean } | null>();
  private procedures = new Map<string, ProcedureRef | null>();
  constructor(private scope: ImportScope) {}

  async load(db: Executor, rows: readonly SourceRow[]) {
    const unitCodes = new Set<string>();
    const procedureCodes = new Set<string>();
    for (const { record } of rows) {
      const u = record.unit_code?.trim();
      const p = record.procedure_code?.trim();
      if (u && !this.units.has(u)) unitCodes.add(u);
      if (p && !this.procedures.has(p)) procedureCodes.add(p);
    }
    if (this.units.size + unitCodes.size > CACHE_MAX) this.units.clear();
    if (this.procedures.size + procedureCodes.size > CACHE_MAX) this.procedures.clear();
    if (unitCodes.size > 0) {
      const found = await db
        .select({ id: orgUnits.id, code: orgUnits.code })
        .from(orgUnits)
        .where(inArray(orgUnits.code, [...unitCodes]));
      for (const code of unitCodes) this.units.set(code, null);
      for (const u of found)
        this.units.set(u.code, { id: u.id, inScope: this.scope === "all" || this.scope.has(u.id) });
    }
    if (procedureCodes.size > 0) {
      const found = await queryRows<{
        code: string;
        procedure_id: string;
        id: string;
        version: number;
        effective_from: string;
        change: "added" | "amended" | "abolished";
        sector: string;
      }>(
        db,
        sql`select p.code, p.id as procedure_id, v.id, v.version, v.effective_from::text as effective_from, v.change,
                   coalesce(nullif(btrim(v.record->>'sector'), ''), '—') as sector
            from procedures p join procedure_versions v on v.procedure_id = p.id
            where p.code in (select jsonb_array_elements_text(${JSON.stringify([...procedureCodes])}::jsonb))`,
      );
      for (const code of procedureCodes) this.procedures.set(code, null);
      for (const v of found) {
        const p = this.procedures.get(v.code) ?? { id: v.procedure_id, versions: [] };
        p.versions.push({
          id: v.id,
          version: Number(v.version),
          effectiveFrom: v.effective_from,
          change: v.change,
          sector: v.sector,
        });
        this.procedures.set(v.code, p);
      }
    }
  }

  lookups(now: Date): Lookups {
    return {
      now,
      unit: (code) => this.units.get(code) ?? undefined,
      procedure: (code) => this.procedures.get(code) ?? undefined,
    };
  }
}

const byRow = (a: RowError, b: RowError) => a.row - b.row;

/**
 * Runs an import of `file` into the run `runId` (created by createRun): reads, validates and
 * stores it batch by batch. Returns how it ended; an unexpected failure (database) marks the run
 * failed and is thrown again.
 */
export async function runImport(db: Db, runId: string, opts: RunOptions): Promise<RunSummary> {
  const now = opts.now ?? new Date();
  const batchRows = opts.batchRows ?? BATCH_ROWS;
  const totalBytes = (await stat(opts.file)).size;
  const input = createReadStream(opts.file, { highWaterMark: 256 * 1024 });
  const cache = new CatalogCache(opts.scope);
  const state = { processed: 0, inserted: 0, duplicates: 0, failed: 0 };
  const kept: RowError[] = [];
  /** The last row of the file stored (or refused) so far. */
  let lastRow = 1;

  /** Appends errors to the run (up to MAX_ERRORS in all) in the caller's transaction. */
  const keep = (errors: RowError[]) => {
    const room = Math.max(0, MAX_ERRORS - kept.length);
    const more = errors.sort(byRow).slice(0, room);
    kept.push(...more);
    return more.length > 0 ? sql`${importRuns.errors} || ${JSON.stringify(more)}::jsonb` : undefined;
  };

  const flush = async (rows: SourceRow[]) => {
    if (rows.length === 0) return;
    await cache.load(db, rows);
    const lookups = cache.lookups(now);
    const errors: RowError[] = [];
    const failedRows = new Set<number>();
    const firstRow = new Map<string, number>();
    const valid: { rowNumber: number; row: HistoricalRow }[] = [];
    for (const { rowNumber, record } of rows) {
      const result = validateRow(rowNumber, record, lookups);
      if (!result.ok) {
        errors.push(...result.errors);
        failedRows.add(rowNumber);
        continue;
      }
      const first = firstRow.get(result.row.code);
      if (first !== undefined) {
        errors.push(duplicateInFile(rowNumber, first));
        failedRows.add(rowNumber);
        continue;
      }
      firstRow.set(result.row.code, rowNumber);
      valid.push({ rowNumber, row: result.row });
    }
    await db.transaction(async (tx) => {
      // Codes this run already stored from earlier batches: the later row is the error.
      const codes = valid.map((v) => v.row.code);
      const seen = new Set(
        codes.length === 0
          ? []
          : (
              await queryRows<{ code: string }>(
                tx,
                sql`select code from historical_dossiers
                    where import_run_id = ${runId}
                      and code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
              )
            ).map((r) => r.code),
      );
      const toStore: HistoricalRow[] = [];
      for (const v of valid) {
        if (!seen.has(v.row.code)) toStore.push(v.row);
        else {
          errors.push(duplicateInFile(v.rowNumber, null));
          failedRows.add(v.rowNumber);
        }
      }
      const stored = await insertHistoricalBatch(tx, toStore, runId);
      const live = new Set(stored.live);
      for (const v of valid)
        if (live.has(v.row.code)) {
          errors.push({
            row: v.rowNumber,
            field: "dossier_code",
            code: "import.live_dossier",
            message: importMessages.liveDossier(),
          });
          failedRows.add(v.rowNumber);
        }
      await tx
        .update(importRuns)
        .set({
          processedRows: sql`${importRuns.processedRows} + ${rows.length}`,
          insertedRows: sql`${importRuns.insertedRows} + ${stored.inserted}`,
          duplicateRows: sql`${importRuns.duplicateRows} + ${stored.duplicates}`,
          failedRows: sql`${importRuns.failedRows} + ${failedRows.size}`,
          errors: keep(errors),
        })
        .where(eq(importRuns.id, runId));
      state.processed += rows.length;
      state.inserted += stored.inserted;
      state.duplicates += stored.duplicates;
      state.failed += failedRows.size;
    });
    lastRow = rows[rows.length - 1]!.rowNumber;
    opts.onProgress?.({ ...state, bytesRead: input.bytesRead, totalBytes });
  };

  const finish = async (status: "done" | "failed", errors: RowError[] = []) => {
    const more = keep(errors);
    await db
      .update(importRuns)
      .set({ status, finishedAt: sql`now()`, ...(more ? { errors: more } : {}) })
      .where(and(eq(importRuns.id, runId), eq(importRuns.status, "running")));
    return { status, ...state, errors: kept };
  };

  let batch: SourceRow[] = [];
  try {
    const rows = readRows(input, opts.format, {
      onHeader: (columns) => {
        const problems = checkHeader(columns);
        if (problems.length > 0) throw new HeaderError(problems);
      },
    });
    for await (const row of rows) {
      opts.signal?.throwIfAborted();
      batch.push(row);
      if (batch.length >= batchRows) {
        await flush(batch);
        batch = [];
      }
    }
    await flush(batch);
    opts.onProgress?.({ ...state, bytesRead: totalBytes, totalBytes });
    return await finish("done");
  } catch (err) {
    if (err instanceof HeaderError) return finish("failed", err.errors);
    if (err instanceof FileFormatError) {
      // The rows read before the fault are stored; the file stops there.
      await flush(batch);
      return finish("failed", [{ row: err.row, field: "", code: err.code, message: err.messages }]);
    }
    const interrupted = opts.signal?.aborted === true;
    const summary = await finish("failed", [
      {
        row: lastRow + 1,
        field: "",
        code: interrupted ? "import.interrupted" : "import.failed",
        message: interrupted
          ? {
              vi: "Việc nhập bị dừng (máy chủ tắt); các dòng trước dòng này đã được lưu.",
              en: "The import was stopped (server shutdown); the rows before this one were stored.",
            }
          : {
              vi: "Việc nhập bị lỗi hệ thống; các dòng trước dòng này đã được lưu.",
              en: "The import failed with a system error; the rows before this one were stored.",
            },
      },
    ]).catch(() => null);
    if (interrupted && summary) return summary;
    throw err;
  } finally {
    input.destroy();
  }
}

/**
 * The command line's import (`npx motcua import dossiers FILE`): a system operator, no user, every
 * unit. Creates the run, imports, and returns how it ended with the run's id.
 */
export async function importFile(
  db: Db,
  file: string,
  onProgress?: (p: Progress) => void,
): Promise<RunSummary & { runId: string }> {
  const format = formatOf(file);
  if (!format) throw new Error(`unsupported file type: ${path.basename(file)} (use .csv or .xlsx)`);
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const runId = await createRun(db, {
    fileName: path.basename(file),
    sha256: hash.digest("hex"),
    startedBy: null,
  });
  return { runId, ...(await runImport(db, runId, { file, format, scope: "all", onProgress })) };
}

class HeaderError extends Error {
  constructor(readonly errors: RowError[]) {
    super("header");
  }
}

const duplicateInFile = (row: number, first: number | null): RowError => ({
  row,
  field: "dossier_code",
  code: "import.duplicate_in_file",
  message: importMessages.duplicateInFile(first),
});

// ---------------------------------------------------------------------------------------------
// Background runs of the admin upload, in this process.

type Job = { controller: AbortController; progress: Progress | null; done: Promise<void> };

/** Imports running in this process (started by the admin upload), their progress, a stop for shutdown. */
export class ImportJobs {
  private jobs = new Map<string, Job>();

  start(
    db: Db,
    runId: string,
    opts: Omit<RunOptions, "signal" | "onProgress">,
    hooks: { cleanup: () => Promise<void>; onError: (err: unknown) => void },
  ) {
    const controller = new AbortController();
    const job: Job = { controller, progress: null, done: Promise.resolve() };
    job.done = (async () => {
      try {
        await runImport(db, runId, {
          ...opts,
          signal: controller.signal,
          onProgress: (p) => {
            job.progress = p;
          },
        });
      } catch (err) {
        hooks.onError(err);
      } finally {
        this.jobs.delete(runId);
        await hooks.cleanup().catch(hooks.onError);
      }
    })();
    this.jobs.set(runId, job);
  }

  progress(runId: string): Progress | null | undefined {
    return this.jobs.has(runId) ? (this.jobs.get(runId)!.progress ?? null) : undefined;
  }

  /** Stops every run (each is marked failed, "interrupted") and waits for them. */
  async stopAll() {
    const running = [...this.jobs.values()];
    for (const job of running) job.controller.abort();
    await Promise.all(running.map((j) => j.done));
  }
}

/**
 * Marks runs left "running" by a process that is gone as failed (import.interrupted). Only safe
 * where no other process can be importing: the embedded database has one owner.
 */
export async function failAbandonedRuns(db: Executor) {
  const interrupted = {
    vi: "Việc nhập bị dừng (máy chủ khởi động lại); các dòng đã đọc trước đó đã được lưu.",
    en: "The import was stopped (the server restarted); the rows read before were stored.",
  };
  await db.execute(sql`
    update import_runs set status = 'failed', finished_at = now(),
      errors = errors || jsonb_build_array(jsonb_build_object(
        'row', processed_rows + 2, 'field', '', 'code', 'import.interrupted', 'message', ${JSON.stringify(interrupted)}::jsonb))
    where status = 'running'`);
}

// ---------------------------------------------------------------------------------------------
// Reading runs.

export interface RunView {
  id: string;
  fileName: string;
  status: "running" | "done" | "failed";
  processed: number;
  inserted: number;
  duplicates: number;
  failed: number;
  /** Share of the file read, 0–100; null when unknown (a run of another process). */
  percent: number | null;
  startedAt: string;
  finishedAt: string | null;
  startedBy: { id: string; name: string } | null;
}

type RunRow = typeof importRuns.$inferSelect & { startedByName: string | null };

function percentOf(run: RunRow, progress: Progress | null | undefined): number | null {
  if (run.status === "done") return 100;
  if (run.status !== "running" || progress === undefined) return null;
  if (!progress || progress.totalBytes === 0) return 0;
  return Math.min(99, Math.floor((progress.bytesRead / progress.totalBytes) * 100));
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

function view(run: RunRow, progress: Progress | null | undefined): RunView {
  return {
    id: run.id,
    fileName: run.fileName,
    status: run.status,
    processed: run.processedRows,
    inserted: run.insertedRows,
    duplicates: run.duplicateRows,
    failed: run.failedRows,
    percent: percentOf(run, progress),
    startedAt: iso(run.startedAt)!,
    finishedAt: iso(run.finishedAt),
    startedBy: run.startedBy ? { id: run.startedBy, name: run.startedByName ?? "—" } : null,
  };
}

const { errors: _errors, ...listColumns } = getTableColumns(importRuns);
const runColumns = { ...listColumns, startedByName: users.fullName };

async function loadRun(ctx: Ctx, id: string) {
  await authorizeImport(ctx);
  const [run] = await ctx.tx
    .select({ ...getTableColumns(importRuns), startedByName: users.fullName })
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.startedBy))
    .where(and(eq(importRuns.id, id), eq(importRuns.kind, "dossiers")));
  if (!run) throw Errors.notFound({ vi: "Lần nhập", en: "Import run" });
  return run as RunRow;
}

export async function getRun(ctx: Ctx, id: string, jobs: ImportJobs) {
  const run = await loadRun(ctx, id);
  const errors = run.errors as RowError[];
  return {
    ...view(run, jobs.progress(id)),
    errors,
    /** Errors beyond the ones kept (rows counted in `failed` but not listed). */
    moreErrors:
      run.failedRows > new Set(errors.filter((e) => e.row > 1 && e.field !== "").map((e) => e.row)).size,
  };
}

export async function listRuns(ctx: Ctx, q: { page: number; pageSize: number }, jobs: ImportJobs) {
  await authorizeImport(ctx);
  const rows = await ctx.tx
    .select(runColumns)
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.startedBy))
    .where(eq(importRuns.kind, "dossiers"))
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.tx.select({ n: count() }).from(importRuns).where(eq(importRuns.kind, "dossiers"));
  return {
    items: rows.map((r) => view({ ...r, errors: [] } as RunRow, jobs.progress(r.id))),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The run's errors as CSV (UTF-8 with a byte-order mark, for spreadsheets): row, field, code, messages. */
export async function errorsCsv(ctx: Ctx, id: string): Promise<{ fileName: string; csv: string }> {
  const run = await loadRun(ctx, id);
  const lines = [["row", "field", "code", "message_vi", "message_en"].join(",")];
  for (const e of run.errors as RowError[])
    lines.push([e.row, e.field, e.code, e.message.vi, e.message.en].map(csvCell).join(","));
  return { fileName: `loi-nhap-${run.id.slice(0, 8)}.csv`, csv: `\uFEFF${lines.join("\r\n")}\r\n` };
}
