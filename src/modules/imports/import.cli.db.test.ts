// `npx motcua import dossiers FILE`: counts and the first errors on stdout, exit 2 when a row was
// refused, 0 otherwise; a second run stores nothing; an audit row per run.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { adminUrl, pgTemplate, pgUrl, templateFile } from "../../../test/db.ts";
import { runCli } from "../../cli.ts";
import { openDatabase, queryRows } from "../../db/client.ts";

const HEADER =
  "dossier_code,procedure_code,unit_code,channel,received_at,due_at,resolved_at,returned_at,outcome,rating";
const dir = mkdtempSync(path.join(tmpdir(), "motcua-import-cli-"));
const saved = { ...process.env };
let pgName: string | null = null;

beforeAll(async () => {
  if (process.env.MOTCUA_TEST_DB === "pg") {
    pgName = `motcua_t_cli_${randomBytes(5).toString("hex")}`;
    const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
    await admin.db.execute(sql.raw(`CREATE DATABASE ${pgName} TEMPLATE ${pgTemplate()}`));
    await admin.close();
    process.env.DATABASE_URL = pgUrl(pgName);
  } else {
    // A data directory holding a copy of the test template (demo data).
    const dataDir = path.join(dir, "data");
    const db = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(templateFile())]) });
    await db.close();
    delete process.env.DATABASE_URL;
    process.env.MOTCUA_DATA_DIR = dataDir;
  }
});

afterAll(async () => {
  process.env = saved;
  if (pgName) {
    const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`));
    await admin.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
    out.push(a.join(" "));
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await runCli(args);
    return { code, out: out.join("\n"), progressed: err.mock.calls.length > 0 };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe("import dossiers (CLI)", () => {
  it("imports, prints counts and errors with their rows, exits 2 on refused rows and 0 on a clean file", async () => {
    const file = path.join(dir, "lich-su.csv");
    writeFileSync(
      file,
      `${HEADER}\nCL-1,1.004873,46.19753,in_person,2026-01-05,2026-01-08,2026-01-07,,returned,\n` +
        "CL-2,1.004873,46.19753,postal,2026-01-06,2026-01-09,,,pending,\n" +
        "CL-3,1.004873,46.19753,in_person,2026-13-01,2026-01-09,,,pending,\n",
    );
    const first = await run(["import", "dossiers", file]);
    expect(first.code).toBe(2);
    expect(first.progressed).toBe(true);
    expect(first.out).toMatch(/^3 rows: 2 inserted, 0 duplicates, 1 refused \(run [0-9a-f-]{36}\)/);
    expect(first.out).toContain("row 4 received_at [import.date_invalid]: received_at is not a valid date");

    const again = await run(["import", "dossiers", file]);
    expect(again.code).toBe(2);
    expect(again.out).toMatch(/^3 rows: 0 inserted, 2 duplicates, 1 refused/);

    const clean = path.join(dir, "sach.csv");
    writeFileSync(
      clean,
      `${HEADER}\nCL-4,1.004873,46.19753,online_full,2026-01-05,2026-01-08,2026-01-06,,returned,\n`,
    );
    const ok = await run(["import", "dossiers", clean]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^1 rows: 1 inserted, 0 duplicates, 0 refused/);

    const other = await run(["import", "dossiers", path.join(dir, "x.txt")]).catch((e: Error) => e);
    expect(other).toBeInstanceOf(Error);

    const database = await openDatabase({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: process.env.MOTCUA_DATA_DIR,
    });
    try {
      const audit = await queryRows<{ details: { inserted: number; duplicates: number; failed: number } }>(
        database.db,
        sql`select details from audit_log where action = 'cli.import.dossiers' order by seq`,
      );
      expect(audit.map((a) => [a.details.inserted, a.details.duplicates, a.details.failed])).toEqual([
        [2, 0, 1],
        [0, 2, 1],
        [1, 0, 0],
      ]);
      const runs = await queryRows<{ started_by: string | null; status: string; file_sha256: string }>(
        database.db,
        sql`select started_by, status, file_sha256 from import_runs order by started_at`,
      );
      expect(runs).toHaveLength(3);
      expect(
        runs.every(
          (r) => r.started_by === null && r.status === "done" && /^[0-9a-f]{64}$/.test(r.file_sha256),
        ),
      ).toBe(true);
    } finally {
      await database.close();
    }
  });
});
