// Reading the audit log: system administrators see all of it, supervisors the units below them;
// only system administrators run the integrity check (chain, signed checkpoints, anchor file).
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { unitsInScope } from "../org/org.service.ts";
import { verifyAudit } from "./audit.integrity.ts";
import * as repo from "./audit.repository.ts";

export async function pageAudit(ctx: Ctx, q: { page: number; pageSize: number } & repo.AuditFilter) {
  const unitIds = await unitsInScope(ctx, "audit.read");
  const { items, total } = await repo.pageAudit(ctx.tx, { unitIds, ...q });
  return {
    items: items.map((i) => ({ ...i, seq: Number(i.seq), at: new Date(i.at).toISOString() })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function verify(ctx: Ctx) {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (!ctx.actor.grants.some((g) => g.role === "system_admin")) throw Errors.forbidden();
  return verifyAudit(ctx.tx, ctx.config.audit);
}
