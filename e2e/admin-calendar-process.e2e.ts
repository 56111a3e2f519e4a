// Working calendar and internal processes in the back office: the unit administrator of Phường
// Thuận Hóa saves a make-up Saturday and sees it marked in the year view, builds a three-step
// process within the legal deadline (version 1), and is refused a draft longer than the deadline
// with the red indicator and the server's message. axe on both screens.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  expectCount,
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

const MARRIAGE = { code: "1.004873", name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" };

const browser = sharedBrowser();

/** The first Saturday of March of the current year in Vietnam (no holiday falls in March). */
function marchSaturday(): string {
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  for (let day = 1; day <= 7; day++) {
    if (new Date(Date.UTC(year, 2, day)).getUTCDay() === 6) return `${year}-03-0${day}`;
  }
  throw new Error("unreachable");
}

/** antd's click "wave" on a button can linger; axe waits for a settled page. */
async function waitForWave(page: Page): Promise<void> {
  await expectCount(page.locator(".ant-wave"), 0, "button click effects still running");
}

function dayCell(page: Page, date: string) {
  return page.getByTestId("calendar-year").locator(`td[data-date="${date}"]`);
}

describe("working calendar", () => {
  it("the unit administrator saves a make-up Saturday and sees it marked", () =>
    withSession(browser, async (page) => {
      const saturday = marchSaturday();
      await loginAs(page, "quantri.thuanhoa");
      await openAdminMenu(page, msg("vi", "admin.calendar"));
      await expectPath(page, "/admin/calendar", "the Working calendar menu link");
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "calendarAdmin.heading"),
        "heading",
      );
      await expectText(page.getByTestId("calendar-unit"), "Phường Thuận Hóa", "the unit of the user's role");
      await expectText(
        page.getByTestId("calendar-source"),
        msg("vi", "calendarAdmin.sourceNational"),
        "a fresh database has national defaults",
      );
      await expect.poll(() => dayCell(page, saturday).getAttribute("data-kind")).toBe("weekend");
      await expectVisible(page.getByTestId("calendar-form"), "the edit form for the unit administrator");
      await expectNoSeriousA11yViolations(page, "/admin/calendar");

      await page.getByTestId("calendar-make-up-add").click();
      await page.getByTestId("calendar-make-up-0-date").fill(saturday);
      await page.getByTestId("calendar-make-up-0-note").fill("Làm bù (e2e)");
      await page.getByTestId("calendar-note").fill("E2E make-up Saturday");
      await page.getByTestId("calendar-submit").click();

      await expect
        .poll(() => dayCell(page, saturday).getAttribute("data-kind"), {
          timeout: WAIT_MS,
          message: "the saved make-up Saturday is marked in the year view",
        })
        .toBe("makeUp");
      await expect.poll(() => dayCell(page, saturday).getAttribute("title")).toContain("Làm bù (e2e)");
      await expectText(
        page.getByTestId("calendar-source"),
        "Lịch riêng của đơn vị",
        "the unit now has its own",
      );
      await expectText(page.getByTestId("calendar-days-list"), "Làm bù (e2e)", "the make-up day in the list");
      await expectText(
        page.getByTestId("calendar-history"),
        "E2E make-up Saturday",
        "the saved version's note",
      );

      // The due-date calculator answers in Vietnam time.
      await page.getByTestId("due-submit").click();
      await expectVisible(page.getByTestId("due-result"), "the computed due date");
      await waitForWave(page);
      await expectNoSeriousA11yViolations(page, "/admin/calendar after saving");
    }));
});

describe("internal process builder", () => {
  it("builds a process within the deadline, then refuses one longer than it", () =>
    withSession(browser, async (page) => {
      await loginAs(page, "quantri.thuanhoa");
      await openAdminMenu(page, msg("vi", "admin.processes"));
      await expectPath(page, "/admin/processes", "the Internal processes menu link");
      await expectText(page.getByTestId("process-unit"), "Phường Thuận Hóa", "the unit of the user's role");

      await page.getByTestId("process-procedure").click();
      await page.keyboard.type("xac nhan tinh trang hon nhan");
      await page.locator(".ant-select-item-option", { hasText: MARRIAGE.code }).first().click();
      await expectText(page.getByTestId("process-deadline"), "22,5", "3 working days = 22.5 working hours");
      await expectVisible(page.getByTestId("process-form"), "the builder for the unit administrator");
      await expectNoSeriousA11yViolations(page, "/admin/processes (new process)");

      const names = ["Tiếp nhận hồ sơ", "Thẩm định", "Ký duyệt"];
      for (const [index, name] of names.entries()) await page.getByTestId(`step-${index}-name`).fill(name);
      await page.getByTestId("process-decision-ref").fill("E2E-01/QĐ-UBND");
      await expect.poll(() => page.getByTestId("draft-deadline").getAttribute("data-over")).toBe("false");
      await page.getByTestId("process-submit").click();

      await expectText(page.getByTestId("process-version"), "1", "version 1 of the process");
      await expectCount(
        page.getByTestId("process-history").locator("tbody tr.ant-table-row"),
        1,
        "one version",
      );
      await expectCount(page.getByTestId("current-timeline").locator("li"), 3, "three steps on the timeline");

      // Over the deadline: 4 + 20 + 4 = 28 > 22.5 working hours.
      await page.getByTestId("step-1-hours").fill("20");
      await page.getByTestId("process-decision-ref").fill("E2E-02/QĐ-UBND");
      await expect
        .poll(() => page.getByTestId("draft-deadline").getAttribute("data-over"), {
          message: "the indicator turns red",
        })
        .toBe("true");
      await expectText(
        page.getByTestId("draft-deadline"),
        msg("vi", "processAdmin.over", { over: "5,5" }),
        "message",
      );
      await page.getByTestId("process-submit").click();
      await expectText(page.getByTestId("process-problem"), "(28 giờ)", "the server's total");
      await expectText(page.getByTestId("process-problem"), "(22.5 giờ làm việc)", "the server's deadline");
      await expectCount(
        page.getByTestId("process-history").locator("tbody tr.ant-table-row"),
        1,
        "still one version",
      );
      await waitForWave(page);
      await expectNoSeriousA11yViolations(page, "/admin/processes (over the deadline)");
    }));
});
