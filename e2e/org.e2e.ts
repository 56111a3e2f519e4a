// Organisation screen: the tree with history, unit detail and agencies, an effective-dated rename
// by the unit's administrator, cross-unit isolation, and no edit forms for a receptionist.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  expectCount,
  expectHidden,
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

const THUAN_HOA = { code: "46.19753", name: "Phường Thuận Hóa" };
const PHU_XUAN = { code: "46.19774", name: "Phường Phú Xuân" };

/** A unit's title in the organisation tree, found by its exact name. */
function treeNode(page: Page, name: string) {
  return page.getByTestId("org-tree").locator(".unit-title", { has: page.getByText(name, { exact: true }) });
}

async function openOrg(page: Page): Promise<void> {
  await openAdminMenu(page, msg("vi", "admin.organisation"));
  await expectPath(page, "/admin/org", "the Organisation menu link should open /admin/org");
  await expectVisible(page.getByTestId("org-tree"), "the organisation tree");
}

async function selectUnit(page: Page, name: string): Promise<void> {
  const node = treeNode(page, name);
  await expectVisible(node, `"${name}" in the organisation tree`);
  // Let the tree's expand animation finish, as a user would, so the click lands on the settled node.
  await expectCount(page.locator(".ant-tree-treenode-motion"), 0, "tree nodes still animating");
  const before = new URL(page.url()).searchParams.get("unit");
  await node.first().click();
  await expect
    .poll(() => new URL(page.url()).searchParams.get("unit"), {
      timeout: WAIT_MS,
      message: `clicking "${name}" in the tree should select it (?unit= in the address)`,
    })
    .not.toBe(before);
}

/** Rows of a card of the unit detail, found by the card's heading. */
function cardRows(page: Page, heading: string) {
  return page
    .getByTestId("unit-detail")
    .locator(".ant-card", { has: page.getByRole("heading", { name: heading, exact: true }) })
    .locator("tbody tr.ant-table-row");
}

const browser = sharedBrowser();

describe("organisation", () => {
  it("admin sees the tree with the abolished district, and Phường Thuận Hóa's detail and agencies", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "admin");
      await openOrg(page);

      const city = treeNode(page, "Thành phố Huế");
      await expectVisible(city, '"Thành phố Huế" in the tree');
      expect(await city.first().locator(".unit-tag--abolished").count(), "Thành phố Huế is in force").toBe(0);

      const oldTown = treeNode(page, "Thị xã Hương Thủy");
      await expectVisible(oldTown, 'the historical "Thị xã Hương Thủy" in the tree');
      await expectText(
        oldTown.locator(".unit-tag--abolished"),
        msg("vi", "units.abolished"),
        "the abolished tag of Thị xã Hương Thủy",
      );

      await selectUnit(page, THUAN_HOA.name);
      const detail = page.getByTestId("unit-detail");
      await expectText(page.getByTestId("unit-name"), THUAN_HOA.name, "the selected unit's heading");
      await expectText(detail, THUAN_HOA.code, "the selected unit's code");
      await expectText(detail, msg("vi", "org.current"), "the validity of a unit in force");
      expect(new URL(page.url()).searchParams.get("unit"), "the selection is kept in ?unit=").toBeTruthy();

      const agencies = cardRows(page, msg("vi", "org.agenciesHeading"));
      await expectCount(agencies, 2, "agencies of Phường Thuận Hóa");
      await expectText(
        agencies.filter({ hasText: "000.19.753.H57" }),
        "Trung tâm Phục vụ hành chính công phường Thuận Hóa",
        "the internal agency",
      );
      await expectText(
        agencies.filter({ hasText: "000.19.753.CA.H57" }),
        msg("vi", "org.kind.vertical"),
        "the police (vertical agency) row",
      );
      await expectCount(cardRows(page, msg("vi", "org.namesHeading")), 1, "name history rows");
    }));

  it("the unit admin of Thuận Hóa renames it from 2031-01-01 and the name history grows by one row", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "quantri.thuanhoa");
      await openOrg(page);
      await selectUnit(page, THUAN_HOA.name);
      await expectText(page.getByTestId("unit-name"), THUAN_HOA.name, "the selected unit's heading");

      const history = cardRows(page, msg("vi", "org.namesHeading"));
      await expectVisible(history, "the name history");
      const before = await history.count();

      const newName = "Phường Thuận Hóa (tên mới)";
      const decision = "1680/NQ-UBTVQH15";
      await expectVisible(page.getByTestId("rename-name"), "the rename form for the unit admin");
      await page.getByTestId("rename-name").fill(newName);
      await page.getByTestId("rename-valid-from").fill("2031-01-01");
      await page.getByTestId("rename-decision-ref").fill(decision);
      await page.getByTestId("rename-submit").click();

      await expectVisible(page.getByText(msg("vi", "orgForms.renamed")), "the renamed notice");
      await expectCount(history, before + 1, "name history rows after the rename");
      const added = history.filter({ hasText: newName });
      await expectText(added, decision, "the new history row's decision number");
      await expectText(added, "2031", "the new history row's effective date");
      // The new name takes effect in 2031: today's name and the tree are unchanged.
      await expectText(page.getByTestId("unit-name"), THUAN_HOA.name, "the unit's current name");
      await expectVisible(treeNode(page, THUAN_HOA.name), "the tree still shows today's name");
    }));

  it("the unit admin of Phú Xuân cannot see Phường Thuận Hóa (cross-unit isolation)", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "quantri.phuxuan");
      await openOrg(page);

      // Control: their own unit opens, with the rename form.
      await selectUnit(page, PHU_XUAN.name);
      await expectText(page.getByTestId("unit-name"), PHU_XUAN.name, "their own unit's heading");
      await expectVisible(page.getByTestId("rename-name"), "the rename form on their own unit");

      await selectUnit(page, THUAN_HOA.name);
      await expectVisible(
        page.getByText("Đơn vị không tồn tại hoặc bạn không có quyền xem."),
        "the not-found message for another ward's unit",
      );
      await expectHidden(page.getByTestId("unit-detail"), "the unit detail of another ward");
      await expectHidden(page.getByTestId("rename-name"), "the rename form for another ward");
      expect(
        await page.getByText("Công an phường Thuận Hóa").count(),
        "agencies of another ward must not be shown",
      ).toBe(0);
    }));

  it("a receptionist sees Phường Thuận Hóa but no rename form", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      await openOrg(page);
      await selectUnit(page, THUAN_HOA.name);
      await expectText(page.getByTestId("unit-name"), THUAN_HOA.name, "the selected unit's heading");
      await expectCount(cardRows(page, msg("vi", "org.agenciesHeading")), 2, "agencies of Phường Thuận Hóa");

      expect(await page.getByTestId("rename-name").count(), "rename form for a receptionist").toBe(0);
      expect(
        await page.getByRole("heading", { name: msg("vi", "orgForms.renameHeading") }).count(),
        "rename heading for a receptionist",
      ).toBe(0);
      expect(await page.getByTestId("agency-code").count(), "add-agency form for a receptionist").toBe(0);
      expect(await page.getByTestId("child-code").count(), "restructure forms for a receptionist").toBe(0);
    }));
});
