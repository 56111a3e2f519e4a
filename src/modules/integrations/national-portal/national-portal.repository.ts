// Typed queries of the national portal exchange: the inbox (insert-only, one row per message
// id), the named values kept between runs (cursor, last poll, alerts), the portal's system
// account, and the figures of the administrators' status view.
import { desc, eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../../db/client.ts";
import { integrationState, nationalPortalInbox } from "../../../db/schema.exchange.ts";
import { users } from "../../../db/schema.ts";
import type { Actor } from "../../auth/auth.policy.ts";

export type InboxRow = typeof nationalPortalInbox.$inferSelect;

export async function findInbox(tx: Executor, messageId: string): Promise<InboxRow | undefined> {
  const rows = await tx
    .select()
    .from(nationalPortalInbox)
    .where(eq(nationalPortalInbox.messageId, messageId))
    .limit(1);
  return rows[0];
}

/** Inserts a message's row (once: the message id is unique); returns when it was recorded. */
export async function insertInbox(
  tx: Executor,
  values: typeof nationalPortalInbox.$inferInsert,
): Promise<string> {
  const rows = await tx
    .insert(nationalPortalInbox)
    .values(values)
    .returning({ receivedAt: nationalPortalInbox.receivedAt });
  return new Date(rows[0]!.receivedAt).toISOString();
}

/** The dossier already carrying a national code, and the message that created it. */
export async function findByNationalCode(
  tx: Executor,
  nationalCode: string,
): Promise<{ dossierId: string; messageId: string | null } | undefined> {
  const rows = await queryRows<{ id: string; message_id: string | null }>(
    tx,
    sql`select d.id, (select i.message_id from national_portal_inbox i
                      where i.dossier_id = d.id and i.status = 'accepted' order by i.id limit 1) as message_id
        from dossiers d where d.national_code = ${nationalCode}`,
  );
  return rows[0] && { dossierId: rows[0].id, messageId: rows[0].message_id };
}

/** A unit in force today by its code (the portal names the receiving unit by code). */
export async function unitIdByCode(tx: Executor, code: string): Promise<string | undefined> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from org_units where code = ${code}
          and (valid_to is null or valid_to >= (now() at time zone 'Asia/Ho_Chi_Minh')::date)`,
  );
  return rows[0]?.id;
}

export async function readState<T>(tx: Executor, key: string): Promise<T | undefined> {
  const rows = await tx.select().from(integrationState).where(eq(integrationState.key, key)).limit(1);
  return rows[0]?.value as T | undefined;
}

export async function writeState(tx: Executor, key: string, value: unknown): Promise<void> {
  await tx
    .insert(integrationState)
    .values({ key, value })
    .onConflictDoUpdate({ target: integrationState.key, set: { value, updatedAt: sql`now()` } });
}

export const STATE_KEYS = {
  cursor: "national-portal.cursor",
  lastPoll: "national-portal.last-poll",
  alerts: "national-portal.alerts",
} as const;

export type Alert = { at: string; code: string; messageId: string | null; detail: string };

/** Keeps the latest alerts (newest first), for the administrators' status view. */
export async function pushAlert(tx: Executor, alert: Alert, keep = 20): Promise<void> {
  const current = (await readState<Alert[]>(tx, STATE_KEYS.alerts)) ?? [];
  await writeState(tx, STATE_KEYS.alerts, [alert, ...current].slice(0, keep));
}

const PORTAL_USERNAME = "system.national-portal";
const PORTAL_NAME = "Cổng Dịch vụ công quốc gia";

/**
 * The portal's own actor: a staff account without password or role grants, disabled for
 * sign-in, created on first use. Events, documents and audit rows it writes name it.
 */
export async function portalActor(tx: Executor): Promise<Actor> {
  await tx
    .insert(users)
    .values({ kind: "staff", username: PORTAL_USERNAME, fullName: PORTAL_NAME, disabledAt: sql`now()` })
    .onConflictDoNothing();
  const rows = await tx
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(sql`lower(${users.username}) = ${PORTAL_USERNAME}`);
  const row = rows[0]!;
  return { userId: row.id, kind: "staff", fullName: row.fullName, grants: [], system: "national-portal" };
}

// ---------------------------------------------------------------------------------------------
// Status view

export async function inboxCounts(tx: Executor): Promise<{ accepted: number; rejected: number }> {
  const rows = await queryRows<{ status: string; n: string | number }>(
    tx,
    sql`select status, count(*) as n from national_portal_inbox group by status`,
  );
  const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { accepted: count("accepted"), rejected: count("rejected") };
}

export async function lastRejections(tx: Executor, limit = 10) {
  return tx
    .select({
      messageId: nationalPortalInbox.messageId,
      nationalCode: nationalPortalInbox.nationalCode,
      receivedAt: nationalPortalInbox.receivedAt,
      error: nationalPortalInbox.error,
    })
    .from(nationalPortalInbox)
    .where(eq(nationalPortalInbox.status, "rejected"))
    .orderBy(desc(nationalPortalInbox.id))
    .limit(limit);
}

export async function outboxFigures(tx: Executor, channel: string) {
  const rows = await queryRows<{ status: string; n: string | number; oldest: string | null }>(
    tx,
    sql`select status, count(*) as n, min(created_at) filter (where status in ('pending','sending')) as oldest
        from outbox where channel = ${channel} group by status`,
  );
  const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  const oldest = rows.map((r) => r.oldest).filter((v): v is string => !!v);
  const failures = await queryRows<{
    dedupe_key: string;
    template: string;
    attempts: number;
    last_error: string | null;
    status: string;
  }>(
    tx,
    sql`select dedupe_key, template, attempts, last_error, status from outbox
        where channel = ${channel} and last_error is not null and status <> 'sent'
        order by id desc limit 10`,
  );
  return {
    pending: count("pending"),
    sending: count("sending"),
    sent: count("sent"),
    failed: count("failed"),
    oldestWaitingAt: oldest.length ? new Date(oldest.sort()[0]!).toISOString() : null,
    lastErrors: failures.map((f) => ({
      dedupeKey: f.dedupe_key,
      template: f.template,
      status: f.status,
      attempts: Number(f.attempts),
      error: f.last_error ?? "",
    })),
  };
}
