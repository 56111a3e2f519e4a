// The motcua CLI: organisation import (idempotent, per-row report) and backup → restore → verify.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.ts";
import { type Database, openDatabase, queryRows } from "../src/db/client.ts";
import { importUnits, parseUnitsCsv } from "../src/modules/org/org.import.ts";
import { makeCliTarget } from "./cli-target.ts";
import { adminUrl, openTestDatabase, pgUrl } from "./db.ts";

const CSV = `code,name,level,parent_code,valid_from,valid_to,successor_code
79.26734,Phường Sài Gòn,commune,79,2025-07-01,,
79,Thành phố Hồ Chí Minh,province,,2025-01-01,,
79.760,Quận 1,district,79,1976-01-01,2025-06-30,79
79.26737,Phường Bến Nghé,commune,79.760,1976-01-01,2025-06-30,79.26734
79 bad,Sai mã,commune,79,,,
79.99999,Mồ côi,commune,99,,,
79.26740,Sai cấp,province,79,,,
79.26741,,commune,79,,,
`;

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("import units", () => {
  it("loads parents before children, links successors, and reports each bad row with its line", async () => {
    const seen: number[] = [];
    const report = await importUnits(database.db, parseUnitsCsv(CSV), (done) => seen.push(done));
    expect(report).toMatchObject({ total: 8, created: 4, unchanged: 0 });
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([
      [6, "79 bad"],
      [7, "79.99999"],
      [8, "79.26740"],
      [9, "79.26741"],
    ]);
    expect(report.errors[1]!.message).toContain("parent_code 99 not found");
    expect(report.errors[2]!.message).toContain("not below");
    expect(seen.at(-1)).toBe(8);
    const rows = await queryRows(
      database.db,
      sql`select u.code, s.code as successor, unit_name_at(u.id, current_date) as name from org_units u
        left join org_units s on s.id = u.successor_id where u.code like '79%' order by u.code`,
    );
    expect(rows).toEqual([
      { code: "79", successor: null, name: "Thành phố Hồ Chí Minh" },
      { code: "79.26734", successor: null, name: "Phường Sài Gòn" },
      { code: "79.26737", successor: "79.26734", name: "Phường Bến Nghé" },
      { code: "79.760", successor: "79", name: "Quận 1" },
    ]);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const report = await importUnits(database.db, parseUnitsCsv(CSV));
    expect(report).toMatchObject({ created: 0, unchanged: 4 });
  });

  it("refuses a file without the required columns", async () => {
    const report = await importUnits(database.db, parseUnitsCsv("ma,ten\n1,A\n"));
    expect(report.created).toBe(0);
    expect(report.errors[0]!.message).toContain("missing columns: code, name, level, parent_code");
  });
});

describe("backup, restore and audit verify", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "motcua-cli-"));
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips the database and the restored audit chain verifies", { timeout: 120_000 }, async () => {
    const file = path.join(dir, "backup");
    if (process.env.MOTCUA_TEST_DB === "pg") {
      const target = `motcua_restore_${process.pid}`;
      const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
      await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${target}`));
      await admin.db.execute(sql.raw(`CREATE DATABASE ${target}`));
      // A copy of the template: a backup writes an audit checkpoint into the database it dumps,
      // and the template is shared by every test file of the run.
      const source = await makeCliTarget("template");
      try {
        process.env.DATABASE_URL = source.env.DATABASE_URL;
        expect(await runCli(["backup", file])).toBe(0);
        process.env.DATABASE_URL = pgUrl(target);
        expect(await runCli(["restore", file])).toBe(0);
        expect(await runCli(["audit", "verify"])).toBe(0);
        const restored = await openDatabase({ databaseUrl: pgUrl(target), poolSize: 1 });
        expect((await queryRows(restored.db, sql`select count(*)::int as n from users`))[0]).toEqual({
          n: 10,
        });
        await restored.close();
      } finally {
        await source.drop();
        await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`));
        await admin.close();
      }
      return;
    }
    delete process.env.DATABASE_URL;
    process.env.MOTCUA_DATA_DIR = path.join(dir, "a");
    expect(await runCli(["seed-demo"])).toBe(0);
    writeFileSync(path.join(dir, "units.csv"), CSV);
    expect(await runCli(["import", "units", path.join(dir, "units.csv")])).toBe(2);
    expect(await runCli(["backup", file])).toBe(0);
    process.env.MOTCUA_DATA_DIR = path.join(dir, "b");
    expect(await runCli(["restore", file])).toBe(0);
    expect(await runCli(["audit", "verify"])).toBe(0);
    expect(await runCli(["restore", file])).toBe(1); // never over a non-empty data directory
    const restored = await openDatabase({ dataDir: path.join(dir, "b") });
    expect(
      (await queryRows(restored.db, sql`select count(*)::int as n from org_units where code like '79%'`))[0],
    ).toEqual({ n: 4 });
    expect(
      (await queryRows(restored.db, sql`select action from audit_log order by seq desc limit 1`))[0],
    ).toEqual({ action: "cli.import.units" });
    await restored.close();
  });

  it("answers unknown commands with the usage and exit code 64", async () => {
    expect(await runCli(["frobnicate"])).toBe(64);
  });
});
