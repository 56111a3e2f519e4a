// Procedure catalog: the public search (diacritics-free, filters and page in the address, Back),
// the procedure page (fees, documents, units with their PDF listing, history, 404), the home search
// box, and the back office: the catalog report and publishing decisions (add, amend, abolish), with
// the server's nested field errors shown under the right field. axe on every screen.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  expectCount,
  expectHidden,
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

const BIRTH = { code: "1.001193", name: "Thủ tục đăng ký khai sinh" };

const browser = sharedBrowser();

const resultRows = (page: Page) => page.getByTestId("procedure-results").locator("tbody tr.ant-table-row");

async function expectQuery(page: Page, name: string, value: string | null, what: string): Promise<void> {
  await expect
    .poll(() => new URL(page.url()).searchParams.get(name), { timeout: WAIT_MS, message: what })
    .toBe(value);
}

/** Picks an option of an antd Select (opened by clicking it). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.locator(".ant-select-item-option", { hasText: option }).first().click();
}

/** antd's click "wave" on a button can linger for seconds; axe waits for a settled page. */
async function waitForWave(page: Page): Promise<void> {
  await expectCount(page.locator(".ant-wave"), 0, "button click effects still running");
}

/** Submits the decision form through its confirmation. */
async function publish(page: Page): Promise<void> {
  await page.getByTestId("publish-submit").click();
  await page.getByTestId("publish-confirm").click();
}

/** A text field in a change card, by its label (labels of list rows carry the row number). */
function field(card: Locator, label: string): Locator {
  return card.getByRole("textbox", { name: new RegExp(`${label.replace(/[()]/g, "\\$&")}$`) });
}

describe("public procedure catalog", () => {
  it("searches without diacritics, filters, pages, and keeps it all in the address (Back works)", () =>
    withSession(browser, async (page) => {
      await page.goto("/thu-tuc");
      await expectText(page.getByRole("heading", { level: 1 }), msg("vi", "procedures.heading"), "heading");
      await expectVisible(page.getByTestId("procedure-total"), "the result count");
      await expectCount(resultRows(page), 20, "a full first page of procedures");
      await expectNoSeriousA11yViolations(page, "/thu-tuc");

      await page.getByTestId("procedure-search").fill("dang ky khai sinh");
      await expectQuery(page, "q", "dang ky khai sinh", "typing searches (debounced) and updates ?q=");
      await expectText(page.getByTestId("procedure-link").first(), BIRTH.name, "the best match first");

      // Filters add history entries; the level filter leaves no commune procedure at province level.
      await choose(page, page.getByTestId("filter-level"), msg("vi", "level.province"));
      await expectQuery(page, "level", "province", "the level filter in the address");
      await expectVisible(page.getByTestId("procedure-empty"), "the empty state");
      await expectText(
        page.getByTestId("procedure-empty"),
        msg("vi", "procedures.noMatch", { query: "dang ky khai sinh" }),
        "the empty-state message",
      );
      await expectNoSeriousA11yViolations(page, "/thu-tuc with no results");

      await page.goBack();
      await expectQuery(page, "level", null, "Back removes the filter");
      await expect.poll(() => page.getByTestId("procedure-search").inputValue()).toBe("dang ky khai sinh");
      await expectText(page.getByTestId("procedure-link").first(), BIRTH.name, "results after Back");

      // A sector from /api/public/catalog/sectors.
      await page.goto("/thu-tuc?sector=H%E1%BB%99+t%E1%BB%8Bch");
      await expectText(page.getByTestId("filter-sector"), "Hộ tịch", "the sector filter shows the address");
      await expectText(
        page.getByTestId("procedure-total"),
        msg("vi", "procedures.total", { total: 16 }),
        "count",
      );

      await page.goto("/thu-tuc");
      await expectVisible(page.getByTestId("procedure-pagination"), "the pager");
      await page.getByTestId("procedure-pagination").getByTitle("2", { exact: true }).click();
      await expectQuery(page, "page", "2", "page 2 in the address");
      await expectCount(resultRows(page), 20, "the second page");
    }));

  it("shows the server's corrected query as “Kết quả cho «…»”", () =>
    withSession(browser, async (page) => {
      // The UI contract: when the response has correctedQuery, say which query the results are for.
      await page.route("**/api/public/procedures?*", async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as Record<string, unknown>;
        await route.fulfill({ response, json: { correctedQuery: "dang ky khai sinh", ...body } });
      });
      await page.goto("/thu-tuc?q=dang+ky+khia+sinh");
      await expectText(
        page.getByTestId("procedure-corrected"),
        msg("vi", "procedures.correctedQuery", { query: "dang ky khai sinh" }),
        "the did-you-mean line",
      );
      await expectText(page.getByTestId("procedure-link").first(), BIRTH.name, "typo-tolerant results");
    }));

  it("the home page search box goes to /thu-tuc?q=…, and the header links to the catalog", () =>
    withSession(browser, async (page) => {
      await page.goto("/");
      await page.getByTestId("procedure-search").fill("ket hon");
      await page.getByTestId("procedure-search-submit").click();
      await expectPath(page, "/thu-tuc", "the home search opens the catalog");
      await expectQuery(page, "q", "ket hon", "with the query");
      await expectText(page.getByTestId("procedure-link").first(), "kết hôn", "matching procedures");
      await page
        .getByRole("navigation")
        .getByRole("link", { name: msg("vi", "nav.procedures") })
        .click();
      await expectQuery(page, "q", null, "the header link opens the full list");
    }));

  it.each(["vi", "en"] as const)("the procedure page, printable, with units and history (%s)", (lang) =>
    withSession(
      browser,
      async (page) => {
        // The server's preload hint and the page's own request are one request, not two.
        const detailRequests: string[] = [];
        page.on("request", (request) => {
          if (new URL(request.url()).pathname === `/api/public/procedures/${BIRTH.code}`)
            detailRequests.push(request.url());
        });
        await page.goto(`/thu-tuc/${BIRTH.code}`);
        await expectText(page.getByTestId("procedure-name"), BIRTH.name, "the procedure name");
        expect(
          await page.locator(`link[rel="preload"][href="/api/public/procedures/${BIRTH.code}"]`).count(),
          "the server's preload hint for the procedure's data",
        ).toBe(1);
        expect(detailRequests, "the procedure's data is fetched once (the preload is used)").toHaveLength(1);
        expect(
          await page.locator("style[data-css-hash], style[data-token-hash]").count(),
          "the procedure page renders without antd's style runtime (no antd style tags)",
        ).toBe(0);
        await expectText(
          page.getByTestId("procedure-deadline"),
          msg(lang, "catalog.deadline.same_day"),
          "deadline",
        );
        await expectText(
          page.getByTestId("procedure-fees"),
          lang === "vi" ? "8.000 đ" : "VND 8,000",
          "the fee",
        );
        await expectCount(
          page.getByTestId("procedure-documents").locator("tbody tr.lite-table__row"),
          7,
          "required documents",
        );
        const pdf = page.getByTestId("procedure-units").getByRole("link").first();
        expect(await pdf.getAttribute("href")).toMatch(
          /^\/api\/public\/units\/[0-9a-f-]{36}\/procedures\.pdf$/,
        );
        await expectVisible(page.getByTestId("procedure-history"), "the version history");
        await expectVisible(page.getByTestId("procedure-print"), "the print button");
        await expectNoSeriousA11yViolations(page, `/thu-tuc/${BIRTH.code} (${lang})`);

        await page.goto("/thu-tuc/1.999999");
        await expectVisible(page.getByTestId("procedure-not-found"), "the 404 state");
        await expectText(
          page.getByRole("heading", { level: 1 }),
          msg(lang, "procedure.notFound"),
          "404 heading",
        );
        await expectNoSeriousA11yViolations(page, `/thu-tuc/1.999999 (${lang})`);
      },
      { lang },
    ),
  );
});

describe("back-office catalog", () => {
  it("a receptionist has no catalog menu item", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      await expectHidden(
        page.locator(".admin-sider nav").getByRole("link", { name: msg("vi", "admin.catalog") }),
        "the catalog menu item for a receptionist",
      );
    }));

  it("the unit admin sees the report, then adds, amends and abolishes procedures by decisions", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "quantri.thuanhoa");
      await openAdminMenu(page, msg("vi", "admin.catalog"));
      await expectPath(page, "/admin/catalog", "the catalog menu link");
      await expectVisible(
        page.getByTestId("report-in-force").locator("tbody tr.ant-table-row"),
        "report rows",
      );
      await expectVisible(page.getByTestId("sector-chart"), "the chart of procedures per sector");
      await expectVisible(page.getByTestId("publish-form"), "the decision form");
      await expectNoSeriousA11yViolations(page, "/admin/catalog");

      // 1. Add a procedure (in force since 2025-07-01). The first attempt has a document name the
      //    server refuses (> 1000 characters): its message shows under that document's field.
      const code = `1.9${String(Date.now()).slice(-5)}`;
      const name = "Thủ tục thử nghiệm e2e";
      const card = page.getByTestId("change-0");
      await page.getByTestId("decision-number").fill(`E2E-${code}/QĐ-UBND`);
      await page.getByTestId("decision-signed-on").fill("2025-07-01");
      await page.getByTestId("decision-effective-from").fill("2025-07-01");
      await card.getByTestId("change-0-code").fill(code);
      await card.getByTestId("change-0-name").fill(name);
      await card.getByTestId("change-0-sector").fill("Hộ tịch");
      await card.getByRole("checkbox", { name: msg("vi", "level.commune") }).check();
      await card.getByTestId("change-0-deadline-value").fill("3");
      await card.getByTestId("change-0-add-document").click();
      await card.getByTestId("change-0-add-document").click();
      await field(card, msg("vi", "publish.docName", { n: 1 })).fill("Tờ khai");
      const second = field(card, msg("vi", "publish.docName", { n: 2 }));
      await second.fill("x".repeat(1001));
      await card.getByTestId("change-0-add-fee").click();
      await field(card, msg("vi", "publish.feeName", { n: 1 })).fill("Lệ phí");
      await card.getByRole("spinbutton", { name: msg("vi", "publish.feeAmount") }).fill("8000");
      await publish(page);
      await expect
        .poll(() => second.getAttribute("aria-invalid"), { timeout: WAIT_MS, message: "error on document 2" })
        .toBe("true");
      await waitForWave(page);
      await expectNoSeriousA11yViolations(page, "/admin/catalog with a server field error");

      await second.fill("Giấy chứng sinh");
      await publish(page);
      await expectVisible(page.getByTestId("publish-result"), "the published decision summary");
      await expectText(page.getByTestId("publish-result"), code, "the added procedure in the summary");
      await page.getByTestId("publish-another").click();

      // 2. Amend it (load the record by its code) and abolish it in a later decision.
      await page.getByTestId("decision-number").fill(`E2E-${code}-2/QĐ-UBND`);
      await card
        .locator("label.ant-radio-button-wrapper", { hasText: msg("vi", "catalog.change.amended") })
        .click();
      await card.getByTestId("change-0-code").fill(code);
      await card.getByTestId("change-0-lookup").click();
      await expectVisible(card.getByTestId("change-0-found"), "the loaded record notice");
      await expect.poll(() => card.getByTestId("change-0-name").inputValue()).toBe(name);
      await card.getByTestId("change-0-deadline-value").fill("5");
      await publish(page);
      await expectVisible(page.getByTestId("publish-result"), "the amendment summary");
      await page.getByTestId("publish-another").click();

      await page.getByTestId("decision-number").fill(`E2E-${code}-3/QĐ-UBND`);
      const abolished = card.locator("label.ant-radio-button-wrapper", {
        hasText: msg("vi", "catalog.change.abolished"),
      });
      await abolished.click();
      // The code field is rebound to the abolition's own field on the next render: type after it.
      await expectVisible(
        card.locator("label.ant-radio-button-wrapper-checked", {
          hasText: msg("vi", "catalog.change.abolished"),
        }),
        "the abolition chosen",
      );
      await card.getByTestId("change-0-code").fill(code);
      await expect.poll(() => card.getByTestId("change-0-code").inputValue()).toBe(code);
      await publish(page);
      await expectVisible(page.getByTestId("publish-result"), "the abolition summary");

      // 3. The result links to the public page on the decision's effective date: abolished, with
      //    the three versions (the server's "today" may still be yesterday in Vietnam).
      await page.getByTestId("publish-result").getByRole("link", { name: code }).click();
      await expectPath(page, `/thu-tuc/${code}`, "the result's link to the procedure page");
      await expectVisible(page.getByTestId("procedure-abolished"), "the abolished notice");
      await expectCount(
        page.getByTestId("procedure-history").locator("tbody tr.lite-table__row"),
        3,
        "versions: added, amended, abolished",
      );
      await expectNoSeriousA11yViolations(page, `/thu-tuc/${code} (abolished)`);
    }));
});
