// The motcua command line: `npx motcua <command>`. Run `npx motcua help` for the list.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadConfig } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { demoCredentialsText, seedDemo } from "./demo/seed.ts";
import { insertAudit, verifyChain } from "./modules/audit/audit.repository.ts";
import { importProcedures, readImportFile } from "./modules/catalog/catalog.import.ts";
import { importUnits, parseUnitsCsv } from "./modules/org/org.import.ts";

const HELP = `motcua <command>

  migrate                 apply database migrations
  seed-demo               load the demo data (only into an empty database)
  import units FILE.csv   load an organisation tree (columns: code, name, level, parent_code,
                          optional valid_from, valid_to, successor_code)
  import procedures FILE  load procedures from .json, .csv or .xlsx (columns in README) under one
                          decision: [--decision NUMBER] [--signed YYYY-MM-DD] [--effective YYYY-MM-DD]
                          [--issuer UNIT_CODE]; idempotent, per-row report
  audit verify            check the audit log's hash chain; exit 1 if it was tampered with
  backup FILE             PostgreSQL: pg_dump SQL; embedded: data-directory archive (.tar.gz)
  restore FILE            the reverse, into an empty database (embedded: an empty data directory)

Settings come from the environment (DATABASE_URL, MOTCUA_DATA_DIR; see README).`;

function progress(done: number, total: number) {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
  if (done >= total) process.stderr.write("\n");
}

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

const cliAudit = (action: string, details: Record<string, unknown>, outcome = 200) => ({
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
    case "seed-demo":
      return withDb(async (db) => {
        const { seeded } = await seedDemo(db, loadConfig());
        console.log(
          seeded
            ? `Demo data loaded.\n${demoCredentialsText()}`
            : "The database already has data; nothing loaded.",
        );
        return 0;
      });
    case "import": {
      if (sub === "procedures" && arg) return importProceduresCommand(arg, argv.slice(3));
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
      if (sub !== "verify") break;
      return withDb(async (db) => {
        const r = await verifyChain(db.db);
        console.log(
          r.ok
            ? `Audit chain intact: ${r.checked} rows checked.`
            : `AUDIT CHAIN BROKEN at seq ${r.firstBadSeq} (${r.reason}); ${r.checked} rows checked.`,
        );
        return r.ok ? 0 : 1;
      });
    }
    case "backup": {
      if (!sub) break;
      const config = loadConfig();
      if (config.databaseUrl) {
        const r = spawnSync(
          "pg_dump",
          ["--no-owner", "--no-privileges", "--dbname", config.databaseUrl, "--file", sub],
          { stdio: "inherit" },
        );
        if (r.status === 0) console.log(`Backup written to ${sub} (pg_dump SQL).`);
        return r.status ?? 1;
      }
      return withDb(async (db) => {
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
          ["--quiet", "-v", "ON_ERROR_STOP=1", "--dbname", config.databaseUrl, "--file", sub],
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
