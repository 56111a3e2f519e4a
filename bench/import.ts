// Historical import (issue #7 item 6): throughput and memory of `import dossiers` on files of two
// sizes, side by side. Streaming means the memory does not grow with the file: the peak RSS of the
// large file must be less than 1.5× that of the small one (the large one is 5× longer).
//   1. two CSV files, ROWS/5 and ROWS rows (200,000 and 1,000,000 by default), in a temp dir:
//      demo communes and procedures, receptions from 2025-07-01 to 2026-06-30, a mix of channels
//      and outcomes, ~1 % bad rows;
//   2. each imported by a fresh child process into a fresh database (embedded, in a temp data
//      directory on disk; with DATABASE_URL, a fresh database on that PostgreSQL server):
//      migrations and demo data first, then the import through the command line's own path
//      (importFile), RSS sampled every 100 ms while it runs;
//   3. rows/s and peak RSS of both, and the ratio of the peaks.
// Run: npx tsx bench/import.ts   (ROWS=1000000, DATABASE_URL=postgres://…/anything, BENCH_KEEP=1)
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { importFile } from "../src/modules/imports/import.service.ts";

const MAX_RATIO = 1.5;
const HEADER =
  "dossier_code,procedure_code,unit_code,channel,received_at,due_at,resolved_at,returned_at,outcome,rating";
const UNITS = ["46.19753", "46.19774", "46.19900", "46.19918", "46.20002"];
const PROCEDURES = ["1.004873", "1.001193", "1.000656", "2.000815", "2.000884", "1.004222"];
const CHANNELS = ["in_person", "in_person", "online_full", "online_partial", "postal", "mobile", "at_home"];
const RATINGS = ["very_satisfied", "satisfied", "normal", "dissatisfied", "empty", ""];
const DAY = 86_400_000;

type Result = {
  rows: number;
  bytes: number;
  seconds: number;
  peakRss: number;
  startRss: number;
  inserted: number;
  failed: number;
};

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

// ---------------------------------------------------------------------------------------------
// Child: one import into a fresh database, measured.

async function child(file: string, tag: string): Promise<Result> {
  const config = loadConfig({ LOG_LEVEL: "silent" });
  const base = process.env.DATABASE_URL;
  const work = mkdtempSync(path.join(tmpdir(), "motcua-bench-import-db-"));
  let admin: Database | undefined;
  let dbName: string | undefined;
  let database: Database;
  if (base) {
    const url = new URL(base);
    dbName = `motcua_bench_import_${process.pid}_${tag}`;
    url.pathname = "/postgres";
    admin = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    await admin.db.execute(sql.raw(`CREATE DATABASE ${dbName}`));
    url.pathname = `/${dbName}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  } else {
    database = await openDatabase({ dataDir: path.join(work, "data") });
  }
  try {
    await migrate(database);
    await seedDemo(database, config);
    global.gc?.();
    let peakRss = process.memoryUsage().rss;
    const startRss = peakRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    let shown = -1;
    const t0 = performance.now();
    const r = await importFile(database.db, file, (p) => {
      const pct = Math.floor((p.bytesRead / p.totalBytes) * 10) * 10;
      if (pct !== shown)
        process.stderr.write(`  ${tag}: ${pct} %, ${p.processed.toLocaleString("en")} rows\n`);
      shown = pct;
    });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (r.status !== "done")
      throw new Error(`the import of ${file} ended ${r.status}: ${JSON.stringify(r.errors[0])}`);
    return {
      rows: r.processed,
      bytes: statSync(file).size,
      seconds,
      peakRss,
      startRss,
      inserted: r.inserted,
      failed: r.failed,
    };
  } finally {
    await database.close();
    if (admin && dbName && !process.env.BENCH_KEEP)
      await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    await admin?.close();
    if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Parent: files, one child per size, the comparison.

async function writeCsv(file: string, rows: number, prefix: string) {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const start = Date.parse("2025-07-01T00:00:00+07:00");
  const span = Date.parse("2026-06-30T00:00:00+07:00") - start;
  // Vietnam time without an offset, as most exports write it.
  const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19);
  const out = createWriteStream(file);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write(`${HEADER}\n`);
  for (let i = 0; i < rows; i++) {
    const received = start + Math.floor(random() * span);
    const due = received + (1 + Math.floor(random() * 15)) * DAY;
    const r = random();
    const outcome = r < 0.88 ? "returned" : r < 0.92 ? "withdrawn" : r < 0.94 ? "refused" : "pending";
    const resolved = outcome === "pending" ? null : received + (0.2 + random() * 1.1) * (due - received);
    const returned = resolved === null ? null : resolved + Math.floor(random() * 2 * DAY);
    const bad = random() < 0.01;
    const unit = bad ? "99.99999" : pick(UNITS);
    await write(
      `${[
        `${prefix}-${i}`,
        pick(PROCEDURES),
        unit,
        pick(CHANNELS),
        local(received),
        outcome === "withdrawn" || outcome === "refused" ? "" : local(due),
        resolved === null || outcome === "withdrawn" ? "" : local(resolved),
        returned === null ? "" : local(returned),
        outcome,
        outcome === "returned" ? pick(RATINGS) : "",
      ].join(",")}\n`,
    );
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function parent() {
  const large = Number(process.env.ROWS ?? 1_000_000);
  const sizes = [Math.max(1, Math.round(large / 5)), large];
  const dir = mkdtempSync(path.join(tmpdir(), "motcua-bench-import-"));
  const self = fileURLToPath(import.meta.url);
  const target = process.env.DATABASE_URL
    ? "PostgreSQL (fresh database per size)"
    : "embedded PGlite (fresh data directory per size)";
  console.log(
    `historical import bench: ${sizes.map((n) => n.toLocaleString("en")).join(" and ")} rows, ${target}`,
  );
  const results: Result[] = [];
  try {
    for (const [i, rows] of sizes.entries()) {
      const file = path.join(dir, `dossiers-${rows}.csv`);
      const t0 = performance.now();
      await writeCsv(file, rows, `B${i}`);
      console.log(
        `  ${path.basename(file)}: ${mb(statSync(file).size)} written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const run = spawnSync(
        process.execPath,
        ["--expose-gc", "--import", "tsx", self, "--child", file, String(rows)],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
          env: process.env,
          maxBuffer: 16 * 1_048_576,
        },
      );
      const line = run.stdout.trim().split("\n").at(-1) ?? "";
      if (run.status !== 0 || !line.startsWith("{"))
        throw new Error(`the import of ${rows} rows failed (exit ${run.status}):\n${run.stdout}`);
      results.push(JSON.parse(line) as Result);
    }
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
  const cols = results.map((r) => [
    r.rows.toLocaleString("en"),
    mb(r.bytes),
    `${r.seconds.toFixed(1)} s`,
    `${Math.round(r.rows / r.seconds).toLocaleString("en")}`,
    `${r.inserted.toLocaleString("en")} / ${r.failed.toLocaleString("en")}`,
    mb(r.startRss),
    mb(r.peakRss),
    mb(r.peakRss - r.startRss),
  ]);
  const labels = [
    "rows",
    "file",
    "import time",
    "rows/s",
    "inserted / refused",
    "RSS before",
    "peak RSS",
    "peak − before",
  ];
  for (const [i, label] of labels.entries())
    console.log(`  ${label.padEnd(20)}${cols.map((c) => c[i]!.padStart(18)).join("")}`);
  const ratio = results[1]!.peakRss / results[0]!.peakRss;
  const ok = ratio < MAX_RATIO;
  console.log(
    `  peak RSS ${sizes[1]!.toLocaleString("en")} / ${sizes[0]!.toLocaleString("en")} rows: ${ratio.toFixed(2)} (must be < ${MAX_RATIO})`,
  );
  console.log(ok ? "PASS" : "FAIL");
  process.exit(ok ? 0 : 1);
}

if (process.argv[2] === "--child") {
  const result = await child(process.argv[3]!, process.argv[4]!);
  console.log(JSON.stringify(result));
  process.exit(0);
} else {
  await parent();
}
