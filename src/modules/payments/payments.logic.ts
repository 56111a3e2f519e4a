// Pure rules of online fee payments: what a dossier owes, the key of its fee lines, references,
// receipt numbers, refunds, and the reconciliation of our records with the gateway's list.
import { createHash, randomBytes } from "node:crypto";
import type { PaymentStatus } from "../../db/schema.payments.ts";

export type FeeLine = { name: string; amountVnd: number };

/** The fee lines a dossier carries (dossiers.fees), those with an amount to pay. */
export function payableLines(fees: unknown): FeeLine[] {
  if (!Array.isArray(fees)) return [];
  return fees
    .filter(
      (f): f is FeeLine =>
        !!f &&
        typeof f === "object" &&
        typeof (f as FeeLine).name === "string" &&
        Number.isInteger((f as FeeLine).amountVnd),
    )
    .filter((f) => f.amountVnd > 0)
    .map((f) => ({ name: f.name, amountVnd: f.amountVnd }));
}

export const totalOf = (lines: readonly FeeLine[]) => lines.reduce((sum, l) => sum + l.amountVnd, 0);

/** SHA-256 of the canonical fee lines: one paid payment per dossier and key. */
export function feeKeyOf(lines: readonly FeeLine[]): string {
  const canonical = JSON.stringify(lines.map((l) => [l.name, l.amountVnd]));
  return createHash("sha256").update(canonical).digest("hex");
}

/** Our reference at the gateway: date (GMT+7) and 10 random base-32 characters, alphanumeric. */
export function newTxnRef(now: Date): string {
  const day = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, "");
  return `${day}${randomCode(10)}`;
}

/** A refund's or a query's request id (vnp_RequestId: alphanumeric, at most 32). */
export const newRequestId = (prefix: "R" | "Q") =>
  `${prefix}${Date.now().toString(36).toUpperCase()}${randomCode(8)}`;

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function randomCode(n: number): string {
  const bytes = randomBytes(n);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** "000123/2026": the receipt's number within the collecting unit and the year. */
export const receiptCode = (no: number, year: number) => `${String(no).padStart(6, "0")}/${year}`;

/** Statuses whose payment was received (money at the gateway), so it has a receipt. */
export const RECEIVED: readonly PaymentStatus[] = ["paid", "partially_refunded", "refunded", "duplicate"];
/** Statuses from which money can still be refunded. */
export const REFUNDABLE: readonly PaymentStatus[] = ["paid", "partially_refunded", "duplicate"];

/** The status after `refundedVnd` of `amountVnd` has been refunded. */
export function statusAfterRefund(
  current: PaymentStatus,
  amountVnd: number,
  refundedVnd: number,
): PaymentStatus {
  if (refundedVnd >= amountVnd) return "refunded";
  if (current === "duplicate") return "duplicate";
  return refundedVnd > 0 ? "partially_refunded" : "paid";
}

/**
 * How much may still be asked back, given what was refunded and what is being refunded; a full
 * refund (VNPAY type 02) only when nothing was refunded or asked before and all is asked now.
 */
export function refundPlan(
  p: { amountVnd: number; refundedVnd: number; pendingVnd: number },
  asked: number | undefined,
): { ok: true; amountVnd: number; full: boolean } | { ok: false; remaining: number } {
  const remaining = p.amountVnd - p.refundedVnd - p.pendingVnd;
  const amount = asked ?? remaining;
  if (remaining <= 0 || !Number.isInteger(amount) || amount <= 0 || amount > remaining)
    return { ok: false, remaining };
  return { ok: true, amountVnd: amount, full: amount === p.amountVnd };
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

export type OurRecord = {
  txnRef: string;
  amountVnd: number;
  status: PaymentStatus;
  dossierCode: string | null;
  providerTxnNo: string | null;
  paidAt: string | null;
};
export type TheirRecord = {
  txnRef: string;
  amountVnd: number;
  providerTxnNo: string | null;
  payDate: string | null;
};

export type ReconCategory = "matched" | "only_ours" | "only_theirs" | "amount_mismatch";
export type ReconRow = {
  category: ReconCategory;
  txnRef: string;
  dossierCode: string | null;
  ourAmountVnd: number | null;
  theirAmountVnd: number | null;
  ourStatus: PaymentStatus | null;
  providerTxnNo: string | null;
  paidAt: string | null;
};

/**
 * Our received payments against the gateway's successful ones, by reference. A reference the
 * gateway lists twice counts with the sum of its rows. Rows come sorted: problems first.
 */
export function reconcile(ours: readonly OurRecord[], theirs: readonly TheirRecord[]) {
  const theirBy = new Map<string, TheirRecord>();
  for (const t of theirs) {
    const prev = theirBy.get(t.txnRef);
    theirBy.set(t.txnRef, prev ? { ...prev, amountVnd: prev.amountVnd + t.amountVnd } : { ...t });
  }
  const rows: ReconRow[] = [];
  const seen = new Set<string>();
  for (const o of ours) {
    seen.add(o.txnRef);
    const t = theirBy.get(o.txnRef);
    const received = RECEIVED.includes(o.status);
    const base = {
      txnRef: o.txnRef,
      dossierCode: o.dossierCode,
      ourAmountVnd: received ? o.amountVnd : null,
      theirAmountVnd: t?.amountVnd ?? null,
      ourStatus: o.status,
      providerTxnNo: o.providerTxnNo ?? t?.providerTxnNo ?? null,
      paidAt: o.paidAt,
    };
    if (!t) {
      if (received) rows.push({ ...base, category: "only_ours" });
      continue;
    }
    if (!received) rows.push({ ...base, category: "only_theirs" });
    else if (t.amountVnd !== o.amountVnd) rows.push({ ...base, category: "amount_mismatch" });
    else rows.push({ ...base, category: "matched" });
  }
  for (const t of theirBy.values()) {
    if (seen.has(t.txnRef)) continue;
    rows.push({
      category: "only_theirs",
      txnRef: t.txnRef,
      dossierCode: null,
      ourAmountVnd: null,
      theirAmountVnd: t.amountVnd,
      ourStatus: null,
      providerTxnNo: t.providerTxnNo,
      paidAt: null,
    });
  }
  const order: Record<ReconCategory, number> = {
    amount_mismatch: 0,
    only_theirs: 1,
    only_ours: 2,
    matched: 3,
  };
  rows.sort((a, b) => order[a.category] - order[b.category] || a.txnRef.localeCompare(b.txnRef));
  const count = (c: ReconCategory) => rows.filter((r) => r.category === c).length;
  return {
    rows,
    summary: {
      matched: count("matched"),
      onlyOurs: count("only_ours"),
      onlyTheirs: count("only_theirs"),
      amountMismatch: count("amount_mismatch"),
      ourTotalVnd: rows.reduce((s, r) => s + (r.ourAmountVnd ?? 0), 0),
      theirTotalVnd: rows.reduce((s, r) => s + (r.theirAmountVnd ?? 0), 0),
    },
  };
}

/** The Vietnam days from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
