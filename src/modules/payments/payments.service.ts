// Online fee payments (issue #9 part 2). Every staff or applicant method authorizes first against
// the dossier or the collecting unit loaded from the database. Only the gateway's IPN or a query
// of the gateway changes a payment's status; the browser's return is shown, logged, never trusted.
// Calls to the gateway's API never run inside a database transaction: a refund is a row written by
// the command, sent by the worker after commit and applied once by a conditional update.
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../../config.ts";
import type { Db, Executor } from "../../db/client.ts";
import {
  type PaymentEventKind,
  type PaymentStatus,
  paymentEvents,
  paymentReceiptCounters,
  paymentRefunds,
  payments,
} from "../../db/schema.payments.ts";
import { dossiers } from "../../db/schema.ts";
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { DomainError, Errors } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import * as dossierRepo from "../dossiers/dossier.repository.ts";
import { accessTo } from "../dossiers/dossier.service.ts";
import { findUnit, unitPath } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import {
  type GatewayLocale,
  GatewayUnavailable,
  type IpnAnswer,
  type PaymentGateway,
  type PaymentOutcome,
} from "./payment.gateway.ts";
import {
  daysBetween,
  feeKeyOf,
  newRequestId,
  newTxnRef,
  payableLines,
  RECEIVED,
  REFUNDABLE,
  receiptCode,
  reconcile,
  refundPlan,
  statusAfterRefund,
  totalOf,
} from "./payments.logic.ts";
import type { PaymentDetail, PaymentOut, ReconOut } from "./payments.schemas.ts";
import { createVnpayGateway, IPN } from "./vnpay.ts";

type PaymentRow = typeof payments.$inferSelect;
type Log = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

const PAYMENT = { vi: "Khoản thanh toán", en: "Payment" };
const DOSSIER = { vi: "Hồ sơ", en: "Dossier" };
/** Dossiers that can no longer take a payment. */
const CLOSED_STATES = new Set(["draft", "withdrawn", "refused", "stopped"]);
/** The return page of the web app (portal): the gateway sends the browser there. */
export const RETURN_PATH = "/thanh-toan/ket-qua";
const RETRY_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// The gateway of a configuration

const gateways = new WeakMap<object, PaymentGateway>();

/** The configured gateway, or a clear 409 when payments are off. */
export function gatewayOf(config: Config): PaymentGateway {
  const vnpay = config.payments.vnpay;
  if (!vnpay)
    throw new DomainError("payments.disabled", 409, {
      vi: "Thanh toán trực tuyến chưa được bật (chưa cấu hình cổng thanh toán VNPAY).",
      en: "Online payment is off (the VNPAY gateway is not configured).",
    });
  let g = gateways.get(vnpay);
  if (!g) {
    g = createVnpayGateway({ ...vnpay, timeoutMs: config.payments.apiTimeoutMs });
    gateways.set(vnpay, g);
  }
  return g;
}

const unavailable = () =>
  new DomainError("payments.gateway_unavailable", 503, {
    vi: "Cổng thanh toán không phản hồi. Vui lòng thử lại sau.",
    en: "The payment gateway does not answer. Try again later.",
  });

// ---------------------------------------------------------------------------------------------
// Presenting

async function dossierCodeOf(tx: Executor, dossierId: string): Promise<string | null> {
  const rows = await tx.select({ code: dossiers.code }).from(dossiers).where(eq(dossiers.id, dossierId));
  return rows[0]?.code ?? null;
}

function present(p: PaymentRow, dossierCode: string | null): PaymentOut {
  return {
    id: p.id,
    dossierId: p.dossierId,
    dossierCode,
    unitId: p.unitId,
    provider: p.provider,
    txnRef: p.txnRef,
    amountVnd: p.amountVnd,
    feeLines: p.feeLines as PaymentOut["feeLines"],
    status: p.status,
    refundedVnd: p.refundedVnd,
    providerTxnNo: p.providerTxnNo,
    bankCode: p.bankCode,
    responseCode: p.responseCode,
    paidAt: p.paidAt ? new Date(p.paidAt).toISOString() : null,
    receiptCode: p.receiptNo && p.receiptYear ? receiptCode(p.receiptNo, p.receiptYear) : null,
    expiresAt: new Date(p.expiresAt).toISOString(),
    createdAt: new Date(p.createdAt).toISOString(),
  };
}

/** The event a worker writes about a locked payment: its outcome, the status after, what was sent or read. */
const workerEvent =
  (
    tx: Executor,
    cur: { id: string; txnRef: string },
    kind: PaymentEventKind,
    base: Record<string, unknown> = {},
  ) =>
  (outcome: string, statusAfter: PaymentStatus, params: Record<string, unknown>, note?: string) =>
    insertEvent(tx, {
      paymentId: cur.id,
      txnRef: cur.txnRef,
      kind,
      outcome,
      statusAfter,
      params: { ...base, ...params },
      note,
    });

async function insertEvent(
  tx: Executor,
  e: {
    paymentId: string | null;
    txnRef: string | null;
    kind: PaymentEventKind;
    signatureValid?: boolean | null;
    outcome?: string | null;
    statusAfter?: PaymentStatus | null;
    params: Record<string, unknown>;
    note?: string | null;
    actorUserId?: string | null;
  },
) {
  await tx.insert(paymentEvents).values({
    paymentId: e.paymentId,
    txnRef: e.txnRef,
    kind: e.kind,
    signatureValid: e.signatureValid ?? null,
    outcome: e.outcome ?? null,
    statusAfter: e.statusAfter ?? null,
    params: e.params,
    note: e.note ?? null,
    actorUserId: e.actorUserId ?? null,
  });
}

// ---------------------------------------------------------------------------------------------
// Access

type Access = { owner: boolean; staff: boolean; canRefund: boolean };

/** What the actor may do with a payment: the dossier's applicant or its units' staff; 404 otherwise. */
async function paymentAccess(ctx: Ctx, p: PaymentRow): Promise<Access> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const d = await dossierRepo.findDossier(ctx.tx, p.dossierId);
  if (!d) throw Errors.notFound(PAYMENT);
  const path = await unitPath(ctx.tx, p.unitId);
  const unitRead = can(ctx.actor, "payment.read", path);
  let dossierAccess: Awaited<ReturnType<typeof accessTo>> | null = null;
  try {
    dossierAccess = await accessTo(ctx, d);
  } catch (err) {
    if (!unitRead) throw err instanceof DomainError && err.status === 404 ? Errors.notFound(PAYMENT) : err;
  }
  const owner = dossierAccess?.owner ?? false;
  ctx.audit.unitId = p.unitId;
  ctx.audit.target = p.id;
  return {
    owner,
    staff: unitRead || (dossierAccess?.abilities.has("dossier.read") ?? false),
    canRefund: can(ctx.actor, "payment.refund", path),
  };
}

async function loadPayment(ctx: Ctx, id: string, lock = false) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const q = ctx.tx.select().from(payments).where(eq(payments.id, id));
  const rows = lock ? await q.for("update") : await q;
  const p = rows[0];
  if (!p) throw Errors.notFound(PAYMENT);
  return { p, access: await paymentAccess(ctx, p) };
}

// ---------------------------------------------------------------------------------------------
// Start a payment

export async function startPayment(
  ctx: Ctx,
  input: { dossierId: string; locale: GatewayLocale; bankCode?: string },
  ipAddr: string,
  now = new Date(),
): Promise<{ payment: PaymentOut; redirectUrl: string }> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const d = await dossierRepo.findDossier(ctx.tx, input.dossierId);
  if (!d) throw Errors.notFound(DOSSIER);
  const access = await accessTo(ctx, d);
  ctx.audit.unitId = d.unitId;
  ctx.audit.target = d.id;
  if (!access.owner && !access.abilities.has("dossier.receive")) throw Errors.forbidden();
  const gateway = gatewayOf(ctx.config);
  if (CLOSED_STATES.has(d.state))
    throw Errors.conflict("payments.dossier_closed", {
      vi: "Hồ sơ ở trạng thái này không thể nộp phí, lệ phí.",
      en: "Fees cannot be paid for a dossier in this state.",
    });
  const lines = payableLines(d.fees);
  const amountVnd = totalOf(lines);
  if (amountVnd <= 0)
    throw Errors.conflict("payments.no_fees", {
      vi: "Hồ sơ này không có phí, lệ phí phải nộp.",
      en: "This dossier has no fees to pay.",
    });
  const feeKey = feeKeyOf(lines);
  const paid = await ctx.tx
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.dossierId, d.id),
        eq(payments.feeKey, feeKey),
        inArray(payments.status, ["paid", "partially_refunded"]),
      ),
    );
  if (paid.length > 0)
    throw Errors.conflict("payments.already_paid", {
      vi: "Phí, lệ phí của hồ sơ này đã được thanh toán.",
      en: "The fees of this dossier have already been paid.",
    });
  const expiresAt = new Date(now.getTime() + ctx.config.payments.expireMinutes * 60_000);
  const txnRef = newTxnRef(now);
  const orderInfo = `Thanh toan phi, le phi ho so ${d.code ?? txnRef}`;
  const [p] = await ctx.tx
    .insert(payments)
    .values({
      dossierId: d.id,
      unitId: d.unitId,
      provider: gateway.provider,
      txnRef,
      amountVnd,
      feeLines: lines,
      feeKey,
      orderInfo,
      locale: input.locale,
      expiresAt: expiresAt.toISOString(),
      // Asked about once after it expires, in case neither the IPN nor the payer came back.
      nextQueryAt: new Date(expiresAt.getTime() + RETRY_MS).toISOString(),
      createdBy: ctx.actor.userId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    })
    .returning();
  const redirectUrl = gateway.paymentUrl({
    txnRef,
    amountVnd,
    orderInfo,
    locale: input.locale,
    returnUrl: `${ctx.config.publicUrl}${RETURN_PATH}`,
    ipAddr,
    createdAt: now,
    expiresAt,
    bankCode: input.bankCode,
  });
  await insertEvent(ctx.tx, {
    paymentId: p!.id,
    txnRef,
    kind: "redirect",
    statusAfter: "pending",
    params: Object.fromEntries(new URL(redirectUrl).searchParams),
    actorUserId: ctx.actor.userId,
  });
  ctx.audit.details = { payment: p!.id, txnRef, amountVnd };
  return { payment: present(p!, d.code), redirectUrl };
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function getPayment(ctx: Ctx, id: string): Promise<PaymentDetail> {
  const { p, access } = await loadPayment(ctx, id);
  const [events, refunds] = await Promise.all([
    access.staff
      ? ctx.tx
          .select()
          .from(paymentEvents)
          .where(eq(paymentEvents.paymentId, p.id))
          .orderBy(asc(paymentEvents.id))
      : Promise.resolve([]),
    ctx.tx
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.paymentId, p.id))
      .orderBy(asc(paymentRefunds.requestedAt)),
  ]);
  return {
    ...present(p, await dossierCodeOf(ctx.tx, p.dossierId)),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      signatureValid: e.signatureValid,
      outcome: e.outcome,
      statusAfter: e.statusAfter,
      note: e.note,
      at: new Date(e.at).toISOString(),
    })),
    refunds: refunds.map((r) => ({
      id: r.id,
      requestId: r.requestId,
      amountVnd: r.amountVnd,
      full: r.transactionType === "02",
      reason: access.staff ? r.reason : "",
      status: r.status,
      attempts: r.attempts,
      responseCode: r.responseCode,
      requestedBy: access.staff ? r.requestedBy : null,
      requestedAt: new Date(r.requestedAt).toISOString(),
      completedAt: r.completedAt ? new Date(r.completedAt).toISOString() : null,
    })),
    canRefund: access.canRefund && REFUNDABLE.includes(p.status),
  };
}

export async function listPayments(
  ctx: Ctx,
  q: {
    dossierId?: string;
    unitId?: string;
    from?: string;
    to?: string;
    status?: PaymentStatus;
    limit: number;
  },
): Promise<{ items: PaymentOut[]; total: number }> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const where = [];
  if (q.dossierId) {
    const d = await dossierRepo.findDossier(ctx.tx, q.dossierId);
    if (!d) throw Errors.notFound(DOSSIER);
    await accessTo(ctx, d);
    where.push(eq(payments.dossierId, d.id));
  } else {
    await authorizeUnit(ctx, q.unitId!, "payment.read");
    where.push(eq(payments.unitId, q.unitId!));
  }
  if (q.status) where.push(eq(payments.status, q.status));
  if (q.from) where.push(gte(payments.createdAt, `${q.from}T00:00:00+07:00`));
  if (q.to)
    where.push(lt(payments.createdAt, sql`(${q.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`));
  const rows = await ctx.tx
    .select({ p: payments, code: dossiers.code })
    .from(payments)
    .innerJoin(dossiers, eq(dossiers.id, payments.dossierId))
    .where(and(...where))
    .orderBy(desc(payments.createdAt))
    .limit(q.limit);
  const [count] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(payments)
    .where(and(...where));
  return { items: rows.map((r) => present(r.p, r.code)), total: count?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Applying the gateway's outcome (IPN or query), in the caller's transaction

async function nextReceiptNo(tx: Executor, unitId: string, year: number): Promise<number> {
  const rows = await tx
    .insert(paymentReceiptCounters)
    .values({ unitId, year, last: 1 })
    .onConflictDoUpdate({
      target: [paymentReceiptCounters.unitId, paymentReceiptCounters.year],
      set: { last: sql`${paymentReceiptCounters.last} + 1` },
    })
    .returning({ last: paymentReceiptCounters.last });
  return rows[0]!.last;
}

/** Applies a verified outcome to a payment locked by the caller; returns its new status. */
async function applyOutcome(
  tx: Executor,
  p: PaymentRow,
  o: PaymentOutcome,
  now: Date,
): Promise<PaymentStatus> {
  const common = {
    providerTxnNo: o.providerTxnNo,
    bankCode: o.bankCode,
    cardType: o.cardType,
    responseCode: o.responseCode,
    transactionStatus: o.transactionStatus,
    nextQueryAt: null,
    updatedAt: now.toISOString(),
  };
  if (!o.success) {
    await tx
      .update(payments)
      .set({ ...common, status: "failed" })
      .where(eq(payments.id, p.id));
    return "failed";
  }
  // Money received while another payment already covers the same fees: kept, marked to refund.
  const other = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.dossierId, p.dossierId),
        eq(payments.feeKey, p.feeKey),
        inArray(payments.status, ["paid", "partially_refunded"]),
        sql`${payments.id} <> ${p.id}`,
      ),
    )
    .for("update");
  const status: PaymentStatus = other.length > 0 ? "duplicate" : "paid";
  const paidAt = o.paidAt ?? now;
  const year = Number(vietnamDate(paidAt).slice(0, 4));
  const receiptNo = await nextReceiptNo(tx, p.unitId, year);
  await tx
    .update(payments)
    .set({ ...common, status, paidAt: paidAt.toISOString(), receiptYear: year, receiptNo })
    .where(eq(payments.id, p.id));
  return status;
}

/** The IPN call: verify, find, check the amount, apply once. Always answers VNPAY's JSON. */
export async function handleIpn(
  db: Db,
  config: Config,
  query: Record<string, unknown>,
  log: Log,
): Promise<IpnAnswer> {
  let gateway: PaymentGateway;
  try {
    gateway = gatewayOf(config);
  } catch {
    log.error("payments: IPN received while payments are off");
    return IPN.other;
  }
  const v = gateway.verifyCallback(query);
  if (!v.valid) {
    log.error(
      { txnRef: v.params.vnp_TxnRef, reason: v.reason },
      "payments: IPN with an invalid signature refused",
    );
    await insertEvent(db, {
      paymentId: null,
      txnRef: v.params.vnp_TxnRef ?? null,
      kind: "ipn",
      signatureValid: false,
      outcome: IPN.badSignature.RspCode,
      params: v.params,
      note: v.reason,
    });
    return IPN.badSignature;
  }
  const o = v.outcome;
  try {
    return await db.transaction(async (tx) => {
      const [p] = await tx.select().from(payments).where(eq(payments.txnRef, o.txnRef)).for("update");
      const event = (answer: IpnAnswer, statusAfter: PaymentStatus | null, note?: string) =>
        insertEvent(tx, {
          paymentId: p?.id ?? null,
          txnRef: o.txnRef,
          kind: "ipn",
          signatureValid: true,
          outcome: answer.RspCode,
          statusAfter,
          params: v.params,
          note,
        });
      if (!p) {
        log.warn({ txnRef: o.txnRef }, "payments: IPN for an unknown order");
        await event(IPN.notFound, null);
        return IPN.notFound;
      }
      if (o.amountVnd !== p.amountVnd) {
        log.error(
          { txnRef: o.txnRef, expected: p.amountVnd, got: o.amountVnd },
          "payments: IPN amount does not match the payment; refused",
        );
        await event(IPN.invalidAmount, p.status, `amount ${o.amountVnd} ≠ ${p.amountVnd}`);
        return IPN.invalidAmount;
      }
      // An expiry is our own judgement: money the gateway confirms afterwards is still received.
      if (p.status !== "pending" && !(p.status === "expired" && o.success)) {
        log.info({ txnRef: o.txnRef, status: p.status }, "payments: IPN replayed; already confirmed");
        await event(IPN.alreadyConfirmed, p.status);
        return IPN.alreadyConfirmed;
      }
      const status = await applyOutcome(tx, p, o, new Date());
      if (status === "duplicate")
        log.error(
          { txnRef: o.txnRef, dossierId: p.dossierId },
          "payments: fees paid twice; this payment is to refund",
        );
      else log.info({ txnRef: o.txnRef, status }, "payments: IPN applied");
      await event(IPN.confirmed, status);
      return IPN.confirmed;
    });
  } catch (err) {
    log.error({ err, txnRef: o.txnRef }, "payments: IPN could not be applied");
    return IPN.other;
  }
}

/**
 * The browser's return: verified and logged, never applied. A payment still pending is queried
 * soon, in case its IPN never comes.
 */
export async function handleReturn(db: Db, config: Config, query: Record<string, unknown>, log: Log) {
  const gateway = gatewayOf(config);
  const v = gateway.verifyCallback(query);
  if (!v.valid)
    log.warn({ txnRef: v.params.vnp_TxnRef, reason: v.reason }, "payments: return with an invalid signature");
  const txnRef = v.params.vnp_TxnRef ?? null;
  return db.transaction(async (tx) => {
    const [p] = v.valid
      ? await tx
          .select()
          .from(payments)
          .where(eq(payments.txnRef, txnRef ?? ""))
      : [];
    await insertEvent(tx, {
      paymentId: p?.id ?? null,
      txnRef,
      kind: "return",
      signatureValid: v.valid,
      outcome: v.params.vnp_ResponseCode ?? null,
      statusAfter: p?.status ?? null,
      params: v.params,
      note: v.valid ? null : v.reason,
    });
    if (p?.status === "pending") {
      const soon = new Date(Date.now() + 15_000).toISOString();
      await tx
        .update(payments)
        .set({ nextQueryAt: sql`least(${payments.nextQueryAt}, ${soon}::timestamptz)` })
        .where(eq(payments.id, p.id));
    }
    return {
      valid: v.valid,
      paymentId: p?.id ?? null,
      dossierId: p?.dossierId ?? null,
      txnRef,
      gatewaySuccess: v.valid && v.outcome.success,
      responseCode: v.valid ? v.outcome.responseCode : null,
      status: p?.status ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Worker: queries of pending payments and the refunds to send

export type WorkerDeps = { db: Db; config: Config; log: Log };

/** Asks the gateway about the pending payments that are due (lost IPN, expiry). */
export async function runDueQueries(deps: WorkerDeps, now = new Date()): Promise<number> {
  const { db, config, log } = deps;
  if (!config.payments.vnpay) return 0;
  const gateway = gatewayOf(config);
  const due = await db
    .select()
    .from(payments)
    .where(and(eq(payments.status, "pending"), lte(payments.nextQueryAt, now.toISOString())))
    .orderBy(asc(payments.nextQueryAt))
    .limit(20);
  let done = 0;
  for (const p of due) {
    // Claimed by moving the next query forward: another process skips it meanwhile.
    const claimed = await db
      .update(payments)
      .set({ nextQueryAt: new Date(now.getTime() + RETRY_MS).toISOString() })
      .where(
        and(
          eq(payments.id, p.id),
          eq(payments.status, "pending"),
          lte(payments.nextQueryAt, now.toISOString()),
        ),
      )
      .returning({ id: payments.id });
    if (claimed.length === 0) continue;
    const requestId = newRequestId("Q");
    let result: Awaited<ReturnType<PaymentGateway["query"]>> | null = null;
    let failure: string | null = null;
    try {
      result = await gateway.query({
        txnRef: p.txnRef,
        createdAt: new Date(p.createdAt),
        requestId,
        ipAddr: "127.0.0.1",
        now,
      });
    } catch (err) {
      if (!(err instanceof GatewayUnavailable)) throw err;
      failure = err.message;
      log.warn({ txnRef: p.txnRef, err: err.message }, "payments: query failed; retried later");
    }
    await db.transaction(async (tx) => {
      const [cur] = await tx.select().from(payments).where(eq(payments.id, p.id)).for("update");
      if (!cur) return;
      const event = workerEvent(tx, cur, "query");
      if (!result)
        return event("unavailable", cur.status, { vnp_RequestId: requestId }, failure ?? undefined);
      if (cur.status !== "pending") return event("skipped", cur.status, result.raw, "already settled");
      const expired = now.getTime() > new Date(cur.expiresAt).getTime();
      if (result.found && !result.outcome.inProgress) {
        if (result.outcome.amountVnd !== cur.amountVnd) {
          log.error(
            { txnRef: cur.txnRef, got: result.outcome.amountVnd },
            "payments: query amount does not match",
          );
          await tx.update(payments).set({ nextQueryAt: null }).where(eq(payments.id, cur.id));
          return event("04", cur.status, result.raw, "amount does not match: to check by hand");
        }
        const status = await applyOutcome(tx, cur, result.outcome, now);
        done++;
        return event(result.outcome.responseCode, status, result.raw);
      }
      if (expired) {
        await tx
          .update(payments)
          .set({ status: "expired", nextQueryAt: null, updatedAt: now.toISOString() })
          .where(eq(payments.id, cur.id));
        done++;
        return event(result.found ? "01" : result.responseCode, "expired", result.raw);
      }
      return event(result.found ? "01" : result.responseCode, cur.status, result.raw, "not finished yet");
    });
  }
  return done;
}

/** Sends the refunds that are due; a refund the gateway confirms is applied exactly once. */
export async function runDueRefunds(deps: WorkerDeps, now = new Date()): Promise<number> {
  const { db, config, log } = deps;
  if (!config.payments.vnpay) return 0;
  const gateway = gatewayOf(config);
  const due = await db
    .select({ r: paymentRefunds, p: payments })
    .from(paymentRefunds)
    .innerJoin(payments, eq(payments.id, paymentRefunds.paymentId))
    .where(and(eq(paymentRefunds.status, "pending"), lte(paymentRefunds.nextAttemptAt, now.toISOString())))
    .orderBy(asc(paymentRefunds.requestedAt))
    .limit(10);
  let done = 0;
  for (const { r, p } of due) {
    const backoff = Math.min(3_600_000, RETRY_MS * 2 ** Math.min(r.attempts, 6));
    const claimed = await db
      .update(paymentRefunds)
      .set({
        attempts: sql`${paymentRefunds.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + backoff).toISOString(),
      })
      .where(
        and(
          eq(paymentRefunds.id, r.id),
          eq(paymentRefunds.status, "pending"),
          lte(paymentRefunds.nextAttemptAt, now.toISOString()),
        ),
      )
      .returning({ id: paymentRefunds.id });
    if (claimed.length === 0) continue;
    let result: Awaited<ReturnType<PaymentGateway["refund"]>> | null = null;
    let failure: string | null = null;
    try {
      // The same vnp_RequestId on every attempt: a retry is the same request, never a second refund.
      result = await gateway.refund({
        requestId: r.requestId,
        txnRef: p.txnRef,
        amountVnd: r.amountVnd,
        full: r.transactionType === "02",
        providerTxnNo: p.providerTxnNo,
        transactionDate: new Date(p.createdAt),
        createdBy: r.requestedBy,
        ipAddr: "127.0.0.1",
        orderInfo: `Hoan tien ${p.txnRef}`,
        now,
      });
    } catch (err) {
      if (!(err instanceof GatewayUnavailable)) throw err;
      failure = err.message;
      log.warn(
        { txnRef: p.txnRef, requestId: r.requestId, err: err.message },
        "payments: refund not confirmed; retried later",
      );
    }
    await db.transaction(async (tx) => {
      const [cur] = await tx.select().from(payments).where(eq(payments.id, p.id)).for("update");
      if (!cur) return;
      const event = workerEvent(tx, cur, "refund_result", { vnp_RequestId: r.requestId });
      if (!result) {
        await tx.update(paymentRefunds).set({ lastError: failure }).where(eq(paymentRefunds.id, r.id));
        return event("unavailable", cur.status, {}, failure ?? undefined);
      }
      const settled = await tx
        .update(paymentRefunds)
        .set({
          status: result.ok ? "succeeded" : "failed",
          responseCode: result.responseCode,
          providerTxnNo: result.providerTxnNo,
          lastError: result.ok ? null : result.message,
          nextAttemptAt: null,
          completedAt: now.toISOString(),
        })
        .where(and(eq(paymentRefunds.id, r.id), eq(paymentRefunds.status, "pending")))
        .returning({ id: paymentRefunds.id });
      if (settled.length === 0) return event(result.responseCode, cur.status, result.raw, "already settled");
      if (!result.ok) {
        log.error(
          { txnRef: cur.txnRef, code: result.responseCode },
          "payments: the gateway refused a refund",
        );
        return event(result.responseCode, cur.status, result.raw);
      }
      const refunded = cur.refundedVnd + r.amountVnd;
      const status = statusAfterRefund(cur.status, cur.amountVnd, refunded);
      await tx
        .update(payments)
        .set({ refundedVnd: refunded, status, updatedAt: now.toISOString() })
        .where(eq(payments.id, cur.id));
      done++;
      log.info({ txnRef: cur.txnRef, amountVnd: r.amountVnd, status }, "payments: refund applied");
      return event(result.responseCode, status, result.raw);
    });
  }
  return done;
}

/** Runs both on an interval (server.ts); `kick` runs them at once (after a refund request). */
export function createPaymentsWorker(deps: WorkerDeps & { pollMs: number }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return running;
    running = (async () => {
      try {
        await runDueRefunds(deps);
        await runDueQueries(deps);
      } catch (err) {
        deps.log.error({ err }, "payments: worker run failed");
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return {
    start() {
      if (deps.pollMs > 0) timer = setInterval(() => void tick(), deps.pollMs);
    },
    kick: tick,
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Refunds

export async function requestRefund(
  ctx: Ctx,
  id: string,
  input: { amountVnd?: number; reason: string },
  now = new Date(),
) {
  const { p, access } = await loadPayment(ctx, id, true);
  if (!access.staff) throw Errors.notFound(PAYMENT);
  if (!access.canRefund) throw Errors.forbidden();
  gatewayOf(ctx.config);
  if (!REFUNDABLE.includes(p.status))
    throw Errors.conflict("payments.not_refundable", {
      vi: "Khoản thanh toán này không ở trạng thái có thể hoàn tiền.",
      en: "This payment cannot be refunded in its current status.",
    });
  const [pending] = await ctx.tx
    .select({ sum: sql<number>`coalesce(sum(${paymentRefunds.amountVnd}), 0)::bigint` })
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.paymentId, p.id), eq(paymentRefunds.status, "pending")));
  const plan = refundPlan(
    { amountVnd: p.amountVnd, refundedVnd: p.refundedVnd, pendingVnd: Number(pending?.sum ?? 0) },
    input.amountVnd,
  );
  if (!plan.ok)
    throw Errors.invalidField("amountVnd", "refund_amount", {
      vi: `Số tiền hoàn phải từ 1 đến ${plan.remaining} đồng (phần chưa hoàn của khoản đã nộp).`,
      en: `The refund must be between 1 and ${plan.remaining} VND (what was paid and not refunded yet).`,
    });
  const [r] = await ctx.tx
    .insert(paymentRefunds)
    .values({
      paymentId: p.id,
      requestId: newRequestId("R"),
      amountVnd: plan.amountVnd,
      transactionType: plan.full ? "02" : "03",
      reason: input.reason,
      requestedBy: ctx.actor!.userId,
      requestedAt: now.toISOString(),
      nextAttemptAt: now.toISOString(),
    })
    .returning();
  await insertEvent(ctx.tx, {
    paymentId: p.id,
    txnRef: p.txnRef,
    kind: "refund_request",
    outcome: "pending",
    statusAfter: p.status,
    params: { vnp_RequestId: r!.requestId, amountVnd: r!.amountVnd, transactionType: r!.transactionType },
    note: input.reason,
    actorUserId: ctx.actor!.userId,
  });
  ctx.audit.details = { refund: r!.id, amountVnd: r!.amountVnd };
  return {
    id: r!.id,
    requestId: r!.requestId,
    amountVnd: r!.amountVnd,
    full: plan.full,
    reason: r!.reason,
    status: r!.status,
    attempts: r!.attempts,
    responseCode: r!.responseCode,
    requestedBy: r!.requestedBy,
    requestedAt: new Date(r!.requestedAt).toISOString(),
    completedAt: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Receipt

export type PaymentReceiptData = {
  unitName: string;
  receiptCode: string;
  payerName: string;
  dossierCode: string | null;
  procedureName: string | null;
  lines: { name: string; amountVnd: number }[];
  amountVnd: number;
  refundedVnd: number;
  paidAt: string;
  provider: string;
  txnRef: string;
  providerTxnNo: string | null;
  bankCode: string | null;
};

export async function receiptData(ctx: Ctx, id: string): Promise<PaymentReceiptData> {
  const { p } = await loadPayment(ctx, id);
  if (!RECEIVED.includes(p.status) || !p.receiptNo || !p.receiptYear || !p.paidAt)
    throw Errors.conflict("payments.no_receipt", {
      vi: "Chỉ khoản đã thanh toán mới có biên lai.",
      en: "Only a paid payment has a receipt.",
    });
  const d = await dossierRepo.findDossier(ctx.tx, p.dossierId);
  const names = d ? await dossierRepo.names(ctx.tx, d) : null;
  const unit = names ? null : await findUnit(ctx.tx, p.unitId);
  return {
    unitName: names?.unit_name ?? unit?.name ?? "",
    receiptCode: receiptCode(p.receiptNo, p.receiptYear),
    payerName: d?.applicantName ?? "",
    dossierCode: d?.code ?? null,
    procedureName: names?.procedure_name ?? null,
    lines: p.feeLines as PaymentReceiptData["lines"],
    amountVnd: p.amountVnd,
    refundedVnd: p.refundedVnd,
    paidAt: new Date(p.paidAt).toISOString(),
    provider: "VNPAY",
    txnRef: p.txnRef,
    providerTxnNo: p.providerTxnNo,
    bankCode: p.bankCode,
  };
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

export async function reconciliation(
  ctx: Ctx,
  q: { unitId: string; from: string; to: string },
): Promise<ReconOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, q.unitId, "payment.read");
  if (q.from > q.to)
    throw Errors.invalidField("to", "range", {
      vi: "Ngày kết thúc trước ngày bắt đầu.",
      en: "The end is before the start.",
    });
  const days = daysBetween(q.from, q.to);
  if (days.length > 31)
    throw Errors.invalidField("to", "range", {
      vi: "Tối đa 31 ngày mỗi lần đối soát.",
      en: "At most 31 days at a time.",
    });
  const gateway = gatewayOf(ctx.config);
  const theirs = [];
  try {
    for (const day of days) theirs.push(...(await gateway.transactionsOfDay(day)).filter((t) => t.success));
  } catch (err) {
    if (err instanceof GatewayUnavailable) throw unavailable();
    throw err;
  }
  const start = `${q.from}T00:00:00+07:00`;
  const ours = await ctx.tx
    .select({ p: payments, code: dossiers.code })
    .from(payments)
    .innerJoin(dossiers, eq(dossiers.id, payments.dossierId))
    .where(
      and(
        eq(payments.unitId, q.unitId),
        inArray(payments.status, [...RECEIVED]),
        gte(payments.paidAt, start),
        lt(payments.paidAt, sql`(${q.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`),
      ),
    );
  // The gateway lists the whole terminal: keep the unit's own references and the unknown ones.
  const refs = [...new Set(theirs.map((t) => t.txnRef))];
  const known = refs.length
    ? await ctx.tx
        .select({ p: payments, code: dossiers.code })
        .from(payments)
        .innerJoin(dossiers, eq(dossiers.id, payments.dossierId))
        .where(inArray(payments.txnRef, refs))
    : [];
  const unitOf = new Map(known.map((k) => [k.p.txnRef, k.p.unitId]));
  const mine = theirs.filter((t) => (unitOf.get(t.txnRef) ?? q.unitId) === q.unitId);
  const ourRows = new Map(ours.map((o) => [o.p.txnRef, o]));
  // Ours that the gateway lists but we do not count as received (e.g. still pending: IPN lost).
  for (const k of known) if (k.p.unitId === q.unitId && !ourRows.has(k.p.txnRef)) ourRows.set(k.p.txnRef, k);
  const result = reconcile(
    [...ourRows.values()].map(({ p, code }) => ({
      txnRef: p.txnRef,
      amountVnd: p.amountVnd,
      status: p.status,
      dossierCode: code,
      providerTxnNo: p.providerTxnNo,
      paidAt: p.paidAt ? new Date(p.paidAt).toISOString() : null,
    })),
    mine.map((t) => ({
      txnRef: t.txnRef,
      amountVnd: t.amountVnd,
      providerTxnNo: t.providerTxnNo,
      payDate: t.payDate,
    })),
  );
  return { unitId: q.unitId, from: q.from, to: q.to, ...result };
}
