// /api/auth: staff and citizen sign-in, registration, sign-out, current user.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SESSION_COOKIE } from "../../plugins/session.ts";
import { Errors } from "../../shared/errors.ts";
import { loginBody, meResponse, registerBody } from "./auth.schemas.ts";
import * as service from "./auth.service.ts";

const meta = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers["user-agent"] });

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: service.NewSession) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.server.config.cookieSecure,
    expires: session.expiresAt,
  });
}

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Staff or citizen sign-in",
        body: loginBody,
        response: { 200: meResponse },
      },
      config: {
        action: "auth.login",
        transaction: false,
        rateLimit: { max: app.config.login.ratePerMinute, timeWindow: "1 minute" },
      },
    },
    async (request, reply) => {
      const { session, me } = await service.login(
        request.ctx,
        request.body,
        meta(request),
        request.session?.id,
      );
      setSessionCookie(request, reply, session);
      return me;
    },
  );

  app.post(
    "/register",
    {
      schema: {
        tags: ["auth"],
        summary: "Citizen registration",
        body: registerBody,
        response: { 201: meResponse },
      },
      config: {
        action: "auth.register",
        rateLimit: { max: app.config.login.ratePerMinute, timeWindow: "1 minute" },
      },
    },
    async (request, reply) => {
      const { session, me } = await service.register(
        request.ctx,
        request.body,
        meta(request),
        request.session?.id,
      );
      setSessionCookie(request, reply, session);
      reply.status(201);
      return me;
    },
  );

  app.post(
    "/logout",
    {
      schema: { tags: ["auth"], summary: "Sign out", response: { 204: z.null() } },
      config: { action: "auth.logout" },
    },
    async (request, reply) => {
      await service.logout(request.ctx, request.session?.id);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      reply.status(204);
      return null;
    },
  );

  app.get(
    "/me",
    {
      schema: {
        tags: ["auth"],
        summary: "The signed-in user, roles and abilities",
        response: { 200: meResponse },
      },
    },
    async (request) => {
      if (!request.actor || !request.session) throw Errors.unauthenticated();
      return service.me(request.ctx.tx, request.actor.userId, request.session.csrfToken);
    },
  );
};

export default authRoutes;
