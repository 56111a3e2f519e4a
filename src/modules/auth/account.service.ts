// The password of one's own account: change it (signed in), ask for a reset link, and set a
// password through a single-use link (a reset, or the invitation of a new official).
//
// Tokens: 32 random bytes in base64url, mailed in a link whose fragment holds them
// (`/dat-mat-khau#t=…`, so they never reach a server log or a Referer); the database keeps their
// SHA-256 only, and the outbox row seals the link. A token is used once, expires (a reset after
// RESET_TOKEN_MINUTES, an invitation after INVITE_TOKEN_DAYS), and setting a password ends every
// session of the account and every other link it had.
import { createHash, randomBytes } from "node:crypto";
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors, fieldError, type Message } from "../../shared/errors.ts";
import { maskLogin } from "../../shared/mask.ts";
import { enqueue, type Notification, secret } from "../notifications/outbox.ts";
import * as repo from "./auth.repository.ts";
import { me, type NewSession, openSession } from "./auth.service.ts";
import { assertPasswordAllowed, hashPassword, verifyPassword } from "./password.ts";

type ClientMeta = { ip: string; userAgent: string | undefined };
export type TokenPurpose = "invite" | "reset" | "contact";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The page that sets a password; the token goes in the fragment. */
export const setPasswordLink = (ctx: Ctx, token: string) => `${ctx.config.publicUrl}/dat-mat-khau#t=${token}`;
const forgotLink = (ctx: Ctx) => `${ctx.config.publicUrl}/quen-mat-khau`;

/**
 * A new single-use link for an account: the account's unused links of the same purpose end (only
 * the latest mail works). Returns the token (to mail, never to store) and its expiry.
 */
export async function issueToken(
  tx: Executor,
  ctx: Ctx,
  userId: string,
  purpose: TokenPurpose,
  /** A contact change: the new e-mail or phone the link confirms. */
  newContact: string | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const ttlMs = purpose === "invite" ? ctx.config.accounts.inviteTokenMs : ctx.config.accounts.resetTokenMs;
  const expiresAt = new Date(Date.now() + ttlMs);
  await repo.endTokens(tx, userId, purpose);
  await repo.insertToken(tx, {
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt,
    createdBy: ctx.actor?.userId ?? null,
    newContact,
  });
  return { token, expiresAt };
}

/** Where an account's mail goes: its e-mail, else an SMS to its phone; none for neither. */
export function contactOf(user: repo.UserRow): Pick<Notification, "channel" | "recipient"> | null {
  if (user.email) return { channel: "email", recipient: user.email };
  if (user.phone) return { channel: "sms", recipient: user.phone };
  return null;
}

export type MailLocale = "vi" | "en";

const WRONG_PASSWORD: Message = {
  vi: "Mật khẩu hiện tại không đúng.",
  en: "The current password is wrong.",
};
const SAME_PASSWORD: Message = {
  vi: "Mật khẩu mới phải khác mật khẩu hiện tại.",
  en: "The new password must differ from the current one.",
};
const NO_PASSWORD: Message = {
  vi: "Tài khoản này đăng nhập bằng định danh điện tử, không có mật khẩu.",
  en: "This account signs in with the electronic ID and has no password.",
};
export const INVALID_TOKEN: Message = {
  vi: "Liên kết không hợp lệ, đã dùng hoặc đã hết hạn. Hãy yêu cầu liên kết mới.",
  en: "The link is not valid, was used or has expired. Ask for a new one.",
};

/**
 * The signed-in user's account, once their current password is checked: a wrong one counts
 * towards the sign-in lockout (so callers run without the request transaction, which would undo
 * the count), a locked account is refused, an e-ID-only account has no password to check (409).
 */
export async function signedInWithPassword(ctx: Ctx, currentPassword: string): Promise<repo.UserRow> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const userId = ctx.actor.userId;
  ctx.audit.target = userId;
  const user = await repo.findUserById(ctx.tx, userId);
  if (!user) throw Errors.unauthenticated();
  if (!user.passwordHash) throw Errors.conflict("auth.no_password", NO_PASSWORD);
  if (user.lockedUntil && user.lockedUntil > new Date()) throw Errors.locked(user.lockedUntil);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await repo.recordFailedLogin(ctx.tx, userId, ctx.config.login.maxAttempts, ctx.config.login.lockMs);
    throw Errors.invalidField("currentPassword", "wrong_password", WRONG_PASSWORD);
  }
  return user;
}

/**
 * Changes the signed-in user's password: the current one is checked (a wrong one counts towards
 * the sign-in lockout), every session of the account ends and a new one is issued for this
 * browser, and the account is told by mail. Runs without the request transaction, as sign-in
 * does, so a wrong attempt is counted although the request fails.
 */
export async function changePassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string; locale?: MailLocale },
  meta: ClientMeta,
): Promise<{ session: NewSession; me: Awaited<ReturnType<typeof me>> }> {
  const user = await signedInWithPassword(ctx, input.currentPassword);
  const userId = user.id;
  assertPasswordAllowed(input.newPassword, "newPassword");
  if (input.newPassword === input.currentPassword)
    throw Errors.invalidField("newPassword", "same_as_current", SAME_PASSWORD);
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.tx.transaction(async (tx) => {
    await repo.setPassword(tx, userId, passwordHash);
    await repo.endTokens(tx, userId);
    await repo.deleteSessionsOf(tx, userId);
    await notifyChanged(tx, ctx, user, input.locale);
    const session = await openSession(tx, ctx, userId, meta);
    return { session, me: await me(tx, userId, session.csrfToken) };
  });
}

async function notifyChanged(tx: Executor, ctx: Ctx, user: repo.UserRow, locale: MailLocale = "vi") {
  const to = contactOf(user);
  if (!to) return;
  const at = new Date().toISOString();
  await enqueue(tx, [
    {
      ...to,
      template: "account.password_changed",
      locale,
      payload: { fullName: user.fullName, at, link: forgotLink(ctx) },
      dedupeKey: `account.password_changed:${user.id}:${at}`,
    },
  ]);
}

/**
 * Mails a reset link to the account a sign-in name designates, if there is one that can receive
 * it. The answer is the same whether or not an account matched: the form cannot be used to find
 * out who has an account.
 */
export async function requestReset(
  ctx: Ctx,
  input: { login: string; locale?: MailLocale },
): Promise<{ accepted: true }> {
  ctx.audit.details = { login: maskLogin(input.login) };
  const user = await repo.findUserByLogin(ctx.tx, input.login);
  const to = user && !user.disabledAt ? contactOf(user) : null;
  if (!user || !to) return { accepted: true };
  ctx.audit.target = user.id;
  const { token, expiresAt } = await issueToken(ctx.tx, ctx, user.id, "reset");
  await enqueue(ctx.tx, [
    {
      ...to,
      template: "account.password_reset",
      locale: input.locale ?? "vi",
      payload: {
        fullName: user.fullName,
        link: secret(setPasswordLink(ctx, token)),
        expiresAt: expiresAt.toISOString(),
      },
      dedupeKey: `account.password_reset:${hashToken(token)}`,
    },
  ]);
  return { accepted: true };
}

/** A live token's row and account, or the same 4xx for unknown, used, expired and disabled. */
export async function liveToken(tx: Executor, token: string) {
  const found = await repo.findLiveToken(tx, hashToken(token));
  if (!found || found.user.disabledAt) throw Errors.invalidField("token", "invalid_token", INVALID_TOKEN);
  return found;
}

/** A link that sets a password (an invitation or a reset); a contact link does not. */
async function livePasswordToken(tx: Executor, token: string) {
  const found = await liveToken(tx, token);
  if (found.token.purpose === "contact") throw Errors.invalidField("token", "invalid_token", INVALID_TOKEN);
  return { ...found, token: { ...found.token, purpose: found.token.purpose as "invite" | "reset" } };
}

/** What the set-password page shows for a link: an invitation or a reset, and whose account. */
export async function inspectToken(ctx: Ctx, input: { token: string }) {
  const { token, user } = await livePasswordToken(ctx.tx, input.token);
  ctx.audit.target = user.id;
  return {
    purpose: token.purpose,
    fullName: user.fullName,
    username: user.username,
    expiresAt: token.expiresAt.toISOString(),
  };
}

/**
 * Sets the password through a link: the token is used up (with every other link of the account),
 * the lockout cleared, every session ended; the account signs in afresh. A second use of the same
 * link, even at the same moment, finds it used: the update is guarded by `used_at is null`.
 */
export async function confirmReset(
  ctx: Ctx,
  input: { token: string; newPassword: string; locale?: MailLocale },
): Promise<void> {
  const { token, user } = await livePasswordToken(ctx.tx, input.token);
  ctx.audit.target = user.id;
  ctx.audit.details = { purpose: token.purpose };
  assertPasswordAllowed(input.newPassword, "newPassword");
  if (!(await repo.useToken(ctx.tx, token.id)))
    throw Errors.invalidField("token", "invalid_token", INVALID_TOKEN);
  await repo.setPassword(ctx.tx, user.id, await hashPassword(input.newPassword));
  await repo.clearFailedLogins(ctx.tx, user.id);
  await repo.endTokens(ctx.tx, user.id);
  await repo.deleteSessionsOf(ctx.tx, user.id);
  // An activation is what the official asked for; a reset is worth a word in case it was not them.
  if (token.purpose === "reset") await notifyChanged(ctx.tx, ctx, user, input.locale);
}

/** The field error of a taken user name or e-mail (a new official's account). */
export const taken = (field: "username" | "email" | "phone") =>
  Errors.conflict("auth.account_exists", { vi: "Tài khoản đã tồn tại.", en: "The account already exists." }, [
    fieldError(field, "taken", {
      vi: {
        username: "Tên đăng nhập đã có người dùng.",
        email: "Thư điện tử này đã gắn với tài khoản khác.",
        phone: "Số điện thoại này đã gắn với tài khoản khác.",
      }[field],
      en: {
        username: "This user name is taken.",
        email: "This e-mail address belongs to another account.",
        phone: "This phone number belongs to another account.",
      }[field],
    }),
  ]);

/**
 * The signed-in user's sessions (where and when each was opened; which one is this browser), so
 * they can end one left open on a shared computer at the desk, or every other one.
 */
export async function listSessions(ctx: Ctx, currentId: string | undefined) {
  if (!ctx.actor || !currentId) throw Errors.unauthenticated();
  ctx.audit.target = ctx.actor.userId;
  const rows = await repo.liveSessionsOf(ctx.tx, ctx.actor.userId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      ip: r.ip,
      userAgent: r.userAgent,
      current: r.id === currentId,
    })),
  };
}

/** Ends one of one's own sessions (this one too: that is signing out). */
export async function endSession(ctx: Ctx, sessionId: string): Promise<void> {
  if (!ctx.actor) throw Errors.unauthenticated();
  ctx.audit.target = ctx.actor.userId;
  if (!(await repo.deleteOwnSession(ctx.tx, ctx.actor.userId, sessionId)))
    throw Errors.notFound({ vi: "Phiên đăng nhập", en: "Session" });
}

/** Ends every session of the account except this browser's. */
export async function endOtherSessions(ctx: Ctx, currentId: string | undefined) {
  if (!ctx.actor || !currentId) throw Errors.unauthenticated();
  ctx.audit.target = ctx.actor.userId;
  const ended = await repo.deleteOtherSessions(ctx.tx, ctx.actor.userId, currentId);
  ctx.audit.details = { ended };
  return { ended };
}
