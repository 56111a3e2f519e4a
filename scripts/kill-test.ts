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
import { randomUUID } from "node:crypto";
import pg from "pg";
import { receptionBody, receptionHeaders, type Session, signIn, unitId } from "../bench/lib/http.ts";
import { exited, freePort, spawnServer, waitReady as waitReadyAt } from "../bench/lib/server.ts";
import { openDatabase } from "../src/db/client.ts";
import { verifyChain } from "../src/modules/audit/audit.repository.ts";

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
    env: { DATABASE_URL: dbUrl, MOTCUA_DEMO: seedDemo ? "1" : "0" },
    onStderr: (d) => {
      serverLog = (serverLog + d).slice(-20_000);
    },
  });
  current = child;
  return child;
}

const waitReady = (child: ChildProcess) => waitReadyAt(base, child, () => serverLog);

// ---------------------------------------------------------------------------------------------
// Clients

type Ack = { id: string; code: string };
const acked = new Map<string, Ack>();
const pending: string[] = []; // keys whose request broke: retried with the same key and body
const retried = new Set<string>();
const bodies = new Map<string, string>();
const unexpected: string[] = [];
let keyCounter = 0;

function newKey() {
  const key = `kill-${process.pid}-${++keyCounter}-${randomUUID().slice(0, 8)}`;
  bodies.set(key, JSON.stringify(receptionBody(unit, keyCounter)));
  return key;
}

let session: Session;
let unit: string;

/** Posts receptions until `stop()` says so; a broken request puts its key back for a retry. */
async function client(stop: () => boolean, drainOnly = false) {
  while (!stop()) {
    const key = pending.shift() ?? (drainOnly ? undefined : newKey());
    if (!key) return;
    try {
      const res = await fetch(`${base}/api/dossiers`, {
        method: "POST",
        headers: receptionHeaders(session, key),
        body: bodies.get(key)!,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status === 201) {
        const d = JSON.parse(text) as Ack;
        const before = acked.get(key);
        if (before && (before.id !== d.id || before.code !== d.code))
          unexpected.push(`key ${key} acknowledged twice with different dossiers`);
        acked.set(key, { id: d.id, code: d.code });
      } else {
        unexpected.push(`HTTP ${res.status} for key ${key}: ${text.slice(0, 300)}`);
      }
    } catch {
      // Connection refused, reset, or cut mid-response: unknown outcome, retry with the same key.
      pending.push(key);
      retried.add(key);
      if (stop()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

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
  session = await signIn(base);
  unit = await unitId(base);
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
    const clients = Array.from({ length: CLIENTS }, () => client(() => killed));
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
  await Promise.all(Array.from({ length: CLIENTS }, () => client(() => performance.now() > deadline, true)));
  child.kill("SIGTERM");
  await exited(child);

  // ---- checks
  const violations: string[] = [...unexpected];
  if (pending.length) violations.push(`${pending.length} keys still pending after the last start`);
  const q = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows as T[];

  // 1. Every acknowledged dossier is there, with the code it was acknowledged with and its first event.
  const ids = [...acked.values()].map((a) => a.id);
  const found = await q<{ id: string; code: string; first: string | null }>(
    `select d.id, d.code, e.command as first from dossiers d
       left join dossier_events e on e.dossier_id = d.id and e.seq = 1
      where d.id = any($1::uuid[])`,
    [ids],
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  let lost = 0;
  for (const [key, a] of acked) {
    const row = byId.get(a.id);
    if (!row) {
      lost++;
      violations.push(`acknowledged dossier ${a.id} (${a.code}, key ${key}) is missing`);
    } else if (row.code !== a.code)
      violations.push(`dossier ${a.id} has code ${row.code}, acknowledged ${a.code}`);
    else if (row.first !== "receive") violations.push(`dossier ${a.id} has no first event (receive)`);
  }

  // 2. Codes: unique; per agency and day no number twice; the counter is ahead of every number.
  const codes = await q<{ code: string }>("select code from dossiers where code is not null");
  const seen = new Map<string, number[]>();
  for (const { code } of codes) {
    const m = /^(.*)-(\d{6})-(\d+)$/.exec(code);
    if (!m) {
      violations.push(`code ${code} does not have the {agency}-{yyMMdd}-{number} form`);
      continue;
    }
    const k = `${m[1]}-${m[2]}`;
    seen.set(k, [...(seen.get(k) ?? []), Number(m[3])]);
  }
  let gaps = 0;
  const counters = await q<{ prefix: string; day: string; last: number }>(
    "select prefix, to_char(day, 'YYMMDD') as day, last from dossier_code_counters",
  );
  const lastOf = new Map(counters.map((c) => [`${c.prefix}-${c.day}`, c.last]));
  for (const [k, nums] of seen) {
    const sorted = [...nums].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i] === sorted[i - 1]) violations.push(`${k}: number ${sorted[i]} given twice`);
    gaps += sorted[sorted.length - 1]! - new Set(sorted).size;
    const last = lastOf.get(k);
    if (last === undefined || last < sorted[sorted.length - 1]!)
      violations.push(
        `${k}: counter at ${last}, below the highest number given ${sorted[sorted.length - 1]}`,
      );
  }

  // 3. History: events 1..version for every dossier.
  const badHistory = await q<{ id: string; version: number; n: number; lo: number; hi: number }>(
    `select d.id, d.version, count(e.id)::int as n, min(e.seq) as lo, max(e.seq) as hi
       from dossiers d left join dossier_events e on e.dossier_id = d.id
      group by d.id, d.version
     having count(e.id) <> d.version or min(e.seq) <> 1 or max(e.seq) <> d.version`,
  );
  for (const b of badHistory)
    violations.push(`dossier ${b.id}: version ${b.version} but events ${b.n} (seq ${b.lo}..${b.hi})`);

  // 4. One dossier per key.
  const created = await q<{ id: string }>("select id from dossiers where created_at >= $1::timestamptz", [
    start,
  ]);
  const keyRows = await q<{ key: string; status: number | null; id: string | null }>(
    `select key, status, response->>'id' as id from idempotency_keys
      where scope like '%:dossier.receive' and key like $1`,
    [`kill-${process.pid}-%`],
  );
  if (created.length !== acked.size)
    violations.push(`${created.length} dossiers created for ${acked.size} keys that succeeded`);
  if (keyRows.length !== acked.size) violations.push(`${keyRows.length} stored keys for ${acked.size} keys`);
  const keyOfDossier = new Map<string, string>();
  for (const r of keyRows) {
    const a = acked.get(r.key);
    if (r.status !== 200 || !r.id) violations.push(`key ${r.key} stored without a response`);
    else if (a && a.id !== r.id) violations.push(`key ${r.key} stored dossier ${r.id}, acknowledged ${a.id}`);
    if (r.id) keyOfDossier.set(r.id, r.key);
  }
  for (const d of created)
    if (!keyOfDossier.has(d.id)) violations.push(`dossier ${d.id} has no idempotency key`);

  // 5. Written with the reception: outbox rows, one audit row; the audit chain holds.
  const [side] = await q<{ no_outbox: number; audit_not_one: number; replays: number }>(
    `with c as (select id from dossiers where created_at >= $1::timestamptz)
     select (select count(*)::int from c where
               (select count(*) from outbox o where o.dedupe_key in ('dossier:' || c.id || ':1:email',
                                                                  'dossier:' || c.id || ':1:sms')) <> 2) as no_outbox,
            (select count(*)::int from c where
               (select count(*) from audit_log a where a.action = 'dossier.receive' and a.target = c.id::text
                  and a.outcome = 201) <> 1) as audit_not_one,
            (select count(*)::int from audit_log a where a.action = 'dossier.receive'
               and a.details->>'idempotentReplay' = 'true' and a.at >= $1::timestamptz) as replays`,
    [start],
  );
  if (side!.no_outbox) violations.push(`${side!.no_outbox} dossiers without their two outbox rows`);
  if (side!.audit_not_one) violations.push(`${side!.audit_not_one} dossiers without exactly one audit row`);
  const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 1 });
  const chain = await verifyChain(database.db);
  await database.close();
  if (!chain.ok) violations.push(`audit chain broken at seq ${chain.firstBadSeq}: ${chain.reason}`);
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
      `(${toRetry} still pending before the last start; ${side!.replays} retries answered from the stored response)`,
  );
  console.log(
    `  dossiers created: ${created.length}; lost acknowledged: ${lost}; duplicate numbers: ${violations.filter((v) => v.includes("given twice")).length}; ` +
      `histories with a gap: ${badHistory.length}; gaps in daily numbering: ${gaps}; audit rows checked: ${chain.checked}`,
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
