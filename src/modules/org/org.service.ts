// Organisation tree use cases: browse, create, rename (effective-dated), abolish or merge,
// agencies. Every method authorizes first, against the unit loaded from the database.

import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { Errors, fieldError } from "../../shared/errors.ts";
import { type Ability, can, ROLE_DEFS, scopesFor } from "../auth/auth.policy.ts";
import * as repo from "./org.repository.ts";
import type { UnitDetail } from "./org.schemas.ts";

const UNIT = { vi: "Đơn vị", en: "Unit" };
const LEVEL_RANK = { province: 0, district: 1, commune: 2 } as const;

/** Loads the unit and checks the ability; 404 when the actor may not even see it, 403 when they see but may not act. */
export async function authorizeUnit(ctx: Ctx, unitId: string, ability: Ability) {
  const path = await repo.unitPath(ctx.tx, unitId);
  if (!can(ctx.actor, "org.read", path)) throw Errors.notFound(UNIT);
  if (!can(ctx.actor, ability, path)) throw Errors.forbidden();
  ctx.audit.unitId = unitId;
  const unit = await repo.findUnit(ctx.tx, unitId);
  if (!unit) throw Errors.notFound(UNIT);
  return { unit, path };
}

/**
 * Every unit where the actor holds `ability`, with the subtrees of subtree roles; "all" when a
 * system administrator's grant at the root of the tree gives it (its subtree is every unit, and
 * rows without a unit go with it). Throws 403 when the actor holds it nowhere.
 */
export async function unitsInScope(ctx: Ctx, ability: Ability): Promise<string[] | "all"> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const scopes = scopesFor(ctx.actor, ability);
  if (scopes.length === 0) throw Errors.forbidden();
  // Only at the root, and only for an ability the role holds: a grant at a ward covers that
  // ward (auth.policy.ts), and a system administrator who is also, say, a ward's receptionist
  // reads that ward's dossiers, not every unit's.
  for (const g of ctx.actor.grants) {
    if (g.role !== "system_admin" || !ROLE_DEFS.system_admin.abilities.includes(ability)) continue;
    if ((await repo.findUnit(ctx.tx, g.unitId))?.parentId === null) return "all";
  }
  const ids = new Set<string>();
  for (const s of scopes) {
    if (!s.subtree) {
      ids.add(s.unitId);
      continue;
    }
    for (const id of await subtreeOf(ctx, s.unitId)) ids.add(id);
  }
  return [...ids];
}

/** A unit and every unit below it (including abolished ones, for history). */
export async function subtreeOf(ctx: Ctx, unitId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    ctx.tx,
    sql`
    with recursive down(id) as (select ${unitId}::uuid union all select u.id from org_units u join down on u.parent_id = down.id)
    select id from down`,
  );
  return rows.map((r) => r.id);
}

export async function listPublicUnits(ctx: Ctx, q: { at?: string; history: boolean }) {
  return repo.listUnits(ctx.tx, { at: q.at ?? vietnamDate(), history: q.history });
}

export async function getUnitDetail(ctx: Ctx, unitId: string): Promise<UnitDetail> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit, path } = await authorizeUnit(ctx, unitId, "org.read");
  // Sequential on purpose: inside a transaction all queries share one connection.
  const names = await repo.unitNames(ctx.tx, unitId);
  const agencies = await repo.listAgencies(ctx.tx, unitId);
  const successor = unit.successorId ? await repo.findUnit(ctx.tx, unit.successorId) : undefined;
  return {
    unit: { ...unit, successorName: successor?.name ?? null },
    names,
    agencies,
    abilities: {
      canEdit: can(ctx.actor, "org.rename", path),
      canManageAgencies: can(ctx.actor, "org.agencies.manage", path),
      canRestructure: can(ctx.actor, "org.restructure", path),
    },
  };
}

export async function createUnit(
  ctx: Ctx,
  input: {
    code: string;
    name: string;
    level: "province" | "district" | "commune";
    parentId: string | null;
    validFrom: string;
  },
) {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (input.parentId) {
    const { unit: parent } = await authorizeUnit(ctx, input.parentId, "org.restructure");
    if (LEVEL_RANK[input.level] <= LEVEL_RANK[parent.level]) {
      throw Errors.invalidField("level", "level_order", {
        vi: "Cấp của đơn vị phải thấp hơn cấp của đơn vị cha.",
        en: "The unit's level must be below its parent's level.",
      });
    }
    if (parent.validTo && parent.validTo < input.validFrom) {
      throw Errors.invalidField("parentId", "parent_abolished", {
        vi: "Đơn vị cha đã hết hiệu lực vào ngày này.",
        en: "The parent unit is no longer in force on that date.",
      });
    }
  } else {
    const roots = (await repo.listUnits(ctx.tx, { at: vietnamDate(), history: true })).filter(
      (u) => !u.parentId,
    );
    const scopes = scopesFor(ctx.actor, "org.restructure");
    if (!scopes.some((s) => roots.some((r) => r.id === s.unitId))) throw Errors.forbidden();
  }
  if (await repo.findUnitByCode(ctx.tx, input.code)) {
    throw Errors.conflict(
      "org.unit_code_taken",
      { vi: "Mã đơn vị đã tồn tại.", en: "The unit code already exists." },
      [fieldError("code", "taken", { vi: "Mã này đã được dùng.", en: "This code is already used." })],
    );
  }
  const id = await repo.insertUnit(ctx.tx, {
    code: input.code,
    level: input.level,
    parentId: input.parentId,
    validFrom: input.validFrom,
  });
  await repo.insertUnitName(ctx.tx, {
    unitId: id,
    name: input.name,
    validFrom: input.validFrom,
    createdBy: ctx.actor.userId,
  });
  ctx.audit.target = id;
  return getUnitDetail(ctx, id);
}

export async function renameUnit(
  ctx: Ctx,
  unitId: string,
  input: { name: string; validFrom: string; decisionRef?: string },
) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit } = await authorizeUnit(ctx, unitId, "org.rename");
  if (input.validFrom < unit.validFrom) {
    throw Errors.invalidField("validFrom", "before_unit", {
      vi: `Ngày hiệu lực không được trước ngày thành lập đơn vị (${unit.validFrom}).`,
      en: `The effective date cannot be before the unit was established (${unit.validFrom}).`,
    });
  }
  const names = await repo.unitNames(ctx.tx, unitId);
  if (names.some((n) => n.validFrom === input.validFrom)) {
    throw Errors.conflict(
      "org.name_date_taken",
      { vi: "Đã có tên hiệu lực từ ngày này.", en: "A name already takes effect on that date." },
      [
        fieldError("validFrom", "taken", {
          vi: "Đã có một tên hiệu lực từ ngày này.",
          en: "Another name already takes effect on this date.",
        }),
      ],
    );
  }
  await repo.insertUnitName(ctx.tx, {
    unitId,
    name: input.name,
    validFrom: input.validFrom,
    decisionRef: input.decisionRef ?? null,
    createdBy: ctx.actor.userId,
  });
  ctx.audit.details = { name: input.name, validFrom: input.validFrom };
  return getUnitDetail(ctx, unitId);
}

const dayBefore = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Abolishes a unit from `effectiveDate`; with a successor it is a merge and its history rolls up there. */
export async function abolishUnit(
  ctx: Ctx,
  unitId: string,
  input: { effectiveDate: string; successorId?: string },
) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit } = await authorizeUnit(ctx, unitId, "org.restructure");
  if (unit.validTo) {
    throw Errors.conflict("org.already_abolished", {
      vi: `Đơn vị đã hết hiệu lực từ sau ngày ${unit.validTo}.`,
      en: `The unit already ceased after ${unit.validTo}.`,
    });
  }
  if (input.effectiveDate <= unit.validFrom) {
    throw Errors.invalidField("effectiveDate", "before_unit", {
      vi: "Ngày hiệu lực phải sau ngày thành lập đơn vị.",
      en: "The effective date must be after the unit was established.",
    });
  }
  const children = (await repo.listUnits(ctx.tx, { at: input.effectiveDate, history: false })).filter(
    (u) => u.parentId === unitId,
  );
  if (children.length > 0) {
    throw Errors.conflict("org.has_children", {
      vi: `Còn ${children.length} đơn vị trực thuộc đang hiệu lực; hãy sắp xếp các đơn vị này trước.`,
      en: `${children.length} units below it are still in force; reorganise them first.`,
    });
  }
  if (input.successorId) {
    if (input.successorId === unitId) {
      throw Errors.invalidField("successorId", "self", {
        vi: "Không thể sáp nhập vào chính nó.",
        en: "A unit cannot merge into itself.",
      });
    }
    const successorPath = await repo.unitPath(ctx.tx, input.successorId);
    const successor = await repo.findUnit(ctx.tx, input.successorId);
    if (!successor || !can(ctx.actor, "org.read", successorPath)) {
      throw Errors.invalidField("successorId", "not_found", {
        vi: "Không tìm thấy đơn vị kế thừa.",
        en: "The successor unit was not found.",
      });
    }
    if (successor.validTo && successor.validTo < input.effectiveDate) {
      throw Errors.invalidField("successorId", "abolished", {
        vi: "Đơn vị kế thừa không còn hiệu lực vào ngày này.",
        en: "The successor unit is not in force on that date.",
      });
    }
  }
  await repo.closeUnit(ctx.tx, unitId, dayBefore(input.effectiveDate), input.successorId ?? null);
  ctx.audit.details = { ...input };
  return getUnitDetail(ctx, unitId);
}

export async function createAgency(
  ctx: Ctx,
  unitId: string,
  input: { code: string; name: string; kind: "internal" | "vertical" },
) {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, unitId, "org.agencies.manage");
  if (await repo.findAgencyByCode(ctx.tx, input.code)) {
    throw Errors.conflict(
      "org.agency_code_taken",
      { vi: "Mã cơ quan đã tồn tại.", en: "The agency code already exists." },
      [fieldError("code", "taken", { vi: "Mã này đã được dùng.", en: "This code is already used." })],
    );
  }
  const agency = await repo.insertAgency(ctx.tx, { unitId, ...input });
  ctx.audit.target = agency.id;
  return agency;
}
