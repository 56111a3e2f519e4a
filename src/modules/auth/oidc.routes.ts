// Citizen sign-in with OpenID Connect (the national e-ID, VNeID, works this way):
// authorization code flow with PKCE, state and nonce kept in a short-lived HttpOnly cookie.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import * as client from "openid-client";
import { z } from "zod";
import type { Config } from "../../config.ts";
import { DomainError, Errors } from "../../shared/errors.ts";
import { deleteSession, findUserByOidc, insertUser } from "./auth.repository.ts";
import { setSessionCookie } from "./auth.routes.ts";
import { openSession } from "./auth.service.ts";

const FLOW_COOKIE = "motcua_oidc";
const callbackPath = "/api/auth/oidc/callback";

const notConfigured = () =>
  new DomainError("auth.oidc_disabled", 404, {
    vi: "Đăng nhập bằng định danh điện tử chưa được cấu hình.",
    en: "Sign-in with the e-ID is not configured.",
  });

function discover(config: Config): Promise<client.Configuration> {
  const oidc = config.oidc;
  if (!oidc) throw notConfigured();
  const insecure = oidc.issuer.startsWith("http:");
  return client.discovery(
    new URL(oidc.issuer),
    oidc.clientId,
    oidc.clientSecret,
    undefined,
    insecure ? { execute: [client.allowInsecureRequests] } : undefined,
  );
}

export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= discover(app.config).catch((err) => {
      discovered = undefined; // retry discovery on the next request
      throw err;
    });
    return discovered;
  };
  const tags = ["auth"];

  app.get(
    "/config",
    {
      schema: {
        tags,
        summary: "Is e-ID sign-in available?",
        response: { 200: z.object({ enabled: z.boolean() }) },
      },
    },
    async () => ({ enabled: Boolean(app.config.oidc) }),
  );

  app.get(
    "/login",
    { schema: { tags, summary: "Start e-ID sign-in (redirects to the provider)" } },
    async (_request, reply) => {
      if (!app.config.oidc) throw notConfigured();
      const cfg = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      reply.setCookie(FLOW_COOKIE, JSON.stringify({ verifier, state, nonce }), {
        path: "/api/auth/oidc",
        httpOnly: true,
        sameSite: "lax",
        secure: app.config.cookieSecure,
        maxAge: 600,
      });
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: `${app.config.publicUrl}${callbackPath}`,
        scope: app.config.oidc.scope,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return reply.redirect(url.href);
    },
  );

  app.get(
    "/callback",
    {
      schema: { tags, summary: "Provider redirects here; opens a citizen session" },
      config: { action: "auth.oidc.callback", personalData: true },
    },
    async (request, reply) => {
      if (!app.config.oidc) throw notConfigured();
      const raw = request.cookies[FLOW_COOKIE];
      const flow = z
        .object({ verifier: z.string(), state: z.string(), nonce: z.string() })
        .safeParse(raw ? JSON.parse(raw) : null);
      if (!flow.success) throw Errors.unauthenticated();
      const cfg = await configuration();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(cfg, new URL(request.url, app.config.publicUrl), {
          pkceCodeVerifier: flow.data.verifier,
          expectedState: flow.data.state,
          expectedNonce: flow.data.nonce,
        });
      } catch (err) {
        request.log.warn({ err: (err as Error).message }, "oidc code exchange failed");
        throw Errors.unauthenticated();
      }
      const idClaims = tokens.claims();
      if (!idClaims?.sub) throw Errors.unauthenticated();
      // Providers put profile claims in the userinfo response rather than the ID token.
      const claims = {
        ...(await client.fetchUserInfo(cfg, tokens.access_token, idClaims.sub).catch(() => ({}))),
        ...idClaims,
      };
      const issuer = cfg.serverMetadata().issuer;
      const tx = request.ctx.tx;
      const user =
        (await findUserByOidc(tx, issuer, claims.sub)) ??
        (await insertUser(tx, {
          kind: "citizen",
          fullName: String(claims.name ?? claims.preferred_username ?? claims.sub),
          email: null,
          phone: null,
          oidcIssuer: issuer,
          oidcSubject: claims.sub,
        }));
      request.ctx.audit.target = user.id;
      request.ctx.audit.actorUserId = user.id;
      // No session fixation: a session the browser came with ends; the new one has a new id.
      if (request.session) await deleteSession(tx, request.session.id);
      const session = await openSession(tx, request.ctx, user.id, {
        ip: request.ip,
        userAgent: request.headers["user-agent"],
      });
      setSessionCookie(request, reply, session);
      reply.clearCookie(FLOW_COOKIE, { path: "/api/auth/oidc" });
      // Returned, not sent: the redirect leaves only after the transaction commits.
      reply.code(302).header("location", "/");
      return "";
    },
  );
};
