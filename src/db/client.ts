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
import * as paymentsSchema from "./schema.payments.ts";
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
  ...paymentsSchema,
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
  /** PostgreSQL only: a streaming replica for reads that may lag (src/plugins/replica.ts). */
  replica?: Db;
  close(): Promise<void>;
};

export const pgliteExtensions = { unaccent, pg_trgm, fuzzystrmatch };

export type OpenOptions = {
  databaseUrl?: string;
  /** A read-only streaming replica of `databaseUrl`. */
  replicaUrl?: string;
  dataDir?: string;
  loadDataDir?: Blob | File;
  poolSize?: number;
  /** PostgreSQL session settings (libpq `options`); the app's defaults otherwise. */
  options?: string;
};

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const settings = {
      max: opts.poolSize ?? 10,
      // A server that stops answering (a failover, a host gone without a reset) must not hold a
      // request forever: connecting gives up after 10 s, and TCP keepalive finds dead peers.
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      // Every session speaks UTC; dates are formatted by the application.
      // No JIT: PostgreSQL compiles a query past jit_above_cost (the reports' sums reach it) for
      // 100–200 ms before running it for tens. No parallel workers: starting them took 60–100 ms
      // for a report whose scans take 20 (bench/report.ts, EXPLAIN ANALYZE); the app's queries
      // read index ranges, not tables.
      options: opts.options ?? "-c TimeZone=UTC -c jit=off -c max_parallel_workers_per_gather=0",
    };
    const pool = primaryPool(opts.databaseUrl, settings);
    const replicaPool = opts.replicaUrl ? primaryPool(opts.replicaUrl, settings, false) : undefined;
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      ...(replicaPool ? { replica: drizzlePg(replicaPool, { schema }) as unknown as Db } : {}),
      close: async () => {
        await pool.end();
        await replicaPool?.end();
      },
    };
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

/** The hosts of a libpq-style URL (`postgres://u@h1:p1,h2:p2/db?…`), each as a URL of its own. */
export function hostUrls(url: string): string[] {
  const m = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^/]*)(\/.*)$/.exec(url);
  if (!m) return [url];
  const [, scheme, auth, hosts, rest] = m;
  return (hosts ?? "").split(",").map((h) => `${scheme}${auth ? `${auth}@` : ""}${h}${rest}`);
}

const CONNECTION_LOST = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "25006",
]);

/** An error that says the server went away or is not (or no longer) the primary. */
export function isConnectionLost(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (e?.code && CONNECTION_LOST.has(e.code)) return true;
  return /Connection terminated|connection timeout|the database system is (shutting down|starting up|in recovery)/i.test(
    e?.message ?? "",
  );
}

/**
 * A pool over the first host that accepts writes. With several hosts (after a failover the
 * promoted replica is the primary) a connection that cannot be made, or an error that says the
 * server is gone or read-only, makes the pool look again: each host is asked
 * `pg_is_in_recovery()` and the first that says false takes the new connections. Requests in
 * flight when the primary died fail (nothing was acknowledged for them); the next ones succeed.
 */
function primaryPool(url: string, settings: pg.PoolConfig, needsPrimary = true): pg.Pool {
  const urls = hostUrls(url);
  let current = 0;
  let looking: Promise<void> | undefined;
  const choose = async () => {
    for (let i = 0; i < urls.length; i++) {
      const at = (current + i) % urls.length;
      const client = new pg.Client({ connectionString: urls[at], connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        const { rows } = await client.query<{ standby: boolean }>("select pg_is_in_recovery() as standby");
        if (!needsPrimary || rows[0]?.standby === false) {
          current = at;
          return;
        }
      } catch {
        // try the next host
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  };
  const lookAgain = () => {
    if (urls.length < 2) return Promise.resolve();
    looking ??= choose().finally(() => {
      looking = undefined;
    });
    return looking;
  };
  class HostClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionString: urls[current] });
      // A client checked out of the pool (a transaction between two statements) has no listener
      // of the pool's: when the server goes away, its 'error' event would crash the process. The
      // next statement on it fails instead, and the pool drops it when it is released.
      this.on("error", () => undefined);
    }
  }
  class FailoverPool extends pg.Pool {
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads (promise and callback forms)
    override connect(callback?: any): any {
      const attempt = super.connect().catch(async (err: unknown) => {
        if (!isConnectionLost(err) || urls.length < 2) throw err;
        await lookAgain();
        return super.connect();
      });
      if (!callback) return attempt;
      attempt.then(
        (client) => callback(undefined, client, client.release.bind(client)),
        (err) => callback(err),
      );
    }
  }
  const pool = new FailoverPool({ ...settings, connectionString: urls[0], Client: HostClient });
  // An idle client can be cut off by the server (restart, failover); without this handler that
  // error would crash the process. The pool replaces the client; a lost primary is looked for again.
  pool.on("error", (err) => {
    if (isConnectionLost(err)) void lookAgain();
  });
  return pool;
}
