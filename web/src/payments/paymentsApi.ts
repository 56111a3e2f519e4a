// Online fee payments (VNPAY): the client side of /api/v1/payments and the gateway's return.
import { http } from "../api/client";

export type PaymentStatus =
  | "pending"
  | "paid"
  | "failed"
  | "expired"
  | "refunded"
  | "partially_refunded"
  | "duplicate";

export interface Payment {
  id: string;
  dossierId: string;
  dossierCode: string | null;
  unitId: string;
  txnRef: string;
  amountVnd: number;
  feeLines: { name: string; amountVnd: number }[];
  status: PaymentStatus;
  refundedVnd: number;
  providerTxnNo: string | null;
  bankCode: string | null;
  responseCode: string | null;
  paidAt: string | null;
  receiptCode: string | null;
  expiresAt: string;
  createdAt: string;
}

export interface Refund {
  id: string;
  amountVnd: number;
  full: boolean;
  reason: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  requestedAt: string;
}

export interface PaymentDetail extends Payment {
  events: { id: number; kind: string; signatureValid: boolean | null; outcome: string | null; at: string }[];
  refunds: Refund[];
  canRefund: boolean;
}

export interface ReturnOutcome {
  valid: boolean;
  paymentId: string | null;
  dossierId: string | null;
  txnRef: string | null;
  gatewaySuccess: boolean;
  responseCode: string | null;
  status: PaymentStatus | null;
}

export type ReconCategory = "matched" | "only_ours" | "only_theirs" | "amount_mismatch";
export interface Reconciliation {
  from: string;
  to: string;
  summary: { matched: number; onlyOurs: number; onlyTheirs: number; amountMismatch: number };
  rows: {
    category: ReconCategory;
    txnRef: string;
    dossierCode: string | null;
    ourAmountVnd: number | null;
    theirAmountVnd: number | null;
    ourStatus: PaymentStatus | null;
    paidAt: string | null;
  }[];
}

const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter((e): e is [string, string | number] => e[1] !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const paymentsApi = {
  start: (dossierId: string, locale: "vi" | "en") =>
    http.post<{ payment: Payment; redirectUrl: string }>("/api/v1/payments", { dossierId, locale }),
  ofDossier: (dossierId: string, signal?: AbortSignal) =>
    http.get<{ items: Payment[] }>(`/api/v1/payments?${qs({ dossierId })}`, signal),
  ofUnit: (unitId: string, from: string, to: string, signal?: AbortSignal) =>
    http.get<{ items: Payment[]; total: number }>(
      `/api/v1/payments?${qs({ unitId, from, to, limit: 500 })}`,
      signal,
    ),
  get: (id: string, signal?: AbortSignal) => http.get<PaymentDetail>(`/api/v1/payments/${id}`, signal),
  refund: (id: string, body: { amountVnd?: number; reason: string }) =>
    http.post<Refund>(`/api/v1/payments/${id}/refunds`, body),
  returned: (search: string, signal?: AbortSignal) =>
    http.get<ReturnOutcome>(`/api/public/payments/vnpay/return${search}`, signal),
  reconcile: (unitId: string, from: string, to: string, signal?: AbortSignal) =>
    http.get<Reconciliation>(`/api/v1/payments/reconciliation?${qs({ unitId, from, to })}`, signal),
  reconcileXlsxUrl: (unitId: string, from: string, to: string, lang: string) =>
    `/api/v1/payments/reconciliation?${qs({ unitId, from, to, format: "xlsx", lang })}`,
  receiptUrl: (id: string) => `/api/v1/payments/${id}/receipt.pdf`,
};

export const formatVnd = (n: number) => `${new Intl.NumberFormat("vi-VN").format(n)} đ`;
/** Statuses that mean the money was received. */
export const RECEIVED: PaymentStatus[] = ["paid", "partially_refunded", "refunded", "duplicate"];
