// Feedback figures for the reports: per unit (the unit asked for and those below it), the items
// received in a period of Vietnam days and what became of them: answered on time or late,
// pending and overdue, rejected, published. One statement (feedback.repository figuresByUnit);
// the brute-force count in feedback.logic (feedbackCells) checks it in the tests.
import type { Ctx } from "../../plugins/context.ts";
import { Errors, fieldError } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { periodInstants } from "../calendar/dates.ts";
import { findUnitByCode, unitPath } from "../org/org.repository.ts";
import { subtreeOf } from "../org/org.service.ts";
import type { FeedbackCells } from "./feedback.logic.ts";
import * as repo from "./feedback.repository.ts";

const rate = (c: FeedbackCells) =>
  c.answered === 0 ? null : Math.round((c.answeredOnTime / c.answered) * 1000) / 1000;

export async function feedbackStats(ctx: Ctx, q: { unit: string; from: string; to: string }) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await findUnitByCode(ctx.tx, q.unit);
  if (!unit)
    throw Errors.invalid([
      fieldError(
        "unit",
        "feedback.unit_unknown",
        { vi: "Không có đơn vị mã này.", en: "No unit has this code." },
        "query",
      ),
    ]);
  const path = await unitPath(ctx.tx, unit.id);
  if (!can(ctx.actor, "org.read", path)) throw Errors.notFound({ vi: "Đơn vị", en: "Unit" });
  // Report readers (leaders, supervisors over their subtree) and the unit's feedback handlers.
  if (!can(ctx.actor, "report.read", path) && !can(ctx.actor, "feedback.handle", path))
    throw Errors.forbidden();
  if (q.to < q.from)
    throw Errors.invalid([
      fieldError(
        "to",
        "feedback.range_order",
        {
          vi: "Ngày kết thúc không được trước ngày bắt đầu.",
          en: "The end date cannot be before the start date.",
        },
        "query",
      ),
    ]);
  ctx.audit.unitId = unit.id;
  const { start, end } = periodInstants(q.from, q.to);
  const rows = await repo.figuresByUnit(ctx.tx, await subtreeOf(ctx, unit.id), start, end);
  const units = rows.map((r) => {
    const c: FeedbackCells = {
      received: r.received,
      answered: r.answered,
      answeredOnTime: r.answered_on_time,
      answeredLate: r.answered_late,
      pending: r.pending,
      pendingOverdue: r.pending_overdue,
      rejected: r.rejected,
      published: r.published,
    };
    return { unit: { code: r.unit_code, name: r.unit_name }, ...c, onTimeRate: rate(c) };
  });
  const total: FeedbackCells = {
    received: 0,
    answered: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    pending: 0,
    pendingOverdue: 0,
    rejected: 0,
    published: 0,
  };
  for (const u of units) for (const k of Object.keys(total) as (keyof FeedbackCells)[]) total[k] += u[k];
  return {
    unit: { code: unit.code, name: unit.name },
    from: q.from,
    to: q.to,
    total: { ...total, onTimeRate: rate(total) },
    units,
  };
}
