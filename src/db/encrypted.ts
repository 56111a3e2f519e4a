// Encrypted columns for Drizzle: text (a phone or ID number column) and jsonb with chosen fields
// encrypted (dossiers.applicant). The crypto is src/modules/privacy/field-crypto.ts; this module
// only holds the process's data key ring, set once at start.
//
// Why a module-level ring: drizzle's customType toDriver/fromDriver are synchronous and get the
// value alone (no column, no query, no request context), and a schema module is evaluated before
// the config is read. So the ring cannot be passed in; it is set by `setFieldKeys` after
// loadConfig and before the first query (server, CLI, tests). The column label, on the other hand,
// is known when the column is defined, so it is captured there and bound to each value as
// AES-GCM additional data: a value copied into another column does not decrypt.
import { customType } from "drizzle-orm/pg-core";
import {
  blindIndex,
  blindIndexes,
  decrypt,
  encrypt,
  FieldCryptoError,
  type FieldKeyRing,
  type FieldKeySettings,
  type IdentifierKind,
  isEncrypted,
  parseDataKeys,
} from "../modules/privacy/field-crypto.ts";

type State = {
  ring: FieldKeyRing;
  /** MOTCUA_INDEX_KEYS: the first computes new blind indexes, every key is searched. */
  index: FieldKeyRing;
  acceptPlaintext: boolean;
  encryptWrites: boolean;
};
let state: State | null = null;
/** Every label an encrypted column was defined with: lets decrypt name the column a moved value came from. */
const labels = new Set<string>();

export type FieldKeyOptions = {
  /**
   * Return a stored value that is not encrypted as it is (default true): the state between the
   * deploy that starts encrypting and the end of `motcua keys rotate`'s backfill. Once the backfill
   * is verified, set it to false so a plaintext value written around the app is an error.
   */
  acceptPlaintext?: boolean;
  /**
   * Encrypt what is written (default true). False only for the one release that ships the read
   * path before the write path, so rolling back the release that starts encrypting stays safe.
   */
  encryptWrites?: boolean;
};

/**
 * Sets the key rings (MOTCUA_DATA_KEYS: the first key encrypts; MOTCUA_INDEX_KEYS: blind indexes)
 * for every encrypted column. The server and the CLI call it with the loaded config's keys.
 */
export function setFieldKeys(
  keys: Pick<FieldKeySettings, "data" | "index">,
  options: FieldKeyOptions = {},
): void {
  state = {
    ring: keys.data,
    index: keys.index,
    acceptPlaintext: options.acceptPlaintext ?? true,
    encryptWrites: options.encryptWrites ?? true,
  };
}

/**
 * The rings set at start, or else read from the environment as loadConfig does (a script, a test
 * worker or a bench that opens the database without the server's start).
 */
function current(): State {
  if (!state) {
    const demo = !/^(0|false|no|off)$/i.test(process.env.MOTCUA_DEMO?.trim() ?? "");
    setFieldKeys(
      parseDataKeys({
        MOTCUA_DATA_KEYS: process.env.MOTCUA_DATA_KEYS,
        MOTCUA_INDEX_KEYS: process.env.MOTCUA_INDEX_KEYS,
        MOTCUA_DEMO: demo,
      }),
    );
  }
  return state!;
}

/** The blind index of an identifier under the first index key: what a write stores. */
export function blindIndexOf(kind: IdentifierKind, value: string): string {
  const [key] = current().index;
  if (!key) throw new FieldCryptoError("no_key", "MOTCUA_INDEX_KEYS is not set");
  return blindIndex(key, kind, value);
}

/**
 * The blind indexes of an identifier under every index key (the first key's first): what an
 * equality search compares with `= any(…)`, so rows indexed before a rotation are still found.
 * Empty when nothing is left of the value after normalising.
 */
export function blindIndexesOf(kind: IdentifierKind, value: string): string[] {
  return blindIndexes(current().index, kind, value);
}

/** Encrypts one value for a column label with the process's ring (raw SQL writes, jsonb fields). */
export function encryptField(value: string, label: string): string {
  const s = current();
  return s.encryptWrites ? encrypt(s.ring, value, label) : value;
}

/**
 * Decrypts a stored value of a column label: '' stays '' (an erased value), a plaintext value
 * passes while acceptPlaintext holds. For raw SQL reads (queryRows), which skip the column type.
 */
export function decryptField(value: string, label: string): string {
  const s = current();
  // SQL erases a NOT NULL column by writing '' (privacy.repository.ts, appointments.phone).
  if (value === "") return "";
  if (s.acceptPlaintext && !isEncrypted(value)) return value;
  return decrypt(s.ring, value, label, labels);
}

function register(label: string): string {
  // Validates the label now (at schema load) rather than at the first write.
  encrypt([{ id: "check", secret: Buffer.alloc(32) }], "", label);
  labels.add(label);
  return label;
}

/**
 * A text column holding `v1.<keyId>.<iv>.<ciphertext>`; the app reads and writes the plaintext.
 * `label` is what the value is bound to, by default the column name; pass a table-qualified one
 * (`users.phone`) so values cannot move between tables either. Never rename a label once values
 * use it. Never compare the column in SQL (`eq(t.phone, x)` encrypts x with a new IV and matches
 * nothing; LIKE and ORDER BY see ciphertext): search its blind-index column instead.
 */
export function encryptedText(name: string, label: string = name) {
  const aad = register(label);
  return customType<{ data: string; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => encryptField(value, aad),
    fromDriver: (value) => decryptField(value, aad),
  })(name);
}

/**
 * A jsonb column whose listed top-level string fields are encrypted inside the JSON (each bound to
 * `<label>.<field>`), the others left readable by SQL, e.g. `applicant->>'kind'`. Null, missing
 * and non-string fields are left as they are.
 */
export function encryptedJsonb<T extends Record<string, unknown>>(
  name: string,
  fields: readonly (keyof T & string)[],
  label: string = name,
) {
  const aads = new Map(
    fields.map((f) => [f, register(`${label}.${f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`)]),
  );
  const map = (value: T, f: (v: string, aad: string) => string): T => {
    const out: Record<string, unknown> = { ...value };
    for (const [field, aad] of aads) {
      const v = out[field];
      if (typeof v === "string") out[field] = f(v, aad);
    }
    return out as T;
  };
  return customType<{ data: T; driverData: string }>({
    dataType: () => "jsonb",
    toDriver: (value) => JSON.stringify(map(value, encryptField)),
    // Drivers hand jsonb back parsed (node-postgres, PGlite) or as text; drizzle's jsonb does the same.
    fromDriver: (value) => map((typeof value === "string" ? JSON.parse(value) : value) as T, decryptField),
  })(name);
}

/**
 * The key of a sealed JSON value, `{"$enc": "v1.…"}`: no API object and no e-form field can have it
 * (field keys are lower camel case), so a sealed value is never mistaken for data.
 */
export const SEALED_KEY = "$enc";

/**
 * A whole JSON value encrypted as one `{"$enc": "v1.…"}` (null stays null; the value itself while
 * writes are not encrypted, the read-path-first release). For documents SQL never looks inside.
 */
export function sealJson(value: unknown, label: string): unknown {
  if (value === null || value === undefined) return value ?? null;
  const enc = encryptField(JSON.stringify(value), label);
  return isEncrypted(enc) ? { [SEALED_KEY]: enc } : value;
}

/** A stored value opened: a sealed one decrypted, anything else (stored before sealing) as it is. */
export function openJson(stored: unknown, label: string): unknown {
  if (stored !== null && typeof stored === "object" && !Array.isArray(stored)) {
    const enc = (stored as Record<string, unknown>)[SEALED_KEY];
    if (typeof enc === "string" && Object.keys(stored).length === 1)
      return JSON.parse(decryptField(enc, label));
  }
  return stored;
}

/**
 * A jsonb column whose whole value is sealed (`sealJson`): e-form answers, the national portal's
 * raw messages. SQL sees only `{"$enc": …}`; `col ? '$enc'` tells sealed rows from older ones.
 */
export function sealedJsonb<T>(name: string, label: string) {
  const aad = register(label);
  return customType<{ data: T; driverData: string }>({
    dataType: () => "jsonb",
    toDriver: (value) => JSON.stringify(sealJson(value, aad)),
    fromDriver: (value) => openJson(typeof value === "string" ? JSON.parse(value) : value, aad) as T,
  })(name);
}
