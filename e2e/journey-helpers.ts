// Helpers of the citizen journey test (journey.e2e.ts): the filing catalog's strings, the demo
// e-form's labels, screenshots, phone-width checks and antd selects.
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { demoEforms } from "../src/demo/demo-eforms.ts";
import { expectCount, expectNoSeriousA11yViolations, expectVisible, type Lang } from "./browser.ts";

const CODE = "1.004873";
const ARTIFACTS = fileURLToPath(new URL("./artifacts/journey/", import.meta.url));
const FIELDS = demoEforms[CODE]!.fields;

type Tree = { [key: string]: string | Tree };
const filingCatalog = (lang: Lang) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../web/src/locales/filing.${lang}.json`, import.meta.url)), "utf8"),
  ) as Tree;
const filingCatalogs: Record<Lang, Tree> = { vi: filingCatalog("vi"), en: filingCatalog("en") };

/** A string of the filing catalog (web/src/locales/filing.*.json), e.g. `fmsg("en", "filing.next")`. */
export function fmsg(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = filingCatalogs[lang];
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`no message "${key}" in filing.${lang}.json`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The e-form's label of a field or an option, in `lang`. */
export function label(lang: Lang, key: string, option?: string): string {
  const field = FIELDS.find((f) => f.key === key)!;
  return option ? field.options!.find((o) => o.value === option)!.label[lang] : field.label[lang];
}

/** axe once antd's click "wave" effects have gone (they keep the page animating). */
export async function axe(page: Page, label: string): Promise<void> {
  await expectCount(page.locator(".ant-wave"), 0, "button click effects still running");
  await expectNoSeriousA11yViolations(page, label);
}

export async function shot(page: Page, lang: Lang, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${lang}-${name}.png`, fullPage: true });
}

export async function expectNoSideways(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, `horizontal scroll at 375 px: ${what}`).toBeLessThanOrEqual(widths.client);
}

/** At 375 px: no sideways scrolling, axe clean, a screenshot; then back to the desktop size. */
export async function onPhone(page: Page, lang: Lang, name: string): Promise<void> {
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoSideways(page, name);
  await axe(page, `${name} (375 px, ${lang})`);
  await shot(page, lang, `${name}-375`);
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** Picks an option of an antd Select (the open list's option), and checks that it was taken. */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    const item = page.locator(".ant-select-item-option:visible", { hasText: option }).first();
    await expectVisible(item, `the option ${option}`);
    await item.click();
    const chosen = await select
      .locator(".ant-select-content, .ant-select-selection-item")
      .first()
      .textContent()
      .catch(() => "");
    if (chosen?.includes(option)) return;
  }
  throw new Error(`could not choose ${option}`);
}
