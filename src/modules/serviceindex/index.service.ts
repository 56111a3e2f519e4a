// The service index of Decision 766 (issue #7): a unit's indicators and points, the ranking of
// its peers, the dossiers behind a count. Authorize on the unit first (report.read: its leaders,
// supervisors and administrators over their subtrees), as the resolution report does.
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { Errors, fieldError, type Message } from "../../shared/errors.ts";
import { findUnitByCode } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import { checkPeriod } from "../reports/reports.service.ts";
import { reportUnits } from "../reports/resolution.repository.ts";
import { COUNT_KIND, type CountName, definitionsAt, indicatorsOf } from "./index.definitions.ts";
import { rank, scoreIndex } from "./index.logic.ts";
import * as repo from "./index.repository.ts";
import type {
  DrillOut,
  DrillQuery,
  IndexOut,
  IndexQuery,
  RankingOut,
  RankingQuery,
} from "./index.schemas.ts";

const invalid = (field: string, code: string, message: Message) =>
  Errors.invalid([fieldError(field, code, message, "query")]);

/** The period asked for, or 1 January of the current year to today. */
function periodOf(q: { from?: string; to?: string }) {
  const to = q.to ?? vietnamDate();
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  checkPeriod(from, to);
  const set = definitionsAt(to);
  if (!set)
    throw invalid("to", "service_index.before_decision", {
      vi: "Bộ chỉ số áp dụng từ ngày 23/6/2022 (Quyết định 766/QĐ-TTg).",
      en: "The index applies from 23 June 2022 (Decision 766/QĐ-TTg).",
    });
  return { period: repo.periodOf(from, to), set };
}

async function load(ctx: Ctx, q: { unit: string; from?: string; to?: string }) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const found = await findUnitByCode(ctx.tx, q.unit);
  if (!found)
    throw invalid("unit", "service_index.unit_unknown", {
      vi: "Không có đơn vị mã này.",
      en: "No unit has this code.",
    });
  const { unit } = await authorizeUnit(ctx, found.id, "report.read");
  const { period, set } = periodOf(q);
  const units = await reportUnits(ctx.tx, unit.id);
  ctx.audit.details = { from: period.from, to: period.to, unit: unit.code };
  return {
    unit,
    unitOut: { id: unit.id, code: unit.code, name: unit.name, units: units.length },
    period,
    set,
  };
}

export async function serviceIndex(ctx: Ctx, q: IndexQuery): Promise<IndexOut> {
  const { unit, unitOut, period, set } = await load(ctx, q);
  const counts = (await repo.indexCounts(ctx.tx, [unit.id], period)).get(unit.id) ?? {};
  const result = scoreIndex(set, counts);
  const defs = new Map(indicatorsOf(set).map((i) => [i.id, i]));
  return {
    unit: unitOut,
    from: period.from,
    to: period.to,
    decision: set.decision,
    definitionsFrom: set.from,
    generatedAt: new Date().toISOString(),
    ...result,
    groups: result.groups.map((g) => ({
      ...g,
      indicators: g.indicators.map((i) => {
        const formula = defs.get(i.id)?.formula;
        return { ...i, drill: formula ? COUNT_KIND(formula.numerator[0]!) : null };
      }),
    })),
  };
}

/**
 * Totals of several units (each over its subtree and merged units) for a period, without any
 * authorization: callers apply their own rules (e.g. a public transparency page).
 */
export async function indexTotals(
  tx: Executor,
  unitIds: string[],
  from: string,
  to: string,
): Promise<Map<string, { total: number; measuredMax: number; score: number | null; band: string }>> {
  const set = definitionsAt(to);
  const out = new Map<string, { total: number; measuredMax: number; score: number | null; band: string }>();
  if (!set) {
    for (const id of unitIds) out.set(id, { total: 0, measuredMax: 0, score: null, band: "no_data" });
    return out;
  }
  const counts = await repo.indexCounts(tx, [...new Set(unitIds)], repo.periodOf(from, to));
  for (const id of unitIds) {
    const r = scoreIndex(set, counts.get(id) ?? {});
    out.set(id, { total: r.total, measuredMax: r.measuredMax, score: r.score, band: r.band });
  }
  return out;
}

export async function ranking(ctx: Ctx, q: RankingQuery): Promise<RankingOut> {
  const { unit, unitOut, period } = await load(ctx, q);
  const peers = await repo.peerUnits(ctx.tx, unit, period, q.level);
  const totals = await indexTotals(
    ctx.tx,
    peers.map((u) => u.id),
    period.from,
    period.to,
  );
  const items = rank(
    peers.map((u) => {
      const t = totals.get(u.id)!;
      return {
        id: u.id,
        code: u.code,
        name: u.name,
        total: t.total,
        measuredMax: t.measuredMax,
        score: t.score,
        band: t.band as RankingOut["items"][number]["band"],
        self: u.id === unit.id,
      };
    }),
    (a, b) => a.code.localeCompare(b.code),
  );
  return {
    unit: unitOut,
    from: period.from,
    to: period.to,
    level: q.level && q.level !== unit.level ? q.level : unit.level,
    items,
  };
}

export async function drill(ctx: Ctx, q: DrillQuery): Promise<DrillOut> {
  const { unit, period, set } = await load(ctx, q);
  const def = indicatorsOf(set).find((i) => i.id === q.indicator);
  if (!def)
    throw invalid("indicator", "service_index.indicator_unknown", {
      vi: "Không có chỉ số này.",
      en: "No such indicator.",
    });
  if (!def.formula)
    throw invalid("indicator", "service_index.indicator_not_measured", {
      vi: "Chỉ số này chưa đo được trên motcua.",
      en: "motcua does not measure this indicator yet.",
    });
  const names: CountName[] = def.formula[q.part];
  const kind = COUNT_KIND(names[0]!);
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  ctx.audit.details = { ...ctx.audit.details, indicator: def.id, part: q.part };
  const base = { indicator: def.id, part: q.part, kind, page: q.page, pageSize: q.pageSize };
  if (kind === "procedures") {
    const r = await repo.drillProcedures(ctx.tx, unit.id, period.to, names, page);
    return { ...base, total: r.total, dossiers: [], procedures: r.items };
  }
  const r = await repo.drillDossiers(ctx.tx, unit.id, period, names, page);
  return {
    ...base,
    total: r.total,
    procedures: [],
    dossiers: r.items.map((d) => ({
      code: d.code,
      source: d.source,
      procedure: { code: d.procedureCode, name: d.procedureName },
      receivedAt: d.receivedAt,
      dueAt: d.dueAt,
      resolvedAt: d.closedAt,
      state: d.state,
      outcome: d.kind,
    })),
  };
}
