// The motcua command line: `npx motcua <command>`. Run `npx motcua help` for the list.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { devNull } from "node:os";
import { sql } from "drizzle-orm";
import { type Config, loadConfig } from "./config.ts";
import { type Database, openDatabase, queryRows } from "./db/client.ts";
import { setFieldKeys } from "./db/encrypted.ts";
import { migrate } from "./db/migrate.ts";
import { seedDemoYears } from "./demo/demo-years.ts";
import { demoCredentialsText, seedDemo } from "./demo/seed.ts";
import { recordCheckpoint, verdictText, verifyAudit } from "./modules/audit/audit.integrity.ts";
import { insertAudit } from "./modules/audit/audit.repository.ts";
import { USER_HELP, userCommand } from "./modules/auth/account.cli.ts";
import { importProcedures, readImportFile } from "./modules/catalog/catalog.import.ts";
import { importFile } from "./modules/imports/import.service.ts";
import { importUnits, parseUnitsCsv } from "./modules/org/org.import.ts";
import { rotateKeys } from "./modules/privacy/keys.rotate.ts";
import { runRetention } from "./modules/privacy/privacy.service.ts";
import { REPORT_HELP, reportCommand } from "./modules/reports/reports.cli.ts";

const HELP = `motcua <command>

  migrate                 apply database migrations
  seed-demo [--years N]   load the demo data (into an empty database) with N years of history
                          before its live 90 days (default 2); on a demo database, add the years
  import units FILE.csv   load an organisation tree (columns: code, name, level, parent_code,
                          optional valid_from, valid_to, successor_code)
  import procedures FILE  load procedures from .json, .csv or .xlsx (columns in README) under one
                          decision: [--decision NUMBER] [--signed YYYY-MM-DD] [--effective YYYY-MM-DD]
                          [--issuer UNIT_CODE]; idempotent, per-row report
  import dossiers FILE    load dossiers of earlier systems for the reports from .csv or .xlsx
                          (columns in README); idempotent; exit 2 if any row was refused
  audit verify            check the audit log's hash chain, its signed checkpoints and the anchor
                          file (AUDIT_ANCHOR_FILE); exit 1 if it was tampered with
  audit checkpoint        sign the audit chain's head now (AUDIT_SIGNING_KEYS) and print it
  keys rotate [--check]   bring every encrypted ID and phone number and every blind index to the
                          first key of MOTCUA_DATA_KEYS / MOTCUA_INDEX_KEYS (also encrypts values
                          stored before column encryption); --check counts, exit 1 if any is left
  retention [--dry-run]   apply the retention rules of personal data now (counts per rule);
                          --dry-run counts what would change and changes nothing
${USER_HELP}
${REPORT_HELP}
  backup FILE             sign an audit checkpoint, then dump: PostgreSQL: pg_dump SQL;
                          embedded: data-directory archive (.tar.gz)
  restore FILE            the reverse, into an empty database (embedded: an empty data directory)

Settings come from the environment (DATABASE_URL, MOTCUA_DATA_DIR, AUDIT_SIGNING_KEYS,
AUDIT_ANCHOR_FILE, MOTCUA_DATA_KEYS, MOTCUA_INDEX_KEYS; see README).`;

function progress(done: number, total: number) {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
  if (done >= total) process.stderr.write("\n");
}

async function withDb<T>(fn: (db: Database) => Promise<T>, opts = { migrate: true }): Promise<T> {
  const config = loadConfig();
  setFieldKeys(config.fieldKeys);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    if (opts.migrate) await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The audit row of a command-line action (actor: the operator's login). */
export const cliAudit = (action: string, details: Record<string, unknown>, outcome = 200) => ({
  actorUserId: null,
  actorLabel: `cli:${process.env.USER ?? "unknown"}`,
  unitId: null,
  action,
  target: null,
  outcome,
  ip: null,
  requestId: null,
  details,
});

export async function runCli(argv: string[]): Promise<number> {
  const [cmd, sub, arg] = argv;
  switch (cmd) {
    case "migrate":
      await withDb(async () => {});
      console.log("Migrations applied.");
      return 0;
    case "seed-demo": {
      const yearsArg = flag(argv, "years");
      if (yearsArg !== undefined && !/^(10|[0-9])$/.test(yearsArg)) {
        console.error("--years takes a whole number from 0 to 10.");
        return 64;
      }
      const config = loadConfig(
        yearsArg === undefined ? process.env : { ...process.env, MOTCUA_DEMO_YEARS: yearsArg },
      );
      return withDb(async (db) => {
        const { seeded } = await seedDemo(db, config);
        if (seeded) {
          console.log(`Demo data loaded (${config.demoYears} years of history).\n${demoCredentialsText()}`);
          return 0;
        }
        if (yearsArg === undefined) {
          console.log("The database already has data; nothing loaded (--years N adds N years of history).");
          return 0;
        }
        // Demo data is there: add the years of history to it (rows already there are skipped).
        const added = await db.db.transaction((tx) => seedDemoYears(tx, config.demoYears));
        console.log(`${added} dossiers of history added (${config.demoYears} years).`);
        return 0;
      });
    }
    case "import": {
      if (sub === "procedures" && arg) return importProceduresCommand(arg, argv.slice(3));
      if (sub === "dossiers" && arg) return importDossiersCommand(arg);
      if (sub !== "units" || !arg) break;
      const records = parseUnitsCsv(readFileSync(arg, "utf8"));
      return withDb(async (db) => {
        const report = await importUnits(db.db, records, progress);
        await insertAudit(
          db.db,
          cliAudit("cli.import.units", {
            file: arg,
            created: report.created,
            unchanged: report.unchanged,
            errors: report.errors.length,
          }),
        );
        console.log(
          `${report.total} rows: ${report.created} created, ${report.unchanged} unchanged, ${report.errors.length} refused`,
        );
        for (const e of report.errors)
          console.log(`  line ${e.line}${e.code ? ` (${e.code})` : ""}: ${e.message}`);
        return report.errors.length > 0 ? 2 : 0;
      });
    }
    case "audit": {
      const config = loadConfig();
      if (sub === "verify")
        return withDb(async (db) => {
          const verdict = await verifyAudit(db.db, config.audit);
          console.log(verdictText(verdict, config.audit.anchorFile));
          return verdict.ok ? 0 : 1;
        });
      if (sub !== "checkpoint") break;
      if (config.audit.keys.length === 0) {
        console.error("AUDIT_SIGNING_KEYS is not set: checkpoints are off (see README, Settings).");
        return 78;
      }
      return withDb(async (db) => {
        const c = (await recordCheckpoint(db.db, config.audit, "manual"))!;
        if (config.audit.demoKey) console.error(DEMO_KEY_WARNING);
        console.log(
          `Checkpoint #${c.id} written: seq ${c.seq}, hash ${c.hash || "(empty log)"}, at ${c.at}, key ${c.keyId}.`,
        );
        return 0;
      });
    }
    case "keys": {
      if (sub !== "rotate" || (arg !== undefined && arg !== "--check")) break;
      const config = loadConfig();
      const check = arg === "--check";
      return withDb(async (database) => {
        const counts = await rotateKeys(database.db, {
          data: config.fieldKeys.data,
          index: config.fieldKeys.index,
          check,
          onProgress: (table, done) => process.stderr.write(`\r${table}: ${done} rows read`.padEnd(40)),
        });
        process.stderr.write("\n");
        let left = 0;
        let conflicts = 0;
        for (const [table, c] of Object.entries(counts)) {
          left += c.rows;
          conflicts += c.conflicts.length;
          console.log(
            `${table.padEnd(18)} ${c.rows} rows ${check ? "to change" : "changed"}: ${c.values} values re-encrypted, ${c.indexes} blind indexes recomputed`,
          );
          for (const pk of c.conflicts)
            console.log(
              `  ${table} ${pk}: its number is already another row's (same number, other spelling); left as it was`,
            );
        }
        if (!check) {
          await insertAudit(database.db, cliAudit("cli.keys.rotate", { counts }));
          return conflicts === 0 ? 0 : 1;
        }
        console.log(
          left === 0 ? "Every value is under the first keys." : `${left} rows are not under the first keys.`,
        );
        return left === 0 ? 0 : 1;
      });
    }
    case "retention": {
      if (sub !== undefined && sub !== "--dry-run") break;
      const config = loadConfig();
      return withDb(async (database) => {
        const counts = await runRetention(database.db, config.retention, {
          dryRun: sub === "--dry-run",
          actorLabel: `cli:${process.env.USER ?? "unknown"}`,
        });
        for (const [rule, n] of Object.entries(counts))
          console.log(`${rule.padEnd(20)} ${n}${sub === "--dry-run" ? " (dry run: nothing changed)" : ""}`);
        return 0;
      });
    }
    case "report":
      return reportCommand(argv.slice(1), { withDb, audit: cliAudit });
    case "user": {
      const config = loadConfig();
      return withDb((database) => userCommand(argv.slice(1), { database, config, audit: cliAudit }));
    }
    case "backup": {
      if (!sub) break;
      const config = loadConfig();
      if (config.databaseUrl) {
        // Not migrated first: a backup taken before an upgrade must be of the old schema.
        await withDb((db) => backupCheckpoint(db, config.audit), { migrate: false });
        const r = spawnSync(
          "pg_dump",
          ["--no-owner", "--no-privileges", "--dbname", config.databaseUrl, "--file", sub],
          { stdio: "inherit" },
        );
        if (r.status === 0) console.log(`Backup written to ${sub} (pg_dump SQL).`);
        return r.status ?? 1;
      }
      return withDb(async (db) => {
        await backupCheckpoint(db, config.audit);
        const dump = await db.pglite!.dumpDataDir("gzip");
        writeFileSync(sub, Buffer.from(await dump.arrayBuffer()));
        console.log(`Backup written to ${sub} (embedded data-directory archive).`);
        return 0;
      });
    }
    case "restore": {
      if (!sub) break;
      const config = loadConfig();
      if (config.databaseUrl) {
        const r = spawnSync(
          "psql",
          // One transaction: a restore that fails leaves the database empty, never half restored.
          // The dump's setval() results go to the null device, errors still to stderr.
          [
            "--quiet",
            "--single-transaction",
            "-v",
            "ON_ERROR_STOP=1",
            "--output",
            devNull,
            "--dbname",
            config.databaseUrl,
            "--file",
            sub,
          ],
          { stdio: "inherit" },
        );
        if (r.status === 0) console.log("Restored.");
        return r.status ?? 1;
      }
      if (existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
        console.error(
          `Refusing to restore over ${config.dataDir}: it is not empty. Point MOTCUA_DATA_DIR at an empty folder.`,
        );
        return 1;
      }
      const database = await openDatabase({
        dataDir: config.dataDir,
        loadDataDir: new Blob([readFileSync(sub)]),
      });
      await database.close();
      console.log(`Restored into ${config.dataDir}.`);
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(HELP);
      return 0;
  }
  console.error(`Unknown command: ${argv.join(" ")}\n\n${HELP}`);
  return 64;
}

const DEMO_KEY_WARNING =
  "Warning: signed with the public demo key (MOTCUA_DEMO on, AUDIT_SIGNING_KEYS unset): anyone can forge it.";

/**
 * The 'backup' checkpoint: the backup then holds a signed head of its own audit chain, so a
 * restored copy can be checked. A failure is reported and the backup goes on: a copy of a log
 * that cannot be signed (e.g. shorter than its last checkpoint) is evidence worth keeping.
 */
async function backupCheckpoint(db: Database, audit: Config["audit"]): Promise<void> {
  if (audit.keys.length === 0) {
    console.log("Audit checkpoints are off (AUDIT_SIGNING_KEYS unset): no checkpoint written.");
    return;
  }
  const table = await queryRows<{ t: string | null }>(
    db.db,
    sql`select to_regclass('audit_checkpoints')::text as t`,
  );
  if (!table[0]?.t) {
    console.log("No audit_checkpoints table yet (run motcua migrate): no checkpoint written.");
    return;
  }
  try {
    const c = (await recordCheckpoint(db.db, audit, "backup"))!;
    if (audit.demoKey) console.error(DEMO_KEY_WARNING);
    console.log(`Audit checkpoint #${c.id} written at seq ${c.seq}.`);
  } catch (err) {
    console.error(`Warning: no audit checkpoint written (${(err as Error).message}); backing up anyway.`);
  }
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function importProceduresCommand(file: string, args: string[]): Promise<number> {
  const rows = await readImportFile(file);
  return withDb(async (db) => {
    const report = await importProcedures(
      db.db,
      rows,
      {
        number: flag(args, "decision"),
        signedOn: flag(args, "signed"),
        effectiveFrom: flag(args, "effective"),
        issuerCode: flag(args, "issuer"),
      },
      progress,
    );
    await insertAudit(
      db.db,
      cliAudit("cli.import.procedures", {
        file,
        decision: report.decision,
        added: report.added,
        amended: report.amended,
        unchanged: report.unchanged,
        errors: report.errors.length,
      }),
    );
    console.log(
      `${report.total} rows: ${report.added} added, ${report.amended} amended, ${report.unchanged} unchanged, ${report.errors.length} refused` +
        (report.decision ? ` (decision ${report.decision})` : ""),
    );
    for (const e of report.errors)
      console.log(`  line ${e.line}${e.code ? ` (${e.code})` : ""}: ${e.message}`);
    return report.errors.length > 0 ? 2 : 0;
  });
}

async function importDossiersCommand(file: string): Promise<number> {
  return withDb(async (db) => {
    let shown = -1;
    const r = await importFile(db.db, file, (p) => {
      shown = Math.floor((p.bytesRead / Math.max(p.totalBytes, 1)) * 100);
      progress(shown, 100);
    });
    if (shown >= 0 && shown < 100) process.stderr.write("\n");
    await insertAudit(
      db.db,
      cliAudit("cli.import.dossiers", {
        file,
        run: r.runId,
        status: r.status,
        inserted: r.inserted,
        duplicates: r.duplicates,
        failed: r.failed,
      }),
    );
    console.log(
      `${r.processed} rows: ${r.inserted} inserted, ${r.duplicates} duplicates, ${r.failed} refused` +
        (r.status === "failed" ? " (the import stopped: see below)" : "") +
        ` (run ${r.runId})`,
    );
    for (const e of r.errors.slice(0, 20))
      console.log(`  row ${e.row}${e.field ? ` ${e.field}` : ""} [${e.code}]: ${e.message.en}`);
    if (r.errors.length > 20)
      console.log(
        `  … more: the first ${r.errors.length} errors are at GET /api/v1/imports/${r.runId}/errors.csv`,
      );
    return r.failed > 0 || r.status === "failed" ? 2 : 0;
  });
}
