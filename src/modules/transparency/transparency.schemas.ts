// Contracts of the public transparency page (GET /api/public/transparency): aggregate figures of a
// unit and its direct children for a calendar year. No personal data, no internal ids.
import { z } from "zod";

export const transparencyQuery = z
  .object({
    /** The unit's code (e.g. "46"); its figures cover its subtree and the units merged into it. */
    unit: z.string().trim().min(1).max(100).describe('Unit code, e.g. "46"'),
    /** Checked by the service (format, from 2000, not in the future) for messages in vi and en. */
    year: z
      .string()
      .trim()
      .max(10)
      .optional()
      .describe("Calendar year YYYY, from 2000 to this year; default this year (to today)"),
  })
  .strict();
export type TransparencyQuery = z.output<typeof transparencyQuery>;

const n = z.number().int();
const percent = z
  .number()
  .nullable()
  .describe("Percent rounded to 0.1; null when there is nothing to divide by");

export const transparencyFigures = z.object({
  received: z
    .object({ total: n, online: n, inPerson: n, postal: n })
    .describe("Received in the period (online: fully and partly online)"),
  resolved: z.object({ total: n, early: n, onTime: n, late: n }).describe("Resolved in the period"),
  onTimeShare: percent.describe("(early + on time) / resolved, percent; null when nothing was resolved"),
  onlineShare: percent.describe("online / received, percent; null when nothing was received"),
  pending: z.object({ total: n, withinDeadline: n, overdue: n }).describe("Pending at the end of the period"),
  satisfaction: z
    .object({ rated: n, verySatisfied: n, satisfied: n, normal: n, dissatisfied: n })
    .describe("Ratings of the dossiers resolved in the period (live and imported history)"),
  satisfactionShare: percent.describe("(very satisfied + satisfied) / rated, percent"),
  index: z
    .object({
      total: z.number().describe("Points"),
      measuredMax: z.number().describe("Maximum points of the indicators that could be measured"),
      score: z.number().nullable().describe("total / measuredMax × 100"),
      band: z.string().describe("good, fair, average or weak (by score)"),
    })
    .nullable()
    .describe(
      "Service index (Decision 766) over the period, of the unit with its subtree and merged units; null without data (e.g. before the decision)",
    ),
});
export type TransparencyFigures = z.output<typeof transparencyFigures>;

const publicUnit = {
  code: z.string(),
  name: z.string().describe("As on its last day in force within the period"),
  level: z.enum(["province", "district", "commune"]),
};

export const transparencyOut = z.object({
  unit: z.object(publicUnit),
  year: n,
  from: z.string().describe("First day of the period (1 January)"),
  to: z.string().describe("Last day of the period: 31 December, or today for this year"),
  generatedAt: z.string(),
  totals: transparencyFigures,
  months: z
    .array(
      z.object({ month: z.string().describe("YYYY-MM"), received: n, resolved: n, onTimeShare: percent }),
    )
    .describe("The twelve months of the year (months after `to` are zero); they add up to the totals"),
  children: z
    .array(
      transparencyFigures.extend({
        ...publicUnit,
        validFrom: z.string(),
        validTo: z.string().nullable(),
      }),
    )
    .describe(
      "Direct child units in force during the year, by code; each unit counts with one child only (a unit merged into a child still in force counts with that child)",
    ),
});
export type TransparencyOut = z.output<typeof transparencyOut>;
