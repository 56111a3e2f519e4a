// Contracts of the PAR index (/api/v1/par). Lengths, sums and points are checked by the service
// (par.logic.ts) so that every rule answers with the same field errors in vi and en.
import { z } from "zod";
import { NOTE_MAX, PAR_AUTO_SOURCES, PAR_LEVELS, PAR_STATUSES } from "./par.logic.ts";

const unitCode = z.string().trim().min(1).max(100);
const year = z.coerce.number().int().min(2000).max(2100);

export const criterionIn = z.object({
  code: z.string().trim().max(40).describe('e.g. "3.2.1": numbers separated by dots'),
  parentCode: z
    .string()
    .trim()
    .max(40)
    .nullish()
    .describe("The parent's code; blank: the code's prefix (3.2.1 → 3.2), or top level"),
  title: z.string().trim().max(10_000),
  titleEn: z.string().trim().max(10_000).nullish(),
  maxPoints: z.number().describe("Above 0, two decimals at most"),
  autoSource: z.enum(PAR_AUTO_SOURCES).nullish(),
  guidance: z.string().trim().max(20_000).nullish(),
});
export type CriterionIn = z.output<typeof criterionIn>;

const criteria = z.array(criterionIn).max(1000);

export const setCreateBody = z
  .object({
    issuer: unitCode.describe("Code of the issuing unit (e.g. the province 46)"),
    year,
    level: z.enum(PAR_LEVELS).describe("Level of the units assessed"),
    title: z.string().trim().min(1).max(300),
    criteria,
  })
  .strict();
export type SetCreateBody = z.output<typeof setCreateBody>;

export const setUpdateBody = z.object({ title: z.string().trim().min(1).max(300), criteria }).strict();
export type SetUpdateBody = z.output<typeof setUpdateBody>;

export const importQuery = z
  .object({
    name: z.string().max(300).describe("The file's name: .json, .csv or .xlsx"),
    issuer: unitCode,
    year,
    level: z.enum(PAR_LEVELS),
    title: z.string().trim().min(1).max(300).optional(),
    replace: z
      .enum(["0", "1", "true", "false"])
      .optional()
      .transform((v) => v === "1" || v === "true")
      .describe("Replace the criteria of the existing set (allowed while no assessment is submitted)"),
  })
  .strict();
export type ImportQuery = z.output<typeof importQuery>;

export const setListQuery = z.object({ year: year.optional() }).strict();
export const idParams = z.object({ id: z.uuid() });
export const autoParams = z.object({ id: z.uuid(), code: z.string().trim().min(1).max(40) });
export const assessmentCreateBody = z.object({ unit: unitCode }).strict();
export const rankingQuery = z.object({ unit: unitCode.optional() }).strict();
export const comparisonQuery = z.object({ unit: unitCode, year: year.optional() }).strict();
export const evidenceQuery = z
  .object({ criterion: z.string().trim().min(1).max(40), name: z.string().max(1000).optional() })
  .strict();
export const fileBody = z.any().describe("The file's bytes");

export const scoresBody = z
  .object({
    scores: z
      .array(
        z.object({
          code: z.string().trim().min(1).max(40),
          points: z.number().nullable().describe("null clears the score"),
          note: z.string().trim().max(NOTE_MAX).nullish(),
        }),
      )
      .min(1)
      .max(1000),
  })
  .strict();
export type ScoresBody = z.output<typeof scoresBody>;

// ---------------------------------------------------------------------------------------------
// Out

const unitOut = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
const status = z.enum(PAR_STATUSES);

export const criterionOut = z.object({
  id: z.uuid(),
  code: z.string(),
  parentCode: z.string().nullable(),
  title: z.string(),
  titleEn: z.string().nullable(),
  maxPoints: z.number(),
  guidance: z.string().nullable(),
  autoSource: z.enum(PAR_AUTO_SOURCES).nullable(),
  depth: z.number().int(),
  leaf: z.boolean().describe("Scored directly (a group's points are the sum of its sub-criteria)"),
});
export type CriterionOut = z.output<typeof criterionOut>;

export const setSummaryOut = z.object({
  id: z.uuid(),
  issuer: unitOut,
  year: z.number().int(),
  level: z.enum(PAR_LEVELS),
  title: z.string(),
  criteriaCount: z.number().int(),
  assessments: z.object({
    draft: z.number().int(),
    submitted: z.number().int(),
    appraised: z.number().int(),
  }),
  editable: z.boolean().describe("No assessment has been submitted: the criteria may change"),
  canManage: z.boolean(),
  updatedAt: z.string(),
});
export type SetSummaryOut = z.output<typeof setSummaryOut>;

export const setListOut = z.object({ items: z.array(setSummaryOut) });
export type SetListOut = z.output<typeof setListOut>;
export const setOut = setSummaryOut.extend({ criteria: z.array(criterionOut) });
export type SetOut = z.output<typeof setOut>;

export const autoFigureOut = z.object({
  source: z.enum(PAR_AUTO_SOURCES),
  numerator: z.number().int(),
  denominator: z.number().int(),
  ratio: z.number().nullable(),
  from: z.string(),
  to: z.string(),
  points: z.number(),
});
export type AutoFigure = z.output<typeof autoFigureOut>;

export const evidenceOut = z.object({
  id: z.uuid(),
  criterionCode: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  contentUrl: z.string(),
});
export type EvidenceOut = z.output<typeof evidenceOut>;

const scoreSide = z.object({ points: z.number().nullable(), note: z.string().nullable() });

export const assessmentSummaryOut = z.object({
  id: z.uuid(),
  setId: z.uuid(),
  year: z.number().int(),
  unit: unitOut,
  status,
  selfTotal: z.number(),
  appraisedTotal: z.number().nullable(),
  submittedAt: z.string().nullable(),
  appraisedAt: z.string().nullable(),
});
export type AssessmentSummaryOut = z.output<typeof assessmentSummaryOut>;

const totalsOut = z.object({
  total: z.number(),
  complete: z.boolean().describe("Every criterion without sub-criteria is scored"),
  groups: z.array(z.object({ code: z.string(), points: z.number(), max: z.number() })),
});

export const assessmentOut = assessmentSummaryOut.extend({
  set: z.object({
    id: z.uuid(),
    title: z.string(),
    year: z.number().int(),
    level: z.enum(PAR_LEVELS),
    issuer: unitOut,
  }),
  submittedBy: z.string().nullable(),
  appraisedBy: z.string().nullable(),
  criteria: z.array(
    criterionOut.extend({
      self: scoreSide.extend({ figure: autoFigureOut.nullable() }),
      appraisal: scoreSide,
      /** Groups: the sum of their sub-criteria; leaves: their own points (0 when unscored). */
      selfSum: z.number(),
      appraisedSum: z.number(),
      evidence: z.array(evidenceOut),
    }),
  ),
  totals: z.object({ self: totalsOut, appraisal: totalsOut }),
  abilities: z.object({
    canEdit: z.boolean().describe("Self scores and evidence (a draft, par.assess)"),
    canAppraise: z
      .boolean()
      .describe("Appraisal scores and finishing (submitted, par.appraise, not one's own)"),
  }),
});
export type AssessmentOut = z.output<typeof assessmentOut>;

export const setUnitsOut = z.object({
  set: setSummaryOut,
  items: z.array(
    z.object({
      unit: unitOut,
      assessment: assessmentSummaryOut.nullable(),
      canCreate: z.boolean().describe("The reader may start this unit's self-assessment"),
      canAppraise: z.boolean(),
    }),
  ),
});
export type SetUnitsOut = z.output<typeof setUnitsOut>;

export const rankingOut = z.object({
  set: setSummaryOut,
  items: z.array(
    z.object({
      unit: unitOut,
      assessmentId: z.uuid().nullable(),
      status: status.nullable().describe("null: not started"),
      score: z.number().nullable().describe("The appraised total, or the self total while not appraised"),
      provisional: z.boolean().describe("The score is the unit's self total (not appraised yet)"),
      selfTotal: z.number().nullable(),
      appraisedTotal: z.number().nullable(),
      rank: z.number().int().nullable().describe("Equal scores share a rank; drafts are not ranked"),
      highlighted: z.boolean(),
    }),
  ),
});
export type RankingOut = z.output<typeof rankingOut>;

const yearSide = z
  .object({
    assessmentId: z.uuid(),
    setId: z.uuid(),
    year: z.number().int(),
    status,
    total: z.number(),
    provisional: z.boolean(),
  })
  .nullable();
const delta = z.object({
  current: z.number().nullable(),
  currentMax: z.number().nullable(),
  previous: z.number().nullable(),
  previousMax: z.number().nullable(),
  delta: z.number().nullable(),
});

export const comparisonOut = z.object({
  unit: unitOut,
  year: z.number().int(),
  previousYear: z.number().int(),
  current: yearSide,
  previous: yearSide,
  total: delta,
  groups: z.array(delta.extend({ code: z.string(), title: z.string(), titleEn: z.string().nullable() })),
});
export type ComparisonOut = z.output<typeof comparisonOut>;
