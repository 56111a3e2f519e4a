// One's own e-mail or phone, changed by its owner. The change asks for the current password (a
// stolen session is not enough; a wrong one counts towards the lockout) and takes effect only
// through a single-use link sent to the new address, so nobody can attach an address they do not
// hold; the old address is then told, so a takeover through the contact does not go unseen.
// An administrator's correction of an official's contact (staff.service.ts) tells the old address
// the same way.
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { blindIndexOf } from "../../db/encrypted.ts";
import { users } from "../../db/schema.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors, uniqueViolation } from "../../shared/errors.ts";
import { maskEmail, maskPhone } from "../../shared/mask.ts";
import { enqueue, secret } from "../notifications/outbox.ts";
import {
  contactOf,
  INVALID_TOKEN,
  issueToken,
  liveToken,
  type MailLocale,
  signedInWithPassword,
  taken,
} from "./account.service.ts";
import * as repo from "./auth.repository.ts";

export type ContactKind = "email" | "phone";

/** The page that confirms a new contact; the token goes in the fragment. */
const confirmLink = (ctx: Ctx, token: string) => `${ctx.config.publicUrl}/xac-nhan-lien-he#t=${token}`;

const mask = (kind: ContactKind, value: string) => (kind === "email" ? maskEmail(value) : maskPhone(value));

/**
 * Sends a confirmation link to the new e-mail (or an SMS to the new phone). Runs without the
 * request transaction, as a password change does, so a wrong current password is counted.
 */
export async function requestContactChange(
  ctx: Ctx,
  input: { currentPassword: string; email?: string; phone?: string; locale?: MailLocale },
): Promise<{ kind: ContactKind; sentTo: string; expiresAt: string }> {
  const user = await signedInWithPassword(ctx, input.currentPassword);
  const userId = user.id;
  const kind: ContactKind = input.email !== undefined ? "email" : "phone";
  const value = (kind === "email" ? input.email : input.phone) as string;
  ctx.audit.details = { kind };
  if (value === (kind === "email" ? user.email : user.phone))
    throw Errors.invalidField(kind, "same_as_current", {
      vi: "Đây đã là thông tin liên hệ của tài khoản.",
      en: "This is already the account's contact.",
    });
  if (await heldByAnother(ctx.tx, kind, value, userId)) throw taken(kind);
  return ctx.tx.transaction(async (tx) => {
    await repo.clearFailedLogins(tx, userId);
    const { token, expiresAt } = await issueToken(tx, ctx, userId, "contact", value);
    await enqueue(tx, [
      {
        channel: kind === "email" ? "email" : "sms",
        recipient: value,
        template: "account.contact_verify",
        locale: input.locale ?? "vi",
        payload: {
          fullName: user.fullName,
          kind,
          link: secret(confirmLink(ctx, token)),
          expiresAt: expiresAt.toISOString(),
        },
        dedupeKey: `account.contact_verify:${userId}:${expiresAt.getTime()}`,
      },
    ]);
    return { kind, sentTo: mask(kind, value), expiresAt: expiresAt.toISOString() };
  });
}

async function heldByAnother(tx: Executor, kind: ContactKind, value: string, userId: string) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      kind === "email"
        ? sql`lower(${users.email}) = ${value.toLowerCase()}`
        : eq(users.phoneBidx, blindIndexOf("phone", value)),
    );
  return rows.some((r) => r.id !== userId);
}

/** A contact link's token and its new value, or the same 4xx as any other unusable link. */
async function liveContactToken(tx: Executor, token: string) {
  const found = await liveToken(tx, token);
  if (found.token.purpose !== "contact" || !found.token.newContact)
    throw Errors.invalidField("token", "invalid_token", INVALID_TOKEN);
  const value = found.token.newContact;
  return { ...found, kind: (value.includes("@") ? "email" : "phone") as ContactKind, value };
}

/** What the confirmation page shows: whose account and the new contact (masked). */
export async function inspectContactToken(ctx: Ctx, input: { token: string }) {
  const { token, user, kind, value } = await liveContactToken(ctx.tx, input.token);
  ctx.audit.target = user.id;
  return {
    kind,
    newContact: mask(kind, value),
    fullName: user.fullName,
    expiresAt: token.expiresAt.toISOString(),
  };
}

/**
 * Makes the new contact the account's: the link is used up (a second use, even at the same
 * moment, finds it used), reset links sent to the old contact end, and the old contact is told.
 */
export async function confirmContactChange(ctx: Ctx, input: { token: string; locale?: MailLocale }) {
  const { token, user, kind, value } = await liveContactToken(ctx.tx, input.token);
  ctx.audit.target = user.id;
  ctx.audit.details = { kind };
  if (!(await repo.useToken(ctx.tx, token.id)))
    throw Errors.invalidField("token", "invalid_token", INVALID_TOKEN);
  await repo
    .updateContact(ctx.tx, user.id, {
      fullName: user.fullName,
      email: kind === "email" ? value : user.email,
      phone: kind === "phone" ? value : user.phone,
    })
    .catch((err: unknown) => {
      // Someone else took the address between the request and the confirmation.
      if (uniqueViolation(err)) throw taken(kind);
      throw err;
    });
  await repo.endTokens(ctx.tx, user.id, "reset");
  await notifyContactChanged(ctx, user, [kind], "owner", input.locale);
  return { kind, contact: mask(kind, value) };
}

/** Tells an account's old contact that its e-mail or phone changed (the new one is not named). */
export async function notifyContactChanged(
  ctx: Ctx,
  old: repo.UserRow,
  changed: readonly string[],
  by: "owner" | "administrator",
  locale: MailLocale = "vi",
) {
  const to = contactOf(old);
  if (!to) return;
  const at = new Date().toISOString();
  await enqueue(ctx.tx, [
    {
      ...to,
      template: "account.contact_changed",
      locale,
      payload: {
        fullName: old.fullName,
        at,
        by,
        email: changed.includes("email"),
        phone: changed.includes("phone"),
        link: `${ctx.config.publicUrl}/login`,
      },
      dedupeKey: `account.contact_changed:${old.id}:${at}`,
    },
  ]);
}
