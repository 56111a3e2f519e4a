// Client of /api/v1/service-index (issue #7). The types are the server's own (type-only imports:
// nothing of the server is bundled).
import type { z } from "zod";
import type { drillOut, indexOut, rankingOut } from "../../../../src/modules/serviceindex/index.schemas.ts";
import { http } from "../../api/client";

export type ServiceIndex = z.output<typeof indexOut>;
export type Indicator = ServiceIndex["groups"][number]["indicators"][number];
export type Ranking = z.output<typeof rankingOut>;
export type Drill = z.output<typeof drillOut>;
export type Band = ServiceIndex["band"];
export type Part = "numerator" | "denominator";

const qs = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") search.set(k, String(v));
  return `?${search}`;
};

export const serviceIndex = {
  get: (p: { unit: string; from: string; to: string }, signal?: AbortSignal) =>
    http.get<ServiceIndex>(`/api/v1/service-index${qs(p)}`, signal),
  ranking: (p: { unit: string; from: string; to: string; level?: "commune" }, signal?: AbortSignal) =>
    http.get<Ranking>(`/api/v1/service-index/ranking${qs(p)}`, signal),
  drill: (
    p: {
      unit: string;
      from: string;
      to: string;
      indicator: string;
      part: Part;
      page: number;
      pageSize: number;
    },
    signal?: AbortSignal,
  ) => http.get<Drill>(`/api/v1/service-index/drill${qs(p)}`, signal),
};
