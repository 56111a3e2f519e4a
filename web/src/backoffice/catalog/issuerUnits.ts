import type { Me, PublicUnit } from "../../api/types";
import { isAbolished } from "../../components/unitTree";

const PUBLISHER_ROLES = new Set(["unit_admin", "system_admin"]);

/**
 * Units the user may publish catalog decisions for: the units of their unit_admin roles, and for
 * roles that cover a subtree (system_admin) every current unit below as well. The server decides.
 */
export function issuerUnits(me: Me, all: readonly PublicUnit[] = []): { value: string; label: string }[] {
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
    if (!PUBLISHER_ROLES.has(role.role)) continue;
    options.set(role.unitId, `${role.unitName} (${role.unitCode})`);
    if (role.subtree) addBelow(role.unitId);
  }
  return [...options].map(([value, label]) => ({ value, label }));
}

export function defaultIssuer(me: Me): string | undefined {
  return me.roles.find((role) => PUBLISHER_ROLES.has(role.role))?.unitId;
}
