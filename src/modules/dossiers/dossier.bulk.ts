// Bulk commands on the work queue (issue #6): forward or return the results of several dossiers
// at once, all or nothing. Only these two are lawful in bulk: every other command needs a
// per-dossier judgement (a decision, a reason, a list of missing papers). Each item runs the
// same `commandAt` as a single command, in the request's one transaction; any refusal rolls
// everything back and is reported on its item (`items.N`).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../plugins/context.ts";
import { DomainError, Errors, type FieldError, fieldError } from "../../shared/errors.ts";
import { idempotent } from "../../shared/idempotency.ts";
import { commandBody } from "./dossier.schemas.ts";
import { commandAt } from "./dossier.service.ts";

export const BULK_COMMANDS = ["forward", "return_result"] as const;
export const BULK_MAX = 50;

export const bulkBody = z
  .object({
    command: z.enum(BULK_COMMANDS),
    items: z
      .array(z.object({ id: z.uuid(), expectedVersion: z.number().int().min(1) }).strict())
      .min(1)
      .max(BULK_MAX),
    note: z.string().trim().max(2000).nullish(),
    /** How the results are handed over (return_result only). */
    method: z.enum(["in_person", "postal", "online"]).nullish(),
  })
  .strict();
export type BulkInput = z.output<typeof bulkBody>;

export const bulkOut = z.object({
  command: z.enum(BULK_COMMANDS),
  items: z.array(
    z.object({ id: z.string(), code: z.string().nullable(), state: z.string(), version: z.number() }),
  ),
});

/** The status of the whole request: invalid input first, then what the caller may not see or do. */
function statusOf(errors: DomainError[]): number {
  for (const status of [400, 404, 403]) if (errors.some((e) => e.status === status)) return status;
  return 409;
}

export async function runBulk(ctx: Ctx, input: BulkInput, now = new Date()) {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (ctx.actor.kind !== "staff") throw Errors.forbidden();
  const failures: { index: number; error: DomainError }[] = [];
  const seen = new Set<string>();
  const done: z.output<typeof bulkOut>["items"] = [];
  for (const [index, item] of input.items.entries()) {
    if (seen.has(item.id)) {
      failures.push({
        index,
        error: Errors.invalidField(`items.${index}`, "dossier.bulk_duplicate", {
          vi: "Hồ sơ này đã có trong danh sách.",
          en: "This dossier is already in the list.",
        }),
      });
      continue;
    }
    seen.add(item.id);
    try {
      const out = await commandAt(
        ctx,
        item.id,
        commandBody.parse({
          command: input.command,
          expectedVersion: item.expectedVersion,
          note: input.note ?? null,
          method: input.command === "return_result" ? (input.method ?? null) : null,
        }),
        now,
      );
      done.push({ id: out.id, code: out.code, state: out.state, version: out.version });
    } catch (err) {
      // Anything but a refusal (a database error) aborts at once: the transaction is gone.
      if (!(err instanceof DomainError)) throw err;
      failures.push({ index, error: err });
    }
  }
  if (failures.length) {
    const errors: FieldError[] = failures.map(({ index, error }) =>
      fieldError(
        `items.${index}`,
        error.fieldErrors[0]?.code ?? error.code,
        error.fieldErrors[0]?.message ?? error.messages,
      ),
    );
    const status = statusOf(failures.map((f) => f.error));
    throw new DomainError(
      "dossier.bulk_refused",
      status,
      {
        vi: `Không thực hiện được với ${failures.length}/${input.items.length} hồ sơ; không hồ sơ nào bị thay đổi.`,
        en: `Refused for ${failures.length} of ${input.items.length} dossiers; no dossier was changed.`,
      },
      errors,
    );
  }
  ctx.audit.target = undefined;
  ctx.audit.details = { command: input.command, codes: done.map((d) => d.code) };
  return { command: input.command, items: done };
}

const idempotencyHeaders = z.object({
  "idempotency-key": z.string().optional().describe("A new random key per action (8–100 characters)"),
});

/** POST /api/dossiers/bulk (registered in app.ts under /api/dossiers). */
export const dossierBulkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/bulk",
    {
      schema: {
        tags: ["dossiers"],
        summary: "Forward, or return the results of, up to 50 dossiers at once (all or nothing)",
        headers: idempotencyHeaders,
        body: bulkBody,
        response: { 200: bulkOut },
      },
      config: { action: "dossier.bulk" },
    },
    async (request) =>
      idempotent(request.ctx, request.headers["idempotency-key"], "dossier.bulk", request.body, () =>
        runBulk(request.ctx, request.body),
      ),
  );
};
