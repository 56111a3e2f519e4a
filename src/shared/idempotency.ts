// Idempotency keys (the `Idempotency-Key` header) for commands that create or change records.
// The key row is inserted first, inside the command's transaction: a concurrent retry with
// the same key waits on the row lock (PostgreSQL) and then finds the committed first result,
// which it replays; the command itself runs once.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { openJson, sealJson } from "../db/encrypted.ts";
import { idempotencyKeys } from "../db/schema.ts";
import type { Ctx } from "../plugins/context.ts";
import { DomainError, Errors } from "./errors.ts";

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

function requireKey(key: string | string[] | undefined): string {
  const value = Array.isArray(key) ? key[0] : key;
  if (!value || !KEY.test(value))
    throw Errors.invalid([
      {
        path: "headers.idempotency-key",
        field: "idempotency-key",
        code: "idempotency_key",
        message: {
          vi: "Cần tiêu đề Idempotency-Key (8–100 ký tự: chữ, số, . _ : -), mỗi thao tác một khóa mới.",
          en: "An Idempotency-Key header is required (8–100 characters: letters, digits, . _ : -), a new one per action.",
        },
      },
    ]);
  return value;
}

/**
 * The first answer of a command, kept RETENTION_IDEMPOTENCY_DAYS for replays, often holds an
 * applicant's ID and phone numbers (dossier.receive): it is stored encrypted, as
 * `{"$enc": "v1.…"}` in the jsonb column, bound to the label idempotency_keys.response.
 */
const RESPONSE_LABEL = "idempotency_keys.response";

/** What is stored for a result: its JSON sealed (`{"$enc": …}`; null for a command that answers nothing). */
export const sealResponse = (result: unknown): object | null =>
  sealJson(result, RESPONSE_LABEL) as object | null;

/** The stored answer as it is replayed: decrypted; a row stored before encryption is returned as it is. */
export const openResponse = (stored: unknown): unknown => openJson(stored, RESPONSE_LABEL);

/** Run `command` once per (actor, route, key); a repeat with the same body returns the first response. */
export async function idempotent<T>(
  ctx: Ctx,
  header: string | string[] | undefined,
  route: string,
  request: unknown,
  command: () => Promise<T>,
): Promise<T> {
  const key = requireKey(header);
  const scope = `${ctx.actor?.userId ?? "anonymous"}:${route}`;
  const requestHash = createHash("sha256").update(JSON.stringify(request)).digest("hex");
  const inserted = await ctx.tx
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 0) {
    const [first] = await ctx.tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!first || first.requestHash !== requestHash || first.status === null)
      throw new DomainError("idempotency.key_reused", 422, {
        vi: "Khóa Idempotency-Key này đã dùng cho một yêu cầu khác.",
        en: "This Idempotency-Key was already used for a different request.",
      });
    ctx.audit.details = { ...ctx.audit.details, idempotentReplay: true };
    return openResponse(first.response) as T;
  }
  const result = await command();
  await ctx.tx
    .update(idempotencyKeys)
    .set({ status: 200, response: sealResponse(result) })
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return result;
}
