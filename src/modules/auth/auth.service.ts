// Sign-in, sign-out, citizen registration and the "who am I" view.
import { randomBytes } from "node:crypto";
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { sessionIdOf } from "../../plugins/session.ts";
import { Errors, fieldError, uniqueViolation } from "../../shared/errors.ts";
import { maskLogin } from "../../shared/mask.ts";
import { globalAbilities, ROLE_DEFS } from "./auth.policy.ts";
import * as repo from "./auth.repository.ts";
import type { Me } from "./auth.schemas.ts";
import { assertPasswordAllowed, hashPassword, verifyPassword } from "./password.ts";

export type NewSession = { token: string; csrfToken: string; expiresAt: Date };
type ClientMeta = { ip: string; userAgent: string | undefined };

export async function openSession(
  tx: Executor,
  ctx: Ctx,
  userId: string,
  meta: ClientMeta,
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlMs);
  await repo.insertSession(tx, {
    id: sessionIdOf(token),
    userId,
    csrfToken,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300),
  });
  return { token, csrfToken, expiresAt };
}

/**
 * Runs without the request transaction on purpose: a failed attempt must be counted
 * (lockout) even though the request fails.
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string },
  meta: ClientMeta,
  presentedSessionId?: string,
) {
  ctx.audit.details = { login: maskLogin(input.username) };
  const user = await repo.findUserByLogin(ctx.tx, input.username);
  ctx.audit.target = user?.id;
  if (user?.lockedUntil && user.lockedUntil > new Date()) throw Errors.locked(user.lockedUntil);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok || user.disabledAt) {
    if (user)
      await repo.recordFailedLogin(ctx.tx, user.id, ctx.config.login.maxAttempts, ctx.config.login.lockMs);
    throw Errors.badCredentials();
  }
  await repo.clearFailedLogins(ctx.tx, user.id);
  ctx.audit.actorUserId = user.id;
  // No session fixation: the session the browser came with (anyone's) ends, a new id is issued.
  if (presentedSessionId) await repo.deleteSession(ctx.tx, presentedSessionId);
  const session = await openSession(ctx.tx, ctx, user.id, meta);
  return { session, me: await me(ctx.tx, user.id, session.csrfToken) };
}

export async function register(
  ctx: Ctx,
  input: { fullName: string; email?: string; phone?: string; password: string },
  meta: ClientMeta,
  presentedSessionId?: string,
) {
  assertPasswordAllowed(input.password, "password");
  for (const [field, value] of [
    ["email", input.email],
    ["phone", input.phone],
  ] as const) {
    if (value && (await repo.findUserByLogin(ctx.tx, value))) throw accountExists(field);
  }
  const passwordHash = await hashPassword(input.password);
  const user = await repo
    .insertUser(ctx.tx, {
      kind: "citizen",
      fullName: input.fullName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash,
    })
    .catch((err: unknown) => {
      // Two registrations of one phone or e-mail at the same moment: the unique index (on the
      // phone's blind index, users.phone itself being encrypted) refuses the second; same 409.
      const taken = uniqueViolation(err);
      if (taken === "users_phone_bidx_key") throw accountExists("phone");
      if (taken === "users_email_key") throw accountExists("email");
      throw err;
    });
  ctx.audit.target = user.id;
  ctx.audit.actorUserId = user.id;
  if (presentedSessionId) await repo.deleteSession(ctx.tx, presentedSessionId);
  const session = await openSession(ctx.tx, ctx, user.id, meta);
  return { session, me: await me(ctx.tx, user.id, session.csrfToken) };
}

function accountExists(field: "email" | "phone") {
  return Errors.conflict(
    "auth.account_exists",
    { vi: "Tài khoản đã tồn tại.", en: "The account already exists." },
    [
      fieldError(field, "taken", {
        vi: "Đã có tài khoản dùng thông tin này; hãy đăng nhập.",
        en: "An account already uses this; sign in instead.",
      }),
    ],
  );
}

export async function logout(ctx: Ctx, sessionId: string | undefined) {
  if (!ctx.actor || !sessionId) throw Errors.unauthenticated();
  ctx.audit.target = ctx.actor.userId;
  await repo.deleteSession(ctx.tx, sessionId);
}

export async function me(tx: Executor, userId: string, csrfToken: string): Promise<Me> {
  const user =
    (await repo.findUserById(tx, userId)) ??
    (() => {
      throw Errors.unauthenticated();
    })();
  const grants = await repo.activeGrants(tx, userId);
  const actor = repo.actorOf(user, grants);
  return {
    user: {
      id: user.id,
      kind: user.kind,
      username: user.username,
      fullName: user.fullName,
      email: user.email,
      phone: user.phone,
      hasPassword: user.passwordHash !== null,
    },
    roles: grants.map((g) => ({ ...g, subtree: ROLE_DEFS[g.role].subtree })),
    abilities: globalAbilities(actor),
    csrfToken,
  };
}
