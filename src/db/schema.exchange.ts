// Tables of the exchanges with other systems and of the state processes share (issue #9).
// Kept apart from schema.ts; drizzle-kit reads it.
//
// - national_portal_inbox: every message taken from the national public service portal
//   (Cổng Dịch vụ công quốc gia), once: its message id is unique, and a replay of the same id
//   with other content is refused and logged, never applied. The dossier it created carries the
//   portal's code in dossiers.national_code (unique), so a dossier is created at most once even
//   when the portal sends it again under a new message id.
// - integration_state: small named values an integration keeps between runs (the pull cursor).
// - rate_limit_hits: the request counters of the rate limits, shared by every app process
//   (fixed windows; unlogged: a crash may forget a minute of counts, never a dossier).
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sealedJsonb } from "./encrypted.ts";
import { dossiers } from "./schema.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

export const NATIONAL_MESSAGE_KINDS = ["dossier", "supplement", "withdrawal"] as const;

/** Messages received from the national portal (insert-only; one row per message id). */
export const nationalPortalInbox = pgTable(
  "national_portal_inbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** The portal's id of the message: the idempotency key of the exchange. */
    messageId: text("message_id").notNull(),
    /** The portal's dossier code (mã hồ sơ trên Cổng DVCQG). */
    nationalCode: text("national_code").notNull(),
    kind: text("kind", { enum: NATIONAL_MESSAGE_KINDS }).notNull(),
    /** SHA-256 of the canonical message: a replay under the same id must match it. */
    payloadSha256: text("payload_sha256").notNull(),
    /** The message as received, sealed whole (it holds the applicant's ID and phone numbers). */
    payload: sealedJsonb<unknown>("payload", "national_portal_inbox.payload").notNull(),
    status: text("status", { enum: ["accepted", "rejected"] }).notNull(),
    dossierId: uuid("dossier_id").references(() => dossiers.id),
    /** Why it was rejected (problem with field errors), for the log and the portal. */
    error: jsonb("error"),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("national_portal_inbox_message_key").on(t.messageId),
    index("national_portal_inbox_code_idx").on(t.nationalCode),
    check("national_portal_inbox_message_id_check", sql`length(${t.messageId}) between 1 and 200`),
    check(
      "national_portal_inbox_accepted_has_dossier",
      sql`${t.status} <> 'accepted' or ${t.dossierId} is not null`,
    ),
  ],
);

/** Small named values an integration keeps between runs. */
export const integrationState = pgTable("integration_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Rate-limit counters shared by every process: hits of one key in one fixed window. */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    key: text("key").notNull(),
    windowStart: ts("window_start").notNull(),
    hits: integer("hits").notNull(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.windowStart] }),
    index("rate_limit_hits_expires_idx").on(t.expiresAt),
  ],
);
