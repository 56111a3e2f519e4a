// Account administration end to end, in the real app with the real mail: Phường Thuận Hóa's
// administrator adds an official on "Cán bộ" (a taken user name is refused under its field) with a
// mistyped e-mail, corrects it (the invitation follows; the first link stops working), sends the
// invitation again (the earlier link stops working), and the official activates the account
// through the e-mailed link and signs in; the official forgets the password, resets it through the
// mailed link, and only the new one works; changes it from the user menu (other sessions end, this
// one goes on, twice in a row with the renewed CSRF token); the administrator adds and revokes a
// role, disables the account (sign-in refused, the open session gone) and enables it again.
// A citizen's password page on the portal shows the server's "wrong current password" by its field;
// a citizen changes their e-mail through the link sent to the new address.
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { demoCitizen } from "../src/demo/demo-data.ts";
import {
  baseUrl,
  DEMO_PASSWORD,
  expectCount,
  expectHidden,
  expectInvalid,
  expectNoSeriousA11yViolations,
  expectPath,
  expectText,
  expectVisible,
  loginAs,
  msg,
  newSession,
  openAdminMenu,
  type Session,
  saveFailureScreenshot,
  sharedBrowser,
  submitLogin,
  withSession,
} from "./browser.ts";
import { choose, expectNoSideways } from "./journey-helpers.ts";

const browser = sharedBrowser();

const ADMIN = "quantri.thuanhoa";
const stamp = Date.now().toString(36);
const official = {
  username: `canbo.e2e.${stamp}`,
  fullName: "Trần Thị Kiểm Thử",
  email: `canbo.e2e.${stamp}@motcua.example`,
};
/** The address first typed for the official (the domain misspelt), corrected in the edit form. */
const mistyped = `canbo.e2e.${stamp}@motcua.exmaple`;
/** The official's passwords, in the order the tests set them (letters and digits, not common). */
const PASSWORDS = {
  activated: `Kich-hoat-${stamp}-7`,
  reset: `Dat-lai-${stamp}-8`,
  changed: `Doi-lan-mot-${stamp}-9`,
  changedAgain: `Doi-lan-hai-${stamp}-6`,
};

// ---------------------------------------------------------------------------------------------
// Mail: the set-password links the server sent to an address (the SMTP sink's file, in order).

const LINK = /https?:\/\/[^\s"'<>]+\/dat-mat-khau#t=[A-Za-z0-9_-]{43}/g;
/** A contact change's confirmation link. */
const CONTACT_LINK = /https?:\/\/[^\s"'<>]+\/xac-nhan-lien-he#t=[A-Za-z0-9_-]{43}/g;

/** The texts of the mails the server sent to an address, in order. */
function mailTextsTo(to: string): string[] {
  type Mail = { envelopeTo: string[]; text: string };
  return readFileSync(inject("mailFile"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Mail)
    .filter((mail) => mail.envelopeTo.includes(to))
    .map((mail) => mail.text);
}

function linksTo(to: string, pattern = LINK): string[] {
  return mailTextsTo(to).flatMap((text) => text.match(pattern) ?? []);
}

/** Waits for a set-password link to `to` that was not among `seen`, and adds it there. */
async function newLinkTo(to: string, seen: Set<string>, what: string, pattern = LINK): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        found = linksTo(to, pattern).find((link) => !seen.has(link));
        return found !== undefined;
      },
      {
        timeout: 30_000,
        interval: 250,
        message: `${what}: an e-mail to ${to} with a new link`,
      },
    )
    .toBe(true);
  seen.add(found!);
  return found!;
}

// ---------------------------------------------------------------------------------------------
// Screens.

const row = (page: Page, username: string) =>
  page.locator(`[data-testid="staff-row"][data-username="${username}"]`);

/** The administrator's "Cán bộ" page for Thuận Hóa (their unit, chosen by default), reached by the menu. */
async function openStaffPage(page: Page): Promise<void> {
  await openAdminMenu(page, msg("vi", "accounts.staff.menu"));
  await expectPath(page, "/admin/can-bo", "the Cán bộ menu link");
  await expectText(page.getByRole("heading", { level: 1 }), msg("vi", "accounts.staff.heading"), "heading");
  await expectVisible(page.getByTestId("staff-row"), "the unit's officials");
}

async function findOfficial(page: Page): Promise<Locator> {
  await page.getByTestId("staff-search").fill(official.username);
  const found = row(page, official.username);
  await expectCount(page.getByTestId("staff-row"), 1, "the search finds exactly the new official");
  return found;
}

async function expectStatus(found: Locator, status: "active" | "invited" | "disabled"): Promise<void> {
  await expect
    .poll(() => found.getByTestId("staff-status").getAttribute("data-status"), {
      timeout: 15_000,
      message: `the official's status should be ${status}`,
    })
    .toBe(status);
  await expectText(found.getByTestId("staff-status"), msg("vi", `accounts.staff.status.${status}`), "status");
}

/** Opens a set-password link; the page reads the token and takes it out of the address bar. */
async function openLink(page: Page, link: string): Promise<void> {
  const url = new URL(link);
  await page.goto(`${url.pathname}${url.hash}`);
  await expect
    .poll(() => page.getByTestId("set-password-page").getAttribute("data-state"), {
      timeout: 15_000,
      message: "the set-password page checked the link",
    })
    .not.toBe("checking");
  expect(new URL(page.url()).hash, "the token is gone from the address bar").toBe("");
}

async function setPassword(page: Page, password: string): Promise<void> {
  await page.getByTestId("set-password-new").fill(password);
  await page.getByTestId("set-password-confirm").fill(password);
  await page.getByTestId("set-password-submit").click();
}

async function expectSignInRefused(page: Page, login: string, password: string, what: string) {
  await submitLogin(page, login, password);
  await expectVisible(page.locator(".problem-alert"), `${what}: the sign-in error`);
  await expectPath(page, "/login", `${what}: stays on /login`);
  await expectHidden(page.getByTestId("user-menu-name"), `${what}: no back office`);
}

/** A session the test closes itself (several at once), with a screenshot when it fails. */
async function withSessions(run: (open: () => Promise<Session>) => Promise<void>): Promise<void> {
  const sessions: Session[] = [];
  try {
    await run(async () => {
      const session = await newSession(browser);
      sessions.push(session);
      return session;
    });
  } catch (error) {
    for (const s of sessions) await saveFailureScreenshot(s.page);
    throw error;
  } finally {
    for (const s of sessions) await s.context.close().catch(() => {});
  }
  for (const s of sessions) expect(s.pageErrors, "uncaught exceptions in the page").toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe("official accounts", () => {
  const seen = new Set<string>();

  it("(a) the unit administrator adds an official, the invitation arrives, the official activates the account and signs in", () =>
    withSessions(async (open) => {
      const admin = (await open()).page;
      await loginAs(admin, ADMIN);
      await openStaffPage(admin);

      // The search's empty state.
      await admin.getByTestId("staff-search").fill("không có ai tên này");
      await expectVisible(admin.getByTestId("staff-empty"), "the empty state of a search without match");
      await admin.getByTestId("staff-search").fill("");

      // The form; a user name already taken comes back under its field.
      await admin.getByTestId("staff-add").click();
      await expectVisible(admin.getByTestId("staff-form"), "the add-official form");
      await admin.getByTestId("staff-form-username").fill("tiepnhan.thuanhoa");
      await admin.getByTestId("staff-form-full-name").fill(official.fullName);
      await admin.getByTestId("staff-form-email").fill(mistyped);
      await choose(admin, admin.getByTestId("staff-form-role"), msg("vi", "roles.specialist"));
      await expectNoSeriousA11yViolations(admin, "the add-official form");
      await admin.getByTestId("staff-form-submit").click();
      await expectInvalid(admin.getByTestId("staff-form-username"), "the taken user name is marked invalid");
      await expectVisible(
        admin.locator(".ant-form-item-has-error", { has: admin.getByTestId("staff-form-username") }),
        "the server's error under the user name",
      );

      await admin.getByTestId("staff-form-username").fill(official.username);
      await admin.getByTestId("staff-form-submit").click();
      await expectHidden(admin.getByTestId("staff-form"), "the form closes once the account exists");
      let found = await findOfficial(admin);
      await expectText(found.getByTestId("staff-name"), official.fullName, "the new official's name");
      await expectText(found, msg("vi", "roles.specialist"), "the new official's role");
      await expectStatus(found, "invited");
      const toMistyped = await newLinkTo(mistyped, seen, "the invitation to the mistyped address");

      // The address was mistyped: corrected in "Sửa thông tin" (an address another official has
      // comes back under its field first); the invitation follows the corrected address.
      await found.getByTestId("staff-edit").click();
      await expectVisible(admin.getByTestId("staff-edit-form"), "the edit form");
      expect(await admin.getByTestId("staff-edit-email").inputValue(), "the form shows the address").toBe(
        mistyped,
      );
      await admin.getByTestId("staff-edit-email").fill("tiepnhan.th@motcua.example");
      await admin.getByTestId("staff-edit-form-submit").click();
      await expectInvalid(
        admin.getByTestId("staff-edit-email"),
        "an address another official has is marked invalid",
      );
      await expectNoSeriousA11yViolations(admin, "the edit-official form");
      await admin.getByTestId("staff-edit-email").fill(official.email);
      await admin.getByTestId("staff-edit-form-submit").click();
      await expectHidden(admin.getByTestId("staff-edit-form"), "the edit form closes once saved");
      await expectText(found, official.email, "the corrected address in the list");
      const first = await newLinkTo(official.email, seen, "the invitation to the corrected address");

      // Sent again: a new link, and the first one stops working.
      await found.getByTestId("staff-resend").click();
      const second = await newLinkTo(official.email, seen, "the invitation sent again");
      expect(second).not.toBe(first);

      const visitor = (await open()).page;
      await openLink(visitor, toMistyped);
      await expectVisible(
        visitor.getByTestId("set-password-invalid"),
        "the link sent to the mistyped address no longer works",
      );
      await openLink(visitor, first);
      await expectVisible(visitor.getByTestId("set-password-invalid"), "the first link no longer works");
      await visitor.getByTestId("set-password-request-new").click();
      await expectPath(visitor, "/quen-mat-khau", "the invalid link leads to the forgotten-password page");

      await openLink(visitor, second);
      await expectText(
        visitor.getByRole("heading", { level: 1 }),
        msg("vi", "accounts.setPassword.inviteHeading"),
        "an invitation link activates the account",
      );
      await expectText(visitor.getByTestId("set-password-intro"), official.fullName, "whose account");
      expect(await visitor.getByTestId("set-password-username").inputValue(), "the user name").toBe(
        official.username,
      );
      await visitor.setViewportSize({ width: 375, height: 812 });
      await expectNoSideways(visitor, "the activation page");
      await expectNoSeriousA11yViolations(visitor, "the activation page (375 px)");
      await visitor.setViewportSize({ width: 1366, height: 900 });

      // The confirmation must match before anything is sent.
      await visitor.getByTestId("set-password-new").fill(PASSWORDS.activated);
      await visitor.getByTestId("set-password-confirm").fill(`${PASSWORDS.activated}x`);
      await visitor.getByTestId("set-password-submit").click();
      await expectVisible(
        visitor.getByText(msg("vi", "accounts.password.confirmMismatch")),
        "the mismatch error",
      );
      await setPassword(visitor, PASSWORDS.activated);
      await expectPath(visitor, "/login", "after activation the official signs in");
      await expectText(visitor.getByTestId("flash"), msg("vi", "accounts.setPassword.activated"), "flash");

      await loginAs(visitor, official.username, PASSWORDS.activated);
      await expectText(visitor.getByTestId("user-menu-name"), official.fullName, "the official's name");

      // The link is used up.
      await openLink(visitor, second);
      await expectVisible(visitor.getByTestId("set-password-invalid"), "a used link");

      await admin.reload();
      found = await findOfficial(admin);
      await expectStatus(found, "active");
      await expectHidden(found.getByTestId("staff-resend"), "no invitation to resend once active");
    }));

  it("(b) a forgotten password: the neutral answer, the mailed link, then only the new password works", () =>
    withSession(browser, async (page) => {
      // Nobody has this login: the same neutral confirmation.
      await page.goto("/login");
      await page.getByTestId("login-forgot").click();
      await expectPath(page, "/quen-mat-khau", "the forgotten-password link");
      await page.getByTestId("forgot-login").fill(`nobody-${stamp}@motcua.example`);
      await page.getByTestId("forgot-submit").click();
      await expectText(page.getByTestId("forgot-sent"), msg("vi", "accounts.forgot.sent"), "neutral answer");

      await page.getByTestId("forgot-again").click();
      await page.getByTestId("forgot-login").fill(official.username);
      await page.getByTestId("forgot-submit").click();
      await expectVisible(page.getByTestId("forgot-sent"), "the same answer for a real account");

      const link = await newLinkTo(official.email, seen, "the reset e-mail");
      await openLink(page, link);
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "accounts.setPassword.resetHeading"),
        "a reset link",
      );
      await setPassword(page, PASSWORDS.reset);
      await expectPath(page, "/login", "after the reset");
      await expectText(page.getByTestId("flash"), msg("vi", "accounts.setPassword.resetDone"), "flash");

      await expectSignInRefused(page, official.username, PASSWORDS.activated, "the old password");
      await loginAs(page, official.username, PASSWORDS.reset);
    }));

  it("(c) the official changes the password from the user menu: other sessions end, this one goes on", () =>
    withSessions(async (open) => {
      const other = (await open()).page;
      await loginAs(other, official.username, PASSWORDS.reset);
      const page = (await open()).page;
      await loginAs(page, official.username, PASSWORDS.reset);

      await page.getByTestId("user-menu").click();
      await page.getByTestId("user-menu-password").click();
      await expectPath(page, "/admin/doi-mat-khau", "the user menu's change-password item");

      // A wrong current password comes back under its field.
      await page.getByTestId("change-password-current").fill("Sai-mat-khau-123");
      await page.getByTestId("change-password-new").fill(PASSWORDS.changed);
      await page.getByTestId("change-password-confirm").fill(PASSWORDS.changed);
      await page.getByTestId("change-password-submit").click();
      await expectInvalid(
        page.getByTestId("change-password-current"),
        "the wrong current password is marked invalid",
      );

      await page.getByTestId("change-password-current").fill(PASSWORDS.reset);
      await page.getByTestId("change-password-submit").click();
      await expectPath(page, "/admin", "back to the overview after the change");
      await expectText(page.getByTestId("flash"), msg("vi", "accounts.changePassword.done"), "flash");
      await expectText(page.getByTestId("user-menu-name"), official.fullName, "still signed in");

      // The other browser's session has ended.
      await other.goto("/admin");
      await expectPath(other, "/login", "the other session is gone");

      // Again in the same page, without a reload: the client sends the renewed CSRF token.
      await page.getByTestId("user-menu").click();
      await page.getByTestId("user-menu-password").click();
      await expectPath(page, "/admin/doi-mat-khau", "the change-password page again");
      await page.getByTestId("change-password-current").fill(PASSWORDS.changed);
      await page.getByTestId("change-password-new").fill(PASSWORDS.changedAgain);
      await page.getByTestId("change-password-confirm").fill(PASSWORDS.changedAgain);
      await page.getByTestId("change-password-submit").click();
      await expectPath(page, "/admin", "the second change succeeds");

      await page.reload();
      await expectText(page.getByTestId("user-menu-name"), official.fullName, "signed in after a reload");
      await expectSignInRefused(other, official.username, PASSWORDS.changed, "the first new password");
      await loginAs(other, official.username, PASSWORDS.changedAgain);

      // The sessions on the same page: this browser marked, the other one signed out from here.
      await page.getByTestId("user-menu").click();
      await page.getByTestId("user-menu-password").click();
      await expectPath(page, "/admin/doi-mat-khau", "the change-password page with the sessions");
      const rows = page.getByTestId("session-row");
      await expect.poll(() => rows.count(), { timeout: 15_000, message: "two sessions listed" }).toBe(2);
      await expect
        .poll(() => page.locator('[data-testid="session-row"][data-current="true"]').count(), {
          message: "this browser marked",
        })
        .toBe(1);
      await page.getByTestId("sessions-end-others").click();
      await page.getByTestId("sessions-end-others-confirm").click();
      await expect.poll(() => rows.count(), { timeout: 15_000, message: "one session left" }).toBe(1);
      await other.goto("/admin");
      await expectPath(other, "/login", "the other browser was signed out from the list");
      await loginAs(other, official.username, PASSWORDS.changedAgain);
    }));

  it("(d) the administrator adds and revokes a role, disables the official (sign-in refused) and enables them again", () =>
    withSessions(async (open) => {
      const own = (await open()).page;
      await loginAs(own, official.username, PASSWORDS.changedAgain);
      const admin = (await open()).page;
      await loginAs(admin, ADMIN);
      await openStaffPage(admin);
      // On a phone: the menu folds away, the table scrolls within its card.
      await admin.setViewportSize({ width: 375, height: 812 });
      await expectVisible(admin.getByTestId("admin-menu-toggle"), "the menu button on a phone");
      await expectNoSideways(admin, "the Cán bộ page");
      await expectNoSeriousA11yViolations(admin, "the Cán bộ page (375 px)");
      await admin.setViewportSize({ width: 1366, height: 900 });
      const found = await findOfficial(admin);

      // Add a role, then revoke it (confirmed).
      await found.getByTestId("staff-add-role").click();
      await expectVisible(admin.getByTestId("staff-role-form"), "the add-role form");
      await choose(admin, admin.getByTestId("staff-role-select"), msg("vi", "roles.clerk"));
      await admin.getByTestId("staff-role-submit").click();
      await expectHidden(admin.getByTestId("staff-role-form"), "the add-role form closes");
      await expectCount(found.getByTestId("staff-role"), 2, "two roles");
      await found
        .locator('[data-testid="staff-role"][data-role="clerk"]')
        .getByTestId("staff-revoke")
        .click();
      await admin.getByTestId("staff-revoke-confirm").click();
      await expectCount(found.getByTestId("staff-role"), 1, "the clerk role revoked");
      await expectText(found, msg("vi", "roles.specialist"), "the first role stays");

      // Disable (confirmed): the open session ends and sign-in is refused.
      await found.getByTestId("staff-disable").click();
      await admin.getByTestId("staff-disable-confirm").click();
      await expectStatus(found, "disabled");
      await own.goto("/admin");
      await expectPath(own, "/login", "the disabled official's session is gone");
      await expectSignInRefused(own, official.username, PASSWORDS.changedAgain, "a disabled account");

      // Enabled again: signs in.
      await found.getByTestId("staff-enable").click();
      await admin.getByTestId("staff-enable-confirm").click();
      await expectStatus(found, "active");
      await loginAs(own, official.username, PASSWORDS.changedAgain);
    }));

  it("a citizen's change-password page on the portal: reached from the menu, a wrong current password shown by its field", () =>
    withSession(browser, async (page) => {
      await submitLogin(page, demoCitizen.email, DEMO_PASSWORD);
      await expectPath(page, "/", "the citizen lands on the portal");
      await page.getByTestId("portal-change-password").click();
      await expectPath(page, "/doi-mat-khau", "the portal's change-password link");
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "accounts.changePassword.heading"),
        "heading",
      );
      await page.getByTestId("change-password-current").fill("Sai-mat-khau-123");
      await page.getByTestId("change-password-new").fill(`Cong-dan-${stamp}-5`);
      await page.getByTestId("change-password-confirm").fill(`Cong-dan-${stamp}-5`);
      await page.getByTestId("change-password-submit").click();
      await expectInvalid(
        page.getByTestId("change-password-current"),
        "the wrong current password is marked invalid",
      );
      await expectPath(page, "/doi-mat-khau", "nothing changed: still on the page");
    }));

  it("(e) a citizen changes their e-mail: a link goes to the new address, confirmed on its page; the old address is told", () =>
    withSessions(async (open) => {
      // A citizen of this test alone (the demo citizen's address is used by other tests).
      const oldEmail = `congdan.e2e.${stamp}@motcua.example`;
      const newEmail = `congdan.moi.${stamp}@motcua.example`;
      const password = `Cong-dan-${stamp}-4`;
      const registered = await fetch(`${baseUrl()}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ fullName: "Lê Văn Liên Hệ", email: oldEmail, password }),
      });
      expect(registered.status, await registered.text()).toBe(201);

      const page = (await open()).page;
      await submitLogin(page, oldEmail, password);
      await expectPath(page, "/", "the citizen lands on the portal");
      await page.getByTestId("portal-change-password").click();
      await expectPath(page, "/doi-mat-khau", "the account page");
      await expectText(page.getByTestId("contact-current-email"), oldEmail, "the current e-mail");
      // A wrong current password comes back under its field; nothing is sent.
      await page.getByTestId("contact-value").fill(newEmail);
      await page.getByTestId("contact-password").fill("Sai-mat-khau-123");
      await page.getByTestId("contact-submit").click();
      await expectInvalid(
        page.getByTestId("contact-password"),
        "the wrong current password is marked invalid",
      );
      await page.getByTestId("contact-password").fill(password);
      await page.getByTestId("contact-submit").click();
      await expectVisible(page.getByTestId("contact-sent"), "the link was sent");
      await expectText(page.getByTestId("contact-sent"), "co***@motcua.example", "to the masked new address");
      await expectNoSeriousA11yViolations(page, "the account page with the contact form");
      expect(linksTo(oldEmail, CONTACT_LINK), "no confirmation link to the old address").toEqual([]);

      const link = await newLinkTo(newEmail, new Set(), "the confirmation", CONTACT_LINK);
      const other = (await open()).page;
      const url = new URL(link);
      await other.goto(`${url.pathname}${url.hash}`);
      await expectVisible(other.getByTestId("confirm-contact-intro"), "the confirmation page");
      expect(new URL(other.url()).hash, "the token is gone from the address bar").toBe("");
      await expectText(other.getByTestId("confirm-contact-intro"), "Lê Văn Liên Hệ", "whose account");
      await other.setViewportSize({ width: 375, height: 812 });
      await expectNoSideways(other, "the confirmation page");
      await expectNoSeriousA11yViolations(other, "the confirmation page (375 px)");
      await other.getByTestId("confirm-contact-submit").click();
      await expectVisible(other.getByTestId("confirm-contact-done"), "the change is confirmed");
      // Used: the same link no longer works.
      await other.goto(`${url.pathname}${url.hash}`);
      await expectVisible(other.getByTestId("confirm-contact-invalid"), "the used link");

      await page.reload();
      await expectText(
        page.getByTestId("contact-current-email"),
        newEmail,
        "the new e-mail on the account page",
      );
      await expect
        .poll(
          () =>
            mailTextsTo(oldEmail).some((text) => text.includes("Ông/bà đã xác nhận thay đổi thư điện tử")),
          {
            timeout: 30_000,
            message: "the old address is told of the change",
          },
        )
        .toBe(true);
    }));
});
