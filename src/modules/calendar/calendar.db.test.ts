import { describe, expect, it } from "vitest";
import { call, login, setupTestApp, unitIdByCode } from "../../../test/app.ts";

const t = setupTestApp();
const calendarOf = async (code: string, year = 2026) =>
  (
    await t.app.inject({ url: `/api/public/units/${await unitIdByCode(t.app, code)}/calendar?year=${year}` })
  ).json();

describe("unit working calendars", () => {
  it("uses the national defaults until a unit or an ancestor saves its own", async () => {
    const c = await calendarOf("46.19753");
    expect(c.source).toBeNull();
    expect(c.workingHoursPerDay).toBe(7.5);
    const tet = c.daysOff
      .filter((d: { key: string }) => d.key.startsWith("lunar-new-year"))
      .map((d: { date: string }) => d.date);
    expect(tet).toEqual(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]);
    // Hùng Kings' day, 26/4/2026, is a Sunday: the Monday after is off instead.
    expect(c.daysOff.map((d: { date: string }) => d.date)).toEqual(
      expect.arrayContaining(["2026-04-26", "2026-04-27"]),
    );
  });

  it("a unit administrator saves swaps and make-up days; children inherit, siblings do not; history is kept", async () => {
    const admin = await login(t.app, "admin");
    const province = await unitIdByCode(t.app, "46");
    const saved = await call(t.app, admin, "PUT", `/api/org/units/${province}/calendar`, {
      config: {
        workingHours: [
          { start: "07:30", end: "11:30" },
          { start: "13:30", end: "17:00" },
        ],
        extraDaysOff: [{ date: "2026-01-02", note: "Nghỉ bù theo thông báo" }],
        makeUpWorkingDays: [{ date: "2026-01-10", note: "Làm bù thứ Bảy" }],
      },
      note: "Lịch 2026",
    });
    expect(saved.statusCode).toBe(200);
    const child = await calendarOf("46.19774");
    expect(child.source).toMatchObject({ unitId: province, unitName: "Thành phố Huế" });
    expect(child.daysOff.map((d: { date: string }) => d.date)).toContain("2026-01-02");

    const wardAdmin = await login(t.app, "quantri.thuanhoa");
    const ward = await unitIdByCode(t.app, "46.19753");
    expect(
      (await call(t.app, wardAdmin, "PUT", `/api/org/units/${ward}/calendar`, { config: {} })).statusCode,
    ).toBe(200);
    expect((await calendarOf("46.19753")).source.unitId).toBe(ward);
    expect((await calendarOf("46.19774")).source.unitId).toBe(province);
    const history = await call(t.app, wardAdmin, "GET", `/api/public/units/${ward}/calendar`);
    expect(history.json().history).toHaveLength(1);
  });

  it("computes due instants across Tết, at lunch and after hours, with the unit's calendar", async () => {
    const ward = await unitIdByCode(t.app, "46.19753");
    const due = async (q: string) =>
      (await t.app.inject({ url: `/api/public/units/${ward}/calendar/due?${q}` })).json();
    // Friday 13/2/2026 10:00 + 2 working days: Tết closes 16–20/2, so Tuesday 24/2 10:00.
    expect((await due("from=2026-02-13T10:00:00%2B07:00&workingDays=2")).due).toBe(
      "2026-02-24T03:00:00.000Z",
    );
    // Received after closing: counted from the next opening.
    expect((await due("from=2026-03-02T18:00:00%2B07:00&workingDays=1")).due).toBe(
      "2026-03-04T01:00:00.000Z",
    );
    // Same day after 15:00 rolls to the next working day's closing time.
    expect((await due("from=2026-03-02T15:30:00%2B07:00&sameDay=true")).due).toBe("2026-03-03T10:00:00.000Z");
  });

  it("refuses a bad calendar field by field, and refuses other units' and non-admin staff", async () => {
    const ward = await unitIdByCode(t.app, "46.19753");
    const wardAdmin = await login(t.app, "quantri.thuanhoa");
    const bad = await call(t.app, wardAdmin, "PUT", `/api/org/units/${ward}/calendar`, {
      config: {
        workingHours: [
          { start: "08:00", end: "12:00" },
          { start: "11:00", end: "25:00" },
        ],
        weeklyWorkingDays: [1, 1, 8],
        makeUpWorkingDays: [{ date: "2026-02-30" }],
      },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "config.workingHours.1.end",
        "config.weeklyWorkingDays.2",
        "config.makeUpWorkingDays.0.date",
      ]),
    );
    const clock = bad.json().errors.find((e: { field: string }) => e.field === "config.workingHours.1.end");
    expect(clock.message).toEqual({
      vi: "Giờ phải có dạng HH:MM (ví dụ 07:30).",
      en: "A time must be HH:MM (e.g. 07:30).",
    });
    const overlap = await call(t.app, wardAdmin, "PUT", `/api/org/units/${ward}/calendar`, {
      config: {
        workingHours: [
          { start: "08:00", end: "12:00" },
          { start: "11:00", end: "17:00" },
        ],
      },
    });
    expect(overlap.json().errors[0]).toMatchObject({
      field: "config.workingHours.1",
      message: { vi: expect.stringContaining("chồng") },
    });
    const other = await login(t.app, "quantri.phuxuan");
    expect(
      (await call(t.app, other, "PUT", `/api/org/units/${ward}/calendar`, { config: {} })).statusCode,
    ).toBe(404);
    const clerk = await login(t.app, "vanthu.thuanhoa");
    expect(
      (await call(t.app, clerk, "PUT", `/api/org/units/${ward}/calendar`, { config: {} })).statusCode,
    ).toBe(403);
  });
});
