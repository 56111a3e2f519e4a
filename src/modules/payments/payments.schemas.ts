// Contracts of online fee payments (issue #9 part 2): starting a payment for a dossier's fees,
// reading payments, the gateway's callbacks, refunds and the reconciliation report.
import { z } from "zod";
import { PAYMENT_EVENT_KINDS, PAYMENT_STATUSES, REFUND_STATUSES } from "../../db/schema.payments.ts";

export const idParams = z.object({ id: z.uuid() });
const day = z.iso.date();

export const startBody = z.object({
  dossierId: z.uuid(),
  locale: z.enum(["vi", "en"]).default("vi").describe("Language of the gateway's page"),
  bankCode: z
    .string()
    .regex(/^[A-Z0-9]{3,20}$/)
    .optional()
    .describe("Skip the gateway's choice of bank (VNPAY vnp_BankCode, e.g. NCB, VNPAYQR)"),
});

const feeLine = z.object({ name: z.string(), amountVnd: z.number().int() });

export const refundOut = z.object({
  id: z.uuid(),
  requestId: z.string(),
  amountVnd: z.number().int(),
  full: z.boolean(),
  reason: z.string(),
  status: z.enum(REFUND_STATUSES),
  attempts: z.number().int(),
  responseCode: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  completedAt: z.string().nullable(),
});

export const eventOut = z.object({
  id: z.number().int(),
  kind: z.enum(PAYMENT_EVENT_KINDS),
  signatureValid: z.boolean().nullable(),
  outcome: z.string().nullable(),
  statusAfter: z.enum(PAYMENT_STATUSES).nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const paymentOut = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  dossierCode: z.string().nullable(),
  unitId: z.uuid(),
  provider: z.literal("vnpay"),
  txnRef: z.string(),
  amountVnd: z.number().int(),
  feeLines: z.array(feeLine),
  status: z.enum(PAYMENT_STATUSES),
  refundedVnd: z.number().int(),
  providerTxnNo: z.string().nullable(),
  bankCode: z.string().nullable(),
  responseCode: z.string().nullable(),
  paidAt: z.string().nullable(),
  receiptCode: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const paymentDetail = paymentOut.extend({
  events: z
    .array(eventOut)
    .describe("Messages exchanged with the gateway (staff only; empty for the applicant)"),
  refunds: z.array(refundOut),
  canRefund: z.boolean(),
});

export const startOut = z.object({
  payment: paymentOut,
  redirectUrl: z.string().describe("The gateway's payment page: send the browser there"),
});

export const listQuery = z
  .object({
    dossierId: z
      .uuid()
      .optional()
      .describe("The payments of one dossier (its applicant or its unit's staff)"),
    unitId: z.uuid().optional().describe("The payments collected by a unit (payment.read)"),
    from: day.optional().describe("Created on or after this Vietnam day"),
    to: day.optional().describe("Created on or before this Vietnam day"),
    status: z.enum(PAYMENT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !!q.dossierId !== !!q.unitId, {
    message: "Give either dossierId or unitId",
    path: ["unitId"],
  });

export const listOut = z.object({ items: z.array(paymentOut), total: z.number().int() });

export const refundBody = z.object({
  amountVnd: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Whole VND to give back; default: all that was not refunded yet"),
  reason: z.string().trim().min(1).max(500),
});

export const returnOut = z.object({
  valid: z.boolean().describe("The gateway's signature is right: the outcome shown is the gateway's"),
  paymentId: z.uuid().nullable(),
  dossierId: z.uuid().nullable(),
  txnRef: z.string().nullable(),
  gatewaySuccess: z
    .boolean()
    .describe("What the gateway told the browser; the status changes only by IPN or query"),
  responseCode: z.string().nullable(),
  status: z.enum(PAYMENT_STATUSES).nullable().describe("Our record's status now"),
});

export const ipnOut = z.object({ RspCode: z.string(), Message: z.string() });

const vnp = (description: string) => z.string().optional().describe(description);

/**
 * The query string of VNPAY's IPN and of the browser's return (VNPAY 2.1.0): the documented
 * vnp_* fields, all optional (a missing one fails the signature or the checks, answered in
 * VNPAY's terms rather than as a 400). Unknown parameters are kept, not stripped: the signature
 * covers every vnp_* field the gateway sends (except vnp_SecureHash and vnp_SecureHashType), so
 * a field added by a newer gateway version must still reach the check (see `signedParams`).
 */
export const callbackQuery = z
  .object({
    vnp_TmnCode: vnp("The merchant's terminal code"),
    vnp_Amount: vnp("Amount paid × 100 (VND)"),
    vnp_BankCode: vnp("The bank or wallet used"),
    vnp_BankTranNo: vnp("The bank's transaction number"),
    vnp_CardType: vnp("ATM, QRCODE, …"),
    vnp_PayDate: vnp("When it was paid, yyyyMMddHHmmss (GMT+7)"),
    vnp_OrderInfo: vnp("The order description sent at start"),
    vnp_TransactionNo: vnp("The gateway's transaction number"),
    vnp_ResponseCode: vnp("The gateway's response code (00: success)"),
    vnp_TransactionStatus: vnp("The transaction's status at the gateway (00: success)"),
    vnp_TxnRef: vnp("Our order reference (the payment's txnRef)"),
    vnp_SecureHashType: vnp("Hash algorithm (HmacSHA512); not signed"),
    vnp_SecureHash: vnp("HMAC-SHA512 over the other vnp_* fields, sorted by name"),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .describe("Other vnp_* fields are kept and signed; other parameters are ignored");

export const reconQuery = z.object({
  unitId: z.uuid(),
  from: day,
  to: day,
  format: z.enum(["json", "xlsx"]).default("json"),
  lang: z.enum(["vi", "en"]).default("vi"),
});

export const reconOut = z.object({
  unitId: z.uuid(),
  from: z.string(),
  to: z.string(),
  summary: z.object({
    matched: z.number().int(),
    onlyOurs: z.number().int(),
    onlyTheirs: z.number().int(),
    amountMismatch: z.number().int(),
    ourTotalVnd: z.number().int(),
    theirTotalVnd: z.number().int(),
  }),
  rows: z.array(
    z.object({
      category: z.enum(["matched", "only_ours", "only_theirs", "amount_mismatch"]),
      txnRef: z.string(),
      dossierCode: z.string().nullable(),
      ourAmountVnd: z.number().int().nullable(),
      theirAmountVnd: z.number().int().nullable(),
      ourStatus: z.enum(PAYMENT_STATUSES).nullable(),
      providerTxnNo: z.string().nullable(),
      paidAt: z.string().nullable(),
    }),
  ),
});

export type PaymentOut = z.infer<typeof paymentOut>;
export type PaymentDetail = z.infer<typeof paymentDetail>;
export type ReconOut = z.infer<typeof reconOut>;
