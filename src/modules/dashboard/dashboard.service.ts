// Dashboard and workload report of a unit (issue #6): leaders of the unit, supervisors and
// system administrators over their subtree. Authorize first, fetch only the period's rows,
// aggregate with the pure functions of dashboard.logic.ts.

import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { Errors, fieldError } from "../../shared/errors.ts";
import { maskName } from "../../shared/mask.ts";
import { can, ROLE_DEFS } from "../auth/auth.policy.ts";
import { periodInstants } from "../calendar/dates.ts";
import { authorizeUnit, subtreeOf } from "../org/org.service.ts";
import { addDays, checkRange, summarize, workload } from "./dashboard.logic.ts";
import * as repo from "./dashboard.repository.ts";
import type { SummaryQuery, WorkloadQuery } from "./dashboard.schemas.ts";

const DEFAULT_DAYS = 90;

/** The unit, and its subtree when the reader's grant covers it (supervisors, administrators). */
async function reportScope(ctx: Ctx, q: { unitId: string; from?: string; to?: string }) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit, path } = await authorizeUnit(ctx, q.unitId, "report.read");
  const subtree = ctx.actor.grants.some(
    (g) =>
      ROLE_DEFS[g.role].subtree &&
      ROLE_DEFS[g.role].abilities.includes("report.read") &&
      path.includes(g.unitId),
  );
  const to = q.to ?? vietnamDate();
  const from = q.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  const issues = checkRange(from, to);
  if (issues.length) throw Errors.invalid(issues.map((i) => fieldError(i.field, i.code, i.message, "query")));
  return {
    unit: { id: unit.id, name: unit.name, subtree },
    units: subtree ? await subtreeOf(ctx, q.unitId) : [q.unitId],
    /** Applicants' names in full only for those who handle the unit's dossiers. */
    personal: can(ctx.actor, "dossier.personal", path),
    from,
    to,
    period: (({ start, end }) => ({ fromTs: start, toTs: end }))(periodInstants(from, to)),
  };
}

async function namesOf(ctx: Ctx, ids: Iterable<string>, known = new Map<string, string>()) {
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  for (const u of await repo.userNames(ctx.tx, missing)) known.set(u.id, u.full_name);
  return known;
}

export async function dashboardSummary(ctx: Ctx, q: SummaryQuery) {
  const s = await reportScope(ctx, q);
  const facts = await repo.dossierFacts(ctx.tx, s.units, s.period);
  const ratings = await repo.ratingCounts(ctx.tx, s.units, s.period);
  const officials = await namesOf(
    ctx,
    facts.flatMap((f) => [f.assigneeId, f.lastActorId, ...f.participants].filter((x): x is string => !!x)),
  );
  const summary = summarize({
    from: s.from,
    to: s.to,
    granularity: q.granularity,
    now: new Date(),
    dossiers: facts.map((f) => ({
      ...f,
      applicantName: s.personal || f.organisation ? f.applicantName : maskName(f.applicantName),
    })),
    ratings,
    officials,
  });
  ctx.audit.details = { from: s.from, to: s.to, overdue: summary.overdueTotal };
  return { unit: s.unit, ...summary };
}

export async function workloadReport(ctx: Ctx, q: WorkloadQuery) {
  const s = await reportScope(ctx, q);
  const staff = await repo.unitOfficials(ctx.tx, s.units);
  const open = await repo.openDossiers(ctx.tx, s.units);
  const events = await repo.handoverEvents(ctx.tx, s.units, s.period);
  const unitStaff = new Map(staff.map((u) => [u.id, u.full_name]));
  const names = await namesOf(
    ctx,
    [...open.flatMap((f) => [f.assigneeId, f.lastActorId]), ...events.map((e) => e.actorId)].filter(
      (x): x is string => !!x,
    ),
    new Map(unitStaff),
  );
  const report = workload({ from: s.from, to: s.to, now: new Date(), officials: unitStaff, open, events });
  for (const item of report.items) item.name = names.get(item.id) ?? item.name;
  ctx.audit.details = { from: s.from, to: s.to, format: q.format };
  return { unit: s.unit, ...report };
}
