// VNPAY Payment Gateway, version 2.1.0: the payment URL (vpcpay.html), the signature of returns
// and IPN calls, the answer to an IPN, and the querydr / refund JSON API. The signing functions
// are pure and exported for the tests and the simulator (vnpay.simulator.ts), which must agree
// byte for byte with what a real merchant sends. What is confirmed from VNPAY's documentation and
// samples, and what is inferred, is listed in docs/payments.md.
import { createHmac, timingSafeEqual } from "node:crypto";
import {
  type CreatePaymentInput,
  type GatewayTransaction,
  GatewayUnavailable,
  type IpnAnswer,
  type PaymentGateway,
  type PaymentOutcome,
  type QueryInput,
  type QueryResult,
  type RefundInput,
  type RefundResult,
  type Verified,
} from "./payment.gateway.ts";

export const VNP_VERSION = "2.1.0";

export type VnpayConfig = {
  tmnCode: string;
  hashSecret: string;
  /** e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html */
  payUrl: string;
  /** e.g. https://sandbox.vnpayment.vn/merchant_webapi/api/transaction */
  apiUrl: string;
  /** How long to wait for the JSON API before calling the gateway unavailable. */
  timeoutMs: number;
};

// ---------------------------------------------------------------------------------------------
// Pure: encoding, signing, dates

/**
 * URL-encodes like PHP's urlencode, which VNPAY's samples use to build the signed string: every
 * byte but A–Z a–z 0–9 - _ . is percent-encoded (UTF-8, upper-case hex) and a space becomes "+".
 */
export function vnpEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** The parameters that are signed: vnp_* with a value, without the hash fields themselves. */
export function signedParams(params: Record<string, unknown>): [string, string][] {
  return Object.entries(params)
    .filter(
      ([k, v]) =>
        k.startsWith("vnp_") &&
        k !== "vnp_SecureHash" &&
        k !== "vnp_SecureHashType" &&
        v !== undefined &&
        v !== null &&
        String(v) !== "",
    )
    .map(([k, v]) => [k, String(v)] as [string, string])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "k1=v1&k2=v2…" sorted by name, each part URL-encoded: the data signed and the query string sent. */
export function signData(params: Record<string, unknown>): string {
  return signedParams(params)
    .map(([k, v]) => `${vnpEncode(k)}=${vnpEncode(v)}`)
    .join("&");
}

export const hmacSha512 = (secret: string, data: string) =>
  createHmac("sha512", secret).update(Buffer.from(data, "utf8")).digest("hex");

/** vnp_SecureHash of a set of parameters. */
export const secureHash = (secret: string, params: Record<string, unknown>) =>
  hmacSha512(secret, signData(params));

/** Compares two hex signatures in constant time (case-insensitive). */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), "utf8");
  const y = Buffer.from(b.toLowerCase(), "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

const GMT7_MS = 7 * 3_600_000;

/** yyyyMMddHHmmss in GMT+7. */
export function vnpDate(d: Date): string {
  return new Date(d.getTime() + GMT7_MS).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** The instant of a yyyyMMddHHmmss GMT+7 stamp (null when malformed). */
export function parseVnpDate(s: string | undefined | null): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s ?? "");
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!) - GMT7_MS;
  return Number.isNaN(t) ? null : new Date(t);
}

/** Vietnamese text as plain ASCII (VNPAY asks for vnp_OrderInfo "không dấu", no special characters). */
export function asciiText(s: string, max = 255): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9 .,:\-_/]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

/** The querydr request's data string (fields joined by "|", in this order). */
export const queryDrData = (body: Record<string, unknown>) =>
  dataString([
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
  ])({ ...body, vnp_Command: "querydr" });

/** The refund request's data string. */
export const refundData = (body: Record<string, unknown>) =>
  dataString([
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
  ])({ ...body, vnp_Command: "refund" });

const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The fields VNPAY signs in its refund answer, in order; a querydr answer adds the promotion. */
const ANSWER_FIELDS = [
  "vnp_ResponseId",
  "vnp_Command",
  "vnp_ResponseCode",
  "vnp_Message",
  "vnp_TmnCode",
  "vnp_TxnRef",
  "vnp_Amount",
  "vnp_BankCode",
  "vnp_PayDate",
  "vnp_TransactionNo",
  "vnp_TransactionType",
  "vnp_TransactionStatus",
  "vnp_OrderInfo",
] as const;

const dataString = (fields: readonly string[]) => (r: Record<string, unknown>) =>
  fields.map((f) => s(r[f])).join("|");

/** The data string of a querydr answer (VNPAY signs its answer too). */
export const queryDrResponseData = dataString([...ANSWER_FIELDS, "vnp_PromotionCode", "vnp_PromotionAmount"]);

/** The data string of a refund answer. */
export const refundResponseData = dataString(ANSWER_FIELDS);

/** Our extension for the simulator's daily list (not a VNPAY command: see docs/payments.md). */
export const transListData = (body: Record<string, unknown>) =>
  dataString([
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransDate",
    "vnp_CreateDate",
  ])({
    ...body,
    vnp_Command: "translist",
  });

// ---------------------------------------------------------------------------------------------
// IPN answers (the JSON VNPAY expects back from the IPN URL)

export const IPN: Record<
  "confirmed" | "notFound" | "alreadyConfirmed" | "invalidAmount" | "badSignature" | "other",
  IpnAnswer
> = {
  confirmed: { RspCode: "00", Message: "Confirm Success" },
  notFound: { RspCode: "01", Message: "Order not found" },
  alreadyConfirmed: { RspCode: "02", Message: "Order already confirmed" },
  invalidAmount: { RspCode: "04", Message: "Invalid amount" },
  badSignature: { RspCode: "97", Message: "Invalid signature" },
  other: { RspCode: "99", Message: "Unknown error" },
};

// ---------------------------------------------------------------------------------------------
// The adapter

/** The raw vnp_* parameters of a callback as strings (repeated keys: the first). */
export function callbackParams(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (!k.startsWith("vnp_")) continue;
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== null) out[k] = String(value);
  }
  return out;
}

function outcomeOf(p: Record<string, unknown>): PaymentOutcome {
  const responseCode = s(p.vnp_ResponseCode);
  const transactionStatus = p.vnp_TransactionStatus === undefined ? null : s(p.vnp_TransactionStatus);
  const amount = Number(s(p.vnp_Amount));
  return {
    txnRef: s(p.vnp_TxnRef),
    amountVnd: Number.isFinite(amount) ? amount / 100 : Number.NaN,
    success: responseCode === "00" && (transactionStatus === null || transactionStatus === "00"),
    inProgress: transactionStatus === "01",
    responseCode,
    transactionStatus,
    providerTxnNo: s(p.vnp_TransactionNo) || null,
    bankCode: s(p.vnp_BankCode) || null,
    cardType: s(p.vnp_CardType) || null,
    paidAt: parseVnpDate(s(p.vnp_PayDate)),
    terminal: s(p.vnp_TmnCode),
  };
}

export function createVnpayGateway(config: VnpayConfig): PaymentGateway {
  async function post(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(config.apiUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (err) {
      throw new GatewayUnavailable(`VNPAY API unreachable: ${(err as Error).message}`, err);
    }
    if (!res.ok) throw new GatewayUnavailable(`VNPAY API answered HTTP ${res.status}`);
    try {
      return (await res.json()) as Record<string, unknown>;
    } catch (err) {
      throw new GatewayUnavailable("VNPAY API answered something that is not JSON", err);
    }
  }

  function checkAnswer(raw: Record<string, unknown>, data: string) {
    const hash = s(raw.vnp_SecureHash);
    if (hash && !sameSignature(hash, hmacSha512(config.hashSecret, data)))
      throw new GatewayUnavailable("VNPAY API answer has an invalid signature");
  }

  return {
    provider: "vnpay",

    paymentUrl(input: CreatePaymentInput): string {
      const params: Record<string, string> = {
        vnp_Version: VNP_VERSION,
        vnp_Command: "pay",
        vnp_TmnCode: config.tmnCode,
        vnp_Amount: String(Math.round(input.amountVnd * 100)),
        vnp_CurrCode: "VND",
        vnp_TxnRef: input.txnRef,
        vnp_OrderInfo: asciiText(input.orderInfo),
        vnp_OrderType: "other",
        vnp_Locale: input.locale === "en" ? "en" : "vn",
        vnp_ReturnUrl: input.returnUrl,
        vnp_IpAddr: input.ipAddr,
        vnp_CreateDate: vnpDate(input.createdAt),
        vnp_ExpireDate: vnpDate(input.expiresAt),
        ...(input.bankCode ? { vnp_BankCode: input.bankCode } : {}),
      };
      const data = signData(params);
      return `${config.payUrl}?${data}&vnp_SecureHash=${hmacSha512(config.hashSecret, data)}`;
    },

    verifyCallback(query: Record<string, unknown>): Verified {
      const params = callbackParams(query);
      const given = params.vnp_SecureHash;
      if (!given) return { valid: false, reason: "no vnp_SecureHash", params };
      if (!sameSignature(given, secureHash(config.hashSecret, params)))
        return { valid: false, reason: "vnp_SecureHash does not match", params };
      if (params.vnp_TmnCode !== config.tmnCode)
        return { valid: false, reason: `vnp_TmnCode ${params.vnp_TmnCode} is not ours`, params };
      return { valid: true, outcome: outcomeOf(params), params };
    },

    async query(input: QueryInput): Promise<QueryResult> {
      const body = {
        vnp_RequestId: input.requestId,
        vnp_Version: VNP_VERSION,
        vnp_Command: "querydr",
        vnp_TmnCode: config.tmnCode,
        vnp_TxnRef: input.txnRef,
        vnp_OrderInfo: asciiText(`Truy van giao dich ${input.txnRef}`),
        vnp_TransactionDate: vnpDate(input.createdAt),
        vnp_CreateDate: vnpDate(input.now),
        vnp_IpAddr: input.ipAddr,
      };
      const vnp_SecureHash = hmacSha512(config.hashSecret, queryDrData(body));
      const raw = await post({ ...body, vnp_SecureHash });
      checkAnswer(raw, queryDrResponseData(raw));
      const code = s(raw.vnp_ResponseCode);
      if (code !== "00") {
        // 91: transaction not found; 94: duplicate request; 97: bad signature; 99: other.
        if (code === "91") return { found: false, responseCode: code, raw };
        throw new GatewayUnavailable(`VNPAY querydr answered ${code}: ${s(raw.vnp_Message)}`);
      }
      return { found: true, outcome: outcomeOf(raw), raw };
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const body = {
        vnp_RequestId: input.requestId,
        vnp_Version: VNP_VERSION,
        vnp_Command: "refund",
        vnp_TmnCode: config.tmnCode,
        vnp_TransactionType: input.full ? "02" : "03",
        vnp_TxnRef: input.txnRef,
        vnp_Amount: String(Math.round(input.amountVnd * 100)),
        vnp_OrderInfo: asciiText(input.orderInfo),
        vnp_TransactionNo: input.providerTxnNo ?? "",
        vnp_TransactionDate: vnpDate(input.transactionDate),
        vnp_CreateBy: asciiText(input.createdBy, 250),
        vnp_CreateDate: vnpDate(input.now),
        vnp_IpAddr: input.ipAddr,
      };
      const vnp_SecureHash = hmacSha512(config.hashSecret, refundData(body));
      const raw = await post({ ...body, vnp_SecureHash });
      checkAnswer(raw, refundResponseData(raw));
      const code = s(raw.vnp_ResponseCode);
      // 99 (unknown error) and 94 (duplicate within the API's limit) say nothing final: retry later.
      if (code === "99" || code === "94") throw new GatewayUnavailable(`VNPAY refund answered ${code}`);
      return {
        ok: code === "00",
        responseCode: code,
        message: s(raw.vnp_Message),
        providerTxnNo: s(raw.vnp_TransactionNo) || null,
        raw,
      };
    },

    async transactionsOfDay(day: string): Promise<GatewayTransaction[]> {
      const now = new Date();
      const body = {
        vnp_RequestId: `L${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
        vnp_Version: VNP_VERSION,
        vnp_Command: "translist",
        vnp_TmnCode: config.tmnCode,
        vnp_TransDate: day.replace(/-/g, ""),
        vnp_CreateDate: vnpDate(now),
      };
      const vnp_SecureHash = hmacSha512(config.hashSecret, transListData(body));
      const raw = await post({ ...body, vnp_SecureHash });
      if (s(raw.vnp_ResponseCode) !== "00" || !Array.isArray(raw.vnp_Transactions))
        throw new GatewayUnavailable(`VNPAY transaction list answered ${s(raw.vnp_ResponseCode)}`);
      return (raw.vnp_Transactions as Record<string, unknown>[]).map((t) => ({
        txnRef: s(t.vnp_TxnRef),
        amountVnd: Number(s(t.vnp_Amount)) / 100,
        success: s(t.vnp_TransactionStatus) === "00",
        providerTxnNo: s(t.vnp_TransactionNo) || null,
        payDate: s(t.vnp_PayDate) || null,
      }));
    },
  };
}
