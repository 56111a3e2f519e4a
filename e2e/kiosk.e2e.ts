// The self-service kiosk (/kiosk): finding a procedure and its key facts, looking a demo dossier up
// with the on-screen keypad only, the idle reset (shortened with ?idle=), touch targets of at least
// 64 px, axe, on a 1080×1920 portrait screen and a 375 px phone.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectHidden,
  expectNoSeriousA11yViolations,
  expectText,
  expectVisible,
  msg,
  sharedBrowser,
  withSession,
} from "./browser.ts";
import { type DemoValues, demoValues, PROCEDURE_CODE } from "./pages.ts";

const browser = sharedBrowser();
const PORTRAIT = { width: 1080, height: 1920 };
const PHONE = { width: 375, height: 740 };

let demo: DemoValues;
beforeAll(async () => {
  demo = await demoValues();
});

async function openKiosk(page: Page, size: { width: number; height: number }, query = ""): Promise<void> {
  await page.setViewportSize(size);
  await page.goto(`/kiosk${query}`);
  await expectVisible(page.getByTestId("kiosk-tile-search"), "the kiosk's start screen");
}

/** Every button and input on screen is at least 64 × 64 px (touch targets). */
async function expectLargeTargets(page: Page, where: string): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll(".kiosk button, .kiosk input")]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < 64 || box.width < 64))
      .map(
        ({ el, box }) => `${el.getAttribute("data-testid") ?? el.textContent}: ${box.width}×${box.height}`,
      ),
  );
  expect(small, `touch targets under 64 px (${where})`).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page, width: number, where: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(scrollWidth, `horizontal scroll (${where})`).toBeLessThanOrEqual(width);
}

/** Types a dossier code on the on-screen keypad only (letters from its letters page). */
async function typeOnKeypad(page: Page, code: string): Promise<void> {
  for (const char of code.toUpperCase()) {
    if (/[A-Z]/.test(char)) {
      await page.getByTestId("kiosk-key-letters").click();
      await page.getByTestId(`kiosk-key-${char}`).click();
      await page.getByTestId("kiosk-key-letters").click();
    } else {
      await page.getByTestId(`kiosk-key-${char}`).click();
    }
  }
}

describe.each([
  ["1080×1920 portrait", PORTRAIT],
  ["375 px phone", PHONE],
] as const)("kiosk on a %s", (_label, size) => {
  it("finds a procedure and shows its key facts", () =>
    withSession(browser, async (page) => {
      await openKiosk(page, size);
      await expectText(page.getByTestId("kiosk-heading"), msg("vi", "kiosk.heading"), "the start heading");
      // No portal chrome: no site navigation on the kiosk.
      expect(await page.locator(".app-nav").count(), "no portal navigation").toBe(0);
      await expectLargeTargets(page, "start screen");
      await expectNoHorizontalScroll(page, size.width, "start screen");
      await expectNoSeriousA11yViolations(page, `/kiosk start (${size.width}px)`);

      await page.getByTestId("kiosk-tile-search").click();
      await page.getByTestId("kiosk-search-input").fill("tinh trang hon nhan");
      await page.getByTestId("kiosk-search-submit").click();
      const result = page.getByTestId("kiosk-results").getByRole("button", { name: PROCEDURE_CODE });
      await expectVisible(result, "the marriage-status procedure in the results");
      await expectLargeTargets(page, "search results");
      await expectNoSeriousA11yViolations(page, `/kiosk search results (${size.width}px)`);

      await result.click();
      await expectText(page.getByTestId("kiosk-fact-code"), PROCEDURE_CODE, "the procedure's code");
      await expectText(page.getByTestId("kiosk-fact-deadline"), "ngày làm việc", "its time limit");
      await expectVisible(page.getByTestId("kiosk-procedure-documents").locator("li"), "its documents");
      await expectNoHorizontalScroll(page, size.width, "procedure facts");
      await expectNoSeriousA11yViolations(page, `/kiosk procedure facts (${size.width}px)`);

      await page.getByTestId("kiosk-procedure-back").click();
      await expectVisible(page.getByTestId("kiosk-results"), "back to the results");
      await page.getByTestId("kiosk-home").click();
      await expectVisible(page.getByTestId("kiosk-tile-lookup"), "back at the start screen");
    }));

  it("looks a demo dossier up by the on-screen keypad", () =>
    withSession(browser, async (page) => {
      await openKiosk(page, size);
      await page.getByTestId("kiosk-tile-lookup").click();
      await expectVisible(page.getByTestId("kiosk-keypad"), "the keypad");
      await expectLargeTargets(page, "keypad");
      await expectNoHorizontalScroll(page, size.width, "keypad");

      // An empty code is refused next to the field.
      await page.getByTestId("kiosk-lookup-submit").click();
      await expect
        .poll(() => page.getByTestId("kiosk-lookup-code").getAttribute("aria-invalid"))
        .toBe("true");

      await typeOnKeypad(page, `${demo.dossierCode}9`);
      await page.getByTestId("kiosk-key-backspace").click();
      expect(await page.getByTestId("kiosk-lookup-code").inputValue(), "the code typed on the keypad").toBe(
        demo.dossierCode.toUpperCase(),
      );
      await page.getByTestId("kiosk-lookup-submit").click();
      const result = page.getByTestId("kiosk-lookup-result");
      await expectText(
        result,
        msg("vi", "kiosk.lookup.resultHeading", { code: demo.dossierCode }),
        "the result",
      );
      expect((await page.getByTestId("kiosk-lookup-state").textContent())?.trim(), "the state").not.toBe("");
      await expectNoHorizontalScroll(page, size.width, "lookup result");
      await expectNoSeriousA11yViolations(page, `/kiosk lookup result (${size.width}px)`);

      // An unknown code: a message, no result.
      await page.getByTestId("kiosk-lookup-again").click();
      await typeOnKeypad(page, "000-000000-0000");
      await page.getByTestId("kiosk-lookup-submit").click();
      await expectVisible(page.getByTestId("kiosk-lookup-not-found"), "the not-found message");
      await expectHidden(result, "no result for an unknown code");
    }));
});

describe("kiosk idle reset", () => {
  it("goes back to the start screen in Vietnamese after the idle time, and activity postpones it", () =>
    withSession(browser, async (page) => {
      await openKiosk(page, PORTRAIT, "?idle=3");
      await expectText(
        page.getByTestId("kiosk"),
        msg("vi", "kiosk.idleNotice", { seconds: 3 }),
        "the notice",
      );
      await page.getByTestId("kiosk-lang").click();
      await expectText(page.getByTestId("kiosk-heading"), msg("en", "kiosk.heading"), "English");
      await page.getByTestId("kiosk-tile-lookup").click();
      // Keep touching for longer than the idle time: the kiosk stays where it is.
      for (let i = 0; i < 5; i++) {
        await page.getByTestId("kiosk-key-1").click();
        await page.waitForTimeout(1_000);
      }
      expect(await page.getByTestId("kiosk").getAttribute("data-view"), "still on the lookup").toBe("lookup");
      expect(await page.getByTestId("kiosk-lookup-code").inputValue()).toBe("11111");

      // Then leave it alone.
      await expect
        .poll(() => page.getByTestId("kiosk").getAttribute("data-view"), { timeout: 10_000, interval: 200 })
        .toBe("start");
      await expectText(page.getByTestId("kiosk-heading"), msg("vi", "kiosk.heading"), "back in Vietnamese");
      await page.getByTestId("kiosk-tile-lookup").click();
      expect(await page.getByTestId("kiosk-lookup-code").inputValue(), "nothing typed survives").toBe("");
    }));
});
