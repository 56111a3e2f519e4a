// Scoring of the service index (Decision 766), pure: counts in, points, bands and ranks out.
//
// - ratio = numerator / denominator, the sums of the formula's named counts; null when the
//   denominator is 0 (no data: neither 0 nor full marks);
// - points = max × min(1, ratio / target), target 1 by default (linear), rounded to 2 decimals;
//   a ratio above 1 (inconsistent data) scores the maximum, a negative one 0;
// - an indicator not measured by motcua scores 0 and, like one with no data, is left out of the
//   measured maximum; group points and the total are sums of the rounded points;
// - score = total / measured maximum × 100 (2 decimals): the figure bands and ranks use, so that
//   units are compared on what can be measured for them; null when nothing could be measured.
import type { CountName, DefinitionSet, GroupId, Text } from "./index.definitions.ts";

export type Counts = Partial<Record<CountName, number>>;

/** Rating bands of the score (percent of the measured maximum) [I: thresholds to verify]. */
export const BANDS = [
  { band: "good", min: 90 },
  { band: "fair", min: 75 },
  { band: "average", min: 50 },
  { band: "weak", min: 0 },
] as const;
export type Band = (typeof BANDS)[number]["band"] | "no_data";

export interface IndicatorResult {
  id: string;
  name: Text;
  max: number;
  source: "S" | "I";
  measured: boolean;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator, 4 decimals; null when not measured or no data. */
  ratio: number | null;
  points: number;
  note: Text | null;
}

export interface GroupResult {
  id: GroupId;
  name: Text;
  max: number;
  measuredMax: number;
  points: number;
  indicators: IndicatorResult[];
}

export interface IndexResult {
  total: number;
  max: number;
  measuredMax: number;
  score: number | null;
  band: Band;
  groups: GroupResult[];
}

/** Rounds half away from zero at `digits` decimals (1.005 → 1.01, despite binary floats). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(x) * f * (1 + Number.EPSILON)) / f;
  return x < 0 ? -r : r;
}

const sum = (counts: Counts, names: readonly CountName[]) => names.reduce((n, c) => n + (counts[c] ?? 0), 0);

/** Points of one ratio: linear up to `target`, where full marks are reached. */
export function pointsOf(ratio: number | null, max: number, target = 1): number {
  if (ratio === null || !Number.isFinite(ratio)) return 0;
  const share = Math.min(1, Math.max(0, ratio / target));
  return round(max * share, 2);
}

export function bandOf(score: number | null): Band {
  if (score === null) return "no_data";
  for (const b of BANDS) if (score >= b.min) return b.band;
  return "weak";
}

export function scoreIndex(set: DefinitionSet, counts: Counts): IndexResult {
  const groups: GroupResult[] = set.groups.map((g) => {
    const indicators = g.indicators.map((def): IndicatorResult => {
      if (!def.formula)
        return {
          id: def.id,
          name: def.name,
          max: def.max,
          source: def.source,
          measured: false,
          numerator: null,
          denominator: null,
          ratio: null,
          points: 0,
          note: def.note ?? null,
        };
      const numerator = sum(counts, def.formula.numerator);
      const denominator = sum(counts, def.formula.denominator);
      const exact = denominator > 0 ? numerator / denominator : null;
      return {
        id: def.id,
        name: def.name,
        max: def.max,
        source: def.source,
        measured: true,
        numerator,
        denominator,
        ratio: exact === null ? null : round(exact, 4),
        points: pointsOf(exact, def.max, def.target),
        note: def.note ?? null,
      };
    });
    return {
      id: g.id,
      name: g.name,
      max: g.max,
      measuredMax: indicators.reduce((n, i) => n + (i.ratio === null ? 0 : i.max), 0),
      points: round(
        indicators.reduce((n, i) => n + i.points, 0),
        2,
      ),
      indicators,
    };
  });
  const total = round(
    groups.reduce((n, g) => n + g.points, 0),
    2,
  );
  const measuredMax = groups.reduce((n, g) => n + g.measuredMax, 0);
  const score = measuredMax > 0 ? round((total / measuredMax) * 100, 2) : null;
  return {
    total,
    max: groups.reduce((n, g) => n + g.max, 0),
    measuredMax,
    score,
    band: bandOf(score),
    groups,
  };
}

/**
 * Competition ranking ("1224"): the same score gets the same rank and the next rank skips.
 * Highest score first; units without a score come last, unranked; ties keep `order`.
 */
export function rank<T extends { score: number | null }>(
  items: readonly T[],
  order: (a: T, b: T) => number = () => 0,
): (T & { rank: number | null })[] {
  const sorted = [...items].sort((a, b) => {
    if (a.score === null || b.score === null) {
      if (a.score !== b.score) return a.score === null ? 1 : -1;
    } else if (a.score !== b.score) return b.score - a.score;
    return order(a, b);
  });
  let previous: number | null = null;
  let previousRank = 0;
  return sorted.map((item, i) => {
    if (item.score === null) return { ...item, rank: null };
    const r = item.score === previous ? previousRank : i + 1;
    previous = item.score;
    previousRank = r;
    return { ...item, rank: r };
  });
}
