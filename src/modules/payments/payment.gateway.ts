// What the payments service needs from a payment gateway, whatever its protocol: a payment URL
// to redirect the payer to, the verification of what the gateway sends back (the browser's return
// and the server-to-server notification, IPN), a query of one transaction, a refund, and the
// day's transaction list for reconciliation. One real implementation: VNPAY 2.1.0 (vnpay.ts).
//
// Amounts are whole VND (đồng) here; each protocol converts (VNPAY sends VND × 100).

export type GatewayLocale = "vi" | "en";

export type CreatePaymentInput = {
  txnRef: string;
  amountVnd: number;
  /** Plain ASCII text the payer sees at the gateway (VNPAY: Vietnamese without diacritics). */
  orderInfo: string;
  locale: GatewayLocale;
  returnUrl: string;
  /** The payer's IP address as we saw it. */
  ipAddr: string;
  createdAt: Date;
  expiresAt: Date;
  bankCode?: string;
};

/** The outcome a gateway reports for a payment (return, IPN or query). */
export type PaymentOutcome = {
  txnRef: string;
  /** Whole VND, as the gateway states it. */
  amountVnd: number;
  /** Paid for sure (VNPAY: vnp_ResponseCode 00 and vnp_TransactionStatus 00). */
  success: boolean;
  /** Still in progress at the gateway (a query only; VNPAY: vnp_TransactionStatus 01). */
  inProgress: boolean;
  responseCode: string;
  transactionStatus: string | null;
  providerTxnNo: string | null;
  bankCode: string | null;
  cardType: string | null;
  /** When the gateway says the payment was made. */
  paidAt: Date | null;
  terminal: string;
};

export type Verified =
  | { valid: true; outcome: PaymentOutcome; params: Record<string, string> }
  | { valid: false; reason: string; params: Record<string, string> };

export type QueryInput = { txnRef: string; createdAt: Date; requestId: string; ipAddr: string; now: Date };
export type QueryResult =
  | { found: true; outcome: PaymentOutcome; raw: Record<string, unknown> }
  | { found: false; responseCode: string; raw: Record<string, unknown> };

export type RefundInput = {
  requestId: string;
  txnRef: string;
  amountVnd: number;
  full: boolean;
  providerTxnNo: string | null;
  /** When the payment was created (VNPAY: vnp_TransactionDate = the payment's vnp_CreateDate). */
  transactionDate: Date;
  createdBy: string;
  ipAddr: string;
  orderInfo: string;
  now: Date;
};
export type RefundResult = {
  ok: boolean;
  responseCode: string;
  message: string;
  providerTxnNo: string | null;
  raw: Record<string, unknown>;
};

/** One successful (or failed) payment in the gateway's list of a day. */
export type GatewayTransaction = {
  txnRef: string;
  amountVnd: number;
  success: boolean;
  providerTxnNo: string | null;
  payDate: string | null;
};

/** The gateway did not answer in time or answered something unusable: try again later. */
export class GatewayUnavailable extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "GatewayUnavailable";
  }
}

/** The IPN answer the gateway expects, and the code we log with the event. */
export type IpnAnswer = { RspCode: "00" | "01" | "02" | "04" | "97" | "99"; Message: string };

export interface PaymentGateway {
  readonly provider: "vnpay";
  paymentUrl(input: CreatePaymentInput): string;
  /** Verifies the parameters of a browser return or an IPN call (same signature). */
  verifyCallback(query: Record<string, unknown>): Verified;
  query(input: QueryInput): Promise<QueryResult>;
  refund(input: RefundInput): Promise<RefundResult>;
  /** The gateway's transactions of one Vietnam day (YYYY-MM-DD). */
  transactionsOfDay(day: string): Promise<GatewayTransaction[]>;
}
