// The public transparency page (/minh-bach): an anonymous visitor follows the header link, picks a
// unit and a year, and sees the API's own figures in the headline cards; the charts draw (SVG) with
// their text alternatives; the table of units below sorts; English; a 375 px phone scrolls only
// vertically; axe on each screen.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  baseUrl,
  expectCount,
  expectNoSeriousA11yViolations,
  expectPath,
  expectText,
  expectVisible,
  type Lang,
  msg,
  sharedBrowser,
  WAIT_MS,
  withSession,
} from "./browser.ts";

const browser = sharedBrowser();

interface Figures {
  received: { total: number; online: number };
  resolved: { total: number };
  onTimeShare: number | null;
  onlineShare: number | null;
  satisfactionShare: number | null;
  pending: { total: number };
}
interface Transparency {
  unit: { code: string; name: string };
  year: number;
  totals: Figures;
  months: { month: string; received: number; resolved: number }[];
  children: (Figures & { code: string; name: string })[];
}

async function api(unit: string, year: number): Promise<Transparency> {
  const response = await fetch(`${baseUrl()}/api/public/transparency?unit=${unit}&year=${year}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Transparency;
}

const num = (lang: Lang, n: number) =>
  new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 }).format(n);
const pct = (lang: Lang, v: number | null) =>
  v === null ? "—" : msg(lang, "transparency.percent", { value: num(lang, v) });

/** The outermost elements whose right edge passes the viewport's and that no scroll box clips. */
const tooWide = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const wide = (el: Element) => el.getBoundingClientRect().right > width + 1;
    return [...document.querySelectorAll("body *")]
      .filter((el) => wide(el) && !clipped(el) && !(el.parentElement && wide(el.parentElement)))
      .slice(0, 10)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${String(el.className)} in ${el.parentElement?.tagName.toLowerCase()}.${String(el.parentElement?.className)} (${Math.round(el.getBoundingClientRect().right)} px)`,
      );
  });

/** Picks an option of an antd Select (opened by clicking it). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.locator(".ant-select-item-option", { hasText: option }).first().click();
}

/** The headline cards show the API's figures, formatted for `lang`. */
async function expectHeadline(page: Page, lang: Lang, f: Figures): Promise<void> {
  const value = (id: string) => page.getByTestId(`tp-value-${id}`);
  await expectText(value("received"), num(lang, f.received.total), "received");
  await expectText(value("onTime"), pct(lang, f.onTimeShare), "on-time share");
  await expectText(value("online"), pct(lang, f.onlineShare), "online share");
  await expectText(value("satisfaction"), pct(lang, f.satisfactionShare), "satisfaction share");
  await expectText(value("pending"), num(lang, f.pending.total), "pending");
}

/** Each chart is drawn (an SVG) behind a named image, with its figures as text. */
async function expectCharts(page: Page, lang: Lang, data: Transparency): Promise<void> {
  for (const [testId, alt] of [
    ["tp-chart-monthly", "transparency.chart.monthlyAlt"],
    ["tp-chart-satisfaction", "transparency.chart.satisfactionAlt"],
    ["tp-chart-children", "transparency.chart.childrenAlt"],
  ] as const) {
    const figure = page.getByTestId(testId);
    await expectVisible(figure.locator("svg"), `the ${testId} chart drawn`);
    expect(await figure.getByTestId("chart-canvas").getAttribute("aria-label")).toBe(
      msg(lang, alt, { year: data.year }),
    );
  }
  const monthly = page.getByTestId("tp-chart-monthly").getByTestId("chart-data");
  await expectCount(monthly.locator("tbody tr"), 12, "a row per month in the monthly chart's table");
  const march = data.months[2]!;
  await expectText(monthly.locator("tbody tr").nth(2), num(lang, march.received), "March received");
  await expectText(
    page.getByTestId("tp-chart-satisfaction").getByTestId("chart-data").locator("caption"),
    msg(lang, "transparency.chart.satisfactionCaption", { year: data.year }),
    "the satisfaction chart's table",
  );
}

describe("public transparency page", () => {
  it("an anonymous visitor picks a unit and a year and sees the API's figures, charts and units below", () =>
    withSession(browser, async (page) => {
      await page.goto("/");
      await page.getByRole("link", { name: msg("vi", "transparency.nav"), exact: true }).click();
      await expectPath(page, "/minh-bach", "the header link leads to the transparency page");
      await expectText(page.getByRole("heading", { level: 1 }), msg("vi", "transparency.heading"), "h1");
      await expectVisible(page.getByTestId("tp-cards"), "the headline cards of this year");

      // Pick a ward, then the province again, then a past year.
      await choose(page, page.getByTestId("tp-unit"), "Phường Thuận Hóa");
      await expectPath(page, "/minh-bach/46.19753", "the unit in the address");
      await choose(page, page.getByTestId("tp-unit"), "Thành phố Huế");
      await expectPath(page, "/minh-bach/46", "the province in the address");
      await choose(page, page.getByTestId("tp-year"), "2025");
      await expect
        .poll(() => new URL(page.url()).searchParams.get("year"), { timeout: WAIT_MS })
        .toBe("2025");
      const data = await api("46", 2025);
      await expectText(
        page.getByTestId("tp-heading"),
        msg("vi", "transparency.resultHeading", { unit: data.unit.name, year: 2025 }),
        "the result heading",
      );
      await expectHeadline(page, "vi", data.totals);
      await expectCharts(page, "vi", data);

      // The units below, sortable: by received (descending) first, then by name.
      const table = page.getByTestId("tp-children-table");
      const rows = table.locator("tbody tr.ant-table-row");
      await expectCount(rows, data.children.length, "a row per unit below");
      const most = [...data.children].sort((a, b) => b.received.total - a.received.total)[0]!;
      await expectText(rows.first(), most.name, "the unit with the most dossiers first");
      await table.getByRole("columnheader", { name: msg("vi", "transparency.table.unit") }).click();
      const first = [...data.children].sort((a, b) => a.name.localeCompare(b.name, "vi"))[0]!;
      await expectText(rows.first(), first.name, "sorted by name");
      await expectNoSeriousA11yViolations(page, "/minh-bach/46?year=2025");

      // English: the same figures in English formatting.
      await page.getByTestId("lang-switch").click();
      await expectText(page.getByRole("heading", { level: 1 }), msg("en", "transparency.heading"), "h1 (en)");
      await expectHeadline(page, "en", data.totals);
      await expectCharts(page, "en", data);
      await expectNoSeriousA11yViolations(page, "/minh-bach/46?year=2025 (en)");

      // A 375 px phone: nothing wider than the screen.
      await page.setViewportSize({ width: 375, height: 740 });
      await expectVisible(page.getByTestId("tp-chart-monthly").locator("svg"), "the monthly chart at 375 px");
      await expect
        .poll(() => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0), { timeout: WAIT_MS })
        .toBeLessThanOrEqual(375)
        .catch(async (error: Error) => {
          throw new Error(
            `${error.message}\n  wider than the screen: ${(await tooWide(page)).join("\n    ")}`,
          );
        });
      await expectNoSeriousA11yViolations(page, "/minh-bach/46?year=2025 at 375 px");
    }));

  it("says so when a year has no dossiers, and when a unit does not exist", () =>
    withSession(browser, async (page) => {
      await page.goto("/minh-bach/46?year=2010");
      await expectText(
        page.getByTestId("tp-empty"),
        msg("vi", "transparency.empty", { year: 2010 }),
        "the empty state",
      );
      await expectNoSeriousA11yViolations(page, "/minh-bach/46?year=2010");
      await page.goto("/minh-bach/99.99999");
      await expectText(
        page.getByTestId("tp-not-found"),
        msg("vi", "transparency.notFound", { code: "99.99999" }),
        "an unknown unit",
      );
    }));
});
