import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { blindIndexesOf, blindIndexOf } from "../../db/encrypted.ts";
import { createWorkingCalendar } from "../calendar/index.ts";
import {
  appointmentStats,
  bookingRefusal,
  CODE_ALPHABET,
  cancelRefusal,
  DEFAULT_RULES,
  escapeIcsText,
  foldIcsLine,
  generateSlotWindows,
  icsCalendar,
  icsUtc,
  isWithinOpeningHours,
  keyArray,
  nearestRank,
  newBookingCode,
  normaliseBookingCode,
  normaliseVietnamPhone,
  openingWindows,
  personKey,
  personKeys,
  type StatsRow,
  statsCells,
} from "./appointments.logic.ts";

const calendar = createWorkingCalendar({});
const vn = (local: string) => new Date(`${local}+07:00`);
const hhmm = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
const saturday = { ...DEFAULT_RULES, saturdayMorning: { start: "07:30", end: "11:30" } };

describe("slot generation", () => {
  it("cuts a working day into slots of the rule's length within the working hours", () => {
    // Monday 2026-03-02: 08:00–12:00 and 13:30–17:00 in 30-minute slots.
    const slots = generateSlotWindows(calendar, DEFAULT_RULES, "2026-03-02", "2026-03-02");
    expect(slots).toHaveLength(8 + 7);
    expect(slots.map((s) => hhmm(s.startsAt)).slice(0, 3)).toEqual(["08:00", "08:30", "09:00"]);
    expect(hhmm(slots[7]!.endsAt)).toBe("12:00");
    expect(hhmm(slots[8]!.startsAt)).toBe("13:30");
    expect(hhmm(slots.at(-1)!.endsAt)).toBe("17:00");
    expect(slots[0]!.startsAt.toISOString()).toBe("2026-03-02T01:00:00.000Z");
    expect(new Set(slots.map((s) => s.day))).toEqual(new Set(["2026-03-02"]));
  });

  it("leaves out a remainder shorter than a slot", () => {
    const slots = generateSlotWindows(
      calendar,
      { ...DEFAULT_RULES, slotMinutes: 45 },
      "2026-03-02",
      "2026-03-02",
    );
    // 08:00–12:00 = 240 min → 5 slots (225), 13:30–17:00 = 210 → 4 slots (180).
    expect(slots).toHaveLength(9);
    expect(slots.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 45 * 60_000)).toBe(true);
    expect(hhmm(slots[4]!.endsAt)).toBe("11:45");
  });

  it("makes no slots on weekends without a Saturday session, nor on public holidays", () => {
    // 2026-04-25 Sat, 26 Sun (Hùng Kings), 27 Mon (its compensatory day), 30 Thu, 1 May Fri.
    const slots = generateSlotWindows(calendar, DEFAULT_RULES, "2026-04-25", "2026-05-03");
    expect([...new Set(slots.map((s) => s.day))]).toEqual(["2026-04-28", "2026-04-29"]);
  });

  it("opens Saturday mornings when the unit does, except a Saturday that is a holiday", () => {
    const slots = generateSlotWindows(calendar, saturday, "2026-05-02", "2026-05-03");
    expect(slots.map((s) => s.day)).toEqual(Array(8).fill("2026-05-02"));
    expect(hhmm(slots[0]!.startsAt)).toBe("07:30");
    expect(hhmm(slots.at(-1)!.endsAt)).toBe("11:30");
    // 1 May 2027 is a Saturday and Labour Day.
    expect(generateSlotWindows(calendar, saturday, "2027-05-01", "2027-05-01")).toEqual([]);
    // A unit's own day off on a Saturday closes the session too.
    const closed = createWorkingCalendar({ extraDaysOff: [{ date: "2026-05-02", note: "Đại hội" }] });
    expect(generateSlotWindows(closed, saturday, "2026-05-02", "2026-05-02")).toEqual([]);
  });

  it("treats a make-up Saturday as a full working day, and a unit day off as closed", () => {
    const cal = createWorkingCalendar({
      makeUpWorkingDays: [{ date: "2026-05-09" }],
      extraDaysOff: [{ date: "2026-05-11" }],
    });
    const makeUp = generateSlotWindows(cal, saturday, "2026-05-09", "2026-05-09");
    expect(makeUp).toHaveLength(15);
    expect(hhmm(makeUp[0]!.startsAt)).toBe("08:00");
    expect(generateSlotWindows(cal, DEFAULT_RULES, "2026-05-11", "2026-05-11")).toEqual([]);
    expect(openingWindows(cal, DEFAULT_RULES, "2026-05-12")).toHaveLength(2);
  });

  it("narrows to a time of day, and follows the unit's own hours", () => {
    const slots = generateSlotWindows(calendar, DEFAULT_RULES, "2026-03-02", "2026-03-03", {
      start: "09:00",
      end: "10:00",
    });
    expect(slots.map((s) => `${s.day} ${hhmm(s.startsAt)}`)).toEqual([
      "2026-03-02 09:00",
      "2026-03-02 09:30",
      "2026-03-03 09:00",
      "2026-03-03 09:30",
    ]);
    const early = createWorkingCalendar({ workingHours: [{ start: "07:00", end: "11:00" }] });
    expect(
      generateSlotWindows(early, { ...DEFAULT_RULES, slotMinutes: 60 }, "2026-03-02", "2026-03-02"),
    ).toHaveLength(4);
  });

  it("refuses an absurd range instead of running away", () => {
    expect(() =>
      generateSlotWindows(calendar, { ...DEFAULT_RULES, slotMinutes: 5 }, "2026-01-01", "2027-12-31"),
    ).toThrow(RangeError);
    expect(generateSlotWindows(calendar, DEFAULT_RULES, "2026-03-03", "2026-03-02")).toEqual([]);
  });

  it("tells whether a window is within opening hours", () => {
    expect(
      isWithinOpeningHours(calendar, DEFAULT_RULES, vn("2026-03-02T08:00:00"), vn("2026-03-02T08:30:00")),
    ).toBe(true);
    expect(
      isWithinOpeningHours(calendar, DEFAULT_RULES, vn("2026-03-02T11:45:00"), vn("2026-03-02T12:15:00")),
    ).toBe(false);
    expect(
      isWithinOpeningHours(calendar, DEFAULT_RULES, vn("2026-03-02T12:30:00"), vn("2026-03-02T13:00:00")),
    ).toBe(false);
    expect(
      isWithinOpeningHours(calendar, DEFAULT_RULES, vn("2026-05-02T08:00:00"), vn("2026-05-02T08:30:00")),
    ).toBe(false);
    expect(
      isWithinOpeningHours(calendar, saturday, vn("2026-05-02T08:00:00"), vn("2026-05-02T08:30:00")),
    ).toBe(true);
    expect(
      isWithinOpeningHours(calendar, DEFAULT_RULES, vn("2026-04-30T08:00:00"), vn("2026-04-30T08:30:00")),
    ).toBe(false);
  });
});

describe("booking and cancelling times", () => {
  const slot = vn("2026-03-10T09:00:00");
  it("refuses the past, less than the lead time, and beyond the days ahead", () => {
    expect(bookingRefusal(slot, DEFAULT_RULES, vn("2026-03-10T09:00:00"))).toBe("past");
    expect(bookingRefusal(slot, DEFAULT_RULES, vn("2026-03-10T10:00:00"))).toBe("past");
    expect(bookingRefusal(slot, DEFAULT_RULES, vn("2026-03-10T08:00:01"))).toBe("lead_time");
    expect(bookingRefusal(slot, DEFAULT_RULES, vn("2026-03-10T08:00:00"))).toBeNull();
    expect(
      bookingRefusal(slot, { ...DEFAULT_RULES, minLeadMinutes: 0 }, vn("2026-03-10T08:59:59")),
    ).toBeNull();
    // 30 days ahead counts Vietnam days: 8 February 23:59 → 10 March is 30 days; 7 February is 31.
    expect(bookingRefusal(slot, DEFAULT_RULES, vn("2026-02-08T23:59:00"))).toBeNull();
    expect(bookingRefusal(slot, DEFAULT_RULES, vn("2026-02-07T23:59:00"))).toBe("too_far");
  });

  it("allows cancelling until the deadline before the slot", () => {
    expect(cancelRefusal(slot, DEFAULT_RULES, vn("2026-03-10T07:00:00"))).toBeNull();
    expect(cancelRefusal(slot, DEFAULT_RULES, vn("2026-03-10T07:00:01"))).toBe("cancel_deadline");
    expect(cancelRefusal(slot, DEFAULT_RULES, vn("2026-03-10T09:00:00"))).toBe("past");
    expect(cancelRefusal(slot, { cancelMinutesBefore: 0 }, vn("2026-03-10T08:59:00"))).toBeNull();
  });
});

describe("booking codes and persons", () => {
  it("makes short codes from an unambiguous alphabet", () => {
    const codes = Array.from({ length: 2000 }, () => newBookingCode());
    for (const c of codes) expect(c).toMatch(/^LH-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(CODE_ALPHABET).not.toMatch(/[01OILU]/);
    expect(new Set(CODE_ALPHABET).size).toBe(30);
    // Every symbol can come out: the random source picks the index.
    let i = 0;
    expect(newBookingCode(() => i++ % 30)).toBe("LH-23456789");
    expect(newBookingCode(() => 29)).toBe("LH-ZZZZZZZZ");
  });

  it("reads codes as typed", () => {
    expect(normaliseBookingCode("lh-abcd 2345")).toBe("LH-ABCD2345");
    expect(normaliseBookingCode("ABCD-2345")).toBe("LH-ABCD2345");
    expect(normaliseBookingCode("LH-ABCD234")).toBeUndefined();
    expect(normaliseBookingCode("LH-ABCD234O")).toBeUndefined();
    expect(normaliseBookingCode("LH-ABCD23451")).toBeUndefined();
  });

  it("normalises Vietnamese phone numbers and keys a person by the number", () => {
    for (const p of [
      "0901234567",
      "090 123 4567",
      "090.123.4567",
      "+84 90 123 4567",
      "84901234567",
      "(090) 123-4567",
    ])
      expect(normaliseVietnamPhone(p)).toBe("0901234567");
    for (const p of ["090123456", "1901234567", "00901234567", "+1 415 555 0100", "abc"])
      expect(normaliseVietnamPhone(p)).toBeUndefined();
    expect(personKey("+84 90 123 4567")).toBe(personKey("0901234567"));
    expect(personKey("0901234567")).not.toBe(personKey("0901234568"));
    expect(personKey("0901234567")).toMatch(/^[0-9a-f]{32}$/);
    expect(personKey("0901234567")).not.toContain("0901234567");
    expect(() => personKey("12")).toThrow(RangeError);
    // Keyed: the phone's blind index, no longer the unkeyed hash anyone could recompute.
    const legacy = createHash("sha256")
      .update("motcua-appointment-person:0901234567")
      .digest("hex")
      .slice(0, 32);
    expect(personKey("0901234567")).toBe(blindIndexOf("phone", "0901234567"));
    expect(personKey("0901234567")).not.toBe(legacy);
    // A search looks under every index key, first key first, then the former hash (rows not yet rotated).
    expect(personKeys("+84 90 123 4567")).toEqual([...blindIndexesOf("phone", "0901234567"), legacy]);
    expect(personKeys("0901234567")[0]).toBe(personKey("0901234567"));
    expect(() => personKeys("12")).toThrow(RangeError);
    expect(keyArray([personKey("0901234567"), legacy])).toBe(`{${personKey("0901234567")},${legacy}}`);
    expect(keyArray([])).toBe("{}");
    expect(() => keyArray(["a,b"])).toThrow(RangeError);
  });
});

describe("iCalendar", () => {
  it("escapes text values", () => {
    expect(escapeIcsText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
    expect(escapeIcsText("x\r\ny")).toBe("x\\ny");
  });

  it("folds lines at 75 octets without splitting a UTF-8 character", () => {
    const short = "SUMMARY:ok";
    expect(foldIcsLine(short)).toBe(short);
    const long = `DESCRIPTION:${"Đặt lịch hẹn tại Bộ phận Một cửa phường Thuận Hóa, ".repeat(4)}`;
    const folded = foldIcsLine(long);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(2);
    for (const [i, l] of lines.entries()) {
      expect(Buffer.byteLength(l, "utf8")).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(" ")).toBe(true);
      expect(l).not.toContain("\uFFFD");
    }
    // Unfolding (remove CRLF + one space) gives the line back.
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    // Exactly 75 octets stays on one line; 76 folds.
    expect(foldIcsLine("X".repeat(75))).toBe("X".repeat(75));
    expect(foldIcsLine("X".repeat(76))).toBe(`${"X".repeat(75)}\r\n X`);
  });

  it("writes one event in UTC with a UID from the code and an alarm", () => {
    const ics = icsCalendar({
      code: "LH-ABCD2345",
      stamp: new Date("2026-03-01T10:00:00.123Z"),
      startsAt: vn("2026-03-10T09:00:00"),
      endsAt: vn("2026-03-10T09:30:00"),
      summary: "Lịch hẹn: Đăng ký khai sinh",
      description: "Mã lịch hẹn LH-ABCD2345; mang theo CCCD, giấy chứng sinh",
      location: "Bộ phận Một cửa, Phường Thuận Hóa",
      url: "https://motcua.example/dat-lich/LH-ABCD2345",
      alarmMinutesBefore: 1440,
    });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ics.replace(/\r\n /g, "").split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("UID:LH-ABCD2345@motcua");
    expect(lines).toContain("DTSTAMP:20260301T100000Z");
    expect(lines).toContain("DTSTART:20260310T020000Z");
    expect(lines).toContain("DTEND:20260310T023000Z");
    expect(lines).toContain("STATUS:CONFIRMED");
    expect(lines).toContain("DESCRIPTION:Mã lịch hẹn LH-ABCD2345\\; mang theo CCCD\\, giấy chứng sinh");
    expect(lines).toContain("LOCATION:Bộ phận Một cửa\\, Phường Thuận Hóa");
    expect(lines.slice(lines.indexOf("BEGIN:VALARM"), lines.indexOf("END:VALARM") + 1)).toEqual([
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "TRIGGER:-PT1440M",
      "DESCRIPTION:Lịch hẹn: Đăng ký khai sinh",
      "END:VALARM",
    ]);
    expect(lines.at(-2)).toBe("END:VCALENDAR");
    for (const l of ics.split("\r\n")) expect(Buffer.byteLength(l, "utf8")).toBeLessThanOrEqual(75);
  });

  it("marks a cancelled booking and leaves out its alarm", () => {
    const ics = icsCalendar({
      code: "LH-ABCD2345",
      stamp: new Date("2026-03-01T10:00:00Z"),
      startsAt: new Date("2026-03-10T02:00:00Z"),
      endsAt: new Date("2026-03-10T02:30:00Z"),
      summary: "x",
      alarmMinutesBefore: 60,
      status: "CANCELLED",
      sequence: 1,
    });
    expect(ics).toContain("STATUS:CANCELLED\r\n");
    expect(ics).toContain("SEQUENCE:1\r\n");
    expect(ics).not.toContain("VALARM");
    expect(icsUtc(new Date("2026-12-31T23:59:59.999Z"))).toBe("20261231T235959Z");
  });
});

describe("statistics", () => {
  const row = (status: StatsRow["status"], leadHours: number, extra: Partial<StatsRow> = {}): StatsRow => ({
    status,
    replaced: false,
    sector: "Hộ tịch",
    day: "2026-03-10",
    startsAt: new Date("2026-03-10T02:00:00Z"),
    createdAt: new Date(Date.parse("2026-03-10T02:00:00Z") - leadHours * 3_600_000),
    ...extra,
  });

  it("computes nearest-rank percentiles", () => {
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([5], 0.9)).toBe(5);
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });

  it("counts outcomes, the no-show rate among settled bookings and lead times", () => {
    const cells = statsCells([
      row("booked", 2),
      row("cancelled", 4),
      row("cancelled", 6, { replaced: true }),
      row("served", 8),
      row("checked_in", 10),
      row("no_show", 12),
      row("served", 48),
    ]);
    expect(cells).toEqual({
      bookings: 7,
      open: 1,
      cancelled: 1,
      rescheduled: 1,
      attended: 3,
      noShow: 1,
      noShowRate: 0.25,
      leadTimeHours: { median: 8, p90: 48 },
    });
    expect(statsCells([])).toMatchObject({
      bookings: 0,
      noShowRate: null,
      leadTimeHours: { median: null, p90: null },
    });
  });

  it("groups by sector and by day, sorted", () => {
    const stats = appointmentStats([
      row("served", 1, { day: "2026-03-11", sector: "Chứng thực" }),
      row("no_show", 1, { day: "2026-03-10" }),
      row("served", 1, { day: "2026-03-10", sector: null }),
    ]);
    expect(stats.total.bookings).toBe(3);
    expect(stats.sectors.map((s) => [s.sector, s.bookings])).toEqual([
      [null, 1],
      ["Chứng thực", 1],
      ["Hộ tịch", 1],
    ]);
    expect(stats.days.map((d) => [d.day, d.bookings, d.noShowRate])).toEqual([
      ["2026-03-10", 2, 0.5],
      ["2026-03-11", 1, 0],
    ]);
  });
});
