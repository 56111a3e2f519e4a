// The procedure search lives in the address (?q=&sector=&level=&channel=&unit=&page=), so results
// can be linked to and the browser's Back button returns to the previous search.
import type { ProcedureSearchParams } from "../../api/endpoints";
import { SEARCH_CHANNELS, type SearchChannel, UNIT_LEVELS, type UnitLevel } from "../../api/types";

export const PAGE_SIZE = 20;

export interface CatalogFilters {
  q: string;
  sector: string;
  level: UnitLevel | "";
  channel: SearchChannel | "";
  unit: string;
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | "" {
  return allowed.find((candidate) => candidate === value) ?? "";
}

/** Values the server would refuse (an unknown level, a malformed unit id) are ignored. */
export function readFilters(params: URLSearchParams): CatalogFilters {
  const page = Number(params.get("page"));
  const unit = params.get("unit") ?? "";
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200),
    sector: (params.get("sector") ?? "").trim().slice(0, 200),
    level: oneOf(params.get("level"), UNIT_LEVELS),
    channel: oneOf(params.get("channel"), SEARCH_CHANNELS),
    unit: UUID.test(unit) ? unit : "",
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The address for a search; empty filters and page 1 are left out. */
export function writeFilters(filters: CatalogFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.sector) params.set("sector", filters.sector);
  if (filters.level) params.set("level", filters.level);
  if (filters.channel) params.set("channel", filters.channel);
  if (filters.unit) params.set("unit", filters.unit);
  if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

export function toSearchParams(filters: CatalogFilters): ProcedureSearchParams {
  return {
    q: filters.q || undefined,
    sector: filters.sector || undefined,
    level: filters.level || undefined,
    channel: filters.channel || undefined,
    unitId: filters.unit || undefined,
    page: filters.page,
    pageSize: PAGE_SIZE,
  };
}

export function hasFilters(filters: CatalogFilters): boolean {
  return Boolean(filters.sector || filters.level || filters.channel || filters.unit);
}

export function procedurePath(code: string, at?: string): string {
  return `/thu-tuc/${encodeURIComponent(code)}${at ? `?at=${encodeURIComponent(at)}` : ""}`;
}

export function searchPath(q: string): string {
  return q ? `/thu-tuc?${new URLSearchParams({ q })}` : "/thu-tuc";
}
