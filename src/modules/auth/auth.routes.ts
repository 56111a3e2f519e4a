// /api/auth: staff and citizen sign-in, registration, sign-out, current user.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SESSION_COOKIE } from "../../plugins/session.ts";
import { Errors } from "../../shared/errors.ts";
import * as account from "./account.service.ts";
import {
  changePasswordBody,
  contactChangeBody,
  contactChangeResponse,
  contactConfirmBody,
  contactConfirmResponse,
  contactTokenInfo,
  loginBody,
  meResponse,
  registerBody,
  resetConfirmBody,
  resetRequestBody,
  resetRequestResponse,
  sessionParams,
  sessionsOut,
  tokenBody,
  tokenInfo,
} from "./auth.schemas.ts";
import * as service from "./auth.service.ts";
import * as contact from "./contact.service.ts";

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
  // Sign-in, registration and every password route share one per-IP limit (LOGIN_RATE_PER_MINUTE).
  const accountRate = { max: app.config.login.ratePerMinute, timeWindow: "1 minute" };

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
        rateLimit: accountRate,
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
        rateLimit: accountRate,
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

  app.post(
    "/password",
    {
      schema: {
        tags: ["auth"],
        summary: "Change one's own password (ends every other session; a new session cookie)",
        body: changePasswordBody,
        response: { 200: meResponse },
      },
      // Without the request transaction, as sign-in: a wrong current password is counted.
      config: { action: "auth.password.change", transaction: false, rateLimit: accountRate },
    },
    async (request, reply) => {
      const { session, me } = await account.changePassword(request.ctx, request.body, meta(request));
      setSessionCookie(request, reply, session);
      return me;
    },
  );

  app.post(
    "/contact",
    {
      schema: {
        tags: ["auth"],
        summary:
          "Ask to change one's own e-mail or phone: a confirmation link goes to the new one (current password required)",
        body: contactChangeBody,
        response: { 202: contactChangeResponse },
      },
      // Without the request transaction, as a password change: a wrong current password is counted.
      config: { action: "auth.contact.request", transaction: false, rateLimit: accountRate },
    },
    async (request, reply) => {
      reply.status(202);
      return contact.requestContactChange(request.ctx, request.body);
    },
  );

  app.post(
    "/contact/inspect",
    {
      schema: {
        tags: ["auth"],
        summary: "What a contact confirmation link would set (masked) and whose account",
        body: tokenBody,
        response: { 200: contactTokenInfo },
      },
      config: { action: "auth.contact.inspect", personalData: true, rateLimit: accountRate },
    },
    async (request) => contact.inspectContactToken(request.ctx, request.body),
  );

  app.post(
    "/contact/confirm",
    {
      schema: {
        tags: ["auth"],
        summary:
          "Make the new e-mail or phone the account's, through its single-use link; the old one is told",
        body: contactConfirmBody,
        response: { 200: contactConfirmResponse },
      },
      config: { action: "auth.contact.confirm", rateLimit: accountRate },
    },
    async (request) => contact.confirmContactChange(request.ctx, request.body),
  );

  app.post(
    "/password-reset",
    {
      schema: {
        tags: ["auth"],
        summary: "Ask for a password-reset link (same answer whether or not an account matches)",
        body: resetRequestBody,
        response: { 202: resetRequestResponse },
      },
      config: { action: "auth.password.reset_request", rateLimit: accountRate },
    },
    async (request, reply) => {
      reply.status(202);
      return account.requestReset(request.ctx, request.body);
    },
  );

  app.post(
    "/account-token",
    {
      schema: {
        tags: ["auth"],
        summary: "What a set-password link is for (an invitation or a reset) and whose account",
        body: tokenBody,
        response: { 200: tokenInfo },
      },
      // A POST so the token stays out of URLs and logs; reads, changes nothing.
      config: { action: "auth.account_token.inspect", personalData: true, rateLimit: accountRate },
    },
    async (request) => account.inspectToken(request.ctx, request.body),
  );

  app.post(
    "/password-reset/confirm",
    {
      schema: {
        tags: ["auth"],
        summary: "Set a password through a single-use link (reset or invitation); ends every session",
        body: resetConfirmBody,
        response: { 204: z.null() },
      },
      config: { action: "auth.password.reset", rateLimit: accountRate },
    },
    async (request, reply) => {
      await account.confirmReset(request.ctx, request.body);
      reply.status(204);
      return null;
    },
  );

  app.get(
    "/sessions",
    {
      schema: {
        tags: ["auth"],
        summary: "One's own sessions: when and where each was opened, which is this browser",
        response: { 200: sessionsOut },
      },
      config: { action: "auth.sessions.read", personalData: true },
    },
    async (request) => account.listSessions(request.ctx, request.session?.id),
  );

  app.delete(
    "/sessions/:id",
    {
      schema: {
        tags: ["auth"],
        summary: "End one of one's own sessions",
        params: sessionParams,
        response: { 204: z.null() },
      },
      config: { action: "auth.sessions.end" },
    },
    async (request, reply) => {
      await account.endSession(request.ctx, request.params.id);
      if (request.params.id === request.session?.id) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      reply.status(204);
      return null;
    },
  );

  app.post(
    "/sessions/end-others",
    {
      schema: {
        tags: ["auth"],
        summary: "End every session of one's account except this browser's",
        response: { 200: z.object({ ended: z.number().int() }) },
      },
      config: { action: "auth.sessions.end_others" },
    },
    async (request) => account.endOtherSessions(request.ctx, request.session?.id),
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
