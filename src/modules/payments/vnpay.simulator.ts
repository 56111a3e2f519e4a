// A local stand-in for the VNPAY gateway (a small Fastify app on 127.0.0.1, port 0 by default),
// for the demo, the tests and the browser tests. It speaks the same protocol as vnpay.ts: the
// payment page at /paymentv2/vpcpay.html (pay / cancel, in the language of vnp_Locale), the
// signed redirect back to vnp_ReturnUrl, the server-to-server IPN call, and the JSON API at
// /merchant_webapi/api/transaction (querydr, refund, and "translist", our stand-in for the
// merchant portal's daily transaction list).
//
// Switches (`sim.controls`) make it misbehave the way a real gateway or network can: delay,
// repeat, drop or tamper the IPN (or send a wrong amount), answer the API late (the work is done
// but the answer never arrives in time) or not at all ("down"). Nothing here is used in production.
import Fastify, { type FastifyInstance } from "fastify";
import {
  hmacSha512,
  queryDrData,
  queryDrResponseData,
  refundData,
  refundResponseData,
  sameSignature,
  secureHash,
  signData,
  transListData,
  vnpDate,
} from "./vnpay.ts";

export type SimTransaction = {
  txnRef: string;
  amount: number;
  orderInfo: string;
  locale: "vn" | "en";
  returnUrl: string;
  createDate: string;
  status: "pending" | "paid" | "cancelled";
  transactionNo: string | null;
  payDate: string | null;
  bankCode: string;
  refunds: Map<string, { amount: number; code: string; transactionNo: string }>;
  refunded: number;
};

export type SimControls = {
  ipn: {
    /** normal; drop (never called); tamper (signature broken); wrongAmount (signed, amount changed). */
    mode: "normal" | "drop" | "tamper" | "wrongAmount";
    /** > 0: the browser is redirected first and the IPN follows after this delay. */
    delayMs: number;
    /** How many times the IPN is sent (replays). */
    repeat: number;
  };
  api: {
    /** down: HTTP 503, nothing done; timeout: the work is done, the answer comes after `slowMs`. */
    mode: "normal" | "down" | "timeout";
    slowMs: number;
  };
};

export type IpnCall = { url: string; status: number; answer: unknown; at: string };

export type VnpaySimulator = {
  url: string;
  payUrl: string;
  apiUrl: string;
  tmnCode: string;
  hashSecret: string;
  /** Where the IPN goes (the merchant's IPN URL, registered with VNPAY outside the protocol). */
  ipnUrl: string;
  controls: SimControls;
  transactions: Map<string, SimTransaction>;
  ipnCalls: IpnCall[];
  /** Extra or altered rows of the daily list, for reconciliation tests. */
  listOverrides: {
    extra: { day: string; txnRef: string; amount: number; transactionNo: string }[];
    amounts: Map<string, number>;
  };
  /** The IPN calls still under way (delayed or repeated). */
  settled(): Promise<void>;
  close(): Promise<void>;
};

export const DEMO_VNPAY = { tmnCode: "MOTCUA01", hashSecret: "MOTCUADEMOSECRETNOTFORPRODUCTION1" } as const;

const TEXT = {
  vn: {
    title: "Cổng thanh toán VNPAY (mô phỏng)",
    merchant: "Đơn vị chấp nhận",
    amount: "Số tiền",
    order: "Nội dung",
    pay: "Thanh toán",
    cancel: "Hủy giao dịch",
    note: "Trang mô phỏng cho môi trường thử nghiệm, không trừ tiền thật.",
    badSignature: "Sai chữ ký (mã lỗi 70).",
    unknown: "Giao dịch không tồn tại hoặc đã xử lý.",
  },
  en: {
    title: "VNPAY payment gateway (simulator)",
    merchant: "Merchant",
    amount: "Amount",
    order: "Order",
    pay: "Pay",
    cancel: "Cancel payment",
    note: "A simulated page for testing; no real money is taken.",
    badSignature: "Invalid signature (error 70).",
    unknown: "No such transaction, or it was already handled.",
  },
} as const;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const page = (lang: "vn" | "en", body: string) =>
  `<!doctype html><html lang="${lang === "vn" ? "vi" : "en"}"><head><meta charset="utf-8"><title>${esc(TEXT[lang].title)}</title>` +
  `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
  `<body style="font-family:sans-serif;max-width:32rem;margin:2rem auto"><h1>${esc(TEXT[lang].title)}</h1>${body}</body></html>`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startVnpaySimulator(
  options: { tmnCode?: string; hashSecret?: string; ipnUrl?: string; port?: number; host?: string } = {},
): Promise<VnpaySimulator> {
  const tmnCode = options.tmnCode ?? DEMO_VNPAY.tmnCode;
  const hashSecret = options.hashSecret ?? DEMO_VNPAY.hashSecret;
  const app: FastifyInstance = Fastify({ logger: false });
  const pending = new Set<Promise<unknown>>();
  let seq = 14_000_000;

  const sim: VnpaySimulator = {
    url: "",
    payUrl: "",
    apiUrl: "",
    tmnCode,
    hashSecret,
    ipnUrl: options.ipnUrl ?? "",
    controls: { ipn: { mode: "normal", delayMs: 0, repeat: 1 }, api: { mode: "normal", slowMs: 0 } },
    transactions: new Map(),
    ipnCalls: [],
    listOverrides: { extra: [], amounts: new Map() },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      await sim.settled();
      await app.close();
    },
  };

  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => {});
    return p;
  };

  /** The signed result parameters of a finished payment. */
  function resultParams(t: SimTransaction): Record<string, string> {
    const paid = t.status === "paid";
    const params: Record<string, string> = {
      vnp_Amount: String(t.amount),
      vnp_BankCode: t.bankCode,
      vnp_CardType: "ATM",
      vnp_OrderInfo: t.orderInfo,
      vnp_PayDate: t.payDate ?? vnpDate(new Date()),
      vnp_ResponseCode: paid ? "00" : "24",
      vnp_TmnCode: tmnCode,
      vnp_TransactionNo: t.transactionNo ?? "0",
      vnp_TransactionStatus: paid ? "00" : "02",
      vnp_TxnRef: t.txnRef,
      ...(paid ? { vnp_BankTranNo: `VNP${t.transactionNo}` } : {}),
    };
    return { ...params, vnp_SecureHash: secureHash(hashSecret, params) };
  }

  async function callIpn(params: Record<string, string>) {
    const { mode } = sim.controls.ipn;
    if (mode === "drop" || !sim.ipnUrl) return;
    let sent = { ...params };
    if (mode === "tamper") sent = { ...sent, vnp_Amount: String(Number(sent.vnp_Amount) * 10) };
    if (mode === "wrongAmount") {
      const { vnp_SecureHash: _, ...rest } = sent;
      const altered = { ...rest, vnp_Amount: String(Number(rest.vnp_Amount) + 100_000) };
      sent = { ...altered, vnp_SecureHash: secureHash(hashSecret, altered) };
    }
    const query = new URLSearchParams(Object.entries(sent).map(([k, v]) => [k, v])).toString();
    for (let i = 0; i < Math.max(1, sim.controls.ipn.repeat); i++) {
      const url = `${sim.ipnUrl}?${query}`;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        const text = await res.text();
        let answer: unknown = text;
        try {
          answer = JSON.parse(text);
        } catch {}
        sim.ipnCalls.push({ url, status: res.status, answer, at: new Date().toISOString() });
      } catch (err) {
        sim.ipnCalls.push({ url, status: 0, answer: String(err), at: new Date().toISOString() });
      }
    }
  }

  app.get("/paymentv2/vpcpay.html", async (request, reply) => {
    const q = request.query as Record<string, string>;
    const lang = q.vnp_Locale === "en" ? "en" : "vn";
    const t = TEXT[lang];
    reply.type("text/html; charset=utf-8");
    const given = q.vnp_SecureHash ?? "";
    if (!given || !sameSignature(given, secureHash(hashSecret, q)) || q.vnp_TmnCode !== tmnCode)
      return reply.status(400).send(page(lang, `<p role="alert">${esc(t.badSignature)}</p>`));
    const existing = sim.transactions.get(q.vnp_TxnRef ?? "");
    if (existing && existing.status !== "pending")
      return reply.status(409).send(page(lang, `<p role="alert">${esc(t.unknown)}</p>`));
    const tx: SimTransaction = existing ?? {
      txnRef: q.vnp_TxnRef!,
      amount: Number(q.vnp_Amount),
      orderInfo: q.vnp_OrderInfo ?? "",
      locale: lang,
      returnUrl: q.vnp_ReturnUrl ?? "",
      createDate: q.vnp_CreateDate ?? vnpDate(new Date()),
      status: "pending",
      transactionNo: null,
      payDate: null,
      bankCode: q.vnp_BankCode || "NCB",
      refunds: new Map(),
      refunded: 0,
    };
    sim.transactions.set(tx.txnRef, tx);
    const amount = new Intl.NumberFormat(lang === "vn" ? "vi-VN" : "en-US").format(tx.amount / 100);
    const ref = encodeURIComponent(tx.txnRef);
    return page(
      lang,
      `<dl><dt>${esc(t.merchant)}</dt><dd>${esc(tmnCode)}</dd><dt>${esc(t.amount)}</dt><dd data-testid="amount">${esc(amount)} VND</dd>` +
        `<dt>${esc(t.order)}</dt><dd>${esc(tx.orderInfo)}</dd></dl>` +
        `<p><a role="button" id="pay" href="/paymentv2/complete?ref=${ref}&amp;action=pay">${esc(t.pay)}</a> ` +
        `<a role="button" id="cancel" href="/paymentv2/complete?ref=${ref}&amp;action=cancel">${esc(t.cancel)}</a></p>` +
        `<p><small>${esc(t.note)}</small></p>`,
    );
  });

  app.get("/paymentv2/complete", async (request, reply) => {
    const { ref, action } = request.query as { ref?: string; action?: string };
    const tx = sim.transactions.get(ref ?? "");
    if (tx?.status !== "pending")
      return reply
        .status(409)
        .type("text/html; charset=utf-8")
        .send(page("vn", `<p>${esc(TEXT.vn.unknown)}</p>`));
    if (action === "pay") {
      tx.status = "paid";
      tx.transactionNo = String(++seq);
      tx.payDate = vnpDate(new Date());
    } else tx.status = "cancelled";
    const params = resultParams(tx);
    // VNPAY calls the IPN and redirects the browser; which arrives first is not guaranteed.
    if (sim.controls.ipn.delayMs > 0) {
      const delay = sim.controls.ipn.delayMs;
      void track(sleep(delay).then(() => callIpn(params)));
    } else await track(callIpn(params));
    const sep = tx.returnUrl.includes("?") ? "&" : "?";
    return reply.redirect(
      `${tx.returnUrl}${sep}${signData(params)}&vnp_SecureHash=${params.vnp_SecureHash}`,
      302,
    );
  });

  app.post("/merchant_webapi/api/transaction", async (request, reply) => {
    const b = (request.body ?? {}) as Record<string, string>;
    const { mode, slowMs } = sim.controls.api;
    if (mode === "down") return reply.status(503).send({ error: "service unavailable" });
    const answer = apiAnswer(b);
    if (mode === "timeout") await sleep(slowMs);
    return answer;
  });

  function signedAnswer(fields: Record<string, string>, data: (r: Record<string, unknown>) => string) {
    return { ...fields, vnp_SecureHash: hmacSha512(hashSecret, data(fields)) };
  }

  function apiAnswer(b: Record<string, string>): Record<string, unknown> {
    const responseId = `R${++seq}`;
    const now = vnpDate(new Date());
    if (b.vnp_Command === "querydr") {
      const expected = hmacSha512(hashSecret, queryDrData(b));
      if (!sameSignature(b.vnp_SecureHash ?? "", expected))
        return {
          vnp_ResponseId: responseId,
          vnp_Command: "querydr",
          vnp_ResponseCode: "97",
          vnp_Message: "Invalid checksum",
        };
      const tx = sim.transactions.get(b.vnp_TxnRef ?? "");
      if (!tx)
        return signedAnswer(
          {
            vnp_ResponseId: responseId,
            vnp_Command: "querydr",
            vnp_ResponseCode: "91",
            vnp_Message: "Transaction not found",
            vnp_TmnCode: tmnCode,
            vnp_TxnRef: b.vnp_TxnRef ?? "",
          },
          queryDrResponseData,
        );
      const status = tx.status === "paid" ? "00" : tx.status === "pending" ? "01" : "02";
      return signedAnswer(
        {
          vnp_ResponseId: responseId,
          vnp_Command: "querydr",
          vnp_ResponseCode: "00",
          vnp_Message: "QueryDR Success",
          vnp_TmnCode: tmnCode,
          vnp_TxnRef: tx.txnRef,
          vnp_Amount: String(tx.amount),
          vnp_BankCode: tx.bankCode,
          vnp_PayDate: tx.payDate ?? "",
          vnp_TransactionNo: tx.transactionNo ?? "",
          vnp_TransactionType: "01",
          vnp_TransactionStatus: status,
          vnp_OrderInfo: tx.orderInfo,
          vnp_PromotionCode: "",
          vnp_PromotionAmount: "",
        },
        queryDrResponseData,
      );
    }
    if (b.vnp_Command === "refund") {
      const expected = hmacSha512(hashSecret, refundData(b));
      const base = {
        vnp_ResponseId: responseId,
        vnp_Command: "refund",
        vnp_TmnCode: tmnCode,
        vnp_TxnRef: b.vnp_TxnRef ?? "",
      };
      if (!sameSignature(b.vnp_SecureHash ?? "", expected))
        return signedAnswer(
          { ...base, vnp_ResponseCode: "97", vnp_Message: "Invalid checksum" },
          refundResponseData,
        );
      const tx = sim.transactions.get(b.vnp_TxnRef ?? "");
      if (tx?.status !== "paid")
        return signedAnswer(
          { ...base, vnp_ResponseCode: "91", vnp_Message: "Transaction not found" },
          refundResponseData,
        );
      const requestId = b.vnp_RequestId ?? "";
      const amount = Number(b.vnp_Amount);
      let done = tx.refunds.get(requestId);
      if (!done) {
        // A repeated request id answers what the first one got, without refunding again.
        const full = b.vnp_TransactionType === "02";
        const code =
          !Number.isInteger(amount) || amount <= 0 || tx.refunded + amount > tx.amount
            ? "03"
            : full && (tx.refunded > 0 || amount !== tx.amount)
              ? "03"
              : "00";
        done = { amount, code, transactionNo: String(++seq) };
        tx.refunds.set(requestId, done);
        if (code === "00") tx.refunded += amount;
      }
      return signedAnswer(
        {
          ...base,
          vnp_ResponseCode: done.code,
          vnp_Message: done.code === "00" ? "Refund success" : "Invalid refund amount",
          vnp_Amount: String(done.amount),
          vnp_BankCode: tx.bankCode,
          vnp_PayDate: now,
          vnp_TransactionNo: done.transactionNo,
          vnp_TransactionType: b.vnp_TransactionType ?? "",
          vnp_TransactionStatus: done.code === "00" ? "05" : "06",
          vnp_OrderInfo: b.vnp_OrderInfo ?? "",
        },
        refundResponseData,
      );
    }
    if (b.vnp_Command === "translist") {
      const expected = hmacSha512(hashSecret, transListData(b));
      if (!sameSignature(b.vnp_SecureHash ?? "", expected))
        return { vnp_ResponseId: responseId, vnp_ResponseCode: "97", vnp_Message: "Invalid checksum" };
      const day = b.vnp_TransDate ?? "";
      const rows = [...sim.transactions.values()]
        .filter((t) => t.status === "paid" && t.payDate?.startsWith(day))
        .map((t) => ({
          vnp_TxnRef: t.txnRef,
          vnp_Amount: String(sim.listOverrides.amounts.get(t.txnRef) ?? t.amount),
          vnp_TransactionNo: t.transactionNo,
          vnp_TransactionStatus: "00",
          vnp_PayDate: t.payDate,
        }));
      for (const x of sim.listOverrides.extra.filter((e) => e.day.replace(/-/g, "") === day))
        rows.push({
          vnp_TxnRef: x.txnRef,
          vnp_Amount: String(x.amount * 100),
          vnp_TransactionNo: x.transactionNo,
          vnp_TransactionStatus: "00",
          vnp_PayDate: `${day}120000`,
        });
      return {
        vnp_ResponseId: responseId,
        vnp_ResponseCode: "00",
        vnp_Message: "OK",
        vnp_Transactions: rows,
      };
    }
    return { vnp_ResponseId: responseId, vnp_ResponseCode: "99", vnp_Message: "Unknown command" };
  }

  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  sim.url = address.replace("localhost", "127.0.0.1");
  sim.payUrl = `${sim.url}/paymentv2/vpcpay.html`;
  sim.apiUrl = `${sim.url}/merchant_webapi/api/transaction`;
  return sim;
}
