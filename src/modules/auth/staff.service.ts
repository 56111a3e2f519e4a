// Staff of a unit: their accounts (invite a new official, send the invitation again, correct the
// name or contact, disable, enable) and their role grants. Listing staff reads personal data (audited).
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Role, roleGrants, users } from "../../db/schema.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors, type Message, uniqueViolation } from "../../shared/errors.ts";
import { enqueue, secret } from "../notifications/outbox.ts";
import { unitPath } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import { issueToken, type MailLocale, setPasswordLink, taken } from "./account.service.ts";
import { can } from "./auth.policy.ts";
import {
  deleteSessionsOf,
  endTokens,
  findUserById,
  insertUser,
  type UserRow,
  updateContact,
} from "./auth.repository.ts";
import { notifyContactChanged } from "./contact.service.ts";

/** Roles a unit administrator may hand out; the wider ones need org.restructure (system administrators). */
const DELEGABLE: readonly Role[] = ["receptionist", "specialist", "leader", "clerk"];

export async function listStaff(ctx: Ctx, unitId: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, unitId, "org.staff.read");
  return ctx.tx
    .select({
      grantId: roleGrants.id,
      userId: users.id,
      username: users.username,
      fullName: users.fullName,
      email: users.email,
      phone: users.phone,
      role: roleGrants.role,
      disabled: sql<boolean>`${users.disabledAt} is not null`,
      activated: sql<boolean>`(${users.passwordHash} is not null or ${users.oidcSubject} is not null)`,
    })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.unitId, unitId), isNull(roleGrants.revokedAt)))
    .orderBy(users.fullName, roleGrants.role);
}

export async function grantRole(ctx: Ctx, unitId: string, input: { userId: string; role: Role }) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { path } = await authorizeUnit(ctx, unitId, "org.staff.manage");
  if (!DELEGABLE.includes(input.role) && !can(ctx.actor, "org.restructure", path)) throw Errors.forbidden();
  const user = await findUserById(ctx.tx, input.userId);
  if (user?.kind !== "staff") {
    throw Errors.invalidField("userId", "not_staff", {
      vi: "Không tìm thấy cán bộ này.",
      en: "No such official.",
    });
  }
  const existing = await ctx.tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, input.userId),
        eq(roleGrants.unitId, unitId),
        eq(roleGrants.role, input.role),
        isNull(roleGrants.revokedAt),
      ),
    );
  if (existing.length > 0) {
    throw Errors.conflict("auth.role_exists", {
      vi: "Cán bộ đã có vai trò này tại đơn vị.",
      en: "The official already has this role here.",
    });
  }
  const rows = await ctx.tx
    .insert(roleGrants)
    .values({ userId: input.userId, unitId, role: input.role, grantedBy: ctx.actor.userId })
    .returning({ id: roleGrants.id });
  ctx.audit.target = input.userId;
  ctx.audit.details = { role: input.role };
  return { id: rows[0]!.id, userId: input.userId, unitId, role: input.role };
}

export async function revokeRole(ctx: Ctx, unitId: string, grantId: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { path } = await authorizeUnit(ctx, unitId, "org.staff.manage");
  const rows = await ctx.tx
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.unitId, unitId), isNull(roleGrants.revokedAt)));
  const grant = rows[0];
  if (!grant) throw Errors.notFound({ vi: "Vai trò", en: "Role grant" });
  if (!DELEGABLE.includes(grant.role) && !can(ctx.actor, "org.restructure", path)) throw Errors.forbidden();
  await ctx.tx.update(roleGrants).set({ revokedAt: new Date() }).where(eq(roleGrants.id, grantId));
  ctx.audit.target = grant.userId;
  ctx.audit.details = { role: grant.role };
}

export type NewStaff = {
  username: string;
  fullName: string;
  email: string;
  phone?: string | null;
  role: Role;
  locale?: MailLocale;
};

/**
 * Creates an official's account at the unit with a first role, and mails the invitation: a link
 * to set the password (INVITE_TOKEN_DAYS). No password is chosen by the administrator.
 */
export async function inviteStaff(ctx: Ctx, unitId: string, input: NewStaff) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit, path } = await authorizeUnit(ctx, unitId, "org.staff.manage");
  if (!DELEGABLE.includes(input.role) && !can(ctx.actor, "org.restructure", path)) throw Errors.forbidden();
  const user = await insertUser(ctx.tx, {
    kind: "staff",
    username: input.username,
    fullName: input.fullName,
    email: input.email,
    phone: input.phone ?? null,
  }).catch((err: unknown) => {
    const constraint = uniqueViolation(err);
    if (constraint === "users_username_key") throw taken("username");
    if (constraint === "users_email_key") throw taken("email");
    if (constraint === "users_phone_bidx_key") throw taken("phone");
    throw err;
  });
  const rows = await ctx.tx
    .insert(roleGrants)
    .values({ userId: user.id, unitId, role: input.role, grantedBy: ctx.actor.userId })
    .returning({ id: roleGrants.id });
  const invite = await sendInvitation(ctx, user, unit.name, input.role, input.locale);
  ctx.audit.target = user.id;
  ctx.audit.details = { role: input.role };
  return { userId: user.id, grantId: rows[0]!.id, username: input.username, inviteExpiresAt: invite };
}

async function sendInvitation(
  ctx: Ctx,
  user: UserRow,
  unitName: string,
  role: Role,
  locale: MailLocale = "vi",
) {
  const { token, expiresAt } = await issueToken(ctx.tx, ctx, user.id, "invite");
  await enqueue(ctx.tx, [
    {
      channel: "email",
      recipient: user.email!,
      template: "account.invited",
      locale,
      payload: {
        fullName: user.fullName,
        username: user.username,
        unitName,
        role,
        link: secret(setPasswordLink(ctx, token)),
        expiresAt: expiresAt.toISOString(),
      },
      dedupeKey: `account.invited:${user.id}:${expiresAt.getTime()}`,
    },
  ]);
  return expiresAt.toISOString();
}

/** An official who holds an active role at the unit (404 otherwise: nobody to act on here). */
async function staffAt(ctx: Ctx, unitId: string, userId: string) {
  const grants = await ctx.tx
    .select({ role: roleGrants.role, unitId: roleGrants.unitId })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)));
  const user = await findUserById(ctx.tx, userId);
  const here = grants.find((g) => g.unitId === unitId);
  if (user?.kind !== "staff" || !here) throw Errors.notFound({ vi: "Cán bộ", en: "Official" });
  return { user, grants, role: here.role };
}

/** Sends the invitation again (a new link; the earlier one stops working) to an official not yet active. */
export async function resendInvitation(ctx: Ctx, unitId: string, userId: string, locale?: MailLocale) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit } = await authorizeUnit(ctx, unitId, "org.staff.manage");
  const { user, role } = await staffAt(ctx, unitId, userId);
  ctx.audit.target = user.id;
  if (user.passwordHash || user.oidcSubject)
    throw Errors.conflict("auth.already_active", {
      vi: "Cán bộ đã kích hoạt tài khoản; nếu quên mật khẩu, cán bộ tự yêu cầu đặt lại.",
      en: "The official has already activated the account; a forgotten password is reset by the official.",
    });
  if (user.disabledAt) throw accountDisabled();
  if (!user.email)
    throw Errors.conflict("auth.no_email", {
      vi: "Tài khoản không có thư điện tử để gửi lời mời.",
      en: "The account has no e-mail address to send the invitation to.",
    });
  return { inviteExpiresAt: await sendInvitation(ctx, user, unit.name, role, locale) };
}

const accountDisabled = () =>
  Errors.conflict("auth.account_disabled", {
    vi: "Tài khoản đang bị khóa.",
    en: "The account is disabled.",
  });

/**
 * Disables (or enables again) an official's account. Only an administrator whose scope covers
 * every unit where the official holds a role may do it, and not to their own account; disabling
 * ends every session at once.
 */
export async function setStaffDisabled(ctx: Ctx, unitId: string, userId: string, disabled: boolean) {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, unitId, "org.staff.manage");
  const { user } = await managedOfficial(ctx, unitId, userId, "auth.self", {
    vi: "Không thể tự khóa hoặc mở khóa tài khoản của chính mình.",
    en: "You cannot disable or enable your own account.",
  });
  await ctx.tx
    .update(users)
    .set({ disabledAt: disabled ? sql`coalesce(${users.disabledAt}, now())` : null })
    .where(eq(users.id, user.id));
  if (disabled) await deleteSessionsOf(ctx.tx, user.id);
  return { disabled };
}

/**
 * An official at the unit whose account the administrator may change: not their own (`self`),
 * and only if every unit where the official holds a role is in their scope (and any wider role is
 * theirs to hand out): an official of two units is not changed by the administrator of one.
 */
async function managedOfficial(ctx: Ctx, unitId: string, userId: string, selfCode: string, self: Message) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const found = await staffAt(ctx, unitId, userId);
  ctx.audit.target = found.user.id;
  if (found.user.id === ctx.actor.userId) throw Errors.conflict(selfCode, self);
  for (const g of found.grants) {
    const path = await unitPath(ctx.tx, g.unitId);
    const manages = can(ctx.actor, "org.staff.manage", path);
    const wide = !DELEGABLE.includes(g.role) && !can(ctx.actor, "org.restructure", path);
    if (!manages || wide) throw Errors.forbidden();
  }
  return found;
}

export type StaffEdit = {
  fullName?: string;
  email?: string;
  phone?: string | null;
  locale?: MailLocale;
};

/**
 * Corrects an official's name, e-mail or phone (same scope rule as disabling; never one's own).
 * A pending invitation follows a new e-mail: the link sent to the old address stops working and a
 * new one goes to the new address. For an active account, unused reset links end and the old
 * address (or phone) is told of the change, so a takeover through the contact does not go unseen.
 */
export async function editStaff(ctx: Ctx, unitId: string, userId: string, input: StaffEdit) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit } = await authorizeUnit(ctx, unitId, "org.staff.manage");
  const { user, role } = await managedOfficial(ctx, unitId, userId, "auth.self_edit", {
    vi: "Không thể tự sửa thông tin tài khoản của chính mình; đề nghị quản trị viên khác thực hiện.",
    en: "You cannot edit your own account here; ask another administrator.",
  });
  const next = {
    fullName: input.fullName ?? user.fullName,
    email: input.email ?? user.email,
    phone: input.phone === undefined ? user.phone : input.phone,
  };
  const changed = (["fullName", "email", "phone"] as const).filter((f) => next[f] !== user[f]);
  ctx.audit.details = { changed };
  const activated = Boolean(user.passwordHash || user.oidcSubject);
  let inviteExpiresAt: string | null = null;
  if (changed.length > 0) {
    const updated = await updateContact(ctx.tx, user.id, next).catch((err: unknown) => {
      const constraint = uniqueViolation(err);
      if (constraint === "users_email_key") throw taken("email");
      if (constraint === "users_phone_bidx_key") throw taken("phone");
      throw err;
    });
    const contactChanged = changed.some((f) => f !== "fullName");
    if (contactChanged && activated) {
      await endTokens(ctx.tx, user.id, "reset");
      await notifyContactChanged(ctx, user, changed, "administrator", input.locale);
    }
    if (changed.includes("email") && !activated && !user.disabledAt && updated.email)
      inviteExpiresAt = await sendInvitation(ctx, updated, unit.name, role, input.locale);
    else if (changed.includes("email") && !activated) await endTokens(ctx.tx, user.id, "invite");
  }
  return {
    userId: user.id,
    fullName: next.fullName,
    email: next.email,
    phone: next.phone,
    changed,
    inviteExpiresAt,
  };
}
