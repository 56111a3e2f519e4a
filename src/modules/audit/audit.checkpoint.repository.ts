// Queries of the signed checkpoints (audit_checkpoints, db/migrations/0021_audit_checkpoints.sql).
// `at` is always read back as the ISO text the app signed, so the signature can be recomputed.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { auditCheckpoints } from "../../db/schema.ts";
import type { Checkpoint, CheckpointReason } from "./audit.checkpoint.ts";

/** Serialises checkpoint writers until the transaction ends, so ids stay gapless and linked. */
export const CHECKPOINT_LOCK = 72610002;

type CheckpointRow = {
  id: string | number;
  at: string;
  seq: string | number;
  hash: string;
  reason: string;
  key_id: string;
  prev_signature: string;
  signature: string;
};

const columns = sql.raw(`c.id::text as id,
  to_char(c.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
  c.seq::text as seq, c.hash, c.reason, c.key_id, c.prev_signature, c.signature`);

const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  id: Number(r.id),
  at: r.at,
  seq: Number(r.seq),
  hash: r.hash,
  reason: r.reason as CheckpointReason,
  keyId: r.key_id,
  prevSignature: r.prev_signature,
  signature: r.signature,
});

export async function lockCheckpoints(tx: Executor) {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK})`);
}

export async function findNewestCheckpoint(tx: Executor): Promise<Checkpoint | null> {
  const rows = await queryRows<CheckpointRow>(
    tx,
    sql`select ${columns} from audit_checkpoints c order by c.id desc limit 1`,
  );
  return rows[0] ? toCheckpoint(rows[0]) : null;
}

/** The head of the audit chain: the newest row's seq and hash (0 and '' when the log is empty). */
export async function findChainHead(tx: Executor): Promise<{ seq: number; hash: string }> {
  const rows = await queryRows<{ seq: string; hash: string }>(
    tx,
    // Qualified: a bare `order by seq` would sort by the text alias ("999" after "5000").
    sql`select a.seq::text as seq, a.hash from audit_log a order by a.seq desc limit 1`,
  );
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : { seq: 0, hash: "" };
}

export async function insertCheckpoint(tx: Executor, c: Checkpoint) {
  await tx.insert(auditCheckpoints).values(c);
}

export type CheckpointWithRow = Checkpoint & { rowHash: string | null; maxSeq: number };

/**
 * A page of checkpoints in id order, each with the hash of the audit row at its seq and the
 * log's max(seq). One statement, so one snapshot: a checkpoint it returns never anchors a row
 * it cannot see (a checkpoint commits after the rows it anchors).
 */
export async function pageCheckpointsWithRows(
  tx: Executor,
  afterId: number,
  limit: number,
): Promise<CheckpointWithRow[]> {
  const rows = await queryRows<CheckpointRow & { row_hash: string | null; max_seq: string | null }>(
    tx,
    sql`select ${columns}, a.hash as row_hash, (select max(seq) from audit_log)::text as max_seq
          from audit_checkpoints c left join audit_log a on a.seq = c.seq
         where c.id > ${afterId} order by c.id limit ${limit}`,
  );
  return rows.map((r) => ({ ...toCheckpoint(r), rowHash: r.row_hash, maxSeq: Number(r.max_seq ?? 0) }));
}

export async function findMaxSeq(tx: Executor): Promise<number> {
  const rows = await queryRows<{ n: string | null }>(tx, sql`select max(seq)::text as n from audit_log`);
  return Number(rows[0]?.n ?? 0);
}

export async function findCheckpointsByIds(tx: Executor, ids: number[]): Promise<Map<number, Checkpoint>> {
  if (ids.length === 0) return new Map();
  const list: SQL = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<CheckpointRow>(
    tx,
    sql`select ${columns} from audit_checkpoints c where c.id in (${list})`,
  );
  return new Map(rows.map((r) => [Number(r.id), toCheckpoint(r)]));
}
