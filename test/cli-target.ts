// A database the CLI can reach from outside the test (by DATABASE_URL or MOTCUA_DATA_DIR),
// on whichever engine the run uses: a copy of the test template, or an empty one to restore into.
// The in-memory database of test/db.ts cannot be opened by a second client, hence this.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { vi } from "vitest";
import { runCli } from "../src/cli.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { adminUrl, pgTemplate, pgUrl, templateFile } from "./db.ts";

export type CliTarget = {
  /** Environment that points the CLI at this database. */
  env: Record<string, string | undefined>;
  /** Opens a client. Embedded: close it before the CLI runs (one process per data directory). */
  open(): Promise<Database>;
  drop(): Promise<void>;
};

export async function makeCliTarget(from: "template" | "empty"): Promise<CliTarget> {
  if (process.env.MOTCUA_TEST_DB === "pg") {
    const name = `motcua_cli_${randomBytes(5).toString("hex")}`;
    const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.db.execute(
          sql.raw(`CREATE DATABASE ${name}${from === "template" ? ` TEMPLATE ${pgTemplate()}` : ""}`),
        );
        break;
      } catch (err) {
        // Another file copying the template at the same instant holds it; try again.
        if (attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
    await admin.close();
    return {
      env: { DATABASE_URL: pgUrl(name) },
      open: () => openDatabase({ databaseUrl: pgUrl(name), poolSize: 2 }),
      drop: async () => {
        const done = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
        await done.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        await done.close();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "motcua-cli-"));
  const dataDir = path.join(dir, "data");
  if (from === "template") {
    const seeded = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(templateFile())]) });
    await seeded.close();
  }
  return {
    env: { DATABASE_URL: undefined, MOTCUA_DATA_DIR: dataDir, MOTCUA_FILES_DIR: path.join(dir, "files") },
    open: () => openDatabase({ dataDir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `motcua …` in this process against `env`; returns its exit code and what it printed. */
export async function cli(env: CliTarget["env"], args: string[]): Promise<{ code: number; out: string }> {
  const saved = { ...process.env };
  const lines: string[] = [];
  const capture = (...a: unknown[]) => lines.push(a.map(String).join(" "));
  const log = vi.spyOn(console, "log").mockImplementation(capture);
  const error = vi.spyOn(console, "error").mockImplementation(capture);
  try {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const code = await runCli(args);
    return { code, out: lines.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.env = saved;
  }
}
