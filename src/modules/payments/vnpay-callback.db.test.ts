// The gateway's callbacks (IPN and the browser's return) as the OpenAPI document shows them and as
// they are verified: real vnp_* parameters in /docs/json (a zod record used to come out as
// parameters named "type", "propertyNames", "additionalProperties"), and a vnp_* field this
// server does not know still counts in the signature (VNPAY signs every vnp_* field it sends).
import { describe, expect, it } from "vitest";
import { call, setupTestApp } from "../../../test/app.ts";
import { secureHash } from "./vnpay.ts";

const SECRET = "callback-test-secret-0123456789";
const t = setupTestApp({
  VNPAY_TMN_CODE: "MOTCUA01",
  VNPAY_HASH_SECRET: SECRET,
  VNPAY_PAY_URL: "http://127.0.0.1:9/paymentv2/vpcpay.html",
  VNPAY_API_URL: "http://127.0.0.1:9/merchant_webapi/api/transaction",
  PAYMENTS_POLL_MS: "0",
});

type Parameter = { name: string; in: string; required?: boolean };
type Operation = { parameters?: Parameter[] };

const CALLBACKS = ["/api/public/payments/vnpay/ipn", "/api/public/payments/vnpay/return"];

// A callback for an order this server never created: a valid signature answers 01 (order not
// found), an invalid one 97, so the answer tells whether the signature was accepted.
const params = {
  vnp_Amount: "800000",
  vnp_BankCode: "NCB",
  vnp_OrderInfo: "Thanh toan phi ho so",
  vnp_PayDate: "20261124120000",
  vnp_ResponseCode: "00",
  vnp_TmnCode: "MOTCUA01",
  vnp_TransactionNo: "14000001",
  vnp_TransactionStatus: "00",
  vnp_TxnRef: "NOSUCHORDER7",
  // Not a field this server reads: a newer gateway version may send it, and signs it.
  vnp_FutureField: "a b&c",
};
const query = (p: Record<string, string>) => new URLSearchParams(p).toString();

describe("OpenAPI of the VNPAY callbacks", () => {
  it("lists the vnp_* fields as optional query parameters, nothing named type or propertyNames", async () => {
    const res = await t.app.inject({ method: "GET", url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, Operation>> };
    const names = new Set<string>();
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item)) for (const p of op.parameters ?? []) names.add(p.name);
    expect(names.has("type")).toBe(false);
    expect(names.has("propertyNames")).toBe(false);
    expect(names.has("additionalProperties")).toBe(false);
    for (const path of CALLBACKS) {
      const query = doc.paths[path]!.get!.parameters!.filter((p) => p.in === "query");
      const byName = new Map(query.map((p) => [p.name, p]));
      for (const name of ["vnp_TxnRef", "vnp_Amount", "vnp_ResponseCode", "vnp_SecureHash"])
        expect(byName.get(name), `${path} ${name}`).toMatchObject({ in: "query" });
      expect(query.every((p) => p.name.startsWith("vnp_") && p.required !== true)).toBe(true);
    }
  });
});

describe("the signature of a callback with a vnp_* field this server does not know", () => {
  it("verifies the IPN over every vnp_* field, the unknown one included", async () => {
    const signed = { ...params, vnp_SecureHash: secureHash(SECRET, params) };
    const ok = await call(t.app, null, "GET", `/api/public/payments/vnpay/ipn?${query(signed)}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ RspCode: "01", Message: "Order not found" });
    // The unknown field changed after signing: refused, so it is part of the signed data.
    const tampered = { ...signed, vnp_FutureField: "other" };
    const bad = await call(t.app, null, "GET", `/api/public/payments/vnpay/ipn?${query(tampered)}`);
    expect(bad.json()).toMatchObject({ RspCode: "97" });
    // Dropped after signing: refused too.
    const { vnp_FutureField: _dropped, ...without } = signed;
    const short = await call(t.app, null, "GET", `/api/public/payments/vnpay/ipn?${query(without)}`);
    expect(short.json()).toMatchObject({ RspCode: "97" });
  });

  it("verifies the browser's return the same way; other parameters are ignored", async () => {
    const signed = { ...params, vnp_SecureHash: secureHash(SECRET, params), utm_source: "mail" };
    const ok = await call(t.app, null, "GET", `/api/public/payments/vnpay/return?${query(signed)}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ valid: true, gatewaySuccess: true });
    const tampered = { ...signed, vnp_FutureField: "other" };
    const bad = await call(t.app, null, "GET", `/api/public/payments/vnpay/return?${query(tampered)}`);
    expect(bad.json()).toMatchObject({ valid: false });
  });
});
