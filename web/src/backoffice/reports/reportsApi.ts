// Client of /api/v1/reports (issue #7): the resolution report (Form 06a/06c), the service figures
// and the links to the exports. The types are the server's own (type-only imports: nothing of the
// server is bundled).
import type { z } from "zod";
import type {
  ResolutionCellsOut,
  ResolutionReport,
  serviceFiguresOut,
} from "../../../../src/modules/reports/reports.schemas.ts";
import { http } from "../../api/client";

export type Resolution = ResolutionReport;
export type Cells = ResolutionCellsOut;
export type SectorRow = Resolution["sectors"][number];
export type LateDossier = Resolution["lateness"]["dossiers"][number];
export type ServiceFigures = z.output<typeof serviceFiguresOut>;
export type RatingRow = ServiceFigures["satisfaction"]["total"];

export interface Period {
  unit: string;
  from: string;
  to: string;
}

const qs = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

export const reports = {
  resolution: (p: Period, signal?: AbortSignal) =>
    http.get<Resolution>(`/api/v1/reports/resolution${qs({ ...p })}`, signal),
  service: (p: Period, signal?: AbortSignal) =>
    http.get<ServiceFigures>(`/api/v1/reports/service${qs({ ...p })}`, signal),
  /** Downloads: plain links, the session cookie authenticates them. */
  resolutionFileUrl: (p: Period, format: "xlsx" | "pdf", lang: "vi" | "en") =>
    `/api/v1/reports/resolution${qs({ ...p, format, lang })}`,
  trackingBookUrl: (p: Period, format: "xlsx" | "pdf") =>
    `/api/v1/reports/tracking-book${qs({ ...p, format })}`,
};
