// Dossier API contracts: one zod schema per input (validation, types, OpenAPI) and plain
// "Out" schemas for responses (no transforms: responses are encoded, not parsed).
import { z } from "zod";
import { CHANNELS, SERVICE_MODES } from "../../db/schema.ts";
import { msg } from "../../shared/messages.ts";
import { DOCUMENT_FORMS, procedureCode } from "../catalog/catalog.schemas.ts";
import { eformSchemaSchema, eformUiSchema, formDataSchema } from "../eforms/eform.schemas.ts";
import { COMMANDS, DOSSIER_STATES } from "./dossier.machine.ts";

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: msg("name_required") })
    .max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

export const applicantSchema = z.object({
  kind: z.enum(["person", "organisation"]).default("person"),
  name: text(200),
  idNumber: z
    .string()
    .trim()
    .regex(/^([0-9]{9}|[0-9]{12})$/, { error: msg("dossier.id_number") })
    .nullish()
    .transform((v) => v || null),
  birthDate: z.iso
    .date()
    .nullish()
    .transform((v) => v || null),
  address: optionalText(500),
  phone: z
    .string()
    .trim()
    .regex(/^0\d{9}$/, { error: msg("phone_format") })
    .nullish()
    .transform((v) => v || null),
  email: z
    .email({ error: msg("email_format") })
    .max(200)
    .nullish()
    .transform((v) => v || null),
});
export type Applicant = z.output<typeof applicantSchema>;

export const checklistItemSchema = z.object({
  name: text(1000),
  form: z.enum(DOCUMENT_FORMS).default("original"),
  count: z.number().int().min(1).max(100).default(1),
  provided: z.boolean().default(true),
});

const RESULT_DELIVERY = ["desk", "postal", "online"] as const;

const receptionFields = {
  unitId: z.uuid(),
  /** The competent unit, when a location-independent procedure is received at another desk. */
  handlingUnitId: z.uuid().nullish(),
  procedureCode,
  channel: z.enum(CHANNELS).default("in_person"),
  serviceMode: z.enum(SERVICE_MODES).default("desk"),
  applicant: applicantSchema,
  subject: optionalText(1000),
  /** The checklist; defaults to the procedure's required documents, all provided. */
  documents: z.array(checklistItemSchema).max(100).optional(),
  sets: z.number().int().min(1).max(100).default(1),
  resultDelivery: z.enum(RESULT_DELIVERY).default("desk"),
  /** Where to post the result (result delivery by post); defaults to the applicant's address. */
  postalAddress: optionalText(500).optional(),
  note: optionalText(2000),
  /** The application form's data (e-form in force for the procedure at the unit), if any. */
  formData: formDataSchema.nullish(),
};

export const receiveBody = z.object({
  ...receptionFields,
  /** On-the-spot procedures: decide and return in the same visit. */
  onTheSpot: z.object({ decision: z.enum(["approved", "rejected"]), reason: optionalText(2000) }).nullish(),
});
export type ReceiveInput = z.output<typeof receiveBody>;

export const batchBody = z.object({
  unitId: z.uuid(),
  items: z
    .array(
      z.object({
        ...receptionFields,
        unitId: z.uuid().optional(),
        receivedAt: z.iso.datetime({ offset: true }),
      }),
    )
    .min(1)
    .max(200),
});
export type BatchInput = z.output<typeof batchBody>;

export const onlineBody = z.object({
  ...receptionFields,
  channel: z.enum(["online_full", "online_partial"]).default("online_full"),
  resultDelivery: z.enum(RESULT_DELIVERY).default("online"),
  /** Save as a draft instead of submitting now. */
  draft: z.boolean().default(false),
});
export type OnlineInput = z.output<typeof onlineBody>;

/** A citizen's change to their draft: the online-filing body, guarded by the version they saw. */
export const draftBody = onlineBody
  .omit({ draft: true })
  .extend({ expectedVersion: z.number().int().min(1) });
export type DraftInput = z.output<typeof draftBody>;

/** An official files online on the applicant's behalf (assisted filing); submitted at once. */
export const assistedBody = onlineBody.omit({ draft: true });
export type AssistedInput = z.output<typeof assistedBody>;

export const commandBody = z.object({
  command: z.enum(COMMANDS),
  /** The dossier version the caller saw; a stale version gets a 409. */
  expectedVersion: z.number().int().min(1),
  reason: optionalText(2000),
  note: optionalText(2000),
  items: z.array(z.string().trim().min(1).max(1000)).max(50).optional(),
  agencyId: z.uuid().nullish(),
  newDueAt: z.iso.datetime({ offset: true }).nullish(),
  method: z.enum(["in_person", "postal", "online"]).nullish(),
});
export type CommandInput = z.output<typeof commandBody>;

export const idParams = z.object({ id: z.uuid() });
export const FORM_KINDS = ["receipt", "supplement", "refusal", "apology", "stop", "control"] as const;
export const formParams = z.object({ id: z.uuid(), form: z.enum(FORM_KINDS) });

export const QUEUES = ["all", "mine", "due_today", "due_soon", "overdue", "open", "closed"] as const;
export const listQuery = z.object({
  unitId: z.uuid().optional(),
  queue: z.enum(QUEUES).default("open"),
  state: z.enum(DOSSIER_STATES).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(["due", "-due", "received", "-received", "code", "-code"]).default("due"),
});
export type ListQuery = z.output<typeof listQuery>;

export const bookQuery = z.object({
  unitId: z.uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
});

export const lookupParams = z.object({
  code: z.string().trim().min(1).max(80),
});

// ---------------------------------------------------------------------------------------------
// Responses

const timeliness = z.enum(["early", "on_time", "late"]).nullable();
const label = z.object({ vi: z.string(), en: z.string() });

export const eventOut = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  command: z.string(),
  commandLabel: label,
  fromState: z.enum(DOSSIER_STATES).nullable(),
  toState: z.enum(DOSSIER_STATES),
  stepIndex: z.number().nullable(),
  stepName: z.string().nullable(),
  dueAt: z.string().nullable(),
  stepDueAt: z.string().nullable(),
  stepResult: timeliness,
  note: z.string().nullable(),
  /** The documents asked for by a supplement request. */
  items: z.array(z.string()).nullable(),
});

const applicantOut = z.object({
  kind: z.enum(["person", "organisation"]),
  name: z.string(),
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

export const dossierOut = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  nationalCode: z.string().nullable(),
  ruleSet: z.string(),
  version: z.number(),
  state: z.enum(DOSSIER_STATES),
  stateLabel: label,
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  handlingUnit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  transferAgency: z.object({ id: z.string(), name: z.string() }).nullable(),
  procedure: z.object({ code: z.string(), name: z.string(), version: z.number(), onTheSpot: z.boolean() }),
  channel: z.enum(CHANNELS),
  serviceMode: z.enum(SERVICE_MODES),
  applicant: applicantOut,
  /** True when personal data is masked for this reader. */
  masked: z.boolean(),
  subject: z.string().nullable(),
  documents: z.array(
    z.object({ name: z.string(), form: z.string(), count: z.number(), provided: z.boolean() }),
  ),
  sets: z.number(),
  fees: z.array(z.object({ name: z.string(), amountVnd: z.number().nullable() })),
  resultDelivery: z.enum(RESULT_DELIVERY),
  postalAddress: z.string().nullable(),
  steps: z.array(z.object({ name: z.string(), hours: z.number(), role: z.string().nullable() })),
  stepIndex: z.number().nullable(),
  decision: z.enum(["approved", "rejected"]).nullable(),
  submittedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  promisedAt: z.string().nullable(),
  stepDueAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnMethod: z.enum(["in_person", "postal", "online"]).nullable(),
  timeliness,
  supplementCount: z.number(),
  apologyCount: z.number(),
  events: z.array(eventOut),
  /** Commands this reader may run now. */
  commands: z.array(z.enum(COMMANDS)),
  /** Agencies the dossier may be transferred to (those of its unit and the units above). */
  transferTargets: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string() })),
  /** Forms that can be printed now. */
  forms: z.array(z.enum(FORM_KINDS)),
  lookupUrl: z.string().nullable(),
  /** The e-form revision the application was filled in, and its data. */
  eform: z
    .object({
      id: z.uuid(),
      title: z.string(),
      revision: z.number(),
      schema: eformSchemaSchema,
      ui: eformUiSchema,
    })
    .nullable(),
  formData: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  /** The official who filed it online for the applicant (assisted filing). */
  assistedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type DossierOut = z.output<typeof dossierOut>;

export const dossierRowOut = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  state: z.enum(DOSSIER_STATES),
  stateLabel: label,
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  unitName: z.string(),
  channel: z.enum(CHANNELS),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  stepName: z.string().nullable(),
  stepDueAt: z.string().nullable(),
  bucket: z.enum(["overdue", "due_today", "due_soon", "later", "closed"]),
  timeliness,
  version: z.number(),
});

export const listOut = z.object({
  items: z.array(dossierRowOut),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.object({
    open: z.number(),
    due_today: z.number(),
    due_soon: z.number(),
    overdue: z.number(),
    mine: z.number(),
  }),
});

export const batchOut = z.object({ items: z.array(z.object({ id: z.uuid(), code: z.string() })) });

export const lookupOut = z.object({
  code: z.string(),
  state: z.enum(DOSSIER_STATES),
  stateLabel: label,
  nationalStatus: z.number(),
  procedureName: z.string(),
  unitName: z.string(),
  applicantName: z.string(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  promisedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  timeliness,
  timeline: z.array(
    z.object({
      at: z.string(),
      state: z.enum(DOSSIER_STATES),
      stateLabel: label,
      stepName: z.string().nullable(),
    }),
  ),
});
