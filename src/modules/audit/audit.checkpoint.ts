// Signed checkpoints of the audit chain, the pure part: the key ring (AUDIT_SIGNING_KEYS, with the
// `keyId:base64secret` parser other key rings reuse), the canonical text a checkpoint signs, and the
// check of one stored checkpoint. No I/O here.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** A key of the ring: its id is stored with each checkpoint it signs. */
export type AuditKey = RingKey;

/** The first key signs; every key verifies (rotation: put the new key first, keep the old ones). */
export type AuditKeyRing = readonly AuditKey[];

/** The audit settings of the config (AUDIT_SIGNING_KEYS, AUDIT_CHECKPOINT_MINUTES, AUDIT_ANCHOR_FILE). */
export type AuditSettings = {
  /** Empty: checkpoints are off and the chain is unanchored. */
  keys: AuditKeyRing;
  /** The keys are the public demo key (MOTCUA_DEMO on, AUDIT_SIGNING_KEYS unset). */
  demoKey: boolean;
  /** How often the server writes an 'interval' checkpoint (0: never). */
  checkpointMs: number;
  anchorFile: string | undefined;
};

export type CheckpointReason = "interval" | "backup" | "manual";
export const CHECKPOINT_REASONS: readonly CheckpointReason[] = ["interval", "backup", "manual"];

export type Checkpoint = {
  /** 1, 2, 3… without gaps. */
  id: number;
  /** ISO 8601 in UTC with milliseconds, as the app set it (`Date.toISOString()`). */
  at: string;
  /** The newest audit row anchored (0 when the log was empty). */
  seq: number;
  /** That row's hash ('' when seq is 0). */
  hash: string;
  reason: CheckpointReason;
  keyId: string;
  /** The previous checkpoint's signature ('' for the first). */
  prevSignature: string;
  /** HMAC-SHA256 of checkpointText(), hex. */
  signature: string;
};

/**
 * Public and fixed, so anyone can forge checkpoints signed with it: it only keeps the demo
 * (MOTCUA_DEMO on, AUDIT_SIGNING_KEYS unset) exercising the same path as production.
 */
export const DEMO_AUDIT_KEY: AuditKey = {
  id: "demo-insecure",
  secret: createHash("sha256")
    .update("motcua demo audit checkpoint key: public, never use in production")
    .digest(),
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
export const MIN_SECRET_BYTES = 32;

/** A key of any `keyId:base64secret,…` ring (audit checkpoints, field encryption, blind indexes). */
export type RingKey = { id: string; secret: Buffer };

/** What a ring accepts: the key id's pattern (and how to say it), the secret's length in bytes. */
export type KeyRingRules = {
  idPattern: RegExp;
  /** Completes "the key id must be …". */
  idRule: string;
  secretBytes: { min: number; max?: number };
};

/**
 * Parses `keyId:secret,keyId:secret` (secret in standard padded base64). Throws an Error whose
 * message says which entry is wrong and why, never the secret itself. Shared by every key ring
 * read from the environment so they refuse the same mistakes with the same words.
 */
export function parseKeyRing(value: string, rules: KeyRingRules): RingKey[] {
  const { min, max } = rules.secretBytes;
  const entries = value.split(",").map((e) => e.trim());
  const keys: RingKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const where = `entry ${i + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) throw new Error(`${where} is not keyId:secret`);
    const id = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!rules.idPattern.test(id)) throw new Error(`${where}: the key id must be ${rules.idRule}`);
    if (keys.some((k) => k.id === id)) throw new Error(`${where}: the key id "${id}" appears twice`);
    if (!BASE64.test(encoded) || encoded.length % 4 !== 0)
      throw new Error(`${where} ("${id}"): the secret is not base64`);
    const secret = Buffer.from(encoded, "base64");
    if (secret.toString("base64") !== encoded)
      throw new Error(`${where} ("${id}"): the secret is not base64`);
    if (secret.length < min || (max !== undefined && secret.length > max)) {
      const needed = max === min ? `exactly ${min} are needed` : `at least ${min} are needed`;
      throw new Error(
        `${where} ("${id}"): the secret is ${secret.length} bytes, ${needed} (openssl rand -base64 ${min})`,
      );
    }
    keys.push({ id, secret });
  }
  return keys;
}

const AUDIT_KEY_RULES: KeyRingRules = {
  idPattern: /^[A-Za-z0-9._-]{1,64}$/,
  idRule: "1-64 of A-Z a-z 0-9 . _ -",
  secretBytes: { min: MIN_SECRET_BYTES },
};

/** AUDIT_SIGNING_KEYS: `keyId:secret,…`, secrets of at least 32 bytes (see parseKeyRing). */
export function parseAuditKeys(value: string): AuditKey[] {
  return parseKeyRing(value, AUDIT_KEY_RULES);
}

/** The text a checkpoint's signature covers: every field but the signature, in a fixed order. */
export function checkpointText(c: Omit<Checkpoint, "signature">): string {
  return ["motcua-audit-checkpoint-v1", c.id, c.at, c.seq, c.hash, c.reason, c.keyId, c.prevSignature].join(
    "|",
  );
}

export function signCheckpoint(secret: Buffer, c: Omit<Checkpoint, "signature">): string {
  return createHmac("sha256", secret).update(checkpointText(c), "utf8").digest("hex");
}

export type SignatureCheck = "ok" | "unknown_key" | "bad_signature";

export function checkSignature(keys: AuditKeyRing, c: Checkpoint): SignatureCheck {
  const key = keys.find((k) => k.id === c.keyId);
  if (!key) return "unknown_key";
  const expected = Buffer.from(signCheckpoint(key.secret, c), "hex");
  const actual = /^[0-9a-f]{64}$/.test(c.signature) ? Buffer.from(c.signature, "hex") : Buffer.alloc(0);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? "ok" : "bad_signature";
}

/**
 * Why a checkpoint does not hold:
 * - checkpoint_gap: its id is not the previous id + 1 (a checkpoint was removed);
 * - unknown_key / bad_signature: not signed by a key of the ring (forged, or its key was dropped);
 * - checkpoint_link: it does not sign the previous checkpoint's signature;
 * - truncated: the audit row it anchors is past the end of the log (the newest rows were removed);
 * - rewritten: the audit row it anchors is there with another hash (the chain was recomputed).
 */
export type CheckpointProblem =
  | "checkpoint_gap"
  | "unknown_key"
  | "bad_signature"
  | "checkpoint_link"
  | "truncated"
  | "rewritten";

/**
 * Checks one stored checkpoint against the one before it (null for the first) and the audit
 * log as seen in the same snapshot: the hash of the row at its seq (null if none) and max(seq).
 */
export function checkCheckpoint(
  c: Checkpoint,
  prev: Pick<Checkpoint, "id" | "signature"> | null,
  keys: AuditKeyRing,
  log: { rowHash: string | null; maxSeq: number },
): CheckpointProblem | null {
  if (c.id !== (prev?.id ?? 0) + 1) return "checkpoint_gap";
  const signature = checkSignature(keys, c);
  if (signature !== "ok") return signature;
  if (c.prevSignature !== (prev?.signature ?? "")) return "checkpoint_link";
  if (c.seq > log.maxSeq) return "truncated";
  if (c.seq > 0 && log.rowHash !== c.hash) return "rewritten";
  return null;
}

/** One line of the anchor file (AUDIT_ANCHOR_FILE): the checkpoint as JSON, fields in a fixed order. */
export function anchorLine(c: Checkpoint): string {
  const { id, at, seq, hash, reason, keyId, prevSignature, signature } = c;
  return JSON.stringify({ id, at, seq, hash, reason, keyId, prevSignature, signature });
}

/** The checkpoint a line of the anchor file records, or null when the line is not one. */
export function parseAnchorLine(line: string): Checkpoint | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  const str = (k: string) => typeof o[k] === "string";
  const int = (k: string) => Number.isSafeInteger(o[k]);
  if (!(int("id") && int("seq") && str("at") && str("hash") && str("keyId") && str("prevSignature")))
    return null;
  if (!(str("signature") && CHECKPOINT_REASONS.includes(o.reason as CheckpointReason))) return null;
  return {
    id: o.id as number,
    at: o.at as string,
    seq: o.seq as number,
    hash: o.hash as string,
    reason: o.reason as CheckpointReason,
    keyId: o.keyId as string,
    prevSignature: o.prevSignature as string,
    signature: o.signature as string,
  };
}

export function sameCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  return anchorLine(a) === anchorLine(b);
}
