// The procedure record (spec §3) and the catalog's API contracts. The same record schema
// validates API input, imported rows and the JSON stored with each version.
import { z } from "zod";
import { msg } from "../../shared/messages.ts";
import { isoDate } from "../org/org.schemas.ts";

export const PROCEDURE_CODE = /^[0-9]\.[0-9]{6}$/;
export const procedureCode = z
  .string()
  .trim()
  .regex(PROCEDURE_CODE, { error: msg("procedure.code_format") });

export const CATALOG_LEVELS = ["province", "district", "commune"] as const;
export const ONLINE_LEVELS = ["fully", "partly", "none"] as const;
export const DEADLINE_KINDS = ["working_days", "working_hours", "same_day", "calendar_days"] as const;
export const DOCUMENT_FORMS = [
  "original",
  "copy",
  "certified_copy",
  "original_or_copy",
  "present_original",
] as const;

const text = (max = 500) =>
  z
    .string()
    .trim()
    .min(1, { error: msg("name_required") })
    .max(max);
const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

export const deadlineSchema = z
  .object({
    kind: z.enum(DEADLINE_KINDS),
    value: z
      .number({ error: msg("deadline.value") })
      .positive({ error: msg("deadline.value") })
      .max(3650)
      .nullish()
      .transform((v) => v ?? null),
    note: optionalText(),
  })
  .superRefine((d, ctx) => {
    if (d.kind !== "same_day" && d.value == null)
      ctx.addIssue({ code: "custom", path: ["value"], message: msg("deadline.value") });
  });

export const feeSchema = z.object({
  name: text(200),
  amountVnd: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .nullish()
    .transform((v) => v ?? null),
  note: optionalText(),
});

export const documentSchema = z.object({
  name: text(1000),
  form: z.enum(DOCUMENT_FORMS).default("original"),
  count: z.number().int().min(1).max(100).default(1),
  template: optionalText(500),
  obtainableFrom: optionalText(200),
});

export const procedureRecordSchema = z.object({
  code: procedureCode,
  name: text(1000),
  sector: text(200),
  levels: z.array(z.enum(CATALOG_LEVELS)).min(1, { error: msg("procedure.levels") }),
  executingAgency: optionalText(500),
  channels: z.object({
    inPerson: z.boolean().default(true),
    online: z.enum(ONLINE_LEVELS).default("none"),
    postal: z.boolean().default(false),
  }),
  deadline: deadlineSchema,
  fees: z.array(feeSchema).default([]),
  documents: z.array(documentSchema).default([]),
  resultType: optionalText(500),
  legalBasis: z.array(z.string().trim().min(1).max(500)).default([]),
  onTheSpot: z.boolean().default(false),
  locationIndependent: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
  source: optionalText(1000),
  notes: optionalText(4000),
});
export type ProcedureRecord = z.output<typeof procedureRecordSchema>;

/** The stored record as it leaves the server: plain types, no transforms (responses are encoded). */
export const procedureRecordOut = z.object({
  code: z.string(),
  name: z.string(),
  sector: z.string(),
  levels: z.array(z.enum(CATALOG_LEVELS)),
  executingAgency: z.string().nullable(),
  channels: z.object({ inPerson: z.boolean(), online: z.enum(ONLINE_LEVELS), postal: z.boolean() }),
  deadline: z.object({
    kind: z.enum(DEADLINE_KINDS),
    value: z.number().nullable(),
    note: z.string().nullable(),
  }),
  fees: z.array(
    z.object({ name: z.string(), amountVnd: z.number().nullable(), note: z.string().nullable() }),
  ),
  documents: z.array(
    z.object({
      name: z.string(),
      form: z.enum(DOCUMENT_FORMS),
      count: z.number(),
      template: z.string().nullable(),
      obtainableFrom: z.string().nullable(),
    }),
  ),
  resultType: z.string().nullable(),
  legalBasis: z.array(z.string()),
  onTheSpot: z.boolean(),
  locationIndependent: z.boolean().nullable(),
  source: z.string().nullable(),
  notes: z.string().nullable(),
});
export type ProcedureRecordInput = z.input<typeof procedureRecordSchema>;

export const CHANGE_KINDS = ["added", "amended", "abolished"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const decisionSchema = z.object({
  number: z
    .string()
    .trim()
    .min(1, { error: msg("name_required") })
    .max(100),
  title: optionalText(1000),
  signedOn: isoDate,
  effectiveFrom: isoDate,
  issuerUnitId: z.string().uuid(),
});

export const publishDecisionBody = z
  .object({
    decision: decisionSchema.strict(),
    changes: z
      .array(
        z.discriminatedUnion("change", [
          z.object({ change: z.literal("added"), record: procedureRecordSchema }).strict(),
          z.object({ change: z.literal("amended"), record: procedureRecordSchema }).strict(),
          z.object({ change: z.literal("abolished"), code: procedureCode }).strict(),
        ]),
      )
      .min(1)
      .max(5000),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision.effectiveFrom < b.decision.signedOn) {
      ctx.addIssue({
        code: "custom",
        path: ["decision", "effectiveFrom"],
        message: msg("decision.effective_before_signed"),
      });
    }
  });
export type PublishDecisionInput = z.output<typeof publishDecisionBody>;

export const searchQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    sector: z.string().trim().max(200).optional(),
    level: z.enum(CATALOG_LEVELS).optional(),
    channel: z.enum(["in_person", "fully_online", "partly_online", "online", "postal"]).optional(),
    unitId: z.string().uuid().optional(),
    at: isoDate.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    sort: z.enum(["relevance", "code", "name"]).default("relevance"),
  })
  .strict();
export type SearchQuery = z.output<typeof searchQuery>;

export const procedureSummary = z.object({
  code: z.string(),
  name: z.string(),
  sector: z.string(),
  levels: z.array(z.string()),
  online: z.enum(ONLINE_LEVELS),
  postal: z.boolean(),
  deadline: z.object({
    kind: z.enum(DEADLINE_KINDS),
    value: z.number().nullable(),
    note: z.string().nullable(),
  }),
  hasFee: z.boolean(),
  version: z.number(),
  effectiveFrom: z.string(),
});
