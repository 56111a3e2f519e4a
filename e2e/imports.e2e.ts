// Historical import (issue #7) in the browser: the system administrator uploads a CSV with three
// good rows and two bad ones, watches the run reach 100 %, reads the counts and the error rows
// with their row numbers, uploads the same file again (nothing imported, three duplicates), and
// the page passes axe.
import { describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  expectPath,
  expectText,
  expectVisible,
  loginAs,
  msg,
  openAdminMenu,
  sharedBrowser,
  WAIT_MS,
  withSession,
} from "./browser.ts";

const browser = sharedBrowser();
const tag = Date.now().toString(36).toUpperCase();
const CSV = [
  "dossier_code,procedure_code,unit_code,channel,received_at,due_at,resolved_at,returned_at,outcome,rating",
  `E2E-${tag}-1,1.004873,46.19753,in_person,2026-01-05T08:00,2026-01-08T17:00,2026-01-07T10:00,2026-01-07T15:00,returned,satisfied`,
  `E2E-${tag}-2,1.004873,46.19753,online_full,2026-01-06,2026-01-09,2026-01-09,,returned,`,
  `E2E-${tag}-3,1.004873,46.19753,mobile,2026-01-07,2026-01-12,,,pending,`,
  // row 5: unknown unit
  `E2E-${tag}-4,1.004873,99.99999,in_person,2026-01-07,2026-01-12,,,pending,`,
  // row 6: not a date
  `E2E-${tag}-5,1.004873,46.19753,in_person,07/01/2026,2026-01-12,,,pending,`,
  "",
].join("\n");

describe("historical import", () => {
  it("imports a CSV, shows progress, counts and error rows, and is idempotent", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "admin");
      await openAdminMenu(page, msg("vi", "imports.menu"));
      await expectPath(page, "/admin/nhap-ho-so", "the import menu link");
      await expectText(page.getByRole("heading", { level: 1 }), msg("vi", "imports.heading"), "the heading");

      const upload = async () => {
        await page.getByTestId("import-upload-input").setInputFiles({
          name: "ho-so-cu.csv",
          mimeType: "text/csv",
          buffer: Buffer.from(CSV, "utf8"),
        });
      };
      const run = page.getByTestId("import-run");
      const waitDone = async (what: string) => {
        await expect
          .poll(() => run.getAttribute("data-status").catch(() => null), { timeout: WAIT_MS, message: what })
          .toBe("done");
        await expect
          .poll(() => page.getByTestId("import-progress").getAttribute("data-percent"), {
            timeout: WAIT_MS,
            message: `${what}: the progress bar`,
          })
          .toBe("100");
      };
      const count = (key: string) => page.getByTestId(`import-${key}`).textContent();

      await upload();
      await waitDone("the first import");
      expect(await count("inserted")).toBe("3");
      expect(await count("failed")).toBe("2");
      expect(await count("duplicates")).toBe("0");
      const errorRows = page.getByTestId("import-errors").locator("tbody tr.ant-table-row");
      await expectVisible(errorRows.first(), "the error rows");
      const rows = await errorRows.evaluateAll((trs) =>
        trs.map((tr) => (tr.querySelector("td")?.textContent ?? "").trim()),
      );
      expect(rows).toEqual(["5", "6"]);
      await expectText(errorRows.nth(0), "unit_code", "row 5's column");
      await expectText(errorRows.nth(0), "Không có đơn vị mang mã này.", "row 5's message in Vietnamese");
      await expectText(errorRows.nth(1), "received_at", "row 6's column");
      const href = await page.getByTestId("import-errors-csv").getAttribute("href");
      expect(href).toMatch(/^\/api\/v1\/imports\/[0-9a-f-]{36}\/errors\.csv$/);
      const report = await page.request.get(href!);
      expect(report.status()).toBe(200);
      expect(await report.text()).toContain("5,unit_code,import.unit_unknown");
      const firstRun = await run.getAttribute("data-run-id");
      await expectNoSeriousA11yViolations(page, "/admin/nhap-ho-so after an import");

      // The same file again: nothing new, the three good rows are duplicates.
      await upload();
      await expect
        .poll(() => run.getAttribute("data-run-id"), { timeout: WAIT_MS, message: "the second run shown" })
        .not.toBe(firstRun);
      await waitDone("the second import");
      expect(await count("inserted")).toBe("0");
      expect(await count("duplicates")).toBe("3");
      expect(await count("failed")).toBe("2");
      // Both runs are listed.
      await expect
        .poll(() => page.getByTestId("import-runs").locator("tbody tr.ant-table-row").count(), {
          timeout: WAIT_MS,
          message: "the recent runs",
        })
        .toBeGreaterThanOrEqual(2);
      await expectNoSeriousA11yViolations(page, "/admin/nhap-ho-so after a second import");
    }));

  it("shows the page in English and keeps others out of it", () =>
    withSession(
      browser,
      async (page) => {
        await loginAs(page, "lanhdao.thuanhoa");
        await expectVisible(page.locator(".admin-sider nav"), "the side menu");
        const link = page.locator(".admin-sider nav").getByRole("link", { name: msg("en", "imports.menu") });
        expect(await link.count(), "an import link in a leader's menu").toBe(0);
        await page.goto("/admin/nhap-ho-so");
        await expectText(
          page.getByRole("heading", { level: 1 }),
          msg("en", "imports.heading"),
          "the heading",
        );
        await expectVisible(page.locator(".ant-result-403"), "the 403 result");
        const res = await page.request.get("/api/v1/imports");
        expect(res.status()).toBe(403);
      },
      { lang: "en" },
    ));
});
