import { describe, expect, it } from "vitest";
import { type Actor, can } from "../auth/auth.policy.ts";
import {
  daysBetween,
  feeKeyOf,
  payableLines,
  reconcile,
  refundPlan,
  statusAfterRefund,
} from "./payments.logic.ts";

describe("fee lines", () => {
  it("keeps the lines with an amount and keys them canonically", () => {
    const lines = payableLines([
      { name: "Lệ phí", amountVnd: 0 },
      { name: "Lệ phí không đúng hạn", amountVnd: 8000, note: "x" },
      { bogus: true },
    ]);
    expect(lines).toEqual([{ name: "Lệ phí không đúng hạn", amountVnd: 8000 }]);
    expect(feeKeyOf(lines)).toBe(feeKeyOf([{ name: "Lệ phí không đúng hạn", amountVnd: 8000 }]));
    expect(feeKeyOf(lines)).not.toBe(feeKeyOf([{ name: "Lệ phí không đúng hạn", amountVnd: 9000 }]));
  });
});

describe("refunds", () => {
  it("plans full, partial and refuses too much", () => {
    expect(refundPlan({ amountVnd: 8000, refundedVnd: 0, pendingVnd: 0 }, undefined)).toEqual({
      ok: true,
      amountVnd: 8000,
      full: true,
    });
    expect(refundPlan({ amountVnd: 8000, refundedVnd: 3000, pendingVnd: 0 }, undefined)).toEqual({
      ok: true,
      amountVnd: 5000,
      full: false,
    });
    expect(refundPlan({ amountVnd: 8000, refundedVnd: 3000, pendingVnd: 5000 }, undefined)).toEqual({
      ok: false,
      remaining: 0,
    });
    expect(refundPlan({ amountVnd: 8000, refundedVnd: 0, pendingVnd: 0 }, 8001)).toEqual({
      ok: false,
      remaining: 8000,
    });
    expect(statusAfterRefund("paid", 8000, 3000)).toBe("partially_refunded");
    expect(statusAfterRefund("partially_refunded", 8000, 8000)).toBe("refunded");
    expect(statusAfterRefund("duplicate", 8000, 3000)).toBe("duplicate");
  });
});

describe("reconciliation", () => {
  it("sorts rows into matched, only ours, only theirs and amount mismatch", () => {
    const ours = [
      {
        txnRef: "A",
        amountVnd: 100,
        status: "paid" as const,
        dossierCode: "D1",
        providerTxnNo: "1",
        paidAt: null,
      },
      {
        txnRef: "B",
        amountVnd: 100,
        status: "refunded" as const,
        dossierCode: "D2",
        providerTxnNo: "2",
        paidAt: null,
      },
      {
        txnRef: "C",
        amountVnd: 100,
        status: "paid" as const,
        dossierCode: "D3",
        providerTxnNo: "3",
        paidAt: null,
      },
      {
        txnRef: "E",
        amountVnd: 100,
        status: "pending" as const,
        dossierCode: "D5",
        providerTxnNo: null,
        paidAt: null,
      },
    ];
    const theirs = [
      { txnRef: "A", amountVnd: 100, providerTxnNo: "1", payDate: null },
      { txnRef: "B", amountVnd: 90, providerTxnNo: "2", payDate: null },
      { txnRef: "D", amountVnd: 50, providerTxnNo: "4", payDate: null },
      { txnRef: "E", amountVnd: 100, providerTxnNo: "5", payDate: null },
    ];
    const r = reconcile(ours, theirs);
    expect(r.rows.map((x) => [x.txnRef, x.category])).toEqual([
      ["B", "amount_mismatch"],
      ["D", "only_theirs"],
      ["E", "only_theirs"],
      ["C", "only_ours"],
      ["A", "matched"],
    ]);
    expect(r.summary).toMatchObject({ matched: 1, onlyOurs: 1, onlyTheirs: 2, amountMismatch: 1 });
    expect(daysBetween("2026-02-27", "2026-03-01")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
  });
});

describe("payment abilities", () => {
  const unit = ["root", "commune"];
  const actor = (
    role: "leader" | "receptionist" | "specialist" | "supervisor" | "system_admin",
    unitId = "commune",
  ): Actor => ({
    userId: "u",
    kind: "staff",
    fullName: "x",
    grants: [{ id: "g", role, unitId }],
  });
  it("lets the unit's leader refund, its desk and supervisors read, nobody else", () => {
    expect(can(actor("leader"), "payment.refund", unit)).toBe(true);
    expect(can(actor("leader", "other"), "payment.refund", unit)).toBe(false);
    expect(can(actor("receptionist"), "payment.refund", unit)).toBe(false);
    expect(can(actor("receptionist"), "payment.read", unit)).toBe(true);
    expect(can(actor("specialist"), "payment.read", unit)).toBe(false);
    expect(can(actor("supervisor", "root"), "payment.read", unit)).toBe(true);
    expect(can(actor("supervisor", "root"), "payment.refund", unit)).toBe(false);
    expect(can(actor("system_admin", "root"), "payment.read", unit)).toBe(false);
    expect(can({ userId: "c", kind: "citizen", fullName: "c", grants: [] }, "payment.read", unit)).toBe(
      false,
    );
  });
});
