// Loads the signed-in actor from the session cookie and guards unsafe requests against
// CSRF: a request that carries a session must echo the session's token in x-csrf-token,
// and a cross-site Origin is refused outright.
import { createHash } from "node:crypto";
import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { findLiveSession, loadActor } from "../modules/auth/auth.repository.ts";
import { Errors } from "../shared/errors.ts";

export const SESSION_COOKIE = "motcua_sid";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export const sessionIdOf = (token: string) => createHash("sha256").update(token).digest("hex");

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export default fp(
  async function sessionPlugin(app: FastifyInstance) {
    await app.register(cookie);
    app.decorateRequest("actor", null);
    app.decorateRequest("session", null);

    app.addHook("onRequest", async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token && request.url.startsWith("/api/")) {
        const found = await findLiveSession(app.db, sessionIdOf(token));
        if (found) {
          request.session = { id: found.session.id, csrfToken: found.session.csrfToken };
          request.actor = await loadActor(app.db, found.user);
        }
      }
      if (SAFE.has(request.method)) return;
      if (!sameOrigin(request)) throw Errors.csrf();
      if (request.session && request.headers["x-csrf-token"] !== request.session.csrfToken)
        throw Errors.csrf();
    });
  },
  { name: "session", dependencies: ["errors"] },
);
