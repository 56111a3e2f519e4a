// Tables of what citizens tell the administration (issue #8): feedback and suggestions
// (phản ánh, kiến nghị; served also as Open311 GeoReport v2 service requests) and petitions
// (đơn khiếu nại, tố cáo) with their legal deadlines. Kept apart from schema.ts; drizzle-kit reads it.
//
// Invariants the database keeps: public codes are unique; histories are insert-only; a published
// feedback item has its redacted public text; a petition's confidential identity lives in its own
// table, read only by the service after its own check (never joined into lists).

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { encryptedText } from "./encrypted.ts";
import { serviceDesks } from "./schema.frontdesk.ts";
import { orgUnits, procedures, users } from "./schema.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/** The kinds of feedback one may send (Open311 "services"): code, names, answer time. */
export const feedbackServices = pgTable(
  "feedback_services",
  {
    code: text("code").primaryKey(),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionVi: text("description_vi").notNull(),
    descriptionEn: text("description_en").notNull(),
    /** Open311 `group`. */
    groupName: text("group_name").notNull(),
    keywords: text("keywords").array().notNull().default(sql`'{}'::text[]`),
    /** Working days the responsible unit has to answer. */
    answerDays: integer("answer_days").notNull(),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    check("feedback_services_code_check", sql`${t.code} ~ '^[a-z0-9_.-]{2,40}$'`),
    check("feedback_services_days_check", sql`${t.answerDays} between 1 and 90`),
  ],
);

export const FEEDBACK_STATUSES = ["open", "in_progress", "answered", "closed", "rejected"] as const;

/** One feedback item or suggestion about a procedure, a desk or a place. */
export const feedbackItems = pgTable(
  "feedback_items",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** The public reference (Open311 service_request_id), e.g. PA-7K3M9Q2X. */
    code: text("code").notNull(),
    serviceCode: text("service_code")
      .notNull()
      .references(() => feedbackServices.code),
    /** The unit responsible (routed from the procedure, the desk, the place or the sender's choice). */
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    procedureId: uuid("procedure_id").references(() => procedures.id),
    deskId: uuid("desk_id").references(() => serviceDesks.id),
    description: text("description").notNull(),
    lat: doublePrecision("lat"),
    long: doublePrecision("long"),
    address: text("address"),
    /** The sender (personal data: never published). */
    citizenId: uuid("citizen_id").references(() => users.id),
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    phone: encryptedText("phone", "feedback_items.phone"),
    deviceId: text("device_id"),
    /** Open311 api_key of the client application, when it sent one. */
    clientKey: text("client_key"),
    /** The sender agrees that the item and its answer be published (without personal data). */
    consentPublish: boolean("consent_publish").notNull().default(false),
    status: text("status", { enum: FEEDBACK_STATUSES }).notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id),
    dueAt: ts("due_at").notNull(),
    reply: text("reply"),
    repliedAt: ts("replied_at"),
    repliedBy: uuid("replied_by").references(() => users.id),
    /** Set when published: the description with personal data removed, reviewed by the official. */
    publicText: text("public_text"),
    publishedAt: ts("published_at"),
    idempotencyKey: text("idempotency_key"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("feedback_items_code_key").on(t.code),
    uniqueIndex("feedback_items_idempotency_key").on(t.idempotencyKey),
    index("feedback_items_unit_idx").on(t.unitId, t.createdAt),
    index("feedback_items_status_idx").on(t.status, t.dueAt),
    check("feedback_items_description_check", sql`length(btrim(${t.description})) between 1 and 5000`),
    check(
      "feedback_items_point_check",
      sql`(${t.lat} is null) = (${t.long} is null) and (${t.lat} is null or (${t.lat} between -90 and 90 and ${t.long} between -180 and 180))`,
    ),
    check(
      "feedback_items_published_check",
      sql`${t.publishedAt} is null or (${t.consentPublish} and ${t.publicText} is not null and ${t.reply} is not null)`,
    ),
  ],
);

/** Photos of a feedback item: content in the blob store by SHA-256 (as documents). */
export const feedbackPhotos = pgTable(
  "feedback_photos",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    feedbackId: uuid("feedback_id")
      .notNull()
      .references(() => feedbackItems.id),
    sha256: text("sha256").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    /** Shown with the published item (the official chose it: no faces, no plates). */
    isPublic: boolean("is_public").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("feedback_photos_item_idx").on(t.feedbackId),
    check("feedback_photos_size_check", sql`${t.size} between 1 and 10485760`),
    check("feedback_photos_type_check", sql`${t.contentType} in ('image/jpeg','image/png','image/webp')`),
  ],
);

/** Insert-only history of a feedback item (received, routed, assigned, answered, published…). */
export const feedbackEvents = pgTable(
  "feedback_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    feedbackId: uuid("feedback_id")
      .notNull()
      .references(() => feedbackItems.id),
    kind: text("kind").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("feedback_events_item_idx").on(t.feedbackId, t.id)],
);

export const PETITION_KINDS = ["complaint", "denunciation", "recommendation"] as const;
export const PETITION_STATUSES = [
  "received",
  "accepted",
  "not_accepted",
  "forwarded",
  "in_progress",
  "decided",
  "closed",
  "withdrawn",
] as const;

/** A petition: a complaint, a denunciation, or a recommendation/reflection in a formal letter. */
export const petitions = pgTable(
  "petitions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** Register number, per unit and year (e.g. 2026/000123). */
    code: text("code").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    kind: text("kind", { enum: PETITION_KINDS }).notNull(),
    channel: text("channel", { enum: ["in_person", "postal", "online", "forwarded"] }).notNull(),
    receivedAt: ts("received_at").notNull(),
    subject: text("subject").notNull(),
    /** The content (for a denunciation: what is denounced; the denouncer is in petition_parties). */
    content: text("content").notNull(),
    /** Who or what the petition is about (an official, a decision, an act). */
    concerns: text("concerns"),
    status: text("status", { enum: PETITION_STATUSES }).notNull().default("received"),
    /** The deadline to decide whether it is accepted (thụ lý), then to resolve it. */
    acceptDueAt: ts("accept_due_at").notNull(),
    acceptedAt: ts("accepted_at"),
    resolveDueAt: ts("resolve_due_at"),
    /** Extensions granted (each recorded as an event with its reason). */
    extensions: integer("extensions").notNull().default(0),
    handlerId: uuid("handler_id").references(() => users.id),
    decision: text("decision"),
    decidedAt: ts("decided_at"),
    closedAt: ts("closed_at"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("petitions_code_key").on(t.unitId, t.code),
    index("petitions_unit_idx").on(t.unitId, t.receivedAt),
    index("petitions_due_idx").on(t.status, t.resolveDueAt),
    check("petitions_subject_check", sql`length(btrim(${t.subject})) between 1 and 500`),
    check("petitions_content_check", sql`length(btrim(${t.content})) between 1 and 20000`),
    check("petitions_extensions_check", sql`${t.extensions} between 0 and 2`),
  ],
);

/**
 * The petitioner's identity, apart from the petition: for a denunciation it is confidential
 * (Law on Denunciations 2018, Art. 47): only the assigned handler and the unit's leader may read
 * it, and every read is audited.
 */
export const petitionParties = pgTable(
  "petition_parties",
  {
    petitionId: uuid("petition_id")
      .primaryKey()
      .references(() => petitions.id),
    fullName: text("full_name").notNull(),
    idNumber: encryptedText("id_number", "petition_parties.id_number"),
    address: text("address"),
    phone: encryptedText("phone", "petition_parties.phone"),
    email: text("email"),
    confidential: boolean("confidential").notNull(),
  },
  (t) => [check("petition_parties_name_check", sql`length(btrim(${t.fullName})) between 1 and 200`)],
);

/** Insert-only history of a petition (received, classified, assigned, extended, decided, closed). */
export const petitionEvents = pgTable(
  "petition_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    petitionId: uuid("petition_id")
      .notNull()
      .references(() => petitions.id),
    kind: text("kind").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("petition_events_petition_idx").on(t.petitionId, t.id)],
);
