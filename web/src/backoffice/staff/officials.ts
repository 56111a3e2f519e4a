// A unit's officials from the staff list (one row per role grant): grouped by person, filtered by
// name or user name, with a status and the roles the signed-in administrator may hand out. The
// server decides; these only choose what to show and offer.
import type { Me, RoleName, StaffGrant } from "../../api/types";
import { foldText } from "../../components/unitTree";

export interface Official {
  userId: string;
  username: string | null;
  fullName: string;
  email: string | null;
  phone: string | null;
  disabled: boolean;
  activated: boolean;
  grants: { grantId: string; role: RoleName }[];
}

export type OfficialStatus = "active" | "invited" | "disabled";

const ROLE_ORDER: readonly RoleName[] = [
  "receptionist",
  "specialist",
  "leader",
  "clerk",
  "unit_admin",
  "supervisor",
  "system_admin",
];

/** What a unit administrator may give or take back; the wider roles need a system administrator. */
export const DELEGABLE: ReadonlySet<RoleName> = new Set(["receptionist", "specialist", "leader", "clerk"]);

/** One entry per official, in the server's order (by name), roles in a fixed order. */
export function groupOfficials(items: readonly StaffGrant[]): Official[] {
  const byUser = new Map<string, Official>();
  for (const item of items) {
    const official = byUser.get(item.userId) ?? {
      userId: item.userId,
      username: item.username,
      fullName: item.fullName,
      email: item.email,
      phone: item.phone,
      disabled: item.disabled,
      activated: item.activated,
      grants: [],
    };
    official.grants.push({ grantId: item.grantId, role: item.role });
    byUser.set(item.userId, official);
  }
  const rank = (role: RoleName) => ROLE_ORDER.indexOf(role);
  for (const official of byUser.values()) official.grants.sort((a, b) => rank(a.role) - rank(b.role));
  return [...byUser.values()];
}

export function officialStatus(official: Official): OfficialStatus {
  if (official.disabled) return "disabled";
  return official.activated ? "active" : "invited";
}

/** Diacritic-insensitive match on the full name or the user name ("nguyen van" finds "Nguyễn Văn"). */
export function matchesOfficial(official: Official, query: string): boolean {
  const q = foldText(query);
  if (!q) return true;
  return foldText(official.fullName).includes(q) || foldText(official.username ?? "").includes(q);
}

/** The roles the user may give at a unit: the delegable ones, and the wider ones for a system administrator. */
export function grantableRoles(me: Me): RoleName[] {
  return ROLE_ORDER.filter(
    (role) => DELEGABLE.has(role) || (me.abilities.canRestructureOrg && role !== "system_admin"),
  );
}

/** May the user take this role back (the server checks the same)? */
export function canRevoke(me: Me, role: RoleName): boolean {
  return DELEGABLE.has(role) || me.abilities.canRestructureOrg;
}
