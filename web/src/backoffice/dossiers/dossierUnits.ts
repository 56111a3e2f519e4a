// Which units the dossier screens offer: the desk, the units where the user receives dossiers;
// the work queues, the units where they may read them (desk roles, and supervisors' subtrees).
import type { RoleName } from "../../api/types";

export const RECEIVING_ROLES: ReadonlySet<RoleName> = new Set(["receptionist"]);
export const READING_ROLES: ReadonlySet<RoleName> = new Set([
  "receptionist",
  "specialist",
  "leader",
  "clerk",
  "supervisor",
]);
