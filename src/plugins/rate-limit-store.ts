// Rate-limit counters in PostgreSQL, so N app processes behind one address share one limit
// (a citizen who is limited on one process is limited on all). Fixed windows aligned on the
// epoch: one upsert per limited request returns the window's count and what is left of it.
// The table is unlogged (a crash forgets at most a window of counts); expired windows are
// deleted now and then by the process that happens to pass by.
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

export async function hitWindow(
  db: Db,
  key: string,
  windowMs: number,
): Promise<{ current: number; ttl: number }> {
  const [row] = await queryRows<{ hits: number; ttl: number }>(
    db,
    sql`WITH w AS (
          SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / ${windowMs}) * ${windowMs} / 1000.0) AS start
        )
        INSERT INTO rate_limit_hits (key, window_start, hits, expires_at)
        SELECT ${key}, w.start, 1, w.start + make_interval(secs => ${windowMs / 1000}) FROM w
        ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
        RETURNING hits, greatest(0, ceil(extract(epoch FROM expires_at - clock_timestamp()) * 1000))::int AS ttl`,
  );
  if (!row) throw new Error("rate limit: no counter row");
  return { current: Number(row.hits), ttl: Number(row.ttl) };
}

export async function sweepRateLimits(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limit_hits WHERE expires_at < now()`);
}

/** A store class for @fastify/rate-limit over the database (the plugin constructs it). */
export function pgRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let calls = 0;
  class PgStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = "",
    ) {}
    incr(key: string, callback: Callback, timeWindow: number): void {
      if (++calls % SWEEP_EVERY === 0) void sweepRateLimits(db).catch(() => undefined);
      hitWindow(db, this.prefix + key, timeWindow).then(
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
