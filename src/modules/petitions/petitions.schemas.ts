// Contracts of petitions (issue #8): registering a received complaint, denunciation or
// recommendation, the register's list, a petition's detail (with the petitioner's identity only for
// those who may see it), the commands of its handling, and the figures.
import { z } from "zod";
import { PETITION_KINDS, PETITION_STATUSES } from "../../db/schema.voice.ts";

const unitCode = z.string().trim().min(1).max(100).describe("The unit's code (e.g. 46.19753)");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));
const reason = z.string().trim().min(1).max(2000);

export const idParams = z.object({ id: z.uuid() });

export const CHANNELS = ["in_person", "postal", "online"] as const;

export const registerBody = z
  .object({
    unit: unitCode,
    kind: z.enum(PETITION_KINDS),
    channel: z.enum(CHANNELS).describe("How it came in (forwarded ones are registered by the forward)"),
    receivedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("When the unit received it (a letter's arrival); default: now. Never in the future."),
    subject: z.string().trim().min(1).max(500),
    content: z.string().trim().min(1).max(20000),
    concerns: optionalText(1000).describe("Who or what it is about (an official, a decision, an act)"),
    round: z
      .union([z.literal(1), z.literal(2)])
      .default(1)
      .describe("A complaint's round: 1 first time, 2 second time (Law on Complaints Art. 28, 37)"),
    remoteArea: z
      .boolean()
      .default(false)
      .describe("The unit is in a remote, hard-to-reach area (longer complaint times, Art. 28(2), 37(2))"),
    petitioner: z
      .object({
        fullName: z.string().trim().min(1).max(200),
        idNumber: optionalText(20),
        address: optionalText(500),
        phone: optionalText(20),
        email: z
          .email()
          .max(200)
          .nullish()
          .or(z.literal(""))
          .transform((s) => (s ? s : null)),
        confidential: z
          .boolean()
          .default(false)
          .describe("Keep the identity confidential (always so for a denunciation)"),
      })
      .strict(),
  })
  .strict();
export type RegisterBody = z.output<typeof registerBody>;

const SORTS = ["receivedAt", "-receivedAt", "due", "-due", "code", "-code"] as const;
export const listQuery = z
  .object({
    unit: unitCode,
    kind: z.enum(PETITION_KINDS).optional(),
    status: z.enum(PETITION_STATUSES).optional(),
    due: z.enum(["overdue", "soon"]).optional().describe("Open petitions past or near their deadline"),
    mine: z
      .enum(["true", "false"])
      .optional()
      .transform((v) => v === "true")
      .describe("Only the petitions assigned to me"),
    q: z.string().trim().max(200).optional().describe("Words of the code, subject or concerns"),
    from: z.iso.date().optional().describe("Received from this day (Vietnam time)"),
    to: z.iso.date().optional(),
    sort: z.enum(SORTS).default("-receivedAt"),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListQuery = z.output<typeof listQuery>;

const dueOut = z.object({
  phase: z.enum(["accept", "resolve"]).nullable(),
  dueAt: z.string().nullable(),
  level: z.enum(["overdue", "soon", "ok", "none"]),
  daysLeft: z.number().nullable(),
});

export const petitionSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  kind: z.enum(PETITION_KINDS),
  channel: z.string(),
  status: z.enum(PETITION_STATUSES),
  receivedAt: z.string(),
  subject: z.string(),
  concerns: z.string().nullable(),
  petitionerLabel: z
    .string()
    .describe("The petitioner's name, or “Người tố cáo (bảo mật)” when confidential"),
  confidential: z.boolean(),
  acceptDueAt: z.string(),
  resolveDueAt: z.string().nullable(),
  extensions: z.number(),
  handler: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  due: dueOut,
});
export type PetitionSummary = z.output<typeof petitionSummary>;

export const listOut = z.object({
  items: z.array(petitionSummary),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

const identity = z.object({
  fullName: z.string(),
  idNumber: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

export const eventOut = z.object({
  id: z.number(),
  kind: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const petitionDetail = petitionSummary.extend({
  content: z.string(),
  decision: z.string().nullable(),
  decidedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  round: z.number(),
  remoteArea: z.boolean(),
  petitioner: identity
    .nullable()
    .describe("Only for the assigned handler and the leaders of the unit when confidential"),
  events: z.array(eventOut),
  actions: z.array(z.string()).describe("Commands the caller may give now"),
  handlers: z
    .array(z.object({ id: z.uuid(), name: z.string() }))
    .describe("Officials who may be assigned (for those who assign)"),
  extension: z.object({ maxExtensions: z.number(), daysPerExtension: z.number() }),
});
export type PetitionDetail = z.output<typeof petitionDetail>;

export const commandBody = z.discriminatedUnion("command", [
  z.object({ command: z.literal("accept") }).strict(),
  z.object({ command: z.literal("not_accept"), reason }).strict(),
  z
    .object({
      command: z.literal("forward"),
      toUnit: unitCode.describe("The unit competent to handle it"),
      reason,
    })
    .strict(),
  z.object({ command: z.literal("assign"), handlerId: z.uuid() }).strict(),
  z
    .object({
      command: z.literal("extend"),
      reason,
      complexity: z.enum(["complex", "very_complex"]),
      days: z.number().int().min(1).max(60).optional().describe("Default: the most the law allows"),
    })
    .strict(),
  z.object({ command: z.literal("decide"), decision: z.string().trim().min(1).max(5000) }).strict(),
  z.object({ command: z.literal("close"), note: optionalText(2000) }).strict(),
  z.object({ command: z.literal("withdraw"), reason }).strict(),
]);
export type CommandBody = z.output<typeof commandBody>;

export const statsQuery = z
  .object({ unit: unitCode, from: z.iso.date().optional(), to: z.iso.date().optional() })
  .strict()
  .describe("Days (Vietnam time) inclusive; default: this year to today");
export type StatsQuery = z.output<typeof statsQuery>;

const figures = z.object({
  received: z.number(),
  accepted: z.number(),
  notAccepted: z.number(),
  forwarded: z.number(),
  withdrawn: z.number(),
  resolved: z.number(),
  resolvedOnTime: z.number(),
  resolvedLate: z.number(),
  pending: z.number().describe("Still open at the period's end"),
  pendingWithinDeadline: z.number(),
  pendingOverdue: z.number(),
});
export const statsOut = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  asOf: z.string().describe("The instant the pending figures are counted at: the period's end, or now"),
  total: figures,
  byKind: z.array(figures.extend({ kind: z.enum(PETITION_KINDS) })),
});
export type StatsOut = z.output<typeof statsOut>;
