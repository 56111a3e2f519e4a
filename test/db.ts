// A fresh database per test file, copied from the template made by global-setup.ts.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../src/db/client.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// One template per test run (global-setup.ts sets MOTCUA_TEST_RUN before the workers start), so
// two runs at once (two terminals, helpers) never read each other's half-written template.
const runId = () => process.env.MOTCUA_TEST_RUN ?? "shared";
export const templateFile = () => path.join(root, `.tmp/test-template-${runId()}.tar`);
export const pgTemplate = () => `motcua_test_template_${runId()}`;
const PG_BASE = process.env.MOTCUA_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
export const pgUrl = (db: string) => `${PG_BASE}/${db}`;
export const adminUrl = () => pgUrl("postgres");

export async function openTestDatabase(): Promise<Database> {
  if (process.env.MOTCUA_TEST_DB === "pg") {
    const name = `motcua_t_${randomBytes(6).toString("hex")}`;
    const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.db.execute(sql.raw(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate()}`));
        break;
      } catch (err) {
        // Two files copying the template at the same instant can collide; try again.
        if (attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
    const database = await openDatabase({ databaseUrl: pgUrl(name), poolSize: 4 });
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        await admin.close();
      },
    };
  }
  const blob = new Blob([readFileSync(templateFile())]);
  return openDatabase({ dataDir: "memory://", loadDataDir: blob });
}
