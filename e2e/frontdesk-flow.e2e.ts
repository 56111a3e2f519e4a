// The front desk end to end (issue #8 item 7), in the real app: a citizen books a slot at Phường
// Thuận Hóa on the portal, checks in at the kiosk with the booking code and gets a ticket; the
// receptionist calls it on the counter screen while the hall's display (a second page, live stream)
// shows the number and the counter within a second; the receptionist serves the visitor, receives a
// dossier at the desk and finishes the ticket with its code (ticket and booking "served"); the
// dossier is processed to "returned" over the API; the citizen follows the rating link of the
// "returned" e-mail (as the mail server received it) and rates; the service figures count it.
//
// Booking needs a slot today that starts after now (kiosk check-in takes only today's bookings),
// so the test first sets the unit's rules (no lead time, 5-minute slots) and publishes one slot a
// couple of minutes ahead; the rules are put back afterwards. When the desk is closed at this time
// (evening, Sunday, a holiday) no such slot can exist: the visitor then takes a walk-in ticket at
// the kiosk instead, and the test says so in its output.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import {
  baseUrl,
  closeSession,
  DEMO_PASSWORD,
  expectCount,
  expectNoSeriousA11yViolations,
  expectText,
  expectVisible,
  loginAs,
  msg,
  newSession,
  type Session,
  saveFailureScreenshot,
  sharedBrowser,
  WAIT_MS,
} from "./browser.ts";
import { fmsg, shot as journeyShot } from "./journey-helpers.ts";

const browser = sharedBrowser();
const UNIT = "46.19753";
/** A procedure of Thuận Hóa without an e-form: the desk receives it with the applicant alone. */
const PROCEDURE = "1.004194";
const DOSSIER_CODE = /^[A-Za-z0-9.]+-\d{6}-\d{4,6}$/;
const VN_OFFSET_MS = 7 * 3_600_000;

// ---------------------------------------------------------------------------------------------
// The API as a signed-in user (set-up, processing, and checks of what the screens did).

type Api = {
  get<T>(path: string): Promise<T>;
  send<T>(method: "POST" | "PUT", path: string, body: unknown): Promise<T>;
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
    async send<T>(method: "POST" | "PUT", path: string, body: unknown) {
      const response = await fetch(`${baseUrl()}${path}`, {
        method,
        headers: {
          cookie,
          "content-type": "application/json",
          "x-csrf-token": me.csrfToken,
          "idempotency-key": crypto.randomUUID(),
        },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status >= 300) throw new ApiRefusal(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
  };
}

class ApiRefusal extends Error {}

// ---------------------------------------------------------------------------------------------
// Vietnam days and clock times.

const vnDay = (at: Date) => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
const vnMinutes = (at: Date) => {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
};
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

type Rules = {
  slotMinutes: number;
  bookDaysAhead: number;
  minLeadMinutes: number;
  cancelMinutesBefore: number;
  perPersonPerDay: number;
  saturdayMorning: { start: string; end: string } | null;
};
type Slot = { id: string; startsAt: string; endsAt: string; withdrawnAt: string | null };

/**
 * A 5-minute slot today starting 2–3 minutes from now (so the portal still offers it after the
 * page has loaded), with no lead time. Returns the slot and the rules to put back, or why none
 * can be published now (the desk is closed).
 */
async function publishSlotSoon(
  admin: Api,
): Promise<{ slot: Slot; restore: Rules } | { closed: string; restore: Rules | null }> {
  const saved = await admin.get<{ rules: Rules }>(`/api/v1/appointments/rules?unit=${UNIT}`);
  const now = new Date();
  const start = vnMinutes(now) + 3;
  if (start + 5 > 24 * 60) return { closed: "too close to midnight for a slot today", restore: null };
  const saturday = new Date(now.getTime() + VN_OFFSET_MS).getUTCDay() === 6;
  await admin.send("PUT", `/api/v1/appointments/rules?unit=${UNIT}`, {
    ...saved.rules,
    slotMinutes: 5,
    minLeadMinutes: 0,
    // On a Saturday the desk opens only for the Saturday session: let it cover the whole day.
    ...(saturday ? { saturdayMorning: { start: "00:00", end: "24:00" } } : {}),
  });
  const today = vnDay(now);
  const within = { start: clock(start), end: clock(start + 5) };
  try {
    await admin.send("POST", "/api/v1/appointments/slots/publish", {
      unit: UNIT,
      from: today,
      to: today,
      within,
      capacity: 1,
    });
  } catch (error) {
    if (!(error instanceof ApiRefusal)) throw error;
    return { closed: `the desk is closed at ${within.start} today (${error.message})`, restore: saved.rules };
  }
  const slots = await admin.get<{ items: Slot[] }>(
    `/api/v1/appointments/slots?unit=${UNIT}&from=${today}&to=${today}`,
  );
  const slot = slots.items.find(
    (s) =>
      !s.withdrawnAt &&
      vnMinutes(new Date(s.startsAt)) === start &&
      Date.parse(s.endsAt) - Date.parse(s.startsAt) === 5 * 60_000,
  );
  if (!slot) return { closed: `no slot at ${within.start} after publishing`, restore: saved.rules };
  return { slot, restore: saved.rules };
}

// ---------------------------------------------------------------------------------------------
// Screens.

const shot = (page: Page, name: string) => journeyShot(page, "vi", `frontdesk-${name}`);

/** Books the slot on the portal as an anonymous visitor; returns the booking code. */
async function bookOnPortal(page: Page, slotId: string, name: string, phone: string): Promise<string> {
  await page.goto(`/dat-lich?unit=${UNIT}`);
  await expectVisible(page.getByTestId("appt-slots"), "the times of the first day (today)");
  const time = page.locator('[data-testid="appt-slots"] label', {
    has: page.locator(`input[value="${slotId}"]`),
  });
  await expectVisible(time, "the slot published a few minutes ahead");
  await time.click();
  await expectVisible(page.getByTestId("appt-chosen"), "the chosen time");
  await page.getByTestId("appt-name").fill(name);
  await page.getByTestId("appt-phone").fill(phone);
  await expectNoSeriousA11yViolations(page, "/dat-lich (time chosen)");
  await shot(page, "01-booking");
  await page.getByTestId("appt-submit").click();
  await expectVisible(page.getByTestId("appt-code"), "the booking code");
  const code = ((await page.getByTestId("appt-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^LH-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
  await expectNoSeriousA11yViolations(page, "/dat-lich (booked)");
  await shot(page, "02-booked");
  return code;
}

/** At the kiosk's queue tile: check in with the booking code, or (no booking) a walk-in ticket. */
async function ticketAtKiosk(page: Page, bookingCode: string | null): Promise<string> {
  await page.goto(`/kiosk?unit=${UNIT}`);
  await page.getByTestId("kiosk-tile-queue").click();
  if (bookingCode) {
    await page.getByTestId("kiosk-queue-code").fill(bookingCode.toLowerCase());
    await page.getByTestId("kiosk-queue-check-in").click();
  } else {
    await page.getByTestId("kiosk-queue-sector").filter({ hasText: "Hộ tịch" }).first().click();
  }
  await expectVisible(page.getByTestId("kiosk-ticket-number"), "the ticket's big number");
  const label = ((await page.getByTestId("kiosk-ticket-number").textContent()) ?? "").trim();
  expect(label).toMatch(/^\d{4}$/);
  await expectNoSeriousA11yViolations(page, "/kiosk (ticket)");
  await shot(page, "03-kiosk-ticket");
  return label;
}

type Desk = { id: string; number: number; name: string; active: boolean };
type Ticket = {
  id: string;
  label: string;
  status: string;
  source: string;
  bookingCode: string | null;
  dossierId: string | null;
};
type DeskQueue = { current: Ticket | null; waiting: Ticket[] };

/**
 * Other tests of the suite may have left tickets at desk 1: serve them over the API until the
 * visitor's ticket is the one "call next" takes (a booking whose slot has started comes first anyway).
 */
async function clearTheWay(desk: Api, deskId: string, label: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const queue = await desk.get<DeskQueue>(`/api/v1/queue/desks/${deskId}/queue`);
    const current = queue.current;
    if (current) {
      await desk.send("POST", `/api/v1/queue/tickets/${current.id}/actions`, { action: "finish" });
      continue;
    }
    if (queue.waiting[0]?.label === label) return;
    expect(
      queue.waiting.map((t) => t.label),
      "the visitor's ticket waits at desk 1",
    ).toContain(label);
    await desk.send("POST", `/api/v1/queue/desks/${deskId}/call-next`, {});
  }
  throw new Error(`desk 1 never came to ticket ${label}`);
}

/** Receives a dossier at the desk (/admin/tiep-nhan) for the visitor; its id and code. */
async function receiveAtDesk(
  page: Page,
  who: { name: string; phone: string; email: string },
): Promise<{ id: string; code: string }> {
  await page.goto("/admin/tiep-nhan");
  await expectText(page.getByRole("heading", { level: 1 }), msg("vi", "desk.heading"), "the desk heading");
  await page.locator("#desk_procedureCode").click();
  await page.keyboard.type(PROCEDURE);
  await expectVisible(page.locator(".ant-select-item-option", { hasText: PROCEDURE }), "the procedure found");
  await page.keyboard.press("Enter");
  await page.locator("#desk_applicant_name").fill(who.name);
  await page.locator("#desk_applicant_idNumber").fill("046190007788");
  await page.locator("#desk_applicant_phone").fill(who.phone);
  await page.locator("#desk_applicant_email").fill(who.email);
  await expectNoSeriousA11yViolations(page, "/admin/tiep-nhan (filled in)");
  await shot(page, "06-desk-reception");
  await page.getByTestId("desk-submit").click();
  const result = page.getByTestId("desk-result");
  await expectVisible(result, "the reception's result panel");
  await expectText(result, "Đã tiếp nhận", "received");
  const code = ((await page.getByTestId("desk-result-code").textContent()) ?? "").trim();
  expect(code, "the dossier code").toMatch(DOSSIER_CODE);
  const href = (await page.getByTestId("desk-receipt").getAttribute("href")) ?? "";
  const id = /\/api\/dossiers\/([0-9a-f-]{36})\/forms\/receipt$/.exec(href)?.[1] ?? "";
  expect(id, `the dossier id in the receipt link ${href}`).toMatch(/^[0-9a-f-]{36}$/);
  return { id, code };
}

/** The e-mail the server sent to `to` whose text contains `needle` (the SMTP sink's file). */
async function mailTo(to: string, needle: string): Promise<{ subject: string; text: string }> {
  type Mail = { envelopeTo: string[]; subject: string; text: string };
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = readFileSync(inject("mailFile"), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Mail)
          .find((m) => m.envelopeTo.includes(to) && m.text.includes(needle));
        return found !== undefined;
      },
      { timeout: 30_000, interval: 250, message: `an e-mail to ${to} containing ${needle}` },
    )
    .toBe(true);
  return found!;
}

type Satisfaction = { total: { rated: number; verySatisfied: number } };

describe("the front desk", () => {
  it("book → check in → called on the display → served → dossier received → returned → rated", async () => {
    const t0 = Date.now();
    const lap = (what: string) =>
      console.log(`[frontdesk] ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const admin = await apiAs("quantri.thuanhoa");
    const reception = await apiAs("tiepnhan.thuanhoa");
    const leader = await apiAs("lanhdao.thuanhoa");
    const clerk = await apiAs("vanthu.thuanhoa");
    const stamp = String(Date.now()).slice(-8);
    const visitor = {
      name: "Hoàng Thị Hẹn",
      phone: `09${stamp}`,
      email: `frontdesk.${stamp}@example.com`,
    };
    const today = vnDay(new Date());

    const sessions: Session[] = [];
    const session = async () => {
      const s = await newSession(browser);
      sessions.push(s);
      return s;
    };
    let restore: Rules | null = null;
    let failed = false;
    try {
      // 1. Booking on the portal (or, with the desk closed now, a walk-in ticket instead).
      const published = await publishSlotSoon(admin);
      restore = published.restore;
      const citizen = await session();
      let bookingCode: string | null = null;
      if ("slot" in published) {
        bookingCode = await bookOnPortal(citizen.page, published.slot.id, visitor.name, visitor.phone);
        lap(`booked ${bookingCode} for ${published.slot.startsAt}`);
      } else {
        console.warn(
          `[frontdesk] NO BOOKING: ${published.closed}; the visitor takes a walk-in ticket at the kiosk instead (booking and check-in not covered in this run)`,
        );
      }
      if (restore) {
        await admin.send("PUT", `/api/v1/appointments/rules?unit=${UNIT}`, restore);
        restore = null;
      }

      // 2. The kiosk: check in with the booking code.
      const label = await ticketAtKiosk(citizen.page, bookingCode);
      lap(`ticket ${label} at the kiosk`);

      // 3. The display opened before the call; the receptionist at desk 1 calls the next ticket.
      const desks = await reception.get<{ items: Desk[] }>(`/api/v1/queue/desks?unit=${UNIT}`);
      const desk1 = desks.items.find((d) => d.number === 1 && d.active);
      expect(desk1, "Thuận Hóa's desk 1").toBeTruthy();
      await clearTheWay(reception, desk1!.id, label);

      const display = await session();
      await display.page.goto(`/man-hinh/${UNIT}`);
      await expectVisible(
        display.page.locator('[data-testid="queue-display"][data-live="1"]'),
        "the display's live stream",
      );
      const counter = await session();
      await loginAs(counter.page, "tiepnhan.thuanhoa");
      await counter.page.goto("/admin/quay");
      await counter.page.getByTestId("queue-desk-select").click();
      await counter.page.locator(`.ant-select-item-option[title="${desk1!.name}"]`).click();
      await expectVisible(counter.page.getByTestId("queue-call-next"), "the call-next button");
      await expectText(counter.page.getByTestId("queue-waiting"), label, "the desk's waiting list");
      await expectNoSeriousA11yViolations(counter.page, "/admin/quay (before the call)");
      await shot(counter.page, "04-counter");

      await counter.page.evaluate(() => {
        document.querySelector('[data-testid="queue-call-next"]')?.addEventListener(
          "click",
          () => {
            (window as unknown as { clickedAt: number }).clickedAt = Date.now();
          },
          { capture: true },
        );
      });
      const before = Date.now();
      await counter.page.getByTestId("queue-call-next").click();
      await display.page.waitForFunction(
        (expected) =>
          document.querySelector('[data-testid="queue-display-number"]')?.textContent === expected,
        label,
        { timeout: 5000, polling: "raf" },
      );
      const outside = Date.now() - before;
      const clickedAt = await counter.page.evaluate(
        () => (window as unknown as { clickedAt: number }).clickedAt,
      );
      const shownAt = Number(
        await display.page.getByTestId("queue-display-current").getAttribute("data-shown-at"),
      );
      console.log(
        `[frontdesk] display: click → ${label} shown in ${shownAt - clickedAt} ms (in the browser), ${outside} ms (test process)`,
      );
      expect(shownAt - clickedAt).toBeGreaterThanOrEqual(0);
      expect(outside, "click → number on the display, ms").toBeLessThan(1000);
      await expectText(display.page.getByTestId("queue-display-desk"), "1", "the counter on the display");
      await expectNoSeriousA11yViolations(display.page, "/man-hinh (called)");
      await shot(display.page, "05-display");
      await expectText(counter.page.getByTestId("queue-current-number"), label, "the counter's ticket");
      if (bookingCode)
        await expectText(counter.page.getByTestId("queue-current"), bookingCode, "the booking on the ticket");

      // 4. Serving: the visitor is at the desk; a dossier is received for them in a second tab.
      await counter.page.getByTestId("queue-serve").click();
      await expectVisible(
        counter.page.locator('[data-testid="queue-current"][data-status="serving"]'),
        "the ticket being served",
      );
      const deskTab = await counter.context.newPage();
      deskTab.on("pageerror", (error) => counter.pageErrors.push(`${error.name}: ${error.message}`));
      const dossier = await receiveAtDesk(deskTab, visitor);
      await deskTab.close();
      lap(`dossier ${dossier.code} received at the desk`);

      await counter.page.bringToFront();
      const codeField = counter.page.getByRole("textbox", {
        name: msg("vi", "ticketQueue.counter.dossierCode"),
      });
      // A mistyped code first: refused, the ticket still being served, the typed code kept to correct.
      const typo = `${dossier.code}0`;
      await codeField.fill(typo);
      await counter.page.getByTestId("queue-finish").click();
      await expectText(
        counter.page.locator(".problem-alert"),
        "Không có hồ sơ mã này tiếp nhận tại đơn vị.",
        "the refusal of an unknown dossier code",
      );
      expect(await codeField.inputValue(), "the refused code stays in the field").toBe(typo);
      await expectVisible(
        counter.page.locator('[data-testid="queue-current"][data-status="serving"]'),
        "the ticket still being served",
      );
      await codeField.fill(dossier.code);
      const finished = counter.page.waitForResponse(
        (r) => r.url().includes("/api/v1/queue/tickets/") && r.request().method() === "POST",
      );
      await counter.page.getByTestId("queue-finish").click();
      const answer = await finished;
      expect(answer.status(), `finish: ${await answer.text()}`).toBe(200);
      const served = ((await answer.json()) as { ticket: Ticket }).ticket;
      expect(served).toMatchObject({ label, status: "served", dossierId: dossier.id });
      await expectVisible(
        counter.page.locator('[data-testid="queue-current"][data-status=""]'),
        "no current ticket once served",
      );
      expect(await codeField.inputValue(), "the code field is cleared once served").toBe("");
      const after = await reception.get<DeskQueue>(`/api/v1/queue/desks/${desk1!.id}/queue`);
      expect(after.current, "desk 1 is free").toBeNull();
      expect(after.waiting.map((t) => t.label)).not.toContain(label);
      if (bookingCode) {
        expect(served.bookingCode).toBe(bookingCode);
        const bookings = await reception.get<{ items: { code: string; status: string }[] }>(
          `/api/v1/appointments/bookings?unit=${UNIT}&day=${today}&q=${bookingCode}`,
        );
        expect(bookings.items.map((b) => [b.code, b.status])).toEqual([[bookingCode, "served"]]);
      }

      // 5. Processing to "returned" over the API, then the rating link of the e-mail.
      let d = await reception.get<{ id: string; version: number; state: string }>(
        `/api/dossiers/${dossier.id}`,
      );
      for (const [api, command, extra] of [
        [reception, "forward", {}],
        [leader, "approve", {}],
        [clerk, "issue_result", {}],
        [reception, "return_result", { method: "in_person" }],
      ] as const) {
        d = await api.send("POST", `/api/dossiers/${d.id}/commands`, {
          command,
          expectedVersion: d.version,
          ...extra,
        });
      }
      expect(d.state).toBe("returned");
      const mail = await mailTo(visitor.email, "/danh-gia/");
      const url = /https?:\/\/\S+\/danh-gia\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(mail.text)?.[0] ?? "";
      expect(url.startsWith(`${baseUrl()}/danh-gia/`), `the rating link in the e-mail: ${url}`).toBe(true);
      lap("rating link received by e-mail");

      const figures = `/api/v1/reports/service?unit=${UNIT}&from=${today}&to=${today}`;
      const beforeRating = (await leader.get<{ satisfaction: Satisfaction }>(figures)).satisfaction.total;

      const page = citizen.page;
      await page.goto(new URL(url).pathname);
      await expectVisible(page.getByTestId("rating-link-page"), "the rating page");
      await expectText(page.getByTestId("rating-link-page"), dossier.code, "the dossier's code");
      const form = page.getByTestId("rating-form");
      await expectVisible(form, "the rating form");
      await expectNoSeriousA11yViolations(page, "/danh-gia/:token");
      await shot(page, "07-rating");
      await form.getByRole("radio", { name: fmsg("vi", "filing.rating.level.very_satisfied") }).check();
      await page.getByTestId("rating-comment").fill("Đặt lịch, lấy số và tiếp nhận rất nhanh");
      await page.getByTestId("rating-submit").click();
      await expectText(
        page.getByTestId("rating-thanks"),
        fmsg("vi", "filing.rating.thanks"),
        "the thank-you",
      );
      await expectCount(page.locator(".ant-wave"), 0, "button click effects");
      await expectNoSeriousA11yViolations(page, "/danh-gia/:token (rated)");
      await shot(page, "08-rated");

      await expect
        .poll(async () => (await leader.get<{ satisfaction: Satisfaction }>(figures)).satisfaction.total, {
          timeout: WAIT_MS,
          message: "the service figures count the new rating",
        })
        .toMatchObject({ rated: beforeRating.rated + 1, verySatisfied: beforeRating.verySatisfied + 1 });
      lap("rated and counted");
    } catch (error) {
      failed = true;
      for (const s of sessions) await saveFailureScreenshot(s.page);
      throw error;
    } finally {
      if (restore)
        await admin.send("PUT", `/api/v1/appointments/rules?unit=${UNIT}`, restore).catch(() => {});
      // After a failure its error is what matters; otherwise no page may have thrown.
      for (const s of sessions) await (failed ? s.context.close().catch(() => {}) : closeSession(s));
    }
  }, 240_000);
});
