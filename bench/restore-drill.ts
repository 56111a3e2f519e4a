// Restore drill (issue #10): how long `motcua backup` and `motcua restore` take on PostgreSQL
// with a province's worth of dossiers, and whether what comes back is whole.
//   1. a fresh database, migrations, demo data, then DOSSIERS dossiers (1,000,000 by default)
//      copied from the demo's in INSERT … SELECT generate_series batches, each with its
//      reception event and its audit row (written through the chain trigger, as the app does);
//   2. `motcua backup FILE` as its own process (pg_dump), timed, with the file's size;
//   3. `motcua restore FILE` into a second, empty database, timed;
//   4. every table's row count and md5 (test/cli-digest.ts) and every sequence compared, and
//      `motcua audit verify` on the copy, timed.
// Both databases and the file are removed at the end (BENCH_KEEP=1 keeps them).
// Run: npm run bench:restore   (DOSSIERS=1000000, BENCH_PG_URL)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config.ts";
import { type Database, openDatabase, queryRows } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { databaseDigest } from "../test/cli-digest.ts";

const DOSSIERS = Number(process.env.DOSSIERS ?? 1_000_000);
const BATCH = 100_000;
const PG_BASE = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const root = path.resolve(import.meta.dirname, "..");

const t0 = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/** `motcua …` as its own process, as an operator runs it; resolves with its exit code and time. */
function motcua(args: string[], databaseUrl: string): Promise<{ code: number; ms: number; out: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/motcua.mjs"), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code: code ?? 1, ms: performance.now() - started, out: out.trim() }),
    );
  });
}

const source = `motcua_bench_drill_${process.pid}`;
const target = `motcua_bench_drill_${process.pid}_restored`;
const dir = mkdtempSync(path.join(tmpdir(), "motcua-drill-"));
const file = path.join(dir, "motcua.sql");
const admin = await openDatabase({ databaseUrl: `${PG_BASE}/postgres`, poolSize: 1 });
await admin.db.execute(sql.raw(`CREATE DATABASE ${source}`));
await admin.db.execute(sql.raw(`CREATE DATABASE ${target}`));
let database: Database | undefined;
let restored: Database | undefined;
let ok = true;
try {
  console.log(`load average at start (1, 5, 15 min): ${load()} on this machine`);
  database = await openDatabase({ databaseUrl: `${PG_BASE}/${source}`, poolSize: 2 });
  const db = database.db;
  await migrate(database);
  await seedDemo(database, loadConfig({ LOG_LEVEL: "silent", MOTCUA_DEMO_YEARS: "0" }));

  // The demo's dossiers and their first events are the models: the copies cycle through them,
  // with their own id, code, applicant name and reception event, so no two rows are alike.
  const [models] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from dossiers d where d.code is not null
          and exists (select 1 from dossier_events e where e.dossier_id = d.id and e.seq = 1)`,
  );
  if (!models?.n) throw new Error("the demo data has no received dossier to copy");
  const t1 = performance.now();
  for (let from = 1; from <= DOSSIERS; from += BATCH) {
    const to = Math.min(from + BATCH - 1, DOSSIERS);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        with model as (
          select row_number() over (order by d.code) - 1 as k, to_jsonb(d) as d, to_jsonb(e) as e
            from dossiers d join dossier_events e on e.dossier_id = d.id and e.seq = 1
           where d.code is not null
        ), made as (
          insert into dossiers
          select r.*
            from generate_series(${from}::int, ${to}::int) i
            join model m on m.k = i % ${models.n}
            -- lateral: (f()).* would call f once per column
            cross join lateral jsonb_populate_record(null::dossiers, m.d || jsonb_build_object(
                    'id', gen_random_uuid(), 'code', 'DRILL-' || lpad(i::text, 8, '0'), 'national_code', null,
                    'applicant_name', 'Người thử ' || i, 'version', 1)) r
          returning id, code, version
        ), events as (
          insert into dossier_events
          select r.*
            from made join model m on m.k = substr(made.code, 7)::int % ${models.n}
            cross join lateral jsonb_populate_record(null::dossier_events, m.e || jsonb_build_object(
                    'id', nextval('dossier_event_ids'), 'dossier_id', made.id, 'seq', 1)) r
        )
        insert into audit_log (actor_label, action, target, outcome, details)
        select 'bench:drill', 'dossier.receive', made.id::text, 201, jsonb_build_object('code', made.code)
          from made order by made.code`);
    });
    process.stderr.write(
      `\r  ${to.toLocaleString("en")} dossiers written (${seconds(performance.now() - t1)})   `,
    );
  }
  process.stderr.write("\n");
  await db.execute(sql`vacuum analyze`);
  const [size] = await queryRows<{ bytes: string }>(
    db,
    sql`select pg_database_size(current_database()) as bytes`,
  );
  const written = performance.now() - t1;
  console.log(`load average before backup: ${load()}`);
  const backup = await motcua(["backup", file], `${PG_BASE}/${source}`);
  if (backup.code !== 0) throw new Error(`motcua backup exited ${backup.code}`);
  // After the backup: it signs an audit checkpoint into the source first, and that is in the file.
  const original = await databaseDigest(db);
  await database.close();
  database = undefined;
  const rows = (d: typeof original, table: string) => d.tables.find((t) => t.table === table)?.rows ?? 0;
  console.log(
    `data: ${rows(original, "dossiers").toLocaleString("en")} dossiers, ${rows(original, "dossier_events").toLocaleString("en")} events, ${rows(original, "audit_log").toLocaleString("en")} audit rows written in ${seconds(written)}; database ${mb(Number(size!.bytes))}`,
  );
  const fileBytes = statSync(file).size;
  console.log(`load average before restore: ${load()}`);
  const restore = await motcua(["restore", file], `${PG_BASE}/${target}`);
  if (restore.code !== 0) throw new Error(`motcua restore exited ${restore.code}`);
  const verify = await motcua(["audit", "verify"], `${PG_BASE}/${target}`);

  restored = await openDatabase({ databaseUrl: `${PG_BASE}/${target}`, poolSize: 1 });
  const copy = await databaseDigest(restored.db);
  const [restoredSize] = await queryRows<{ bytes: string }>(
    restored.db,
    sql`select pg_database_size(current_database()) as bytes`,
  );
  const differ = original.tables.filter((t, i) => !isDeepStrictEqual(t, copy.tables[i])).map((t) => t.table);
  const sameSequences = isDeepStrictEqual(original.sequences, copy.sequences);
  const whole =
    copy.tables.length === original.tables.length &&
    differ.length === 0 &&
    sameSequences &&
    rows(copy, "dossiers") >= DOSSIERS;
  ok = whole && verify.code === 0;

  console.log(`\nrestore drill, ${DOSSIERS.toLocaleString("en")} dossiers on PostgreSQL:`);
  console.log(`  motcua backup        ${seconds(backup.ms).padStart(9)}   file ${mb(fileBytes)} (plain SQL)`);
  console.log(
    `  motcua restore       ${seconds(restore.ms).padStart(9)}   into an empty database, now ${mb(Number(restoredSize!.bytes))}`,
  );
  console.log(`  motcua audit verify  ${seconds(verify.ms).padStart(9)}   ${verify.out}`);
  console.log(
    `  contents ${whole ? "identical" : "DIFFER"}: ${copy.tables.length} tables (count and md5 of rows in key order), ${copy.sequences.length} sequences${differ.length ? `; differ: ${differ.join(", ")}` : ""}${sameSequences ? "" : "; sequences differ"}`,
  );
  console.log(`  load average at the end: ${load()}`);
} finally {
  await database?.close();
  await restored?.close();
  if (!process.env.BENCH_KEEP) {
    for (const name of [source, target])
      await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    rmSync(dir, { recursive: true, force: true });
  } else console.log(`kept databases ${source}, ${target} and ${file}`);
  await admin.close();
}
console.log(`\n${ok ? "PASS" : "FAIL"}: restore drill (${seconds(performance.now() - t0)} in all)`);
process.exitCode = ok ? 0 : 1;
