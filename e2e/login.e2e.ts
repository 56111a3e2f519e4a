// Sign-in through the real form for every demo staff account and the demo citizen, sign-out, and
// the bilingual bad-credentials message.
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoCitizen, demoUnits, demoUsers } from "../src/demo/demo-data.ts";
import {
  expectHidden,
  expectPath,
  expectText,
  expectVisible,
  loginAs,
  msg,
  sharedBrowser,
  submitLogin,
  withSession,
} from "./browser.ts";

const STAFF = [
  "admin",
  "giamsat",
  "quantri.thuanhoa",
  "tiepnhan.thuanhoa",
  "chuyenvien.thuanhoa",
  "lanhdao.thuanhoa",
  "vanthu.thuanhoa",
  "tiepnhan.phuxuan",
  "quantri.phuxuan",
];

/** The unit's name today (the demo's current units are the ones without validTo). */
function unitName(code: string): string {
  const unit = demoUnits.find((u) => u.code === code && !u.validTo);
  if (!unit) throw new Error(`demo unit ${code} not found`);
  return unit.name;
}

const browser = sharedBrowser();

describe("staff sign-in and sign-out", () => {
  it.each(STAFF)("%s signs in, sees their name and roles, and signs out", async (username) => {
    const user = demoUsers.find((u) => u.username === username);
    expect(user, `demo user ${username} exists in src/demo/demo-data.ts`).toBeDefined();
    await withSession(browser, async (page) => {
      await loginAs(page, username);
      await expectText(page.getByTestId("user-menu-name"), user!.fullName, "the header's user name");
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "overview.heading"),
        "the overview heading",
      );

      // One row per grant: unit code, unit name and the role in words.
      const rows = page.getByTestId("roles-table").locator("tbody tr.ant-table-row");
      await expectVisible(rows, `the roles table of ${username}`);
      expect(await rows.count(), `roles table rows of ${username}`).toBe(user!.grants.length);
      for (const grant of user!.grants) {
        const row = rows.filter({ hasText: grant.unit }).filter({ hasText: unitName(grant.unit) });
        await expectVisible(row, `a roles row for unit ${grant.unit} (${unitName(grant.unit)})`);
        await expectText(row, msg("vi", `roles.${grant.role}`), `the role of ${username} at ${grant.unit}`);
      }

      // Sign out: back on the public login page, with the session gone on the server too.
      await page.getByTestId("logout").click();
      await expectPath(
        page,
        "/login",
        `after signing out, ${username} should land on the public /login page`,
      );
      await expectVisible(page.getByTestId("login-username"), "the login form after signing out");
      await expectVisible(page.getByText(msg("vi", "admin.loggedOut")), "the signed-out notice");
      await expectHidden(page.getByTestId("user-menu-name"), "the back-office header after signing out");
      const me = await page.request.get("/api/auth/me");
      expect(me.status(), "GET /api/auth/me after signing out").toBe(401);
    });
  });

  it("a signed-out visit to /admin/org goes to /login and, after signing in, back to /admin/org", () =>
    withSession(browser, async (page) => {
      await page.goto("/admin/org");
      await expectPath(page, "/login", "opening /admin/org signed out should redirect to /login");
      expect(new URL(page.url()).searchParams.get("next"), "the ?next= return path").toBe("/admin/org");
      await page.getByTestId("login-username").fill("giamsat");
      await page.getByTestId("login-password").fill(DEMO_PASSWORD);
      await page.getByTestId("login-submit").click();
      await expectPath(page, "/admin/org", "after signing in, the user should be back on /admin/org");
      await expectVisible(page.getByTestId("org-tree"), "the organisation tree");
    }));
});

describe("switching users in one tab", () => {
  it("after admin signs out, the next user in the same tab sees their own name, roles and menu", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "admin");
      await expectVisible(
        page.locator(".admin-sider nav").getByRole("link", { name: msg("vi", "admin.audit"), exact: true }),
        "the audit menu item for admin",
      );
      await page.getByTestId("logout").click();
      await expectPath(page, "/login", "after signing out");

      // Same page, no reload: the SPA must not keep anything of the previous session.
      await page.getByTestId("login-username").fill("tiepnhan.phuxuan");
      await page.getByTestId("login-password").fill(DEMO_PASSWORD);
      await page.getByTestId("login-submit").click();
      await expectPath(page, "/admin", "after the second sign-in");
      await expectText(page.getByTestId("user-menu-name"), "Võ Thị Xuân", "the second user's name");
      const rows = page.getByTestId("roles-table").locator("tbody tr.ant-table-row");
      await expectText(rows.first(), "46.19774", "the second user's unit");
      expect(await rows.count(), "roles rows of the second user").toBe(1);
      expect(
        await page
          .locator(".admin-sider nav")
          .getByRole("link", { name: msg("vi", "admin.audit"), exact: true })
          .count(),
        "the audit menu item must be gone for the receptionist",
      ).toBe(0);
    }));
});

describe("citizen sign-in", () => {
  it("the demo citizen signs in with their email and lands on the portal, not the back office", async () => {
    await withSession(browser, async (page) => {
      await submitLogin(page, demoCitizen.email, DEMO_PASSWORD);
      await expectPath(page, "/", "a citizen should land on the portal home page after signing in");
      await expectVisible(
        page.getByText(msg("vi", "login.signedIn", { name: demoCitizen.fullName })),
        "the welcome message with the citizen's name",
      );
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "home.heading"),
        "the portal home heading",
      );
      const me = await page.request.get("/api/auth/me");
      expect(me.status(), "GET /api/auth/me for the signed-in citizen").toBe(200);
      const body = (await me.json()) as { user: { kind: string; fullName: string } };
      expect(body.user, "the signed-in user").toMatchObject({
        kind: "citizen",
        fullName: demoCitizen.fullName,
      });

      // The back office refuses citizen accounts.
      await page.goto("/admin");
      await expectVisible(page.getByText(msg("vi", "admin.citizenNotice")), "the citizen notice on /admin");
      await expectHidden(page.getByTestId("user-menu-name"), "the back-office header for a citizen");
    });
  });
});

describe("bad credentials", () => {
  it("a wrong password shows the Vietnamese error, and the English one after switching the language", async () => {
    await withSession(browser, async (page) => {
      // One failed attempt only (lockout is after 5 per user).
      await submitLogin(page, "giamsat", "not-the-password");
      const alert = page.locator(".problem-alert");
      await expectText(alert, "Tên đăng nhập hoặc mật khẩu không đúng.", "the error alert in Vietnamese");
      await expectPath(page, "/login", "a failed sign-in stays on /login");
      await expectHidden(page.getByTestId("user-menu-name"), "the back-office header after a failed sign-in");

      await page.getByTestId("lang-switch").click();
      await expectText(
        alert,
        "Wrong username or password.",
        "the same error alert after switching to English",
      );
      expect(await page.locator("html").getAttribute("lang"), "<html lang> after switching").toBe("en");
      expect(await alert.textContent(), "the alert no longer shows the Vietnamese text").not.toContain(
        "Tên đăng nhập",
      );
    });
  });
});
