// Dossiers handled by earlier systems, as the reports count them: an imported row feeds the
// report counters exactly as if it had been received and resolved live at its recorded instants
// (a reception, then a resolution or an end), through the same reportChange as live dossiers.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { toIsoDate } from "../calendar/dates.ts";
import { classify } from "../dossiers/dossier.deadline.ts";
import { ruleSetAt } from "../dossiers/dossier.machine.ts";
import {
  type Channel,
  type Delta,
  type ReportView,
  reportChange,
  type ServiceMode,
} from "./resolution.logic.ts";
import { insertReportDeltas } from "./resolution.repository.ts";

export type HistoricalOutcome = "returned" | "refused" | "withdrawn" | "pending";
export type HistoricalRating = "very_satisfied" | "satisfied" | "normal" | "dissatisfied";

/** A validated row, ready to store (ids resolved from codes; instants as Dates). */
export interface HistoricalRow {
  code: string;
  procedureId: string;
  procedureVersionId: string;
  unitId: string;
  sector: string;
  channel: Channel;
  serviceMode: ServiceMode;
  receivedAt: Date;
  dueAt: Date | null;
  resolvedAt: Date | null;
  returnedAt: Date | null;
  outcome: HistoricalOutcome;
  rating: HistoricalRating | null;
}

/** Early, on time or late, by the rule set in force on the day the dossier was received. */
export function historicalTimeliness(
  row: Pick<HistoricalRow, "receivedAt" | "dueAt" | "resolvedAt" | "outcome">,
) {
  if (row.outcome !== "returned" || !row.resolvedAt || !row.dueAt) return null;
  return classify(row.resolvedAt, row.dueAt, ruleSetAt(toIsoDate(row.receivedAt)).timelinessGranularity);
}

/** The report's changes of one imported dossier: its reception, then its resolution or end. */
export function historicalDeltas(row: HistoricalRow): Delta[] {
  const received: ReportView = {
    unitId: row.unitId,
    sector: row.sector,
    channel: row.channel,
    serviceMode: row.serviceMode,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    paused: null,
    closed: null,
    overdueOn: null,
  };
  const first = reportChange(null, received, row.receivedAt);
  if (row.outcome === "pending" || !row.resolvedAt) return first.deltas;
  const kind = row.outcome === "returned" ? historicalTimeliness(row) : row.outcome;
  if (!kind) return first.deltas;
  const closed: ReportView = { ...received, closed: { at: row.resolvedAt, kind } };
  const second = reportChange({ ...received, overdueOn: first.overdueOn }, closed, row.resolvedAt);
  return [...first.deltas, ...second.deltas];
}

/** Sums deltas with the same unit, sector and day (fewer rows to write). */
export function mergeDeltas(deltas: Iterable<Delta>): Delta[] {
  const merged = new Map<string, Delta>();
  for (const d of deltas) {
    const key = `${d.unitId}|${d.sector}|${d.day}`;
    const into = merged.get(key);
    if (!into) {
      merged.set(key, { ...d, counts: { ...d.counts } });
      continue;
    }
    for (const [c, n] of Object.entries(d.counts) as [keyof Delta["counts"], number][])
      into.counts[c] = (into.counts[c] ?? 0) + n;
  }
  return [...merged.values()];
}

const chunks = <T>(xs: T[], size: number) =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/**
 * Stores a batch of rows and their report changes in the caller's transaction. A code already
 * imported is skipped (idempotent); a code that belongs to a live dossier is not stored and is
 * returned in `live` for the caller to report.
 */
export async function insertHistoricalBatch(
  tx: Executor,
  rows: HistoricalRow[],
  importRunId: string | null,
): Promise<{ inserted: number; duplicates: number; live: string[] }> {
  if (rows.length === 0) return { inserted: 0, duplicates: 0, live: [] };
  const codes = rows.map((r) => r.code);
  const liveRows = await queryRows<{ code: string }>(
    tx,
    sql`select code from dossiers where code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
  );
  const live = new Set(liveRows.map((r) => r.code));
  const candidates = rows.filter((r) => !live.has(r.code));
  const inserted = new Set<string>();
  for (const part of chunks(candidates, 5000)) {
    // One JSON parameter per chunk (see insertReportDeltas): far cheaper than a VALUES list.
    const json = JSON.stringify(
      part.map((r) => ({
        code: r.code,
        procedure_id: r.procedureId,
        procedure_version_id: r.procedureVersionId,
        unit_id: r.unitId,
        sector: r.sector,
        channel: r.channel,
        service_mode: r.serviceMode,
        received_at: r.receivedAt.toISOString(),
        due_at: r.dueAt?.toISOString() ?? null,
        resolved_at: r.resolvedAt?.toISOString() ?? null,
        returned_at: r.returnedAt?.toISOString() ?? null,
        outcome: r.outcome,
        timeliness: historicalTimeliness(r),
        rating: r.rating,
      })),
    );
    const done = await queryRows<{ code: string }>(
      tx,
      sql`insert into historical_dossiers (code, procedure_id, procedure_version_id, unit_id, sector, channel,
            service_mode, received_at, due_at, resolved_at, returned_at, outcome, timeliness, rating, import_run_id)
          select code, procedure_id, procedure_version_id, unit_id, sector, channel, service_mode, received_at,
            due_at, resolved_at, returned_at, outcome, timeliness, rating, ${importRunId}::uuid
          from jsonb_to_recordset(${json}::jsonb) as x(code text, procedure_id uuid, procedure_version_id uuid,
            unit_id uuid, sector text, channel text, service_mode text, received_at timestamptz, due_at timestamptz,
            resolved_at timestamptz, returned_at timestamptz, outcome text, timeliness text, rating text)
          on conflict (code) do nothing
          returning code`,
    );
    for (const d of done) inserted.add(d.code);
  }
  const deltas = mergeDeltas(candidates.filter((r) => inserted.has(r.code)).flatMap(historicalDeltas));
  for (const part of chunks(deltas, 20_000)) await insertReportDeltas(tx, part);
  return { inserted: inserted.size, duplicates: candidates.length - inserted.size, live: [...live] };
}
