// Crash test of reception (issue #5): kill the server with SIGKILL 10 times during a reception
// load test, then check that no acknowledged dossier was lost, no code was given twice and no
// history has a gap. PostgreSQL only: a fresh database, migrated and seeded by the first start.
// (The embedded database is one process with its data directory; a kill -9 there is a test of
// PGlite's own recovery, not of our transactions, and is not run here.)
//
// Each round: start the real server (`node --import tsx src/server.ts`), wait for /readyz, run
// CLIENTS concurrent clients posting receptions, each with a fresh Idempotency-Key; kill -9 at a
// random moment 200–1500 ms into the load. Every 201 is remembered as acknowledged (key → id,
// code); a request whose connection broke (or never connected) is retried after the restart with
// the SAME key and body. After the last kill, one more start retries what is still pending and
// stops gracefully. Then, in the database:
//   - every acknowledged (id, code) exists, with its first event (seq 1, receive);
//   - no code twice, and per receiving agency and day no sequence number twice; the daily
//     counter is at least the highest number given (gaps are reported, not judged);
//   - every dossier has the events seq 1..version, no gap, no extra;
//   - one dossier per idempotency key: dossiers created == keys that succeeded, each key's stored
//     response is the dossier acknowledged for it, no dossier without a key;
//   - each new dossier has its outbox rows (e-mail, SMS) and exactly one audit row, and the audit
//     hash chain verifies.
// Exit 1 on any violation.
// Run: npx tsx scripts/kill-test.ts [--quick]   (--quick: 3 kills; KILLS, CLIENTS=8, SEED,
//      KILL_TEST_PG_URL=postgres://postgres@127.0.0.1:5432, KILL_TEST_KEEP=1 keeps the database)
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { signIn, unitId } from "../bench/lib/http.ts";
import { checkReceptions, ReceptionLoad } from "../bench/lib/reception-load.ts";
import { exited, freePort, spawnServer, waitReady as waitReadyAt } from "../bench/lib/server.ts";
import { TEST_FIELD_KEYS, useTestFieldKeys } from "../test/field-keys.ts";

const quick = process.argv.includes("--quick");
const KILLS = Number(process.env.KILLS ?? (quick ? 3 : 10));
const CLIENTS = Number(process.env.CLIENTS ?? 8);
const SEED = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));
const PG_BASE = process.env.KILL_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const KILL_AFTER_MS: [number, number] = [200, 1500];

// Seeded PRNG (mulberry32): a failing run can be replayed with the same SEED (timings still vary).
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const dbName = `motcua_kill_${process.pid}`;
const dbUrl = `${PG_BASE}/${dbName}`;
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

// ---------------------------------------------------------------------------------------------
// The server as a child process

let serverLog = "";
let current: ChildProcess | undefined;
function startServer(seedDemo: boolean): ChildProcess {
  const child = spawnServer({
    port,
    // One pair of field keys for the seeding run (demo on) and the runs after it (demo off).
    env: { DATABASE_URL: dbUrl, MOTCUA_DEMO: seedDemo ? "1" : "0", ...TEST_FIELD_KEYS },
    onStderr: (d) => {
      serverLog = (serverLog + d).slice(-20_000);
    },
  });
  current = child;
  return child;
}

const waitReady = (child: ChildProcess) => waitReadyAt(base, child, () => serverLog);

// ---------------------------------------------------------------------------------------------

const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
await admin.connect();
await admin.query(`create database ${dbName}`);
let failed = true;
const t0 = performance.now();
try {
  console.log(
    `kill test: ${KILLS} kills, ${CLIENTS} clients, seed ${SEED}, PostgreSQL database ${dbName}` +
      " (embedded database not tested: PGlite runs inside the server process)",
  );
  let child = startServer(true);
  const firstReady = await waitReady(child);
  const load = new ReceptionLoad({
    base,
    session: await signIn(base),
    unit: await unitId(base),
    keyPrefix: `kill-${process.pid}-`,
  });
  const { acked, pending, retried } = load;
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const [{ start }] = (await db.query<{ start: string }>("select now()::text as start")).rows as [
    { start: string },
  ];
  const readyTimes = [firstReady];
  const perRound: string[] = [];

  for (let round = 1; round <= KILLS; round++) {
    if (round > 1) {
      child = startServer(false);
      readyTimes.push(await waitReady(child));
    }
    const before = acked.size;
    let killed = false;
    const clients = Array.from({ length: CLIENTS }, () => load.client(() => killed));
    const delay = KILL_AFTER_MS[0] + random() * (KILL_AFTER_MS[1] - KILL_AFTER_MS[0]);
    await new Promise((r) => setTimeout(r, delay));
    killed = true;
    child.kill("SIGKILL");
    await exited(child);
    await Promise.all(clients);
    perRound.push(`${Math.round(delay)} ms/${acked.size - before}/${pending.length}`);
  }

  // Last start: retry what is still pending, then a graceful stop.
  child = startServer(false);
  readyTimes.push(await waitReady(child));
  const toRetry = pending.length;
  const deadline = performance.now() + 30_000;
  await Promise.all(
    Array.from({ length: CLIENTS }, () => load.client(() => performance.now() > deadline, true)),
  );
  child.kill("SIGTERM");
  await exited(child);

  // ---- checks
  useTestFieldKeys(); // the stored answers are sealed under the servers' keys
  const check = await checkReceptions(db, dbUrl, {
    start,
    keyPrefix: `kill-${process.pid}-`,
    acked,
    pending,
  });
  const violations = [...load.unexpected, ...check.violations];
  await db.end();

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `  rounds (kill after / acknowledged in the round / keys pending after the kill): ${perRound.join("; ")}`,
  );
  console.log(
    `  server starts: ${readyTimes.length}, to /readyz: first ${Math.round(readyTimes[0]!)} ms (migrate + demo data), ` +
      `then median ${Math.round(median(readyTimes.slice(1)))} ms`,
  );
  console.log(
    `  receptions acknowledged: ${acked.size}; requests broken by a kill and retried with their key: ${retried.size} ` +
      `(${toRetry} still pending before the last start; ${check.replays} retries answered from the stored response)`,
  );
  console.log(
    `  dossiers created: ${check.created}; lost acknowledged: ${check.lost}; duplicate numbers: ${check.duplicateNumbers}; ` +
      `histories with a gap: ${check.historiesWithGap}; gaps in daily numbering: ${check.gaps}; audit rows checked: ${check.auditRowsChecked}`,
  );
  for (const v of violations.slice(0, 30)) console.log(`  VIOLATION: ${v}`);
  if (violations.length > 30) console.log(`  … and ${violations.length - 30} more`);
  failed = violations.length > 0;
  console.log(
    `${failed ? "FAIL" : "PASS"}: ${KILLS} kills -9 under load, ${violations.length} violations ` +
      `(${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
} catch (err) {
  console.error(err);
  if (serverLog) console.error(`server stderr (last lines):\n${serverLog.slice(-4000)}`);
} finally {
  if (current && current.exitCode === null && current.signalCode === null) {
    current.kill("SIGKILL");
    await exited(current);
  }
  if (process.env.KILL_TEST_KEEP) console.log(`kept database ${dbName}`);
  else await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
process.exitCode = failed ? 1 : 0;
