// Catalog use cases: publish a decision that adds, amends or abolishes procedures (every
// version kept), read a procedure with its history, let a unit choose what it serves.
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { DomainError, Errors, type FieldError, fieldError } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { findUnit, unitPath } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import * as repo from "./catalog.repository.ts";
import {
  type ChangeKind,
  type ProcedureRecord,
  type PublishDecisionInput,
  procedureRecordSchema,
} from "./catalog.schemas.ts";

const PROCEDURE = { vi: "Thủ tục", en: "Procedure" };

export type Change =
  | { change: "added" | "amended"; record: ProcedureRecord }
  | { change: "abolished"; code: string };
const codeOf = (c: Change) => (c.change === "abolished" ? c.code : c.record.code);

/**
 * Applies one change under a decision. Throws a field error (path `changes.<index>…`) when the
 * change does not fit the procedure's state on the decision's effective date.
 */
export async function applyChange(
  tx: Executor,
  decision: { id: string; effectiveFrom: string },
  change: Change,
  index: number,
): Promise<ChangeKind> {
  const code = codeOf(change);
  const field = change.change === "abolished" ? `changes.${index}.code` : `changes.${index}.record.code`;
  const existing = await repo.findProcedureByCode(tx, code);
  const current = existing ? await repo.versionAt(tx, existing.id, decision.effectiveFrom) : undefined;
  const inForce = current && current.change !== "abolished";
  const refuse = (vi: string, en: string): never => {
    throw Errors.conflict(
      "catalog.change_conflict",
      { vi: "Quyết định không áp dụng được.", en: "The decision cannot be applied." },
      [fieldError(field, change.change, { vi, en })],
    );
  };
  if (change.change === "added" && inForce) {
    refuse(
      `Thủ tục ${code} đã có hiệu lực; hãy dùng "sửa đổi".`,
      `Procedure ${code} is already in force; use "amended".`,
    );
  }
  if (change.change !== "added" && !inForce) {
    refuse(
      `Thủ tục ${code} không có hiệu lực vào ngày áp dụng.`,
      `Procedure ${code} is not in force on the effective date.`,
    );
  }
  const procedureId = existing?.id ?? (await repo.insertProcedure(tx, code));
  const record: ProcedureRecord =
    change.change === "abolished" ? procedureRecordSchema.parse(current!.record) : change.record;
  await repo.insertVersion(tx, {
    procedureId,
    version: await repo.nextVersionNumber(tx, procedureId),
    decisionId: decision.id,
    change: change.change,
    effectiveFrom: decision.effectiveFrom,
    record,
  });
  return change.change;
}

export async function publishDecision(ctx: Ctx, input: PublishDecisionInput) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const path = await unitPath(ctx.tx, input.decision.issuerUnitId);
  if (!can(ctx.actor, "org.read", path)) {
    throw Errors.invalidField("decision.issuerUnitId", "not_found", {
      vi: "Không tìm thấy đơn vị ban hành.",
      en: "Issuing unit not found.",
    });
  }
  if (!can(ctx.actor, "catalog.publish", path)) throw Errors.forbidden();
  ctx.audit.unitId = input.decision.issuerUnitId;
  const seen = new Map<string, number>();
  const duplicates: FieldError[] = [];
  input.changes.forEach((c, i) => {
    const code = codeOf(c);
    if (seen.has(code)) {
      duplicates.push(
        fieldError(c.change === "abolished" ? `changes.${i}.code` : `changes.${i}.record.code`, "duplicate", {
          vi: `Mã ${code} xuất hiện hai lần trong quyết định.`,
          en: `Code ${code} appears twice in the decision.`,
        }),
      );
    }
    seen.set(code, i);
  });
  if (duplicates.length > 0) throw Errors.invalid(duplicates);
  if (await repo.findDecision(ctx.tx, input.decision.issuerUnitId, input.decision.number)) {
    throw Errors.conflict(
      "catalog.decision_exists",
      { vi: "Số quyết định đã tồn tại.", en: "The decision number already exists." },
      [
        fieldError("decision.number", "taken", {
          vi: "Đơn vị đã có quyết định số này.",
          en: "The unit already has a decision with this number.",
        }),
      ],
    );
  }
  const decisionId = await repo.insertDecision(ctx.tx, { ...input.decision, createdBy: ctx.actor.userId });
  const counts = { added: 0, amended: 0, abolished: 0 };
  for (const [i, change] of input.changes.entries()) {
    counts[
      await applyChange(ctx.tx, { id: decisionId, effectiveFrom: input.decision.effectiveFrom }, change, i)
    ]++;
  }
  ctx.audit.target = decisionId;
  ctx.audit.details = { number: input.decision.number, ...counts };
  return {
    id: decisionId,
    number: input.decision.number,
    effectiveFrom: input.decision.effectiveFrom,
    ...counts,
  };
}

export async function getProcedure(ctx: Ctx, code: string, at = vietnamDate()) {
  const procedure = await repo.findProcedureByCode(ctx.tx, code);
  if (!procedure) throw Errors.notFound(PROCEDURE);
  const current = await repo.versionAt(ctx.tx, procedure.id, at);
  if (!current) throw Errors.notFound(PROCEDURE);
  // Sequential on purpose: inside a transaction all queries share one connection.
  const history = await repo.history(ctx.tx, procedure.id);
  const units = await repo.unitsServing(ctx.tx, procedure.id);
  const decisionNumber = await repo.decisionNumber(ctx.tx, current.decisionId);
  return {
    // Stored JSON is parsed on the way out too: records written by older versions get today's defaults.
    procedure: {
      ...procedureRecordSchema.parse(current.record),
      version: current.version,
      effectiveFrom: current.effectiveFrom,
      decisionNumber,
    },
    abolished: current.change === "abolished",
    history,
    units,
  };
}

export async function selectForUnit(
  ctx: Ctx,
  unitId: string,
  code: string,
  input: { localNotes?: string | null; receptionAddress?: string | null },
) {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, unitId, "catalog.select");
  const procedure = await repo.findProcedureByCode(ctx.tx, code);
  const current = procedure ? await repo.versionAt(ctx.tx, procedure.id, vietnamDate()) : undefined;
  if (!procedure || !current || current.change === "abolished") {
    throw new DomainError("catalog.not_in_force", 409, {
      vi: `Thủ tục ${code} không tồn tại hoặc đã bị bãi bỏ.`,
      en: `Procedure ${code} does not exist or has been abolished.`,
    });
  }
  await repo.upsertUnitProcedure(ctx.tx, {
    unitId,
    procedureId: procedure.id,
    localNotes: input.localNotes ?? null,
    receptionAddress: input.receptionAddress ?? null,
    addedBy: ctx.actor.userId,
  });
  ctx.audit.target = code;
  return {
    unitId,
    code,
    localNotes: input.localNotes ?? null,
    receptionAddress: input.receptionAddress ?? null,
  };
}

export async function unselectForUnit(ctx: Ctx, unitId: string, code: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, unitId, "catalog.select");
  const procedure = await repo.findProcedureByCode(ctx.tx, code);
  if (!procedure || !(await repo.deleteUnitProcedure(ctx.tx, unitId, procedure.id)))
    throw Errors.notFound(PROCEDURE);
  ctx.audit.target = code;
}

/** The data of a unit's printable listing; the unit is public information (404 when unknown). */
export async function unitListing(ctx: Ctx, unitId: string, at = vietnamDate()) {
  const unit = await findUnit(ctx.tx, unitId);
  if (!unit) throw Errors.notFound({ vi: "Đơn vị", en: "Unit" });
  const rows = await repo.unitListingRows(ctx.tx, unitId, at);
  return {
    unitName: unit.name,
    date: at,
    rows: rows.map((r) => ({
      code: r.code,
      name: r.name,
      sector: r.sector,
      deadline: {
        kind: r.deadline_kind,
        value: r.deadline_value == null ? null : Number(r.deadline_value),
        note: r.deadline_note,
      },
      fees: r.fees ?? [],
      online: r.online,
      postal: r.postal,
    })),
  };
}

/** The unit's own list for the back office: local details included, and procedures since abolished. */
export async function listUnitProcedures(ctx: Ctx, unitId: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, unitId, "org.read");
  const rows = await repo.unitProcedureList(ctx.tx, unitId, vietnamDate());
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    sector: r.sector,
    deadline: {
      kind: r.deadline_kind,
      value: r.deadline_value == null ? null : Number(r.deadline_value),
      note: r.deadline_note,
    },
    inForce: r.in_force,
    localNotes: r.local_notes,
    receptionAddress: r.reception_address,
  }));
}
