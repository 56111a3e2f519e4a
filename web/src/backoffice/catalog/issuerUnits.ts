import type { Me, PublicUnit, RoleName } from "../../api/types";
import { staffUnits } from "../staffUnits";

const PUBLISHER_ROLES: ReadonlySet<RoleName> = new Set(["unit_admin", "system_admin"]);

/**
 * Units the user may publish catalog decisions for: the units of their unit_admin roles, and for
 * roles that cover a subtree (system_admin) every current unit below as well. The server decides.
 */
export const issuerUnits = (me: Me, all: readonly PublicUnit[] = []) => staffUnits(me, all, PUBLISHER_ROLES);

export function defaultIssuer(me: Me): string | undefined {
  return me.roles.find((role) => PUBLISHER_ROLES.has(role.role))?.unitId;
}
