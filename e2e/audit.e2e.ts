// Audit log screen: entries (including sign-ins) and the hash-chain check; hidden from roles
// without audit rights.
import { describe, expect, it } from "vitest";
import {
  expectPath,
  expectText,
  expectVisible,
  loginAs,
  msg,
  openAdminMenu,
  sharedBrowser,
  withSession,
} from "./browser.ts";

const browser = sharedBrowser();

describe("audit log", () => {
  it("admin sees entries including auth.login and verifies the chain", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "admin");
      await openAdminMenu(page, msg("vi", "admin.audit"));
      await expectPath(page, "/admin/audit", "the audit menu link should open /admin/audit");
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "audit.heading"),
        "the audit heading",
      );

      const rows = page.getByTestId("audit-table").locator("tbody tr.ant-table-row");
      await expectVisible(rows, "audit log rows");
      // This very sign-in is logged, newest first, so it is on the first page: a successful
      // auth.login whose target is the admin's user id.
      const me = (await (await page.request.get("/api/auth/me")).json()) as { user: { id: string } };
      const logins = rows.filter({ has: page.locator("code", { hasText: /^auth\.login$/ }) });
      await expectVisible(logins, "an auth.login row in the audit log");
      const ownLogin = logins.filter({ hasText: me.user.id }).first();
      await expectVisible(ownLogin, `the auth.login row of this sign-in (target ${me.user.id})`);
      await expectText(ownLogin.locator(".outcome-tag"), "200", "the outcome of this sign-in");
      await expectVisible(
        page.getByText(/^Tổng \d+ bản ghi$/),
        `the total count ("${msg("vi", "audit.total", { total: "N" })}")`,
      );

      await page.getByTestId("audit-verify").click();
      const result = page.getByTestId("audit-verify-result");
      await expectVisible(result, "the verification result");
      await expectText(result, "Chuỗi nhật ký toàn vẹn", "the verification result text");
      expect(await result.getAttribute("class"), "the result is shown as a success").toContain(
        "ant-alert-success",
      );
      const checked = Number((await result.textContent())?.match(/\((\d+) bản ghi/)?.[1] ?? 0);
      expect(checked, "number of entries checked").toBeGreaterThan(0);
    }));

  // BUG (reported): rows without a signed-in actor (every sign-in, since the session does not exist
  // yet when auth.login is audited) show the raw English label "anonymous" in the Vietnamese UI:
  // the server returns actorLabel "anonymous" as actorName (src/plugins/audit.ts,
  // src/modules/audit/audit.repository.ts) and AuditPage.tsx renders it as is.
  it("rows without a signed-in actor are labelled in the UI language, not with a raw English token", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "admin");
      await openAdminMenu(page, msg("vi", "admin.audit"));
      const rows = page.getByTestId("audit-table").locator("tbody tr.ant-table-row");
      const logins = rows.filter({ has: page.locator("code", { hasText: /^auth\.login$/ }) });
      await expectVisible(logins, "an auth.login row in the audit log");
      // Columns: seq, time, actor, action, outcome, target.
      const actors = await logins.locator("td:nth-child(3)").allTextContents();
      expect(
        actors.filter((actor) => actor.trim() === "anonymous"),
        'actor cells of auth.login rows in the Vietnamese UI showing the English "anonymous"',
      ).toEqual([]);
    }));

  it("a receptionist has no audit menu and gets the forbidden state on /admin/audit", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      expect(
        await page
          .locator(".admin-sider nav")
          .getByRole("link", { name: msg("vi", "admin.audit"), exact: true })
          .count(),
        "the audit menu item for a receptionist",
      ).toBe(0);
      await page.goto("/admin/audit");
      await expectVisible(page.getByText(msg("vi", "errors.forbidden")), "the forbidden notice");
      expect(await page.getByTestId("audit-table").count(), "the audit table for a receptionist").toBe(0);
    }));
});
