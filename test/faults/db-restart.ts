// Fault 1: PostgreSQL restarted under reception load, the app left running.
//
// Clients post receptions (each with its Idempotency-Key; a broken connection or a 5xx answer is
// retried with the same key and body, as a client does) while the database is restarted twice:
// `pg_ctl restart -m fast` (connections terminated, clean shutdown) and `-m immediate` (a crash:
// no shutdown checkpoint, WAL replay at start). The app process is never restarted. Asserts:
//   - the same server process is still running at the end;
//   - after each restart, a reception succeeds again within RECOVERY_LIMIT_MS of the database
//     accepting connections (measured: database back → first 201, and the clients' outage:
//     last 201 before the restart → first 201 after);
//   - while the database is down the app answers 503 database_unavailable (problem+json, vi/en,
//     Retry-After), never another 5xx — before the fix, Fastify's default 500 carrying the text
//     of the failed audit INSERT (the refusal's audit row could not be written either);
//   - the reception checks of the crash test (bench/lib/reception-load.ts): every acknowledged
//     reception is in the database exactly once, no code twice, history 1..version, one
//     dossier per key, outbox and audit rows, the audit chain verifies.
import pg from "pg";
import { signIn, unitId } from "../../bench/lib/http.ts";
import { checkReceptions, ReceptionLoad } from "../../bench/lib/reception-load.ts";
import {
  type FaultEnv,
  freshDatabase,
  query,
  type ScenarioResult,
  sleep,
  startApp,
  until,
} from "./common.ts";

const CLIENTS = Number(process.env.FAULTS_CLIENTS ?? 4);
const LOAD_BEFORE_MS = 1_500;
const RECOVERY_LIMIT_MS = 5_000;

export async function dbRestart(env: FaultEnv): Promise<ScenarioResult> {
  const violations: string[] = [];
  const figures: string[] = [];
  const dbUrl = await freshDatabase(env, "faults_restart");
  const app = await startApp(env, dbUrl);
  try {
    const keyPrefix = `restart-${process.pid}-`;
    const session = await signIn(app.base);
    const load = new ReceptionLoad({
      base: app.base,
      session,
      unit: await unitId(app.base),
      keyPrefix,
      retry5xx: true,
      retryPauseMs: 100,
    });
    const [{ start }] = (await query<{ start: string }>(dbUrl, "select now()::text as start")) as [
      { start: string },
    ];
    // Problems answered while the database was away: must be 503 with vi/en messages.
    const outageAnswers = new Map<string, number>();
    const probe = async (stop: () => boolean) => {
      while (!stop()) {
        try {
          const res = await fetch(`${app.base}/api/dossiers?pageSize=1`, {
            headers: { cookie: session.cookie },
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status >= 500) {
            const body = (await res.json().catch(() => ({}))) as {
              code?: string;
              message?: { vi?: string; en?: string };
            };
            const k =
              `${res.status} ${body.code ?? "?"}` +
              (body.message?.vi && body.message.en ? "" : " (no vi/en message)") +
              (res.status === 503 && !res.headers.get("retry-after") ? " (no Retry-After)" : "");
            outageAnswers.set(k, (outageAnswers.get(k) ?? 0) + 1);
          } else await res.arrayBuffer();
        } catch {}
        await sleep(50);
      }
    };

    let stopped = false;
    const stop = () => stopped;
    const clients = Array.from({ length: CLIENTS }, () => load.client(stop));
    const prober = probe(stop);
    for (const mode of ["fast", "immediate"] as const) {
      await sleep(LOAD_BEFORE_MS);
      const before = load.acked.size;
      const tRestart = performance.now();
      const restartMs = await env.cluster.restart(mode);
      const tUp = performance.now();
      const back = await until(() => load.ackTimes.some((t) => t > tUp), RECOVERY_LIMIT_MS + 5_000);
      const firstAfter = load.ackTimes.find((t) => t > tUp);
      const lastBefore = [...load.ackTimes].reverse().find((t) => t < tRestart);
      if (!back || firstAfter === undefined) {
        violations.push(`restart -m ${mode}: no reception succeeded within ${RECOVERY_LIMIT_MS + 5_000} ms`);
        continue;
      }
      const recoveryMs = firstAfter - tUp;
      if (recoveryMs > RECOVERY_LIMIT_MS)
        violations.push(
          `restart -m ${mode}: first reception ${Math.round(recoveryMs)} ms after the database was back`,
        );
      figures.push(
        `restart -m ${mode}: pg_ctl restart ${Math.round(restartMs)} ms; database back → first 201 ` +
          `${Math.round(recoveryMs)} ms; clients' outage (last 201 before → first 201 after) ` +
          `${lastBefore === undefined ? "?" : Math.round(firstAfter - lastBefore)} ms; acknowledged before: ${before}`,
      );
    }
    await sleep(LOAD_BEFORE_MS);
    stopped = true;
    await Promise.all([...clients, prober]);
    // What is still pending is retried with its key, the database up all along now.
    const toRetry = load.pending.length;
    const deadline = performance.now() + 20_000;
    await Promise.all(
      Array.from({ length: CLIENTS }, () => load.client(() => performance.now() > deadline, true)),
    );

    if (app.child.exitCode !== null || app.child.signalCode !== null)
      violations.push(`the server process exited (${app.child.exitCode ?? app.child.signalCode})`);
    for (const [k, n] of outageAnswers)
      if (!k.startsWith("503 database_unavailable") || k.includes("(no "))
        violations.push(`answered ${k} ${n} times during the restarts`);

    await app.stop();
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      const check = await checkReceptions(db, dbUrl, {
        start,
        keyPrefix,
        acked: load.acked,
        pending: load.pending,
      });
      violations.push(...load.unexpected, ...check.violations);
      const statuses = [...load.statuses].map(([s, n]) => `${s === 0 ? "no answer" : s}: ${n}`).join(", ");
      figures.push(
        `${CLIENTS} clients; receptions acknowledged ${load.acked.size}, answers ${statuses}; ` +
          `keys retried ${load.retried.size} (${toRetry} pending after the load, ${check.replays} answered from the stored response); ` +
          `probe 5xx during the restarts: ${[...outageAnswers].map(([k, n]) => `${k} ×${n}`).join(", ") || "none"}`,
        `dossiers created ${check.created}; lost acknowledged ${check.lost}; duplicate numbers ${check.duplicateNumbers}; ` +
          `histories with a gap ${check.historiesWithGap}; gaps in daily numbering ${check.gaps}; audit rows checked ${check.auditRowsChecked}`,
      );
    } finally {
      await db.end();
    }
  } catch (err) {
    violations.push(`error: ${(err as Error).stack ?? err}\nserver log:\n${app.log().slice(-3000)}`);
  } finally {
    await app.stop();
  }
  return { violations, figures };
}
