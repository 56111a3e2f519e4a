// Feedback in the browser: a citizen (not signed in) sends feedback about Phường Thuận Hóa's
// premises with a photo, a map point, her name and phone and the consent to publish; a wrong
// file and half a map point are refused next to their fields; she gets the code and sees the
// status. The desk's receptionist finds it, reads the sender's data, answers and publishes it:
// the proposed text has the name and phone removed, a text that still has the phone is refused
// under the field, the edited text is accepted. The public list shows it without the sender's
// name or phone; the status page shows the answer. axe on each screen; screenshots in
// e2e/artifacts/feedback/; 375 px without sideways scrolling.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  expectCount,
  expectHidden,
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
const ARTIFACTS = fileURLToPath(new URL("./artifacts/feedback/", import.meta.url));
const NAME = "Trần Thị Mận";
const PHONE = "0912345678";
const TEXT = `Lối đi xe lăn ở cổng trụ sở phường bị xe máy chắn suốt buổi sáng. Tôi là ${NAME}, gọi ${PHONE}.`;
const PUBLIC_TEXT = "Lối đi xe lăn ở cổng trụ sở phường bị xe máy chắn suốt buổi sáng.";
const REPLY = "Phường đã bố trí người trông xe và biển cấm đỗ trước lối đi xe lăn từ ngày mai.";
// The smallest PNG (1×1 pixel): the server sniffs the bytes.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** axe once antd's click "wave" effects have gone (they keep the page animating). */
async function axe(page: Page, label: string): Promise<void> {
  await expectCount(page.locator(".ant-wave"), 0, "button click effects still running");
  await expectNoSeriousA11yViolations(page, label);
}

async function noSideways(page: Page, what: string): Promise<void> {
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(width, `${what} is wider than a 375 px screen`).toBeLessThanOrEqual(375);
}

describe("feedback", () => {
  it("a citizen sends feedback with a photo; an official answers and publishes it without personal data", async () => {
    let code = "";

    await withSession(browser, async (page) => {
      await page.goto("/");
      await page.getByRole("link", { name: msg("vi", "feedback.portalLink"), exact: true }).click();
      await expectVisible(page.getByTestId("fb-kinds"), "the kinds of feedback");
      await expectNoSeriousA11yViolations(page, "feedback: the empty form");
      await page.getByTestId("fb-kinds").getByText("Trụ sở, cơ sở vật chất").click();
      await page.getByTestId("fb-unit").click();
      await page.keyboard.type("Thuận Hóa");
      await page.locator(".ant-select-item-option", { hasText: "Phường Thuận Hóa" }).first().click();
      await page.getByTestId("fb-description").fill(TEXT);

      // A text file is refused next to the photo field before anything is sent; removing it clears it.
      await page.getByTestId("fb-photos").setInputFiles({
        name: "ghi-chu.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("not a photo"),
      });
      await expectText(
        page.getByTestId("fb-photo-errors"),
        msg("vi", "feedback.send.photoType", { name: "ghi-chu.txt" }),
        "the photo type error",
      );
      await page
        .getByRole("button", { name: msg("vi", "feedback.send.photoRemove", { name: "ghi-chu.txt" }) })
        .click();
      await expectHidden(page.getByTestId("fb-photo-errors"), "the photo error, once the file is removed");
      await page
        .getByTestId("fb-photos")
        .setInputFiles({ name: "loi-di.png", mimeType: "image/png", buffer: PNG });
      await expectText(page.getByTestId("fb-photo-list"), "loi-di.png", "the chosen photo");

      // Half a map point: the longitude is asked for.
      await page.getByTestId("fb-lat").fill("16.4637");
      await page.getByTestId("fb-name").fill(NAME);
      await page.getByTestId("fb-phone").fill(PHONE);
      await page.getByTestId("fb-consent").check();
      await page.getByTestId("fb-submit").click();
      await expectText(
        page.locator(".ant-form-item-explain-error", { hasText: msg("vi", "feedback.send.pointPair") }),
        msg("vi", "feedback.send.pointPair"),
        "the map point needs both numbers",
      );
      await page.getByTestId("fb-long").fill("107.5909");
      await expectHidden(
        page.locator(".ant-form-item-explain-error", { hasText: msg("vi", "feedback.send.pointPair") }),
        "the map point error, once both are given",
      );
      await axe(page, "feedback: the filled form");
      await shot(page, "send-form");
      await page.getByTestId("fb-submit").click();

      await expectVisible(page.getByTestId("fb-code"), "the feedback code");
      code = ((await page.getByTestId("fb-code").textContent()) ?? "").trim();
      expect(code).toMatch(/^PA-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
      await expectText(
        page.getByTestId("fb-photos-sent"),
        msg("vi", "feedback.done.photosSent", { n: 1 }),
        "the photo was sent",
      );
      await axe(page, "feedback: confirmation");
      await shot(page, "send-done");

      await page.getByTestId("fb-status-link").click();
      await expectText(
        page.getByTestId("fb-status-value"),
        msg("vi", "feedback.statuses.open"),
        "the status of the new feedback",
      );
      const body = (await page.locator("main").textContent()) ?? "";
      expect(body).not.toContain(PHONE);
      expect(body).not.toContain("Mận");
      await axe(page, "feedback: status");

      await page.setViewportSize({ width: 375, height: 740 });
      for (const [path, ready] of [
        ["/phan-anh", "fb-kinds"],
        [`/phan-anh/${code}`, "fb-status"],
      ] as const) {
        await page.goto(path);
        await expectVisible(page.getByTestId(ready), path);
        await noSideways(page, path);
      }
      await shot(page, "status-375");
    });

    await withSession(browser, async (page) => {
      await loginAs(page, "tiepnhan.thuanhoa");
      await openAdminMenu(page, msg("vi", "feedback.menu"));
      await expectVisible(page.getByTestId("fb-list"), "the list of feedback");
      await page.getByTestId("fb-search").locator("input").fill(code);
      await page.getByTestId("fb-search").locator("input").press("Enter");
      const row = page.getByTestId("fb-list").locator("tbody tr", { hasText: code });
      await expectVisible(row, `the feedback ${code} in the list`);
      await expectText(row, NAME, "the sender's name (staff see it)");
      await axe(page, "back office: feedback list");
      await row.getByRole("button", { name: code }).click();

      const drawer = page.getByTestId("fb-drawer");
      await expectText(drawer.getByTestId("fb-sender"), PHONE, "the sender's phone in the detail");
      await expectVisible(drawer.getByTestId("fb-detail-photos").locator("img"), "the photo");
      await expectText(drawer.getByTestId("fb-detail-text"), TEXT, "the full text");
      await axe(page, "back office: feedback detail");
      await shot(page, "admin-detail");

      // Answer.
      await drawer.getByTestId("fb-commands").getByText(msg("vi", "feedback.admin.commands.reply")).click();
      await drawer.getByTestId("fb-reply-text").fill(REPLY);
      await drawer.getByTestId("fb-command-submit").click();
      await expectText(
        drawer.getByTestId("fb-detail-status"),
        msg("vi", "feedback.statuses.answered"),
        "the status after answering",
      );

      // Publish: the proposal has the name and phone removed; text with the phone is refused.
      await drawer.getByTestId("fb-commands").getByText(msg("vi", "feedback.admin.commands.publish")).click();
      const publicText = drawer.getByTestId("fb-public-text");
      await expectVisible(publicText, "the proposed public text");
      const proposed = await publicText.inputValue();
      expect(proposed).toContain("[…]");
      expect(proposed).not.toContain(PHONE);
      expect(proposed).not.toContain("Mận");
      await publicText.fill(`${PUBLIC_TEXT} Gọi ${PHONE}.`);
      await drawer.getByTestId("fb-command-submit").click();
      await expectText(
        drawer.locator(".ant-form-item-explain-error"),
        "thông tin cá nhân",
        "the refusal under the public text",
      );
      await axe(page, "back office: publish refused");
      await publicText.fill(PUBLIC_TEXT);
      await drawer.getByTestId("fb-public-photos").getByRole("checkbox").first().check();
      await drawer.getByTestId("fb-command-submit").click();
      await expectText(drawer.getByTestId("fb-detail-public"), PUBLIC_TEXT, "the published text");
      await axe(page, "back office: published");
      await shot(page, "admin-published");

      // The figures of the unit.
      await page.getByTestId("fb-drawer").locator(".ant-drawer-close").click();
      await expectHidden(page.getByTestId("fb-drawer"), "the drawer, closed");
      await page.getByRole("tab", { name: msg("vi", "feedback.admin.tabs.stats") }).click();
      await expectVisible(page.getByTestId("fb-stats"), "the figures");
      const received = Number(await page.getByTestId("fb-stat-received").textContent());
      expect(received).toBeGreaterThanOrEqual(1);
      await expectVisible(page.getByTestId("fb-stats-chart"), "the chart");
      await axe(page, "back office: feedback figures");
      await shot(page, "admin-stats");
    });

    await withSession(browser, async (page) => {
      await page.goto("/phan-anh/cong-khai");
      const item = page.locator(`[data-testid="fb-published-item"][data-code="${code}"]`);
      await expectVisible(item, "the published feedback");
      await expectText(item, PUBLIC_TEXT, "the reviewed text");
      await expectText(item, REPLY, "the answer");
      await expectVisible(item.locator("img"), "the published photo");
      const shown = (await page.locator("main").textContent()) ?? "";
      expect(shown).not.toContain(PHONE);
      expect(shown).not.toContain("Mận");
      await axe(page, "public: published feedback");
      await shot(page, "published");

      await page.goto(`/phan-anh/${code}`);
      await expectText(page.getByTestId("fb-reply"), REPLY, "the answer on the status page");
      await axe(page, "public: answered status");

      // A code nobody has: said plainly, no error page.
      await page.goto("/phan-anh/PA-22222222");
      await expectVisible(page.getByTestId("fb-not-found"), "the not-found notice");
      await axe(page, "public: unknown code");

      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto("/phan-anh/cong-khai");
      await expectVisible(item, "the published feedback at 375 px");
      await noSideways(page, "/phan-anh/cong-khai");
    });
  });
});
