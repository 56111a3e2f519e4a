// Drizzle table definitions: the typed view of db/migrations/*.sql.
// The SQL migrations are the source of truth for constraints and triggers;
// keep this file in step with them (drizzle-kit generate diffs against it).

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { DOSSIER_STATES } from "../modules/dossiers/dossier.machine.ts";
import { encryptedJsonb, encryptedText, sealedJsonb } from "./encrypted.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const orgUnits = pgTable(
  "org_units",
  {
    id: id(),
    code: text("code").notNull(),
    level: text("level", { enum: ["province", "district", "commune"] }).notNull(),
    parentId: uuid("parent_id"),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    successorId: uuid("successor_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("org_units_code_key").on(t.code),
    index("org_units_parent_idx").on(t.parentId),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
    foreignKey({ columns: [t.successorId], foreignColumns: [t.id] }),
    check("org_units_level_check", sql`${t.level} in ('province','district','commune')`),
    check("org_units_validity_check", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check("org_units_successor_check", sql`${t.successorId} is null or ${t.successorId} <> ${t.id}`),
  ],
);

export const orgUnitNames = pgTable(
  "org_unit_names",
  {
    id: id(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    name: text("name").notNull(),
    validFrom: date("valid_from").notNull(),
    decisionRef: text("decision_ref"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("org_unit_names_unit_from_key").on(t.unitId, t.validFrom),
    check("org_unit_names_name_check", sql`length(btrim(${t.name})) > 0`),
  ],
);

export const agencies = pgTable(
  "agencies",
  {
    id: id(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["internal", "vertical"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("agencies_code_key").on(t.code),
    index("agencies_unit_idx").on(t.unitId),
    check("agencies_kind_check", sql`${t.kind} in ('internal','vertical')`),
    check("agencies_name_check", sql`length(btrim(${t.name})) > 0`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    kind: text("kind", { enum: ["staff", "citizen"] }).notNull(),
    username: text("username"),
    email: text("email"),
    /** Encrypted (AES-256-GCM, MOTCUA_DATA_KEYS); found by phone_bidx. */
    phone: encryptedText("phone", "users.phone"),
    /** HMAC (MOTCUA_INDEX_KEYS) of the normalised phone: sign-in, account matching, uniqueness. */
    phoneBidx: text("phone_bidx"),
    passwordHash: text("password_hash"),
    fullName: text("full_name").notNull(),
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** When the password was last set (activation, change, reset); null: never set. */
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_username_key").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_phone_bidx_key").on(t.phoneBidx),
    uniqueIndex("users_oidc_key").on(t.oidcIssuer, t.oidcSubject),
    check("users_kind_check", sql`${t.kind} in ('staff','citizen')`),
    check(
      "users_identity_check",
      sql`(${t.kind} = 'staff' and ${t.username} is not null) or (${t.kind} = 'citizen' and coalesce(${t.email}, ${t.phone}, ${t.oidcSubject}) is not null)`,
    ),
    check("users_name_check", sql`length(btrim(${t.fullName})) > 0`),
  ],
);

export const ROLES = [
  "receptionist",
  "specialist",
  "leader",
  "clerk",
  "unit_admin",
  "supervisor",
  "system_admin",
] as const;
export type Role = (typeof ROLES)[number];

export const roleGrants = pgTable(
  "role_grants",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    role: text("role", { enum: ROLES }).notNull(),
    grantedBy: uuid("granted_by"),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("role_grants_user_idx").on(t.userId),
    index("role_grants_unit_idx").on(t.unitId),
    uniqueIndex("role_grants_active_key").on(t.userId, t.unitId, t.role).where(sql`${t.revokedAt} is null`),
    check("role_grants_role_check", sql`${t.role} in (${sql.raw(ROLES.map((r) => `'${r}'`).join(","))})`),
  ],
);

export const ACCOUNT_TOKEN_PURPOSES = ["invite", "reset", "contact"] as const;

/**
 * Single-use links that let someone set an account's password (an invitation to a new official
 * or a password reset) or confirm a new e-mail or phone of their own (a contact change). Only the token's SHA-256 is kept; the link itself is mailed (sealed in the
 * outbox) and never stored in clear.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    createdBy: uuid("created_by").references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** A contact change: the new e-mail or phone, confirmed through the link sent to it (encrypted). */
    newContact: encryptedText("new_contact", "account_tokens.new_contact"),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_key").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId),
    check("account_tokens_purpose_check", sql`${t.purpose} in ('invite','reset','contact')`),
    check("account_tokens_contact_check", sql`(${t.purpose} = 'contact') = (${t.newContact} is not null)`),
    check("account_tokens_hash_shape", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check("account_tokens_expiry_check", sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const auditLog = pgTable("audit_log", {
  seq: bigint("seq", { mode: "number" }).primaryKey().default(0),
  at: timestamp("at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  actorUserId: uuid("actor_user_id"),
  actorLabel: text("actor_label"),
  unitId: uuid("unit_id"),
  action: text("action").notNull(),
  target: text("target"),
  outcome: integer("outcome").notNull(),
  ip: text("ip"),
  requestId: text("request_id"),
  details: jsonb("details"),
  prevHash: text("prev_hash").notNull().default(""),
  hash: text("hash").notNull().default(""),
});

/**
 * Signed anchors of the audit chain (insert-only): the newest row's seq and hash at a moment,
 * signed with a key the database does not hold (AUDIT_SIGNING_KEYS). Each checkpoint also signs
 * the previous checkpoint's signature, so removing one breaks the next. A superuser who rewrites
 * or truncates the audit log cannot make new checkpoints match without the key.
 */
export const auditCheckpoints = pgTable(
  "audit_checkpoints",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    hash: text("hash").notNull(),
    reason: text("reason").notNull(),
    keyId: text("key_id").notNull(),
    prevSignature: text("prev_signature").notNull(),
    signature: text("signature").notNull(),
  },
  (t) => [
    check("audit_checkpoints_reason_check", sql`${t.reason} in ('interval', 'backup', 'manual')`),
    check("audit_checkpoints_seq_check", sql`${t.seq} >= 0`),
  ],
);

export const procedures = pgTable(
  "procedures",
  {
    id: id(),
    code: text("code").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("procedures_code_key").on(t.code),
    check("procedures_code_check", sql`${t.code} ~ '^[0-9][.][0-9]{6}$'`),
  ],
);

export const procedureDecisions = pgTable(
  "procedure_decisions",
  {
    id: id(),
    number: text("number").notNull(),
    title: text("title"),
    signedOn: date("signed_on").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    issuerUnitId: uuid("issuer_unit_id").references(() => orgUnits.id),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("procedure_decisions_number_key").on(
      sql`coalesce(${t.issuerUnitId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.number,
    ),
    check("procedure_decisions_dates_check", sql`${t.effectiveFrom} >= ${t.signedOn}`),
  ],
);

export const procedureVersions = pgTable(
  "procedure_versions",
  {
    id: id(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id),
    version: integer("version").notNull(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => procedureDecisions.id),
    change: text("change", { enum: ["added", "amended", "abolished"] }).notNull(),
    effectiveFrom: date("effective_from").notNull(),
    name: text("name").notNull(),
    sector: text("sector").notNull(),
    levels: text("levels").array().notNull(),
    online: text("online", { enum: ["fully", "partly", "none"] }).notNull(),
    postal: boolean("postal").notNull(),
    inPerson: boolean("in_person").notNull(),
    deadlineKind: text("deadline_kind").notNull(),
    deadlineValue: numeric("deadline_value", { mode: "number" }),
    hasFee: boolean("has_fee").notNull(),
    record: jsonb("record").notNull(),
    searchName: text("search_name").generatedAlwaysAs(sql`f_unaccent(name)`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("procedure_versions_version_key").on(t.procedureId, t.version),
    index("procedure_versions_effective_idx").on(t.procedureId, t.effectiveFrom),
    index("procedure_versions_sector_idx").on(t.sector),
    check("procedure_versions_change_check", sql`${t.change} in ('added','amended','abolished')`),
    check("procedure_versions_online_check", sql`${t.online} in ('fully','partly','none')`),
    check("procedure_versions_version_check", sql`${t.version} >= 1`),
  ],
);

/**
 * Derived from procedure_versions by trigger (never written by the application): one row per
 * span of days in which a version is the one in force, with the columns search and reports
 * need, so that "in force on D" plus a word match is one indexed look-up in one table.
 */
export const catalogSearch = pgTable(
  "catalog_search",
  {
    versionId: uuid("version_id")
      .primaryKey()
      .references(() => procedureVersions.id),
    procedureId: uuid("procedure_id").notNull(),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    name: text("name").notNull(),
    searchName: text("search_name").notNull(),
    // Vietnamese words are space-separated syllables: the 'simple' configuration indexes them as they are.
    searchTsv: tsvector("search_tsv").generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_name)`),
    sector: text("sector").notNull(),
    levels: text("levels").array().notNull(),
    online: text("online", { enum: ["fully", "partly", "none"] }).notNull(),
    postal: boolean("postal").notNull(),
    inPerson: boolean("in_person").notNull(),
    onTheSpot: boolean("on_the_spot").notNull(),
    deadlineKind: text("deadline_kind").notNull(),
    deadlineValue: numeric("deadline_value", { mode: "number" }),
    deadlineNote: text("deadline_note"),
    hasFee: boolean("has_fee").notNull(),
  },
  (t) => [
    index("catalog_search_procedure_idx").on(t.procedureId),
    index("catalog_search_validity_idx").on(t.validFrom, t.validTo),
  ],
);

export const unitProcedures = pgTable(
  "unit_procedures",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id),
    localNotes: text("local_notes"),
    receptionAddress: text("reception_address"),
    addedBy: uuid("added_by"),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.procedureId] }),
    index("unit_procedures_procedure_idx").on(t.procedureId),
  ],
);

/** Insert-only: every saved version of a unit's working calendar; the latest is in force. */
export const unitCalendars = pgTable(
  "unit_calendars",
  {
    id: id(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    config: jsonb("config").notNull(),
    note: text("note"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("unit_calendars_unit_idx").on(t.unitId, t.createdAt)],
);

/** Insert-only: versions of a procedure's internal process in one unit, each approved by a decision. */
export const processVersions = pgTable(
  "process_versions",
  {
    id: id(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    version: integer("version").notNull(),
    decisionRef: text("decision_ref").notNull(),
    approvedOn: date("approved_on").notNull(),
    steps: jsonb("steps").notNull(),
    totalHours: numeric("total_hours", { mode: "number" }).notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("process_versions_version_key").on(t.procedureId, t.unitId, t.version),
    check("process_versions_total_check", sql`${t.totalHours} > 0`),
  ],
);

export { DOSSIER_STATES };
export const CHANNELS = ["in_person", "online_full", "online_partial", "postal"] as const;
export const SERVICE_MODES = ["desk", "on_the_spot", "mobile_team", "at_home"] as const;

/**
 * A dossier (hồ sơ): current state kept in step with its insert-only events in the same
 * transaction. `version` is the optimistic-concurrency counter (one per event).
 */
export const dossiers = pgTable(
  "dossiers",
  {
    id: id(),
    code: text("code"),
    nationalCode: text("national_code"),
    ruleSet: text("rule_set").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    handlingUnitId: uuid("handling_unit_id")
      .notNull()
      .references(() => orgUnits.id),
    transferUnitId: uuid("transfer_unit_id").references(() => orgUnits.id),
    transferAgencyId: uuid("transfer_agency_id").references(() => agencies.id),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id),
    procedureVersionId: uuid("procedure_version_id")
      .notNull()
      .references(() => procedureVersions.id),
    processVersionId: uuid("process_version_id").references(() => processVersions.id),
    steps: jsonb("steps").notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    serviceMode: text("service_mode", { enum: SERVICE_MODES }).notNull().default("desk"),
    state: text("state", { enum: DOSSIER_STATES }).notNull(),
    stepIndex: integer("step_index"),
    resumeState: text("resume_state", { enum: DOSSIER_STATES }),
    decision: text("decision", { enum: ["approved", "rejected"] }),
    applicantUserId: uuid("applicant_user_id").references(() => users.id),
    applicantName: text("applicant_name").notNull(),
    /** The applicant block; its idNumber and phone are encrypted inside the JSON (kind, name readable). */
    applicant: encryptedJsonb<Record<string, unknown>>(
      "applicant",
      ["idNumber", "phone"],
      "dossiers.applicant",
    ).notNull(),
    /** HMAC (MOTCUA_INDEX_KEYS) of applicant.idNumber: the desk's search by ID number. */
    applicantIdBidx: text("applicant_id_bidx"),
    subject: text("subject"),
    documents: jsonb("documents").notNull(),
    sets: integer("sets").notNull().default(1),
    fees: jsonb("fees").notNull(),
    resultDelivery: text("result_delivery", { enum: ["desk", "postal", "online"] }).notNull(),
    /** Where the result is posted when result_delivery is 'postal' (personal data). */
    postalAddress: text("postal_address"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "string" }),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" }),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "string" }),
    promisedAt: timestamp("promised_at", { withTimezone: true, mode: "string" }),
    stepDueAt: timestamp("step_due_at", { withTimezone: true, mode: "string" }),
    pausedAt: timestamp("paused_at", { withTimezone: true, mode: "string" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "string" }),
    returnedAt: timestamp("returned_at", { withTimezone: true, mode: "string" }),
    returnMethod: text("return_method", { enum: ["in_person", "postal", "online"] }),
    timeliness: text("timeliness", { enum: ["early", "on_time", "late"] }),
    supplementCount: integer("supplement_count").notNull().default(0),
    apologyCount: integer("apology_count").notNull().default(0),
    assigneeId: uuid("assignee_id").references(() => users.id),
    /** The official who filed an online dossier on the applicant's behalf (assisted filing). */
    assistedBy: uuid("assisted_by").references(() => users.id),
    /**
     * The e-form revision the application was filled in, and the data (validated by its schema),
     * sealed whole: its fields may be anyone's ID or phone number (the parents' on a birth
     * registration). SQL sees `{"$enc": …}` only.
     */
    eformId: uuid("eform_id"),
    formData: sealedJsonb<Record<string, unknown>>("form_data", "dossiers.form_data"),
    /** The procedure's sector at reception, as the reports count it (reports/resolution.logic.ts). */
    reportSector: text("report_sector"),
    /** The day from which the reports count the dossier as overdue (null: not scheduled). */
    reportOverdueOn: date("report_overdue_on"),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("dossiers_code_key").on(t.code),
    uniqueIndex("dossiers_national_code_key").on(t.nationalCode),
    index("dossiers_unit_state_idx").on(t.unitId, t.state, t.dueAt),
    index("dossiers_handling_state_idx").on(t.handlingUnitId, t.state, t.dueAt),
    index("dossiers_applicant_idx").on(t.applicantUserId),
    index("dossiers_applicant_id_bidx_idx")
      .on(t.applicantIdBidx)
      .where(sql`${t.applicantIdBidx} is not null`),
    check("dossiers_sets_check", sql`${t.sets} between 1 and 100`),
    check("dossiers_supplement_once", sql`${t.supplementCount} between 0 and 1`),
    check("dossiers_apology_once", sql`${t.apologyCount} between 0 and 1`),
    check("dossiers_code_when_received", sql`(${t.code} is null) = (${t.receivedAt} is null)`),
  ],
);

/**
 * Insert-only history of a dossier: one row per transition, numbered without gaps.
 * Partitioned by year of `at` (Vietnam years; migration 0020, hand SQL: drizzle does not model
 * partitions), so a unique key must hold `at`: (dossier_id, seq) stays unique because one
 * dossier's events are written one at a time under its version check (dossiers.version).
 */
export const dossierEvents = pgTable(
  "dossier_events",
  {
    // A sequence, not an identity: PostgreSQL 15 has no identity columns on partitioned tables.
    id: bigint("id", { mode: "number" }).notNull().default(sql`nextval('dossier_event_ids')`),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id),
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorLabel: text("actor_label").notNull(),
    command: text("command").notNull(),
    fromState: text("from_state", { enum: DOSSIER_STATES }),
    toState: text("to_state", { enum: DOSSIER_STATES }).notNull(),
    stepIndex: integer("step_index"),
    stepName: text("step_name"),
    unitId: uuid("unit_id").references(() => orgUnits.id),
    agencyId: uuid("agency_id").references(() => agencies.id),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "string" }),
    stepDueAt: timestamp("step_due_at", { withTimezone: true, mode: "string" }),
    /** Timeliness of the step handed over by this event (control sheet). */
    stepResult: text("step_result", { enum: ["early", "on_time", "late"] }),
    note: text("note"),
    data: jsonb("data"),
  },
  (t) => [
    primaryKey({ name: "dossier_events_pkey", columns: [t.id, t.at] }),
    uniqueIndex("dossier_events_seq_key").on(t.dossierId, t.seq, t.at),
  ],
);

/** Daily sequence of dossier codes per receiving agency (prefix). */
export const dossierCodeCounters = pgTable(
  "dossier_code_counters",
  {
    prefix: text("prefix").notNull(),
    day: date("day").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.day] })],
);

/** A command's first result, replayed when the same key is sent again. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    response: jsonb("response"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Channels of the outbox: mail, SMS, and the messages pushed to the national public service portal. */
export const OUTBOX_CHANNELS = ["email", "sms", "national-portal"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** Side effects to perform after commit (mail, SMS, national portal), claimed by the outbox worker. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** No check constraint: a new channel (the national portal, issue #9) needs no migration. */
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    template: text("template").notNull(),
    locale: text("locale", { enum: ["vi", "en"] })
      .notNull()
      .default("vi"),
    recipient: text("recipient").notNull(),
    payload: jsonb("payload").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "string" }),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "string" }),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_key").on(t.dedupeKey),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

export const DOCUMENT_KINDS = ["submitted", "result", "digitized"] as const;

/**
 * A file attached to a dossier or kept in a citizen's document store. The bytes live in the
 * content-addressed blob store under `sha256` (one blob however many rows point at it). Rows
 * are never updated; results are never deleted: a corrected result is a new row.
 */
export const documents = pgTable(
  "documents",
  {
    id: id(),
    dossierId: uuid("dossier_id").references(() => dossiers.id),
    /** The citizen account whose document store holds it (the dossier's applicant account). */
    ownerUserId: uuid("owner_user_id").references(() => users.id),
    kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    /** The stored document this row re-uses (once-only: the same blob, no second upload). */
    reusedFrom: uuid("reused_from"),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    signed: boolean("signed").notNull().default(false),
    signature: jsonb("signature"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    index("documents_dossier_idx").on(t.dossierId, t.createdAt),
    index("documents_owner_idx").on(t.ownerUserId, t.createdAt),
    index("documents_sha256_idx").on(t.sha256),
    foreignKey({ columns: [t.reusedFrom], foreignColumns: [t.id] }),
    check("documents_kind_check", sql`${t.kind} in ('submitted','result','digitized')`),
    check("documents_size_check", sql`${t.size} > 0`),
    check("documents_sha256_check", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("documents_name_check", sql`length(btrim(${t.name})) between 1 and 255`),
    check("documents_signature_check", sql`${t.signed} = (${t.signature} is not null)`),
    check("documents_result_signed_check", sql`${t.kind} <> 'result' or ${t.signed}`),
    check("documents_attached_check", sql`${t.dossierId} is not null or ${t.ownerUserId} is not null`),
  ],
);
