// The Content-Security-Policy against the real web app in Chromium: the policy's header, a control
// proving the `securitypolicyviolation` listener (browser.ts `watchCsp`) sees a blocked inline
// script, e-form validation without eval, and Swagger UI at /docs under its own policy. That every
// page of e2e/pages.ts loads with no CSP violation is checked by the sweep in a11y.e2e.ts, which
// opens each page once for axe and for the policy.
import { describe, expect, it } from "vitest";
import { sharedBrowser, watchCsp as watch, withSession } from "./browser.ts";
import { openPage, signIn } from "./pages.ts";

const browser = sharedBrowser();

describe("Content-Security-Policy in the browser", () => {
  it("the web app is served with the strict policy, and a blocked inline script is seen", () =>
    withSession(browser, async (page) => {
      const seen = await watch(page);
      const response = await page.goto("/");
      const csp = response?.headers()["content-security-policy"] ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-eval");
      await page.locator("h1").first().waitFor({ state: "visible" });
      expect(await seen.violations(), "violations on the home page").toEqual([]);
      // Control: an injected inline script does not run, and the listener reports it.
      const ran = await page.evaluate(() => {
        const s = document.createElement("script");
        s.textContent = "window.__injected = true";
        document.body.append(s);
        return (window as unknown as { __injected?: boolean }).__injected === true;
      });
      expect(ran, "an inline script ran despite the policy").toBe(false);
      await expect
        .poll(async () => (await seen.violations()).map((v) => v.directive))
        .toContain("script-src-elem");
    }));

  it("e-form validation in the browser runs without eval", () =>
    withSession(browser, async (page) => {
      const seen = await watch(page);
      await signIn(page, "tiepnhan.thuanhoa");
      await openPage(page, "/admin/tiep-nhan");
      await page.locator("#desk_procedureCode").focus();
      await page.keyboard.type("1.004873");
      await page.locator(".ant-select-item-option", { hasText: "1.004873" }).first().waitFor();
      await page.keyboard.press("Enter");
      await page.getByTestId("desk-eform-toggle").click();
      await page.getByTestId("desk-eform-requesterIdNumber").fill("12345");
      await page.getByTestId("desk-submit").click();
      // The field's error comes from the browser's own check of the form.
      await page.locator("#desk_formData_requesterIdNumber_help").getByText("9 hoặc 12 chữ số").waitFor();
      expect(await seen.violations(), "violations while validating an e-form").toEqual([]);
      expect(seen.console).toEqual([]);
    }));

  it("Swagger UI at /docs renders the API under its own policy", () =>
    withSession(browser, async (page) => {
      const seen = await watch(page);
      const response = await page.goto("/docs");
      expect(response?.headers()["content-security-policy"] ?? "").toContain("script-src 'self'");
      await page.locator(".swagger-ui .info .title").first().waitFor({ state: "visible" });
      // The operations are listed from /docs/json (connect-src 'self').
      await page.locator(".opblock-tag").first().waitFor({ state: "visible" });
      expect(await seen.violations(), "violations on /docs").toEqual([]);
      expect(seen.console).toEqual([]);
    }));
});
