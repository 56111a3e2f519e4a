// Password hashing with argon2id (OWASP minimums: 19 MiB, 2 iterations, 1 lane).
import { hash, verify } from "@node-rs/argon2";

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
