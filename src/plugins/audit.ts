// The one place that writes the audit log. Every command route (and every read flagged
// `personalData`) is wrapped so that its handler runs in one transaction and the audit
// row is written in that same transaction. Refused or failed requests roll back, so they
// are audited just before their response is sent, with the status they got. No byte of an
// audited response leaves before its transaction has committed: what a handler sends itself is
// held back until then (`holdResponse`).
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";
import fp from "fastify-plugin";
import type { Executor } from "../db/client.ts";
import { insertAudit } from "../modules/audit/audit.repository.ts";
import { problemForError, RETRY_AFTER_SECONDS } from "./errors.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function auditRow(request: FastifyRequest, status: number) {
  const cfg = request.routeOptions.config;
  const note = request.ctx?.audit ?? {};
  const params = request.params as Record<string, string> | undefined;
  return {
    actorUserId: request.actor?.userId ?? note.actorUserId ?? null,
    actorLabel: null,
    unitId: note.unitId ?? null,
    action: cfg.action ?? `${request.method} ${request.routeOptions.url}`,
    // A refused request's id is unvalidated input: PostgreSQL text cannot hold NUL characters.
    target: (note.target ?? params?.id)?.replaceAll("\u0000", "\uFFFD") ?? null,
    outcome: status,
    ip: request.ip,
    requestId: String(request.id),
    details: { ...(note.details ?? {}), ...(request.problemCode ? { problem: request.problemCode } : {}) },
  };
}

/**
 * Holds back what an audited handler sends itself (`reply.send(buffer or stream)`, `return
 * reply.send(…)`) until its transaction has committed with the audit row: without this the
 * bytes would leave first (a handler returning `reply` even waits for the response to finish
 * before the audit row is inserted), and an audit insert or commit failing after them would leave
 * personal data out with no trace. The payload is captured and returned to Fastify after the
 * commit; on a rollback it is dropped and the client gets the error. `reply.hijack()` (writing to
 * the raw socket) cannot be held back, so it is refused inside the transaction.
 */
function holdResponse(reply: FastifyReply) {
  const own = reply as unknown as Record<string, unknown>;
  const held = { sent: false, payload: undefined as unknown, release };
  own.send = (payload?: unknown) => {
    if (held.sent) throw new Error("audited route: reply.send called twice");
    held.sent = true;
    held.payload = payload;
    return reply;
  };
  // Reply is a thenable that settles when the response has finished: `return reply` or
  // `await reply` inside the transaction would wait for a response that is held back.
  // biome-ignore lint/suspicious/noThenProperty: shadows Reply.prototype.then until the commit, on purpose
  own.then = undefined;
  own.hijack = () => {
    throw new Error("audited route: reply.hijack() cannot be held until the audit row is committed");
  };
  function release() {
    delete own.send;
    delete own.then;
    delete own.hijack;
  }
  return held;
}

const isAudited = (method: string, config: unknown) => {
  const cfg = (config ?? {}) as { noAudit?: boolean; personalData?: boolean };
  if (cfg.noAudit) return false;
  return !SAFE.has(method) || cfg.personalData === true;
};

export default fp(
  async function auditPlugin(app: FastifyInstance) {
    app.decorateRequest("audited", false);

    app.addHook("preHandler", async (request) => {
      request.ctx = { actor: request.actor, tx: app.db, audit: {}, config: app.config };
    });

    app.addHook("onRoute", (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const method = methods[0] ?? "GET";
      if (!isAudited(method, route.config)) return;
      if ((route.config as { transaction?: boolean } | undefined)?.transaction === false) return;
      const handler = route.handler as RouteHandlerMethod;
      route.handler = async function auditedHandler(request, reply) {
        const held = holdResponse(reply);
        try {
          const result = await app.db.transaction(async (tx) => {
            request.ctx.tx = tx as Executor;
            // A handler that sends early must not trigger the onSend audit while the
            // transaction is open (PGlite has one connection: that would deadlock).
            request.audited = true;
            const result = await handler.call(this, request, reply);
            await insertAudit(tx, auditRow(request, reply.statusCode));
            return result;
          });
          // Committed: now the body may leave, whether returned or given to reply.send.
          held.release();
          return held.sent ? held.payload : result === reply ? undefined : result;
        } catch (err) {
          held.release();
          // A stream held back is never sent: close it (an open file, a blob store's response).
          const body = held.payload as { destroy?: () => void } | undefined;
          if (held.sent && typeof body?.destroy === "function") body.destroy();
          request.audited = false; // rolled back: the refusal is audited on send
          // The file the handler meant to send is not sent: its headers go with it.
          reply.removeHeader("content-disposition");
          reply.removeHeader("etag");
          throw err;
        }
      };
    });

    // Before the response leaves, so a client that was refused can rely on the refusal being logged.
    app.addHook("onSend", async (request, reply, payload) => {
      if (request.audited || !request.routeOptions.url) return payload;
      if (!isAudited(request.method, request.routeOptions.config)) return payload;
      request.audited = true;
      try {
        await insertAudit(app.db, auditRow(request, reply.statusCode));
      } catch (err) {
        // The refusal cannot be logged (the database is away, most often): the client must not
        // rely on it, so it gets the problem of that failure instead — 503 with Retry-After when
        // the database is unreachable, never Fastify's default answer with the failed SQL.
        const problem = problemForError(err, request);
        request.log.error({ status: reply.statusCode }, "refused request not audited");
        reply.code(problem.status).type("application/problem+json; charset=utf-8");
        if (problem.status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
        return JSON.stringify(problem);
      }
      return payload;
    });
  },
  { name: "audit", dependencies: ["session"] },
);
