// The public transparency page (spec §10, issue #7): a unit's headline figures for a calendar
// year, month by month, and the same for each direct child unit. The figures are the resolution
// report's (the same counters, the same cells: cellsOf) plus satisfaction ratings; no login, no
// personal data.
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { Errors, fieldError } from "../../shared/errors.ts";
import { formatEpochDay, getEpochDay, type IsoDate } from "../calendar/dates.ts";
import { share } from "../dashboard/dashboard.logic.ts";
import type { RatingLevel } from "../ratings/ratings.schemas.ts";
import {
  addCounts,
  type Counts,
  cellsOf,
  dayEnd,
  dayStart,
  emptyCounts,
  type ResolutionCells,
  STOCK_COUNTERS,
} from "../reports/resolution.logic.ts";
import { type DayRange, reportUnits } from "../reports/resolution.repository.ts";
import { indexTotals } from "../serviceindex/index.service.ts";
import * as repo from "./transparency.repository.ts";
import type { TransparencyFigures, TransparencyOut, TransparencyQuery } from "./transparency.schemas.ts";

export const FIRST_YEAR = 2000;

type IndexScore = TransparencyFigures["index"];

/**
 * The service index (Decision 766) of each unit over the period (each over its subtree and merged
 * units), by unit id; null where it has no data (e.g. a period before the decision).
 */
async function indexScores(ctx: Ctx, unitIds: string[], from: IsoDate, to: IsoDate) {
  const totals = await indexTotals(ctx.tx, unitIds, from, to);
  return (id: string): IndexScore => {
    const t = totals.get(id);
    return t && t.band !== "no_data"
      ? { total: t.total, measuredMax: t.measuredMax, score: t.score, band: t.band }
      : null;
  };
}

const yearError = (code: string, message: { vi: string; en: string }) =>
  Errors.invalid([fieldError("year", code, message, "query")]);

/** The period of a year: 1 January to 31 December, or to today for this year. */
export function yearPeriod(
  text: string | undefined,
  today: IsoDate,
): { year: number; from: IsoDate; to: IsoDate } {
  const thisYear = Number(today.slice(0, 4));
  if (text !== undefined && !/^\d{4}$/.test(text))
    throw yearError("transparency.year_format", {
      vi: "Năm phải gồm 4 chữ số, ví dụ 2025.",
      en: "The year must have four digits, e.g. 2025.",
    });
  const year = text === undefined ? thisYear : Number(text);
  if (year < FIRST_YEAR || year > thisYear)
    throw yearError("transparency.year_range", {
      vi: `Năm phải từ ${FIRST_YEAR} đến ${thisYear}.`,
      en: `The year must be from ${FIRST_YEAR} to ${thisYear}.`,
    });
  return { year, from: `${year}-01-01`, to: year === thisYear ? today : `${year}-12-31` };
}

/** The months of the year as ranges, cut at `to`; months that start after it are left out. */
export function monthRanges(year: number, to: IsoDate): { month: string; range: DayRange }[] {
  const out: { month: string; range: DayRange }[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, "0")}`;
    const first = `${month}-01`;
    if (first > to) break;
    const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, "0")}-01`;
    const last = formatEpochDay(getEpochDay(next) - 1);
    out.push({ month, range: { from: first, to: last < to ? last : to } });
  }
  return out;
}

type Satisfaction = TransparencyFigures["satisfaction"];
const LEVEL_KEY: Record<RatingLevel, Exclude<keyof Satisfaction, "rated">> = {
  very_satisfied: "verySatisfied",
  satisfied: "satisfied",
  normal: "normal",
  dissatisfied: "dissatisfied",
};

function figuresOf(
  cells: ResolutionCells,
  satisfaction: Satisfaction,
  index: IndexScore,
): TransparencyFigures {
  const { received, resolved, pending } = cells;
  return {
    received: {
      total: received.total,
      online: received.online,
      inPerson: received.inPerson,
      postal: received.postal,
    },
    resolved,
    onTimeShare: share(resolved.early + resolved.onTime, resolved.total),
    onlineShare: share(received.online, received.total),
    pending: { total: pending.total, withinDeadline: pending.withinDeadline, overdue: pending.overdue },
    satisfaction,
    satisfactionShare: share(satisfaction.verySatisfied + satisfaction.satisfied, satisfaction.rated),
    index,
  };
}

export async function transparency(
  ctx: Ctx,
  q: TransparencyQuery,
  now: Date = new Date(),
): Promise<TransparencyOut> {
  const { year, from, to } = yearPeriod(q.year, vietnamDate(now));
  const unit = await repo.findUnitByCodeAt(ctx.tx, q.unit, to);
  if (!unit) throw Errors.notFound({ vi: "Đơn vị", en: "The unit" });

  // The units the figures cover, and which of them each child's figures cover: every unit counts
  // with one child only, those still in force claiming first (a commune merged into a ward counts
  // with the ward, as in the ward's own report).
  const units = await reportUnits(ctx.tx, unit.id);
  const inScope = new Set(units);
  const children = await repo.childrenInForce(ctx.tx, unit.id, from, to);
  const scopes = await repo.reportUnitsOf(
    ctx.tx,
    children.map((c) => c.id),
  );
  const claimed = new Set<string>([unit.id]);
  const groups = children.map((child) => {
    const ids = (scopes.get(child.id) ?? []).filter((id) => inScope.has(id) && !claimed.has(id));
    for (const id of ids) claimed.add(id);
    return ids;
  });

  const months = monthRanges(year, to);
  const sums = await repo.sumsByUnit(ctx.tx, units, {
    flows: { from, to },
    opening: { from: null, to: formatEpochDay(getEpochDay(from) - 1) },
    ...Object.fromEntries(months.map((m) => [m.month, m.range])),
  });
  const sumOf = (part: string, ids: readonly string[]) => {
    const total = emptyCounts();
    const byUnit = sums.get(part);
    for (const id of ids) {
      const counts = byUnit?.get(id);
      if (counts) addCounts(total, counts);
    }
    return total;
  };
  const cellsFor = (ids: readonly string[]) => {
    const flows = sumOf("flows", ids);
    const opening = sumOf("opening", ids);
    // The stocks at the end: those at the start plus the period's changes of them.
    const closing: Counts = emptyCounts();
    for (const c of STOCK_COUNTERS) closing[c] = opening[c] + flows[c];
    return cellsOf(flows, opening, closing);
  };

  const ratings = await repo.ratingsByUnit(ctx.tx, units, dayStart(from), dayEnd(to));
  const satisfactionFor = (ids: readonly string[]): Satisfaction => {
    const set = new Set(ids);
    const out: Satisfaction = { rated: 0, verySatisfied: 0, satisfied: 0, normal: 0, dissatisfied: 0 };
    for (const r of ratings) {
      if (!set.has(r.unitId)) continue;
      out[LEVEL_KEY[r.level]] += r.count;
      out.rated += r.count;
    }
    return out;
  };

  const indexOf = await indexScores(ctx, [unit.id, ...children.map((c) => c.id)], from, to);
  const figuresFor = (id: string, ids: readonly string[]) =>
    figuresOf(cellsFor(ids), satisfactionFor(ids), indexOf(id));

  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    year,
    from,
    to,
    generatedAt: now.toISOString(),
    totals: figuresFor(unit.id, units),
    months: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, "0")}`;
      const { received, resolved } = cellsOf(sumOf(month, units), emptyCounts(), emptyCounts());
      return {
        month,
        received: received.total,
        resolved: resolved.total,
        onTimeShare: share(resolved.early + resolved.onTime, resolved.total),
      };
    }),
    children: children
      .map((child, i) => ({
        code: child.code,
        name: child.name,
        level: child.level,
        validFrom: child.validFrom,
        validTo: child.validTo,
        ...figuresFor(child.id, groups[i] ?? []),
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}
