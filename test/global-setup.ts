// Once per test run: migrate and seed a template database. On PGlite the template is a
// dumped data directory (each test file loads it in ~1.3 s instead of creating a database
// in 4–7 s); on PostgreSQL it is a template database copied per file.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { adminUrl, PG_TEMPLATE, pgUrl, TEMPLATE_FILE } from "./db.ts";

export default async function setup(project: TestProject) {
  if (process.env.MOTCUA_TEST_DB === "pg") {
    const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
    const { sql } = await import("drizzle-orm");
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`));
    await admin.db.execute(sql.raw(`CREATE DATABASE ${PG_TEMPLATE}`));
    await admin.close();
    const db = await openDatabase({ databaseUrl: pgUrl(PG_TEMPLATE), poolSize: 1 });
    await migrate(db);
    await seedDemo(db);
    await db.close();
    project.provide("testDb", "pg");
    return;
  }
  const db = await openDatabase({ dataDir: "memory://" });
  await migrate(db);
  await seedDemo(db);
  const dump = await db.pglite!.dumpDataDir("none");
  mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
  writeFileSync(TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide("testDb", "pglite");
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb: "pg" | "pglite";
  }
}
