// Internal processes (spec §4): per procedure and unit, versioned, each approved by a decision;
// the steps must fit the legal deadline in the unit's working hours.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { agencies, processVersions, unitProcedures } from "../../db/schema.ts";
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate, vietnamTodaySql } from "../../shared/dates.ts";
import { Errors, fieldError } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { effectiveCalendar } from "../calendar/calendar.service.ts";
import { findProcedureByCode, versionAt } from "../catalog/catalog.repository.ts";
import { procedureRecordSchema } from "../catalog/catalog.schemas.ts";
import { authorizeUnit } from "../org/org.service.ts";
import { deadlineHours, type ProcessStep, stepSchedule, totalHours } from "./process.logic.ts";
import type { SaveProcessInput } from "./process.schemas.ts";

async function loadContext(ctx: Ctx, unitId: string, code: string) {
  const procedure = await findProcedureByCode(ctx.tx, code);
  const current = procedure ? await versionAt(ctx.tx, procedure.id, vietnamDate()) : undefined;
  if (!procedure || !current || current.change === "abolished")
    throw Errors.notFound({ vi: "Thủ tục", en: "Procedure" });
  const record = procedureRecordSchema.parse(current.record);
  const { calendar } = await effectiveCalendar(ctx, unitId);
  const perDay = calendar.workingMillisPerDay / 3_600_000;
  return { procedure, record, perDay, limit: deadlineHours(record.deadline, perDay) };
}

export async function getProcess(ctx: Ctx, unitId: string, code: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { path } = await authorizeUnit(ctx, unitId, "org.read");
  const { procedure, record, perDay, limit } = await loadContext(ctx, unitId, code);
  // Steps may name the unit's agencies and those of the units above it (vertical agencies).
  const availableAgencies = await ctx.tx
    .select({
      id: agencies.id,
      name: agencies.name,
      unitName: sql<string>`unit_name_at(${agencies.unitId}, ${vietnamTodaySql})`,
    })
    .from(agencies)
    .where(inArray(agencies.unitId, path))
    .orderBy(sql`${agencies.unitId} = ${unitId} desc`, agencies.name);
  const versions = await ctx.tx
    .select()
    .from(processVersions)
    .where(and(eq(processVersions.procedureId, procedure.id), eq(processVersions.unitId, unitId)))
    .orderBy(desc(processVersions.version));
  const latest = versions[0];
  const steps = (latest?.steps ?? []) as ProcessStep[];
  const schedule = stepSchedule(steps);
  return {
    procedure: { code, name: record.name, deadline: record.deadline },
    deadlineHours: limit,
    workingHoursPerDay: perDay,
    current: latest
      ? {
          version: latest.version,
          decisionRef: latest.decisionRef,
          approvedOn: latest.approvedOn,
          totalHours: latest.totalHours,
          steps: steps.map((s, i) => ({ ...s, ...schedule[i]! })),
        }
      : null,
    history: versions.map((v) => ({
      version: v.version,
      decisionRef: v.decisionRef,
      approvedOn: v.approvedOn,
      totalHours: v.totalHours,
    })),
    agencies: availableAgencies,
    abilities: { canEdit: can(ctx.actor, "process.manage", path) },
  };
}

export async function saveProcess(ctx: Ctx, unitId: string, code: string, input: SaveProcessInput) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { path } = await authorizeUnit(ctx, unitId, "process.manage");
  const { procedure, limit } = await loadContext(ctx, unitId, code);
  const served = await ctx.tx
    .select({ unitId: unitProcedures.unitId })
    .from(unitProcedures)
    .where(and(eq(unitProcedures.unitId, unitId), eq(unitProcedures.procedureId, procedure.id)));
  if (served.length === 0) {
    throw Errors.conflict("process.not_served", {
      vi: `Đơn vị chưa đăng ký giải quyết thủ tục ${code}; hãy thêm thủ tục vào danh mục của đơn vị trước.`,
      en: `The unit does not serve procedure ${code}; add it to the unit's list first.`,
    });
  }
  const total = totalHours(input.steps);
  if (total > limit) {
    throw Errors.invalidField("steps", "exceeds_deadline", {
      vi: `Tổng thời gian các bước (${total} giờ) vượt thời hạn giải quyết (${limit} giờ làm việc).`,
      en: `The steps take ${total} working hours, more than the legal deadline (${limit} working hours).`,
    });
  }
  // Agencies must belong to this unit or one above it (vertical agencies sit at the province).
  const agencyIds = [...new Set(input.steps.map((s) => s.agencyId).filter((a): a is string => Boolean(a)))];
  if (agencyIds.length > 0) {
    const known = await ctx.tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(inArray(agencies.id, agencyIds), inArray(agencies.unitId, path)));
    const ok = new Set(known.map((k) => k.id));
    const bad = input.steps.flatMap((s, i) => (s.agencyId && !ok.has(s.agencyId) ? [i] : []));
    if (bad.length > 0) {
      throw Errors.invalid(
        bad.map((i) =>
          fieldError(`steps.${i}.agencyId`, "unknown_agency", {
            vi: "Cơ quan không thuộc đơn vị này hoặc cấp trên.",
            en: "The agency is not part of this unit or a unit above it.",
          }),
        ),
      );
    }
  }
  const [{ next } = { next: 1 }] = await ctx.tx
    .select({ next: sql<number>`coalesce(max(${processVersions.version}), 0) + 1` })
    .from(processVersions)
    .where(and(eq(processVersions.procedureId, procedure.id), eq(processVersions.unitId, unitId)));
  await ctx.tx.insert(processVersions).values({
    procedureId: procedure.id,
    unitId,
    version: Number(next),
    decisionRef: input.decisionRef,
    approvedOn: input.approvedOn,
    steps: input.steps,
    totalHours: total,
    createdBy: ctx.actor.userId,
  });
  ctx.audit.target = code;
  ctx.audit.details = { version: Number(next), totalHours: total };
  return getProcess(ctx, unitId, code);
}
