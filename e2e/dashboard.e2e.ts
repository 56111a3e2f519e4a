// Dashboard, officials' report and bulk actions (issue #6) in the browser, over the demo history
// (src/demo/demo-history.ts): a leader's charts with their data-table alternative and the overdue
// list; the workload table and its XLSX download; a receptionist forwarding two dossiers at once
// from the queue; axe on both report pages; a specialist kept out.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
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
const SPECIALIST = "Phạm Văn Chuyên";
const CLERK = "Đỗ Thị Văn";

/** Numbers of one column of a chart's hidden data table. */
async function column(page: Page, chart: string, index: number): Promise<number[]> {
  const cells = page
    .getByTestId(chart)
    .locator(`[data-testid=chart-data] tbody tr > :nth-child(${index + 1})`);
  return (await cells.allTextContents()).map(Number);
}

describe("dashboard", () => {
  it("shows a leader the unit's charts, figures and overdue dossiers with their official", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "lanhdao.thuanhoa");
      await openAdminMenu(page, msg("vi", "dashboard.menu"));
      await expectPath(page, "/admin/bang-dieu-khien", "the dashboard menu link");
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "dashboard.heading"),
        "the heading",
      );
      for (const chart of ["chart-time", "chart-sector", "chart-official", "chart-satisfaction"])
        await expectVisible(page.getByTestId(chart).locator("svg").first(), `the drawing of ${chart}`);
      await expect
        .poll(async () => (await column(page, "chart-time", 1)).reduce((a, b) => a + b, 0), {
          timeout: WAIT_MS,
          message: "dossiers received over time (hidden data table)",
        })
        .toBeGreaterThan(40);
      const late = await column(page, "chart-time", 5);
      expect(
        late.reduce((a, b) => a + b, 0),
        "late resolutions over time",
      ).toBeGreaterThan(0);
      const ratings = await column(page, "chart-satisfaction", 1);
      expect(
        ratings.reduce((a, b) => a + b, 0),
        "ratings by level",
      ).toBeGreaterThan(0);
      // The chart has an accessible name; its drawing is an image with the same label.
      await expectVisible(
        page.getByRole("img", { name: msg("vi", "dashboard.chart.time") }),
        "the over-time chart as a labelled image",
      );

      const overdue = page.getByTestId("overdue-table").locator("tbody tr.ant-table-row");
      await expectVisible(overdue.first(), "a demo overdue dossier");
      await expectVisible(
        overdue.filter({ hasText: SPECIALIST }).first(),
        "an overdue dossier naming the specialist responsible",
      );
      await expectNoSeriousA11yViolations(page, "/admin/bang-dieu-khien");
      // The code links to the dossier.
      await overdue.first().getByTestId("overdue-open").click();
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/admin\/ho-so\/[0-9a-f-]{36}$/);
    }));

  it("lists officials' workload and downloads it as XLSX", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "lanhdao.thuanhoa");
      await openAdminMenu(page, msg("vi", "dashboard.workload.menu"));
      await expectPath(page, "/admin/bao-cao-can-bo", "the officials' report menu link");
      const rows = page.getByTestId("workload-table").locator("tbody tr.ant-table-row");
      await expectVisible(rows.filter({ hasText: CLERK }), "the clerk's row");
      await expectVisible(rows.filter({ hasText: SPECIALIST }), "the specialist's row");
      await expectNoSeriousA11yViolations(page, "/admin/bao-cao-can-bo");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId("workload-xlsx").click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^bao-cao-can-bo-.*\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("Báo cáo cán bộ")!;
      const names: unknown[] = [];
      ws.eachRow((row) => {
        names.push(row.getCell(1).value);
      });
      expect(names).toEqual(expect.arrayContaining([CLERK, SPECIALIST, "Tổng cộng"]));
    }));

  it("keeps a specialist out of the dashboard", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "chuyenvien.thuanhoa");
      await expectVisible(page.locator(".admin-sider nav"), "the side menu");
      const link = page.locator(".admin-sider nav").getByRole("link", { name: msg("vi", "dashboard.menu") });
      expect(await link.count(), "a dashboard link in a specialist's menu").toBe(0);
      await page.goto("/admin/bang-dieu-khien");
      await expectVisible(page.getByText(msg("vi", "dashboard.noUnit")), "the no-unit message");
      const units = (await (await page.request.get("/api/public/units")).json()) as {
        items: { id: string; code: string }[];
      };
      const thuanHoa = units.items.find((u) => u.code === "46.19753")!.id;
      const res = await page.request.get(`/api/dashboard/summary?unitId=${thuanHoa}`);
      expect(res.status()).toBe(403);
    }));
});

describe("bulk actions on the work queue", () => {
  it("forwards two received dossiers at once", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      const me = (await (await page.request.get("/api/auth/me")).json()) as {
        csrfToken: string;
        roles: { unitId: string }[];
      };
      const tag = `Bulk ${randomUUID().slice(0, 6)}`;
      for (const n of [1, 2]) {
        const res = await page.request.post("/api/dossiers", {
          headers: { "x-csrf-token": me.csrfToken, "idempotency-key": randomUUID() },
          data: {
            unitId: me.roles[0]!.unitId,
            procedureCode: "1.004194",
            applicant: { name: `${tag} ${n}` },
          },
        });
        expect(res.status(), await res.text()).toBe(201);
      }
      await page.goto(`/admin/ho-so?queue=open&q=${encodeURIComponent(tag)}`);
      const rows = page.getByTestId("queue-table").locator("tbody tr.ant-table-row");
      await expect.poll(() => rows.count(), { timeout: WAIT_MS, message: "the two new dossiers" }).toBe(2);
      const forward = page.getByTestId("bulk-forward");
      expect(await forward.isDisabled(), "forward with nothing selected").toBe(true);
      for (const i of [0, 1]) await rows.nth(i).locator(".ant-table-selection-column input").check();
      await expectText(
        page.getByTestId("bulk-selected"),
        msg("vi", "dashboard.bulk.selected", { count: 2 }),
        "count",
      );
      await expect
        .poll(() => forward.isEnabled(), { message: "forward enabled for two received rows" })
        .toBe(true);
      expect(
        await page.getByTestId("bulk-return_result").isDisabled(),
        "return results for received rows",
      ).toBe(true);
      await forward.click();
      await page.getByTestId("bulk-confirm").click();
      await expectText(
        page.getByTestId("bulk-result"),
        msg("vi", "dashboard.bulk.done.forward", { count: 2 }),
        "the result message",
      );
      await expect
        .poll(async () => (await rows.allTextContents()).filter((r) => r.includes("Đang xử lý")).length, {
          timeout: WAIT_MS,
          message: "both rows now processing after the list refresh",
        })
        .toBe(2);
    }));
});
