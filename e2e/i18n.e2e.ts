// The language switch: page text from web/src/locales/{vi,en}.json, <html lang>, persistence across
// a reload, in the public portal and in the back office.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectText, expectVisible, type Lang, loginAs, msg, sharedBrowser, withSession } from "./browser.ts";

const browser = sharedBrowser();

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

async function expectLanguage(page: Page, lang: Lang, heading: string, where: string): Promise<void> {
  await expectText(
    page.getByRole("heading", { level: 1 }),
    msg(lang, heading),
    `${where}: the h1 in ${lang}`,
  );
  await expect
    .poll(() => htmlLang(page), { message: `${where}: <html lang> should be "${lang}"` })
    .toBe(lang);
  // The switch offers the other language, labelled in that language.
  const other: Lang = lang === "vi" ? "en" : "vi";
  await expectText(page.getByTestId("lang-switch"), msg(lang, "lang.switchTo"), `${where}: the switch label`);
  expect(
    await page.getByTestId("lang-switch").locator("span[lang]").getAttribute("lang"),
    `${where}: the switch label is marked as ${other}`,
  ).toBe(other);
}

describe("language switch", () => {
  it("flips the portal between Vietnamese and English, sets <html lang> and persists across reloads", () =>
    withSession(browser, async (page) => {
      await page.goto("/");
      await expectLanguage(page, "vi", "home.heading", "first visit");
      await expectVisible(
        page.getByText(msg("vi", "home.unitsHeading"), { exact: true }),
        "a vi panel title",
      );
      expect(await page.title(), "document title in vi").toContain(msg("vi", "app.tagline"));

      await page.getByTestId("lang-switch").click();
      await expectLanguage(page, "en", "home.heading", "after switching to English");
      await expectVisible(
        page.getByText(msg("en", "home.unitsHeading"), { exact: true }),
        "the en panel title",
      );
      expect(
        await page.getByText(msg("vi", "home.heading"), { exact: true }).count(),
        "no Vietnamese heading left after switching to English",
      ).toBe(0);
      await expect
        .poll(() => page.title(), { message: "document title in en" })
        .toContain(msg("en", "app.tagline"));
      expect(
        await page.evaluate<string | null>('window.localStorage.getItem("motcua.lang")'),
        "the choice is stored",
      ).toBe("en");

      await page.reload();
      await expectLanguage(page, "en", "home.heading", "after a reload");

      // Client-side navigation keeps the language.
      await page
        .locator("header nav")
        .getByRole("link", { name: msg("en", "nav.login"), exact: true })
        .click();
      await expectLanguage(page, "en", "login.heading", "the login page");

      await page.getByTestId("lang-switch").click();
      await expectLanguage(page, "vi", "login.heading", "after switching back to Vietnamese");
      await page.reload();
      await expectLanguage(page, "vi", "login.heading", "after a reload in Vietnamese");
    }));

  it("switches the back office too, and keeps the choice after signing in", () =>
    withSession(browser, async (page) => {
      await page.goto("/login");
      await page.getByTestId("lang-switch").click();
      await expectLanguage(page, "en", "login.heading", "the login page in English");

      await loginAs(page, "giamsat");
      await expectLanguage(page, "en", "overview.heading", "the back office after signing in");
      await expectText(
        page.getByTestId("roles-table"),
        msg("en", "roles.supervisor"),
        "the role name in the roles table in English",
      );

      await page.getByTestId("lang-switch").click();
      await expectLanguage(page, "vi", "overview.heading", "the back office after switching");
      await expectText(page.getByTestId("roles-table"), msg("vi", "roles.supervisor"), "the role name in vi");
      await page.reload();
      await expectLanguage(page, "vi", "overview.heading", "the back office after a reload");
    }));
});
