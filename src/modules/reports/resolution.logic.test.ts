import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toIsoDate } from "../calendar/dates.ts";
import {
  addCounts,
  bruteForceCells,
  type CloseKind,
  type Counts,
  cellsOf,
  type Delta,
  emptyCounts,
  type History,
  type PauseKind,
  type ReportView,
  reportChange,
  STOCK_COUNTERS,
} from "./resolution.logic.ts";

const U = "00000000-0000-4000-8000-000000000001";
const at = (s: string) => new Date(`${s}+07:00`);
const base = (over: Partial<ReportView> = {}): ReportView => ({
  unitId: U,
  sector: "Hộ tịch",
  channel: "in_person",
  serviceMode: "desk",
  receivedAt: at("2026-03-02T09:00:00"),
  dueAt: at("2026-03-04T17:00:00"),
  paused: null,
  closed: null,
  overdueOn: null,
  ...over,
});

/** Applies a history's changes in order, as the service does, and collects every delta. */
function replay(history: History): Delta[] {
  const deltas: Delta[] = [];
  let before: ReportView | null = null;
  for (const { at: when, view } of history) {
    const change = reportChange(before, view, when);
    deltas.push(...change.deltas);
    before = { ...view, overdueOn: change.overdueOn };
  }
  return deltas;
}

/** The report over [from, to] from daily deltas, the way the database sums them. */
function reportFromDeltas(deltas: Delta[], from: string, to: string) {
  const flows = emptyCounts();
  const opening = emptyCounts();
  const closing = emptyCounts();
  for (const d of deltas) {
    const stocks = Object.fromEntries(STOCK_COUNTERS.map((c) => [c, d.counts[c] ?? 0])) as Partial<Counts>;
    const flow = { ...d.counts };
    for (const c of STOCK_COUNTERS) delete flow[c];
    if (d.day >= from && d.day <= to) addCounts(flows, flow);
    if (d.day < from) addCounts(opening, stocks);
    if (d.day <= to) addCounts(closing, stocks);
  }
  return cellsOf(flows, opening, closing);
}

describe("reportChange", () => {
  it("counts a reception on its day by channel and service mode, and schedules the overdue day", () => {
    const { deltas, overdueOn } = reportChange(
      null,
      base({ serviceMode: "mobile_team" }),
      at("2026-03-02T09:00:00"),
    );
    expect(overdueOn).toBe("2026-03-04");
    expect(deltas).toEqual([
      {
        unitId: U,
        sector: "Hộ tịch",
        day: "2026-03-02",
        counts: { rcv_in_person: 1, mode_mobile_team: 1, pending: 1 },
      },
      { unitId: U, sector: "Hộ tịch", day: "2026-03-04", counts: { overdue: 1 } },
    ]);
  });

  it("counts nothing for a dossier not yet received", () => {
    expect(reportChange(null, base({ receivedAt: null, dueAt: null }), at("2026-03-02T09:00:00"))).toEqual({
      deltas: [],
      overdueOn: null,
    });
  });

  it("resolving early cancels the future overdue day", () => {
    const received = { ...base(), overdueOn: "2026-03-04" };
    const { deltas } = reportChange(
      received,
      base({ closed: { at: at("2026-03-03T10:00:00"), kind: "early" } }),
      at("2026-03-03T10:00:00"),
    );
    expect(deltas).toEqual([
      { unitId: U, sector: "Hộ tịch", day: "2026-03-03", counts: { pending: -1, res_early: 1 } },
      { unitId: U, sector: "Hộ tịch", day: "2026-03-04", counts: { overdue: -1 } },
    ]);
  });

  it("resolving late takes the dossier out of the overdue stock on the day it is resolved", () => {
    const received = { ...base(), overdueOn: "2026-03-04" };
    const { deltas } = reportChange(
      received,
      base({ closed: { at: at("2026-03-06T10:00:00"), kind: "late" } }),
      at("2026-03-06T10:00:00"),
    );
    expect(deltas).toEqual([
      { unitId: U, sector: "Hộ tịch", day: "2026-03-06", counts: { pending: -1, res_late: 1, overdue: -1 } },
    ]);
  });

  it("a pause within the deadline cancels the overdue day; the resume schedules the moved one", () => {
    const received = { ...base(), overdueOn: "2026-03-04" };
    const paused = reportChange(received, base({ paused: "supplement" }), at("2026-03-03T10:00:00"));
    expect(paused.overdueOn).toBeNull();
    expect(paused.deltas).toEqual([
      { unitId: U, sector: "Hộ tịch", day: "2026-03-03", counts: { supplement: 1 } },
      { unitId: U, sector: "Hộ tịch", day: "2026-03-04", counts: { overdue: -1 } },
    ]);
    const resumed = reportChange(
      { ...base({ paused: "supplement" }), overdueOn: null },
      base({ dueAt: at("2026-03-12T17:00:00") }),
      at("2026-03-10T08:00:00"),
    );
    expect(resumed.overdueOn).toBe("2026-03-12");
    expect(resumed.deltas).toEqual([
      { unitId: U, sector: "Hộ tịch", day: "2026-03-10", counts: { supplement: -1 } },
      { unitId: U, sector: "Hộ tịch", day: "2026-03-12", counts: { overdue: 1 } },
    ]);
  });

  it("a dossier paused when already overdue stays overdue: past days never change", () => {
    const received = { ...base(), overdueOn: "2026-03-04" };
    const paused = reportChange(received, base({ paused: "suspended" }), at("2026-03-06T10:00:00"));
    expect(paused.overdueOn).toBe("2026-03-04");
    expect(paused.deltas).toEqual([
      { unitId: U, sector: "Hộ tịch", day: "2026-03-06", counts: { suspended: 1 } },
    ]);
    const resumed = reportChange(
      { ...base({ paused: "suspended" }), overdueOn: "2026-03-04" },
      base({ dueAt: at("2026-03-06T17:00:00") }),
      at("2026-03-09T08:00:00"),
    );
    // Still overdue after the resume (the moved due date has passed too): nothing changes, and
    // the overdue count now runs from the resume day (the days before it stay as they were).
    expect(resumed.overdueOn).toBe("2026-03-09");
    expect(resumed.deltas).toEqual([
      { unitId: U, sector: "Hộ tịch", day: "2026-03-09", counts: { suspended: -1 } },
    ]);
  });

  it("a closed dossier moves nothing any more (returning the result after it is resolved)", () => {
    const resolved = base({ closed: { at: at("2026-03-03T10:00:00"), kind: "on_time" } });
    expect(reportChange(resolved, resolved, at("2026-03-05T10:00:00")).deltas).toEqual([]);
  });

  it("never writes a change on a day before the change happened (past reports are final)", () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        let before: ReportView | null = null;
        for (const { at: when, view } of history) {
          const change = reportChange(before, view, when);
          // The reception itself is recorded on the day the dossier was received.
          const received = before?.receivedAt ? null : view.receivedAt;
          for (const d of change.deltas)
            if (!received || d.day !== toIsoDate(received)) expect(d.day >= toIsoDate(when)).toBe(true);
          before = { ...view, overdueOn: change.overdueOn };
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Random dossier histories: received, paused and resumed (the due date moving by the pause),
// then resolved or ended, or still pending; instants within a few weeks of March 2026.

const DAY = 86_400_000;
const START = at("2026-03-01T00:00:00").getTime();

const historyArb: fc.Arbitrary<History> = fc
  .record({
    channel: fc.constantFrom("in_person", "online_full", "online_partial", "postal" as const),
    serviceMode: fc.constantFrom("desk", "on_the_spot", "mobile_team", "at_home" as const),
    sector: fc.constantFrom("A", "B"),
    receivedOffset: fc.integer({ min: 0, max: 20 * DAY }),
    dueAfter: fc.integer({ min: 2 * 3_600_000, max: 8 * DAY }),
    steps: fc.array(
      fc.record({
        gap: fc.integer({ min: 60_000, max: 4 * DAY }),
        kind: fc.constantFrom<("pause" | "close")[]>("pause", "close"),
        pause: fc.constantFrom<PauseKind[]>("supplement", "suspended"),
        close: fc.constantFrom<CloseKind[]>("early", "on_time", "late", "withdrawn", "stopped", "refused"),
        pauseLength: fc.integer({ min: 60_000, max: 5 * DAY }),
        restart: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ channel, serviceMode, sector, receivedOffset, dueAfter, steps }) => {
    const receivedAt = new Date(START + receivedOffset);
    let view: ReportView = {
      unitId: U,
      sector,
      channel,
      serviceMode,
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + dueAfter),
      paused: null,
      closed: null,
      overdueOn: null,
    };
    const history: History = [{ at: receivedAt, view }];
    let now = receivedAt.getTime();
    for (const step of steps) {
      now += step.gap;
      if (step.kind === "close") {
        view = { ...view, paused: null, closed: { at: new Date(now), kind: step.close } };
        history.push({ at: new Date(now), view });
        break;
      }
      const pausedAt = now;
      view = { ...view, paused: step.pause };
      history.push({ at: new Date(pausedAt), view });
      now += step.pauseLength;
      // Resume: the due date moves by the pause (or restarts from the resume).
      const due = view.dueAt!.getTime();
      const moved = step.restart ? now + dueAfter : due + (now - pausedAt);
      view = { ...view, paused: null, dueAt: new Date(moved) };
      history.push({ at: new Date(now), view });
    }
    return history;
  });

const periodArb = fc
  .tuple(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 40 }))
  .map(([a, length]) => {
    const from = toIsoDate(new Date(START + a * DAY + 12 * 3_600_000));
    const to = toIsoDate(new Date(START + (a + length) * DAY + 12 * 3_600_000));
    return { from, to };
  });

describe("the report from daily changes equals a recount of the full histories", () => {
  it("for random histories and periods; its cells always add up", () => {
    fc.assert(
      fc.property(fc.array(historyArb, { maxLength: 30 }), periodArb, (histories, { from, to }) => {
        const deltas = histories.flatMap(replay);
        const report = reportFromDeltas(deltas, from, to);
        expect(report).toEqual(bruteForceCells(histories, from, to));
        expect(report.toHandle).toBe(report.resolved.total + report.ended.total + report.pending.total);
        expect(report.resolved.total).toBe(
          report.resolved.early + report.resolved.onTime + report.resolved.late,
        );
        expect(report.received.total).toBe(
          report.received.online + report.received.inPerson + report.received.postal,
        );
        expect(report.pending.total).toBe(report.pending.withinDeadline + report.pending.overdue);
        expect(report.pending.overdue).toBeGreaterThanOrEqual(0);
        expect(report.pending.withinDeadline).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("a report for a past period does not change when later events arrive", () => {
    fc.assert(
      fc.property(
        fc.array(historyArb, { minLength: 1, maxLength: 20 }),
        periodArb,
        (histories, { from, to }) => {
          const cut = dayEndOf(to);
          const known = histories
            .map((h) => h.filter((step) => step.at.getTime() < cut))
            .filter((h) => h.length > 0);
          expect(reportFromDeltas(histories.flatMap(replay), from, to)).toEqual(
            reportFromDeltas(known.flatMap(replay), from, to),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

function dayEndOf(day: string): number {
  return at(`${day}T00:00:00`).getTime() + DAY;
}
