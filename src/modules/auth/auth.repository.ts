// Typed queries for users, grants and sessions. Every function takes the executor.

import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { orgUnits, roleGrants, sessions, users } from "../../db/schema.ts";
import { currentNameSql } from "../org/org.repository.ts";
import type { Actor } from "./auth.policy.ts";

export type UserRow = typeof users.$inferSelect;

export async function findUserByLogin(tx: Executor, login: string): Promise<UserRow | undefined> {
  const l = login.trim().toLowerCase();
  const rows = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${l} or lower(${users.email}) = ${l} or ${users.phone} = ${l}`)
    .limit(1);
  return rows[0];
}

export async function findUserByOidc(tx: Executor, issuer: string, subject: string) {
  const rows = await tx
    .select()
    .from(users)
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
    .limit(1);
  return rows[0];
}

export async function insertUser(tx: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const rows = await tx.insert(users).values(values).returning();
  return rows[0]!;
}

export async function recordFailedLogin(tx: Executor, userId: string, maxAttempts: number, lockMs: number) {
  await tx
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxAttempts}
        then now() + (${lockMs} * interval '1 millisecond') else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId));
}

export async function clearFailedLogins(tx: Executor, userId: string) {
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export async function activeGrants(tx: Executor, userId: string) {
  return tx
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitCode: orgUnits.code,
      unitName: currentNameSql(orgUnits.id),
    })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)))
    .orderBy(orgUnits.code, roleGrants.role);
}

export async function insertSession(tx: Executor, values: typeof sessions.$inferInsert) {
  await tx.insert(sessions).values(values);
}

export async function findLiveSession(tx: Executor, sessionId: string) {
  const rows = await tx
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, sql`now()`), isNull(users.disabledAt)))
    .limit(1);
  return rows[0];
}

export async function deleteSession(tx: Executor, sessionId: string) {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function findUserById(tx: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

/** The actor a user acts as: identity plus active role grants. */
export async function loadActor(
  tx: Executor,
  user: Pick<UserRow, "id" | "kind" | "fullName">,
): Promise<Actor> {
  return actorOf(user, await activeGrants(tx, user.id));
}

/** The actor from a user and grants already loaded. */
export function actorOf(
  user: Pick<UserRow, "id" | "kind" | "fullName">,
  grants: { id: string; role: Actor["grants"][number]["role"]; unitId: string }[],
): Actor {
  return {
    userId: user.id,
    kind: user.kind,
    fullName: user.fullName,
    grants: grants.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId })),
  };
}
