// Once per test run: migrate and seed a template database. On PGlite the template is a
// dumped data directory (each test file loads it in ~1.3 s instead of creating a database
// in 4–7 s); on PostgreSQL it is a template database copied per file.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { adminUrl, pgTemplate, pgUrl, templateFile } from "./db.ts";

// The demo data without its years of imported-style history: tests that count dossiers count the
// live ones; src/demo/demo-years.db.test.ts loads the history into its own database.
const demoConfig = () => loadConfig({ MOTCUA_DEMO_YEARS: "0" });

export default async function setup(project: TestProject) {
  // Workers are started after this and inherit the variable: they find this run's template.
  process.env.MOTCUA_TEST_RUN = `${process.pid}`;
  const PG_TEMPLATE = pgTemplate();
  if (process.env.MOTCUA_TEST_DB === "pg") {
    const { sql } = await import("drizzle-orm");
    const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`));
    await admin.db.execute(sql.raw(`CREATE DATABASE ${PG_TEMPLATE}`));
    await admin.close();
    const db = await openDatabase({ databaseUrl: pgUrl(PG_TEMPLATE), poolSize: 1 });
    await migrate(db);
    await seedDemo(db, demoConfig());
    await db.close();
    project.provide("testDb", "pg");
    return async () => {
      const done = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
      await done.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`));
      await done.close();
    };
  }
  const TEMPLATE_FILE = templateFile();
  const db = await openDatabase({ dataDir: "memory://" });
  await migrate(db);
  await seedDemo(db, demoConfig());
  const dump = await db.pglite!.dumpDataDir("none");
  mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
  writeFileSync(TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide("testDb", "pglite");
  return () => rmSync(TEMPLATE_FILE, { force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb: "pg" | "pglite";
  }
}
