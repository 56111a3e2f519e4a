// The figures automatic PAR criteria are filled from, for one unit (with its subtree and the
// units merged into it, as the reports count) and one year (1 January to 31 December, or to today
// for the current year). They come from the reports' own functions: the resolution report's
// counters (sumsBySector), its late dossiers with their apologies (lateDossiers) and the service
// figures' satisfaction ratings (satisfaction); nothing is counted twice over here.

import type { Executor } from "../../db/client.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { periodInstants } from "../calendar/dates.ts";
import { addCounts, emptyCounts } from "../reports/resolution.logic.ts";
import { lateDossiers, reportUnits, sumsBySector } from "../reports/resolution.repository.ts";
import { satisfaction } from "../reports/service.figures.ts";
import type { AutoSource } from "./par.logic.ts";

export type Figure = { numerator: number; denominator: number; from: string; to: string };

/** The period of a year the figures cover: the whole year, or up to today for the current one. */
export function yearRange(year: number, today = vietnamDate()): { from: string; to: string } {
  const from = `${year}-01-01`;
  const end = `${year}-12-31`;
  return { from, to: end < today ? end : today };
}

export async function figureOf(
  tx: Executor,
  source: AutoSource,
  unitId: string,
  year: number,
  today = vietnamDate(),
): Promise<Figure> {
  const { from, to } = yearRange(year, today);
  if (from > to) return { numerator: 0, denominator: 0, from, to };
  const units = await reportUnits(tx, unitId);
  switch (source) {
    case "on_time_share":
    case "online_share": {
      const sums = await sumsBySector(tx, { id: unitId, units }, { flows: { from, to } });
      const f = emptyCounts();
      for (const counts of sums.get("flows")?.values() ?? []) addCounts(f, counts);
      if (source === "on_time_share") {
        const inTime = f.res_early + f.res_on_time;
        return { numerator: inTime, denominator: inTime + f.res_late, from, to };
      }
      const online = f.rcv_online_full + f.rcv_online_partial;
      return { numerator: online, denominator: online + f.rcv_in_person + f.rcv_postal, from, to };
    }
    case "satisfaction_share": {
      const { start, end } = periodInstants(from, to);
      const s = await satisfaction(tx, units, start, end);
      return { numerator: s.total.verySatisfied + s.total.satisfied, denominator: s.total.rated, from, to };
    }
    case "apology_share": {
      const late = await lateDossiers(tx, units, from, to, 0);
      const withApology = [...late.reasons].reduce(
        (n, [reason, count]) => (reason === null ? n : n + count),
        0,
      );
      return { numerator: withApology, denominator: late.total, from, to };
    }
  }
}
