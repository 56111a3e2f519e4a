// Fault 3: the server SIGKILLed while the outbox worker is sending mail.
//
// What "no duplicated notification" can honestly mean. Over SMTP a sender that dies after the
// server accepted a message (end of DATA) and before it recorded the row as sent cannot know the
// message left; the worker sends it again (at-least-once, outbox.worker.ts). So the promise
// tested here is:
//   - none lost: every e-mail and SMS row of every dossier received is sent in the end, and each
//     e-mail row's message reached the SMTP server;
//   - a copy is recognisable: every send of a row carries the same Message-ID
//     `<outbox-{id}@motcua>` (and the same recipient, subject and text), so a receiving system or
//     a person sees a resend as the same message;
//   - copies only from the crash window: a Message-ID arrives more than once only if it was the
//     message the SMTP server held last when the server was killed (the worker sends one message
//     at a time, so at most one message per kill), and at most once more per such kill (a resend
//     can itself be caught by the next kill).
//
// The test SMTP server (test/smtp.ts) delays its reply to DATA by SMTP_DELAY_MS, so a message
// spends that long accepted-but-unconfirmed. Rounds: (1, 2) kill -9 the server the moment the SMTP
// server has a message (the window itself: that message must come again, with its Message-ID);
// (3) kill -9 at a random moment of the load. Receptions are posted throughout with the crash
// test's client (a broken request retried with its key). A last start sends the rest; the
// outbox lease is shortened (OUTBOX_LEASE_MS) so a killed worker's rows come back in seconds.

import pg from "pg";
import { signIn, unitId } from "../../bench/lib/http.ts";
import { checkReceptions, ReceptionLoad } from "../../bench/lib/reception-load.ts";
import { exited } from "../../bench/lib/server.ts";
import { decryptField } from "../../src/db/encrypted.ts";
import { messageIdFor } from "../../src/modules/notifications/outbox.worker.ts";
import { type Received, startSmtp } from "../smtp.ts";
import {
  type App,
  type FaultEnv,
  freshDatabase,
  query,
  type ScenarioResult,
  sleep,
  startApp,
  until,
} from "./common.ts";

const SMTP_DELAY_MS = 300;
const LEASE_MS = 3_000;
const PER_ROUND = 4;

export async function outboxKill(env: FaultEnv): Promise<ScenarioResult> {
  const violations: string[] = [];
  const figures: string[] = [];
  const dbUrl = await freshDatabase(env, "faults_outbox");
  // The demo data's own notifications are not part of this test (and would only slow it down).
  await query(dbUrl, "delete from outbox");
  let app: App | undefined;
  let killOnMessage: ((m: Received) => void) | undefined;
  const smtp = await startSmtp(0, { delayMs: SMTP_DELAY_MS, onMessage: (m) => killOnMessage?.(m) });
  const serverEnv = {
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    OUTBOX_POLL_MS: "200",
    OUTBOX_LEASE_MS: String(LEASE_MS),
  };
  /** The Message-ID the SMTP server held last when each kill came (none: nothing received yet). */
  const inFlightAtKill: (string | undefined)[] = [];
  const windowKills: string[] = [];
  try {
    app = await startApp(env, dbUrl, serverEnv);
    const port = app.port;
    const keyPrefix = `outbox-${process.pid}-`;
    const load = new ReceptionLoad({
      base: app.base,
      session: await signIn(app.base),
      unit: await unitId(app.base),
      keyPrefix,
    });
    const [{ start }] = (await query<{ start: string }>(dbUrl, "select now()::text as start")) as [
      { start: string },
    ];
    const kill = (a: App) => {
      inFlightAtKill.push(smtp.messages.at(-1)?.messageId);
      a.child.kill("SIGKILL");
    };

    for (let round = 1; round <= 3; round++) {
      if (round > 1) app = await startApp(env, dbUrl, serverEnv, port);
      const current = app;
      const target = load.acked.size + PER_ROUND;
      let stop = false;
      const poster = load.client(() => stop || load.acked.size >= target);
      if (round < 3) {
        // The moment the SMTP server has the whole message, before it answers.
        const seen = smtp.messages.length;
        const killed = new Promise<void>((resolve) => {
          killOnMessage = (m) => {
            if (smtp.messages.length < seen + 2) return;
            killOnMessage = undefined;
            windowKills.push(m.messageId);
            kill(current);
            resolve();
          };
        });
        if (!(await Promise.race([killed.then(() => true), sleep(20_000).then(() => false)])))
          throw new Error(`round ${round}: no mail reached the SMTP server in 20 s`);
      } else {
        await sleep(300 + Math.random() * 900);
        kill(current);
      }
      await exited(current.child);
      stop = true;
      await poster;
    }

    // Last start: post what a kill broke, then let the worker send everything.
    app = await startApp(env, dbUrl, serverEnv, port);
    const t0 = performance.now();
    await load.client(() => false, true);
    const q = async <T>(text: string) => query<T>(dbUrl, text);
    const done = await until(
      async () =>
        (await q<{ n: number }>("select count(*)::int as n from outbox where status <> 'sent'"))[0]!.n === 0,
      LEASE_MS + 30_000,
    );
    const drainMs = performance.now() - t0;
    await app.stop();

    // ---- checks
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    let check: Awaited<ReturnType<typeof checkReceptions>>;
    try {
      check = await checkReceptions(db, dbUrl, {
        start,
        keyPrefix,
        acked: load.acked,
        pending: load.pending,
      });
    } finally {
      await db.end();
    }
    violations.push(...load.unexpected, ...check.violations);
    const rows = await q<{
      id: number;
      channel: string;
      status: string;
      attempts: number;
      recipient: string;
    }>("select id::int, channel, status, attempts, recipient from outbox order by id");
    // Mail and SMS recipients are stored encrypted (column encryption of personal data).
    for (const r of rows)
      if (r.channel === "email" || r.channel === "sms")
        r.recipient = decryptField(r.recipient, "outbox.recipient");
    if (!done) violations.push(`outbox rows not sent ${Math.round(drainMs)} ms after the last start`);
    for (const r of rows)
      if (r.status !== "sent")
        violations.push(`outbox row ${r.id} (${r.channel}) is ${r.status} after ${r.attempts} attempts`);
    const emailRows = rows.filter((r) => r.channel === "email");
    if (emailRows.length !== load.acked.size)
      violations.push(`${emailRows.length} e-mail rows for ${load.acked.size} dossiers received`);

    const byId = new Map<string, Received[]>();
    for (const m of smtp.messages) byId.set(m.messageId, [...(byId.get(m.messageId) ?? []), m]);
    const expected = new Map(emailRows.map((r) => [messageIdFor(r.id), r]));
    for (const [mid, r] of expected)
      if (!byId.has(mid)) violations.push(`row ${r.id}: no message ${mid} reached the SMTP server (lost)`);
    let copies = 0;
    for (const [mid, got] of byId) {
      const row = expected.get(mid);
      if (!row) {
        violations.push(`a message with Message-ID ${mid || "(none)"} that no outbox row sent`);
        continue;
      }
      if (got.some((m) => m.envelopeTo.join() !== row.recipient || m.to !== row.recipient))
        violations.push(
          `${mid} went to ${got.map((m) => m.envelopeTo.join()).join(" / ")}, not ${row.recipient}`,
        );
      if (got.length === 1) continue;
      copies += got.length - 1;
      const first = got[0]!;
      if (got.some((m) => m.subject !== first.subject || m.text !== first.text || m.html !== first.html))
        violations.push(`${mid}: the copies differ (not recognisable as the same message)`);
      // One copy more per kill that found it in flight, no more.
      const kills = inFlightAtKill.filter((k) => k === mid).length;
      if (got.length > 1 + kills)
        violations.push(`${mid} received ${got.length} times, in flight at ${kills} kill(s)`);
      if (row.attempts < got.length)
        violations.push(`${mid}: ${got.length} copies from ${row.attempts} attempts`);
    }
    // The kills in the window must have been felt: that message came again, with its Message-ID.
    for (const mid of windowKills)
      if ((byId.get(mid)?.length ?? 0) < 2)
        violations.push(
          `${mid}, held by the SMTP server at a kill, arrived ${byId.get(mid)?.length ?? 0} times (not sent again)`,
        );

    figures.push(
      `SMTP reply to DATA delayed ${SMTP_DELAY_MS} ms; outbox lease ${LEASE_MS} ms; 3 kills -9 (2 in the accepted-not-recorded window, 1 at a random moment)`,
      `dossiers received ${load.acked.size} (receptions retried with their key ${load.retried.size}); outbox rows ${rows.length} ` +
        `(${emailRows.length} e-mail), all sent ${Math.round(drainMs)} ms after the last start`,
      `messages at the SMTP server ${smtp.messages.length}, distinct Message-IDs ${byId.size}, copies ${copies} ` +
        `(Message-IDs in flight at the kills: ${inFlightAtKill.map((m) => m ?? "none").join(", ")})`,
    );
  } catch (err) {
    violations.push(`error: ${(err as Error).stack ?? err}\nserver log:\n${app?.log().slice(-3000) ?? ""}`);
  } finally {
    killOnMessage = undefined;
    if (app && app.child.exitCode === null && app.child.signalCode === null) await app.stop();
    await smtp.close();
  }
  return { violations, figures };
}
