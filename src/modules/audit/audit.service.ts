// Reading the audit log: system administrators see all of it, supervisors the units below them.
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { scopesFor } from "../auth/auth.policy.ts";
import * as repo from "./audit.repository.ts";

async function visibleUnits(ctx: Ctx): Promise<string[] | "all"> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const scopes = scopesFor(ctx.actor, "audit.read");
  if (scopes.length === 0) throw Errors.forbidden();
  if (ctx.actor.grants.some((g) => g.role === "system_admin")) return "all";
  const ids = new Set<string>();
  for (const s of scopes) {
    const rows = await queryRows<{ id: string }>(
      ctx.tx,
      sql`
      with recursive down(id) as (select ${s.unitId}::uuid union all select u.id from org_units u join down on u.parent_id = down.id)
      select id from down`,
    );
    for (const row of rows) ids.add(row.id);
  }
  return [...ids];
}

export async function pageAudit(ctx: Ctx, q: { page: number; pageSize: number; action?: string }) {
  const unitIds = await visibleUnits(ctx);
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
