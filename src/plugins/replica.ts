// Reads that may be served by a streaming replica (reports, the public lookup, transparency),
// without ever showing a browser something older than it has already seen.
//
// A browser carries the newest WAL position it has seen in the `motcua_lsn` cookie:
// - after a command (any unsafe method that succeeded), the primary's position after the commit;
// - after a read, the position the data it got reflects (the replica's replay position, or the
//   primary's when the read went there).
// A route flagged `replicaRead` first asks the replica how far it has replayed, in the same
// round trip as nothing else: if it has replayed at least the cookie's position, the read runs
// there; otherwise on the primary (read-your-writes, and monotonic reads across a failover or a
// lagging replica). `x-motcua-read: replica|primary` tells which one answered (tests, logs).
//
// Without DATABASE_REPLICA_URL this plugin does nothing.
import { sql } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { queryRows } from "../db/client.ts";

export const LSN_COOKIE = "motcua_lsn";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyContextConfig {
    /** A read that a streaming replica may serve (never audited, never personal data). */
    replicaRead?: boolean;
  }
}

/** A WAL position `X/Y` as a number (null when it is not one). */
export function lsnValue(lsn: string | undefined | null): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn ?? "");
  if (!m?.[1] || !m[2]) return null;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

/** The newer of two positions (either may be missing or malformed). */
export function newerLsn(a: string | undefined | null, b: string | undefined | null): string | null {
  const va = lsnValue(a);
  const vb = lsnValue(b);
  if (va === null) return vb === null ? null : (b ?? null);
  if (vb === null) return a ?? null;
  return va >= vb ? (a ?? null) : (b ?? null);
}

export default fp(
  async function replicaPlugin(app: FastifyInstance) {
    const replica = app.database.replica;
    if (!replica) return;

    app.addHook("onRoute", (route) => {
      const cfg = route.config as { replicaRead?: boolean; personalData?: boolean } | undefined;
      if (cfg?.replicaRead && (cfg.personalData || ![route.method].flat().every((m) => SAFE.has(m))))
        throw new Error(`${route.url}: a replica read must be a safe request without personal data`);
    });

    const remember = (request: FastifyRequest, reply: FastifyReply, lsn: string | null) => {
      const next = newerLsn(request.cookies[LSN_COOKIE], lsn);
      if (!next || next === request.cookies[LSN_COOKIE]) return;
      reply.setCookie(LSN_COOKIE, next, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: app.config.cookieSecure,
      });
    };

    const primaryLsn = async () =>
      (await queryRows<{ lsn: string }>(app.db, sql`select pg_current_wal_lsn()::text as lsn`))[0]?.lsn ??
      null;

    // After the audit plugin's preHandler has made the request's context.
    app.addHook("preHandler", async (request, reply) => {
      if (!request.routeOptions.config.replicaRead) return;
      const seen = lsnValue(request.cookies[LSN_COOKIE]) === null ? null : request.cookies[LSN_COOKIE];
      let lsn: string | null = null;
      let fresh = false;
      try {
        const [row] = await queryRows<{ lsn: string | null; fresh: boolean | null }>(
          replica,
          seen
            ? sql`select pg_last_wal_replay_lsn()::text as lsn, pg_last_wal_replay_lsn() >= ${seen}::pg_lsn as fresh`
            : sql`select pg_last_wal_replay_lsn()::text as lsn, true as fresh`,
        );
        lsn = row?.lsn ?? null;
        // A promoted replica (no longer replaying) has no replay position: it is the primary now.
        fresh = row?.fresh === true && lsn !== null;
      } catch (err) {
        request.log.warn({ err }, "replica unavailable, reading from the primary");
      }
      if (fresh) {
        request.ctx.tx = replica;
        reply.header("x-motcua-read", "replica");
        remember(request, reply, lsn);
      } else {
        reply.header("x-motcua-read", "primary");
        remember(request, reply, await primaryLsn());
      }
    });

    // After a command: the browser must from now on see at least what it just did.
    app.addHook("onSend", async (request, reply, payload) => {
      if (SAFE.has(request.method) || reply.statusCode >= 400) return payload;
      try {
        remember(request, reply, await primaryLsn());
      } catch (err) {
        request.log.warn({ err }, "could not read the primary's WAL position");
      }
      return payload;
    });
  },
  { name: "replica", dependencies: ["audit"] },
);
