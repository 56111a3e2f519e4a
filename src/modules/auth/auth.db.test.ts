import { describe, expect, it } from "vitest";
import { call, login, setupTestApp } from "../../../test/app.ts";

const t = setupTestApp({ LOGIN_MAX_ATTEMPTS: "3" });

describe("sign-in", () => {
  it("signs in a demo official and returns roles, abilities and a CSRF token", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "tiepnhan.thuanhoa", password: "Motcua@2026" },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "motcua_sid")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    const me = res.json();
    expect(me.user.username).toBe("tiepnhan.thuanhoa");
    expect(me.roles).toEqual([
      expect.objectContaining({
        role: "receptionist",
        unitCode: "46.19753",
        unitName: "Phường Thuận Hóa",
        subtree: false,
      }),
    ]);
    expect(me.abilities).toEqual({
      canReadAudit: false,
      canRestructureOrg: false,
      canPublishCatalog: false,
      canReadDossiers: true,
      canReceiveDossiers: true,
    });
    expect(me.csrfToken.length).toBeGreaterThan(20);
  });

  it("refuses a wrong password with a bilingual problem", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "vanthu.thuanhoa", password: "wrong-password-1" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const p = res.json();
    expect(p).toMatchObject({ status: 401, code: "auth.bad_credentials" });
    expect(p.message.vi).toContain("không đúng");
    expect(p.message.en).toContain("Wrong");
  });

  it("gives field-level errors in both languages for bad input", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "", extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.code).toBe("validation");
    const fields = p.errors.map((e: { field: string }) => e.field);
    expect(fields).toContain("username");
    expect(fields).toContain("password");
    for (const e of p.errors) {
      expect(e.message.vi.length).toBeGreaterThan(0);
      expect(e.message.en.length).toBeGreaterThan(0);
    }
  });

  it("locks the account after repeated failures, even with the right password", async () => {
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "lanhdao.thuanhoa", password: "nope-nope-1" },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "lanhdao.thuanhoa", password: "Motcua@2026" },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe("auth.locked");
  });

  it("returns the session's user on /me and 401 without a session", async () => {
    const s = await login(t.app, "giamsat");
    const me = await call(t.app, s, "GET", "/api/auth/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().abilities.canReadAudit).toBe(true);
    expect((await call(t.app, null, "GET", "/api/auth/me")).statusCode).toBe(401);
  });

  it("requires the CSRF token for unsafe requests with a session, and refuses cross-site origins", async () => {
    const s = await login(t.app, "chuyenvien.thuanhoa");
    const noToken = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: s.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe("auth.csrf");
    const crossSite = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf, origin: "https://evil.example" },
    });
    expect(crossSite.statusCode).toBe(403);
    const ok = await call(t.app, s, "POST", "/api/auth/logout");
    expect(ok.statusCode).toBe(204);
    expect((await call(t.app, s, "GET", "/api/auth/me")).statusCode).toBe(401);
  });
});

describe("citizen registration", () => {
  it("registers with e-mail and signs in by phone later", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/register",
      payload: {
        fullName: "Trần Văn Bình",
        email: "Binh@Example.vn",
        phone: "0987654321",
        password: "Sen-Hue-2026-xanh",
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ kind: "citizen", email: "binh@example.vn" });
    const byPhone = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "0987654321", password: "Sen-Hue-2026-xanh" },
    });
    expect(byPhone.statusCode).toBe(200);
  });

  it("refuses weak passwords, bad phones and missing contacts field by field, writing nothing", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/register",
      payload: { fullName: "X Y", phone: "12345", password: "short" },
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { field: string; message: { vi: string; en: string } }[];
    expect(errors.find((e) => e.field === "phone")?.message.vi).toContain("Số điện thoại");
    expect(errors.find((e) => e.field === "password")?.message.en).toContain("10 characters");
    const missing = await t.app.inject({
      method: "POST",
      url: "/api/auth/register",
      payload: { fullName: "X Y", password: "Sen-Hue-2026-xanh" },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({
      field: "email",
      message: { en: "Enter an e-mail address or a phone number." },
    });
  });

  it("refuses a second account with the same e-mail (409, field error)", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/register",
      payload: { fullName: "Nguyễn Văn An", email: "congdan@motcua.example", password: "Sen-Hue-2026-xanh" },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe("email");
  });
});
