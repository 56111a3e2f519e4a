// Public status lookup under a steady 500 requests/s (issue #5): GET /api/public/dossiers/:code
// on the real app against a bare Fastify route returning a fixed small JSON, both on 127.0.0.1
// in this process, side by side in one run (alternating rounds), autocannon at a fixed overall
// rate in a worker thread, lookups cycling over 200 dossiers received through the API (one
// batch). Also, for comparison, the same rate evenly paced by an open-loop generator.
// Target: p99 of the lookup at most 3× the p99 of the bare route; no errors, no non-2xx.
// Run: npx tsx bench/lookup.ts   (embedded database by default; DATABASE_URL=postgres://…/any
//      to run on that PostgreSQL server instead, in a fresh database dropped at the end;
//      RATE=500, DURATION=10 (per side), ROUNDS=2, DOSSIERS=200, CONNECTIONS=10; PACED=0 skips
//      the evenly paced comparison run)
import { sql } from "drizzle-orm";
import Fastify from "fastify";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { receiveBatch, signIn, unitId } from "./lib/http.ts";
import { type LoadResult, load, ms, paced, percentile } from "./lib/load.ts";

const RATE = Number(process.env.RATE ?? 500);
const DURATION = Number(process.env.DURATION ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const DOSSIERS = Number(process.env.DOSSIERS ?? 200);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const PACED = process.env.PACED !== "0";
const TARGET = 3;

let pgAdmin: Database | undefined;
let pgName: string | undefined;
let database: Database;
if (process.env.DATABASE_URL) {
  const server = new URL(process.env.DATABASE_URL);
  pgName = `motcua_bench_lookup_${process.pid}`;
  server.pathname = "/postgres";
  pgAdmin = await openDatabase({ databaseUrl: server.href, poolSize: 1 });
  await pgAdmin.db.execute(sql.raw(`create database ${pgName}`));
  server.pathname = `/${pgName}`;
  database = await openDatabase({ databaseUrl: server.href });
} else {
  database = await openDatabase({ dataDir: "memory://" });
}
const where = pgName ? "PostgreSQL" : "embedded database (PGlite)";

let ok = false;
const bare = Fastify({ logger: false });
try {
  const t0 = performance.now();
  await migrate(database);
  await seedDemo(database);
  const config = loadConfig({
    MOTCUA_SERVE_WEB: "0",
    LOG_LEVEL: "silent",
    OUTBOX_POLL_MS: "0",
    // The route's per-IP limit (60/min by default) would refuse nearly all of a 500/s run.
    LOOKUP_RATE_PER_MINUTE: String(RATE * 60 * 10),
  });
  const app = await buildApp({ database, config, logger: false });
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  const payload = { code: "000.19.753.H57-260701-0001", state: "received", stateLabel: "Đã tiếp nhận" };
  bare.get("/bare", async () => payload);
  const bareBase = await bare.listen({ host: "127.0.0.1", port: 0 });
  try {
    const session = await signIn(base);
    const unit = await unitId(base);
    // One batch: 200 single receptions take ~15 s on PGlite.
    const codes = await receiveBatch(base, session, unit, DOSSIERS);
    console.log(
      `setup (${where}, migrations, demo data, ${DOSSIERS} dossiers received) ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const settle = async () => {
      for (let fast = 0, t = performance.now(); fast < 3 && performance.now() - t < 10_000; ) {
        const a = performance.now();
        await fetch(`${base}/readyz`);
        fast = performance.now() - a < 50 ? fast + 1 : 0;
      }
    };
    const lookupPaths = codes.map((c) => `/api/public/dossiers/${encodeURIComponent(c)}`);
    const lookupOpts = { url: base, requests: lookupPaths.map((path) => ({ method: "GET" as const, path })) };
    const bareOpts = { url: `${bareBase}/bare` };
    const common = { connections: CONNECTIONS, overallRate: RATE };
    const slice = DURATION / ROUNDS;
    // Warm-up (JIT, plan caches), then alternating rounds.
    await load({ ...common, ...bareOpts, duration: 2 });
    await load({ ...common, ...lookupOpts, duration: 2 });
    // Capacity: as fast as 10 connections go, no rate (for context: can it do RATE at all?).
    const capacity = await load({ connections: CONNECTIONS, ...lookupOpts, duration: 3 });
    type Side = "bare" | "lookup" | "barePaced" | "lookupPaced";
    const runs: Record<Side, LoadResult[]> = { bare: [], lookup: [], barePaced: [], lookupPaced: [] };
    for (let r = 0; r < ROUNDS; r++) {
      runs.bare.push(await load({ ...common, ...bareOpts, duration: slice }));
      runs.lookup.push(await load({ ...common, ...lookupOpts, duration: slice }));
      if (PACED) {
        runs.barePaced.push(await paced({ origin: bareBase, paths: ["/bare"], rate: RATE, duration: slice }));
        runs.lookupPaced.push(await paced({ origin: base, paths: lookupPaths, rate: RATE, duration: slice }));
        await settle(); // requests cut off by the paced run may still be queued in the app
      }
    }

    const sum = (xs: LoadResult[]) => ({
      ok: xs.reduce((a, x) => a + x.ok, 0),
      non2xx: xs.reduce((a, x) => a + x.non2xx, 0),
      errors: xs.reduce((a, x) => a + x.errors, 0),
      seconds: xs.reduce((a, x) => a + x.seconds, 0),
      latencies: xs.flatMap((x) => x.latencies),
      statusCodes: JSON.stringify(
        xs.reduce<Record<string, number>>((a, x) => {
          for (const [c, n] of Object.entries(x.statusCodes)) a[c] = (a[c] ?? 0) + n;
          return a;
        }, {}),
      ),
    });
    type Sum = ReturnType<typeof sum>;
    const row = (label: string, x: Sum) =>
      console.log(
        `  ${label.padEnd(32)} ${(x.ok / x.seconds).toFixed(0).padStart(4)}/s  p50 ${ms(percentile(x.latencies, 50))}  ` +
          `p90 ${ms(percentile(x.latencies, 90))}  p99 ${ms(percentile(x.latencies, 99))}  ` +
          `${x.ok} × 2xx, ${x.non2xx} non-2xx, ${x.errors} errors ${x.statusCodes}`,
      );
    const b = sum(runs.bare);
    const l = sum(runs.lookup);
    console.log(
      `\n${where}, 127.0.0.1, ${DURATION} s per side in ${ROUNDS} alternating rounds.` +
        `\nautocannon, overallRate ${RATE}, ${CONNECTIONS} connections (each sends its ${RATE / CONNECTIONS}/s back to back, then waits for the next second):`,
    );
    row("bare Fastify route (fixed JSON)", b);
    row("GET /api/public/dossiers/:code", l);
    const ratio = percentile(l.latencies, 99) / percentile(b.latencies, 99);
    console.log(`  ratio p99 lookup / p99 bare: ${ratio.toFixed(2)} (target ≤ ${TARGET})`);
    console.log(
      `capacity: lookups as fast as ${CONNECTIONS} connections go (3 s, no rate): ${(capacity.ok / capacity.seconds).toFixed(0)}/s, ` +
        `p50 ${ms(percentile(capacity.latencies, 50))}, p99 ${ms(percentile(capacity.latencies, 99))}`,
    );
    if (PACED) {
      const bp = sum(runs.barePaced);
      const lp = sum(runs.lookupPaced);
      console.log(
        `evenly paced, one request every ${(1000 / RATE).toFixed(1)} ms, latency from the schedule (for comparison):`,
      );
      row("bare Fastify route (fixed JSON)", bp);
      row("GET /api/public/dossiers/:code", lp);
      console.log(
        `  ratio p99 lookup / p99 bare: ${(percentile(lp.latencies, 99) / percentile(bp.latencies, 99)).toFixed(2)}`,
      );
    }
    const clean = b.non2xx + b.errors + l.non2xx + l.errors === 0;
    const sustained = l.ok / l.seconds >= RATE * 0.95;
    ok = ratio <= TARGET && clean && sustained;
    console.log(
      `${ok ? "PASS" : "FAIL"}: lookup p99 ${ratio.toFixed(2)}× the bare route's under autocannon at ${RATE}/s (target ≤ ${TARGET}×)` +
        (clean ? "" : "; there were errors or non-2xx responses") +
        (sustained
          ? ""
          : `; the lookups did not keep up with ${RATE}/s (${(l.ok / l.seconds).toFixed(0)}/s)`),
    );
  } finally {
    await app.close();
  }
} finally {
  await bare.close();
  await database.close();
  if (pgAdmin) {
    await pgAdmin.db.execute(sql.raw(`drop database if exists ${pgName} with (force)`));
    await pgAdmin.close();
  }
}
process.exitCode = ok ? 0 : 1;
