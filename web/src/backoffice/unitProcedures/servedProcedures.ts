// The procedures a unit serves, all of them in code order, with the unit's local details and the
// ones since abolished (flagged). The whole list also tells the catalog search which results the
// unit already serves.
import { catalog } from "../../api/endpoints";
import type { ServedProcedure } from "../../api/types";

/** Rows shown per page of the table. */
export const SERVED_PAGE_SIZE = 100;

export interface ServedList {
  items: ServedProcedure[];
  total: number;
}

export async function loadServed(unitId: string, signal: AbortSignal): Promise<ServedList> {
  const { items } = await catalog.served(unitId, signal);
  return { items, total: items.length };
}
