// Who may do what with a petition, as pure functions over the actor's grants, the unit's ancestor
// chain and the petition's handler. The unit-wide abilities come from auth.policy.ts; the
// petition adds two facts of its own: its assigned handler, and the leaders of the unit and of
// the units above it, who lead the handling and alone (with the handler) see a confidential
// petitioner's identity (Law on Denunciations 2018, Art. 9(1)(b), Art. 47–48).
import { type Actor, can } from "../auth/auth.policy.ts";

export type PetitionAccess = {
  read: boolean;
  register: boolean;
  /** Assign the handler, classify, extend, decide, close (the leadership of the unit). */
  lead: boolean;
  /** The assigned handler: classify, extend, decide, close their own petition. */
  handler: boolean;
  /** See a confidential petitioner's identity. */
  identity: boolean;
};

/** A leader of the unit or of a unit above it (a leader's grant covers no subtree otherwise). */
export function leadsUnit(actor: Actor | null, unitPath: readonly string[]): boolean {
  if (actor?.kind !== "staff") return false;
  return actor.grants.some((g) => g.role === "leader" && unitPath.includes(g.unitId));
}

export function petitionAccess(
  actor: Actor | null,
  unitPath: readonly string[],
  handlerId: string | null,
): PetitionAccess {
  const leader = leadsUnit(actor, unitPath) || can(actor, "petition.assign", unitPath);
  const handler =
    actor !== null &&
    handlerId !== null &&
    actor.userId === handlerId &&
    can(actor, "petition.handle", unitPath);
  return {
    read: leader || handler || can(actor, "petition.read", unitPath),
    register: can(actor, "petition.register", unitPath),
    lead: leader,
    handler,
    identity: leader || handler,
  };
}
