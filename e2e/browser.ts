// Shared helpers for the e2e suite: Debian's Chromium through playwright-core (never a downloaded
// browser), one fresh context per test, sign-in through the real form, waiting assertions with
// clear messages, the UI message catalogs, and an axe check that fails on serious/critical issues.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { DEMO_PASSWORD } from "../src/demo/demo-data.ts";

export { DEMO_PASSWORD };

export type Lang = "vi" | "en";

/** How long a waiting assertion waits for the page to reach the expected state. */
export const WAIT_MS = 15_000;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const ARTIFACTS = path.join(tmpdir(), "motcua-e2e-artifacts");

export function baseUrl(): string {
  return inject("baseUrl");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

// ---------------------------------------------------------------------------------------------
// UI messages, straight from the catalogs the web app ships (web/src/locales/*.json).

type Tree = { [key: string]: string | Tree };

/** The core catalog plus the area files (`<area>.<lang>.json`, one top-level key each), as the app merges them. */
function loadCatalog(lang: Lang): Tree {
  const dir = fileURLToPath(new URL("../web/src/locales/", import.meta.url));
  const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Tree;
  const areas = readdirSync(dir).filter((name) => name.endsWith(`.${lang}.json`));
  return Object.assign(read(`${lang}.json`), ...areas.map(read));
}

const catalogs: Record<Lang, Tree> = { vi: loadCatalog("vi"), en: loadCatalog("en") };

/** A UI string, e.g. `msg("en", "home.heading")`; throws on an unknown key so typos fail loudly. */
export function msg(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = catalogs[lang];
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`no message "${key}" in web/src/locales/${lang}.json`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// ---------------------------------------------------------------------------------------------
// Sessions: a fresh browser context (cookies, storage) per test.

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in the page; checked by closeSession(). */
  pageErrors: string[];
}

/**
 * A fresh context and page. `lang` presets the UI language the way the app stores it
 * (localStorage "motcua.lang"), as if the user had chosen it on an earlier visit.
 */
export async function newSession(browser: Browser, { lang = "vi" }: { lang?: Lang } = {}): Promise<Session> {
  const url = baseUrl();
  const context = await browser.newContext({
    baseURL: url,
    locale: lang === "vi" ? "vi-VN" : "en-GB",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1366, height: 900 },
    reducedMotion: "reduce",
    storageState: {
      cookies: [],
      origins: [{ origin: url, localStorage: [{ name: "motcua.lang", value: lang }] }],
    },
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));

  return { context, page, pageErrors };
}

/** Closes the context and fails the test if the page threw an uncaught exception. */
export async function closeSession(session: Session | undefined): Promise<void> {
  if (!session) return;
  const errors = [...session.pageErrors];
  await session.context.close();
  expect(errors, "the web app threw uncaught exceptions in the page").toEqual([]);
}

/** Saves a full-page screenshot of a failing state and prints where it is. */
export async function saveFailureScreenshot(page: Page): Promise<void> {
  try {
    mkdirSync(ARTIFACTS, { recursive: true });
    const name = (expect.getState().currentTestName ?? "test").replace(/[^\w.-]+/g, "_").slice(0, 120);
    const file = path.join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
    console.error(`[e2e] failure screenshot: ${file} (page: ${page.url()})`);
  } catch {
    // The page may be gone; the assertion error is what matters.
  }
}

/**
 * Runs `run` with a fresh session: screenshot on failure, context closed afterwards, and no
 * uncaught page exceptions allowed.
 */
export async function withSession(
  browser: Browser,
  run: (page: Page, session: Session) => Promise<void>,
  options: { lang?: Lang } = {},
): Promise<void> {
  const session = await newSession(browser, options);
  try {
    await run(session.page, session);
  } catch (error) {
    await saveFailureScreenshot(session.page);
    await session.context.close().catch(() => {});
    throw error;
  }
  await closeSession(session);
}

// ---------------------------------------------------------------------------------------------
// Waiting assertions (playwright-core has no auto-waiting expect).

export async function expectVisible(locator: Locator, what: string, timeout = WAIT_MS): Promise<void> {
  try {
    await locator.first().waitFor({ state: "visible", timeout });
  } catch {
    throw new Error(`expected ${what} to be visible within ${timeout / 1000} s (locator: ${locator})`);
  }
}

export async function expectHidden(locator: Locator, what: string, timeout = WAIT_MS): Promise<void> {
  try {
    await locator.first().waitFor({ state: "hidden", timeout });
  } catch {
    throw new Error(`expected ${what} to be absent within ${timeout / 1000} s (locator: ${locator})`);
  }
}

/** Waits until the element's visible text contains `text`. */
export async function expectText(locator: Locator, text: string, what: string): Promise<void> {
  await expect
    .poll(
      () =>
        locator
          .first()
          .textContent({ timeout: 1_000 })
          .catch(() => "<not found>"),
      {
        timeout: WAIT_MS,
        interval: 100,
        message: `${what}: expected the text to contain "${text}"`,
      },
    )
    .toContain(text);
}

/** Waits for a form control to be marked invalid (`aria-invalid="true"`), e.g. by the server's field error. */
export async function expectInvalid(locator: Locator, what: string): Promise<void> {
  await expect
    .poll(() => locator.getAttribute("aria-invalid"), { timeout: WAIT_MS, message: what })
    .toBe("true");
}

export async function expectCount(locator: Locator, count: number, what: string): Promise<void> {
  await expect
    .poll(() => locator.count(), { timeout: WAIT_MS, interval: 100, message: `${what}: expected ${count}` })
    .toBe(count);
}

export async function expectPath(page: Page, pathname: string, what: string): Promise<void> {
  await expect
    .poll(() => new URL(page.url()).pathname, { timeout: WAIT_MS, interval: 100, message: what })
    .toBe(pathname);
}

// ---------------------------------------------------------------------------------------------
// Sign-in through the real form.

/** Opens /login and submits the form; does not wait for the outcome. */
export async function submitLogin(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/login");
  await expectVisible(page.getByTestId("login-username"), "the login form");
  await page.getByTestId("login-username").fill(login);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

/** Signs a staff user in through the form and waits for the back office with their name. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, username, password);
  await expectPath(page, "/admin", `after signing in as ${username}, the browser should be on /admin`);
  await expectVisible(page.getByTestId("user-menu-name"), `the signed-in user's name (${username})`);
}

/** Follows a link of the back-office side menu (client-side navigation, no reload). */
export async function openAdminMenu(page: Page, label: string): Promise<void> {
  await page.locator(".admin-sider nav").getByRole("link", { name: label, exact: true }).click();
}

/**
 * Scrolls each below-the-fold part that loads when a reader nears it ([data-lazy-region], e.g. the
 * unit tree of the portal home) into view, then back to the top, as a reader scrolling down would.
 */
export async function revealLazyRegions(page: Page): Promise<void> {
  const regions = page.locator("[data-lazy-region]");
  for (let i = 0; i < (await regions.count()); i++) {
    const region = regions.nth(i);
    await region.scrollIntoViewIfNeeded();
    // The page marks the region "near" once its observer has seen it; scrolling back before that
    // would leave it unloaded.
    await expect
      .poll(() => region.getAttribute("data-lazy-region"), {
        timeout: 10_000,
        message: "the lazy region noticed it was scrolled into view",
      })
      .toBe("near");
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

// ---------------------------------------------------------------------------------------------
// Accessibility.

/**
 * Waits until the page is visually settled: no finite CSS animation or transition running and no
 * antd motion element (fades, tree expands) for a few consecutive checks. Mid-animation opacity
 * makes axe report false contrast failures. Spinners loop forever and are ignored.
 */
export async function waitForSettled(page: Page): Promise<void> {
  const busy = `document.getAnimations().filter((a) => a.playState !== "finished" && a.playState !== "idle" &&
      a.effect && a.effect.getComputedTiming().iterations !== Infinity).length +
    document.querySelectorAll('.ant-tree-treenode-motion, [class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"], [class*="-appear-start"], [class*="-enter-start"]').length`;
  let quiet = 0;
  try {
    await expect
      .poll(
        async () => {
          quiet = (await page.evaluate<number>(busy)) === 0 ? quiet + 1 : 0;
          return quiet >= 3;
        },
        { timeout: 5_000, interval: 60, message: "the page kept animating" },
      )
      .toBe(true);
  } catch (error) {
    // Name what still moves, so a failure says which element to fix.
    const culprits = await page.evaluate<string[]>(`(() => {
      const describe = (el) => el ? el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "") : "?";
      const running = document.getAnimations().filter((a) => a.playState !== "finished" && a.playState !== "idle" &&
        a.effect && a.effect.getComputedTiming().iterations !== Infinity)
        .map((a) => "animation " + (a.animationName || a.transitionProperty || a.id || "?") + " on " + describe(a.effect.target));
      const motion = [...document.querySelectorAll('.ant-tree-treenode-motion, [class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"], [class*="-appear-start"], [class*="-enter-start"]')]
        .map((el) => "motion class on " + describe(el));
      return [...running, ...motion];
    })()`);
    throw new Error(
      `${(error as Error).message}\n  still moving: ${culprits.join("\n    ") || "(nothing by now)"}`,
    );
  }
}

/**
 * Runs axe on the current page; fails on any violation of impact "serious" or "critical". The pointer
 * is moved off the content first (resting state) unless `keepPointer` is set (to check hover states).
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  label = page.url(),
  { keepPointer = false }: { keepPointer?: boolean } = {},
): Promise<void> {
  if (!keepPointer) {
    // Bottom-right corner: page background in both layouts, so nothing shows a hover state.
    const size = page.viewportSize() ?? { width: 1280, height: 720 };
    await page.mouse.move(size.width - 2, size.height - 2);
  }
  await waitForSettled(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map(
    (v) =>
      `${v.impact} ${v.id} (${v.help}): ${v.nodes
        .map((node) => node.target.map((t) => (typeof t === "string" ? t : JSON.stringify(t))).join(" > "))
        .join(" | ")}`,
  );
  if (report.length > 0) console.error(`[axe] ${label}\n  ${report.join("\n  ")}`);
  expect(report, `axe found serious/critical accessibility violations on ${label}`).toEqual([]);
}

/**
 * One browser per test file, launched before its tests and closed after them. The returned
 * object stands for it (a proxy), so tests pass it around as a Browser.
 */
export function sharedBrowser(): Browser {
  let real: Browser | undefined;
  beforeAll(async () => {
    real = await launchBrowser();
  });
  afterAll(async () => {
    await real?.close();
  });
  return new Proxy({} as Browser, {
    get(_target, prop) {
      if (!real) throw new Error("The browser is launched in beforeAll: use it inside tests.");
      const value = Reflect.get(real, prop);
      return typeof value === "function" ? value.bind(real) : value;
    },
  });
}

export type CspViolation = {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
};

/** Installed before any script of each document: collects the document's CSP violations. */
const LISTENER = `
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
    });
  });
`;

/** Watches a page: violations per document (read before leaving it) and CSP console errors. */
export async function watchCsp(page: Page) {
  await page.addInitScript(LISTENER);
  const console: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /content security policy|refused to/i.test(m.text())) console.push(m.text());
  });
  return {
    console,
    violations: async (): Promise<CspViolation[]> =>
      ((await page.evaluate("window.__csp ?? []")) as CspViolation[]) ?? [],
  };
}
