// Client of /api/dashboard and /api/dossiers/bulk (issue #6). The dashboard's types are the
// server's own (type-only imports: nothing of the server is bundled).
import type { z } from "zod";
import type { Granularity, RatingLevel } from "../../../../src/modules/dashboard/dashboard.logic.ts";
import type { summaryOut, workloadOut } from "../../../../src/modules/dashboard/dashboard.schemas.ts";
import { http } from "../../api/client";

export type Summary = z.output<typeof summaryOut>;
export type Workload = z.output<typeof workloadOut>;
export type WorkloadRow = Workload["items"][number];
export type { Granularity, RatingLevel };
export type BulkCommand = "forward" | "return_result";
export interface BulkResult {
  command: BulkCommand;
  items: { id: string; code: string | null; state: string; version: number }[];
}

const qs = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  return `?${search}`;
};

export const dashboard = {
  summary: (
    p: { unitId: string; from: string; to: string; granularity: Granularity },
    signal?: AbortSignal,
  ) => http.get<Summary>(`/api/dashboard/summary${qs(p)}`, signal),
  workload: (p: { unitId: string; from: string; to: string }, signal?: AbortSignal) =>
    http.get<Workload>(`/api/dashboard/workload${qs(p)}`, signal),
  /** The workload report as an XLSX download (the session cookie authenticates it). */
  workloadXlsxUrl: (p: { unitId: string; from: string; to: string; lang: "vi" | "en" }) =>
    `/api/dashboard/workload${qs({ ...p, format: "xlsx" })}`,
  bulk: (
    body: { command: BulkCommand; items: { id: string; expectedVersion: number }[]; method?: string },
    key: string,
  ) => http.post<BulkResult>("/api/dossiers/bulk", body, { "idempotency-key": key }),
};
