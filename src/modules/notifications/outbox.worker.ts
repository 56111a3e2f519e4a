// The outbox worker: claims due rows, sends them through the channels, records the outcome.
//
// What it guarantees. Exactly-once delivery is impossible over SMTP (or any SMS gateway): if the
// process dies after the server accepted a message and before the row is marked sent, nobody can
// tell whether the message left, and the only safe choice is to send it again. So delivery is
// AT-LEAST-ONCE, and duplicates are confined to that crash window:
// - a row is claimed by one worker at a time: the claim is one statement that locks the due rows
//   (`FOR UPDATE SKIP LOCKED`, so concurrent workers on other connections take other rows) and
//   gives them a lease (`locked_until`); another worker takes the row again only after the lease
//   has run out, which the worker never lets happen during a send (it stops taking new sends from
//   a batch at half the lease and hands the rest back);
// - every outcome is written fenced by the attempt number the claim produced, so a worker that
//   somehow lost its lease cannot overwrite the outcome of the attempt that replaced it;
// - every send of a row carries the same Message-ID, `<outbox-{id}@motcua>`, so a receiving
//   system (or a person) can recognise a resend after a crash as the same message;
// - `dedupe_key` is unique (outbox.ts), so a retried command never enqueues a second row.
//
// Failures: a transient one (server down, 4xx reply, timeout) is retried with exponential
// back-off, `base * 2^(attempts-1)` capped, until `maxAttempts`; a permanent one (bad payload,
// bad recipient, 5xx reply) marks the row `failed` at once. `last_error` keeps the reason.
//
// Channels: e-mail and SMS are rendered from templates here; any other channel is delivered by
// the `ChannelSender` given for it in `senders` (the national portal: an HTTP POST carrying the
// row's dedupe key as its Idempotency-Key). Rows of a channel without a sender are not claimed:
// they wait in the table until a worker that can deliver them runs.
//
// PGlite has one connection: the worker never runs two queries at once (claim, then each send
// followed by its mark, one after another) and never holds a transaction across a send.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { queryRows } from "../../db/client.ts";
import { outbox } from "../../db/schema.ts";
import { maskEmail, maskPhone } from "../../shared/mask.ts";
import {
  type ChannelLogger,
  type MailSender,
  PermanentSendError,
  type SendResult,
  type SmsSender,
} from "./channels.ts";
import { openSecrets, plainRecipient } from "./outbox.ts";
import { type Locale, renderEmail, renderSms, TemplateError } from "./templates.ts";

/** An outbox row as a pluggable channel receives it. */
export type OutboxMessage = {
  id: number;
  channel: string;
  template: string;
  recipient: string;
  payload: unknown;
  /** Unique per row and the same at every attempt: the idempotency key of the delivery. */
  dedupeKey: string;
  attempts: number;
};

/**
 * Delivers the rows of one channel. Throw `PermanentSendError` for a refusal that sending again
 * would get again (the row fails at once, logged at error level); any other error is retried.
 */
export interface ChannelSender {
  send(message: OutboxMessage): Promise<SendResult>;
  /** Attempts before a row of this channel is marked failed (default: the worker's maxAttempts). */
  maxAttempts?: number;
}

export type OutboxWorkerOptions = {
  db: Db;
  logger: ChannelLogger;
  mail: MailSender;
  sms: SmsSender;
  /** Senders of further channels, by channel name (e.g. "national-portal"). */
  senders?: Record<string, ChannelSender>;
  /** Pause between polls when there is nothing more to do (default 2000 ms). */
  pollMs?: number;
  /** Rows claimed at a time (default 20). */
  batchSize?: number;
  /** Attempts before a row is marked failed (default 10: about 3 hours of retries with the default back-off). */
  maxAttempts?: number;
  /** How long a claim holds a row (default 10 min); a crashed worker's rows come back after it. */
  leaseMs?: number;
  /** First retry delay (default 30 s), doubled at each attempt … */
  backoffBaseMs?: number;
  /** … up to this (default 1 h). */
  backoffCapMs?: number;
};

export type RunResult = { sent: number; failed: number; retried: number };

export type OutboxWorker = {
  /** Claims one batch of due rows and sends it; concurrent calls run one after another. */
  runOnce(): Promise<RunResult>;
  /** Polls every `pollMs` (at once again while batches come back full). */
  start(): void;
  /** Stops polling, hands back the rows of the batch not yet sent and waits for the one in flight. */
  stop(): Promise<void>;
};

/** The Message-ID every send of an outbox row carries. */
export const messageIdFor = (id: number | string): string => `<outbox-${id}@motcua>`;

/** Delay before the next attempt after `attempts` failed ones: base · 2^(attempts−1), capped. */
export function backoffDelayMs(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

type ClaimedRow = OutboxMessage & { locale: string };

type Outcome =
  | { kind: "sent"; result: SendResult }
  | { kind: "permanent"; error: string }
  | { kind: "transient"; error: string };

const emailSchema = z.email();
const PHONE = /^\+?\d{8,15}$/;

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, logger, mail, sms } = options;
  const senders = options.senders ?? {};
  // A text[] literal of the channels this worker delivers (channel names have no special characters).
  const channels = `{${["email", "sms", ...Object.keys(senders)].join(",")}}`;
  const pollMs = options.pollMs ?? 2_000;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 10;
  const leaseMs = options.leaseMs ?? 600_000;
  const backoffBaseMs = options.backoffBaseMs ?? 30_000;
  const backoffCapMs = options.backoffCapMs ?? 3_600_000;

  let chain: Promise<unknown> = Promise.resolve();
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let handBack = false;

  async function claim(): Promise<ClaimedRow[]> {
    // One statement, so one short transaction. MATERIALIZED keeps the locking subquery from
    // being inlined into the UPDATE (it must run once, with its LIMIT).
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`WITH due AS MATERIALIZED (
            SELECT id FROM outbox
            WHERE status IN ('pending', 'sending')
              AND channel = ANY(${channels}::text[])
              AND next_attempt_at <= now()
              AND (locked_until IS NULL OR locked_until < now())
            ORDER BY id
            LIMIT ${batchSize}
            FOR UPDATE SKIP LOCKED
          )
          UPDATE outbox o
          SET status = 'sending',
              attempts = o.attempts + 1,
              locked_until = now() + make_interval(secs => ${leaseMs / 1000})
          FROM due
          WHERE o.id = due.id
          RETURNING o.id, o.channel, o.template, o.locale, o.recipient, o.payload, o.dedupe_key, o.attempts`,
    );
    return rows
      .map((r) => ({
        id: Number(r.id),
        channel: String(r.channel),
        template: String(r.template),
        locale: String(r.locale),
        recipient: String(r.recipient),
        payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
        dedupeKey: String(r.dedupe_key),
        attempts: Number(r.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  }

  async function deliver(claimedRow: ClaimedRow): Promise<Outcome> {
    let send: () => Promise<SendResult>;
    try {
      // Mail and SMS recipients are stored encrypted (outbox.ts); a failing decrypt (a key
      // removed from the ring too early) is retried and ends `failed`, its message without the value.
      const row = {
        ...claimedRow,
        recipient: plainRecipient(claimedRow.channel, claimedRow.recipient),
        payload: openSecrets(claimedRow.payload),
      };
      if (row.locale !== "vi" && row.locale !== "en") throw new TemplateError(`unknown locale ${row.locale}`);
      const locale: Locale = row.locale;
      const sender = senders[row.channel];
      if (sender) {
        const { locale: _, ...message } = row;
        send = () => sender.send(message);
      } else if (row.channel === "email") {
        const to = row.recipient.trim();
        if (!emailSchema.safeParse(to).success) throw new TemplateError("recipient is not an e-mail address");
        const content = renderEmail(row.template, locale, row.payload);
        send = () => mail.send({ to, ...content, messageId: messageIdFor(row.id) });
      } else if (row.channel === "sms") {
        const to = row.recipient.replace(/[\s.()-]/g, "");
        if (!PHONE.test(to)) throw new TemplateError("recipient is not a phone number");
        const content = renderSms(row.template, locale, row.payload);
        send = () => sms.send({ to, text: content.text });
      } else {
        throw new TemplateError(`unknown channel ${row.channel}`);
      }
    } catch (err) {
      // A payload or recipient that cannot be sent is permanent; anything else (a bug) is
      // retried like a send error, so it ends as `failed` after maxAttempts, not in a loop.
      return { kind: err instanceof TemplateError ? "permanent" : "transient", error: describe(err) };
    }
    try {
      return { kind: "sent", result: await send() };
    } catch (err) {
      return err instanceof PermanentSendError
        ? { kind: "permanent", error: describe(err) }
        : { kind: "transient", error: describe(err) };
    }
  }

  /** Only the attempt this worker claimed may record its outcome. */
  const claimed = (row: ClaimedRow) =>
    and(eq(outbox.id, row.id), eq(outbox.status, "sending"), eq(outbox.attempts, row.attempts));

  async function record(row: ClaimedRow, outcome: Outcome): Promise<keyof RunResult> {
    const log = { outboxId: row.id, channel: row.channel, template: row.template, attempts: row.attempts };
    if (outcome.kind === "sent") {
      await db
        .update(outbox)
        .set({ status: "sent", sentAt: sql`now()`, providerId: outcome.result.providerId, lockedUntil: null })
        .where(claimed(row));
      logger.info({ ...log, providerId: outcome.result.providerId }, "notification sent");
      return "sent";
    }
    if (outcome.kind === "permanent" || row.attempts >= (senders[row.channel]?.maxAttempts ?? maxAttempts)) {
      await db
        .update(outbox)
        .set({ status: "failed", lockedUntil: null, lastError: outcome.error })
        .where(claimed(row));
      logger.error({ ...log, error: outcome.error }, "notification failed for good");
      return "failed";
    }
    const delayMs = backoffDelayMs(row.attempts, backoffBaseMs, backoffCapMs);
    await db
      .update(outbox)
      .set({
        status: "pending",
        lockedUntil: null,
        lastError: outcome.error,
        nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
      })
      .where(claimed(row));
    logger.warn({ ...log, error: outcome.error, retryInMs: delayMs }, "notification not sent, will retry");
    return "retried";
  }

  /** Rows claimed but not tried: back to pending, the attempt not counted. */
  async function release(rows: ClaimedRow[]): Promise<void> {
    for (const row of rows) {
      await db
        .update(outbox)
        .set({ status: "pending", lockedUntil: null, attempts: sql`${outbox.attempts} - 1` })
        .where(claimed(row));
    }
    if (rows.length > 0) logger.info({ count: rows.length }, "outbox rows handed back");
  }

  async function batch(): Promise<RunResult & { claimed: number }> {
    const startedAt = performance.now();
    const rows = await claim();
    const result: RunResult = { sent: 0, failed: 0, retried: 0 };
    for (const [i, row] of rows.entries()) {
      // Past half the lease, or asked to stop: hand the rest back rather than risk a send
      // running past the lease, when another worker could take the row again.
      if (handBack || performance.now() - startedAt > leaseMs / 2) {
        await release(rows.slice(i));
        break;
      }
      result[await record(row, await deliver(row))] += 1;
    }
    return { ...result, claimed: rows.length };
  }

  function runBatch() {
    const run = chain.then(batch);
    chain = run.catch(() => undefined);
    return run;
  }

  function schedule(delayMs: number) {
    timer = setTimeout(tick, delayMs);
    timer.unref();
  }

  async function tick() {
    timer = undefined;
    let full = false;
    try {
      full = (await runBatch()).claimed >= batchSize;
    } catch (err) {
      logger.error({ error: describe(err) }, "outbox worker: batch failed");
    }
    if (started) schedule(full ? 0 : pollMs);
  }

  return {
    async runOnce() {
      const { claimed: _, ...result } = await runBatch();
      return result;
    },
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      handBack = true;
      try {
        await chain;
      } finally {
        handBack = false;
      }
    },
  };
}

/** The error for last_error and the log: one line, addresses and phone numbers masked. */
function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: string; responseCode?: number };
  const text = `${e.name ?? "Error"}: ${e.message ?? String(err)}${e.code ? ` (${e.code})` : ""}`;
  return text
    .replace(/[^\s<>"'():;,]+@[^\s<>"'():;,]+/g, (m) => maskEmail(m))
    .replace(/\+?\d{8,15}/g, (m) => maskPhone(m))
    .replace(/\s+/g, " ")
    .slice(0, 1000);
}
