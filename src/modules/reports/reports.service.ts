// Official reports (issue #7): authorize on the unit first (ability report.read), then sum the
// counters kept by dossier commands and imports (resolution.repository.ts).
import type { Ctx } from "../../plugins/context.ts";
import { Errors, fieldError } from "../../shared/errors.ts";
import { addDays, getEpochDay } from "../calendar/dates.ts";
import { findUnitByCode } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import type { ResolutionQuery, ResolutionReport } from "./reports.schemas.ts";
import { addCounts, cellsOf, emptyCounts, STOCK_COUNTERS } from "./resolution.logic.ts";
import { lateDossiers, reportUnits, sumsBySector } from "./resolution.repository.ts";

const MAX_DAYS = 366 * 10;

export function checkPeriod(from: string, to: string) {
  if (from > to)
    throw Errors.invalid([
      fieldError(
        "to",
        "report.range_order",
        {
          vi: "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
          en: "The end date must not precede the start date.",
        },
        "query",
      ),
    ]);
  if (getEpochDay(to) - getEpochDay(from) >= MAX_DAYS)
    throw Errors.invalid([
      fieldError(
        "to",
        "report.range_too_long",
        { vi: "Kỳ báo cáo tối đa là 10 năm.", en: "A report period may be at most ten years." },
        "query",
      ),
    ]);
}

/** The unit a report names by its code (`unit=`), or a 400 on the field. */
export async function unitOfReport(ctx: Ctx, code: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const found = await findUnitByCode(ctx.tx, code);
  if (!found)
    throw Errors.invalid([
      fieldError(
        "unit",
        "report.unit_unknown",
        { vi: "Không có đơn vị mã này.", en: "No unit has this code." },
        "query",
      ),
    ]);
  return found;
}

/** The unit a report is asked for by code, once the reader may read its reports (report.read). */
export async function authorizeReport(ctx: Ctx, code: string) {
  const { unit } = await authorizeUnit(ctx, (await unitOfReport(ctx, code)).id, "report.read");
  return unit;
}

export async function resolutionReport(ctx: Ctx, q: Pick<ResolutionQuery, "unit" | "from" | "to">) {
  const unit = await authorizeReport(ctx, q.unit);
  checkPeriod(q.from, q.to);
  const units = await reportUnits(ctx.tx, unit.id);
  const before = addDays(q.from, -1);
  // Two ranges: the period, and everything before it (the stocks at its start); the stocks at
  // its end are those plus the period's changes of them.
  const sums = await sumsBySector(
    ctx.tx,
    { id: unit.id, units },
    {
      flows: { from: q.from, to: q.to },
      opening: { from: null, to: before },
    },
  );
  const sectors = new Set([...sums.values()].flatMap((bySector) => [...bySector.keys()]));
  const get = (part: string, sector: string) => sums.get(part)?.get(sector) ?? emptyCounts();
  const totals = { flows: emptyCounts(), opening: emptyCounts(), closing: emptyCounts() };
  const rows: ResolutionReport["sectors"] = [];
  for (const sector of [...sectors].sort((a, b) => a.localeCompare(b, "vi"))) {
    const flows = get("flows", sector);
    const opening = get("opening", sector);
    const closing = emptyCounts();
    for (const c of STOCK_COUNTERS) closing[c] = opening[c] + flows[c];
    addCounts(totals.flows, flows);
    addCounts(totals.opening, opening);
    addCounts(totals.closing, closing);
    const cells = cellsOf(flows, opening, closing);
    // A sector with nothing in the period, nothing carried over and nothing pending is left out.
    if (cells.toHandle + cells.pending.total + cells.ended.total + cells.resolved.total > 0)
      rows.push({ sector, ...cells });
  }
  const late = await lateDossiers(ctx.tx, units, q.from, q.to);
  const total = cellsOf(totals.flows, totals.opening, totals.closing);
  const withReason = [...late.reasons].filter((entry): entry is [string, number] => entry[0] !== null);
  ctx.audit.details = { from: q.from, to: q.to, unit: unit.code };
  const report: ResolutionReport = {
    unit: { id: unit.id, code: unit.code, name: unit.name, units: units.length },
    from: q.from,
    to: q.to,
    generatedAt: new Date().toISOString(),
    total,
    sectors: rows,
    lateness: {
      reasons: withReason
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b, "vi"))
        .map(([reason, count]) => ({ reason, count })),
      withoutReason: total.resolved.late - withReason.reduce((n, [, count]) => n + count, 0),
      dossiers: late.dossiers,
      truncated: late.total > late.dossiers.length,
    },
  };
  return report;
}
