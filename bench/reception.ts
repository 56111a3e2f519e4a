// Reception throughput on PostgreSQL (issue #5): the real app receiving dossiers at the desk
// (POST /api/dossiers: session, CSRF, idempotency key, validation against the catalog, code,
// due date, first event, outbox, audit row, response) against pgbench running the very SQL
// statements one reception issues, on the same server and database, side by side in one run.
//   1. fresh database, migrations, demo data; the app in this process (logging off) on 127.0.0.1;
//   2. one reception recorded at the driver (every statement node-postgres sends, with its
//      parameters) and turned into a pgbench script: parameters inlined as literals, the keys
//      that must be unique per transaction (idempotency key, the code's daily number, the new
//      dossier's id) taken from pgbench variables and \gset results;
//   3. CONNECTIONS clients for DURATION seconds per side, in ROUNDS alternating rounds (app,
//      pgbench, app, …, so that whatever else the machine does falls on both alike): autocannon
//      (in a worker thread, a fresh Idempotency-Key per request) against the app, and
//      pgbench -n -M simple -c CONNECTIONS -j 2 -f <script>. The app's pool has CONNECTIONS
//      connections, as many as pgbench's clients.
// Target: the app's receptions/s at least 50 % of pgbench's transactions/s.
// Run: npx tsx bench/reception.ts   (BENCH_PG_URL, CONNECTIONS=10, DURATION=15 (per side), ROUNDS=3, WARMUP=3,
//      BENCH_KEEP=1 keeps the database and the script)
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openDatabase, queryRows } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { waitIdle } from "./lib/db.ts";
import { receptionBody, receptionHeaders, type Session, signIn, unitId } from "./lib/http.ts";
import { load, ms, percentile } from "./lib/load.ts";

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const DURATION = Number(process.env.DURATION ?? 15);
const WARMUP = Number(process.env.WARMUP ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PG_BASE = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const TARGET = 0.5;

// ---------------------------------------------------------------------------------------------
// Recording what the driver sends. Every pool client is a pg.Client; the app's pool and this
// module load the same `pg`, so patching the prototype sees the app's statements.

type Statement = { text: string; values: unknown[] };
let recording: Statement[] | null = null;
const clientQuery = pg.Client.prototype.query;
(pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (recording) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    const text = typeof first === "string" ? first : first.text;
    const values = (typeof first === "string" ? second : (first.values ?? second)) as unknown[] | undefined;
    recording.push({ text, values: Array.isArray(values) ? values : [] });
  }
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
};

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return quote(v.toISOString());
  if (Array.isArray(v))
    return quote(
      `{${v.map((x) => (x === null ? "NULL" : `"${String(x).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`)).join(",")}}`,
    );
  if (typeof v === "object") return quote(JSON.stringify(v));
  return quote(String(v));
}

/**
 * The pgbench script of one recorded reception. node-postgres sends untyped parameters, so an
 * untyped literal in the same place is planned the same way. pgbench substitutes `:name` in
 * SQL text (also inside literals, which is what we want here); `::` is skipped as a cast, so an
 * id that follows a colon inside a literal (`dossier:<id>:1:email`) gets a dash instead.
 */
function pgbenchScript(statements: Statement[], r: { key: string; id: string; code: string }) {
  const codePrefix = r.code.slice(0, r.code.lastIndexOf("-") + 1);
  const lines = [
    "-- one reception at the desk, as recorded from the app (bench/reception.ts)",
    "\\set bench_n :bench_n + 1",
  ];
  let sawCounter = false;
  let sawDossier = false;
  for (const s of statements) {
    let text = s.text.replace(/\$(\d+)/g, (_, n: string) => literal(s.values[Number(n) - 1]));
    text = text
      .replaceAll(r.key, "bench-:bench_tag-:client_id-:bench_n")
      .replaceAll(r.code, `${codePrefix}:bench_c_last`)
      .replaceAll(r.id, ":bench_d_id")
      .replaceAll("::bench_", "-:bench_");
    if (/^insert into "dossier_code_counters"/.test(text)) {
      lines.push(`${text} \\gset bench_c_`);
      sawCounter = true;
    } else if (/^insert into "dossiers"/.test(text)) {
      lines.push(`${text} \\gset bench_d_`);
      sawDossier = true;
    } else lines.push(`${text};`);
  }
  if (!sawCounter || !sawDossier)
    throw new Error(
      "the recorded reception has no code counter or dossier insert: update bench/reception.ts",
    );
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// pgbench

type PgbenchResult = {
  tps: number;
  transactions: number;
  failed: number;
  latencies: number[];
  output: string;
};

async function pgbench(args: string[], dir: string): Promise<PgbenchResult> {
  const url = new URL(PG_BASE);
  const connection = [
    "-h",
    url.hostname,
    "-p",
    url.port || "5432",
    "-U",
    decodeURIComponent(url.username || "postgres"),
  ];
  const child = spawn("pgbench", [...connection, ...args], {
    cwd: dir,
    env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) || process.env.PGPASSWORD },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((res) => child.once("exit", res));
  if (code !== 0) throw new Error(`pgbench ${args.join(" ")} exited with ${code}:\n${output}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  // Per-transaction log (-l): "client_id transaction_no time_us script_no epoch epoch_us".
  const latencies: number[] = [];
  for (const f of readdirSync(dir).filter((f) => f.startsWith("pgbench_log.")))
    for (const line of readFileSync(path.join(dir, f), "utf8").split("\n"))
      if (line) latencies.push(Number(line.split(" ")[2]) / 1000);
  return { tps, transactions, failed, latencies, output };
}

// ---------------------------------------------------------------------------------------------

const dbName = `motcua_bench_reception_${process.pid}`;
const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
await admin.connect();
await admin.query(`create database ${dbName}`);
const workDir = mkdtempSync(path.join(tmpdir(), "motcua-bench-reception-"));
const database = await openDatabase({ databaseUrl: `${PG_BASE}/${dbName}`, poolSize: CONNECTIONS });
let ok = false;
try {
  const t0 = performance.now();
  await migrate(database);
  await seedDemo(database);
  const config = loadConfig({
    DATABASE_URL: `${PG_BASE}/${dbName}`,
    MOTCUA_SERVE_WEB: "0",
    LOG_LEVEL: "silent",
    OUTBOX_POLL_MS: "0",
  });
  const app = await buildApp({ database, config, logger: false });
  // Receptions the app is still working on after autocannon dropped its sockets.
  const idle = () => waitIdle((text) => queryRows(database.db, sql.raw(text)));
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  const countDossiers = async () =>
    (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from dossiers`))[0]!.n;
  try {
    const session: Session = await signIn(base);
    const unit = await unitId(base);
    const body = JSON.stringify(receptionBody(unit));
    const post = (key: string) =>
      fetch(`${base}/api/dossiers`, { method: "POST", headers: receptionHeaders(session, key), body });
    for (let i = 0; i < 20; i++) await post(`bench-warm-${i}-${process.pid}`);

    // One reception, recorded with nothing else running.
    const key = `bench-recorded-${process.pid}`;
    recording = [];
    const res = await post(key);
    const statements = recording;
    recording = null;
    if (res.status !== 201) throw new Error(`reception failed: ${res.status} ${await res.text()}`);
    const dossier = (await res.json()) as { id: string; code: string };
    const script = pgbenchScript(statements, { key, id: dossier.id, code: dossier.code });
    const scriptFile = path.join(workDir, "reception.sql");
    writeFileSync(scriptFile, script);
    const inTransaction = statements.findIndex((s) => /^begin\b/i.test(s.text));
    console.log(
      `setup (database, migrations, demo data, app) ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `one reception = ${statements.length} statements (${inTransaction} before BEGIN: session and role grants; ` +
        `${statements.length - inTransaction - 2} between BEGIN and COMMIT)`,
    );

    // The app: autocannon, each request with its own Idempotency-Key ([<id>] is replaced per request).
    const http = {
      url: `${base}/api/dossiers`,
      method: "POST" as const,
      headers: receptionHeaders(session, "bench-[<id>]"),
      body,
      idReplacement: true,
      connections: CONNECTIONS,
    };
    if (WARMUP > 0) await load({ ...http, duration: WARMUP });
    await idle();
    // pgbench: one transaction first (fails loudly if the script is wrong).
    const common = ["-n", "-f", scriptFile, "-D", "bench_n=0"];
    await pgbench([...common, "-D", "bench_tag=smoke", "-c", "1", "-t", "1", dbName], workDir);

    // Alternating rounds, so that whatever else the machine does falls on both sides alike.
    const slice = DURATION / ROUNDS;
    const app_ = { ok: 0, seconds: 0, non2xx: 0, errors: 0, created: 0, latencies: [] as number[] };
    const pg_ = { transactions: 0, seconds: 0, failed: 0, created: 0, latencies: [] as number[] };
    const statusCodes: Record<string, number> = {};
    const rounds: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let before = await countDossiers();
      const a = await load({ ...http, duration: slice });
      // Receptions in flight when autocannon stopped (at most one per connection) still commit.
      await idle();
      const createdApp = (await countDossiers()) - before;
      app_.ok += a.ok;
      app_.seconds += a.seconds;
      app_.non2xx += a.non2xx;
      app_.errors += a.errors;
      app_.created += createdApp;
      app_.latencies.push(...a.latencies);
      for (const [c, n] of Object.entries(a.statusCodes)) statusCodes[c] = (statusCodes[c] ?? 0) + n;
      if (createdApp < a.ok || createdApp > a.ok + CONNECTIONS) app_.errors++;

      before = await countDossiers();
      const logDir = mkdtempSync(path.join(workDir, "log-"));
      const b = await pgbench(
        [
          ...common,
          "-D",
          `bench_tag=r${round}`,
          "-c",
          String(CONNECTIONS),
          "-j",
          "2",
          "-T",
          String(slice),
          "-l",
          dbName,
        ],
        logDir,
      );
      pg_.created += (await countDossiers()) - before;
      pg_.transactions += b.transactions;
      pg_.seconds += b.transactions / b.tps;
      pg_.failed += b.failed;
      pg_.latencies.push(...b.latencies);
      rounds.push(`${(a.ok / a.seconds / b.tps).toFixed(2)}`);
    }

    const appRate = app_.ok / app_.seconds;
    const pgRate = pg_.transactions / pg_.seconds;
    const ratio = appRate / pgRate;
    const line = (label: string, rate: number, unit: string, lat: number[]) =>
      console.log(
        `  ${label.padEnd(44)} ${rate.toFixed(1).padStart(8)} ${unit.padEnd(15)} p50 ${ms(percentile(lat, 50))}  p99 ${ms(percentile(lat, 99))}`,
      );
    console.log(
      `\nPostgreSQL, ${CONNECTIONS} clients, ${DURATION} s each (${ROUNDS} alternating rounds of ${slice} s):`,
    );
    line("app: POST /api/dossiers (autocannon)", appRate, "receptions/s", app_.latencies);
    line(`pgbench: the same ${statements.length} statements`, pgRate, "transactions/s", pg_.latencies);
    console.log(
      `  app: ${app_.ok} × 201, ${app_.non2xx} non-2xx ${JSON.stringify(statusCodes)}, ${app_.errors} errors; ` +
        `${app_.created} dossiers created (those in flight when a round ended included)`,
    );
    console.log(
      `  pgbench: ${pg_.transactions} transactions, ${pg_.failed} failed; ${pg_.created} dossiers created`,
    );
    console.log(
      `  ratio app / pgbench: ${ratio.toFixed(2)} (rounds: ${rounds.join(", ")}; target ≥ ${TARGET})`,
    );
    const clean =
      app_.non2xx === 0 && app_.errors === 0 && pg_.failed === 0 && pg_.created === pg_.transactions;
    ok = ratio >= TARGET && clean;
    if (!clean) console.log("  the runs were not clean: see the counts above");
    console.log(
      `${ok ? "PASS" : "FAIL"}: reception throughput ${(ratio * 100).toFixed(0)} % of pgbench running the same statements (target ≥ ${TARGET * 100} %)`,
    );
    if (process.env.BENCH_KEEP) console.log(`kept database ${dbName} and script ${scriptFile}`);
  } finally {
    await app.close();
  }
} finally {
  await database.close();
  if (!process.env.BENCH_KEEP) {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    rmSync(workDir, { recursive: true, force: true });
  }
  await admin.end();
}
process.exitCode = ok ? 0 : 1;
