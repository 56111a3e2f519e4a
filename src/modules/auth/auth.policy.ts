// Who may do what, as data plus pure functions. A role is granted at a unit; `subtree`
// says whether the grant also covers the units below it. Deny by default.
import type { Role } from "../../db/schema.ts";

export type Ability =
  | "org.read"
  | "org.rename"
  | "org.agencies.manage"
  | "org.restructure"
  | "org.staff.read"
  | "org.staff.manage"
  | "audit.read"
  | "catalog.publish"
  | "catalog.select"
  | "calendar.manage"
  | "process.manage"
  /** See a unit's dossiers (personal data masked unless also dossier.personal). */
  | "dossier.read"
  /** See the personal data of the dossiers one handles. */
  | "dossier.personal"
  | "dossier.receive"
  | "dossier.process"
  | "dossier.decide"
  | "dossier.issue"
  /** Dashboards and workload reports of a unit: figures and officials' names, no applicants' data. */
  | "report.read"
  /** Import dossiers handled by earlier systems (history for the reports). */
  | "history.import"
  /** PAR index: criteria sets (import, edit while no assessment is submitted). */
  | "par.manage"
  /** PAR index: the unit's own self-assessment (scores, evidence, submission). */
  | "par.assess"
  /** PAR index: appraisal of the assessments of units below (never one's own). */
  | "par.appraise"
  /** Queue: issue tickets, check in bookings, and call and serve tickets at a desk of the unit. */
  | "queue.serve"
  /** Queue: the unit's service desks (counters, the sectors each serves). */
  | "queue.manage"
  /** Appointments: the unit's booking rules, published slots, the day's bookings, no-shows, figures. */
  | "appointment.manage"
  /** Petitions: the unit's register (a confidential petitioner's identity stays hidden: petitions.policy.ts). */
  | "petition.read"
  /** Petitions: register a petition received at the unit, print its receipt. */
  | "petition.register"
  /** Petitions: lead the handling (assign, classify, extend, decide, close). */
  | "petition.assign"
  /** Petitions: handle the petitions one is assigned. */
  | "petition.handle"
  /** The unit's contact channels (hotline, e-mail, Zalo, Facebook) shown on the portal and forms. */
  | "contacts.manage"
  /** Feedback (phản ánh, kiến nghị) sent to the unit: read with the sender's data, assign, reply, reroute, publish. */
  | "feedback.handle"
  /** The state of the exchanges with other systems (the national portal's inbox and outbox). */
  | "integration.read"
  /** File a dossier received by another system (the national portal): system actors only, never a role. */
  | "dossier.intake"
  /** Online fee payments collected by the unit: the list, receipts, the reconciliation with the gateway. */
  | "payment.read"
  /** Refund a payment collected by the unit through the gateway (the unit's leader: chủ tài khoản). */
  | "payment.refund";

/**
 * Integrations that act on their own, never through a session: each is a staff account without
 * role grants (so `can` gives it nothing) plus the few abilities listed here.
 */
export const SYSTEM_ACTORS = {
  "national-portal": ["dossier.intake"],
} as const satisfies Record<string, readonly Ability[]>;
export type SystemActorName = keyof typeof SYSTEM_ACTORS;

export type Grant = { id: string; role: Role; unitId: string };
export type Actor = {
  userId: string;
  kind: "staff" | "citizen";
  fullName: string;
  grants: Grant[];
  /** Set only for an integration's own actor (SYSTEM_ACTORS); a session never sets it. */
  system?: SystemActorName;
};

export const ROLE_DEFS: Record<Role, { subtree: boolean; abilities: readonly Ability[] }> = {
  receptionist: {
    subtree: false,
    abilities: [
      "org.read",
      "petition.read",
      "petition.register",
      "dossier.read",
      "dossier.personal",
      "dossier.receive",
      "queue.serve",
      "appointment.manage",
      "feedback.handle",
      "payment.read",
    ],
  },
  specialist: {
    subtree: false,
    abilities: [
      "org.read",
      "petition.read",
      "petition.handle",
      "dossier.read",
      "dossier.personal",
      "dossier.process",
      "feedback.handle",
    ],
  },
  leader: {
    subtree: false,
    abilities: [
      "org.read",
      "petition.read",
      "petition.assign",
      "petition.handle",
      "org.staff.read",
      "dossier.read",
      "dossier.personal",
      "dossier.process",
      "dossier.decide",
      "dossier.issue",
      "report.read",
      "par.assess",
      "feedback.handle",
      "payment.read",
      "payment.refund",
    ],
  },
  clerk: {
    subtree: false,
    abilities: ["org.read", "petition.read", "dossier.read", "dossier.personal", "dossier.issue"],
  },
  unit_admin: {
    subtree: false,
    abilities: [
      "org.read",
      "petition.read",
      "petition.register",
      "org.rename",
      "org.agencies.manage",
      "org.staff.read",
      "org.staff.manage",
      "catalog.publish",
      "catalog.select",
      "calendar.manage",
      "process.manage",
      "par.assess",
      "queue.manage",
      "appointment.manage",
      "contacts.manage",
      "feedback.handle",
    ],
  },
  supervisor: {
    subtree: true,
    abilities: [
      "org.read",
      "petition.read",
      "org.staff.read",
      "audit.read",
      "dossier.read",
      "report.read",
      "par.appraise",
      "payment.read",
    ],
  },
  system_admin: {
    subtree: true,
    abilities: [
      "org.read",
      "org.rename",
      "org.agencies.manage",
      "org.restructure",
      "org.staff.read",
      "org.staff.manage",
      "audit.read",
      "catalog.publish",
      "catalog.select",
      "calendar.manage",
      "process.manage",
      "report.read",
      "history.import",
      "par.manage",
      "par.appraise",
      "queue.manage",
      "appointment.manage",
      "contacts.manage",
      "feedback.handle",
      "integration.read",
    ],
  },
};

/** Does one grant cover a unit, given the unit's ancestor chain (root first, the unit itself last)? */
export function grantCovers(grant: Grant, unitPath: readonly string[]): boolean {
  const unitId = unitPath[unitPath.length - 1];
  if (grant.unitId === unitId) return true;
  return ROLE_DEFS[grant.role].subtree && unitPath.includes(grant.unitId);
}

/** May the actor use `ability` on the unit whose ancestor chain is `unitPath`? */
export function can(actor: Actor | null, ability: Ability, unitPath: readonly string[]): boolean {
  if (actor?.kind !== "staff" || unitPath.length === 0) return false;
  return actor.grants.some((g) => ROLE_DEFS[g.role].abilities.includes(ability) && grantCovers(g, unitPath));
}

/** May this system actor (an integration, not a person) use `ability`? Deny by default. */
export function canAsSystem(actor: Actor | null, ability: Ability): boolean {
  if (!actor?.system || actor.kind !== "staff" || actor.grants.length > 0) return false;
  return (SYSTEM_ACTORS[actor.system] as readonly Ability[]).includes(ability);
}

/** Units where the actor holds `ability`, and whether each covers its subtree. */
export function scopesFor(actor: Actor | null, ability: Ability): { unitId: string; subtree: boolean }[] {
  if (actor?.kind !== "staff") return [];
  return actor.grants
    .filter((g) => ROLE_DEFS[g.role].abilities.includes(ability))
    .map((g) => ({ unitId: g.unitId, subtree: ROLE_DEFS[g.role].subtree }));
}

/** Abilities that hold somewhere, for the client to show or hide whole screens. */
export function globalAbilities(actor: Actor | null) {
  return {
    canReadAudit: scopesFor(actor, "audit.read").length > 0,
    canRestructureOrg: scopesFor(actor, "org.restructure").length > 0,
    canPublishCatalog: scopesFor(actor, "catalog.publish").length > 0,
    canReadDossiers: scopesFor(actor, "dossier.read").length > 0,
    canReceiveDossiers: scopesFor(actor, "dossier.receive").length > 0,
  };
}
