// Appointments in the browser: an anonymous visitor books a slot at Phường Thuận Hóa from the
// portal (unit → day → time → name and phone), gets a booking code and the .ics link, opens the
// booking again with the phone number; the desk's receptionist finds it in the back office's
// list of that day by its code; axe on each screen.
import { describe, expect, it } from "vitest";
import {
  baseUrl,
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
const UNIT = "46.19753";

type Slot = { id: string; day: string; startsAt: string; available: number };

describe("appointments", () => {
  it("books a slot on the portal and shows it in the back office", async () => {
    const open = (await (await fetch(`${baseUrl()}/api/public/appointments/slots?unit=${UNIT}`)).json()) as {
      items: Slot[];
    };
    const firstDay = open.items.find((s) => s.available > 0)?.day;
    expect(firstDay, "the demo publishes slots at Thuận Hóa").toBeTruthy();
    const phone = `09${String(Date.now()).slice(-8)}`;
    let code = "";
    let day = "";

    await withSession(browser, async (page) => {
      await page.goto("/dat-lich");
      await expectVisible(page.getByTestId("appt-booking-page"), "the booking page");
      // A procedure page links here; the unit is chosen from the list of units taking bookings.
      await page.getByTestId("appt-unit").click();
      await page.locator(".ant-select-item-option", { hasText: "Thuận Hóa" }).first().click();
      await expectVisible(page.getByTestId("appt-slots"), "the times of the first day");
      await expectNoSeriousA11yViolations(page, "booking: choose a time");
      const slot = page
        .locator('[data-testid="appt-slots"] label:not(.ant-radio-button-wrapper-disabled)')
        .first();
      await slot.click();
      await expectVisible(page.getByTestId("appt-chosen"), "the chosen time");
      // First a bad phone number: the server's field error in Vietnamese, next to the field.
      await page.getByTestId("appt-name").fill("Nguyễn Thị Thử");
      await page.getByTestId("appt-phone").fill("12345");
      await page.getByTestId("appt-submit").click();
      await expectText(
        page.locator(".ant-form-item-explain-error").first(),
        "Số điện thoại",
        "the phone error",
      );
      await page.getByTestId("appt-phone").fill(phone);
      await page.getByTestId("appt-submit").click();
      await expectVisible(page.getByTestId("appt-code"), "the booking code");
      code = ((await page.getByTestId("appt-code").textContent()) ?? "").trim();
      expect(code).toMatch(/^LH-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
      const ics = await page.getByTestId("appt-ics").getAttribute("href");
      expect(ics).toBe(`/api/public/appointments/${code}/calendar.ics`);
      const file = await (await fetch(`${baseUrl()}${ics}`)).text();
      expect(file).toContain(`UID:${code}@motcua`);
      await expectNoSeriousA11yViolations(page, "booking: confirmation");

      // The manage page, with the phone number as proof.
      await page.goto(`/dat-lich/${code}`);
      await page.getByTestId("appt-manage-phone").fill(phone);
      await page.getByTestId("appt-manage-show").click();
      await expectText(
        page.getByTestId("appt-status"),
        msg("vi", "appointments.statuses.booked"),
        "the status",
      );
      await expectNoSeriousA11yViolations(page, "booking: manage");
      // On a 375 px phone the booking pages scroll only vertically.
      await page.setViewportSize({ width: 375, height: 740 });
      for (const path of [`/dat-lich?unit=${UNIT}`, `/dat-lich/${code}`]) {
        await page.goto(path);
        await expectVisible(page.getByTestId(path.includes("?") ? "appt-slots" : "appt-manage-phone"), path);
        const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
        expect(width, `${path} is wider than the screen`).toBeLessThanOrEqual(375);
      }
      const view = (await (
        await fetch(`${baseUrl()}/api/public/appointments/${code}?phone=${phone}`)
      ).json()) as { startsAt: string };
      day = new Date(Date.parse(view.startsAt) + 7 * 3_600_000).toISOString().slice(0, 10);
    });

    await withSession(browser, async (page) => {
      await page.goto("/login");
      await loginAs(page, "tiepnhan.thuanhoa");
      await openAdminMenu(page, msg("vi", "appointments.menu"));
      await expectVisible(page.getByTestId("appt-admin-bookings"), "the day's bookings");
      await page.getByTestId("appt-admin-day").fill(day);
      await page.getByTestId("appt-admin-search").locator("input").fill(code);
      await page.getByTestId("appt-admin-search").locator("input").press("Enter");
      const row = page.getByTestId("appt-admin-bookings").locator("tbody tr", { hasText: code });
      await expectVisible(row, `the booking ${code} in the list of ${day}`);
      await expectText(row, "Nguyễn Thị Thử", "the booker's name (staff see it in full)");
      await expectNoSeriousA11yViolations(page, "back office: appointments");
    });
  });
});
