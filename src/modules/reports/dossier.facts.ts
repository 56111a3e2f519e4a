// The bridge between a dossier row and the report's counters: which view of the dossier the
// report reads (resolution.logic.ts), and the write of its changes in the command's transaction.
// Called by every path that receives, pauses, resumes or closes a dossier (dossier.service.ts).

import type { Executor } from "../../db/client.ts";
import type { dossiers } from "../../db/schema.ts";
import { type CloseKind, type Delta, type ReportView, reportChange } from "./resolution.logic.ts";
import { insertReportDeltas } from "./resolution.repository.ts";

type DossierLike = Pick<
  typeof dossiers.$inferSelect,
  | "handlingUnitId"
  | "reportSector"
  | "channel"
  | "serviceMode"
  | "state"
  | "receivedAt"
  | "dueAt"
  | "resolvedAt"
  | "timeliness"
  | "reportOverdueOn"
>;

/** Sector of dossiers whose procedure record has none. */
export const NO_SECTOR = "—";

const date = (s: string | null | undefined) => (s ? new Date(s) : null);
const ENDED = new Set<string>(["withdrawn", "stopped", "refused"]);

export function reportViewOf(d: DossierLike): ReportView {
  const resolvedAt = date(d.resolvedAt);
  let closed: ReportView["closed"] = null;
  if (resolvedAt && ENDED.has(d.state)) closed = { at: resolvedAt, kind: d.state as CloseKind };
  else if (resolvedAt && d.timeliness) closed = { at: resolvedAt, kind: d.timeliness };
  return {
    unitId: d.handlingUnitId,
    sector: d.reportSector ?? NO_SECTOR,
    channel: d.channel,
    serviceMode: d.serviceMode,
    receivedAt: date(d.receivedAt),
    dueAt: date(d.dueAt),
    paused: d.state === "supplement_requested" ? "supplement" : d.state === "suspended" ? "suspended" : null,
    closed,
    overdueOn: d.reportOverdueOn ?? null,
  };
}

/**
 * What the change from `before` to `after` at `at` does to the reports: the deltas to write once
 * the dossier row is saved, and the overdue day to save with it (`reportOverdueOn`).
 */
export function reportFactsOf(
  before: DossierLike | null,
  after: DossierLike,
  at: Date,
): { deltas: Delta[]; reportOverdueOn: string | null } {
  const change = reportChange(before ? reportViewOf(before) : null, reportViewOf(after), at);
  return { deltas: change.deltas, reportOverdueOn: change.overdueOn };
}

export async function writeReportFacts(tx: Executor, deltas: Delta[]): Promise<void> {
  if (deltas.length > 0) await insertReportDeltas(tx, deltas);
}
