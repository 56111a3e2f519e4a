// Staff of a unit and their role grants. Listing staff reads personal data (audited).
import { and, eq, isNull } from "drizzle-orm";
import { type Role, roleGrants, users } from "../../db/schema.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { authorizeUnit } from "../org/org.service.ts";
import { can } from "./auth.policy.ts";
import { findUserById } from "./auth.repository.ts";

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
