// Report time with and without the streaming replica (issue #9), side by side in one run, on a
// local primary + replica pair (scripts/pg-cluster.sh): the province's resolution report for a
// year, run again and again while receptions load the primary, once by an app without
// DATABASE_REPLICA_URL (the report reads the primary) and once by an app with it (the report
// reads the replica). Printed: report p50/p95 and reception throughput during each, and ratios.
// Both servers and the app share this machine's cores, so the replica adds no CPU here: what it
// can show is the isolation of the report's reads from the primary's writes, not more capacity.
// Run: npx tsx bench/replica.ts   (DURATION=15 seconds per configuration, CLIENTS=4 reception clients)
import { randomUUID } from "node:crypto";
import { type App, buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { DEMO_PASSWORD } from "../src/demo/demo-data.ts";
import { cluster, primaryUrl, replicaCaughtUp, replicaUrl, startCluster } from "../test/scale/cluster.ts";
import { RECEPTIONIST, receptionBody, WARD_CODE } from "./lib/http.ts";
import { percentile } from "./lib/load.ts";

const SECONDS = Number(process.env.DURATION ?? 15);
const CLIENTS = Number(process.env.CLIENTS ?? 4);
const REPORT = "/api/v1/reports/resolution?unit=46&from=2025-12-15&to=2026-12-14";

const config = loadConfig({
  MOTCUA_SERVE_WEB: "0",
  LOG_LEVEL: "silent",
  LOGIN_RATE_PER_MINUTE: "100000",
  LOOKUP_RATE_PER_MINUTE: "100000",
});

async function signIn(app: App, username: string) {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password: DEMO_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in ${username}: ${res.statusCode}`);
  const sid = res.cookies.find((c) => c.name === "motcua_sid")!.value;
  return { cookie: `motcua_sid=${sid}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

async function run(withReplica: boolean) {
  const database = await openDatabase({
    databaseUrl: primaryUrl,
    replicaUrl: withReplica ? replicaUrl : undefined,
    poolSize: 8,
  });
  const app = await buildApp({ database, config, logger: false });
  await app.ready();
  const desk = await signIn(app, RECEPTIONIST);
  const leader = await signIn(app, "giamsat"); // the province's supervisor reads its report
  const units = (await app.inject({ method: "GET", url: "/api/public/units?history=true" })).json() as {
    items: { id: string; code: string }[];
  };
  const ward = units.items.find((u) => u.code === WARD_CODE)!.id;
  await replicaCaughtUp();

  let received = 0;
  let failed = 0;
  const reportMs: number[] = [];
  const sources = new Map<string, number>();
  const until = performance.now() + SECONDS * 1000;
  const reception = async () => {
    while (performance.now() < until) {
      const res = await app.inject({
        method: "POST",
        url: "/api/dossiers",
        payload: receptionBody(ward, received),
        headers: { cookie: desk.cookie, "x-csrf-token": desk.csrf, "idempotency-key": randomUUID() },
      });
      if (res.statusCode === 201) received++;
      else failed++;
    }
  };
  const reports = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const res = await app.inject({ method: "GET", url: REPORT, headers: { cookie: leader.cookie } });
      if (res.statusCode !== 200) {
        failed++;
        if (failed === 1) console.log(`report: ${res.statusCode} ${res.body.slice(0, 200)}`);
      } else reportMs.push(performance.now() - t0);
      const from = String(res.headers["x-motcua-read"] ?? "primary (no replica configured)");
      sources.set(from, (sources.get(from) ?? 0) + 1);
    }
  };
  await Promise.all([...Array.from({ length: CLIENTS }, reception), reports(), reports()]);
  await app.close();
  await database.close();
  return {
    receptionsPerSecond: received / SECONDS,
    p50: percentile(reportMs, 50),
    p95: percentile(reportMs, 95),
    reports: reportMs.length,
    failed,
    sources: Object.fromEntries(sources),
  };
}

await startCluster();
try {
  // Alternate, so neither configuration always runs on a warmer database.
  const without1 = await run(false);
  const with1 = await run(true);
  const with2 = await run(true);
  const without2 = await run(false);
  const avg = (a: number, b: number) => (a + b) / 2;
  const without = {
    rps: avg(without1.receptionsPerSecond, without2.receptionsPerSecond),
    p50: avg(without1.p50, without2.p50),
    p95: avg(without1.p95, without2.p95),
  };
  const withR = {
    rps: avg(with1.receptionsPerSecond, with2.receptionsPerSecond),
    p50: avg(with1.p50, with2.p50),
    p95: avg(with1.p95, with2.p95),
  };
  console.log(
    `\nprovince report for a year, 2 report readers + ${CLIENTS} reception clients, ${SECONDS} s per run, 2 runs each:`,
  );
  for (const [name, r] of [
    ["without replica", [without1, without2]],
    ["with replica", [with1, with2]],
  ] as const)
    for (const x of r)
      console.log(
        `  ${name.padEnd(16)} report p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms (${x.reports} reports, read from ${JSON.stringify(x.sources)}); receptions ${x.receptionsPerSecond.toFixed(1)}/s; failed ${x.failed}`,
      );
  console.log(
    `  ratio without/with replica: report p50 ${(without.p50 / withR.p50).toFixed(2)}×, p95 ${(without.p95 / withR.p95).toFixed(2)}×; receptions with/without ${(withR.rps / without.rps).toFixed(2)}×`,
  );
  const failed = [without1, without2, with1, with2].reduce((n, r) => n + r.failed, 0);
  const replicaServed = [with1, with2].every((r) => (r.sources.replica ?? 0) > 0);
  if (!replicaServed) console.log("  the replica served no report: FAILED");
  process.exitCode = failed === 0 && replicaServed ? 0 : 1;
} finally {
  cluster("down");
}
