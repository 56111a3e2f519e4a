// Contracts of the dashboard and the workload report (/api/dashboard).
import { z } from "zod";
import { GRANULARITIES, RATING_LEVELS } from "./dashboard.logic.ts";

const day = z.iso.date();
export const summaryQuery = z
  .object({
    unitId: z.uuid(),
    /** Vietnam calendar days, inclusive; default: the last 90 days. */
    from: day.optional(),
    to: day.optional(),
    granularity: z.enum(GRANULARITIES).default("week"),
  })
  .strict();
export type SummaryQuery = z.output<typeof summaryQuery>;

export const workloadQuery = z
  .object({
    unitId: z.uuid(),
    from: day.optional(),
    to: day.optional(),
    format: z.enum(["json", "xlsx"]).default("json"),
    lang: z.enum(["vi", "en"]).default("vi"),
  })
  .strict();
export type WorkloadQuery = z.output<typeof workloadQuery>;

const figures = {
  received: z.number(),
  resolved: z.number(),
  early: z.number(),
  onTime: z.number(),
  late: z.number(),
};
const rate = z.number().nullable().describe("Percent, one decimal; null when nothing to divide");

export const summaryOut = z.object({
  unit: z.object({ id: z.string(), name: z.string(), subtree: z.boolean() }),
  from: z.string(),
  to: z.string(),
  granularity: z.enum(GRANULARITIES),
  totals: z.object({
    ...figures,
    open: z.number(),
    overdue: z.number(),
    onTimeRate: rate,
    ratings: z.number(),
    satisfactionRate: rate,
  }),
  series: z.array(z.object({ key: z.string(), from: z.string(), to: z.string(), ...figures })),
  bySector: z.array(z.object({ sector: z.string(), ...figures, open: z.number(), overdue: z.number() })),
  byOfficial: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      open: z.number(),
      overdue: z.number(),
      resolved: z.number(),
      late: z.number(),
    }),
  ),
  satisfaction: z.array(z.object({ level: z.enum(RATING_LEVELS), count: z.number() })),
  overdueTotal: z.number(),
  overdue: z.array(
    z.object({
      id: z.string(),
      code: z.string().nullable(),
      procedureName: z.string(),
      applicantName: z.string(),
      dueAt: z.string(),
      daysOverdue: z.number(),
      official: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
});

export const workloadOut = z.object({
  unit: z.object({ id: z.string(), name: z.string(), subtree: z.boolean() }),
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      open: z.number(),
      dueToday: z.number(),
      overdue: z.number(),
      handled: z.number(),
      late: z.number(),
      lateShare: rate,
      avgStepHours: z.number().nullable(),
    }),
  ),
  totals: z.object({
    open: z.number(),
    dueToday: z.number(),
    overdue: z.number(),
    handled: z.number(),
    late: z.number(),
    lateShare: rate,
  }),
});
export type WorkloadOut = z.output<typeof workloadOut>;
