// The outbox worker against the real database and a real SMTP server started here
// (smtp-server on 127.0.0.1, a free port): what the server receives is parsed and checked.
import { Writable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, pgUrl } from "../../../test/db.ts";
import { freePort, type Smtp, startSmtp } from "../../../test/smtp.ts";
import { type Database, openDatabase, queryRows } from "../../db/client.ts";
import { decryptField } from "../../db/encrypted.ts";
import { outbox } from "../../db/schema.ts";
import { loggerOptions } from "../../shared/logger.ts";
import { createLogSmsSender, createSmtpMailSender, type MailSender, type SmsMessage } from "./channels.ts";
import { enqueue, type Notification } from "./outbox.ts";
import { createOutboxWorker, type OutboxWorkerOptions } from "./outbox.worker.ts";

// --- fixtures ---------------------------------------------------------------------------------

const lines: string[] = [];
const logger = pino(
  loggerOptions("info"),
  new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  }),
);

let database: Database;
let smtp: Smtp;
let mail: MailSender;
const sms = createLogSmsSender(logger);

const worker = (overrides: Partial<OutboxWorkerOptions> = {}) =>
  createOutboxWorker({ db: database.db, logger, mail, sms, pollMs: 50, ...overrides });

const payload = (code: string) => ({
  code,
  procedureName: "Đăng ký khai sinh",
  applicantName: "Nguyễn Văn An",
  receivedAt: "2025-07-01T02:30:00.000Z",
  dueAt: "2025-07-03T09:00:00.000Z",
  lookupUrl: `https://motcua.example/tra-cuu/${code}`,
});

const email = (code: string, over: Partial<Notification> = {}): Notification => ({
  channel: "email",
  template: "dossier.received",
  recipient: "an@example.vn",
  payload: payload(code),
  dedupeKey: `received:${code}:email`,
  ...over,
});

async function add(...items: Notification[]) {
  await database.db.transaction((tx) => enqueue(tx, items));
}

type Row = typeof outbox.$inferSelect;
async function row(code: string): Promise<Row & { waitSeconds: number }> {
  const [r] = await database.db.select().from(outbox).where(sql`${outbox.payload}->>'code' = ${code}`);
  if (!r) throw new Error(`no outbox row for ${code}`);
  const [w] = await queryRows<{ wait: string | number }>(
    database.db,
    sql`SELECT extract(epoch FROM next_attempt_at - now()) AS wait FROM outbox WHERE id = ${r.id}`,
  );
  return { ...r, waitSeconds: Number(w!.wait) };
}

/** Pretends time has passed: the row is due now. */
const makeDue = (id: number) =>
  database.db
    .update(outbox)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(eq(outbox.id, id));

beforeAll(async () => {
  database = await openTestDatabase();
  smtp = await startSmtp();
  mail = createSmtpMailSender({
    url: `smtp://127.0.0.1:${smtp.port}`,
    from: "Một cửa <no-reply@motcua.local>",
  });
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});
beforeEach(async () => {
  await database.db.delete(outbox);
  smtp.messages.length = 0;
  lines.length = 0;
});

// --- tests ------------------------------------------------------------------------------------

describe("outbox worker", () => {
  it("sends a Vietnamese e-mail over SMTP and marks the row sent", async () => {
    const code = "000.00.12.H12-250701-0001";
    await add(email(code));
    expect(await worker().runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });

    expect(smtp.messages).toHaveLength(1);
    const m = smtp.messages[0]!;
    const r = await row(code);
    expect(m.envelopeTo).toEqual(["an@example.vn"]);
    expect(m.to).toBe("an@example.vn");
    expect(m.from).toBe("Một cửa <no-reply@motcua.local>");
    expect(m.subject).toBe(`Đã tiếp nhận hồ sơ ${code}`);
    expect(m.messageId).toBe(`<outbox-${r.id}@motcua>`);
    expect(m.text).toContain(`Mã hồ sơ: ${code}`);
    expect(m.text).toContain("Kính gửi ông/bà Nguyễn Văn An,");
    expect(m.text).toContain("Hẹn trả kết quả: 03/07/2025 16:00");
    expect(m.html).toContain(code);
    expect(m.html).toContain('<html lang="vi">');

    expect(r).toMatchObject({ status: "sent", attempts: 1, lockedUntil: null, lastError: null });
    // At rest the address is a ciphertext bound to outbox.recipient; the message went to the plaintext.
    expect(r.recipient).toMatch(/^v1\./);
    expect(r.recipient).not.toContain("example");
    expect(decryptField(r.recipient, "outbox.recipient")).toBe("an@example.vn");
    expect(r.sentAt).not.toBeNull();
    expect(r.providerId).toBe("Q1"); // the server's queue id from "250 … queued as Q1"

    // Nothing left to do: a second run sends nothing.
    expect(await worker().runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  it("sends English when the row's locale is en", async () => {
    await add(email("EN-1", { locale: "en" }));
    await worker().runOnce();
    expect(smtp.messages[0]!.subject).toBe("Application EN-1 received");
  });

  it("enqueues a dedupe key once: the same notification twice is one message", async () => {
    await add(email("DUP-1"));
    await add(email("DUP-1")); // a retried command
    await add(email("DUP-1", { recipient: "other@example.vn" }), email("DUP-1"));
    expect(await database.db.select().from(outbox)).toHaveLength(1);
    expect(await worker().runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await worker().runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(smtp.messages.map((m) => m.envelopeTo)).toEqual([["an@example.vn"]]);
  });

  it("backs off while the SMTP server is down, then sends exactly once when it is back", async () => {
    const port = await freePort(); // nothing listens there
    const w = worker({
      mail: createSmtpMailSender({
        url: `smtp://127.0.0.1:${port}`,
        from: "Một cửa <no-reply@motcua.local>",
      }),
    });
    await add(email("DOWN-1"));

    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    let r = await row("DOWN-1");
    expect(r).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null, sentAt: null });
    expect(r.lastError).toMatch(/ECONNREFUSED|ESOCKET|connect/i);
    expect(r.waitSeconds).toBeGreaterThan(28); // 30 s after the first failure
    expect(r.waitSeconds).toBeLessThanOrEqual(30);
    // Not due yet: another run leaves it alone.
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });

    // Time passes; still down: the delay doubles.
    await makeDue(r.id);
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    r = await row("DOWN-1");
    expect(r.attempts).toBe(2);
    expect(r.waitSeconds).toBeGreaterThan(58);
    expect(r.waitSeconds).toBeLessThanOrEqual(60);

    // The server comes back on that port, and time passes.
    const back = await startSmtp(port);
    try {
      await makeDue(r.id);
      expect(await w.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
      expect(await w.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
      await makeDue(r.id); // even if due again, a sent row is never taken again
      expect(await w.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
      expect(back.messages).toHaveLength(1);
      expect(back.messages[0]!.messageId).toBe(`<outbox-${r.id}@motcua>`);
      r = await row("DOWN-1");
      expect(r).toMatchObject({ status: "sent", attempts: 3 });
      expect(r.lastError).toMatch(/ECONNREFUSED|ESOCKET|connect/i); // kept: why it took three
    } finally {
      await back.close();
    }
  });

  it("marks a row failed after maxAttempts, with the last error", async () => {
    const port = await freePort();
    const w = worker({
      maxAttempts: 2,
      mail: createSmtpMailSender({ url: `smtp://127.0.0.1:${port}`, from: "x <x@motcua.local>" }),
    });
    await add(email("MAX-1"));
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    await makeDue((await row("MAX-1")).id);
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    const r = await row("MAX-1");
    expect(r).toMatchObject({ status: "failed", attempts: 2, lockedUntil: null, sentAt: null });
    expect(r.lastError).toMatch(/ECONNREFUSED|ESOCKET|connect/i);
    await makeDue(r.id);
    expect(await w.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
  });

  it("fails at once, without retrying, when the server refuses the recipient or the payload is bad", async () => {
    await add(
      email("REJ-1", { recipient: "nobody@example.vn" }),
      email("BAD-1", { payload: { ...payload("BAD-1"), dueAt: "soon" } }),
      email("BAD-2", { recipient: "not an address" }),
      email("BAD-3", { template: "dossier.result_ready" }), // resultDelivery missing
      email("OK-1"),
    );
    expect(await worker().runOnce()).toEqual({ sent: 1, failed: 4, retried: 0 });
    const rej = await row("REJ-1");
    expect(rej).toMatchObject({ status: "failed", attempts: 1 });
    expect(rej.lastError).toContain("550");
    expect(rej.lastError).not.toContain("nobody@example.vn"); // addresses masked in last_error
    expect((await row("BAD-1")).lastError).toMatch(/dueAt/);
    expect((await row("BAD-2")).lastError).toMatch(/not an e-mail address/);
    expect((await row("BAD-3")).lastError).toMatch(/resultDelivery/);
    expect(smtp.messages.map((m) => m.subject)).toEqual(["Đã tiếp nhận hồ sơ OK-1"]);
    expect(lines.join("")).not.toContain("nobody@example.vn");
  });

  it("sends an SMS through the logging driver, the phone number masked in the log", async () => {
    await add(
      email("SMS-1", {
        channel: "sms",
        template: "dossier.result_ready",
        recipient: "0912 345 678",
        payload: { ...payload("SMS-1"), resultDelivery: "desk" },
        dedupeKey: "result:SMS-1:sms",
      }),
    );
    expect(await worker().runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    const r = await row("SMS-1");
    expect(r.status).toBe("sent");
    expect(r.providerId).toMatch(/^log-/);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.channel === "sms");
    expect(logged).toMatchObject({
      to: "091****678",
      text: "Hồ sơ SMS-1 đã có kết quả. Mời ông/bà đến Bộ phận Một cửa nhận kết quả.",
    });
    expect(lines.join("")).not.toContain("0912345678");
    expect(smtp.messages).toHaveLength(0);
  });

  it("stores an SMS recipient encrypted and sends to the plaintext number; a portal row's recipient stays clear", async () => {
    await add(
      email("SMS-2", {
        channel: "sms",
        template: "dossier.result_ready",
        recipient: "0987 654 321",
        payload: { ...payload("SMS-2"), resultDelivery: "desk" },
        dedupeKey: "result:SMS-2:sms",
      }),
    );
    await database.db.insert(outbox).values({
      channel: "national-portal",
      template: "np.status",
      recipient: "G22.99-250701-0001",
      payload: { code: "PORTAL-1" },
      dedupeKey: "np:test:PORTAL-1",
    });
    const stored = await row("SMS-2");
    expect(stored.recipient).toMatch(/^v1\./);
    expect(stored.recipient.replace(/\D/g, "")).not.toContain("654321");
    expect(decryptField(stored.recipient, "outbox.recipient")).toBe("0987 654 321");
    const texts: SmsMessage[] = [];
    const portal: string[] = [];
    const result = await worker({
      sms: {
        send: async (m) => {
          texts.push(m);
          return { providerId: "cap-1" };
        },
      },
      senders: {
        "national-portal": {
          send: async (m) => {
            portal.push(m.recipient);
            return { providerId: "np-1" };
          },
        },
      },
    }).runOnce();
    expect(result).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(texts.map((t) => t.to)).toEqual(["0987654321"]);
    expect(portal).toEqual(["G22.99-250701-0001"]);
    expect((await row("SMS-2")).status).toBe("sent");
  });

  it("takes back a row whose worker died mid-send (lease expired) with the same Message-ID, never one under a live lease", async () => {
    await add(email("CRASH-1"), email("LEASED-1"));
    const crashed = await row("CRASH-1");
    const leased = await row("LEASED-1");
    // As a dead worker leaves them: claimed, attempt counted, not marked.
    await database.db
      .update(outbox)
      .set({ status: "sending", attempts: 1, lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(outbox.id, crashed.id));
    await database.db
      .update(outbox)
      .set({ status: "sending", attempts: 1, lockedUntil: sql`now() + interval '5 minutes'` })
      .where(eq(outbox.id, leased.id));
    expect(await worker().runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(smtp.messages.map((m) => m.messageId)).toEqual([`<outbox-${crashed.id}@motcua>`]);
    expect(await row("CRASH-1")).toMatchObject({ status: "sent", attempts: 2 });
    expect(await row("LEASED-1")).toMatchObject({ status: "sending", attempts: 1 });
  });

  it("polls once started, in order, and stops cleanly", async () => {
    const w = worker({ pollMs: 20, batchSize: 2 });
    await add(email("POLL-1"), email("POLL-2"), email("POLL-3"));
    w.start();
    w.start(); // idempotent
    const deadline = Date.now() + 10_000;
    while (smtp.messages.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await w.stop();
    expect(smtp.messages.map((m) => m.subject)).toEqual([
      "Đã tiếp nhận hồ sơ POLL-1",
      "Đã tiếp nhận hồ sơ POLL-2",
      "Đã tiếp nhận hồ sơ POLL-3",
    ]);
    // Stopped: a new row stays pending.
    await add(email("POLL-4"));
    await new Promise((r) => setTimeout(r, 100));
    expect((await row("POLL-4")).status).toBe("pending");
  });

  it("stop() hands back the rows of the batch it has not sent yet", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let calls = 0;
    const slow: MailSender = {
      async send(msg) {
        calls += 1;
        await gate;
        return mail.send(msg);
      },
    };
    const w = worker({ mail: slow, batchSize: 10 });
    await add(email("STOP-1"), email("STOP-2"), email("STOP-3"));
    const run = w.runOnce();
    while (calls === 0) await new Promise((r) => setTimeout(r, 5));
    const stopped = w.stop();
    release();
    await stopped;
    expect(await run).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await row("STOP-1")).toMatchObject({ status: "sent", attempts: 1 });
    for (const code of ["STOP-2", "STOP-3"]) {
      expect(await row(code)).toMatchObject({ status: "pending", attempts: 0, lockedUntil: null });
    }
  });

  it("hands back the rest of a batch past half the lease, so no send outlives its claim", async () => {
    const slow: MailSender = {
      async send(msg) {
        await new Promise((r) => setTimeout(r, 600));
        return mail.send(msg);
      },
    };
    await add(email("LEASE-1"), email("LEASE-2"), email("LEASE-3"));
    expect(await worker({ mail: slow, leaseMs: 1000 }).runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await row("LEASE-1")).toMatchObject({ status: "sent", attempts: 1 });
    for (const code of ["LEASE-2", "LEASE-3"]) {
      expect(await row(code)).toMatchObject({ status: "pending", attempts: 0, lockedUntil: null });
    }
  });
});

describe.skipIf(process.env.MOTCUA_TEST_DB !== "pg")("outbox worker on PostgreSQL", () => {
  // PGlite is one connection in one process: two workers there cannot run at the same time,
  // so the race this guards against only exists on PostgreSQL (npm run test:pg).
  it("two workers on separate connections deliver each of 20 messages exactly once", async () => {
    const [{ name }] = (await queryRows<{ name: string }>(
      database.db,
      sql`SELECT current_database() AS name`,
    )) as [{ name: string }];
    const other = await openDatabase({ databaseUrl: pgUrl(name), poolSize: 2 });
    const slowSmtp = await startSmtp(0, { delayMs: 15 });
    try {
      const slowMail = createSmtpMailSender({
        url: `smtp://127.0.0.1:${slowSmtp.port}`,
        from: "x <x@motcua.local>",
      });
      const codes = Array.from({ length: 20 }, (_, i) => `PAR-${String(i + 1).padStart(2, "0")}`);
      await add(...codes.map((c) => email(c)));
      const a = createOutboxWorker({ db: database.db, logger, mail: slowMail, sms, batchSize: 3 });
      const b = createOutboxWorker({ db: other.db, logger, mail: slowMail, sms, batchSize: 3 });
      const drain = async (w: typeof a) => {
        let sent = 0;
        for (;;) {
          const r = await w.runOnce();
          sent += r.sent;
          if (r.sent + r.failed + r.retried === 0) return sent;
        }
      };
      const [sentA, sentB] = await Promise.all([drain(a), drain(b)]);
      expect(sentA + sentB).toBe(20);
      expect(sentA).toBeGreaterThan(0);
      expect(sentB).toBeGreaterThan(0);
      expect(slowSmtp.messages).toHaveLength(20);
      expect(new Set(slowSmtp.messages.map((m) => m.messageId)).size).toBe(20);
      expect(slowSmtp.messages.map((m) => m.subject).sort()).toEqual(
        codes.map((c) => `Đã tiếp nhận hồ sơ ${c}`),
      );
      const rows = await database.db.select().from(outbox);
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    } finally {
      await slowSmtp.close();
      await other.close();
    }
  });
});
