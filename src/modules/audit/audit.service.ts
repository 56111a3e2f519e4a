// Reading the audit log: system administrators see all of it, supervisors the units below them.
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { unitsInScope } from "../org/org.service.ts";
import * as repo from "./audit.repository.ts";

export async function pageAudit(ctx: Ctx, q: { page: number; pageSize: number; action?: string }) {
  const unitIds = await unitsInScope(ctx, "audit.read");
  const { items, total } = await repo.pageAudit(ctx.tx, { unitIds, ...q });
  return {
    items: items.map((i) => ({ ...i, seq: Number(i.seq), at: new Date(i.at).toISOString() })),
    total,
    ...q,
  };
}

export async function verify(ctx: Ctx) {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (!ctx.actor.grants.some((g) => g.role === "system_admin")) throw Errors.forbidden();
  return repo.verifyChain(ctx.tx);
}
