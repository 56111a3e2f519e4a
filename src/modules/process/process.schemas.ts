import { z } from "zod";
import { msg } from "../../shared/messages.ts";
import { procedureCode } from "../catalog/catalog.schemas.ts";
import { isoDate } from "../org/org.schemas.ts";

export const processStepSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: msg("name_required") })
      .max(300),
    kind: z.enum(["step", "transfer", "opinion"]).default("step"),
    role: z.enum(["receptionist", "specialist", "leader", "clerk"]).nullish(),
    agencyId: z.string().uuid().nullish(),
    hours: z
      .number({ error: msg("process.hours") })
      // Totals are kept to 0.01 h (36 s): a shorter step would round the process to nothing.
      .min(0.01, { error: msg("process.hours") })
      .max(10_000),
    parallelGroup: z.string().trim().max(40).nullish(),
  })
  .strict()
  .refine((s) => s.role || s.agencyId, { error: msg("process.role_or_agency"), path: ["role"] })
  .refine((s) => !s.parallelGroup || s.kind === "opinion", {
    error: msg("process.parallel_opinion"),
    path: ["parallelGroup"],
  });

export const saveProcessBody = z
  .object({
    decisionRef: z
      .string()
      .trim()
      .min(1, { error: msg("name_required") })
      .max(120),
    approvedOn: isoDate,
    steps: z
      .array(processStepSchema)
      .min(1, { error: msg("process.no_steps") })
      .max(100),
  })
  .strict();
export type SaveProcessInput = z.output<typeof saveProcessBody>;

export const processParams = z.object({ id: z.string().uuid(), code: procedureCode });

const stepOut = z.object({
  name: z.string(),
  kind: z.enum(["step", "transfer", "opinion"]),
  role: z.string().nullable().optional(),
  agencyId: z.string().nullable().optional(),
  hours: z.number(),
  parallelGroup: z.string().nullable().optional(),
  startHours: z.number(),
  endHours: z.number(),
});

export const processView = z.object({
  procedure: z.object({
    code: z.string(),
    name: z.string(),
    deadline: z.object({ kind: z.string(), value: z.number().nullable() }),
  }),
  deadlineHours: z.number(),
  workingHoursPerDay: z.number(),
  current: z
    .object({
      version: z.number(),
      decisionRef: z.string(),
      approvedOn: z.string(),
      totalHours: z.number(),
      steps: z.array(stepOut),
    })
    .nullable(),
  history: z.array(
    z.object({
      version: z.number(),
      decisionRef: z.string(),
      approvedOn: z.string(),
      totalHours: z.number(),
    }),
  ),
  agencies: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })),
  abilities: z.object({ canEdit: z.boolean() }),
});
