// A unit's contact channels: read (anyone who sees the unit), change (contacts.manage: the
// unit's administrators, system administrators), and the public, inherited view. Clearing every
// field removes the unit's own row, so it shows its parent's channels again.
import type { Executor } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { findUnitByCode } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import * as repo from "./contacts.repository.ts";
import type { Contacts, ContactsInput, UnitContactsOut } from "./contacts.schemas.ts";

const UNIT = { vi: "Đơn vị", en: "Unit" };

const pick = (c: Contacts): Contacts => ({
  hotline: c.hotline,
  email: c.email,
  zalo: c.zalo,
  facebook: c.facebook,
  address: c.address,
});

const isEmpty = (c: ContactsInput) => Object.values(c).every((v) => v === null);

/** The channels a unit shows (its own, else its nearest ancestor's), for the forms and the portal. */
export async function effectiveContacts(tx: Executor, unitId: string): Promise<Contacts | null> {
  const e = await repo.findEffective(tx, unitId);
  return e ? pick(e) : null;
}

async function view(ctx: Ctx, unit: { id: string; code: string; name: string }, path: string[]) {
  const own = await repo.findOwn(ctx.tx, unit.id);
  const e = await repo.findEffective(ctx.tx, unit.id);
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    own: own ? pick(own) : null,
    effective: e ? pick(e) : null,
    source: e ? { id: e.sourceId, code: e.sourceCode, name: e.sourceName } : null,
    updatedAt: own ? new Date(own.updatedAt).toISOString() : null,
    canEdit: can(ctx.actor, "contacts.manage", path),
  } satisfies UnitContactsOut;
}

export async function getContacts(ctx: Ctx, unitId: string): Promise<UnitContactsOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit, path } = await authorizeUnit(ctx, unitId, "org.read");
  return view(ctx, unit, path);
}

export async function saveContacts(ctx: Ctx, unitId: string, input: ContactsInput): Promise<UnitContactsOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { unit, path } = await authorizeUnit(ctx, unitId, "contacts.manage");
  if (isEmpty(input)) await repo.remove(ctx.tx, unit.id);
  else await repo.upsert(ctx.tx, unit.id, input, ctx.actor.userId, new Date());
  ctx.audit.target = unit.id;
  ctx.audit.details = {
    cleared: isEmpty(input),
    fields: Object.keys(input).filter((k) => input[k as keyof ContactsInput] !== null),
  };
  return view(ctx, unit, path);
}

export async function publicContacts(ctx: Ctx, code: string) {
  const unit = await findUnitByCode(ctx.tx, code);
  if (!unit) throw Errors.notFound(UNIT);
  const e = await repo.findEffective(ctx.tx, unit.id);
  return {
    unit: { code: unit.code, name: unit.name },
    contacts: e ? pick(e) : null,
    source: e ? { code: e.sourceCode, name: e.sourceName } : null,
  };
}
