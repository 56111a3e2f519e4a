// The scale tests' PostgreSQL pair (scripts/pg-cluster.sh): a primary and a streaming replica on
// 127.0.0.1, a database migrated and seeded with the demo data (without its years of history).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type App, buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { seedDemo } from "../../src/demo/seed.ts";
import { login, type Session, testConfig, unitIdByCode } from "../app.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PRIMARY_PORT = Number(process.env.PRIMARY_PORT ?? 5433);
export const REPLICA_PORT = Number(process.env.REPLICA_PORT ?? 5434);
export const DB = "motcua";
export const urlAt = (port: number, db = DB) => `postgres://postgres@127.0.0.1:${port}/${db}`;
/** The app's primary: both hosts, the first that accepts writes (after a failover, the second). */
export const primaryUrl = `postgres://postgres@127.0.0.1:${PRIMARY_PORT},127.0.0.1:${REPLICA_PORT}/${DB}`;
export const replicaUrl = urlAt(REPLICA_PORT);

export function cluster(
  command: "up" | "down" | "status" | "kill-primary" | "stop-replica" | "promote",
): string {
  return execFileSync("bash", [path.join(root, "scripts/pg-cluster.sh"), command], {
    encoding: "utf8",
    env: { ...process.env, PRIMARY_PORT: String(PRIMARY_PORT), REPLICA_PORT: String(REPLICA_PORT) },
  });
}

/** Starts the pair and loads the demo database through the primary. */
export async function startCluster(): Promise<void> {
  cluster("up");
  const admin = new pg.Client({ connectionString: urlAt(PRIMARY_PORT, "postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: urlAt(PRIMARY_PORT), poolSize: 2 });
  await migrate(database);
  await seedDemo(database, loadConfig({ MOTCUA_DEMO_YEARS: "0" }));
  await database.close();
}

/** Runs one query on one server (not through the app). */
export async function queryAt<T extends pg.QueryResultRow>(
  port: number,
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: urlAt(port) });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The one row of a query that returns one. */
export async function queryOne<T extends pg.QueryResultRow>(
  port: number,
  text: string,
  values: unknown[] = [],
) {
  const [row] = await queryAt<T>(port, text, values);
  if (!row) throw new Error(`no row: ${text}`);
  return row;
}

/** Waits until the replica has replayed everything the primary has written so far. */
export async function replicaCaughtUp(timeoutMs = 10_000): Promise<void> {
  const { lsn } = await queryOne<{ lsn: string }>(PRIMARY_PORT, "select pg_current_wal_lsn()::text as lsn");
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [r] = await queryAt<{ ok: boolean }>(
      REPLICA_PORT,
      "select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok",
      [lsn],
    );
    if (r?.ok) return;
    if (Date.now() > until) throw new Error("replica did not catch up");
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type ClusterApp = { app: App; database: Database; receptionist: Session; ward: string };

/**
 * For one test file: the pair started and loaded, the app on both hosts (primary first) with the
 * replica for reads, the ward's receptionist signed in; all stopped after the file.
 */
export function setupClusterApp(poolSize = 4): ClusterApp {
  const t = {} as ClusterApp;
  beforeAll(async () => {
    await startCluster();
    t.database = await openDatabase({ databaseUrl: primaryUrl, replicaUrl, poolSize });
    t.app = await buildApp({ database: t.database, config: testConfig(), logger: false });
    await t.app.ready();
    t.receptionist = await login(t.app, "tiepnhan.thuanhoa");
    t.ward = await unitIdByCode(t.app, "46.19753");
  });
  afterAll(async () => {
    // After a failover the old primary's connections are gone; closing must not wait on them
    // forever (a close that hangs is reported, and the servers are stopped anyway).
    const bounded = (what: string, p: Promise<unknown> | undefined) =>
      Promise.race([
        p,
        new Promise((r) => setTimeout(r, 20_000).unref()).then(() =>
          console.warn(`${what} did not close within 20 s`),
        ),
      ]);
    await bounded("app", t.app?.close());
    await bounded("database pool", t.database?.close());
    cluster("down");
  });
  return t;
}
