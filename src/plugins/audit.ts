// The one place that writes the audit log. Every command route (and every read flagged
// `personalData`) is wrapped so that its handler runs in one transaction and the audit
// row is written in that same transaction. Refused or failed requests roll back, so they
// are audited just before their response is sent, with the status they got.
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from "fastify";
import fp from "fastify-plugin";
import type { Executor } from "../db/client.ts";
import { insertAudit } from "../modules/audit/audit.repository.ts";

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
    target: note.target ?? params?.id ?? null,
    outcome: status,
    ip: request.ip,
    requestId: String(request.id),
    details: { ...(note.details ?? {}), ...(request.problemCode ? { problem: request.problemCode } : {}) },
  };
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
        return app.db
          .transaction(async (tx) => {
            request.ctx.tx = tx as Executor;
            // A handler that sends early must not trigger the onSend audit while the
            // transaction is open (PGlite has one connection: that would deadlock).
            request.audited = true;
            const result = await handler.call(this, request, reply);
            await insertAudit(tx, auditRow(request, reply.statusCode));
            return result;
          })
          .catch((err) => {
            request.audited = false; // rolled back: the refusal is audited on send
            throw err;
          });
      };
    });

    // Before the response leaves, so a client that was refused can rely on the refusal being logged.
    app.addHook("onSend", async (request, reply, payload) => {
      if (request.audited || !request.routeOptions.url) return payload;
      if (!isAudited(request.method, request.routeOptions.config)) return payload;
      request.audited = true;
      await insertAudit(app.db, auditRow(request, reply.statusCode));
      return payload;
    });
  },
  { name: "audit", dependencies: ["session"] },
);
