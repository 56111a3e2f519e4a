// Every page of the web app, for the sweeps that check them all (axe in a11y.e2e.ts, no horizontal
// scroll at 375 px). ADD YOUR PAGE HERE when you add a route to web/src/App.tsx or
// web/src/backoffice/BackOffice.tsx: its path (with demo values for parameters), who opens it
// (anonymous, the demo citizen, or a demo staff account that may open it), and optionally the
// test id of an element that is there once the page has loaded.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { demoCitizen } from "../src/demo/demo-data.ts";
import { baseUrl, DEMO_PASSWORD, revealLazyRegions } from "./browser.ts";

/** "anonymous", "citizen" (the demo citizen) or a demo staff username. */
export type Who = "anonymous" | "citizen" | string;

export interface AppPage {
  /** A path, or a function of the demo values (a dossier's id and code) that makes one. */
  path: string | ((demo: DemoValues) => string);
  as: Who;
  /** Test id of an element present once the page's data has loaded. */
  ready?: string;
}

export interface DemoValues {
  dossierId: string;
  dossierCode: string;
  /** This year's demo PAR criteria set and Phường Thuận Hóa's assessment against it. */
  parSetId: string;
  parAssessmentId: string;
}

export const PROCEDURE_CODE = "1.004873";

export const PORTAL_PAGES: AppPage[] = [
  { path: "/", as: "anonymous", ready: "public-unit-tree" },
  { path: "/login", as: "anonymous", ready: "login-username" },
  { path: "/register", as: "anonymous", ready: "register-full-name" },
  { path: "/thu-tuc", as: "anonymous" },
  { path: `/thu-tuc/${PROCEDURE_CODE}`, as: "anonymous" },
  { path: "/tra-cuu", as: "anonymous", ready: "lookup-code" },
  {
    path: (demo) => `/tra-cuu/${encodeURIComponent(demo.dossierCode)}`,
    as: "anonymous",
    ready: "lookup-result",
  },
  { path: "/xac-thuc", as: "anonymous" },
  { path: "/minh-bach", as: "anonymous", ready: "tp-cards" },
  { path: "/kiosk", as: "anonymous", ready: "kiosk-tile-search" },
  { path: "/man-hinh/46.19753", as: "anonymous", ready: "queue-display" },
  { path: "/dat-lich?unit=46.19753", as: "anonymous", ready: "appt-slots" },
  { path: "/dat-lich/LH-DEMAHB23", as: "anonymous", ready: "appt-manage-phone" },
  { path: "/phan-anh", as: "anonymous", ready: "fb-kinds" },
  // The published list: empty, or with items once e2e/feedback.e2e.ts has published one.
  { path: "/phan-anh/cong-khai", as: "anonymous" },
  // A made-up code: the page says no feedback has it (a real one: e2e/feedback.e2e.ts).
  { path: "/phan-anh/PA-22222222", as: "anonymous", ready: "fb-not-found" },
  // A made-up token: the page explains the link is not valid (a real one: e2e/frontdesk-flow.e2e.ts).
  { path: "/danh-gia/khong-hop-le", as: "anonymous", ready: "rating-link-page" },
  // No gateway parameters: the return page says the result is not valid (a real one: e2e/payments.e2e.ts).
  { path: "/thanh-toan/ket-qua", as: "anonymous", ready: "payment-return-page" },
  { path: "/quen-mat-khau", as: "anonymous", ready: "forgot-login" },
  // A well-formed token no account has: the page explains the link is not valid (a real one:
  // e2e/accounts.e2e.ts).
  { path: `/dat-mat-khau#t=${"A".repeat(43)}`, as: "anonymous", ready: "set-password-invalid" },
  { path: `/xac-nhan-lien-he#t=${"A".repeat(43)}`, as: "anonymous", ready: "confirm-contact-invalid" },
  { path: "/khong-co-trang-nay", as: "anonymous" },
  { path: "/ho-so-cua-toi", as: "citizen" },
  { path: "/doi-mat-khau", as: "citizen", ready: "contact-value" },
  { path: "/giay-to-cua-toi", as: "citizen" },
  { path: `/nop-truc-tuyen/${PROCEDURE_CODE}`, as: "citizen" },
];

export const BACK_OFFICE_PAGES: AppPage[] = [
  { path: "/admin", as: "admin", ready: "roles-table" },
  { path: "/admin/org", as: "admin", ready: "org-tree" },
  { path: "/admin/audit", as: "admin" },
  { path: "/admin/catalog", as: "admin" },
  { path: "/admin/calendar", as: "admin" },
  { path: "/admin/processes", as: "admin" },
  { path: "/admin/unit-procedures", as: "quantri.thuanhoa" },
  { path: "/admin/bieu-mau", as: "quantri.thuanhoa" },
  { path: "/admin/tiep-nhan", as: "tiepnhan.thuanhoa" },
  { path: "/admin/nop-ho-tro", as: "tiepnhan.thuanhoa" },
  { path: "/admin/ho-so", as: "chuyenvien.thuanhoa" },
  { path: (demo) => `/admin/ho-so/${demo.dossierId}`, as: "tiepnhan.thuanhoa", ready: "dossier-page" },
  { path: "/admin/bang-dieu-khien", as: "lanhdao.thuanhoa", ready: "overdue-table" },
  { path: "/admin/bao-cao-can-bo", as: "lanhdao.thuanhoa", ready: "workload-table" },
  { path: "/admin/chi-so-766", as: "lanhdao.thuanhoa", ready: "index-total" },
  { path: "/admin/bao-cao-giai-quyet", as: "lanhdao.thuanhoa", ready: "resolution-total" },
  { path: "/admin/nhap-ho-so", as: "admin", ready: "import-runs" },
  { path: "/admin/cai-cach-hanh-chinh", as: "quantri.thuanhoa", ready: "par-units" },
  { path: "/admin/cai-cach-hanh-chinh/bo-tieu-chi", as: "admin", ready: "par-sets" },
  {
    path: (demo) => `/admin/cai-cach-hanh-chinh/bo-tieu-chi/${demo.parSetId}`,
    as: "admin",
    ready: "par-criteria-tree",
  },
  {
    path: (demo) => `/admin/cai-cach-hanh-chinh/danh-gia/${demo.parAssessmentId}`,
    as: "quantri.thuanhoa",
    ready: "par-assessment-table",
  },
  { path: "/admin/cai-cach-hanh-chinh/xep-hang", as: "giamsat", ready: "par-ranking-table" },
  { path: "/admin/quay", as: "tiepnhan.thuanhoa", ready: "queue-desk-select" },
  { path: "/admin/quay/cau-hinh", as: "quantri.thuanhoa", ready: "queue-desks" },
  { path: "/admin/lich-hen", as: "tiepnhan.thuanhoa", ready: "appt-admin-bookings" },
  { path: "/admin/phan-anh", as: "tiepnhan.thuanhoa", ready: "fb-list" },
  { path: "/admin/don-thu", as: "lanhdao.thuanhoa", ready: "petition-list" },
  { path: "/admin/thanh-toan", as: "lanhdao.thuanhoa", ready: "payments-admin-page" },
  { path: "/admin/lien-he", as: "quantri.thuanhoa", ready: "contacts-hotline" },
  { path: "/admin/danh-gia-tai-quay", as: "tiepnhan.thuanhoa", ready: "desk-rating-code" },
  { path: "/admin/can-bo", as: "quantri.thuanhoa", ready: "staff-row" },
  { path: "/admin/doi-mat-khau", as: "tiepnhan.thuanhoa", ready: "change-password-current" },
  { path: "/admin/khong-co-trang-nay", as: "tiepnhan.thuanhoa" },
];

export const pathOf = (page: AppPage, demo: DemoValues) =>
  typeof page.path === "string" ? page.path : page.path(demo);

/** Signs in over the API (no UI): cookies and CSRF token for API calls from the test process. */
async function apiSession(login: string): Promise<{ cookie: string }> {
  const response = await fetch(`${baseUrl()}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: login, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`API sign-in of ${login}: ${response.status}`);
  return {
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

/** A demo dossier of Phường Thuận Hóa (received, with a code) for the pages that show one. */
export async function demoValues(): Promise<DemoValues> {
  const { cookie } = await apiSession("tiepnhan.thuanhoa");
  const response = await fetch(`${baseUrl()}/api/dossiers?pageSize=50`, { headers: { cookie } });
  const body = (await response.json()) as { items: { id: string; code: string | null }[] };
  const dossier = body.items.find((item) => item.code);
  if (!dossier?.code) throw new Error(`no demo dossier with a code (GET /api/dossiers: ${response.status})`);
  const par = await apiSession("quantri.thuanhoa");
  const sets = (await (
    await fetch(`${baseUrl()}/api/v1/par/sets`, { headers: { cookie: par.cookie } })
  ).json()) as {
    items: { id: string }[];
  };
  const parSetId = sets.items[0]?.id ?? "";
  const units = (await (
    await fetch(`${baseUrl()}/api/v1/par/sets/${parSetId}/units`, { headers: { cookie: par.cookie } })
  ).json()) as { items: { assessment: { id: string } | null }[] };
  const parAssessmentId = units.items[0]?.assessment?.id ?? "";
  return { dossierId: dossier.id, dossierCode: dossier.code, parSetId, parAssessmentId };
}

/** Signs `who` in through the real login form (nothing for anonymous). */
export async function signIn(page: Page, who: Who): Promise<void> {
  if (who === "anonymous") return;
  const login = who === "citizen" ? demoCitizen.email : who;
  await page.goto("/login");
  await page.getByTestId("login-username").fill(login);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  const target = who === "citizen" ? "/" : "/admin";
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe(target);
}

/**
 * Opens a page and waits until it has loaded: its h1 is visible, no loading indicator is left, the
 * network is idle, and (when given) its `ready` element is visible.
 */
export async function openPage(page: Page, path: string, ready?: string): Promise<void> {
  await page.goto(path);
  await page.locator("h1").first().waitFor({ state: "visible", timeout: 15_000 });
  await revealLazyRegions(page);
  if (ready) await page.getByTestId(ready).first().waitFor({ state: "visible", timeout: 15_000 });
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
  await page
    .locator('.page-spin, .ant-spin-spinning, [aria-busy="true"]')
    .first()
    .waitFor({ state: "hidden", timeout: 15_000 });
}
