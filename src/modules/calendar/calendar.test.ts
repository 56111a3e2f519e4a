import { describe, expect, it } from "vitest";
import { createWorkingCalendar, type WorkingCalendar } from "./calendar.ts";
import { toIsoDate } from "./dates.ts";

/** An instant given in Vietnam local time, "YYYY-MM-DDTHH:MM". */
const vn = (local: string) => new Date(`${local}:00+07:00`);
/** An instant shown in Vietnam local time, "YYYY-MM-DDTHH:MM". */
const show = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

const calendar = createWorkingCalendar();

describe("working days", () => {
  it("defaults to Monday–Friday, 08:00–12:00 and 13:30–17:00 (7.5 h a day)", () => {
    expect(calendar.workingMillisPerDay).toBe(7.5 * 3_600_000);
    expect(calendar.isWorkingDay("2025-03-03")).toBe(true); // Monday
    expect(calendar.isWorkingDay("2025-03-08")).toBe(false); // Saturday
    expect(calendar.isWorkingDay("2025-03-09")).toBe(false); // Sunday
  });

  it("excludes public holidays and compensatory days", () => {
    expect(calendar.isWorkingDay("2026-02-16")).toBe(false); // last day of the lunar year
    expect(calendar.isWorkingDay("2026-02-20")).toBe(false); // Tết day 4
    expect(calendar.isWorkingDay("2026-02-23")).toBe(true);
    expect(calendar.isWorkingDay("2026-04-27")).toBe(false); // for Hùng Kings' day on Sunday 26/4
    expect(calendar.isWorkingDay("2022-01-03")).toBe(false); // for 1/1/2022, a Saturday
  });

  it("rejects malformed dates", () => {
    expect(() => calendar.isWorkingDay("2025-02-29")).toThrow(RangeError);
    expect(() => calendar.isWorkingDay("3/3/2025")).toThrow(RangeError);
  });
});

describe("nextWorkingInstant", () => {
  it.each([
    ["2025-03-03T09:15", "2025-03-03T09:15"], // inside the morning
    ["2025-03-03T07:00", "2025-03-03T08:00"], // before opening
    ["2025-03-03T12:00", "2025-03-03T13:30"], // closing is not working time
    ["2025-03-03T12:30", "2025-03-03T13:30"], // lunch
    ["2025-03-03T17:00", "2025-03-04T08:00"], // after closing
    ["2025-03-08T10:00", "2025-03-10T08:00"], // Saturday
    ["2026-02-13T18:00", "2026-02-23T08:00"], // Friday evening before the Tết break
  ])("%s → %s", (at, expected) => {
    expect(show(calendar.nextWorkingInstant(vn(at)))).toBe(expected);
  });
});

describe("addWorkingDays (legal deadlines)", () => {
  it("skips the Tết 2026 break: Friday 13/2 10:00 + 2 working days → Tuesday 24/2 10:00", () => {
    // 14–15/2 weekend, 16/2 (29/12 lunar) and 17–20/2 (Tết days 1–4) holidays, 21–22/2 weekend;
    // working day 1 is Monday 23/2, working day 2 is Tuesday 24/2.
    const due = calendar.addWorkingDays(vn("2026-02-13T10:00"), 2);
    expect(show(due)).toBe("2026-02-24T10:00");
    expect(calendar.workingHoursBetween(vn("2026-02-13T10:00"), due)).toBe(15);
  });

  it("counts from the afternoon opening when received at lunch", () => {
    expect(show(calendar.addWorkingDays(vn("2025-03-03T12:30"), 1))).toBe("2025-03-04T13:30");
  });

  it("counts from the next opening when received after closing or on a day off", () => {
    expect(show(calendar.addWorkingDays(vn("2025-03-03T17:30"), 1))).toBe("2025-03-05T08:00");
    expect(show(calendar.addWorkingDays(vn("2025-03-08T09:00"), 3))).toBe("2025-03-13T08:00");
  });

  it("returns the next working instant for 0 days and steps back for negative days", () => {
    expect(show(calendar.addWorkingDays(vn("2025-03-03T12:30"), 0))).toBe("2025-03-03T13:30");
    expect(show(calendar.addWorkingDays(vn("2026-02-24T10:00"), -2))).toBe("2026-02-13T10:00");
  });

  it("accepts whole days only", () => {
    expect(() => calendar.addWorkingDays(vn("2025-03-03T10:00"), 0.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe("addWorkingHours and workingHoursBetween", () => {
  it.each([
    ["2025-03-03T11:00", 2, "2025-03-03T14:30"], // 1 h before lunch, 1 h after
    ["2025-03-03T08:00", 4, "2025-03-03T12:00"], // ends exactly at closing: due at closing
    ["2025-03-03T08:00", 7.5, "2025-03-03T17:00"],
    ["2025-03-03T16:00", 2, "2025-03-04T09:00"],
    ["2025-03-07T16:30", 1, "2025-03-10T08:30"], // over the weekend
    ["2025-03-03T12:30", 0, "2025-03-03T13:30"], // zero still lands in working time
    ["2025-03-04T09:00", -2, "2025-03-03T16:00"],
    ["2025-03-03T14:00", -1, "2025-03-03T11:30"],
  ])("%s + %s h → %s", (at, hours, expected) => {
    expect(show(calendar.addWorkingHours(vn(at), hours))).toBe(expected);
  });

  it("measures working time, negative when reversed", () => {
    expect(calendar.workingHoursBetween(vn("2025-03-03T08:00"), vn("2025-03-04T08:00"))).toBe(7.5);
    expect(calendar.workingHoursBetween(vn("2025-03-04T08:00"), vn("2025-03-03T08:00"))).toBe(-7.5);
    expect(calendar.workingHoursBetween(vn("2025-03-03T12:10"), vn("2025-03-03T13:20"))).toBe(0);
    expect(calendar.workingHoursBetween(vn("2026-02-13T10:00"), vn("2026-02-23T10:00"))).toBe(7.5);
    expect(calendar.workingMillisBetween(vn("2025-03-03T08:00"), vn("2025-03-03T08:00"))).toBe(0);
  });
});

describe("sameDayDue", () => {
  it.each([
    ["2025-03-03T14:59", "2025-03-03T17:00"],
    ["2025-03-03T07:00", "2025-03-03T17:00"], // before opening counts as that day
    ["2025-03-03T15:00", "2025-03-04T17:00"], // at the cutoff: next working day
    ["2025-03-08T09:00", "2025-03-10T17:00"], // Saturday reception
    ["2026-02-13T15:30", "2026-02-23T17:00"], // before the Tết break
  ])("received %s → due %s", (at, expected) => {
    expect(show(calendar.sameDayDue(vn(at)))).toBe(expected);
  });

  it("takes a cutoff, but never later than closing", () => {
    expect(show(calendar.sameDayDue(vn("2025-03-03T15:30"), "16:00"))).toBe("2025-03-03T17:00");
    expect(show(calendar.sameDayDue(vn("2025-03-03T17:30"), "18:00"))).toBe("2025-03-04T17:00");
  });
});

describe("unit data: swaps, make-up days, yearly choices", () => {
  // Shaped like a yearly notice: Friday 2/5/2025 off, worked on Saturday 26/4 instead.
  const swapped = createWorkingCalendar({
    extraDaysOff: [{ date: "2025-05-02", note: "Hoán đổi ngày làm việc" }],
    makeUpWorkingDays: [{ date: "2025-04-26", note: "Làm bù" }],
  });

  it("makes a Saturday a working day and a Friday a day off", () => {
    expect(swapped.isWorkingDay("2025-04-26")).toBe(true);
    expect(swapped.isWorkingDay("2025-05-02")).toBe(false);
    expect(show(swapped.addWorkingDays(vn("2025-04-25T10:00"), 1))).toBe("2025-04-26T10:00");
    // 30/4 and 1/5 holidays, 2/5 swapped, 3–4/5 weekend.
    expect(show(swapped.addWorkingDays(vn("2025-04-29T10:00"), 1))).toBe("2025-05-05T10:00");
    expect(show(calendar.addWorkingDays(vn("2025-04-29T10:00"), 1))).toBe("2025-05-02T10:00");
  });

  it("lets data move a computed compensatory day", () => {
    // Compensation for Tết day 4 (Saturday 1/2/2025) taken on Monday 27/1 instead of 3/2.
    const moved = createWorkingCalendar({
      extraDaysOff: [{ date: "2025-01-27" }],
      makeUpWorkingDays: [{ date: "2025-02-03" }],
    });
    expect(moved.isWorkingDay("2025-02-03")).toBe(true);
    expect(moved.isWorkingDay("2025-01-27")).toBe(false);
    expect(moved.holidaysInRange("2025-01-27", "2025-02-03").map((d) => `${d.date} ${d.kind}`)).toEqual([
      "2025-01-27 unit",
      "2025-01-28 statutory",
      "2025-01-29 statutory",
      "2025-01-30 statutory",
      "2025-01-31 statutory",
      "2025-02-01 statutory",
    ]);
  });

  it("takes the day next to 2 September per year", () => {
    const yearly = createWorkingCalendar({ nationalDayAdjacentByYear: { "2025": "before" } });
    expect(yearly.isWorkingDay("2025-09-01")).toBe(false);
    expect(yearly.isWorkingDay("2025-09-03")).toBe(true);
    expect(yearly.isWorkingDay("2026-09-03")).toBe(false); // default "after" elsewhere
  });

  it("uses the unit's working hours", () => {
    const longer = createWorkingCalendar({
      workingHours: [
        { start: "07:00", end: "11:30" },
        { start: "13:30", end: "17:00" },
      ],
    });
    expect(longer.workingMillisPerDay).toBe(8 * 3_600_000);
    expect(show(longer.addWorkingHours(vn("2025-03-03T11:00"), 1))).toBe("2025-03-03T14:00");
  });

  it("rejects invalid configuration", () => {
    const overlapping = [
      { start: "08:00", end: "12:00" },
      { start: "11:00", end: "17:00" },
    ];
    expect(() => createWorkingCalendar({ workingHours: overlapping })).toThrow();
    expect(() => createWorkingCalendar({ workingHours: [{ start: "8:00", end: "12:00" }] })).toThrow();
    expect(() => createWorkingCalendar({ workingHours: [{ start: "12:00", end: "08:00" }] })).toThrow();
    expect(() => createWorkingCalendar({ weeklyWorkingDays: [] })).toThrow();
    expect(() =>
      createWorkingCalendar({
        extraDaysOff: [{ date: "2025-04-26" }],
        makeUpWorkingDays: [{ date: "2025-04-26" }],
      }),
    ).toThrow();
    expect(() => createWorkingCalendar({ extraDaysOff: [{ date: "2025-02-30" }] })).toThrow();
    expect(() => createWorkingCalendar({ unknown: true } as never)).toThrow();
  });
});

describe("holidaysInRange", () => {
  it("lists a year's days off, and ranges across years", () => {
    expect(calendar.holidaysInRange("2026-01-01", "2026-12-31")).toHaveLength(12);
    expect(calendar.holidaysInRange("2025-12-25", "2026-01-05").map((h) => h.date)).toEqual(["2026-01-01"]);
    expect(calendar.holidaysInRange("2026-02-01", "2026-01-01")).toEqual([]);
  });
});

describe("independence from the machine's time zone", () => {
  it("gives the same results whatever TZ is", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = "America/Los_Angeles";
      const other = createWorkingCalendar();
      expect(show(other.addWorkingDays(vn("2026-02-13T10:00"), 2))).toBe("2026-02-24T10:00");
      expect(toIsoDate(vn("2026-02-13T23:30"))).toBe("2026-02-13");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

/** mulberry32: a small deterministic PRNG, so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("properties over random instants 2019–2031", () => {
  const withData = createWorkingCalendar({
    extraDaysOff: [{ date: "2025-05-02" }, { date: "2026-12-31" }],
    makeUpWorkingDays: [{ date: "2025-04-26" }, { date: "2026-02-07" }],
  });
  const from = vn("2019-01-01T00:00").getTime();
  const span = vn("2031-01-01T00:00").getTime() - from;
  /** Half the samples on a half-hour, so openings, closings and midnights come up often. */
  const randomInstant = (random: () => number) => {
    const offset = random() * span;
    const step = random() < 0.5 ? 1 : 30 * 60_000;
    return new Date(from + Math.floor(offset / step) * step);
  };
  /** On a working day and inside working time, or exactly at a closing time. */
  const inWorkingTime = (cal: WorkingCalendar, u: Date) =>
    cal.isWorkingDay(toIsoDate(u)) &&
    (cal.isWithinWorkingTime(u) || cal.isWithinWorkingTime(new Date(u.getTime() - 1)));

  for (const [name, cal] of [
    ["default", calendar],
    ["with swaps", withData],
  ] as const) {
    it(`${name}: workingHoursBetween(t, addWorkingHours(t, h)) === h`, () => {
      const random = prng(name.length * 7919);
      for (let i = 0; i < 2000; i++) {
        const t = randomInstant(random);
        const hours = (Math.floor(random() * 24_001) - 4_000) / 60; // whole minutes, −66 h to 333 h
        const due = cal.addWorkingHours(t, hours);
        expect(cal.workingHoursBetween(t, due), `${t.toISOString()} + ${hours} h`).toBe(hours);
        expect(inWorkingTime(cal, due), `${t.toISOString()} + ${hours} h → ${due.toISOString()}`).toBe(true);
      }
    });

    it(`${name}: addWorkingDays keeps the time of day and adds whole working days`, () => {
      const random = prng(name.length * 104729);
      for (let i = 0; i < 1000; i++) {
        const t = randomInstant(random);
        const days = Math.floor(random() * 41) - 10;
        const due = cal.addWorkingDays(t, days);
        const start = cal.nextWorkingInstant(t);
        expect(cal.isWithinWorkingTime(due), `${t.toISOString()} + ${days} d`).toBe(true);
        expect(cal.workingMillisBetween(t, due)).toBe(days * cal.workingMillisPerDay);
        expect(show(due).slice(11)).toBe(show(start).slice(11));
        expect(cal.addWorkingDays(due, -days).getTime()).toBe(start.getTime());
      }
    });

    it(`${name}: nextWorkingInstant and sameDayDue land in working time`, () => {
      const random = prng(name.length * 31337);
      for (let i = 0; i < 1000; i++) {
        const t = randomInstant(random);
        const next = cal.nextWorkingInstant(t);
        expect(cal.isWithinWorkingTime(next)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(cal.workingMillisBetween(t, next)).toBe(0);
        const due = cal.sameDayDue(t);
        expect(inWorkingTime(cal, due)).toBe(true);
        expect(due.getTime()).toBeGreaterThan(t.getTime());
      }
    });
  }
});
