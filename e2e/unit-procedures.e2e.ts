// The procedures a unit serves, in the back office: the unit administrator of Phường Phú Xuân
// removes a procedure from the unit's list (after confirming) and adds it back from the catalog
// with a reception address; the list, the catalog's "already served" mark and the public search
// by unit follow. A receptionist of the same unit sees the list without any edit control. axe on
// every state.
import type { Page } from "playwright-core";
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

const PHU_XUAN = { code: "46.19774", name: "Phường Phú Xuân" };
const DEATH = { code: "1.000656", name: "đăng ký khai tử" };
const ADDRESS = "Quầy số 3, Trung tâm Phục vụ hành chính công phường Phú Xuân (e2e)";

const browser = sharedBrowser();

/** antd's click "wave" on a button can linger; axe waits for a settled page. */
async function waitForWave(page: Page): Promise<void> {
  await expectCount(page.locator(".ant-wave"), 0, "button click effects still running");
}

const servedRow = (page: Page, code: string) =>
  page.getByTestId("served-procedures").locator(`tr[data-row-key="${code}"]`);
const catalogRow = (page: Page, code: string) =>
  page.getByTestId("catalog-results").locator(`tr[data-row-key="${code}"]`);

async function phuXuanId(page: Page): Promise<string> {
  const response = await page.request.get("/api/public/units");
  const { items } = (await response.json()) as { items: { id: string; code: string }[] };
  const unit = items.find((item) => item.code === PHU_XUAN.code);
  if (!unit) throw new Error(`unit ${PHU_XUAN.code} is missing from /api/public/units`);
  return unit.id;
}

/** The codes the public search lists for the unit (what citizens see). */
async function publicCodes(page: Page, unitId: string): Promise<string[]> {
  const response = await page.request.get(`/api/public/procedures?unitId=${unitId}&pageSize=100&sort=code`);
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { code: string }[] };
  return items.map((item) => item.code);
}

async function servedTotal(page: Page): Promise<number> {
  const text = (await page.getByTestId("served-total").textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

async function openScreen(page: Page): Promise<void> {
  await openAdminMenu(page, msg("vi", "admin.unitProcedures"));
  await expectPath(page, "/admin/unit-procedures", "the Unit's procedures menu link");
  await expectText(page.getByRole("heading", { level: 1 }), msg("vi", "unitProcedures.heading"), "heading");
  await expectText(page.getByTestId("unit-procedures-unit"), PHU_XUAN.name, "the unit of the user's role");
  await expectVisible(servedRow(page, DEATH.code), `${DEATH.code} in the unit's list`);
}

describe("unit's procedures", () => {
  it("the unit administrator removes a procedure and adds it back with a reception address", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "quantri.phuxuan");
      await openScreen(page);
      const unitId = await phuXuanId(page);
      expect(await publicCodes(page, unitId)).toContain(DEATH.code);
      expect(await page.getByTestId("unit-procedures-pdf").getAttribute("href")).toBe(
        `/api/public/units/${unitId}/procedures.pdf`,
      );
      await expectText(servedRow(page, DEATH.code), "Hộ tịch", "the sector");
      const before = await servedTotal(page);
      expect(before).toBeGreaterThan(1);

      // In the catalog search the served procedure is marked and cannot be added again.
      await page.getByTestId("catalog-search").fill(DEATH.code);
      await expectVisible(catalogRow(page, DEATH.code).getByTestId("served-mark"), "the served mark");
      await expectCount(catalogRow(page, DEATH.code).getByTestId("catalog-add"), 0, "an add button");
      await expectNoSeriousA11yViolations(page, "/admin/unit-procedures (unit administrator)");

      // Remove, after confirming.
      await servedRow(page, DEATH.code).getByTestId("served-remove").click();
      await expectText(
        page.locator(".ant-popover"),
        msg("vi", "unitProcedures.removeConfirm", { code: DEATH.code }),
        "the confirmation",
      );
      await page.getByTestId("served-remove-confirm").click();
      await expectHidden(servedRow(page, DEATH.code), `${DEATH.code} in the unit's list after removing it`);
      await expect
        .poll(() => servedTotal(page), { timeout: WAIT_MS, message: "one procedure fewer" })
        .toBe(before - 1);
      expect(await publicCodes(page, unitId), "the public search by unit").not.toContain(DEATH.code);

      // Add it back from the catalog, with a reception address.
      await catalogRow(page, DEATH.code).getByTestId("catalog-add").click();
      await expectText(page.getByTestId("serve-form"), DEATH.code, "the local-details form");
      await page.getByTestId("serve-reception-address").fill(ADDRESS);
      await waitForWave(page);
      await expectNoSeriousA11yViolations(page, "/admin/unit-procedures (adding a procedure)");
      await page.getByTestId("serve-submit").click();

      await expectText(
        page.getByTestId("serve-result"),
        msg("vi", "unitProcedures.added", { code: DEATH.code }),
        "the confirmation",
      );
      await expectText(page.getByTestId("serve-result"), ADDRESS, "the saved reception address");
      await expectHidden(page.getByTestId("serve-form"), "the form after adding");
      await expectVisible(servedRow(page, DEATH.code), `${DEATH.code} back in the unit's list`);
      await expect
        .poll(() => servedTotal(page), { timeout: WAIT_MS, message: "the count is back" })
        .toBe(before);
      await expectVisible(catalogRow(page, DEATH.code).getByTestId("served-mark"), "marked as served again");
      expect(await publicCodes(page, unitId), "the public search by unit").toContain(DEATH.code);
      await waitForWave(page);
      await expectNoSeriousA11yViolations(page, "/admin/unit-procedures (after adding)");
    }));

  it("a receptionist sees the list without edit controls", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.phuxuan");
      await openScreen(page);
      await expectVisible(page.getByTestId("unit-procedures-readonly"), "the read-only note");
      await expectVisible(page.getByTestId("unit-procedures-pdf"), "the printable listing");
      expect(await page.getByTestId("served-remove").count(), "remove buttons").toBe(0);
      expect(await page.getByTestId("catalog-search").count(), "the catalog search").toBe(0);
      await expectNoSeriousA11yViolations(page, "/admin/unit-procedures (receptionist)");
    }));
});
