import { describe, expect, it } from "vitest";
import type { Me, StaffGrant } from "../../api/types";
import { tokenOfHash } from "../../portal/account/accountLink";
import { canRevoke, grantableRoles, groupOfficials, matchesOfficial, officialStatus } from "./officials";

const grant = (over: Partial<StaffGrant>): StaffGrant => ({
  grantId: "g1",
  userId: "u1",
  username: "nguyenvan.a",
  fullName: "Nguyễn Văn Á",
  email: "a@motcua.example",
  phone: null,
  role: "receptionist",
  disabled: false,
  activated: true,
  ...over,
});

const me = (canRestructureOrg: boolean) => ({ abilities: { canRestructureOrg } }) as unknown as Me;

describe("a unit's officials", () => {
  it("one entry per official, in the server's order, with the roles in a fixed order", () => {
    const officials = groupOfficials([
      grant({ grantId: "g1", userId: "u1", role: "leader" }),
      grant({ grantId: "g2", userId: "u2", fullName: "Trần Thị B", username: "tranthi.b" }),
      grant({ grantId: "g3", userId: "u1", role: "receptionist" }),
    ]);
    expect(officials.map((o) => o.userId)).toEqual(["u1", "u2"]);
    expect(officials[0]!.grants).toEqual([
      { grantId: "g3", role: "receptionist" },
      { grantId: "g1", role: "leader" },
    ]);
  });

  it("status: disabled first, then invited until a password is set", () => {
    const [active, invited, disabled] = groupOfficials([
      grant({ userId: "u1" }),
      grant({ userId: "u2", activated: false }),
      grant({ userId: "u3", activated: false, disabled: true }),
    ]);
    expect([active, invited, disabled].map((o) => officialStatus(o!))).toEqual([
      "active",
      "invited",
      "disabled",
    ]);
  });

  it("search ignores accents and case, on the name or the user name", () => {
    const [official] = groupOfficials([grant({})]);
    expect(matchesOfficial(official!, "nguyen van a")).toBe(true);
    expect(matchesOfficial(official!, "NGUYỄN")).toBe(true);
    expect(matchesOfficial(official!, "VĂN.A")).toBe(true);
    expect(matchesOfficial(official!, "  ")).toBe(true);
    expect(matchesOfficial(official!, "tran")).toBe(false);
  });

  it("a unit administrator gives and takes back the four desk roles; a system administrator the wider ones too", () => {
    expect(grantableRoles(me(false))).toEqual(["receptionist", "specialist", "leader", "clerk"]);
    expect(grantableRoles(me(true))).toEqual([
      "receptionist",
      "specialist",
      "leader",
      "clerk",
      "unit_admin",
      "supervisor",
    ]);
    expect(canRevoke(me(false), "unit_admin")).toBe(false);
    expect(canRevoke(me(true), "unit_admin")).toBe(true);
  });
});

describe("the set-password link's token", () => {
  const token = "Ab-_0123456789abcdefghijklmnopqrstuvwxyzABC";
  it("is read from the fragment, as it is", () => {
    expect(tokenOfHash(`#t=${token}`)).toBe(token);
    expect(tokenOfHash(`#x=1&t=${token}`)).toBe(token);
    expect(tokenOfHash("#t=a+b")).toBe("a+b");
  });
  it("is empty when missing or malformed", () => {
    expect(tokenOfHash("")).toBe("");
    expect(tokenOfHash("#t=")).toBe("");
    expect(tokenOfHash("#at=abc")).toBe("");
    expect(tokenOfHash("#t=%E0%A4%A")).toBe("");
  });
});
