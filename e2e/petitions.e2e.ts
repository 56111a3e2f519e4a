// Petitions in the browser: the desk's receptionist registers a denunciation at Phường Thuận Hóa
// and sees the denouncer as confidential; the ward's leader sees the identity and assigns the
// specialist; the specialist sees it too, accepts and records the decision; the receptionist still
// does not see who denounced. The leader's figures show the chart. axe on each screen.
import { describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  expectText,
  expectVisible,
  loginAs,
  msg,
  openAdminMenu,
  sharedBrowser,
  withSession,
} from "./browser.ts";

const browser = sharedBrowser();
const DENOUNCER = `Trần Thị Tố Giác ${String(Date.now()).slice(-5)}`;
const HANDLER = "Phạm Văn Chuyên";

describe("petitions", () => {
  it("registers a denunciation, assigns and decides it, keeping the denouncer confidential", async () => {
    let detailPath = "";
    await withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      await openAdminMenu(page, msg("vi", "petitions.menu"));
      await expectVisible(page.getByTestId("petition-list"), "the register");
      await expectNoSeriousA11yViolations(page, "petitions: register list");
      await page.getByRole("tab", { name: msg("vi", "petitions.tabs.register") }).click();
      const form = page.getByTestId("petition-register-form");
      await expectVisible(form, "the form");
      await form.getByRole("radio", { name: msg("vi", "petitions.kinds.denunciation"), exact: true }).check();
      await page.getByTestId("petition-subject").fill("Tố cáo cán bộ nhận tiền khi xác nhận hồ sơ");
      await page.getByTestId("petition-content").fill("Cán bộ yêu cầu nộp tiền ngoài quy định.");
      await page.getByTestId("petition-name").fill(DENOUNCER);
      await expectNoSeriousA11yViolations(page, "petitions: register form");
      await page.getByTestId("petition-submit").click();
      await expectVisible(page.getByTestId("petition-registered"), "the registered petition's number");
      await page.getByRole("link", { name: msg("vi", "petitions.register.open") }).click();
      await expectVisible(page.getByTestId("petition-identity-hidden"), "the confidential notice");
      detailPath = new URL(page.url()).pathname;
      expect(detailPath).toMatch(/^\/admin\/don-thu\/[0-9a-f-]{36}$/);
      expect(await page.content()).not.toContain(DENOUNCER);
      await expectNoSeriousA11yViolations(page, "petitions: detail (receptionist)");
    });

    await withSession(browser, async (page) => {
      await loginAs(page, "lanhdao.thuanhoa");
      await page.goto(detailPath);
      await expectText(page.getByTestId("petition-identity-name"), DENOUNCER, "the leader sees the identity");
      await page.getByTestId("petition-actions").getByText(msg("vi", "petitions.commands.assign")).click();
      await page.getByTestId("petition-handler").click();
      await page.locator(".ant-select-item-option", { hasText: HANDLER }).first().click();
      await page.getByTestId("petition-command-submit").click();
      await expectText(page.getByTestId("petition-detail"), HANDLER, "the assigned handler");
      await expectNoSeriousA11yViolations(page, "petitions: detail (leader)");
      // The figures with the chart.
      await page.goto("/admin/don-thu");
      await page.getByRole("tab", { name: msg("vi", "petitions.tabs.stats") }).click();
      await expectVisible(page.getByTestId("petition-stats-chart"), "the chart of the figures");
      await expectNoSeriousA11yViolations(page, "petitions: figures");
    });

    await withSession(browser, async (page) => {
      await loginAs(page, "chuyenvien.thuanhoa");
      await page.goto(detailPath);
      await expectText(
        page.getByTestId("petition-identity-name"),
        DENOUNCER,
        "the handler sees the identity",
      );
      // The first command offered to the handler is to accept it.
      await expectText(
        page.getByTestId("petition-command-submit"),
        msg("vi", "petitions.commands.accept"),
        "the accept button",
      );
      await page.getByTestId("petition-command-submit").click();
      await expectText(
        page.getByTestId("petition-status"),
        msg("vi", "petitions.statuses.in_progress"),
        "status in progress",
      );
      await page.getByTestId("petition-actions").getByText(msg("vi", "petitions.commands.decide")).click();
      await page.getByTestId("petition-decision").fill("Tố cáo đúng một phần; kiến nghị xử lý kỷ luật.");
      await page.getByTestId("petition-command-submit").click();
      await expectText(
        page.getByTestId("petition-status"),
        msg("vi", "petitions.statuses.decided"),
        "status decided",
      );
    });

    await withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      await page.goto(detailPath);
      await expectText(
        page.getByTestId("petition-status"),
        msg("vi", "petitions.statuses.decided"),
        "the receptionist sees the status",
      );
      await expectVisible(page.getByTestId("petition-identity-hidden"), "still confidential");
      expect(await page.content()).not.toContain(DENOUNCER);
    });
  });
});
