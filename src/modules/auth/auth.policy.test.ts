import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../db/schema.ts";
import { type Actor, can, globalAbilities, ROLE_DEFS, scopesFor } from "./auth.policy.ts";

const province = "P";
const communeA = "A";
const communeB = "B";
const pathA = [province, communeA];
const pathB = [province, communeB];
const staff = (role: Role, unitId: string): Actor => ({
  userId: "u",
  kind: "staff",
  fullName: "x",
  grants: [{ id: "g", role, unitId }],
});

describe("auth policy", () => {
  it("denies anonymous users and citizens everything", () => {
    for (const ability of ["org.read", "audit.read", "org.restructure"] as const) {
      expect(can(null, ability, pathA)).toBe(false);
      expect(can({ userId: "c", kind: "citizen", fullName: "c", grants: [] }, ability, pathA)).toBe(false);
    }
  });

  it.each(ROLES)("a %s of commune A never acts on commune B", (role) => {
    const actor = staff(role, communeA);
    for (const ability of ROLE_DEFS[role].abilities) {
      expect(can(actor, ability, pathA)).toBe(true);
      expect(can(actor, ability, pathB)).toBe(false);
    }
  });

  it.each(ROLES)("a %s at the province covers communes only when the role says so", (role) => {
    const actor = staff(role, province);
    for (const ability of ROLE_DEFS[role].abilities) {
      expect(can(actor, ability, pathA)).toBe(ROLE_DEFS[role].subtree);
      expect(can(actor, ability, [province])).toBe(true);
    }
  });

  it("never grants an ability the role does not list", () => {
    expect(can(staff("receptionist", communeA), "org.rename", pathA)).toBe(false);
    expect(can(staff("unit_admin", communeA), "org.restructure", pathA)).toBe(false);
    expect(can(staff("supervisor", province), "org.rename", pathA)).toBe(false);
  });

  it("lets leaders, supervisors and system administrators read reports, nobody else", () => {
    const readers = ROLES.filter((role) => can(staff(role, communeA), "report.read", pathA));
    expect(readers).toEqual(["leader", "supervisor", "system_admin"]);
    // A ward's leader sees the ward only; a city supervisor sees the wards below.
    expect(can(staff("leader", province), "report.read", pathA)).toBe(false);
    expect(can(staff("supervisor", province), "report.read", pathA)).toBe(true);
    expect(can(staff("supervisor", communeB), "report.read", pathA)).toBe(false);
  });

  it("lets receptionists serve the queue and unit or system administrators manage its desks", () => {
    const servers = ROLES.filter((role) => can(staff(role, communeA), "queue.serve", pathA));
    expect(servers).toEqual(["receptionist"]);
    const managers = ROLES.filter((role) => can(staff(role, communeA), "queue.manage", pathA));
    expect(managers).toEqual(["unit_admin", "system_admin"]);
    expect(can(staff("receptionist", communeB), "queue.serve", pathA)).toBe(false);
    expect(can(staff("unit_admin", province), "queue.manage", pathA)).toBe(false);
    expect(can(staff("system_admin", province), "queue.manage", pathA)).toBe(true);
  });

  it("lets receptionists and unit or system administrators manage appointments, in their own scope", () => {
    const managers = ROLES.filter((role) => can(staff(role, communeA), "appointment.manage", pathA));
    expect(managers).toEqual(["receptionist", "unit_admin", "system_admin"]);
    expect(can(staff("receptionist", communeB), "appointment.manage", pathA)).toBe(false);
    expect(can(staff("unit_admin", province), "appointment.manage", pathA)).toBe(false);
    expect(can(staff("system_admin", province), "appointment.manage", pathA)).toBe(true);
    expect(can(staff("supervisor", province), "appointment.manage", pathA)).toBe(false);
  });

  it("lets unit or system administrators manage a unit's contact channels, in their own scope", () => {
    const managers = ROLES.filter((role) => can(staff(role, communeA), "contacts.manage", pathA));
    expect(managers).toEqual(["unit_admin", "system_admin"]);
    expect(can(staff("unit_admin", province), "contacts.manage", pathA)).toBe(false);
    expect(can(staff("unit_admin", communeB), "contacts.manage", pathA)).toBe(false);
    expect(can(staff("system_admin", province), "contacts.manage", pathA)).toBe(true);
  });

  it("lets the unit's handling staff and system administrators handle feedback, in their own scope", () => {
    const handlers = ROLES.filter((role) => can(staff(role, communeA), "feedback.handle", pathA));
    expect(handlers).toEqual(["receptionist", "specialist", "leader", "unit_admin", "system_admin"]);
    expect(can(staff("clerk", communeA), "feedback.handle", pathA)).toBe(false);
    expect(can(staff("receptionist", communeB), "feedback.handle", pathA)).toBe(false);
    expect(can(staff("leader", province), "feedback.handle", pathA)).toBe(false);
    expect(can(staff("supervisor", province), "feedback.handle", pathA)).toBe(false);
    expect(can(staff("system_admin", province), "feedback.handle", pathA)).toBe(true);
  });

  it("lets leaders lead petitions, specialists and leaders handle them, the desk register them", () => {
    const pick = (ability: Parameters<typeof can>[1]) =>
      ROLES.filter((role) => can(staff(role, communeA), ability, pathA));
    expect(pick("petition.assign")).toEqual(["leader"]);
    expect(pick("petition.handle")).toEqual(["specialist", "leader"]);
    expect(pick("petition.register")).toEqual(["receptionist", "unit_admin"]);
    expect(can(staff("system_admin", province), "petition.read", pathA)).toBe(false);
  });

  it("denies when the unit path is empty (unit not found)", () => {
    expect(can(staff("system_admin", province), "org.read", [])).toBe(false);
  });

  it("lists scopes and global abilities", () => {
    expect(scopesFor(staff("supervisor", province), "audit.read")).toEqual([
      { unitId: province, subtree: true },
    ]);
    expect(scopesFor(staff("clerk", communeA), "audit.read")).toEqual([]);
    expect(globalAbilities(staff("system_admin", province))).toEqual({
      canReadAudit: true,
      canRestructureOrg: true,
      canPublishCatalog: true,
      canReadDossiers: false,
      canReceiveDossiers: false,
    });
    expect(globalAbilities(staff("leader", communeA))).toEqual({
      canReadAudit: false,
      canRestructureOrg: false,
      canPublishCatalog: false,
      canReadDossiers: true,
      canReceiveDossiers: false,
    });
  });
});
