// The common-password blocklist: listed passwords in any case or accents, and the same with
// digits and symbols around them, are refused; ordinary strong passwords are not.
import { describe, expect, it } from "vitest";
import { assertPasswordAllowed, isCommonPassword, normalisePassword, PASSWORD_RULE } from "./password.ts";

describe("common passwords", () => {
  it("normalises case, Vietnamese diacritics and spaces", () => {
    expect(normalisePassword("Mật Khẩu")).toBe("matkhau");
    expect(normalisePassword("ĐàNẵng")).toBe("danang");
  });

  it.each([
    "matkhau123",
    "MATKHAU123",
    "Mật khẩu 123",
    "anhyeuem",
    "AnhYeuEm2026!",
    "123456a@",
    "123456789",
    "Password2026!",
    "p@ssw0rd",
    "qwerty123456",
    "@@iloveyou99",
    "vietnam1234",
    "Motcua@2026",
  ])("refuses %s", (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each([
    "Sen-Hue-2026-xanh",
    "correct horse battery 9",
    "Thuận Hóa 46 một cửa",
    "matkhau-cua-toi-la-9-chu",
    "2026hoasenhong",
  ])("accepts %s", (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });

  it("refuses blocked passwords that pass the length rule with a field error in vi and en", () => {
    // The point of the list: these satisfy PASSWORD_RULE and would be accepted without it.
    for (const password of ["matkhau123", "Password2026!", "anhyeuem2024"]) {
      expect(PASSWORD_RULE.test(password)).toBe(true);
      try {
        assertPasswordAllowed(password, "newPassword");
        expect.unreachable(password);
      } catch (e) {
        const err = e as {
          status: number;
          fieldErrors: { field: string; code: string; message: { vi: string; en: string } }[];
        };
        expect(err.status).toBe(400);
        expect(err.fieldErrors).toEqual([
          expect.objectContaining({ field: "newPassword", code: "password_common" }),
        ]);
        expect(err.fieldErrors[0]!.message.vi).toContain("phổ biến");
        expect(err.fieldErrors[0]!.message.en).toContain("too common");
      }
    }
    expect(() => assertPasswordAllowed("Sen-Hue-2026-xanh", "newPassword")).not.toThrow();
  });
});
