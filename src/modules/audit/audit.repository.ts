// Insert-only audit rows and the chain check. seq, prev_hash and hash are set by the
// database trigger (db/migrations/0002_audit_chain.sql).
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { auditLog, users } from "../../db/schema.ts";

export type AuditInsert = {
  actorUserId: string | null;
  actorLabel: string | null;
  unitId: string | null;
  action: string;
  target: string | null;
  outcome: number;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
};

export async function insertAudit(tx: Executor, row: AuditInsert) {
  await tx.insert(auditLog).values(row);
}

export type AuditFilter = {
  /** Part of the actor's name, user name or label (CLI, system). */
  actor?: string;
  /** An action or the start of one (`dossier.` finds every dossier action). */
  action?: string;
  /** The entity: a record's id or code, exactly. */
  target?: string;
  unitId?: string;
  /** Vietnam calendar days, inclusive. */
  from?: string;
  to?: string;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, "\\$&");

export async function pageAudit(
  tx: Executor,
  opts: { unitIds: string[] | "all"; page: number; pageSize: number } & AuditFilter,
) {
  const actor = opts.actor ? `%${likeEscape(opts.actor)}%` : undefined;
  const where = and(
    opts.unitIds === "all"
      ? undefined
      : inArray(
          auditLog.unitId,
          opts.unitIds.length ? opts.unitIds : ["00000000-0000-0000-0000-000000000000"],
        ),
    opts.action ? sql`${auditLog.action} like ${`${likeEscape(opts.action)}%`}` : undefined,
    actor
      ? sql`(${users.fullName} ilike ${actor} or ${users.username} ilike ${actor} or ${auditLog.actorLabel} ilike ${actor})`
      : undefined,
    opts.target ? eq(auditLog.target, opts.target) : undefined,
    opts.unitId ? eq(auditLog.unitId, opts.unitId) : undefined,
    opts.from
      ? sql`${auditLog.at} >= (${opts.from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`
      : undefined,
    opts.to
      ? sql`${auditLog.at} < (${opts.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`
      : undefined,
  );
  const items = await tx
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorName: sql<string | null>`coalesce(${users.fullName}, ${auditLog.actorLabel})`,
      action: auditLog.action,
      outcome: auditLog.outcome,
      target: auditLog.target,
      unitId: auditLog.unitId,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  const totals = await tx
    .select({ n: count() })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where);
  return { items, total: Number(totals[0]?.n ?? 0) };
}

/**
 * Walks the whole chain: a row whose stored hash differs from its recomputed hash was
 * edited; a row whose prev_hash differs from the previous row's hash, or a gap in seq,
 * means rows were deleted or inserted out of band.
 */
export async function verifyChain(
  tx: Executor,
): Promise<{ ok: boolean; checked: number; firstBadSeq: number | null; reason: string | null }> {
  const rows = await queryRows<{
    checked: string | number;
    bad_seq: string | number | null;
    reason: string | null;
  }>(
    tx,
    sql`
    with c as (
      select seq, hash, prev_hash, audit_row_hash(a) as recomputed,
             lag(hash) over (order by seq) as prev_row_hash,
             lag(seq) over (order by seq) as prev_seq
      from audit_log a
    ), bad as (
      select seq,
             case when hash <> recomputed then 'edited'
                  when coalesce(prev_seq, 0) <> seq - 1 then 'gap'
                  when prev_hash <> coalesce(prev_row_hash, '') then 'broken_link'
             end as reason
      from c
    )
    select (select count(*) from audit_log) as checked,
           (select seq from bad where reason is not null order by seq limit 1) as bad_seq,
           (select reason from bad where reason is not null order by seq limit 1) as reason
  `,
  );
  const row = rows[0]!;
  const bad = row.bad_seq == null ? null : Number(row.bad_seq);
  return { ok: bad === null, checked: Number(row.checked), firstBadSeq: bad, reason: row.reason };
}
