import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../db/schema.ts";
import type { Actor } from "../auth/auth.policy.ts";
import { leadsUnit, petitionAccess } from "./petitions.policy.ts";
import { mayGive } from "./petitions.service.ts";

const path = ["P", "A"];
const staff = (role: Role, unitId: string, userId = "u"): Actor => ({
  userId,
  kind: "staff",
  fullName: "x",
  grants: [{ id: "g", role, unitId }],
});

describe("petitions policy", () => {
  it("lets the unit's staff read, receptionists and unit administrators register, nobody else", () => {
    const readers = ROLES.filter((r) => petitionAccess(staff(r, "A"), path, null).read);
    expect(readers).toEqual(["receptionist", "specialist", "leader", "clerk", "unit_admin", "supervisor"]);
    const registrars = ROLES.filter((r) => petitionAccess(staff(r, "A"), path, null).register);
    expect(registrars).toEqual(["receptionist", "unit_admin"]);
    expect(petitionAccess(staff("supervisor", "P"), path, null).read).toBe(true);
    expect(petitionAccess(staff("receptionist", "B"), path, null).read).toBe(false);
  });

  it("shows the identity to the assigned handler and the leaders of the unit and above only", () => {
    const identity = ROLES.filter((r) => petitionAccess(staff(r, "A"), path, null).identity);
    expect(identity).toEqual(["leader"]);
    expect(petitionAccess(staff("leader", "P"), path, null)).toMatchObject({
      read: true,
      lead: true,
      identity: true,
    });
    expect(petitionAccess(staff("leader", "B"), path, null).identity).toBe(false);
    expect(petitionAccess(staff("specialist", "A", "h"), path, "h")).toMatchObject({
      handler: true,
      identity: true,
    });
    expect(petitionAccess(staff("specialist", "A", "x"), path, "h").identity).toBe(false);
    // A handler who lost the role at the unit is no longer the handler.
    expect(petitionAccess(staff("specialist", "B", "h"), path, "h").identity).toBe(false);
    expect(petitionAccess(staff("supervisor", "P"), path, null).identity).toBe(false);
    expect(petitionAccess(staff("system_admin", "P"), path, null).read).toBe(false);
    expect(leadsUnit(null, path)).toBe(false);
  });

  it("gives assignment to leaders, handling to leaders and the handler, withdrawal also to the desk", () => {
    const desk = petitionAccess(staff("receptionist", "A"), path, null);
    const handler = petitionAccess(staff("specialist", "A", "h"), path, "h");
    const leader = petitionAccess(staff("leader", "A"), path, "h");
    expect(mayGive(desk, "withdraw")).toBe(true);
    expect(mayGive(desk, "accept")).toBe(false);
    expect(mayGive(handler, "assign")).toBe(false);
    expect(mayGive(handler, "decide")).toBe(true);
    expect(mayGive(leader, "assign")).toBe(true);
  });
});
