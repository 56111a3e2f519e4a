// Encryption at rest of personal identifiers (ID numbers, phone numbers), the pure part: the key
// rings (MOTCUA_DATA_KEYS, MOTCUA_INDEX_KEYS), AES-256-GCM values bound to their column, and the
// keyed blind indexes the app searches by. No I/O and no state here; src/db/encrypted.ts holds the
// ring the Drizzle columns use.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { type KeyRingRules, parseKeyRing, type RingKey } from "../audit/audit.checkpoint.ts";

/** A key of a field ring: its id is written in clear at the head of each value it encrypts. */
export type FieldKey = RingKey;

/** The first key encrypts (or computes new indexes); every key decrypts (or is looked up). */
export type FieldKeyRing = readonly FieldKey[];

/** Key ids are short (they are stored in every value) and lower case; secrets are AES-256 keys. */
export const FIELD_KEY_RULES: KeyRingRules = {
  idPattern: /^[a-z0-9-]{1,16}$/,
  idRule: "1-16 of a-z 0-9 -",
  secretBytes: { min: 32, max: 32 },
};

/** Parses one `keyId:base64secret,…` field ring (see parseKeyRing for the messages). */
export function parseFieldKeys(value: string): FieldKey[] {
  return parseKeyRing(value, FIELD_KEY_RULES);
}

const demoSecret = (what: string) =>
  createHash("sha256").update(`motcua demo ${what} key: public, never use in production`).digest();

/**
 * Public and fixed, so anyone can decrypt what it encrypted: it only keeps the demo (MOTCUA_DEMO
 * on, MOTCUA_DATA_KEYS unset) exercising the same path as production.
 */
export const DEMO_DATA_KEY: FieldKey = { id: "demo", secret: demoSecret("field encryption") };
/** Same story for the blind indexes (a separate secret: the two keys never serve both uses). */
export const DEMO_INDEX_KEY: FieldKey = { id: "demo", secret: demoSecret("blind index") };

/** The field-encryption settings of the config. */
export type FieldKeySettings = {
  /** MOTCUA_DATA_KEYS. Empty: encryption is off (production before the keys are set). */
  data: FieldKeyRing;
  /** MOTCUA_INDEX_KEYS. Empty exactly when `data` is. */
  index: FieldKeyRing;
  /** Both rings are the public demo keys (MOTCUA_DEMO on, the two settings unset). */
  demoKey: boolean;
};

/** The variables parseDataKeys reads, after the config's own parsing (MOTCUA_DEMO already a boolean). */
export type FieldKeyEnv = {
  MOTCUA_DATA_KEYS?: string | undefined;
  MOTCUA_INDEX_KEYS?: string | undefined;
  MOTCUA_DEMO: boolean;
};

/**
 * Reads MOTCUA_DATA_KEYS and MOTCUA_INDEX_KEYS. Both or neither: neither gives the public demo
 * keys when MOTCUA_DEMO is on, else no keys (off). Throws an Error whose message starts with the
 * setting's name and never holds a secret; it also refuses the public demo secrets and a secret
 * used in both rings.
 */
export function parseDataKeys(env: FieldKeyEnv): FieldKeySettings {
  const dataValue = env.MOTCUA_DATA_KEYS?.trim() || undefined;
  const indexValue = env.MOTCUA_INDEX_KEYS?.trim() || undefined;
  if (!dataValue && !indexValue)
    return env.MOTCUA_DEMO
      ? { data: [DEMO_DATA_KEY], index: [DEMO_INDEX_KEY], demoKey: true }
      : { data: [], index: [], demoKey: false };
  if (!dataValue || !indexValue)
    throw new Error(
      `${dataValue ? "MOTCUA_INDEX_KEYS" : "MOTCUA_DATA_KEYS"}: not set; MOTCUA_DATA_KEYS and MOTCUA_INDEX_KEYS go together`,
    );
  const data = parseRing("MOTCUA_DATA_KEYS", dataValue);
  const index = parseRing("MOTCUA_INDEX_KEYS", indexValue);
  for (const [i, k] of index.entries())
    if (data.some((d) => d.secret.equals(k.secret)))
      throw new Error(
        `MOTCUA_INDEX_KEYS: entry ${i + 1} ("${k.id}"): the secret is also in MOTCUA_DATA_KEYS; use a separate secret`,
      );
  return { data, index, demoKey: false };
}

function parseRing(setting: string, value: string): FieldKey[] {
  let keys: FieldKey[];
  try {
    keys = parseFieldKeys(value);
  } catch (err) {
    throw new Error(`${setting}: ${(err as Error).message} (expected keyId:base64secret, comma-separated)`);
  }
  for (const [i, k] of keys.entries())
    if (k.secret.equals(DEMO_DATA_KEY.secret) || k.secret.equals(DEMO_INDEX_KEY.secret))
      throw new Error(`${setting}: entry ${i + 1} ("${k.id}"): the secret is the public demo key`);
  return keys;
}

/** The line the server logs at start, or null when the keys are real. */
export function fieldKeysWarning(settings: FieldKeySettings): string | null {
  if (settings.data.length === 0)
    return "MOTCUA_DATA_KEYS is not set: ID numbers and phone numbers are stored unencrypted";
  if (settings.demoKey)
    return "ID numbers and phone numbers are encrypted with the public demo key (set MOTCUA_DATA_KEYS and MOTCUA_INDEX_KEYS in production)";
  return null;
}

/**
 * Why a value cannot be read. The message names the key id or column, never the value:
 * - malformed: not `v1.<keyId>.<iv>.<data>` (or a part was cut or altered out of shape);
 * - unknown_key: encrypted under a key id the ring does not hold (dropped too early from the ring);
 * - wrong_column: a valid value of another column, copied here;
 * - tampered: the authentication tag does not hold (altered, or encrypted for an unknown column);
 * - no_key: the ring is empty (encryption off) and a value must be encrypted or decrypted.
 */
export type FieldCryptoProblem = "malformed" | "unknown_key" | "wrong_column" | "tampered" | "no_key";

export class FieldCryptoError extends Error {
  constructor(
    readonly problem: FieldCryptoProblem,
    message: string,
  ) {
    super(message);
    this.name = "FieldCryptoError";
  }
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** v1.<keyId>.<16 base64url chars: 12-byte IV>.<base64url of ciphertext + 16-byte tag: 22+ chars>. */
const VALUE = /^v1\.([a-z0-9-]{1,16})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;
/** A column label: stable text such as `users.phone`, never renamed once values use it. */
const COLUMN = /^[a-z][a-z0-9_.]{0,63}$/;

function checkColumn(column: string): void {
  if (!COLUMN.test(column)) throw new Error(`"${column}" is not a column label (a-z 0-9 _ ., 1-64)`);
}

/** The additional authenticated data: the format version, the key id and the column label. */
const aad = (keyId: string, column: string) => Buffer.from(`motcua-field|${VERSION}|${keyId}|${column}`);

/**
 * Encrypts one value for `column` under the ring's first key, with a fresh random IV:
 * `v1.<keyId>.<base64url(iv)>.<base64url(ciphertext + tag)>`. The column label is authenticated,
 * so the value does not decrypt in another column.
 */
export function encrypt(ring: FieldKeyRing, plaintext: string, column: string): string {
  checkColumn(column);
  const key = ring[0];
  if (!key) throw new FieldCryptoError("no_key", `no data key: cannot encrypt ${column} (MOTCUA_DATA_KEYS)`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.secret, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(key.id, column));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${key.id}.${iv.toString("base64url")}.${data.toString("base64url")}`;
}

type Parsed = { keyId: string; iv: Buffer; data: Buffer };

function parse(value: string): Parsed | null {
  const m = VALUE.exec(value);
  if (!m) return null;
  const [, keyId, ivText, dataText] = m as unknown as [string, string, string, string];
  const iv = Buffer.from(ivText, "base64url");
  const data = Buffer.from(dataText, "base64url");
  // Only the canonical spelling: a changed padding bit is an altered value too.
  if (iv.toString("base64url") !== ivText || data.toString("base64url") !== dataText) return null;
  if (iv.length !== IV_BYTES || data.length < TAG_BYTES) return null;
  return { keyId, iv, data };
}

/** Whether the text has the shape of an encrypted value (it does not check the tag). */
export function isEncrypted(value: string): boolean {
  return parse(value) !== null;
}

function open(key: FieldKey, p: Parsed, column: string): string | null {
  const decipher = createDecipheriv("aes-256-gcm", key.secret, p.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(p.keyId, column));
  decipher.setAuthTag(p.data.subarray(p.data.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(p.data.subarray(0, p.data.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * Decrypts a value of `column`. GCM cannot tell a wrong column from an altered value; when
 * `otherColumns` is given (the labels of the other encrypted columns) and the value opens under
 * one of them, the error is wrong_column, naming it; otherwise tampered.
 */
export function decrypt(
  ring: FieldKeyRing,
  value: string,
  column: string,
  otherColumns: Iterable<string> = [],
): string {
  checkColumn(column);
  const p = parse(value);
  if (!p)
    throw new FieldCryptoError("malformed", `${column}: the value is not an encrypted value (v1.<keyId>.…)`);
  if (ring.length === 0)
    throw new FieldCryptoError("no_key", `no data key: cannot decrypt ${column} (MOTCUA_DATA_KEYS)`);
  const key = ring.find((k) => k.id === p.keyId);
  if (!key)
    throw new FieldCryptoError(
      "unknown_key",
      `${column}: encrypted under key "${p.keyId}", which MOTCUA_DATA_KEYS does not hold`,
    );
  const plaintext = open(key, p, column);
  if (plaintext !== null) return plaintext;
  for (const other of otherColumns)
    if (other !== column && COLUMN.test(other) && open(key, p, other) !== null)
      throw new FieldCryptoError("wrong_column", `${column}: the value was encrypted for ${other}`);
  throw new FieldCryptoError("tampered", `${column}: the value does not authenticate (altered)`);
}

/**
 * Whether `keys rotate` must rewrite the value: encrypted under a key other than the ring's first,
 * or not encrypted at all (a plaintext value from before encryption). Does not check the tag.
 */
export function needsRotation(ring: FieldKeyRing, value: string): boolean {
  const p = parse(value);
  return p === null || p.keyId !== ring[0]?.id;
}

/** What a blind index is computed over; each kind has its own normaliser and its own HMAC domain. */
export type IdentifierKind = "phone" | "idNumber";
export const IDENTIFIER_KINDS: readonly IdentifierKind[] = ["phone", "idNumber"];

/**
 * A Vietnamese phone number in its national form: spaces, dots, dashes and brackets removed,
 * `+84`, `0084` or a bare `84` (before 9-10 digits) replaced by the leading 0. A foreign number
 * keeps its `+`.
 */
export function normalisePhone(value: string): string {
  const s = value.replace(/[\s.\-()]/g, "");
  const national = (rest: string) => (rest.startsWith("0") ? rest : `0${rest}`);
  if (/^\+84\d+$/.test(s)) return national(s.slice(3));
  if (/^0084\d+$/.test(s)) return national(s.slice(4));
  if (/^84\d{9,10}$/.test(s)) return national(s.slice(2));
  return s;
}

/** A citizen ID number (CCCD 12 digits, CMND 9 digits): its digits only, leading zeros kept. */
export function normaliseIdNumber(value: string): string {
  return value.replace(/\D/g, "");
}

export function normaliseIdentifier(kind: IdentifierKind, value: string): string {
  return kind === "phone" ? normalisePhone(value) : normaliseIdNumber(value);
}

/** Hex characters kept of the HMAC-SHA256: 128 bits, ample against collisions at any table size. */
export const BLIND_INDEX_LENGTH = 32;

/**
 * The blind index of an identifier: HMAC-SHA256 (index key) of the kind and the normalised value,
 * hex, truncated. Equal for every spelling of one number, unrelated across keys and kinds.
 * Throws on a value with nothing left after normalising (no index for an empty identifier).
 */
export function blindIndex(key: FieldKey, kind: IdentifierKind, value: string): string {
  const normalised = normaliseIdentifier(kind, value);
  if (normalised === "") throw new RangeError(`no ${kind} in the value to index`);
  return createHmac("sha256", key.secret)
    .update(`motcua-bidx|${VERSION}|${kind}|${normalised}`, "utf8")
    .digest("hex")
    .slice(0, BLIND_INDEX_LENGTH);
}

/**
 * The indexes to look a value up by: one per key of the ring, the first key's first (during an
 * index-key rotation rows still carry the old key's index). Empty when nothing is left after
 * normalising (a search for such a value finds nothing).
 */
export function blindIndexes(ring: FieldKeyRing, kind: IdentifierKind, value: string): string[] {
  if (ring.length === 0)
    throw new FieldCryptoError("no_key", "no index key: cannot search (MOTCUA_INDEX_KEYS)");
  if (normaliseIdentifier(kind, value) === "") return [];
  return ring.map((k) => blindIndex(k, kind, value));
}
