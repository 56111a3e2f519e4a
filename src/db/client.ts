// Opens the database: embedded PGlite (data directory) by default, PostgreSQL when a URL is given.
// Both are exposed as the same Drizzle type so every repository runs on either.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as exchangeSchema from "./schema.exchange.ts";
import * as frontdeskSchema from "./schema.frontdesk.ts";
import * as parSchema from "./schema.par.ts";
import * as portalSchema from "./schema.portal.ts";
import * as reportSchema from "./schema.reports.ts";
import * as coreSchema from "./schema.ts";
import * as voiceSchema from "./schema.voice.ts";

const schema = {
  ...coreSchema,
  ...portalSchema,
  ...reportSchema,
  ...parSchema,
  ...frontdeskSchema,
  ...voiceSchema,
  ...exchangeSchema,
};

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What repositories take: the database or an open transaction (the caller owns the transaction). */
export type Executor = Db | Tx;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** PGlite only: the embedded instance (for dumps and backups). */
  pglite?: PGlite;
  close(): Promise<void>;
};

export const pgliteExtensions = { unaccent, pg_trgm, fuzzystrmatch };

export type OpenOptions = {
  databaseUrl?: string;
  dataDir?: string;
  loadDataDir?: Blob | File;
  poolSize?: number;
  /** PostgreSQL session settings (libpq `options`); the app's defaults otherwise. */
  options?: string;
};

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // Every session speaks UTC; dates are formatted by the application.
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // No JIT: PostgreSQL compiles a query past jit_above_cost (the reports' sums reach it) for
      // 100–200 ms before running it for tens. No parallel workers: starting them took 60–100 ms
      // for a report whose scans take 20 (bench/report.ts, EXPLAIN ANALYZE); the app's queries
      // read index ranges, not tables.
      options: opts.options ?? "-c TimeZone=UTC -c jit=off -c max_parallel_workers_per_gather=0",
    });
    // An idle client can be cut off by the server (restart, admin command); without this
    // handler that error would crash the process. The pool replaces the client.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => pool.end() };
  }
  if (opts.dataDir && !opts.dataDir.startsWith("memory://")) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: pgliteExtensions,
  });
  await pglite.exec("SET TIME ZONE 'UTC'");
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { db, kind: "pglite", pglite, close: () => pglite.close() };
}

/** Runs raw SQL and returns its rows, on either driver. */
export async function queryRows<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
