// The audit log's integrity: writing signed checkpoints of the chain's head, and the one verdict
// (`GET /api/audit/verify`, `motcua audit verify`) that combines the hash chain, the checkpoints
// and the anchor file. The hash chain alone misses removed newest rows and a recomputed chain;
// a checkpoint signed with a key the database does not hold catches both.

import type { Db, Executor } from "../../db/client.ts";
import { appendAnchor, readAnchorLines } from "./audit.anchor.ts";
import * as repo from "./audit.checkpoint.repository.ts";
import {
  type AuditKeyRing,
  type AuditSettings,
  type Checkpoint,
  type CheckpointProblem,
  type CheckpointReason,
  checkCheckpoint,
  parseAnchorLine,
  sameCheckpoint,
  signCheckpoint,
} from "./audit.checkpoint.ts";
import { verifyChain } from "./audit.repository.ts";

export class AuditLogShorterThanCheckpoint extends Error {}

/**
 * Signs the chain's head in its own transaction (a savepoint inside the caller's): the newest
 * audit row's seq and hash, linked to the previous checkpoint. Returns null for an 'interval'
 * checkpoint when no audit row was added since the last one. Refuses to sign a log shorter than
 * the last checkpoint: that log was truncated, and signing it would bless the truncation.
 */
export async function writeCheckpoint(
  db: Executor,
  keys: AuditKeyRing,
  reason: CheckpointReason,
  now: () => Date = () => new Date(),
): Promise<Checkpoint | null> {
  const key = keys[0];
  if (!key) throw new Error("AUDIT_SIGNING_KEYS is not set: checkpoints are off");
  return (db as Db).transaction(async (tx) => {
    await repo.lockCheckpoints(tx);
    const head = await repo.findChainHead(tx);
    const prev = await repo.findNewestCheckpoint(tx);
    if (prev && head.seq < prev.seq)
      throw new AuditLogShorterThanCheckpoint(
        `the audit log ends at seq ${head.seq}, before checkpoint #${prev.id} (seq ${prev.seq}): run motcua audit verify`,
      );
    if (reason === "interval" && head.seq === (prev?.seq ?? 0)) return null;
    const fields = {
      id: (prev?.id ?? 0) + 1,
      at: now().toISOString(),
      seq: head.seq,
      hash: head.hash,
      reason,
      keyId: key.id,
      prevSignature: prev?.signature ?? "",
    };
    const checkpoint = { ...fields, signature: signCheckpoint(key.secret, fields) };
    await repo.insertCheckpoint(tx, checkpoint);
    return checkpoint;
  });
}

/** writeCheckpoint, then (after commit) the line in the anchor file when one is set. */
export async function recordCheckpoint(
  db: Executor,
  settings: Pick<AuditSettings, "keys" | "anchorFile">,
  reason: CheckpointReason,
): Promise<Checkpoint | null> {
  const checkpoint = await writeCheckpoint(db, settings.keys, reason);
  if (checkpoint && settings.anchorFile) appendAnchor(settings.anchorFile, checkpoint);
  return checkpoint;
}

export type IntegrityProblem = {
  source: "chain" | "checkpoint" | "anchor";
  reason: string;
  /** The audit row concerned (chain: the first bad row; checkpoint/anchor: the row anchored). */
  seq: number | null;
  checkpointId: number | null;
  /** Anchor file only: the line that does not match. */
  line: number | null;
};

export type CheckpointsVerdict = {
  checked: number;
  newest: { id: number; seq: number; at: string } | null;
  /** Audit rows after the newest checkpoint: not anchored yet, removable unnoticed. */
  unanchoredRows: number;
  /** Lines of the anchor file checked; null when no anchor file is set. */
  anchor: { lines: number; found: boolean } | null;
  problem: IntegrityProblem | null;
};

const PAGE = 2000;

/**
 * Checks every checkpoint in id order (gapless, linked, signed by a key of the ring, its row
 * there with the same hash), then every line of the anchor file against the table. Stops at the
 * first problem.
 */
export async function verifyCheckpoints(
  tx: Executor,
  keys: AuditKeyRing,
  opts: { anchorFile?: string } = {},
): Promise<CheckpointsVerdict> {
  let checked = 0;
  let prev: Checkpoint | null = null;
  let maxSeq = 0;
  let problem: IntegrityProblem | null = null;
  const at = (c: Checkpoint, reason: CheckpointProblem | "anchor_mismatch", line: number | null = null) => ({
    source: line === null ? ("checkpoint" as const) : ("anchor" as const),
    reason,
    seq: c.seq,
    checkpointId: c.id,
    line,
  });
  for (let page = await repo.pageCheckpointsWithRows(tx, 0, PAGE); page.length > 0 && !problem; ) {
    for (const c of page) {
      maxSeq = c.maxSeq;
      const reason = checkCheckpoint(c, prev, keys, c);
      checked++;
      if (reason) {
        problem = at(c, reason);
        break;
      }
      prev = c;
    }
    if (!problem) page = await repo.pageCheckpointsWithRows(tx, prev!.id, PAGE);
  }
  const newest = problem ? await repo.findNewestCheckpoint(tx) : prev;
  if (problem || !newest) maxSeq = await repo.findMaxSeq(tx);

  let anchor: CheckpointsVerdict["anchor"] = null;
  if (opts.anchorFile) {
    anchor = { lines: 0, found: false };
    for await (const batch of readAnchorLines(opts.anchorFile)) {
      anchor.found = true;
      if (problem) break;
      const parsed = batch.map((l) => ({ ...l, checkpoint: parseAnchorLine(l.text) }));
      const stored = await repo.findCheckpointsByIds(
        tx,
        parsed.flatMap((l) => (l.checkpoint ? [l.checkpoint.id] : [])),
      );
      for (const l of parsed) {
        anchor.lines++;
        const inTable = l.checkpoint && stored.get(l.checkpoint.id);
        if (!l.checkpoint || !inTable || !sameCheckpoint(l.checkpoint, inTable)) {
          problem = {
            source: "anchor",
            reason: "anchor_mismatch",
            seq: l.checkpoint?.seq ?? null,
            checkpointId: l.checkpoint?.id ?? null,
            line: l.line,
          };
          break;
        }
      }
    }
  }
  return {
    checked,
    newest: newest ? { id: newest.id, seq: newest.seq, at: newest.at } : null,
    unanchoredRows: Math.max(0, maxSeq - (newest?.seq ?? 0)),
    anchor,
    problem,
  };
}

export type AuditVerdict = {
  ok: boolean;
  /** Audit rows checked by the hash chain. */
  checked: number;
  /** The first problem's row and reason (kept flat for existing callers). */
  firstBadSeq: number | null;
  reason: string | null;
  problem: IntegrityProblem | null;
  checkpoints: Omit<CheckpointsVerdict, "problem"> & {
    /** off: AUDIT_SIGNING_KEYS unset, the chain is unanchored; demo_key: signed with the public demo key. */
    status: "on" | "demo_key" | "off";
  };
};

/** The hash chain, then the checkpoints and the anchor file: one verdict, the first problem. */
export async function verifyAudit(
  tx: Executor,
  settings: Pick<AuditSettings, "keys" | "demoKey" | "anchorFile">,
): Promise<AuditVerdict> {
  const chain = await verifyChain(tx);
  const status = settings.keys.length === 0 ? "off" : settings.demoKey ? "demo_key" : "on";
  const cps: CheckpointsVerdict =
    status === "off"
      ? { checked: 0, newest: null, unanchoredRows: chain.checked, anchor: null, problem: null }
      : await verifyCheckpoints(tx, settings.keys, { anchorFile: settings.anchorFile });
  const problem: IntegrityProblem | null = chain.ok
    ? cps.problem
    : { source: "chain", reason: chain.reason!, seq: chain.firstBadSeq, checkpointId: null, line: null };
  const { problem: _, ...checkpoints } = cps;
  return {
    ok: problem === null,
    checked: chain.checked,
    firstBadSeq: problem?.seq ?? null,
    reason: problem?.reason ?? null,
    problem,
    checkpoints: { status, ...checkpoints },
  };
}

const EXPLAIN: Record<string, string> = {
  checkpoint_gap: "a checkpoint before it was removed",
  unknown_key: "signed with a key id that is not in AUDIT_SIGNING_KEYS",
  bad_signature: "its signature does not match: forged or altered",
  checkpoint_link: "it does not sign the previous checkpoint",
  truncated: "the audit rows up to its seq are gone: the newest rows were removed",
  rewritten: "the audit row at its seq has another hash: the chain was rewritten",
  anchor_mismatch: "the anchor file records a checkpoint the table lacks or holds differently",
};

/** What `motcua audit verify` prints: the verdict first, then what is and is not anchored. */
export function verdictText(v: AuditVerdict, anchorFile?: string): string {
  const p = v.problem;
  const lines = [
    !p
      ? `Audit chain intact: ${v.checked} rows checked.`
      : p.source === "chain"
        ? `AUDIT CHAIN BROKEN at seq ${p.seq} (${p.reason}); ${v.checked} rows checked.`
        : p.source === "checkpoint"
          ? `AUDIT CHAIN BROKEN at checkpoint #${p.checkpointId}, seq ${p.seq} (${p.reason}): ${EXPLAIN[p.reason]}; ${v.checked} rows checked.`
          : `AUDIT CHAIN BROKEN: line ${p.line} of the anchor file${p.checkpointId === null ? "" : ` (checkpoint #${p.checkpointId})`} (${p.reason}): ${EXPLAIN[p.reason]}; ${v.checked} rows checked.`,
  ];
  const c = v.checkpoints;
  if (c.status === "off") {
    lines.push(
      "UNANCHORED: AUDIT_SIGNING_KEYS is not set, so no checkpoint is signed or checked; removing the newest rows or rewriting the whole chain would go unnoticed.",
    );
    return lines.join("\n");
  }
  if (c.status === "demo_key")
    lines.push(
      "WARNING: checkpoints use the public demo key (MOTCUA_DEMO on, AUDIT_SIGNING_KEYS unset): anyone can forge them.",
    );
  lines.push(
    c.newest
      ? `Checkpoints: ${c.checked} checked; newest #${c.newest.id} at seq ${c.newest.seq} (${c.newest.at}); ${c.unanchoredRows} rows after it not yet anchored.`
      : `Checkpoints: none yet; ${c.unanchoredRows} rows not yet anchored.`,
  );
  lines.push(
    !c.anchor
      ? "Anchor file: not set (AUDIT_ANCHOR_FILE); removing the newest checkpoints together with the newest rows would go unnoticed."
      : c.anchor.found
        ? `Anchor file ${anchorFile ?? ""}: ${c.anchor.lines} lines checked.`.replace("file :", "file:")
        : `Anchor file ${anchorFile ?? ""}: not found, nothing to check.`.replace("file :", "file:"),
  );
  return lines.join("\n");
}
