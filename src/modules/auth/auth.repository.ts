// Typed queries for users, grants and sessions. Every function takes the executor.

import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { blindIndexesOf, blindIndexOf } from "../../db/encrypted.ts";
import { accountTokens, orgUnits, roleGrants, sessions, users } from "../../db/schema.ts";
import { currentNameSql } from "../org/org.repository.ts";
import type { Actor } from "./auth.policy.ts";

export type UserRow = typeof users.$inferSelect;

/**
 * The account a sign-in name designates: a user name or e-mail (case-insensitive), or a phone in
 * any spelling ("+84 912 345 678" finds "0912345678"). users.phone is encrypted, so a phone is
 * matched by its blind index under every index key, never by comparing the column.
 */
export async function findUserByLogin(tx: Executor, login: string): Promise<UserRow | undefined> {
  const l = login.trim().toLowerCase();
  // A text array literal: drizzle would spread a JS array into a parameter list.
  const phoneIndexes = `{${blindIndexesOf("phone", l).join(",")}}`;
  const rows = await tx
    .select()
    .from(users)
    .where(
      sql`lower(${users.username}) = ${l} or lower(${users.email}) = ${l} or ${users.phoneBidx} = any(${phoneIndexes}::text[])`,
    )
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

/** Inserts an account; its phone's blind index (sign-in, one account per phone) comes with it. */
export async function insertUser(tx: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const phoneBidx = values.phone ? blindIndexOf("phone", values.phone) : null;
  const rows = await tx
    .insert(users)
    .values({ ...values, phoneBidx })
    .returning();
  return rows[0]!;
}

/** Changes an account's name, e-mail or phone; the phone's blind index follows it. */
export async function updateContact(
  tx: Executor,
  userId: string,
  values: { fullName: string; email: string | null; phone: string | null },
): Promise<UserRow> {
  const phoneBidx = values.phone ? blindIndexOf("phone", values.phone) : null;
  const rows = await tx
    .update(users)
    .set({ ...values, phoneBidx })
    .where(eq(users.id, userId))
    .returning();
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

export async function deleteSessionsOf(tx: Executor, userId: string) {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

export async function setPassword(tx: Executor, userId: string, passwordHash: string) {
  await tx.update(users).set({ passwordHash, passwordChangedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function insertToken(tx: Executor, values: typeof accountTokens.$inferInsert) {
  await tx.insert(accountTokens).values(values);
}

/** Ends the account's unused links (of one purpose, or all): they can no longer be used. */
export async function endTokens(tx: Executor, userId: string, purpose?: "invite" | "reset" | "contact") {
  await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.userId, userId),
        isNull(accountTokens.usedAt),
        purpose ? eq(accountTokens.purpose, purpose) : undefined,
      ),
    );
}

/** An unused, unexpired link by its token's hash, with its account. */
export async function findLiveToken(tx: Executor, tokenHash: string) {
  const rows = await tx
    .select({ token: accountTokens, user: users })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Uses a link up; false when another request used it first. */
export async function useToken(tx: Executor, id: string): Promise<boolean> {
  const rows = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.id, id), isNull(accountTokens.usedAt)))
    .returning({ id: accountTokens.id });
  return rows.length === 1;
}

/** The account's live sessions, newest first. */
export async function liveSessionsOf(tx: Executor, userId: string) {
  return tx
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(sql`${sessions.createdAt} desc`);
}

/** Ends one of the account's sessions; false when it is not theirs (or already gone). */
export async function deleteOwnSession(tx: Executor, userId: string, sessionId: string): Promise<boolean> {
  const rows = await tx
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

/** Ends every session of the account but one; how many ended. */
export async function deleteOtherSessions(tx: Executor, userId: string, keepId: string): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keepId}`))
    .returning({ id: sessions.id });
  return rows.length;
}
