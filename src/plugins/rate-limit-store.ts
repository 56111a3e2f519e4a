// Rate-limit counters in PostgreSQL, so N app processes behind one address share one limit
// (a citizen who is limited on one process is limited on all). Fixed windows aligned on the
// epoch, counted in rate_limit_hits (unlogged: a crash forgets at most a window of counts).
//
// Not one upsert per request: a busy key (the public lookup from one carrier NAT address, or a
// load test from 127.0.0.1) would make its row the hottest in the database. Each process counts
// hits locally and adds them to the shared row at most once a second, and at every hit once the
// count is past half the limit, so the limit itself is exact across processes while the rows
// are written about once a second per busy key. Expired windows are deleted now and then.
//
// The embedded database serves one process by construction, so it keeps the in-memory store.
import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from "@fastify/rate-limit";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { queryRows } from "../db/client.ts";

type Incr = FastifyRateLimitStore["incr"];
type Callback = Parameters<Incr>[1];

/** Delete expired windows about once per this many increments. */
const SWEEP_EVERY = 500;

/** The window (epoch-aligned) that holds an instant. */
export const windowOf = (nowMs: number, windowMs: number) => Math.floor(nowMs / windowMs) * windowMs;

/** Adds `hits` to a key's window and returns the window's total. */
export async function addHits(
  db: Db,
  key: string,
  windowStartMs: number,
  windowMs: number,
  hits: number,
): Promise<number> {
  const [row] = await queryRows<{ hits: number }>(
    db,
    sql`INSERT INTO rate_limit_hits (key, window_start, hits, expires_at)
        VALUES (${key}, to_timestamp(${windowStartMs / 1000}), ${hits}, to_timestamp(${(windowStartMs + windowMs) / 1000}))
        ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + excluded.hits
        RETURNING hits`,
  );
  if (!row) throw new Error("rate limit: no counter row");
  return Number(row.hits);
}

/** How often a process adds its local hits of a key to the shared row while far from the limit. */
const SYNC_MS = 1_000;

type Window = { start: number; shared: number; pending: number; syncedAt: number };

/**
 * A key's count across processes: the shared total last seen plus this process's hits not yet
 * added. Adds them (and reads the total) when the last add is older than SYNC_MS or the count
 * is past half the limit; answers from memory otherwise, or once the limit is passed.
 */
export function sharedCounter(db: Db, now: () => number = Date.now) {
  const windows = new Map<string, Window>();
  let calls = 0;
  return async function hit(
    key: string,
    windowMs: number,
    max: number,
  ): Promise<{ current: number; ttl: number }> {
    const t = now();
    const start = windowOf(t, windowMs);
    if (++calls % SWEEP_EVERY === 0) {
      for (const [k, w] of windows) if (w.start + windowMs < t) windows.delete(k);
      void sweepRateLimits(db).catch(() => undefined);
    }
    let w = windows.get(key);
    if (!w || w.start !== start) {
      w = { start, shared: 0, pending: 0, syncedAt: 0 };
      windows.set(key, w);
    }
    w.pending += 1;
    const ttl = start + windowMs - t;
    const estimate = w.shared + w.pending;
    if (estimate > max || (t - w.syncedAt < SYNC_MS && estimate * 2 < max)) return { current: estimate, ttl };
    const add = w.pending;
    w.pending = 0;
    w.syncedAt = t;
    try {
      w.shared = Math.max(w.shared, await addHits(db, key, start, windowMs, add));
    } catch (err) {
      w.pending += add;
      throw err;
    }
    return { current: w.shared + w.pending, ttl };
  };
}

export async function sweepRateLimits(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limit_hits WHERE expires_at < now()`);
}

/** A store class for @fastify/rate-limit over the database (the plugin constructs it). */
export function pgRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  const hit = sharedCounter(db);
  class PgStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = "",
    ) {}
    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      hit(this.prefix + key, timeWindow, max).then(
        (result) => callback(null, result),
        (err: Error) => callback(err),
      );
    }
    child(routeOptions: Parameters<FastifyRateLimitStore["child"]>[0]): FastifyRateLimitStore {
      // The plugin passes the route's options with its route info (method, url).
      const route = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      return new PgStore({}, `${this.prefix}${route?.method ?? ""}${route?.url ?? ""}|`);
    }
  }
  return PgStore;
}
