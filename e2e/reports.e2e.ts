// The resolution report (issue #7) in the browser: a ward leader opens it from the menu, picks the
// last 90 days (kept in the address), sees the total row equal the API's figures for the same unit
// and period, a row's breakdown by keyboard, downloads the XLSX, sees the reasons for lateness and
// the service figures (channels, visits, satisfaction); axe on the page.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ResolutionReport } from "../src/modules/reports/reports.schemas.ts";
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
const UNIT = "46.19753";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const vn = (n: number) => n.toLocaleString("vi-VN");

function vietnamDay(offsetDays = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe("resolution report", () => {
  it("shows a ward leader the official report, its exports, lateness and service figures", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "lanhdao.thuanhoa");
      await openAdminMenu(page, msg("vi", "reports.menu"));
      await expectPath(page, "/admin/bao-cao-giai-quyet", "the report's menu link");
      await expectText(page.getByRole("heading", { level: 1 }), msg("vi", "reports.heading"), "the heading");

      // Another preset first, then the last 90 days: the period goes to the address.
      const presets = page.getByTestId("report-presets");
      await presets.getByText(msg("vi", "reports.period.year"), { exact: true }).click();
      await expect
        .poll(() => new URL(page.url()).searchParams.get("from"), { message: "this year in the address" })
        .toBe(`${vietnamDay().slice(0, 4)}-01-01`);
      await presets.getByText(msg("vi", "reports.period.days90"), { exact: true }).click();
      const to = vietnamDay();
      const from = vietnamDay(-89);
      await expect
        .poll(() => new URL(page.url()).searchParams.get("from"), { message: "the last 90 days" })
        .toBe(from);
      expect(new URL(page.url()).searchParams.get("to")).toBe(to);
      expect(new URL(page.url()).searchParams.get("unit"), "the unit in the address").toBeTruthy();

      // The total row equals the API's JSON for the same unit and period (the page's cookies).
      const api = await page.request.get(`/api/v1/reports/resolution?unit=${UNIT}&from=${from}&to=${to}`);
      expect(api.status()).toBe(200);
      const r = (await api.json()) as ResolutionReport;
      expect(r.total.toHandle, "dossiers in the demo's last 90 days").toBeGreaterThan(0);
      const c = r.total;
      const expected: Record<string, number> = {
        toHandle: c.toHandle,
        online: c.received.online,
        direct: c.received.inPerson + c.received.postal,
        carriedOver: c.received.carriedOver,
        resolvedTotal: c.resolved.total,
        early: c.resolved.early,
        onTime: c.resolved.onTime,
        late: c.resolved.late,
        pendingTotal: c.pending.total,
        withinDeadline: c.pending.withinDeadline,
        overdue: c.pending.overdue,
        withdrawn: c.ended.withdrawn,
        stopped: c.ended.stopped,
        refused: c.ended.refused,
      };
      const total = page.getByTestId("resolution-total");
      await expectVisible(total, "the total row");
      // The whole row at once, exactly: while the 90 days load, the page still shows the year's
      // figures (keepPrevious), and one cell's text can contain the other period's number.
      const cells = async () => {
        const out: Record<string, string | null> = {};
        for (const key of Object.keys(expected))
          out[key] = await total.getByTestId(`total-${key}`).textContent();
        return out;
      };
      await expect
        .poll(cells, { timeout: WAIT_MS, interval: 100, message: "the total row equals the API's figures" })
        .toEqual(Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, vn(value)])));
      const sectorRows = page.getByTestId("resolution-table").locator("tbody tr.ant-table-row");
      expect(await sectorRows.count(), "one row per sector").toBe(r.sectors.length);

      // A sector's breakdown, opened from the keyboard.
      const expand = sectorRows.first().locator("button.ant-table-row-expand-icon");
      await expand.focus();
      await page.keyboard.press("Enter");
      await expectVisible(
        page.getByTestId("resolution-table").locator("tr.ant-table-expanded-row .rr-breakdown"),
        "the first sector's breakdown",
      );

      // The XLSX: a spreadsheet, fetched as the link names it and downloaded by a click.
      const xlsx = page.getByTestId("report-xlsx");
      const href = (await xlsx.getAttribute("href"))!;
      expect(href).toContain(`unit=${UNIT}`);
      expect(href).toContain(`from=${from}`);
      const file = await page.request.get(href);
      expect(file.status()).toBe(200);
      expect(file.headers()["content-type"]).toContain(XLSX_TYPE);
      expect((await file.body()).subarray(0, 2).toString("latin1"), "a ZIP container").toBe("PK");
      const [download] = await Promise.all([page.waitForEvent("download"), xlsx.click()]);
      expect(download.suggestedFilename()).toMatch(/^bao-cao-giai-quyet-.*\.xlsx$/);
      expect(
        readFileSync((await download.path())!)
          .subarray(0, 2)
          .toString("latin1"),
      ).toBe("PK");
      // The leader of the unit may print its tracking book.
      const book = await page.request.get((await page.getByTestId("book-pdf").getAttribute("href"))!);
      expect(book.status()).toBe(200);
      expect(book.headers()["content-type"]).toContain("application/pdf");

      // Reasons for lateness: each reason with its count, then the late dossiers.
      const reasons = page.getByTestId("lateness-reasons").locator("tbody tr.ant-table-row");
      expect(r.lateness.reasons.length, "apologies in the demo's last 90 days").toBeGreaterThan(0);
      await expectVisible(reasons.first(), "a reason for lateness");
      const first = r.lateness.reasons[0]!;
      await expectText(
        reasons.filter({ hasText: first.reason }).locator("td").last(),
        vn(first.count),
        "the count of the first reason",
      );
      expect(await reasons.count()).toBe(r.lateness.reasons.length + (r.lateness.withoutReason > 0 ? 1 : 0));
      await expectVisible(
        page.getByTestId("lateness-dossiers").locator("tbody tr.ant-table-row").first(),
        "a late dossier",
      );

      // Service figures: channel shares, visits per dossier against the goal, satisfaction.
      const figures = await (
        await page.request.get(`/api/v1/reports/service?unit=${UNIT}&from=${from}&to=${to}`)
      ).json();
      await expectVisible(page.getByTestId("chart-channels").locator("svg").first(), "the channels chart");
      const channelCounts = await page
        .getByTestId("chart-channels")
        .locator("[data-testid=chart-data] tbody tr > :nth-child(2)")
        .allTextContents();
      expect(
        channelCounts.map((x) => Number(x.replace(/\./g, ""))).reduce((a, b) => a + b, 0),
        "dossiers by channel (hidden data table)",
      ).toBe(figures.channels.received);
      await expectVisible(page.getByTestId("chart-visits").locator("svg").first(), "the visits chart");
      const atMostOnce =
        figures.visits.atMostOnce === null
          ? "—"
          : `${figures.visits.atMostOnce.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} %`;
      await expectVisible(
        page
          .getByTestId("visits-summary")
          .getByText(msg("vi", "reports.service.atMostOnce", { share: atMostOnce })),
        "the share at most once, with its goal",
      );
      await expectVisible(page.getByTestId("chart-satisfaction").locator("svg").first(), "satisfaction");
      expect(figures.satisfaction.total.rated, "ratings in the demo's last 90 days").toBeGreaterThan(0);
      await expectVisible(
        page.getByTestId("satisfaction-officials").locator("tbody tr.ant-table-row").first(),
        "satisfaction by official",
      );
      await expect
        .poll(() => page.getByTestId("satisfaction-units").locator("tbody tr.ant-table-row").count(), {
          timeout: WAIT_MS,
          message: "satisfaction by unit",
        })
        .toBe(figures.satisfaction.byUnit.length);

      await expectNoSeriousA11yViolations(page, "/admin/bao-cao-giai-quyet");
    }));
});
