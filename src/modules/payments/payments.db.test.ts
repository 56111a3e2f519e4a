// Online fee payments end to end against the VNPAY simulator (a real HTTP server): the app
// listens on a real port so the simulator's IPN reaches it; the browser's steps are real fetches
// of the simulator's pages. Refunds and queries run through the worker functions by hand
// (PAYMENTS_POLL_MS=0), with the clock as a parameter.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, testConfig, unitIdByCode } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/db.ts";
import { type App, buildApp } from "../../app.ts";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { paymentEvents, paymentRefunds, payments } from "../../db/schema.payments.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { runDueQueries, runDueRefunds } from "./payments.service.ts";
import { startVnpaySimulator, type VnpaySimulator } from "./vnpay.simulator.ts";
import { secureHash, signData } from "./vnpay.ts";

// 1.000656 (death registration): no e-form; its fee lines have one payable line of 8,000 VND.
const PROCEDURE = "1.000656";
const AMOUNT = 8000;
const dir = mkdtempSync(path.join(tmpdir(), "motcua-payments-"));
const silent = { info() {}, warn() {}, error() {} };

let sim: VnpaySimulator;
let database: Database;
let app: App;
let config: Config;
let ward: string;
let citizen: Session;
let desk: Session;
let leader: Session;

beforeAll(async () => {
  sim = await startVnpaySimulator();
  database = await openTestDatabase();
  config = testConfig({
    MOTCUA_DATA_DIR: dir,
    VNPAY_TMN_CODE: sim.tmnCode,
    VNPAY_HASH_SECRET: sim.hashSecret,
    VNPAY_PAY_URL: sim.payUrl,
    VNPAY_API_URL: sim.apiUrl,
    VNPAY_API_TIMEOUT_MS: "400",
    PAYMENTS_POLL_MS: "0",
  });
  app = await buildApp({ database, config, logger: false });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  sim.ipnUrl = `${address}/api/public/payments/vnpay/ipn`;
  ward = await unitIdByCode(app, "46.19753");
  citizen = await login(app, "congdan@motcua.example");
  desk = await login(app, "tiepnhan.thuanhoa");
  leader = await login(app, "lanhdao.thuanhoa");
});

afterAll(async () => {
  await sim?.close();
  await app?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({ db: database.db, config, log: silent });
const reset = () => {
  sim.controls.ipn = { mode: "normal", delayMs: 0, repeat: 1 };
  sim.controls.api = { mode: "normal", slowMs: 0 };
};

/** A dossier the demo citizen filed online (submitted), with fees to pay. */
async function citizenDossier(): Promise<string> {
  const res = await call(
    app,
    citizen,
    "POST",
    "/api/portal/dossiers",
    {
      unitId: ward,
      procedureCode: PROCEDURE,
      channel: "online_partial",
      applicant: { name: "Nguyễn Văn An" },
    },
    { "idempotency-key": randomUUID() },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function start(session: Session, dossierId: string, locale = "vi") {
  const res = await call(app, session, "POST", "/api/v1/payments", { dossierId, locale });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { payment: { id: string; txnRef: string; amountVnd: number }; redirectUrl: string };
}

/** The browser at the simulator's page: click pay or cancel; returns the redirect to our return URL. */
async function payAtGateway(redirectUrl: string, action: "pay" | "cancel" = "pay") {
  const page = await fetch(redirectUrl);
  const html = await page.text();
  expect(page.status, html).toBe(200);
  const href = new RegExp(`id="${action}" href="([^"]+)"`).exec(html)![1]!.replace(/&amp;/g, "&");
  const res = await fetch(`${sim.url}${href}`, { redirect: "manual" });
  expect(res.status).toBe(302);
  return { html, location: res.headers.get("location")! };
}

const returnOf = (location: string) =>
  call(app, null, "GET", `/api/public/payments/vnpay/return?${location.split("?")[1]}`);
const getPayment = (session: Session, id: string) => call(app, session, "GET", `/api/v1/payments/${id}`);
const ipnCall = (params: Record<string, string>) =>
  call(app, null, "GET", `/api/public/payments/vnpay/ipn?${new URLSearchParams(params)}`);

function pdfText(body: Buffer): string {
  const file = path.join(dir, `${randomUUID()}.pdf`);
  writeFileSync(file, body);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

describe("paying a dossier's fees through the gateway", () => {
  it("pays, confirms by IPN, prints the receipt, refunds in part then in full", async () => {
    reset();
    const dossierId = await citizenDossier();
    const { payment, redirectUrl } = await start(citizen, dossierId);
    expect(payment.amountVnd).toBe(AMOUNT);
    const url = new URL(redirectUrl);
    expect(url.origin + url.pathname).toBe(sim.payUrl);
    expect(url.searchParams.get("vnp_Amount")).toBe(String(AMOUNT * 100));
    expect(url.searchParams.get("vnp_Locale")).toBe("vn");
    expect(url.searchParams.get("vnp_Command")).toBe("pay");

    const { html, location } = await payAtGateway(redirectUrl);
    expect(html).toContain("Thanh toán");
    // The IPN came first (the simulator's default): the payment is paid before the browser is back.
    expect(sim.ipnCalls.at(-1)?.answer).toEqual({ RspCode: "00", Message: "Confirm Success" });
    const back = await returnOf(location);
    expect(back.json()).toMatchObject({
      valid: true,
      paymentId: payment.id,
      gatewaySuccess: true,
      status: "paid",
    });

    const paid = (await getPayment(citizen, payment.id)).json();
    expect(paid.status).toBe("paid");
    expect(paid.receiptCode).toMatch(/^\d{6}\/\d{4}$/);
    // The applicant sees no gateway messages; the unit's staff do.
    expect(paid.events).toEqual([]);
    const staffView = (await getPayment(desk, payment.id)).json();
    expect(staffView.events.map((e: { kind: string }) => e.kind)).toEqual(["redirect", "ipn", "return"]);
    expect(JSON.stringify(staffView)).not.toContain(sim.hashSecret);

    // Paid once: a second payment of the same fees is refused.
    const again = await call(app, citizen, "POST", "/api/v1/payments", { dossierId });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("payments.already_paid");

    const pdf = await call(app, citizen, "GET", `/api/v1/payments/${payment.id}/receipt.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain("BIÊN LAI THU PHÍ, LỆ PHÍ");
    expect(text).toContain(paid.receiptCode);
    expect(text).toContain("Nguyễn Văn An");
    expect(text).toContain("8.000 đ");
    expect(text).toContain(payment.txnRef);

    // Partial refund by the unit's leader; the desk may not.
    expect(
      (await call(app, desk, "POST", `/api/v1/payments/${payment.id}/refunds`, { reason: "x" })).statusCode,
    ).toBe(403);
    const tooMuch = await call(app, leader, "POST", `/api/v1/payments/${payment.id}/refunds`, {
      amountVnd: AMOUNT + 1,
      reason: "Thu thừa",
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].field).toBe("amountVnd");
    const partial = await call(app, leader, "POST", `/api/v1/payments/${payment.id}/refunds`, {
      amountVnd: 3000,
      reason: "Thu thừa một phần",
    });
    expect(partial.statusCode, partial.body).toBe(202);
    expect(partial.json()).toMatchObject({ status: "pending", full: false, amountVnd: 3000 });
    expect(await runDueRefunds(deps())).toBe(1);
    const afterPartial = (await getPayment(leader, payment.id)).json();
    expect(afterPartial).toMatchObject({ status: "partially_refunded", refundedVnd: 3000 });

    const rest = await call(app, leader, "POST", `/api/v1/payments/${payment.id}/refunds`, {
      reason: "Rút hồ sơ",
    });
    expect(rest.statusCode, rest.body).toBe(202);
    expect(rest.json().amountVnd).toBe(AMOUNT - 3000);
    expect(await runDueRefunds(deps())).toBe(1);
    const refunded = (await getPayment(leader, payment.id)).json();
    expect(refunded).toMatchObject({ status: "refunded", refundedVnd: AMOUNT, canRefund: false });
    expect(refunded.refunds.map((r: { status: string }) => r.status)).toEqual(["succeeded", "succeeded"]);
    expect(sim.transactions.get(payment.txnRef)?.refunded).toBe(AMOUNT * 100);
    const nothingLeft = await call(app, leader, "POST", `/api/v1/payments/${payment.id}/refunds`, {
      reason: "x",
    });
    expect(nothingLeft.statusCode).toBe(409);
  });

  it("shows the gateway page in English when asked, and a cancelled payment fails", async () => {
    reset();
    const { payment, redirectUrl } = await start(citizen, await citizenDossier(), "en");
    const { html, location } = await payAtGateway(redirectUrl, "cancel");
    expect(html).toContain("Cancel payment");
    expect((await returnOf(location)).json()).toMatchObject({
      valid: true,
      gatewaySuccess: false,
      responseCode: "24",
    });
    expect((await getPayment(citizen, payment.id)).json().status).toBe("failed");
    const noReceipt = await call(app, citizen, "GET", `/api/v1/payments/${payment.id}/receipt.pdf`);
    expect(noReceipt.statusCode).toBe(409);
  });
});

describe("the IPN", () => {
  it("answers replays with 02 and changes nothing", async () => {
    reset();
    sim.controls.ipn.repeat = 3;
    const { payment, redirectUrl } = await start(citizen, await citizenDossier());
    await payAtGateway(redirectUrl);
    const answers = sim.ipnCalls.slice(-3).map((c) => (c.answer as { RspCode: string }).RspCode);
    expect(answers).toEqual(["00", "02", "02"]);
    const rows = await database.db.select().from(payments).where(eq(payments.id, payment.id));
    expect(rows[0]).toMatchObject({ status: "paid", receiptNo: expect.any(Number) });
    const events = await database.db
      .select()
      .from(paymentEvents)
      .where(eq(paymentEvents.paymentId, payment.id));
    expect(events.filter((e) => e.kind === "ipn").map((e) => e.outcome)).toEqual(["00", "02", "02"]);
  });

  it("refuses a tampered signature (97) and a wrong amount (04); the payment stays pending", async () => {
    reset();
    sim.controls.ipn.mode = "tamper";
    const first = await start(citizen, await citizenDossier());
    await payAtGateway(first.redirectUrl);
    expect(sim.ipnCalls.at(-1)?.answer).toEqual({ RspCode: "97", Message: "Invalid signature" });
    expect((await getPayment(citizen, first.payment.id)).json().status).toBe("pending");

    sim.controls.ipn.mode = "wrongAmount";
    const second = await start(citizen, await citizenDossier());
    await payAtGateway(second.redirectUrl);
    expect(sim.ipnCalls.at(-1)?.answer).toEqual({ RspCode: "04", Message: "Invalid amount" });
    expect((await getPayment(citizen, second.payment.id)).json().status).toBe("pending");
    const rejected = await database.db
      .select()
      .from(paymentEvents)
      .where(eq(paymentEvents.paymentId, second.payment.id));
    expect(rejected.find((e) => e.kind === "ipn")).toMatchObject({ signatureValid: true, outcome: "04" });
  });

  it("answers 01 for an unknown order and 97 without a signature", async () => {
    const params = {
      vnp_Amount: "100000",
      vnp_ResponseCode: "00",
      vnp_TmnCode: sim.tmnCode,
      vnp_TransactionNo: "1",
      vnp_TransactionStatus: "00",
      vnp_TxnRef: "NOSUCHORDER1",
    };
    const unknown = await ipnCall({ ...params, vnp_SecureHash: secureHash(sim.hashSecret, params) });
    expect(unknown.json()).toEqual({ RspCode: "01", Message: "Order not found" });
    expect((await ipnCall(params)).json()).toMatchObject({ RspCode: "97" });
    // Signed with another secret: refused too.
    expect(
      (await ipnCall({ ...params, vnp_SecureHash: secureHash("another-secret", params) })).json().RspCode,
    ).toBe("97");
    expect(signData(params)).toContain("vnp_TxnRef=NOSUCHORDER1");
  });

  it("may arrive after the browser's return: the return changes nothing, the IPN does", async () => {
    reset();
    sim.controls.ipn.delayMs = 300;
    const { payment, redirectUrl } = await start(citizen, await citizenDossier());
    const { location } = await payAtGateway(redirectUrl);
    const back = (await returnOf(location)).json();
    expect(back).toMatchObject({ valid: true, gatewaySuccess: true, status: "pending" });
    await sim.settled();
    expect((await getPayment(citizen, payment.id)).json().status).toBe("paid");
  });

  it("when it never comes, a query of the gateway settles the payment", async () => {
    reset();
    sim.controls.ipn.mode = "drop";
    const { payment, redirectUrl } = await start(citizen, await citizenDossier());
    const { location } = await payAtGateway(redirectUrl);
    expect((await returnOf(location)).json().status).toBe("pending");
    // The gateway is down at first: the query is retried later.
    sim.controls.api.mode = "down";
    expect(await runDueQueries(deps(), new Date(Date.now() + 20_000))).toBe(0);
    expect((await getPayment(citizen, payment.id)).json().status).toBe("pending");
    sim.controls.api.mode = "normal";
    expect(await runDueQueries(deps(), new Date(Date.now() + 120_000))).toBe(1);
    const settled = (await getPayment(desk, payment.id)).json();
    expect(settled.status).toBe("paid");
    expect(
      settled.events
        .filter((e: { kind: string }) => e.kind === "query")
        .map((e: { outcome: string }) => e.outcome),
    ).toEqual(["unavailable", "00"]);
  });
});

describe("refunds while the gateway does not answer", () => {
  it("retries with the same request id and applies the refund once", async () => {
    reset();
    const { payment, redirectUrl } = await start(citizen, await citizenDossier());
    await payAtGateway(redirectUrl);
    const res = await call(app, leader, "POST", `/api/v1/payments/${payment.id}/refunds`, {
      reason: "Hoàn tiền",
    });
    expect(res.statusCode).toBe(202);
    // The gateway does the refund but answers too late: we do not know, so nothing is applied.
    sim.controls.api = { mode: "timeout", slowMs: 1500 };
    expect(await runDueRefunds(deps())).toBe(0);
    let p = (await getPayment(leader, payment.id)).json();
    expect(p).toMatchObject({ status: "paid", refundedVnd: 0 });
    expect(p.refunds[0]).toMatchObject({ status: "pending", attempts: 1 });
    expect(sim.transactions.get(payment.txnRef)?.refunded).toBe(AMOUNT * 100);
    // Not due yet: nothing is sent again before the back-off.
    sim.controls.api = { mode: "normal", slowMs: 0 };
    expect(await runDueRefunds(deps())).toBe(0);
    // Later: the same vnp_RequestId gets the first answer; the refund is applied once.
    expect(await runDueRefunds(deps(), new Date(Date.now() + 5 * 60_000))).toBe(1);
    expect(await runDueRefunds(deps(), new Date(Date.now() + 60 * 60_000))).toBe(0);
    p = (await getPayment(leader, payment.id)).json();
    expect(p).toMatchObject({ status: "refunded", refundedVnd: AMOUNT });
    expect(p.refunds[0]).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(sim.transactions.get(payment.txnRef)?.refunded).toBe(AMOUNT * 100);
    await sim.settled();
  });

  it("never lets refunds add up to more than the payment (database check)", async () => {
    reset();
    const { payment, redirectUrl } = await start(citizen, await citizenDossier());
    await payAtGateway(redirectUrl);
    const [p] = await database.db.select().from(payments).where(eq(payments.id, payment.id));
    await expect(
      database.db.insert(paymentRefunds).values({
        paymentId: p!.id,
        requestId: "RTEST1",
        amountVnd: AMOUNT + 1,
        transactionType: "03",
        reason: "x",
        requestedBy: leader.userId,
      }),
    ).rejects.toThrow();
    await expect(
      database.db.update(payments).set({ amountVnd: 1 }).where(eq(payments.id, p!.id)),
    ).rejects.toThrow();
    await expect(
      database.db.delete(paymentEvents).where(eq(paymentEvents.paymentId, p!.id)),
    ).rejects.toThrow();
  });
});

describe("reconciliation", () => {
  it("matches our records with the gateway's list and flags a mismatched day", async () => {
    reset();
    const today = vietnamDate();
    const a = await start(citizen, await citizenDossier());
    await payAtGateway(a.redirectUrl);
    const b = await start(citizen, await citizenDossier());
    await payAtGateway(b.redirectUrl);
    // c: paid at the gateway, IPN lost, not queried yet: only the gateway has it as paid.
    sim.controls.ipn.mode = "drop";
    const c = await start(citizen, await citizenDossier());
    await payAtGateway(c.redirectUrl);
    reset();
    sim.listOverrides.amounts.set(b.payment.txnRef, 700_000);
    sim.listOverrides.extra.push({ day: today, txnRef: "FOREIGN0001", amount: 12_000, transactionNo: "999" });

    const res = await call(
      app,
      leader,
      "GET",
      `/api/v1/payments/reconciliation?unitId=${ward}&from=${today}&to=${today}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const byRef = new Map(report.rows.map((r: { txnRef: string }) => [r.txnRef, r]));
    expect(byRef.get(a.payment.txnRef)).toMatchObject({
      category: "matched",
      ourAmountVnd: AMOUNT,
      theirAmountVnd: AMOUNT,
    });
    expect(byRef.get(b.payment.txnRef)).toMatchObject({ category: "amount_mismatch", theirAmountVnd: 7000 });
    expect(byRef.get(c.payment.txnRef)).toMatchObject({ category: "only_theirs", ourStatus: "pending" });
    expect(byRef.get("FOREIGN0001")).toMatchObject({ category: "only_theirs", ourStatus: null });
    expect(report.summary.amountMismatch).toBe(1);
    // c, the foreign reference, and the two payments whose IPN was refused above (tampered, wrong
    // amount): the gateway took the money, we never confirmed it — exactly what must stand out.
    expect(report.summary.onlyTheirs).toBe(4);

    const xlsx = await call(
      app,
      leader,
      "GET",
      `/api/v1/payments/reconciliation?unitId=${ward}&from=${today}&to=${today}&format=xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    sim.listOverrides.amounts.clear();
    sim.listOverrides.extra.length = 0;

    // A day with a received payment the gateway does not list: only ours.
    const old = new Date(Date.now() - 3 * 86_400_000);
    await database.db
      .update(payments)
      .set({ paidAt: old.toISOString() })
      .where(eq(payments.id, a.payment.id));
    const day = vietnamDate(old);
    const past = (
      await call(app, leader, "GET", `/api/v1/payments/reconciliation?unitId=${ward}&from=${day}&to=${day}`)
    ).json();
    expect(past.rows).toEqual([expect.objectContaining({ txnRef: a.payment.txnRef, category: "only_ours" })]);
  });
});

describe("who may see and do what", () => {
  it("keeps payments within the unit and the applicant", async () => {
    reset();
    // A dossier received at the desk (no citizen account): the desk starts its payment.
    const received = await call(
      app,
      desk,
      "POST",
      "/api/dossiers",
      { unitId: ward, procedureCode: PROCEDURE, applicant: { name: "Lê Văn Tám" } },
      { "idempotency-key": randomUUID() },
    );
    expect(received.statusCode, received.body).toBe(201);
    const { payment } = await start(desk, received.json().id);
    const otherDesk = await login(app, "tiepnhan.phuxuan");
    expect((await getPayment(otherDesk, payment.id)).statusCode).toBe(404);
    expect((await getPayment(citizen, payment.id)).statusCode).toBe(404);
    expect(
      (await call(app, citizen, "GET", `/api/v1/payments?dossierId=${received.json().id}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(app, citizen, "POST", "/api/v1/payments", { dossierId: received.json().id })).statusCode,
    ).toBe(404);
    expect((await call(app, otherDesk, "GET", `/api/v1/payments?unitId=${ward}`)).statusCode).toBe(404);
    const list = await call(app, desk, "GET", `/api/v1/payments?unitId=${ward}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((p: { id: string }) => p.id === payment.id)).toBe(true);
    expect((await call(app, null, "GET", `/api/v1/payments/${payment.id}`)).statusCode).toBe(401);
  });

  it("refuses clearly when payments are off", async () => {
    const off = await buildApp({ database, config: testConfig({ MOTCUA_DEMO: "0" }), logger: false });
    try {
      const session = await login(off, "congdan@motcua.example");
      const res = await call(off, session, "POST", "/api/v1/payments", { dossierId: await citizenDossier() });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: "payments.disabled",
        message: { vi: expect.any(String), en: expect.any(String) },
      });
    } finally {
      await off.close();
    }
  });
});
