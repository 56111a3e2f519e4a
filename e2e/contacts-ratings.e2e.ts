// Contact channels and the desk tablet's rating (issue #8), in the real app.
// 1. Thuận Hóa's unit administrator sets the unit's hotline, e-mail, Zalo and Facebook at
//    /admin/lien-he (a bad hotline and Facebook first: the server's Vietnamese field errors next
//    to the fields, nothing saved); an anonymous visitor sees them as links on the unit's booking
//    page, and a ward without its own channels (Phú Xuân) still shows the city's.
// 2. A dossier received at Thuận Hóa is taken to "returned" over the API; the receptionist opens it
//    by code at /admin/danh-gia-tai-quay and the applicant rates it "Hài lòng" with a reason and a
//    comment; a second tablet that had it open is refused (409, already rated), reopening the code
//    says it is rated, and the service figures count exactly one more "satisfied".
// Each e2e run starts from a fresh database; no other test reads Thuận Hóa's channels.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_CONTACTS } from "../src/demo/demo-contacts.ts";
import { fieldMessages } from "../src/shared/messages.ts";
import {
  baseUrl,
  closeSession,
  DEMO_PASSWORD,
  expectHidden,
  expectNoSeriousA11yViolations,
  expectText,
  expectVisible,
  loginAs,
  msg,
  newSession,
  openAdminMenu,
  type Session,
  saveFailureScreenshot,
  sharedBrowser,
  WAIT_MS,
  withSession,
} from "./browser.ts";
import { axe, shot as journeyShot } from "./journey-helpers.ts";

const browser = sharedBrowser();
const UNIT = "46.19753";
/** Another ward of the city, without channels of its own in the demo. */
const OTHER_WARD = "46.19774";
/** A procedure of Thuận Hóa without an e-form: received with the applicant alone. */
const PROCEDURE = "1.004194";
const VN_OFFSET_MS = 7 * 3_600_000;

const shot = (page: Page, name: string) => journeyShot(page, "vi", `contacts-ratings-${name}`);
const vnDay = (at: Date) => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The API as a signed-in user (set-up and checks of what the screens did).

type Api = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
};

async function apiAs(username: string): Promise<Api> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status, `API sign-in of ${username}`).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const me = (await (await fetch(`${baseUrl()}/api/auth/me`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  return {
    async get<T>(path: string) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
      expect(response.status, `GET ${path}: ${await response.clone().text()}`).toBe(200);
      return (await response.json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      const response = await fetch(`${baseUrl()}${path}`, {
        method: "POST",
        headers: {
          cookie,
          "content-type": "application/json",
          "x-csrf-token": me.csrfToken,
          "idempotency-key": crypto.randomUUID(),
        },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      expect(response.status, `POST ${path}: ${text}`).toBeLessThan(300);
      return JSON.parse(text) as T;
    },
  };
}

type ContactValues = {
  hotline: string | null;
  email: string | null;
  zalo: string | null;
  facebook: string | null;
  address: string | null;
};
type UnitContactsView = {
  unit: { id: string; code: string };
  own: ContactValues | null;
  effective: ContactValues | null;
  source: { code: string } | null;
};

/** The form item (label, input, errors) that holds the input with this test id. */
const formItem = (page: Page, testId: string) =>
  page.locator(".ant-form-item", { has: page.getByTestId(testId) });

describe("contact channels", () => {
  it("the unit administrator sets them at /admin/lien-he; the booking page shows them, another ward the city's", async () => {
    const admin = await apiAs("quantri.thuanhoa");
    const me = await admin.get<{ roles: { unitId: string }[] }>("/api/auth/me");
    const unitId = me.roles[0]!.unitId;
    const seeded = DEMO_CONTACTS[UNIT];
    const city = DEMO_CONTACTS["46"];
    const before = await admin.get<UnitContactsView>(`/api/v1/units/${unitId}/contacts`);
    expect(before.unit.code, "quantri.thuanhoa's first unit").toBe(UNIT);
    expect(before.own, "the demo's own channels of Thuận Hóa").toMatchObject({ hotline: seeded.hotline });

    const stamp = String(Date.now()).slice(-3);
    const wanted = {
      hotline: `0234 3 999 ${stamp}`,
      email: `hotro.thuanhoa.${stamp}@example.vn`,
      zalo: "0912 345 678",
      facebook: `https://m.facebook.com/thuanhoa.e2e.${stamp}`,
    };

    await withSession(browser, async (page) => {
      await loginAs(page, "quantri.thuanhoa");
      await openAdminMenu(page, msg("vi", "contacts.menu"));
      await expectText(
        page.getByRole("heading", { level: 1 }),
        msg("vi", "contacts.admin.title"),
        "the heading",
      );
      await expectText(page.getByTestId("contacts-state"), msg("vi", "contacts.admin.own"), "own channels");
      await expect
        .poll(() => page.getByTestId("contacts-hotline").inputValue(), { message: "the saved hotline" })
        .toBe(seeded.hotline);
      await expectNoSeriousA11yViolations(page, "/admin/lien-he");
      await shot(page, "01-contacts-admin");

      // A bad hotline and Facebook: the server's messages next to those fields, nothing stored.
      await page.getByTestId("contacts-hotline").fill("gọi 1022");
      await page.getByTestId("contacts-email").fill(wanted.email);
      await page.getByTestId("contacts-zalo").fill(wanted.zalo);
      await page.getByTestId("contacts-facebook").fill("https://example.com/thuanhoa");
      const put = page.waitForResponse(
        (r) => r.url().includes(`/api/v1/units/${unitId}/contacts`) && r.request().method() === "PUT",
      );
      await page.getByTestId("contacts-save").click();
      expect((await put).status(), "the refused save").toBe(400);
      await expectText(
        formItem(page, "contacts-hotline").locator(".ant-form-item-explain-error"),
        fieldMessages["contacts.hotline"].vi,
        "the hotline's error next to it",
      );
      await expectText(
        formItem(page, "contacts-facebook").locator(".ant-form-item-explain-error"),
        fieldMessages["contacts.facebook"].vi,
        "the Facebook error next to it",
      );
      await expectHidden(
        formItem(page, "contacts-zalo").locator(".ant-form-item-explain-error"),
        "an error under the valid Zalo number",
      );
      await expectHidden(page.getByTestId("contacts-saved"), "the saved notice");
      const refused = await admin.get<UnitContactsView>(`/api/v1/units/${unitId}/contacts`);
      expect(refused.own, "nothing saved after the refusal").toEqual(before.own);
      await expectNoSeriousA11yViolations(page, "/admin/lien-he (field errors)");
      await shot(page, "02-contacts-errors");

      await page.getByTestId("contacts-hotline").fill(wanted.hotline);
      await page.getByTestId("contacts-facebook").fill(wanted.facebook);
      await page.getByTestId("contacts-save").click();
      await expectVisible(page.getByTestId("contacts-saved"), "the saved notice");
      await expectHidden(page.locator(".ant-form-item-explain-error"), "field errors after saving");
      await expectNoSeriousA11yViolations(page, "/admin/lien-he (saved)");
      await shot(page, "03-contacts-saved");

      // After a reload the form shows what is stored.
      await page.reload();
      await expect
        .poll(() => page.getByTestId("contacts-hotline").inputValue(), { message: "the stored hotline" })
        .toBe(wanted.hotline);
      expect(await page.getByTestId("contacts-facebook").inputValue()).toBe(wanted.facebook);
    });
    const saved = await admin.get<UnitContactsView>(`/api/v1/units/${unitId}/contacts`);
    expect(saved.own, "the stored channels").toEqual({ ...wanted, address: seeded.address });

    // The portal: Thuận Hóa's booking page shows its new channels as links.
    await withSession(browser, async (page) => {
      await page.goto(`/dat-lich?unit=${UNIT}`);
      const box = page.getByTestId("unit-contacts");
      await expectVisible(box, "the unit's contact channels");
      await expectText(box, msg("vi", "contacts.portal.title", { unit: "Phường Thuận Hóa" }), "its title");
      const hotline = page.getByTestId("unit-contacts-hotline");
      await expectText(hotline, wanted.hotline, "the new hotline");
      expect(await hotline.getAttribute("href")).toBe(`tel:${wanted.hotline.replace(/\s/g, "")}`);
      const link = (name: string) => box.getByRole("link", { name, exact: true });
      expect(await link(wanted.email).getAttribute("href")).toBe(`mailto:${wanted.email}`);
      expect(await link(wanted.zalo).getAttribute("href")).toBe("https://zalo.me/0912345678");
      expect(await link(wanted.facebook.replace("https://m.", "")).getAttribute("href")).toBe(
        wanted.facebook,
      );
      await expectText(box, seeded.address, "the address (kept)");
      expect(await box.textContent(), "no inherited note for the unit's own channels").not.toContain(
        msg("vi", "contacts.portal.inherited", { unit: "Thành phố Huế" }),
      );
      await expectVisible(page.getByTestId("appt-slots"), "the booking times");
      await expectNoSeriousA11yViolations(page, `/dat-lich?unit=${UNIT}`);
      await shot(page, "04-booking-contacts");

      // Phú Xuân has none of its own: the city's, said to be the city's.
      await page.goto(`/dat-lich?unit=${OTHER_WARD}`);
      const inherited = page.getByTestId("unit-contacts");
      await expectText(
        inherited,
        msg("vi", "contacts.portal.title", { unit: "Phường Phú Xuân" }),
        "the other ward's title",
      );
      await expectText(
        page.getByTestId("unit-contacts-hotline"),
        city.hotline,
        "the city's hotline at Phú Xuân",
      );
      expect(await page.getByTestId("unit-contacts-hotline").getAttribute("href")).toBe(
        `tel:${city.hotline.replace(/\s/g, "")}`,
      );
      expect(await inherited.getByRole("link", { name: city.email, exact: true }).getAttribute("href")).toBe(
        `mailto:${city.email}`,
      );
      await expectText(
        inherited,
        msg("vi", "contacts.portal.inherited", { unit: "Thành phố Huế" }),
        "whose channels they are",
      );
      const text = (await inherited.textContent()) ?? "";
      expect(text, "Thuận Hóa's channels are not the other ward's").not.toContain(wanted.hotline);
      expect(text).not.toContain(wanted.email);
      await expectNoSeriousA11yViolations(page, `/dat-lich?unit=${OTHER_WARD}`);
      await shot(page, "05-booking-inherited");
    });
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------

type Dossier = { id: string; code: string | null; version: number; state: string };
type Satisfaction = {
  rated: number;
  verySatisfied: number;
  satisfied: number;
  normal: number;
  dissatisfied: number;
};

/** The desk tablet: opens the dossier by code and waits for the hand-over line. */
async function openOnTablet(page: Page, code: string): Promise<void> {
  await page.getByTestId("desk-rating-code").fill(code);
  await page.getByTestId("desk-rating-open").click();
  await expectText(
    page.getByTestId("desk-rating-page"),
    msg("vi", "ratings.desk.handOver", { code }),
    "the hand-over line",
  );
}

describe("rating on the desk tablet", () => {
  it("the applicant rates a returned dossier once at /admin/danh-gia-tai-quay; the figures count it", async () => {
    const reception = await apiAs("tiepnhan.thuanhoa");
    const leader = await apiAs("lanhdao.thuanhoa");
    const clerk = await apiAs("vanthu.thuanhoa");
    const me = await reception.get<{ roles: { unitId: string }[] }>("/api/auth/me");
    const applicant = "Trần Thị Đánh Giá";
    let d = await reception.post<Dossier>("/api/dossiers", {
      unitId: me.roles[0]!.unitId,
      procedureCode: PROCEDURE,
      channel: "in_person",
      applicant: { kind: "person", name: applicant },
    });
    const code = d.code ?? "";
    expect(code, "the new dossier's code").not.toBe("");
    for (const [api, command, extra] of [
      [reception, "forward", {}],
      [leader, "approve", {}],
      [clerk, "issue_result", {}],
      [reception, "return_result", { method: "in_person" }],
    ] as const) {
      d = await api.post<Dossier>(`/api/dossiers/${d.id}/commands`, {
        command,
        expectedVersion: d.version,
        ...extra,
      });
    }
    expect(d.state).toBe("returned");
    const today = vnDay(new Date());
    const figures = `/api/v1/reports/service?unit=${UNIT}&from=${today}&to=${today}`;
    const before = (await leader.get<{ satisfaction: { total: Satisfaction } }>(figures)).satisfaction.total;

    const sessions: Session[] = [];
    const session = async () => {
      const s = await newSession(browser);
      sessions.push(s);
      return s;
    };
    let failed = false;
    try {
      // The tablet: the receptionist opens the dossier by its code and hands it over.
      const tablet = await session();
      const page = tablet.page;
      await loginAs(page, "tiepnhan.thuanhoa");
      await openAdminMenu(page, msg("vi", "ratings.desk.menu"));
      await expectVisible(page.getByTestId("desk-rating-code"), "the code field");
      await expectNoSeriousA11yViolations(page, "/admin/danh-gia-tai-quay");
      await shot(page, "06-desk-code");
      await openOnTablet(page, code);
      // Masked for whoever holds the tablet: the first letters of the name, not the whole name.
      const shown = (await page.getByTestId("desk-rating-page").textContent()) ?? "";
      expect(shown, "the applicant's name is masked").not.toContain(applicant);
      const form = page.getByTestId("rating-form");
      await expectVisible(form, "the rating form");

      // A second tablet at the same desk has the same dossier open (e.g. opened twice by mistake).
      const other = await session();
      await loginAs(other.page, "tiepnhan.thuanhoa");
      await other.page.goto("/admin/danh-gia-tai-quay");
      await openOnTablet(other.page, code);
      await expectVisible(other.page.getByTestId("rating-form"), "the rating form on the second tablet");

      await expectNoSeriousA11yViolations(page, "/admin/danh-gia-tai-quay (rating form)");
      await shot(page, "07-desk-form");
      await form
        .getByRole("radio", { name: msg("vi", "filing.rating.level.satisfied"), exact: true })
        .check();
      await form.getByRole("checkbox", { name: msg("vi", "filing.rating.reason.time"), exact: true }).check();
      await page.getByTestId("rating-comment").fill("Cán bộ hướng dẫn tận tình");
      await page.getByTestId("rating-submit").click();
      const thanks = page.getByTestId("rating-thanks");
      await expectText(thanks, msg("vi", "filing.rating.thanks"), "the thank-you");
      expect(await thanks.getAttribute("data-level")).toBe("satisfied");
      await expectText(
        thanks,
        msg("vi", "filing.rating.yours", { level: msg("vi", "filing.rating.level.satisfied") }),
        "the rating given",
      );
      await axe(page, "/admin/danh-gia-tai-quay (rated)");
      await shot(page, "08-desk-rated");

      // The second tablet tries to rate again: refused, already rated (409).
      const second = other.page;
      await second
        .getByTestId("rating-form")
        .getByRole("radio", { name: msg("vi", "filing.rating.level.very_satisfied"), exact: true })
        .check();
      const refusal = second.waitForResponse(
        (r) => r.url().includes(`/api/v1/ratings/desk/${d.id}`) && r.request().method() === "POST",
      );
      await second.getByTestId("rating-submit").click();
      expect((await refusal).status(), "a second rating of the dossier").toBe(409);
      await expectText(
        second.locator(".problem-alert"),
        "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.",
        "the refusal",
      );
      await axe(second, "/admin/danh-gia-tai-quay (second rating refused)");
      await shot(second, "09-desk-already-rated");

      // "Another application", the same code again: the tablet says it is rated, with no form.
      await page.getByTestId("desk-rating-next").click();
      await expect.poll(() => page.getByTestId("desk-rating-code").inputValue()).toBe("");
      await openOnTablet(page, code);
      await expectText(
        page.getByTestId("desk-rating-already"),
        msg("vi", "ratings.desk.alreadyRated", { level: msg("vi", "filing.rating.level.satisfied") }),
        "the already-rated notice",
      );
      await expectHidden(page.getByTestId("rating-form"), "the rating form of a rated dossier");
      await expectHidden(page.getByTestId("rating-thanks"), "a thank-you to the next person");
      await expectNoSeriousA11yViolations(page, "/admin/danh-gia-tai-quay (reopened)");
      await shot(page, "10-desk-reopened");
    } catch (error) {
      failed = true;
      for (const s of sessions) await saveFailureScreenshot(s.page);
      throw error;
    } finally {
      for (const s of sessions) await (failed ? s.context.close().catch(() => {}) : closeSession(s));
    }

    // Stored once, through the desk channel, as the applicant gave it; the figures count it.
    const status = await reception.get<{
      rating: { level: string; reasons: string[]; comment: string | null; channel: string } | null;
      canRate: boolean;
    }>(`/api/v1/ratings/desk?code=${encodeURIComponent(code)}`);
    expect(status).toMatchObject({
      canRate: false,
      rating: {
        level: "satisfied",
        reasons: [msg("vi", "filing.rating.reason.time")],
        comment: "Cán bộ hướng dẫn tận tình",
        channel: "desk",
      },
    });
    await expect
      .poll(
        async () => (await leader.get<{ satisfaction: { total: Satisfaction } }>(figures)).satisfaction.total,
        {
          timeout: WAIT_MS,
          message: "the service figures count the desk rating",
        },
      )
      .toMatchObject({
        rated: before.rated + 1,
        satisfied: before.satisfied + 1,
        verySatisfied: before.verySatisfied,
        normal: before.normal,
        dissatisfied: before.dissatisfied,
      });
  }, 180_000);
});
