// Tables of online fee payments (issue #9 part 2): one row per payment attempt through a gateway
// (VNPAY), its insert-only history of gateway messages, its refunds and the receipt numbers.
// Kept apart from schema.ts; drizzle-kit reads it.
//
// Invariants the database keeps:
// - a transaction reference (vnp_TxnRef) is unique: the gateway's callbacks find one payment;
// - at most one payment is `paid` (or partially refunded) for the same fee lines of a dossier;
// - the amount is positive and the refunded amount never exceeds it; the refunds that are not
//   failed never add up to more than the payment (trigger in the migration);
// - a received payment has a receipt number, unique per collecting unit and year;
// - payment_events is insert-only (every redirect, return, IPN, query, refund message).
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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
import { dossiers, orgUnits, users } from "./schema.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

export const PAYMENT_PROVIDERS = ["vnpay"] as const;
export const PAYMENT_STATUSES = [
  "pending",
  "paid",
  "failed",
  "expired",
  "refunded",
  "partially_refunded",
  /** Money received while another payment already covered the same fee lines: to refund. */
  "duplicate",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_EVENT_KINDS = [
  "redirect",
  "return",
  "ipn",
  "query",
  "refund_request",
  "refund_result",
  "expire",
] as const;
export type PaymentEventKind = (typeof PAYMENT_EVENT_KINDS)[number];

export const REFUND_STATUSES = ["pending", "succeeded", "failed"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** One payment attempt for a dossier's fee lines. */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid("dossier_id")
      .notNull()
      .references(() => dossiers.id),
    /** The unit that collects the fee (the dossier's receiving unit): scope and receipt numbers. */
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull(),
    /** Our reference sent to the gateway (vnp_TxnRef). */
    txnRef: text("txn_ref").notNull(),
    amountVnd: bigint("amount_vnd", { mode: "number" }).notNull(),
    /** The fee lines paid, as the dossier carried them when the payment started. */
    feeLines: jsonb("fee_lines").notNull(),
    /** SHA-256 of the canonical fee lines: one paid payment per dossier and key. */
    feeKey: text("fee_key").notNull(),
    orderInfo: text("order_info").notNull(),
    locale: text("locale", { enum: ["vi", "en"] }).notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("pending"),
    refundedVnd: bigint("refunded_vnd", { mode: "number" }).notNull().default(0),
    /** The gateway's transaction number (vnp_TransactionNo), bank and card type. */
    providerTxnNo: text("provider_txn_no"),
    bankCode: text("bank_code"),
    cardType: text("card_type"),
    /** The gateway's response and transaction status codes of the last outcome. */
    responseCode: text("response_code"),
    transactionStatus: text("transaction_status"),
    paidAt: ts("paid_at"),
    /** Biên lai: number per collecting unit and year (Vietnam time). */
    receiptYear: integer("receipt_year"),
    receiptNo: integer("receipt_no"),
    /** After this moment the gateway no longer accepts the payment (vnp_ExpireDate). */
    expiresAt: ts("expires_at").notNull(),
    /** When a query should next ask the gateway about a payment still pending. */
    nextQueryAt: ts("next_query_at"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_txn_ref_key").on(t.txnRef),
    uniqueIndex("payments_one_paid_key")
      .on(t.dossierId, t.feeKey)
      .where(sql`${t.status} in ('paid', 'partially_refunded')`),
    uniqueIndex("payments_receipt_key").on(t.unitId, t.receiptYear, t.receiptNo),
    index("payments_dossier_idx").on(t.dossierId, t.createdAt),
    index("payments_unit_created_idx").on(t.unitId, t.createdAt),
    index("payments_pending_query_idx").on(t.nextQueryAt).where(sql`${t.status} = 'pending'`),
    check("payments_amount_check", sql`${t.amountVnd} > 0`),
    check("payments_refunded_check", sql`${t.refundedVnd} between 0 and ${t.amountVnd}`),
    check("payments_txn_ref_check", sql`${t.txnRef} ~ '^[A-Za-z0-9_-]{1,100}$'`),
    check(
      "payments_receipt_when_received",
      sql`(${t.receiptNo} is null) = (${t.receiptYear} is null) and (${t.status} not in ('paid', 'partially_refunded', 'refunded', 'duplicate') or (${t.receiptNo} is not null and ${t.paidAt} is not null))`,
    ),
    check(
      "payments_refund_status_check",
      sql`(${t.status} = 'refunded') = (${t.refundedVnd} = ${t.amountVnd}) and (${t.status} = 'partially_refunded') = (${t.refundedVnd} > 0 and ${t.refundedVnd} < ${t.amountVnd}) or ${t.status} = 'duplicate'`,
    ),
  ],
);

/** Insert-only history of every message exchanged with the gateway about a payment. */
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null when the message named no payment we know (an IPN for an unknown order). */
    paymentId: uuid("payment_id").references(() => payments.id),
    txnRef: text("txn_ref"),
    kind: text("kind", { enum: PAYMENT_EVENT_KINDS }).notNull(),
    /** Whether the message's signature was valid (null when nothing was signed). */
    signatureValid: boolean("signature_valid"),
    /** Our outcome: the answer code (IPN RspCode) or the gateway's response code. */
    outcome: text("outcome"),
    /** Status of the payment after the event. */
    statusAfter: text("status_after", { enum: PAYMENT_STATUSES }),
    /** The raw parameters, never the hash secret (the signature itself is kept). */
    params: jsonb("params").notNull(),
    note: text("note"),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    index("payment_events_payment_idx").on(t.paymentId, t.id),
    index("payment_events_txn_ref_idx").on(t.txnRef),
  ],
);

/** Refund requests sent to the gateway (vnp_RequestId unique); their messages are events. */
export const paymentRefunds = pgTable(
  "payment_refunds",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id),
    /** vnp_RequestId: unique per request; a retry of the same refund reuses it. */
    requestId: text("request_id").notNull(),
    amountVnd: bigint("amount_vnd", { mode: "number" }).notNull(),
    /** 02: full refund, 03: partial (vnp_TransactionType). */
    transactionType: text("transaction_type", { enum: ["02", "03"] }).notNull(),
    reason: text("reason").notNull(),
    status: text("status", { enum: REFUND_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    responseCode: text("response_code"),
    providerTxnNo: text("provider_txn_no"),
    lastError: text("last_error"),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    completedAt: ts("completed_at"),
  },
  (t) => [
    uniqueIndex("payment_refunds_request_key").on(t.requestId),
    index("payment_refunds_payment_idx").on(t.paymentId),
    index("payment_refunds_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check("payment_refunds_amount_check", sql`${t.amountVnd} > 0`),
    check("payment_refunds_reason_check", sql`length(btrim(${t.reason})) between 1 and 500`),
    check("payment_refunds_request_id_check", sql`${t.requestId} ~ '^[A-Za-z0-9_-]{1,32}$'`),
  ],
);

/** Last receipt number per collecting unit and year. */
export const paymentReceiptCounters = pgTable(
  "payment_receipt_counters",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);
