// The units a staff user works with on the calendar and process screens: the units of their roles,
// and every current unit below for roles that cover a subtree (supervisor, system administrator).
// The server still decides; these only choose what to offer.
import type { Me, PublicUnit, RoleName } from "../api/types";
import { ancestorIds, isAbolished } from "../components/unitTree";

export interface UnitOption {
  value: string;
  label: string;
}

/** `roles` limits the offer to the units of those roles (e.g. who may publish catalog decisions). */
export function staffUnits(
  me: Me,
  all: readonly PublicUnit[] = [],
  roles?: ReadonlySet<RoleName>,
): UnitOption[] {
  const children = new Map<string, PublicUnit[]>();
  for (const unit of all) {
    if (!unit.parentId || isAbolished(unit)) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit);
    children.set(unit.parentId, list);
  }
  const options = new Map<string, string>();
  const addBelow = (id: string) => {
    for (const child of children.get(id) ?? []) {
      if (options.has(child.id)) continue;
      options.set(child.id, `${child.name} (${child.code})`);
      addBelow(child.id);
    }
  };
  for (const role of me.roles) {
    if (roles && !roles.has(role.role)) continue;
    if (!options.has(role.unitId)) options.set(role.unitId, `${role.unitName} (${role.unitCode})`);
    if (role.subtree) addBelow(role.unitId);
  }
  return [...options].map(([value, label]) => ({ value, label }));
}

const MANAGERS: ReadonlySet<RoleName> = new Set(["unit_admin", "system_admin"]);

/**
 * May the user manage the unit's calendar and processes: unit_admin of that unit, or a manager
 * role covering it through its subtree (system_admin). Mirrors the server's policy.
 */
export function canManageUnit(me: Me, unitId: string, all: readonly PublicUnit[] = []): boolean {
  const path = [unitId, ...ancestorIds(all, unitId)];
  return me.roles.some(
    (role) =>
      MANAGERS.has(role.role) && (role.unitId === unitId || (role.subtree && path.includes(role.unitId))),
  );
}

/** The first unit of the user's roles, as the default choice. */
export function defaultUnit(me: Me): string | undefined {
  return me.roles.find((role) => MANAGERS.has(role.role))?.unitId ?? me.roles[0]?.unitId;
}
