// Client of /api/public/transparency; the types are the server's own (type-only import: nothing of
// the server is bundled).
import type { TransparencyOut } from "../../../../src/modules/transparency/transparency.schemas.ts";
import { http } from "../../api/client";

export type Transparency = TransparencyOut;
export type Figures = Transparency["totals"];
export type ChildFigures = Transparency["children"][number];

/** The first year the page offers (the API refuses earlier ones). */
export const FIRST_YEAR = 2000;

export const transparencyApi = {
  get: (unit: string, year: number, signal?: AbortSignal) =>
    http.get<Transparency>(
      `/api/public/transparency?${new URLSearchParams({ unit, year: String(year) })}`,
      signal,
    ),
};

/** Nothing received, resolved or pending: the year is empty for this unit. */
export const isEmpty = (f: Figures) => f.received.total + f.resolved.total + f.pending.total === 0;
