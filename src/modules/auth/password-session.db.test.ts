// Session fixation and rotation, and the common-password blocklist at registration, through the
// real HTTP stack: a sign-in issues a new session id and ends the session presented with it;
// sign-out ends the session on the server (the old cookie is dead even if a client keeps it);
// registration refuses common passwords field by field in vi/en and writes nothing.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, login, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { DEMO_PASSWORD } from "../../demo/demo-data.ts";
import { sessionIdOf } from "../../plugins/session.ts";

const t = setupTestApp();

const liveSessions = async (userId: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from sessions where user_id = ${userId}::uuid`,
      )
    )[0]!.n,
  );
const sessionExists = async (cookie: string) =>
  (
    await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from sessions where id = ${sessionIdOf(cookie.replace(/^motcua_sid=/, ""))}`,
    )
  ).length === 1;
const me = (cookie: string) => t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });

describe("session fixation and rotation", () => {
  it("a sign-in issues a new session id and ends the session presented with it", async () => {
    const first = await login(t.app, "chuyenvien.thuanhoa");
    // Signing in again from the same browser (the old cookie and its token sent along).
    const again = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "chuyenvien.thuanhoa", password: DEMO_PASSWORD },
      headers: { cookie: first.cookie, "x-csrf-token": first.csrf },
    });
    expect(again.statusCode, again.body).toBe(200);
    const issued = again.cookies.find((c) => c.name === "motcua_sid")!;
    expect(`motcua_sid=${issued.value}`).not.toBe(first.cookie);
    expect(again.json().csrfToken).not.toBe(first.csrf);
    expect(await sessionExists(first.cookie)).toBe(false);
    expect((await me(first.cookie)).statusCode).toBe(401);
    expect((await me(`motcua_sid=${issued.value}`)).statusCode).toBe(200);
  });

  it("a session planted by someone else is ended when the victim signs in", async () => {
    // The attacker's own session cookie, set in the victim's browser (e.g. through a sibling domain).
    const planted = await login(t.app, "congdan@motcua.example");
    const victim = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "lanhdao.thuanhoa", password: DEMO_PASSWORD },
      headers: { cookie: planted.cookie, "x-csrf-token": planted.csrf },
    });
    expect(victim.statusCode, victim.body).toBe(200);
    const issued = victim.cookies.find((c) => c.name === "motcua_sid")!;
    expect(`motcua_sid=${issued.value}`).not.toBe(planted.cookie);
    expect(await sessionExists(planted.cookie)).toBe(false);
    const meNow = await me(`motcua_sid=${issued.value}`);
    expect(meNow.json().user.username).toBe("lanhdao.thuanhoa");
  });

  it("an unknown cookie presented at sign-in is not adopted", async () => {
    const chosen = "motcua_sid=attacker-chosen-value-0123456789";
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "vanthu.thuanhoa", password: DEMO_PASSWORD },
      headers: { cookie: chosen },
    });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === "motcua_sid")!;
    expect(`motcua_sid=${issued.value}`).not.toBe(chosen);
    expect(issued.value.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
    expect(await sessionExists(chosen)).toBe(false);
  });

  it("sign-out ends the session on the server; the user's other sessions stay", async () => {
    const a = await login(t.app, "tiepnhan.phuxuan");
    const b = await login(t.app, "tiepnhan.phuxuan");
    const before = await liveSessions(a.userId);
    expect((await call(t.app, a, "POST", "/api/auth/logout")).statusCode).toBe(204);
    expect(await sessionExists(a.cookie)).toBe(false);
    expect(await liveSessions(a.userId)).toBe(before - 1);
    // A client that kept the cookie cannot use it.
    expect((await me(a.cookie)).statusCode).toBe(401);
    expect((await call(t.app, a, "POST", "/api/auth/logout")).statusCode).toBe(401);
    expect((await me(b.cookie)).statusCode).toBe(200);
  });
});

describe("common passwords at registration", () => {
  it.each([
    ["matkhau123", "a listed Vietnamese password"],
    ["Matkhau@2026", "a listed one with a year and a symbol"],
    ["AnhYeuEm123456", "a listed one, other case, digits after"],
    ["Password123!", "a listed international one"],
  ])("refuses %s (%s) in vi and en, writing nothing", async (password) => {
    const users = async () =>
      Number(
        (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from users`))[0]!.n,
      );
    const before = await users();
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/register",
      payload: { fullName: "Phan Thị Thu", email: `thu.${Date.now()}@example.vn`, password },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const errors = res.json().errors as { field: string; message: { vi: string; en: string } }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe("password");
    expect(errors[0]!.message.vi).toContain("quá phổ biến");
    expect(errors[0]!.message.en).toContain("too common");
    expect(await users()).toBe(before);
  });

  it("accepts an uncommon password", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/register",
      payload: { fullName: "Phan Thị Thu", email: "thu.phan@example.vn", password: "Sen-Hue-2026-xanh" },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
