// The service index of Decision 766 (issue #7) in the browser: a ward leader opens it from the
// menu, sees the total with its rating and the six groups, opens the dossiers behind a numerator,
// sees the ranking of the wards with its own highlighted; axe on the page and on the open list.
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
const GROUPS = ["publicity", "progress", "online", "payment", "satisfaction", "digitization"];

describe("service index (Decision 766)", () => {
  it("shows a ward leader the total, the groups, the dossiers behind a count and the ranking", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "lanhdao.thuanhoa");
      await openAdminMenu(page, msg("vi", "serviceIndex.menu"));
      await expectPath(page, "/admin/chi-so-766", "the service index menu link");
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "serviceIndex.heading"),
        "the heading",
      );

      // The total, out of 100, with its rating.
      const total = page.getByTestId("index-total");
      await expectVisible(total, "the total");
      const points = Number((await total.textContent())!.replace(",", "."));
      expect(points, "the total").toBeGreaterThan(0);
      expect(points, "the total").toBeLessThanOrEqual(100);
      await expectVisible(page.getByTestId("index-band"), "the rating");
      await expectVisible(page.getByTestId("chart-groups").locator("svg").first(), "the chart of the groups");
      const chartRows = page.getByTestId("chart-groups").locator("[data-testid=chart-data] tbody tr");
      expect(await chartRows.count(), "groups in the chart's data table").toBe(6);
      for (const group of GROUPS)
        await expectVisible(page.getByTestId(`group-${group}`), `the indicators of the ${group} group`);
      // Online payment is not measured yet, and says so.
      await expectText(
        page.getByTestId("ratio-payment.dossiers_paid"),
        msg("vi", "serviceIndex.table.notMeasured"),
        "an indicator not measured yet",
      );

      // The dossiers behind the numerator of the progress indicator, as many as the numerator.
      const numerator = page.getByTestId("drill-progress.on_time-numerator");
      await expectVisible(numerator, "the progress numerator as a button");
      const count = Number((await numerator.textContent())!.replace(/\D/g, ""));
      expect(count, "the progress numerator").toBeGreaterThan(0);
      await numerator.focus();
      await page.keyboard.press("Enter");
      const list = page.getByTestId("drill-list");
      await expectVisible(list, "the list of dossiers");
      const rows = list.locator("tbody tr.ant-table-row");
      await expect
        .poll(() => rows.count(), { timeout: WAIT_MS, message: "dossiers of the numerator" })
        .toBe(Math.min(count, 50));
      await expectText(
        page.getByTestId("drill-total"),
        msg("vi", "serviceIndex.drill.total", { total: count.toLocaleString("vi-VN") }),
        "the number of dossiers listed",
      );
      await expectVisible(rows.first().locator(".dossier-code"), "a dossier code");
      await expectNoSeriousA11yViolations(page, "/admin/chi-so-766 (dossiers of a numerator)");
      await page.keyboard.press("Escape");
      await expect
        .poll(() => list.count(), { timeout: WAIT_MS, message: "the list closed with Escape" })
        .toBe(0);

      // The ranking of the wards, this ward highlighted.
      const ranking = page.getByTestId("ranking-table");
      await expectVisible(ranking.getByTestId("ranking-self"), "this ward in the ranking");
      expect(await ranking.locator("tbody tr.ant-table-row").count(), "wards ranked").toBe(5);
      await expectVisible(page.getByTestId("chart-ranking").locator("svg").first(), "the ranking chart");
      await expectNoSeriousA11yViolations(page, "/admin/chi-so-766");
    }));
});
