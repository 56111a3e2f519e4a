// Contracts of feedback (issue #8): citizens' submissions and lookups (public), the published
// list, the back office's list, detail and commands, and the figures. Open311 has its own
// contracts in open311.schemas.ts.
import { z } from "zod";
import { FEEDBACK_STATUSES } from "../../db/schema.voice.ts";
import { msg } from "../../shared/messages.ts";
import { normaliseVietnamPhone } from "../appointments/appointments.logic.ts";
import { normaliseFeedbackCode } from "./feedback.logic.ts";

export { FEEDBACK_STATUSES };

const day = z.iso.date({ error: msg("date_format") });
const unitCode = z.string().trim().min(1).max(100).describe("The unit's code, e.g. 46.19753");
export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 10 * 1_048_576;

const code = z
  .string()
  .trim()
  .max(30)
  .transform((c, ctx) => {
    const normal = normaliseFeedbackCode(c);
    if (!normal) {
      ctx.addIssue({ code: "custom", message: "The feedback code looks like PA-7K3M9Q2X" });
      return z.NEVER;
    }
    return normal;
  });
export const codeParams = z.object({ code });
export const idParams = z.object({ id: z.uuid() });
export const photoParams = z.object({ id: z.uuid(), photoId: z.uuid() });
export const publicPhotoParams = z.object({ photoId: z.uuid() });

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: msg("feedback.text_required") })
    .max(max);

// --- public -----------------------------------------------------------------------------------

export const submitBody = z
  .object({
    serviceCode: z.string().trim().min(1).max(40).describe("A feedback kind (Open311 service_code)"),
    description: text(5000),
    unit: unitCode.optional().describe("The unit the feedback is for (else: the procedure's or desk's unit)"),
    procedureCode: z.string().trim().max(20).optional(),
    deskId: z.uuid().optional(),
    lat: z.number().min(-90).max(90).optional(),
    long: z.number().min(-180).max(180).optional(),
    address: z.string().trim().max(300).optional(),
    fullName: z.string().trim().max(200).optional(),
    email: z
      .email({ error: msg("email_format") })
      .max(254)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    phone: z
      .string()
      .trim()
      .max(30)
      .refine((p) => p === "" || normaliseVietnamPhone(p) !== undefined, { error: msg("phone_format") })
      .transform((p) => (p === "" ? undefined : normaliseVietnamPhone(p)))
      .optional(),
    consentPublish: z.boolean().default(false),
    locale: z.enum(["vi", "en"]).default("vi"),
  })
  .strict()
  .refine((b) => (b.lat === undefined) === (b.long === undefined), {
    error: msg("feedback.point_pair"),
    path: ["long"],
  });
export type SubmitInput = z.output<typeof submitBody>;

const named = z.object({ code: z.string(), name: z.string() });
const serviceRef = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });

export const submitOut = z.object({
  code: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  unit: named,
  service: serviceRef,
  dueAt: z.string(),
  /** Proves the sender when adding photos (shown once, never stored in clear). */
  photoToken: z.string(),
  photoUploadUrl: z.string(),
  maxPhotos: z.number().int(),
  maxPhotoBytes: z.number().int(),
});
export type SubmitOut = z.output<typeof submitOut>;

export const photoHeaders = z.object({
  "idempotency-key": z.string().optional().describe("A new random key per action (8–100 characters)"),
  "x-feedback-token": z.string().max(100).optional().describe("The photoToken returned on submission"),
});
export const photoOut = z.object({ id: z.string(), contentType: z.string(), size: z.number().int() });

export const lookupOut = z.object({
  code: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  service: serviceRef,
  unit: named,
  createdAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  /** The unit's answer, once given. */
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  photos: z.number().int(),
});

export const publishedQuery = z
  .object({
    unit: unitCode.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export const publishedItemOut = z.object({
  code: z.string(),
  service: serviceRef,
  unit: named,
  text: z.string(),
  reply: z.string(),
  createdAt: z.string(),
  repliedAt: z.string().nullable(),
  publishedAt: z.string(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  photoUrls: z.array(z.string()),
});
export const publishedOut = z.object({
  items: z.array(publishedItemOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const servicesOut = z.object({
  items: z.array(
    serviceRef.extend({
      descriptionVi: z.string(),
      descriptionEn: z.string(),
      group: z.string(),
      answerDays: z.number(),
    }),
  ),
});

// --- back office ------------------------------------------------------------------------------

export const listQuery = z
  .object({
    unit: unitCode.optional().describe("Only this unit (else every unit one handles)"),
    status: z.enum(FEEDBACK_STATUSES).optional(),
    service: z.string().trim().max(40).optional(),
    overdue: z.enum(["true", "false"]).optional(),
    mine: z.enum(["true", "false"]).optional(),
    q: z.string().trim().max(100).optional().describe("A code, or words of the text or the sender's name"),
    sort: z.enum(["createdAt", "dueAt", "updatedAt"]).default("createdAt"),
    order: z.enum(["asc", "desc"]).default("desc"),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export type ListQuery = z.output<typeof listQuery>;

export const itemOut = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  service: serviceRef,
  unit: named.extend({ id: z.string() }),
  procedureCode: z.string().nullable(),
  deskName: z.string().nullable(),
  excerpt: z.string(),
  senderName: z.string().nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  dueAt: z.string(),
  repliedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  overdue: z.boolean(),
  consentPublish: z.boolean(),
  photos: z.number().int(),
});
export const listOut = z.object({
  items: z.array(itemOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const detailOut = itemOut.extend({
  description: z.string(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  address: z.string().nullable(),
  sender: z.object({
    fullName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    citizen: z.boolean(),
    client: z.string().nullable().describe("Open311 api_key of the client application"),
  }),
  reply: z.string().nullable(),
  publicText: z.string().nullable(),
  /** The description with personal data removed: what the official reviews before publishing. */
  proposedPublicText: z.string(),
  photoList: z.array(
    z.object({
      id: z.string(),
      contentType: z.string(),
      size: z.number(),
      isPublic: z.boolean(),
      url: z.string(),
    }),
  ),
  events: z.array(
    z.object({ kind: z.string(), actor: z.string().nullable(), at: z.string(), data: z.unknown() }),
  ),
  allowed: z.array(z.string()),
});
export type DetailOut = z.output<typeof detailOut>;

export const assignBody = z.object({ assigneeId: z.uuid().optional().describe("Default: oneself") }).strict();
export const replyBody = z.object({ reply: text(5000) }).strict();
export const reasonBody = z.object({ reason: text(1000) }).strict();
export const closeBody = z.object({}).strict();
export const publishBody = z
  .object({
    publicText: text(5000).describe("The reviewed text, free of personal data"),
    publicPhotoIds: z.array(z.uuid()).max(MAX_PHOTOS).default([]),
  })
  .strict();
export const rerouteBody = z.object({ unit: unitCode, reason: text(1000) }).strict();

export const statsQuery = z.object({ unit: unitCode, from: day, to: day }).strict();
const cells = {
  received: z.number().int(),
  answered: z.number().int(),
  answeredOnTime: z.number().int(),
  answeredLate: z.number().int(),
  pending: z.number().int(),
  pendingOverdue: z.number().int().describe("Not answered and past the deadline now"),
  rejected: z.number().int(),
  published: z.number().int(),
  onTimeRate: z.number().nullable().describe("answeredOnTime / answered"),
};
export const statsOut = z.object({
  unit: named,
  from: z.string(),
  to: z.string(),
  total: z.object(cells),
  units: z.array(z.object({ unit: named, ...cells })),
});
