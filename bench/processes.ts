// Scaling out (issue #9): reception throughput and public lookup throughput with 1, 2 and 4 app
// processes on one PostgreSQL database, as a ratio to the single process, side by side in one run.
//   1. a fresh database, migrated and seeded (demo data, MOTCUA_DEMO_YEARS=0) by a first server
//      start, which also receives DOSSIERS dossiers in one batch for the lookups, then stops;
//   2. for each N: N real servers (`node --import tsx src/server.ts`, MOTCUA_DEMO=0) on their own
//      ports, same DATABASE_URL; a closed-loop load from this process (autocannon in a worker
//      thread, keep-alive, CLIENTS connections per process spread round-robin over the N ports):
//      WARMUP s unmeasured, then DURATION s of receptions (POST /api/dossiers, a fresh
//      Idempotency-Key each), then the same for GET /api/public/dossiers/:code over the codes;
//   3. requests/s, p50/p99, errors, the ratio to the first N, and the CPU used meanwhile by this
//      process (the load generator), the app processes, the database's backends and the machine.
// No target: the figures are the result. Any non-2xx, connection error or timeout, or a dossier
// count that does not match the receptions acknowledged, fails the run (exit 1).
// Run: npm run bench:processes   (BENCH_PG_URL=postgres://postgres@127.0.0.1:5432, PROCESSES=1,2,4,
//      CLIENTS=8 (per process), DURATION=15, WARMUP=2, ROUNDS=1, DOSSIERS=200, KEEP=1 keeps the database)
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type autocannon from "autocannon";
import pg from "pg";
import { TEST_FIELD_KEYS } from "../test/field-keys.ts";
import { coresBetween, hasProc, procCores, sampleCpu } from "./lib/cpu.ts";
import { waitIdle } from "./lib/db.ts";
import { receiveBatch, receptionBody, receptionHeaders, signIn, unitId } from "./lib/http.ts";
import { type LoadResult, load, ms, percentile } from "./lib/load.ts";
import { freePort, spawnServer, stopServer, waitReady } from "./lib/server.ts";

const PROCESSES = (process.env.PROCESSES ?? "1,2,4").split(",").map(Number);
const CLIENTS = Number(process.env.CLIENTS ?? 8);
const DURATION = Number(process.env.DURATION ?? 15);
const WARMUP = Number(process.env.WARMUP ?? 2);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const DOSSIERS = Number(process.env.DOSSIERS ?? 200);
const PG_BASE = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const KEEP = process.env.KEEP === "1" || Boolean(process.env.BENCH_KEEP);
/** The server's pool: openDatabase's default (src/db/client.ts); the server has no setting for it. */
const POOL = 10;
const CPUS = os.availableParallelism();

if (PROCESSES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`PROCESSES: ${PROCESSES}`);

const dbName = `motcua_bench_processes_${process.pid}`;
const dbUrl = `${PG_BASE}/${dbName}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "motcua-bench-processes-"));
const serverEnv = {
  DATABASE_URL: dbUrl,
  MOTCUA_DATA_DIR: dataDir, // shared by the processes, as a deployment's file store would be
  MOTCUA_DEMO: "0",
  MOTCUA_DEMO_YEARS: "0",
  // One pair of field keys for the seeding server (demo on) and the others (demo off).
  ...TEST_FIELD_KEYS,
  // Limits that must not cap the bench (each limited request still costs its counter upsert).
  LOGIN_RATE_PER_MINUTE: "1000000",
  LOOKUP_RATE_PER_MINUTE: "1000000000",
};

// ---------------------------------------------------------------------------------------------
// Servers

type Server = { child: ChildProcess; base: string; log: string };
const running = new Set<Server>();
// Whatever ends this process, no server outlives it.
process.once("exit", () => {
  for (const s of running)
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    console.error(`\n${signal}: servers killed${KEEP ? "" : `; database ${dbName} left behind`}`);
    process.exit(130);
  });

async function startServers(n: number, env: NodeJS.ProcessEnv = {}): Promise<Server[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const port = await freePort();
      const server: Server = {
        child: undefined as unknown as ChildProcess,
        base: `http://127.0.0.1:${port}`,
        log: "",
      };
      server.child = spawnServer({
        port,
        env: { ...serverEnv, ...env },
        onStderr: (d) => {
          server.log = (server.log + d).slice(-20_000);
        },
      });
      running.add(server);
      await waitReady(server.base, server.child, () => server.log, 120_000);
      return server;
    }),
  );
}

async function stopServers(servers: Server[]): Promise<void> {
  const how = await Promise.all(servers.map((s) => stopServer(s.child)));
  for (const s of servers) running.delete(s);
  const killed = how.filter((h) => h === "killed").length;
  if (killed) console.log(`  (${killed} server(s) did not stop within 10 s of SIGTERM: killed)`);
}

// ---------------------------------------------------------------------------------------------
// Figures

type Workload = "reception" | "lookup";
type Figures = {
  ok: number;
  seconds: number;
  latencies: number[];
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** CPU seconds: this process, the app processes, the database backends, the machine; over `wall` s. */
  cpu: { generator: number; app: number; postgres: number; machine: number; wall: number };
  connections: number;
  problems: string[];
};
const results = new Map<string, Figures>();
const empty = (): Figures => ({
  ok: 0,
  seconds: 0,
  latencies: [],
  non2xx: 0,
  errors: 0,
  statusCodes: {},
  cpu: { generator: 0, app: 0, postgres: 0, machine: 0, wall: 0 },
  connections: 0,
  problems: [],
});

function add(f: Figures, r: LoadResult) {
  f.ok += r.ok;
  f.seconds += r.seconds;
  f.latencies.push(...r.latencies);
  f.non2xx += r.non2xx;
  f.errors += r.errors;
  for (const [c, n] of Object.entries(r.statusCodes)) f.statusCodes[c] = (f.statusCodes[c] ?? 0) + n;
}

// ---------------------------------------------------------------------------------------------

const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
await admin.connect();
const setting = async (name: string) =>
  Number((await admin.query<{ v: string }>(`select current_setting('${name}') as v`)).rows[0]!.v);
const maxConnections = await setting("max_connections");
const reserved = await setting("superuser_reserved_connections");
const inUse = Number((await admin.query("select count(*)::int as n from pg_stat_activity")).rows[0].n);
const version = (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!
  .v;
const maxN = Math.max(...PROCESSES);
// The app processes' pools, this bench's connection, the admin connection.
const needed = maxN * POOL + 2;
if (needed > maxConnections - reserved - inUse) {
  await admin.end();
  throw new Error(
    `${maxN} processes × a pool of ${POOL} need ${needed} connections; PostgreSQL allows ${maxConnections} ` +
      `(${reserved} reserved, ${inUse} in use): raise max_connections or lower PROCESSES`,
  );
}
await admin.query(`create database ${dbName}`);

let ok = false;
let db: pg.Client | undefined;
try {
  const t0 = performance.now();
  const [seeder] = await startServers(1, { MOTCUA_DEMO: "1" });
  let codes: string[];
  try {
    const session = await signIn(seeder!.base);
    codes = await receiveBatch(seeder!.base, session, await unitId(seeder!.base), DOSSIERS);
  } finally {
    await stopServers([seeder!]);
  }
  console.log(
    `setup (database, migrations, demo data, ${DOSSIERS} dossiers for the lookups) ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const q = async <T>(text: string) => (await db!.query(text)).rows as T[];
  const idle = () => waitIdle((text) => q(text));
  const countDossiers = async () => (await q<{ n: number }>("select count(*)::int as n from dossiers"))[0]!.n;
  const backends = async () =>
    (
      await q<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      )
    ).map((r) => r.pid);
  const lookupPaths = codes.map((c) => `/api/public/dossiers/${encodeURIComponent(c)}`);
  const loadAvg = os.loadavg()[0]!;

  /** One measured run of `workload` on `servers`, its warm-up first. */
  async function measure(workload: Workload, servers: Server[], opts: autocannon.Options, f: Figures) {
    const warm = await load({ ...opts, duration: WARMUP });
    if (warm.non2xx || warm.errors)
      f.problems.push(
        `warm-up: ${warm.non2xx} non-2xx ${JSON.stringify(warm.statusCodes)}, ${warm.errors} errors`,
      );
    await idle();
    const before = workload === "reception" ? await countDossiers() : 0;
    const appPids = servers.map((s) => s.child.pid!);
    const pgBefore = await backends();
    const a = sampleCpu([...appPids, ...pgBefore]);
    const r = await load({ ...opts, duration: DURATION });
    const pgAfter = await backends();
    const b = sampleCpu([...appPids, ...pgAfter]);
    f.connections = Math.max(f.connections, pgAfter.length);
    add(f, r);
    const { self, machine } = coresBetween(a, b);
    const wall = (b.at - a.at) / 1000;
    f.cpu.generator += self * wall;
    f.cpu.machine += machine * wall;
    f.cpu.app += procCores(a, b, appPids) * wall;
    f.cpu.postgres += procCores(a, b, pgAfter) * wall;
    f.cpu.wall += wall;
    await idle();
    if (workload === "reception") {
      // Receptions in flight when the load stopped (at most one per connection) still commit.
      const created = (await countDossiers()) - before;
      const connections = opts.connections ?? 0;
      if (created < r.ok || created > r.ok + connections)
        f.problems.push(`${created} dossiers created for ${r.ok} receptions acknowledged`);
    }
  }

  const order: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    order.push(...(round % 2 ? [...PROCESSES].reverse() : PROCESSES));
  for (const n of order) {
    const t = performance.now();
    const servers = await startServers(n);
    try {
      // Sessions live in the database: one sign-in serves every process.
      const session = await signIn(servers[0]!.base);
      const unit = await unitId(servers[0]!.base);
      const bases = servers.map((s) => s.base);
      const connections = CLIENTS * n;
      // autocannon takes several URLs and gives them the connections round-robin (its types say one).
      const urls = (p: string) => bases.map((b) => `${b}${p}`) as unknown as string;
      const reception: autocannon.Options = {
        url: urls("/api/dossiers"),
        method: "POST",
        headers: receptionHeaders(session, `bench-${process.pid}-${n}-[<id>]`),
        body: JSON.stringify(receptionBody(unit)),
        idReplacement: true,
        connections,
      };
      const lookup: autocannon.Options = {
        url: urls("/"),
        requests: lookupPaths.map((p) => ({ method: "GET" as const, path: p })),
        connections,
      };
      for (const [workload, opts] of [
        ["reception", reception],
        ["lookup", lookup],
      ] as const) {
        const key = `${workload}/${n}`;
        const f = results.get(key) ?? empty();
        results.set(key, f);
        await measure(workload, servers, opts, f);
      }
      console.log(
        `  ${n} process(es): started and measured in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    } finally {
      await stopServers(servers);
    }
  }

  // ---- report
  const base = PROCESSES[0]!;
  const cores = (x: number, f: Figures) => (x / f.cpu.wall).toFixed(2).padStart(5);
  console.log(
    `\nPostgreSQL ${version}, one database; ${CPUS} CPUs, load average ${loadAvg.toFixed(1)} at the start; ` +
      `${DURATION} s measured per run after ${WARMUP} s of warm-up${ROUNDS > 1 ? `, ${ROUNDS} rounds (order alternating)` : ""}.`,
  );
  console.log(
    `Load: closed loop from this process (autocannon in a worker thread, keep-alive, 127.0.0.1), ` +
      `${CLIENTS} clients per process (${PROCESSES.map((n) => n * CLIENTS).join(", ")} in all), ` +
      `connections round-robin over the processes' ports: each process is offered the same concurrency, below its pool.`,
  );
  console.log(
    `Database pool: ${POOL} connections per process (openDatabase's default; the server has no setting for it), ` +
      `${maxN * POOL} at ${maxN} processes; max_connections ${maxConnections} (${inUse} in use at the start).`,
  );
  console.log(
    "Columns gen, app, pg, all: CPU cores used during the measured runs by the load generator (this process)," +
      " the app processes, the database's backends, and the whole machine (anything else running included);" +
      " db conn.: connections open to the database at the end of the run.",
  );
  for (const workload of ["reception", "lookup"] as const) {
    console.log(
      workload === "reception"
        ? "\nReception: POST /api/dossiers, a fresh Idempotency-Key each"
        : `\nPublic lookup: GET /api/public/dossiers/:code over ${codes.length} codes`,
    );
    console.log(
      `  ${"processes".padEnd(9)} ${"clients".padStart(7)} ${"req/s".padStart(8)} ${`× N=${base}`.padStart(7)} ` +
        `${"p50".padStart(10)} ${"p99".padStart(10)} ${"errors".padStart(6)}  ` +
        `${"gen".padStart(5)} ${"app".padStart(5)} ${"pg".padStart(5)} ${"all".padStart(5)}  db conn.`,
    );
    const first = results.get(`${workload}/${base}`)!;
    for (const n of PROCESSES) {
      const f = results.get(`${workload}/${n}`)!;
      const rate = f.ok / f.seconds;
      console.log(
        `  ${String(n).padEnd(9)} ${String(n * CLIENTS).padStart(7)} ${rate.toFixed(1).padStart(8)} ` +
          `${(rate / (first.ok / first.seconds)).toFixed(2).padStart(7)} ${ms(percentile(f.latencies, 50))} ` +
          `${ms(percentile(f.latencies, 99))} ${String(f.non2xx + f.errors).padStart(6)}  ` +
          `${cores(f.cpu.generator, f)} ${cores(f.cpu.app, f)} ${cores(f.cpu.postgres, f)} ${cores(f.cpu.machine, f)}  ` +
          `${String(f.connections).padStart(8)}`,
      );
      for (const p of f.problems) console.log(`    PROBLEM: ${p}`);
      if (f.non2xx || f.errors)
        console.log(
          `    ${f.non2xx} non-2xx ${JSON.stringify(f.statusCodes)}, ${f.errors} connection errors/timeouts`,
        );
    }
  }
  console.log(
    `\nCaveats:\n` +
      `  - ${CPUS} CPUs: the load generator (this process), the app processes and PostgreSQL share them` +
      ` (and so does anything else running: see "all"). ${maxN} processes cannot run more than ${CPUS} at a time;` +
      ` once the cores are busy, more processes add no throughput — the ratios measure this machine, not the design.` +
      (hasProc ? "" : " (app and pg CPU are read from /proc: not available here, shown as 0.)") +
      `\n  - Rate limits: lookups (and sign-ins) are limited per client address with counters shared in PostgreSQL,` +
      ` counted in each process and added to the shared row at most once a second per key (at every hit past half` +
      ` the limit); the limits are raised so they never refuse. Every request here comes from 127.0.0.1: one key.` +
      `\n  - Every reception goes to the same ward: one daily code counter row (locked until COMMIT) and the audit chain's` +
      ` lock, shared by all processes.`,
  );
  const problems = [...results.values()].reduce((a, f) => a + f.problems.length + f.non2xx + f.errors, 0);
  ok = problems === 0;
  const ratio = (w: Workload) => {
    const rate = (n: number) => {
      const f = results.get(`${w}/${n}`)!;
      return f.ok / f.seconds;
    };
    return PROCESSES.map((n) => `${n}: ${(rate(n) / rate(base)).toFixed(2)}`).join(", ");
  };
  console.log(
    `${ok ? "PASS" : "FAIL"}: throughput ratio to ${base} process(es) — reception ${ratio("reception")}; lookup ${ratio("lookup")}` +
      (ok ? "; no errors" : `; ${problems} errors or problems (see above)`),
  );
} catch (err) {
  console.error(err);
  for (const s of running) if (s.log) console.error(`server stderr (last lines):\n${s.log.slice(-4000)}`);
} finally {
  await stopServers([...running]);
  await db?.end();
  if (KEEP) console.log(`kept database ${dbName}`);
  else await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
