// Password hashing with argon2id (OWASP minimums: 19 MiB, 2 iterations, 1 lane).
import { readFileSync } from "node:fs";
import { hash, verify } from "@node-rs/argon2";
import { Errors } from "../../shared/errors.ts";
import { fieldMessages } from "../../shared/messages.ts";
import { fromRoot } from "../../shared/paths.ts";

// algorithm 2 is Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import).
const options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

// Verifying against a fixed hash when the user does not exist keeps the response time
// the same, so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("motcua-dummy-password-1");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** At least 10 characters with a letter and a digit (checked by the schemas too). */
export const PASSWORD_RULE = /^(?=.*\p{L})(?=.*\d).{10,200}$/u;

// --- Common passwords -------------------------------------------------------------------------
// The blocklist ships with the code (password-blocklist.txt: sources and licences at its top).

/** Lowercase, Vietnamese diacritics removed (đ → d), spaces dropped: "Mật khẩu" → "matkhau". */
export function normalisePassword(password: string): string {
  return password
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/\s+/g, "");
}

let blocklist: Set<string> | undefined;
function commonPasswords(): Set<string> {
  blocklist ??= new Set(
    readFileSync(fromRoot("src/modules/auth/password-blocklist.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map(normalisePassword),
  );
  return blocklist;
}

/**
 * True when the password is a listed common one, compared case- and diacritic-insensitively,
 * or is one with digits and symbols around it ("Matkhau@123456", "2026password!").
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const plain = normalisePassword(password);
  if (list.has(plain)) return true;
  const core = plain.replace(/^[\d\p{P}\p{S}_]+/u, "").replace(/[\d\p{P}\p{S}_]+$/u, "");
  return core !== plain && core.length > 0 && list.has(core);
}

/** For service paths that set a password (the schemas check it too): a 400 naming the field. */
export function assertPasswordAllowed(password: string, field: string): void {
  if (!PASSWORD_RULE.test(password))
    throw Errors.invalidField(field, "password_policy", fieldMessages.password_policy);
  if (isCommonPassword(password))
    throw Errors.invalidField(field, "password_common", fieldMessages.password_common);
}
