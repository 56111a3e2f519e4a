import { describe, expect, it } from "vitest";
import {
  addDays,
  bucketKey,
  bucketsBetween,
  checkRange,
  type DossierFact,
  daysOverdue,
  type EventFact,
  isOpen,
  isOverdue,
  responsibleOf,
  share,
  stepHandovers,
  summarize,
  workload,
} from "./dashboard.logic.ts";

const fact = (over: Partial<DossierFact>): DossierFact => ({
  id: "d",
  code: "C",
  procedureName: "Đăng ký khai sinh",
  sector: "Hộ tịch",
  state: "processing",
  receivedAt: "2026-03-02T02:00:00.000Z",
  resolvedAt: null,
  timeliness: null,
  dueAt: "2026-03-05T10:00:00.000Z",
  assigneeId: null,
  lastActorId: "rec",
  participants: [],
  applicantName: "Nguyễn Văn An",
  ...over,
});
const now = new Date("2026-03-10T03:00:00Z"); // 10:00 in Vietnam, Tuesday 10 March 2026

describe("buckets by Vietnam day", () => {
  it("keys a day, its ISO week (Monday) and its month", () => {
    expect(bucketKey("2026-03-04", "day")).toBe("2026-03-04");
    expect(bucketKey("2026-03-04", "week")).toBe("2026-03-02"); // Wednesday → Monday
    expect(bucketKey("2026-03-02", "week")).toBe("2026-03-02"); // a Monday is its own week
    expect(bucketKey("2026-03-08", "week")).toBe("2026-03-02"); // Sunday closes the week
    expect(bucketKey("2026-01-01", "week")).toBe("2025-12-29"); // weeks cross years
    expect(bucketKey("2026-03-31", "month")).toBe("2026-03");
  });

  it("lists every bucket of the range, clipped to the range", () => {
    expect(bucketsBetween("2026-03-04", "2026-03-06", "day").map((b) => b.key)).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
    ]);
    expect(bucketsBetween("2026-03-04", "2026-03-16", "week")).toEqual([
      { key: "2026-03-02", from: "2026-03-04", to: "2026-03-08" },
      { key: "2026-03-09", from: "2026-03-09", to: "2026-03-15" },
      { key: "2026-03-16", from: "2026-03-16", to: "2026-03-16" },
    ]);
    expect(bucketsBetween("2026-01-31", "2026-03-01", "month")).toEqual([
      { key: "2026-01", from: "2026-01-31", to: "2026-01-31" },
      { key: "2026-02", from: "2026-02-01", to: "2026-02-28" },
      { key: "2026-03", from: "2026-03-01", to: "2026-03-01" },
    ]);
    expect(bucketsBetween("2026-03-04", "2026-03-04", "month")).toHaveLength(1);
    expect(bucketsBetween("2024-01-01", "2025-12-31", "day")).toHaveLength(731);
  });

  it("adds days across months and leap years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("range checks", () => {
  it("accepts from ≤ to within two years", () => {
    expect(checkRange("2026-03-01", "2026-03-01")).toEqual([]);
    expect(checkRange("2024-03-01", "2026-03-01")).toEqual([]);
  });
  it("refuses a reversed or too long range, on `to`, in vi and en", () => {
    const [reversed] = checkRange("2026-03-02", "2026-03-01");
    expect(reversed).toMatchObject({ field: "to", code: "dashboard.range_order" });
    expect(reversed!.message.vi).toMatch(/Ngày kết thúc/);
    expect(checkRange("2024-03-01", "2026-03-02")[0]).toMatchObject({ code: "dashboard.range_too_long" });
  });
});

describe("dossier predicates", () => {
  it("open means received and not resolved", () => {
    expect(isOpen(fact({}))).toBe(true);
    expect(isOpen(fact({ receivedAt: null }))).toBe(false);
    expect(isOpen(fact({ state: "result_ready", resolvedAt: "2026-03-04T00:00:00Z" }))).toBe(false);
    expect(isOpen(fact({ state: "returned" }))).toBe(false);
    expect(isOpen(fact({ state: "supplement_requested" }))).toBe(true);
  });
  it("overdue only while the clock runs and the due instant has passed", () => {
    expect(isOverdue(fact({}), now)).toBe(true);
    expect(isOverdue(fact({ state: "supplement_requested" }), now)).toBe(false);
    expect(isOverdue(fact({ dueAt: "2026-03-10T03:00:01Z" }), now)).toBe(false);
    expect(isOverdue(fact({ dueAt: null }), now)).toBe(false);
  });
  it("counts days overdue rounded up and names the assignee before the last actor", () => {
    expect(daysOverdue("2026-03-10T02:00:00Z", now)).toBe(1);
    expect(daysOverdue("2026-03-05T10:00:00Z", now)).toBe(5);
    expect(responsibleOf({ assigneeId: "a", lastActorId: "b" })).toBe("a");
    expect(responsibleOf({ assigneeId: null, lastActorId: "b" })).toBe("b");
  });
  it("shares to 0.1 %, null on nothing", () => {
    expect(share(1, 3)).toBe(33.3);
    expect(share(0, 0)).toBeNull();
  });
});

describe("summary", () => {
  const officials = new Map([
    ["rec", "Tiếp Nhận"],
    ["spec", "Chuyên Viên"],
    ["lead", "Lãnh Đạo"],
  ]);
  const dossiers: DossierFact[] = [
    // received 2 March (Vietnam), open and overdue, assigned to the specialist
    fact({ id: "1", code: "A1", assigneeId: "spec" }),
    // received 1 March 23:30 Vietnam = 1 March 16:30 UTC; resolved early on 3 March
    fact({
      id: "2",
      sector: "Chứng thực",
      state: "returned",
      receivedAt: "2026-03-01T16:30:00Z",
      resolvedAt: "2026-03-03T03:00:00Z",
      timeliness: "early",
      participants: ["rec", "lead"],
    }),
    // received before the period, resolved late in it (17:30 UTC on 8 March = 9 March in Vietnam)
    fact({
      id: "3",
      state: "result_ready",
      receivedAt: "2026-02-20T02:00:00Z",
      resolvedAt: "2026-03-08T17:30:00Z",
      timeliness: "late",
      participants: ["lead"],
    }),
    // refused: resolved without timeliness, not counted as resolved
    fact({ id: "4", state: "refused", resolvedAt: "2026-03-02T03:00:00Z" }),
    // open, not yet due, no one acted
    fact({ id: "5", code: null, dueAt: "2026-03-20T00:00:00Z", lastActorId: null }),
  ];
  const out = summarize({
    from: "2026-03-01",
    to: "2026-03-10",
    granularity: "week",
    now,
    dossiers,
    ratings: [
      { level: "satisfied", count: 2 },
      { level: "dissatisfied", count: 1 },
      { level: "very_satisfied", count: 1 },
    ],
    officials,
  });

  it("totals the period", () => {
    expect(out.totals).toEqual({
      received: 4,
      resolved: 2,
      early: 1,
      onTime: 0,
      late: 1,
      open: 2,
      overdue: 1,
      onTimeRate: 50,
      ratings: 4,
      satisfactionRate: 75,
    });
  });

  it("puts each figure in the bucket of its Vietnam day", () => {
    expect(out.series.map((b) => [b.key, b.received, b.resolved, b.early, b.late])).toEqual([
      ["2026-02-23", 1, 0, 0, 0], // 1 March (a Sunday) belongs to the week of 23 February
      ["2026-03-02", 3, 1, 1, 0],
      ["2026-03-09", 0, 1, 0, 1],
    ]);
  });

  it("groups by sector and official", () => {
    expect(out.bySector.map((s) => [s.sector, s.received, s.resolved, s.open, s.overdue])).toEqual([
      ["Hộ tịch", 3, 1, 2, 1],
      ["Chứng thực", 1, 1, 0, 0],
    ]);
    const byId = Object.fromEntries(out.byOfficial.map((o) => [o.id, o]));
    expect(byId.spec).toMatchObject({ name: "Chuyên Viên", open: 1, overdue: 1, resolved: 0 });
    expect(byId.lead).toMatchObject({ resolved: 2, late: 1, open: 0 });
    expect(byId.rec).toMatchObject({ resolved: 1, late: 0 });
  });

  it("lists the overdue dossiers with their responsible official", () => {
    expect(out.overdueTotal).toBe(1);
    expect(out.overdue).toEqual([
      {
        id: "1",
        code: "A1",
        procedureName: "Đăng ký khai sinh",
        applicantName: "Nguyễn Văn An",
        dueAt: "2026-03-05T10:00:00.000Z",
        daysOverdue: 5,
        official: { id: "spec", name: "Chuyên Viên" },
      },
    ]);
  });

  it("gives every satisfaction level, zeros included", () => {
    expect(out.satisfaction).toEqual([
      { level: "very_satisfied", count: 1 },
      { level: "satisfied", count: 2 },
      { level: "normal", count: 0 },
      { level: "dissatisfied", count: 1 },
    ]);
  });

  it("is empty but complete with no data", () => {
    const empty = summarize({
      from: "2026-03-01",
      to: "2026-03-31",
      granularity: "month",
      now,
      dossiers: [],
      ratings: [],
      officials,
    });
    expect(empty.series).toHaveLength(1);
    expect(empty.totals.onTimeRate).toBeNull();
    expect(empty.totals.satisfactionRate).toBeNull();
    expect(empty.overdue).toEqual([]);
  });

  it("caps the overdue list but not its total", () => {
    const many = Array.from({ length: 5 }, (_, i) => fact({ id: `o${i}` }));
    const capped = summarize({
      from: "2026-03-01",
      to: "2026-03-10",
      granularity: "day",
      now,
      dossiers: many,
      ratings: [],
      officials,
      overdueLimit: 2,
    });
    expect(capped.overdueTotal).toBe(5);
    expect(capped.overdue).toHaveLength(2);
  });
});

describe("workload", () => {
  const ev = (dossierId: string, seq: number, at: string, o: Partial<EventFact> = {}): EventFact => ({
    dossierId,
    seq,
    at,
    actorId: "rec",
    command: "x",
    stepIndex: 0,
    stepResult: null,
    ...o,
  });
  const events: EventFact[] = [
    ev("a", 1, "2026-03-02T01:00:00Z", { stepIndex: null, command: "receive" }),
    ev("a", 2, "2026-03-02T02:00:00Z", { command: "forward" }),
    ev("a", 3, "2026-03-03T02:00:00Z", { actorId: "lead", command: "approve" }),
    ev("a", 4, "2026-03-04T02:00:00Z", {
      actorId: "clerk",
      command: "issue_result",
      stepIndex: null,
      stepResult: "on_time",
    }),
    // two steps: the specialist hands step 0 over late, the leader step 1 early
    ev("b", 1, "2026-03-01T01:00:00Z", { stepIndex: null }),
    ev("b", 2, "2026-03-01T02:00:00Z"),
    ev("b", 3, "2026-03-01T08:00:00Z", { actorId: "spec", stepIndex: 1, stepResult: "late" }),
    ev("b", 4, "2026-03-01T10:00:00Z", { actorId: "lead", stepIndex: null, stepResult: "early" }),
    // before the period: ignored
    ev("c", 1, "2026-02-01T01:00:00Z", { stepIndex: null }),
    ev("c", 2, "2026-02-02T01:00:00Z", { actorId: "spec", stepResult: "late" }),
  ];

  it("measures each handed-over step from the event that began it", () => {
    const h = stepHandovers(events);
    expect(h.find((x) => x.actorId === "clerk")).toMatchObject({ result: "on_time", hours: 48 });
    expect(h.filter((x) => x.actorId === "spec").map((x) => x.hours)).toEqual([6, 24]);
    expect(h.find((x) => x.actorId === "lead")).toMatchObject({ result: "early", hours: 2 });
  });

  it("reports open, due today, overdue, handled, late and average step time per official", () => {
    const report = workload({
      from: "2026-03-01",
      to: "2026-03-10",
      now,
      officials: new Map([
        ["spec", "Chuyên Viên"],
        ["idle", "Nhàn Rỗi"],
      ]),
      open: [
        fact({ assigneeId: "spec" }), // overdue
        fact({ assigneeId: "spec", dueAt: "2026-03-10T09:00:00Z" }), // due today (16:00 Vietnam)
        fact({ assigneeId: "spec", dueAt: "2026-03-12T09:00:00Z" }),
        fact({ lastActorId: "rec", state: "returned" }), // closed: ignored
      ],
      events,
    });
    const byId = Object.fromEntries(report.items.map((r) => [r.id, r]));
    expect(byId.spec).toEqual({
      id: "spec",
      name: "Chuyên Viên",
      open: 3,
      dueToday: 1,
      overdue: 1,
      handled: 1,
      late: 1,
      lateShare: 100,
      avgStepHours: 6,
    });
    expect(byId.idle).toMatchObject({ open: 0, handled: 0, lateShare: null, avgStepHours: null });
    expect(byId.clerk).toMatchObject({ name: "—", handled: 1, late: 0, avgStepHours: 48 });
    expect(report.totals).toEqual({ open: 3, dueToday: 1, overdue: 1, handled: 3, late: 1, lateShare: 33.3 });
  });
});
