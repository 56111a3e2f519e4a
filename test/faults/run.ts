// Durability under faults (issue #10): the real server as a child process against a private
// PostgreSQL cluster, and three faults, each bounded in time and judged by what is in the
// database (and the mailbox) afterwards:
//   db-restart   PostgreSQL restarted (fast, then immediate) under reception load (db-restart.ts)
//   disk-full    the upload directory on a full file system (disk-full.ts)
//   outbox-kill  the server SIGKILLed while mail is mid-send over SMTP (outbox-kill.ts)
// Run: npm run test:faults [-- db-restart disk-full outbox-kill]   (default: all three)
// Settings: FAULTS_PG_PORT (5436), PG_BIN (/usr/lib/postgresql/15/bin), FAULTS_CLIENTS (4),
// FAULTS_TIMEOUT_S (300: the whole run fails past it).
// Exit 1 on any violation (or when a scenario could not run). The cluster, the temporary
// directories and any mount are removed at the end, on failure too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestFieldKeys } from "../field-keys.ts";
import { cleanups, type FaultEnv, query, type ScenarioResult, startApp } from "./common.ts";
import { dbRestart } from "./db-restart.ts";
import { diskFull } from "./disk-full.ts";
import { outboxKill } from "./outbox-kill.ts";
import { createCluster } from "./pg.ts";

const scenarios: Record<string, (env: FaultEnv) => Promise<ScenarioResult>> = {
  "db-restart": dbRestart,
  "disk-full": diskFull,
  "outbox-kill": outboxKill,
};
const chosen = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const name of chosen) if (!scenarios[name]) throw new Error(`unknown scenario ${name}`);
const names = chosen.length ? chosen : Object.keys(scenarios);

const t0 = performance.now();
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-faults-data-"));
const cluster = createCluster();
let failures = 0;
let skipped = 0;
const stopAll = () => {
  for (const undo of cleanups.splice(0).reverse()) {
    try {
      undo();
    } catch {}
  }
  cluster.destroy();
  rmSync(dataDir, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    stopAll();
    process.exit(130);
  });
// The whole run is bounded: past FAULTS_TIMEOUT_S (default 300) it fails and cleans up.
const limitS = Number(process.env.FAULTS_TIMEOUT_S ?? 300);
setTimeout(() => {
  console.log(`FAIL: the fault tests did not finish in ${limitS} s`);
  stopAll();
  process.exit(1);
}, limitS * 1000).unref();
try {
  console.log(
    `fault tests: ${names.join(", ")}; private PostgreSQL on 127.0.0.1:${cluster.port} (${cluster.dir})`,
  );
  // The template every scenario copies: migrated and seeded once (the demo data without its
  // years of history, which the faults do not need).
  const template = "faults_template";
  // The servers (common.ts) encrypt under TEST_FIELD_KEYS; the checks read with the same keys.
  useTestFieldKeys();
  await query(`${cluster.base}/postgres`, `create database ${template}`);
  const seedStart = performance.now();
  const env: FaultEnv = { cluster, template, dataDir };
  const seeder = await startApp(env, `${cluster.base}/${template}`, {
    MOTCUA_DEMO: "1",
    MOTCUA_DEMO_YEARS: "0",
  });
  await seeder.stop();
  console.log(`  template database migrated and seeded in ${seconds(seedStart)}`);
  for (const name of names) {
    const started = performance.now();
    let result: ScenarioResult;
    try {
      result = await scenarios[name]!(env);
    } catch (err) {
      result = { violations: [`could not run: ${(err as Error).stack ?? err}`], figures: [] };
    }
    const ok = result.violations.length === 0;
    if (!ok) failures++;
    else if (result.skipped) skipped++;
    console.log(`${ok ? (result.skipped ? "SKIP" : "PASS") : "FAIL"} ${name} (${seconds(started)})`);
    if (result.skipped) console.log(`  skipped: ${result.skipped}`);
    for (const f of result.figures) console.log(`  ${f}`);
    for (const v of result.violations.slice(0, 30)) console.log(`  VIOLATION: ${v}`);
    if (result.violations.length > 30) console.log(`  … and ${result.violations.length - 30} more`);
  }
} catch (err) {
  failures++;
  console.error(err);
} finally {
  stopAll();
}
console.log(
  `${failures ? "FAIL" : "PASS"}: ${names.length - failures - skipped} of ${names.length} fault scenarios passed` +
    `${skipped ? `, ${skipped} skipped` : ""} (${seconds(t0)})`,
);
process.exitCode = failures ? 1 : 0;
