// One's own e-mail or phone, changed by its owner, on both databases: the current password is
// asked (a wrong one counts towards the lockout), a link goes to the new address and only that
// link makes the change; the old address is told; a contact link cannot set a password, and a
// password link cannot change a contact. Refused requests change nothing.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { mailsTo as mails, tokenMailedTo } from "../../../test/account-mail.ts";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { sessionIdOf } from "../../plugins/session.ts";

const t = setupTestApp();
const q = <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);
const PASSWORD = "Sen-Hue-2026-xanh";

const unique = () => randomUUID().slice(0, 8);
let phoneSeq = 0;
/** A fresh, valid mobile number for each use (10 digits starting with 09). */
const newPhone = () => `09${String(Date.now() % 1e7).padStart(7, "0")}${phoneSeq++ % 10}`;
const mailsTo = (address: string, template: string) => mails(t.database.db, address, template);
const contactToken = (address: string) =>
  tokenMailedTo(t.database.db, address, "account.contact_verify", "/xac-nhan-lien-he");

/** A citizen registered with an e-mail and a password, signed in. */
async function citizen(): Promise<{ email: string; session: Session }> {
  const email = `congdan.${unique()}@motcua.example`;
  const res = await t.app.inject({
    method: "POST",
    url: "/api/auth/register",
    payload: { fullName: "Lê Thị Liên Hệ", email, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { email, session: await login(t.app, email, PASSWORD) };
}

const request = (s: Session, body: Record<string, unknown>) =>
  call(t.app, s, "POST", "/api/auth/contact", body);
const confirm = (token: string) => call(t.app, null, "POST", "/api/auth/contact/confirm", { token });
const emailOf = async (userId: string) =>
  (await q<{ email: string | null }>(sql`select email from users where id = ${userId}`))[0]!.email;
const counts = async () =>
  (
    await q<{ tokens: string; outbox: string; failed: string }>(sql`
      select (select count(*) from account_tokens)::text as tokens, (select count(*) from outbox)::text as outbox,
             (select coalesce(sum(failed_logins), 0) from users)::text as failed`)
  )[0];

let other: { email: string; session: Session };
beforeAll(async () => {
  other = await citizen();
});

describe("changing one's own e-mail", () => {
  it("a link to the new address makes the change, once; the old address is told; sign-in follows", async () => {
    const c = await citizen();
    const email = `moi.${unique()}@motcua.example`;
    const res = await request(c.session, {
      currentPassword: PASSWORD,
      email: email.toUpperCase(),
      locale: "en",
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: "email", sentTo: `${email.slice(0, 2)}***@motcua.example` });
    // Nothing changes before the link is used.
    expect(await emailOf(c.session.userId)).toBe(c.email);
    const token = await contactToken(email);
    const [mail] = await mailsTo(email, "account.contact_verify");
    expect(mail).toMatchObject({ locale: "en", payload: { kind: "email" } });
    // The new value is encrypted in the token's row.
    const [row] = await q<{ new_contact: string }>(
      sql`select new_contact from account_tokens where user_id = ${c.session.userId} and purpose = 'contact'`,
    );
    expect(row!.new_contact).toMatch(/^v1\./);

    const info = await call(t.app, null, "POST", "/api/auth/contact/inspect", { token });
    expect(info.json()).toMatchObject({
      kind: "email",
      newContact: res.json().sentTo,
      fullName: "Lê Thị Liên Hệ",
    });
    // A contact link does not set a password, not even through the password page.
    const asPassword = await call(t.app, null, "POST", "/api/auth/password-reset/confirm", {
      token,
      newPassword: "Mat-khau-chiem-2027",
    });
    expect(asPassword.statusCode).toBe(400);
    expect((await call(t.app, null, "POST", "/api/auth/account-token", { token })).statusCode).toBe(400);

    const done = await confirm(token);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ kind: "email", contact: res.json().sentTo });
    expect(await emailOf(c.session.userId)).toBe(email);
    expect((await confirm(token)).statusCode).toBe(400);
    const [told] = await mailsTo(c.email, "account.contact_changed");
    expect(told!.payload).toMatchObject({ by: "owner", email: true, phone: false });
    expect(JSON.stringify(told!.payload)).not.toContain(email);
    // Signs in with the new address, no longer with the old one; the session goes on.
    expect((await call(t.app, c.session, "GET", "/api/auth/me")).json().user.email).toBe(email);
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: email, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: c.email, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
  });

  it("a reset link sent to the old address stops working once the new one is confirmed; a newer request ends the earlier link", async () => {
    const c = await citizen();
    await call(t.app, null, "POST", "/api/auth/password-reset", { login: c.email });
    const reset = await tokenMailedTo(t.database.db, c.email, "account.password_reset");
    const first = `mot.${unique()}@motcua.example`;
    const second = `hai.${unique()}@motcua.example`;
    expect((await request(c.session, { currentPassword: PASSWORD, email: first })).statusCode).toBe(202);
    const firstToken = await contactToken(first);
    expect((await request(c.session, { currentPassword: PASSWORD, email: second })).statusCode).toBe(202);
    expect((await confirm(firstToken)).statusCode).toBe(400);
    expect((await confirm(await contactToken(second))).statusCode).toBe(200);
    const late = await call(t.app, null, "POST", "/api/auth/password-reset/confirm", {
      token: reset,
      newPassword: "Mat-khau-cu-2027-xx",
    });
    expect(late.statusCode).toBe(400);
  });

  it("an address another account took meanwhile is refused at confirmation, and the link stays unused", async () => {
    const c = await citizen();
    const email = `tranh.${unique()}@motcua.example`;
    expect((await request(c.session, { currentPassword: PASSWORD, email })).statusCode).toBe(202);
    const token = await contactToken(email);
    const taker = await t.app.inject({
      method: "POST",
      url: "/api/auth/register",
      payload: { fullName: "Người Khác", email, password: PASSWORD },
    });
    expect(taker.statusCode).toBe(201);
    const res = await confirm(token);
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0]).toMatchObject({ field: "email", code: "taken" });
    expect(await emailOf(c.session.userId)).toBe(c.email);
    const [row] = await q<{ used_at: string | null }>(
      sql`select used_at from account_tokens where user_id = ${c.session.userId} and purpose = 'contact'`,
    );
    expect(row!.used_at).toBeNull();
  });
});

describe("changing one's own phone", () => {
  it("an SMS link to the new phone; the phone is encrypted and signs in", async () => {
    const c = await citizen();
    const phone = newPhone();
    const res = await request(c.session, { currentPassword: PASSWORD, phone });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: "phone", sentTo: `${phone.slice(0, 3)}****${phone.slice(-3)}` });
    const [sms] = await mailsTo(phone, "account.contact_verify");
    expect(sms).toMatchObject({ channel: "sms", payload: { kind: "phone" } });
    expect((await confirm(await contactToken(phone))).statusCode).toBe(200);
    const [u] = await q<{ phone: string }>(sql`select phone from users where id = ${c.session.userId}`);
    expect(u!.phone).toMatch(/^v1\./);
    expect((await call(t.app, c.session, "GET", "/api/auth/me")).json().user).toMatchObject({
      phone,
      hasPassword: true,
    });
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: phone, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
    const [told] = await mailsTo(c.email, "account.contact_changed");
    expect(told!.payload).toMatchObject({ by: "owner", email: false, phone: true });
  });
});

describe("refusals", () => {
  it("a wrong current password (counted), both or neither contact, the current one, a taken one, a bad one: nothing sent", async () => {
    const c = await citizen();
    const before = await counts();
    const wrong = await request(c.session, {
      currentPassword: "Sai-mat-khau-1",
      email: `x.${unique()}@motcua.example`,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: "currentPassword", code: "wrong_password" });
    const [{ failed }] = (await q<{ failed: number }>(
      sql`select failed_logins as failed from users where id = ${c.session.userId}`,
    )) as [{ failed: number }];
    expect(failed).toBe(1);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ currentPassword: PASSWORD }, 400, "email"],
      [{ currentPassword: PASSWORD, email: `y.${unique()}@motcua.example`, phone: newPhone() }, 400, "email"],
      [{ currentPassword: PASSWORD, email: c.email }, 400, "email"],
      [{ currentPassword: PASSWORD, email: other.email }, 409, "email"],
      [{ currentPassword: PASSWORD, email: "khong-phai-email" }, 400, "email"],
      [{ currentPassword: PASSWORD, phone: "12345" }, 400, "phone"],
      [{ email: `z.${unique()}@motcua.example` }, 400, "currentPassword"],
    ];
    for (const [body, status, field] of cases) {
      const res = await request(c.session, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.json().message.vi.length).toBeGreaterThan(0);
    }
    const after = await counts();
    expect({ ...after, failed: undefined }).toEqual({ ...before, failed: undefined });
    expect(
      (await call(t.app, null, "POST", "/api/auth/contact", { currentPassword: PASSWORD, email: "a@b.vn" }))
        .statusCode,
    ).toBe(401);
    // A malformed or unknown token: the same field error as a used one.
    for (const token of ["ngan", "A".repeat(43)]) {
      const res = await confirm(token);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe("token");
    }
  });

  it("an account that signs in only with the e-ID has no password to confirm with", async () => {
    const eid = await q<{ id: string }>(sql`
      insert into users (kind, full_name, oidc_issuer, oidc_subject)
      values ('citizen', 'Công Dân Định Danh', 'https://vneid.example', ${randomUUID()}) returning id`);
    const token = randomUUID() + randomUUID();
    await q(sql`insert into sessions (id, user_id, csrf_token, expires_at)
               values (${sessionIdOf(token)}, ${eid[0]!.id}, 'csrf-eid', now() + interval '1 hour')`);
    const s: Session = { cookie: `motcua_sid=${token}`, csrf: "csrf-eid", userId: eid[0]!.id };
    expect((await call(t.app, s, "GET", "/api/auth/me")).json().user.hasPassword).toBe(false);
    const res = await request(s, { currentPassword: "anything-1", email: `e.${unique()}@motcua.example` });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("auth.no_password");
  });
});
