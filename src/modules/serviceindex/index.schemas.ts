// Contracts of the service index (/api/v1/service-index).
import { z } from "zod";
import { isoDate } from "../org/org.schemas.ts";

const base = {
  /** The unit's code (e.g. "46.19753"); the index covers its subtree and the units merged into it. */
  unit: z.string().trim().min(1).max(100),
  /** Vietnam calendar days, inclusive; default: 1 January of the current year to today. */
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const indexQuery = z.object(base).strict();
export type IndexQuery = z.output<typeof indexQuery>;

export const rankingQuery = z
  .object({
    ...base,
    /** Rank the unit's descendants of this level instead of its peers (e.g. a province's communes). */
    level: z.enum(["district", "commune"]).optional(),
  })
  .strict();
export type RankingQuery = z.output<typeof rankingQuery>;

export const drillQuery = z
  .object({
    ...base,
    indicator: z.string().trim().min(1).max(100),
    part: z.enum(["numerator", "denominator"]),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type DrillQuery = z.output<typeof drillQuery>;

const text = z.object({ vi: z.string(), en: z.string() });
const band = z.enum(["good", "fair", "average", "weak", "no_data"]);
const unitOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  units: z.number().int().describe("Units covered: the unit, its subtree and the units merged into it"),
});

export const indicatorOut = z.object({
  id: z.string(),
  name: text,
  max: z.number(),
  source: z.enum(["S", "I"]).describe("S: a secondary source gives it; I: our choice, to verify"),
  measured: z.boolean().describe("False: motcua cannot measure it yet; it scores 0"),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  ratio: z.number().nullable().describe("numerator / denominator (4 decimals); null: no data"),
  points: z.number(),
  note: text.nullable(),
  drill: z.enum(["dossiers", "procedures"]).nullable().describe("What the drill-down lists"),
});

export const indexOut = z.object({
  unit: unitOut,
  from: z.string(),
  to: z.string(),
  decision: z.string(),
  definitionsFrom: z.string(),
  generatedAt: z.string(),
  total: z.number().describe("Points out of `max` (100)"),
  max: z.number(),
  measuredMax: z
    .number()
    .describe("Sum of the maxima of the indicators measured and with data (the others score 0)"),
  score: z.number().nullable().describe("total / measuredMax × 100, 2 decimals; bands and ranks use it"),
  band,
  groups: z.array(
    z.object({
      id: z.string(),
      name: text,
      max: z.number(),
      measuredMax: z.number(),
      points: z.number(),
      indicators: z.array(indicatorOut),
    }),
  ),
});
export type IndexOut = z.output<typeof indexOut>;

export const rankingOut = z.object({
  unit: unitOut,
  from: z.string(),
  to: z.string(),
  level: z.string().describe("Level of the ranked units"),
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      total: z.number(),
      measuredMax: z.number(),
      score: z.number().nullable(),
      band,
      rank: z.number().int().nullable().describe("Same score, same rank; the next rank skips"),
      self: z.boolean(),
    }),
  ),
});
export type RankingOut = z.output<typeof rankingOut>;

export const drillOut = z.object({
  indicator: z.string(),
  part: z.enum(["numerator", "denominator"]),
  kind: z.enum(["dossiers", "procedures"]),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  dossiers: z.array(
    z.object({
      code: z.string().nullable(),
      source: z.enum(["live", "historical"]),
      procedure: z.object({ code: z.string(), name: z.string() }),
      receivedAt: z.string(),
      dueAt: z.string().nullable(),
      resolvedAt: z.string().nullable(),
      state: z.string().describe("Live: the dossier's state; historical: the imported outcome"),
      outcome: z
        .string()
        .nullable()
        .describe("early, on_time, late, withdrawn, stopped, refused; null while pending"),
    }),
  ),
  procedures: z.array(
    z.object({ code: z.string(), name: z.string(), sector: z.string(), online: z.string() }),
  ),
});
export type DrillOut = z.output<typeof drillOut>;
