// Account administration on both databases: a unit administrator invites an official (a mailed
// single-use link, only its hash stored, the link sealed in the outbox), the official activates
// the account; forgotten passwords are reset through a link (no account enumeration); a signed-in
// user changes the password (every other session ends); administrators correct, disable and
// enable officials within their scope. Refused requests change nothing.
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mailsTo as mails, tokenMailedTo as tokenIn } from "../../../test/account-mail.ts";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { sessionIdOf } from "../../plugins/session.ts";

const t = setupTestApp();
const q = <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);
const PASSWORD = "Sen-Hue-2026-xanh";
const NEW_PASSWORD = "Song-Huong-2027-trong";

let thuanHoa: string;
let phuXuan: string;
let admin: Session;

beforeAll(async () => {
  thuanHoa = await unitIdByCode(t.app, "46.19753");
  phuXuan = await unitIdByCode(t.app, "46.19774");
  admin = await login(t.app, "quantri.thuanhoa");
});

const unique = () => randomUUID().slice(0, 8);
const newOfficial = (n = unique()) => ({
  username: `canbo.${n}`,
  fullName: `Trần Thị Mới ${n}`,
  email: `canbo.${n}@motcua.example`,
  role: "receptionist",
});

const mailsTo = (address: string, template: string) => mails(t.database.db, address, template);
const tokenMailedTo = (address: string, template: string) => tokenIn(t.database.db, address, template);

async function invite(body = newOfficial()) {
  const res = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/accounts`, body);
  expect(res.statusCode, res.body).toBe(201);
  return { ...body, ...(res.json() as { userId: string; grantId: string; inviteExpiresAt: string }) };
}

const confirm = (token: string, newPassword = PASSWORD) =>
  call(t.app, null, "POST", "/api/auth/password-reset/confirm", { token, newPassword });
const signIn = (username: string, password: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
const counts = async () =>
  (
    await q<{ users: string; tokens: string; outbox: string; grants: string }>(sql`
      select (select count(*) from users)::text as users, (select count(*) from account_tokens)::text as tokens,
             (select count(*) from outbox)::text as outbox, (select count(*) from role_grants)::text as grants`)
  )[0];

describe("inviting an official", () => {
  it("creates the account without a password, grants the role and mails a sealed single-use link", async () => {
    const o = await invite();
    const [user] = await q<{ kind: string; password_hash: string | null; email: string }>(
      sql`select kind, password_hash, email from users where id = ${o.userId}`,
    );
    expect(user).toEqual({ kind: "staff", password_hash: null, email: o.email });
    const token = await tokenMailedTo(o.email, "account.invited");
    // Only the token's SHA-256 is kept; neither the token nor the link is anywhere in clear.
    const [row] = await q<{ purpose: string; token_hash: string; days: string }>(
      sql`select purpose, token_hash, round(extract(epoch from expires_at - created_at) / 86400)::text as days
            from account_tokens where user_id = ${o.userId}`,
    );
    expect(row).toEqual({
      purpose: "invite",
      token_hash: createHash("sha256").update(token).digest("hex"),
      days: "7",
    });
    const [mail] = await mailsTo(o.email, "account.invited");
    expect(JSON.stringify(mail!.payload)).not.toContain(token);
    expect(mail!.payload).toMatchObject({
      username: o.username,
      role: "receptionist",
      unitName: expect.any(String),
    });
    expect(mail!.recipient).toMatch(/^v1\./);
    // The list shows the official as invited, not yet active.
    const list = await call(t.app, admin, "GET", `/api/org/units/${thuanHoa}/staff`);
    expect(list.json().items.find((s: { userId: string }) => s.userId === o.userId)).toMatchObject({
      role: "receptionist",
      activated: false,
      disabled: false,
    });
  });

  it("the link tells what it is for, sets the password once, and the official signs in", async () => {
    const o = await invite();
    const token = await tokenMailedTo(o.email, "account.invited");
    const info = await call(t.app, null, "POST", "/api/auth/account-token", { token });
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json()).toMatchObject({ purpose: "invite", fullName: o.fullName, username: o.username });
    // A weak password is refused on its field and the link still works.
    const weak = await confirm(token, "matkhau123");
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ field: "newPassword" });
    expect((await confirm(token)).statusCode).toBe(204);
    expect((await signIn(o.username, PASSWORD)).statusCode).toBe(200);
    // Used: the same link is refused, and says so on the token field in both languages.
    for (const res of [
      await confirm(token, NEW_PASSWORD),
      await call(t.app, null, "POST", "/api/auth/account-token", { token }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: "token", code: "invalid_token" });
      expect(res.json().errors[0].message.vi).toContain("Liên kết");
    }
    expect((await signIn(o.username, NEW_PASSWORD)).statusCode).toBe(401);
    const list = await call(t.app, admin, "GET", `/api/org/units/${thuanHoa}/staff`);
    expect(list.json().items.find((s: { userId: string }) => s.userId === o.userId).activated).toBe(true);
  });

  it("refuses a taken user name or e-mail, a bad one, and a role the administrator may not give: nothing written", async () => {
    const o = await invite();
    const before = await counts();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...newOfficial(), username: o.username.toUpperCase() }, 409, "username"],
      [{ ...newOfficial(), email: o.email }, 409, "email"],
      [{ ...newOfficial(), username: "a b" }, 400, "username"],
      [{ ...newOfficial(), email: "not-an-address" }, 400, "email"],
      [{ ...newOfficial(), phone: "12345" }, 400, "phone"],
    ];
    for (const [body, status, field] of cases) {
      const res = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/accounts`, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const wide = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/accounts`, {
      ...newOfficial(),
      role: "system_admin",
    });
    expect(wide.statusCode).toBe(403);
    const elsewhere = await call(
      t.app,
      admin,
      "POST",
      `/api/org/units/${phuXuan}/staff/accounts`,
      newOfficial(),
    );
    expect([403, 404]).toContain(elsewhere.statusCode);
    expect(await counts()).toEqual(before);
  });

  it("sends the invitation again with a new link (the first stops working); not once the account is active", async () => {
    const o = await invite();
    const first = await tokenMailedTo(o.email, "account.invited");
    const again = await call(
      t.app,
      admin,
      "POST",
      `/api/org/units/${thuanHoa}/staff/${o.userId}/invitation?locale=en`,
    );
    expect(again.statusCode, again.body).toBe(202);
    const second = await tokenMailedTo(o.email, "account.invited");
    expect(second).not.toBe(first);
    expect((await mailsTo(o.email, "account.invited"))[0]!.locale).toBe("en");
    expect((await confirm(first)).statusCode).toBe(400);
    expect((await confirm(second)).statusCode).toBe(204);
    const late = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/${o.userId}/invitation`);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().code).toBe("auth.already_active");
  });
});

describe("forgotten password", () => {
  let official: { username: string; email: string; userId: string };

  beforeAll(async () => {
    const o = await invite();
    expect((await confirm(await tokenMailedTo(o.email, "account.invited"))).statusCode).toBe(204);
    official = o;
  });

  it("answers 202 whether or not an account matches, and mails only a real account", async () => {
    const before = await counts();
    for (const login of ["nobody.here@motcua.example", "0999999999", "no.such.user"]) {
      const res = await call(t.app, null, "POST", "/api/auth/password-reset", { login });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ accepted: true });
    }
    expect(await counts()).toEqual(before);
    const res = await call(t.app, null, "POST", "/api/auth/password-reset", {
      login: official.username.toUpperCase(),
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: true });
    expect(await mailsTo(official.email, "account.password_reset")).toHaveLength(1);
  });

  it("the link sets a new password, ends every session, clears the lockout and tells the owner", async () => {
    const s1 = await login(t.app, official.username, PASSWORD);
    const s2 = await login(t.app, official.username, PASSWORD);
    await q(sql`update users set failed_logins = 4 where id = ${official.userId}`);
    await call(t.app, null, "POST", "/api/auth/password-reset", { login: official.email, locale: "en" });
    const token = await tokenMailedTo(official.email, "account.password_reset");
    const info = await call(t.app, null, "POST", "/api/auth/account-token", { token });
    expect(info.json().purpose).toBe("reset");
    expect((await confirm(token, NEW_PASSWORD)).statusCode).toBe(204);
    for (const s of [s1, s2]) expect((await call(t.app, s, "GET", "/api/auth/me")).statusCode).toBe(401);
    expect((await signIn(official.username, PASSWORD)).statusCode).toBe(401);
    expect((await signIn(official.username, NEW_PASSWORD)).statusCode).toBe(200);
    const [user] = await q<{ failed_logins: number }>(
      sql`select failed_logins from users where id = ${official.userId}`,
    );
    expect(user!.failed_logins).toBe(0);
    const [changed] = await mailsTo(official.email, "account.password_changed");
    expect(changed).toMatchObject({ locale: "vi" });
    expect((changed!.payload as { link: string }).link).toMatch(/\/quen-mat-khau$/);
  });

  it("an expired link is refused; a new request ends the earlier link", async () => {
    await call(t.app, null, "POST", "/api/auth/password-reset", { login: official.email });
    const old = await tokenMailedTo(official.email, "account.password_reset");
    await call(t.app, null, "POST", "/api/auth/password-reset", { login: official.email });
    const latest = await tokenMailedTo(official.email, "account.password_reset");
    expect((await confirm(old, PASSWORD)).statusCode).toBe(400);
    const hash = createHash("sha256").update(latest).digest("hex");
    await q(sql`update account_tokens set created_at = now() - interval '2 hours',
                                       expires_at = now() - interval '1 hour' where token_hash = ${hash}`);
    const expired = await confirm(latest, PASSWORD);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().errors[0].code).toBe("invalid_token");
    expect((await signIn(official.username, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it("two uses of one link at the same moment: exactly one sets the password", async () => {
    await call(t.app, null, "POST", "/api/auth/password-reset", { login: official.email });
    const token = await tokenMailedTo(official.email, "account.password_reset");
    const results = await Promise.all([
      confirm(token, "Bach-Ma-2028-may"),
      confirm(token, "Lang-Co-2028-bien"),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 400]);
  });

  it("a malformed token is a field error; a disabled account gets no mail", async () => {
    const bad = await call(t.app, null, "POST", "/api/auth/account-token", { token: "short" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: "token" });
    const o = await invite();
    const off = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/${o.userId}/disable`);
    expect(off.statusCode, off.body).toBe(200);
    await call(t.app, null, "POST", "/api/auth/password-reset", { login: o.email });
    expect(await mailsTo(o.email, "account.password_reset")).toHaveLength(0);
    // Nor does the invitation link work for a disabled account.
    const invited = await tokenMailedTo(o.email, "account.invited");
    expect((await confirm(invited)).statusCode).toBe(400);
  });
});

describe("changing one's password", () => {
  it("checks the current password (counted towards the lockout), the policy and that it changes", async () => {
    const o = await invite();
    expect((await confirm(await tokenMailedTo(o.email, "account.invited"))).statusCode).toBe(204);
    const s = await login(t.app, o.username, PASSWORD);
    const change = (body: Record<string, unknown>) => call(t.app, s, "POST", "/api/auth/password", body);
    const wrong = await change({ currentPassword: "Wrong-2026-pass", newPassword: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: "currentPassword", code: "wrong_password" });
    const [u] = await q<{ failed_logins: number }>(
      sql`select failed_logins from users where id = ${o.userId}`,
    );
    expect(u!.failed_logins).toBe(1);
    const weak = await change({ currentPassword: PASSWORD, newPassword: "password123" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe("newPassword");
    const same = await change({ currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.json().errors[0]).toMatchObject({ field: "newPassword", code: "same_as_current" });
    expect((await signIn(o.username, PASSWORD)).statusCode).toBe(200);
  });

  it("ends every other session, gives this browser a new one, and mails the owner", async () => {
    const o = await invite();
    expect((await confirm(await tokenMailedTo(o.email, "account.invited"))).statusCode).toBe(204);
    const here = await login(t.app, o.username, PASSWORD);
    const elsewhere = await login(t.app, o.username, PASSWORD);
    const res = await call(t.app, here, "POST", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      locale: "en",
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "motcua_sid")!;
    expect(`motcua_sid=${cookie.value}`).not.toBe(here.cookie);
    const fresh: Session = {
      cookie: `motcua_sid=${cookie.value}`,
      csrf: res.json().csrfToken,
      userId: o.userId,
    };
    expect((await call(t.app, fresh, "GET", "/api/auth/me")).statusCode).toBe(200);
    for (const s of [here, elsewhere])
      expect((await call(t.app, s, "GET", "/api/auth/me")).statusCode).toBe(401);
    expect((await signIn(o.username, NEW_PASSWORD)).statusCode).toBe(200);
    const [mail] = await mailsTo(o.email, "account.password_changed");
    expect(mail!.locale).toBe("en");
  });

  it("an account that signs in only with the e-ID has no password to change", async () => {
    const [u] = await q<{ id: string }>(sql`
      insert into users (kind, full_name, oidc_issuer, oidc_subject, email)
      values ('citizen', 'Công Dân Định Danh', 'https://vneid.example', ${randomUUID()}, ${`vneid.${unique()}@motcua.example`})
      returning id`);
    const token = randomUUID() + randomUUID();
    await q(sql`insert into sessions (id, user_id, csrf_token, expires_at)
               values (${sessionIdOf(token)}, ${u!.id}, 'csrf-eid', now() + interval '1 hour')`);
    const s: Session = { cookie: `motcua_sid=${token}`, csrf: "csrf-eid", userId: u!.id };
    expect((await call(t.app, s, "GET", "/api/auth/me")).statusCode).toBe(200);
    const res = await call(t.app, s, "POST", "/api/auth/password", {
      currentPassword: "anything-1",
      newPassword: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("auth.no_password");
  });
});

describe("disabling and enabling an official", () => {
  it("disabling ends the sessions and refuses sign-in; enabling lets the official back in", async () => {
    const o = await invite();
    expect((await confirm(await tokenMailedTo(o.email, "account.invited"))).statusCode).toBe(204);
    const s = await login(t.app, o.username, PASSWORD);
    const off = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/${o.userId}/disable`);
    expect(off.json()).toEqual({ disabled: true });
    expect((await call(t.app, s, "GET", "/api/auth/me")).statusCode).toBe(401);
    const [{ n }] = (await q<{ n: string }>(
      sql`select count(*)::text as n from sessions where user_id = ${o.userId}`,
    )) as [{ n: string }];
    expect(n).toBe("0");
    expect((await signIn(o.username, PASSWORD)).statusCode).toBe(401);
    const list = await call(t.app, admin, "GET", `/api/org/units/${thuanHoa}/staff`);
    expect(list.json().items.find((x: { userId: string }) => x.userId === o.userId).disabled).toBe(true);
    const on = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/${o.userId}/enable`);
    expect(on.json()).toEqual({ disabled: false });
    expect((await signIn(o.username, PASSWORD)).statusCode).toBe(200);
  });

  it("not one's own account, not an official with a role outside one's units, not someone not at the unit", async () => {
    const self = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/${admin.userId}/disable`);
    expect(self.statusCode).toBe(409);
    const o = await invite();
    // The official also holds a role at Phú Xuân, outside this administrator's units.
    const pxAdmin = await login(t.app, "quantri.phuxuan");
    const grant = await call(t.app, pxAdmin, "POST", `/api/org/units/${phuXuan}/roles`, {
      userId: o.userId,
      role: "specialist",
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const refused = await call(t.app, admin, "POST", `/api/org/units/${thuanHoa}/staff/${o.userId}/disable`);
    expect(refused.statusCode).toBe(403);
    const [u] = await q<{ disabled_at: string | null }>(
      sql`select disabled_at from users where id = ${o.userId}`,
    );
    expect(u!.disabled_at).toBeNull();
    const stranger = await call(
      t.app,
      admin,
      "POST",
      `/api/org/units/${thuanHoa}/staff/${pxAdmin.userId}/disable`,
    );
    expect(stranger.statusCode).toBe(404);
  });
});

describe("correcting an official's name or contact", () => {
  const edit = (userId: string, body: Record<string, unknown>, by = admin) =>
    call(t.app, by, "PATCH", `/api/org/units/${thuanHoa}/staff/${userId}`, body);

  it("a pending invitation follows a corrected e-mail: the link sent to the mistyped address stops working", async () => {
    const o = await invite();
    const mistyped = await tokenMailedTo(o.email, "account.invited");
    const email = `dung.${unique()}@motcua.example`;
    const res = await edit(o.userId, { email: `  ${email.toUpperCase()} `, fullName: "Trần Thị Đúng" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      email,
      fullName: "Trần Thị Đúng",
      changed: ["fullName", "email"],
      inviteExpiresAt: expect.any(String),
    });
    expect((await confirm(mistyped)).statusCode).toBe(400);
    const token = await tokenMailedTo(email, "account.invited");
    expect((await mailsTo(email, "account.invited"))[0]!.payload).toMatchObject({
      fullName: "Trần Thị Đúng",
    });
    expect((await confirm(token)).statusCode).toBe(204);
    expect((await signIn(o.username, PASSWORD)).statusCode).toBe(200);
    // Nobody is told at the mistyped address: it never belonged to the official.
    expect(await mailsTo(o.email, "account.contact_changed")).toEqual([]);
    // The audit names what changed, never the values.
    const [entry] = await q<{ details: unknown }>(
      sql`select details from audit_log where action = 'org.staff.edit' and target = ${o.userId}`,
    );
    expect(JSON.stringify(entry!.details)).toBe(JSON.stringify({ changed: ["fullName", "email"] }));
  });

  it("an active account: reset links to the old address end and the old address is told; the phone is encrypted and signs in", async () => {
    const o = await invite();
    expect((await confirm(await tokenMailedTo(o.email, "account.invited"))).statusCode).toBe(204);
    await call(t.app, null, "POST", "/api/auth/password-reset", { login: o.email });
    const oldLink = await tokenMailedTo(o.email, "account.password_reset");
    const email = `moi.${unique()}@motcua.example`;
    const phone = `09${String(Date.now()).slice(-8)}`;
    const res = await edit(o.userId, { email, phone, locale: "en" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ changed: ["email", "phone"], inviteExpiresAt: null, phone });
    expect((await confirm(oldLink, NEW_PASSWORD)).statusCode).toBe(400);
    const [told] = await mailsTo(o.email, "account.contact_changed");
    expect(told).toMatchObject({ locale: "en", payload: { email: true, phone: true } });
    expect(JSON.stringify(told!.payload)).not.toContain(email);
    expect(await mailsTo(email, "account.invited")).toEqual([]);
    const [row] = await q<{ phone: string; email: string }>(
      sql`select phone, email from users where id = ${o.userId}`,
    );
    expect(row!.email).toBe(email);
    expect(row!.phone).toMatch(/^v1\./);
    expect((await signIn(`+84 ${phone.slice(1)}`, PASSWORD)).statusCode).toBe(200);
    // Nothing to change: 200, nothing written, nobody told.
    const before = await counts();
    const same = await edit(o.userId, { email, phone });
    expect(same.json()).toMatchObject({ changed: [] });
    expect(await counts()).toEqual(before);
    // The phone removed: its sign-in goes with it.
    expect((await edit(o.userId, { phone: null })).json()).toMatchObject({ changed: ["phone"], phone: null });
    expect((await signIn(phone, PASSWORD)).statusCode).toBe(401);
  });

  it("refuses an empty or bad body, a taken e-mail, one's own account and an official beyond one's units: nothing written", async () => {
    const o = await invite();
    const other = await invite();
    const before = await counts();
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 400, "fullName"],
      [{ locale: "en" }, 400, "fullName"],
      [{ email: "not-an-address" }, 400, "email"],
      [{ fullName: " " }, 400, "fullName"],
      [{ phone: "12345" }, 400, "phone"],
      [{ username: "doi.ten" }, 400, ""],
      [{ email: other.email }, 409, "email"],
    ];
    for (const [body, status, field] of cases) {
      const res = await edit(o.userId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.json().message.en.length).toBeGreaterThan(0);
    }
    const self = await edit(admin.userId, { fullName: "Tự đổi tên" });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe("auth.self_edit");
    const pxAdmin = await login(t.app, "quantri.phuxuan");
    await call(t.app, pxAdmin, "POST", `/api/org/units/${phuXuan}/roles`, {
      userId: o.userId,
      role: "clerk",
    });
    const grants = await counts();
    expect((await edit(o.userId, { fullName: "Ngoài phạm vi" })).statusCode).toBe(403);
    const stranger = await edit(pxAdmin.userId, { fullName: "Người lạ" });
    expect(stranger.statusCode).toBe(404);
    const receptionist = await login(t.app, "tiepnhan.thuanhoa");
    expect((await edit(other.userId, { fullName: "Không được" }, receptionist)).statusCode).toBe(403);
    expect(await counts()).toEqual(grants);
    expect(Number(grants!.grants)).toBe(Number(before!.grants) + 1);
    const [u] = await q<{ full_name: string }>(sql`select full_name from users where id = ${o.userId}`);
    expect(u!.full_name).toBe(o.fullName);
  });
});

describe("one's own sessions", () => {
  it("lists them with this browser marked; ends one, then every other; never someone else's", async () => {
    const o = await invite();
    expect((await confirm(await tokenMailedTo(o.email, "account.invited"))).statusCode).toBe(204);
    const here = await login(t.app, o.username, PASSWORD);
    const desk = await login(t.app, o.username, PASSWORD);
    const home = await login(t.app, o.username, PASSWORD);
    const list = await call(t.app, here, "GET", "/api/auth/sessions");
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; current: boolean; ip: string | null }[];
    expect(items).toHaveLength(3);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    // The ids are the tokens' hashes: the list never shows a cookie.
    for (const s of items) expect(s.id).toMatch(/^[0-9a-f]{64}$/);
    expect(list.body).not.toContain(here.cookie.split("=")[1]!);
    const deskId = sessionIdOf(desk.cookie.split("=")[1]!);
    expect((await call(t.app, here, "DELETE", `/api/auth/sessions/${deskId}`)).statusCode).toBe(204);
    expect((await call(t.app, desk, "GET", "/api/auth/me")).statusCode).toBe(401);
    // Another person's session is not found, and stays.
    const theirs = sessionIdOf(admin.cookie.split("=")[1]!);
    expect((await call(t.app, here, "DELETE", `/api/auth/sessions/${theirs}`)).statusCode).toBe(404);
    expect((await call(t.app, admin, "GET", "/api/auth/me")).statusCode).toBe(200);
    const others = await call(t.app, here, "POST", "/api/auth/sessions/end-others");
    expect(others.json()).toEqual({ ended: 1 });
    expect((await call(t.app, home, "GET", "/api/auth/me")).statusCode).toBe(401);
    expect((await call(t.app, here, "GET", "/api/auth/me")).statusCode).toBe(200);
    // Ending this browser's own session signs it out (the cookie is cleared).
    const mine = await call(
      t.app,
      here,
      "DELETE",
      `/api/auth/sessions/${sessionIdOf(here.cookie.split("=")[1]!)}`,
    );
    expect(mine.statusCode).toBe(204);
    expect(mine.cookies.find((c) => c.name === "motcua_sid")?.value).toBe("");
    expect((await call(t.app, here, "GET", "/api/auth/me")).statusCode).toBe(401);
    const bad = await call(t.app, admin, "DELETE", "/api/auth/sessions/not-a-session");
    expect(bad.statusCode).toBe(400);
  });
});
