import { describe, expect, it } from "vitest";
import {
  COUNT_KIND,
  COUNT_NAMES,
  type CountName,
  DEFINITION_SETS,
  type DefinitionSet,
  definitionsAt,
  GROUP_IDS,
  indicatorsOf,
} from "./index.definitions.ts";
import { bandOf, type Counts, pointsOf, rank, round, scoreIndex } from "./index.logic.ts";

const SET = DEFINITION_SETS[0]!;

describe("definitions", () => {
  it("has the six groups of the decision, 100 points in all, each group the sum of its indicators", () => {
    expect(SET.from).toBe("2022-06-23");
    expect(SET.groups.map((g) => g.id)).toEqual([...GROUP_IDS]);
    expect(Object.fromEntries(SET.groups.map((g) => [g.id, g.max]))).toEqual({
      publicity: 18,
      progress: 20,
      online: 12,
      payment: 10,
      satisfaction: 18,
      digitization: 22,
    });
    expect(SET.groups.reduce((n, g) => n + g.max, 0)).toBe(100);
    for (const g of SET.groups)
      expect(
        g.indicators.reduce((n, i) => n + i.max, 0),
        g.id,
      ).toBe(g.max);
  });

  it("has unique indicator ids prefixed by their group, names in both languages", () => {
    const all = indicatorsOf(SET);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    for (const i of all) {
      expect(i.id.startsWith(`${i.group}.`), i.id).toBe(true);
      expect(i.name.vi.length).toBeGreaterThan(3);
      expect(i.name.en.length).toBeGreaterThan(3);
      expect(i.max).toBeGreaterThan(0);
    }
  });

  it("formulas use known counts, each side of one kind (dossiers or procedures)", () => {
    for (const i of indicatorsOf(SET)) {
      if (!i.formula) continue;
      const sides = [i.formula.numerator, i.formula.denominator];
      for (const side of sides) {
        expect(side.length).toBeGreaterThan(0);
        for (const c of side) expect(COUNT_NAMES).toContain(c);
        expect(new Set(side.map(COUNT_KIND)).size, i.id).toBe(1);
      }
      expect(COUNT_KIND(i.formula.numerator[0]!)).toBe(COUNT_KIND(i.formula.denominator[0]!));
      // The numerator's counts are part of the denominator's population (a ratio ≤ 1).
      if (i.formula.numerator.every((c) => i.formula!.denominator.includes(c))) continue;
      expect(i.formula.numerator.length, i.id).toBe(1);
    }
  });

  it("online payment is not measured yet; the payment group scores nothing", () => {
    const payment = SET.groups.find((g) => g.id === "payment")!;
    expect(payment.indicators.every((i) => i.formula === null && i.note)).toBe(true);
  });

  it("picks the set in force on a day; none before the decision", () => {
    expect(definitionsAt("2022-06-22")).toBeNull();
    expect(definitionsAt("2022-06-23")).toBe(SET);
    expect(definitionsAt("2030-01-01")).toBe(SET);
    const later: DefinitionSet = { ...SET, from: "2027-01-01", decision: "later" };
    const sets = [later, SET];
    expect(definitionsAt("2026-12-31", sets)).toBe(SET);
    expect(definitionsAt("2027-01-01", sets)).toBe(later);
  });
});

describe("rounding and points", () => {
  it("rounds half away from zero despite binary floats", () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(2.675, 2)).toBe(2.68);
    expect(round(0.125, 2)).toBe(0.13);
    expect(round(1.0049, 2)).toBe(1);
    expect(round(-1.005, 2)).toBe(-1.01);
    expect(round(2 / 3, 4)).toBe(0.6667);
    expect(round(0, 2)).toBe(0);
  });

  it("points are linear in the ratio, rounded to 2 decimals", () => {
    expect(pointsOf(1, 20)).toBe(20);
    expect(pointsOf(0, 20)).toBe(0);
    expect(pointsOf(0.5, 6)).toBe(3);
    expect(pointsOf(2 / 3, 20)).toBe(13.33);
    expect(pointsOf(1 / 3, 2)).toBe(0.67);
    expect(pointsOf(0.33335, 6)).toBe(2);
  });

  it("no data scores nothing; ratios outside [0, 1] are clamped", () => {
    expect(pointsOf(null, 20)).toBe(0);
    expect(pointsOf(Number.NaN, 20)).toBe(0);
    expect(pointsOf(1.2, 6)).toBe(6);
    expect(pointsOf(-0.1, 6)).toBe(0);
  });

  it("with a target, full marks from the target and linear below it", () => {
    expect(pointsOf(0.8, 10, 0.8)).toBe(10);
    expect(pointsOf(0.95, 10, 0.8)).toBe(10);
    expect(pointsOf(0.4, 10, 0.8)).toBe(5);
  });
});

describe("bands", () => {
  it("good ≥ 90, fair ≥ 75, average ≥ 50, weak below; no data without a score", () => {
    expect(bandOf(100)).toBe("good");
    expect(bandOf(90)).toBe("good");
    expect(bandOf(89.99)).toBe("fair");
    expect(bandOf(75)).toBe("fair");
    expect(bandOf(74.99)).toBe("average");
    expect(bandOf(50)).toBe("average");
    expect(bandOf(49.99)).toBe("weak");
    expect(bandOf(0)).toBe("weak");
    expect(bandOf(null)).toBe("no_data");
  });
});

/** Counts where every measured ratio is `share` (denominators of 100). */
function uniform(share: number): Counts {
  const c: Counts = {};
  const set = (name: CountName, n: number) => {
    c[name] = n;
  };
  set("procedures.served", 100);
  set("procedures.complete", 100 * share);
  set("procedures.online", 100 * share);
  set("procedures.population_data", 100 * share);
  set("resolved.early", 50 * share);
  set("resolved.on_time", 25 * share);
  set("resolved.late", 75 * (1 - share));
  set("pending.within_deadline", 25 * share);
  set("pending.overdue", 25 * (1 - share));
  set("received.online_procedures", 100);
  set("received.online_of_online_procedures", 100 * share);
  set("satisfaction.resolved", 100);
  set("satisfaction.not_late_nor_dissatisfied", 100 * share);
  set("live.received", 100);
  set("live.received_public", 100 * share);
  set("live.received_electronic", 100 * share);
  set("live.received_reused", 100 * share);
  set("live.resolved", 100);
  set("live.resolved_electronic_result", 100 * share);
  set("live.resolved_result_in_store", 100 * share);
  return c;
}

const indicator = (r: ReturnType<typeof scoreIndex>, id: string) =>
  r.groups.flatMap((g) => g.indicators).find((i) => i.id === id)!;

describe("scoreIndex", () => {
  const measuredMax = indicatorsOf(SET)
    .filter((i) => i.formula)
    .reduce((n, i) => n + i.max, 0);

  it("full marks on everything measured: total = measured maximum, score 100, good", () => {
    const r = scoreIndex(SET, uniform(1));
    expect(r.max).toBe(100);
    expect(r.measuredMax).toBe(measuredMax);
    expect(r.total).toBe(measuredMax);
    expect(r.total).toBeLessThanOrEqual(100);
    expect(r.score).toBe(100);
    expect(r.band).toBe("good");
    const payment = r.groups.find((g) => g.id === "payment")!;
    expect(payment.points).toBe(0);
    expect(payment.measuredMax).toBe(0);
    for (const i of payment.indicators) {
      expect(i).toMatchObject({
        measured: false,
        numerator: null,
        denominator: null,
        ratio: null,
        points: 0,
      });
    }
  });

  it("half everywhere: half the points, score 50, average", () => {
    const r = scoreIndex(SET, uniform(0.5));
    expect(r.total).toBe(measuredMax / 2);
    expect(r.score).toBe(50);
    expect(r.band).toBe("average");
    expect(indicator(r, "progress.on_time")).toMatchObject({
      numerator: 50,
      denominator: 100,
      ratio: 0.5,
      points: 10,
    });
  });

  it("sums the formula's counts: progress = (early + on time + within) / (resolved + pending)", () => {
    const r = scoreIndex(SET, {
      "resolved.early": 7,
      "resolved.on_time": 2,
      "resolved.late": 1,
      "pending.within_deadline": 3,
      "pending.overdue": 2,
    });
    expect(indicator(r, "progress.on_time")).toMatchObject({
      numerator: 12,
      denominator: 15,
      ratio: 0.8,
      points: 16,
      measured: true,
    });
  });

  it("a zero denominator is no data: null ratio, 0 points, left out of the measured maximum", () => {
    const counts = uniform(1);
    counts["live.received"] = 0;
    counts["live.received_public"] = 0;
    counts["live.received_electronic"] = 0;
    counts["live.received_reused"] = 0;
    const r = scoreIndex(SET, counts);
    for (const id of ["publicity.public_status", "digitization.components", "digitization.reused"]) {
      expect(indicator(r, id)).toMatchObject({
        measured: true,
        numerator: 0,
        denominator: 0,
        ratio: null,
        points: 0,
      });
    }
    expect(r.measuredMax).toBe(measuredMax - 6 - 4 - 2);
    expect(r.total).toBe(r.measuredMax);
    expect(r.score).toBe(100);
  });

  it("no counts at all: nothing measured, total 0, no score, band no_data", () => {
    const r = scoreIndex(SET, {});
    expect(r.total).toBe(0);
    expect(r.measuredMax).toBe(0);
    expect(r.score).toBeNull();
    expect(r.band).toBe("no_data");
    expect(r.groups.every((g) => g.points === 0 && g.measuredMax === 0)).toBe(true);
  });

  it("rounds each indicator's points, then sums them; the score from the rounded total", () => {
    // Thirds everywhere: 2/3 of 20 = 13.333… → 13.33, of 6 → 4, of 2 → 1.33, of 4 → 2.67.
    const counts = uniform(1);
    for (const [num, den] of [
      ["procedures.complete", "procedures.served"],
      ["received.online_of_online_procedures", "received.online_procedures"],
    ] as const) {
      counts[num] = 2;
      counts[den] = 3;
    }
    counts["procedures.online"] = 2;
    counts["procedures.population_data"] = 2;
    Object.assign(counts, {
      "resolved.early": 2,
      "resolved.on_time": 0,
      "resolved.late": 1,
      "pending.within_deadline": 0,
      "pending.overdue": 0,
    });
    const r = scoreIndex(SET, counts);
    expect(indicator(r, "progress.on_time")).toMatchObject({ ratio: 0.6667, points: 13.33 });
    expect(indicator(r, "publicity.complete_record")).toMatchObject({ ratio: 0.6667, points: 1.33 });
    expect(indicator(r, "online.procedures")).toMatchObject({ ratio: 0.6667, points: 4 });
    const sumOfPoints = r.groups.flatMap((g) => g.indicators).reduce((n, i) => n + i.points, 0);
    expect(r.total).toBe(round(sumOfPoints, 2));
    for (const g of r.groups)
      expect(g.points).toBe(
        round(
          g.indicators.reduce((n, i) => n + i.points, 0),
          2,
        ),
      );
    expect(r.score).toBe(round((r.total / r.measuredMax) * 100, 2));
  });

  it("keeps the raw ratio when the data is inconsistent, but never scores above the maximum", () => {
    const counts = uniform(1);
    counts["live.received_public"] = 120;
    const r = scoreIndex(SET, counts);
    expect(indicator(r, "publicity.public_status")).toMatchObject({ ratio: 1.2, points: 6 });
    expect(r.total).toBeLessThanOrEqual(r.measuredMax);
  });

  it("bands follow the score, not the total out of 100", () => {
    const r = scoreIndex(SET, uniform(0.95));
    expect(r.total).toBeLessThan(90);
    expect(r.score).toBe(95);
    expect(r.band).toBe("good");
  });
});

describe("rank", () => {
  const units = (scores: (number | null)[]) => scores.map((score, i) => ({ code: `U${i}`, score }));

  it("sorts by score, highest first", () => {
    const r = rank(units([40, 90, 75]));
    expect(r.map((u) => [u.code, u.rank])).toEqual([
      ["U1", 1],
      ["U2", 2],
      ["U0", 3],
    ]);
  });

  it("gives ties the same rank and skips the next ones (1, 2, 2, 4)", () => {
    const r = rank(units([80, 95, 80, 60]), (a, b) => a.code.localeCompare(b.code));
    expect(r.map((u) => [u.code, u.rank])).toEqual([
      ["U1", 1],
      ["U0", 2],
      ["U2", 2],
      ["U3", 4],
    ]);
  });

  it("all tied: all first", () => {
    expect(rank(units([70, 70, 70])).map((u) => u.rank)).toEqual([1, 1, 1]);
  });

  it("units without a score come last, unranked", () => {
    const r = rank(units([null, 50, null, 70]), (a, b) => a.code.localeCompare(b.code));
    expect(r.map((u) => [u.code, u.rank])).toEqual([
      ["U3", 1],
      ["U1", 2],
      ["U0", null],
      ["U2", null],
    ]);
  });

  it("an empty list stays empty; the input is not reordered", () => {
    expect(rank([])).toEqual([]);
    const input = units([10, 20]);
    rank(input);
    expect(input.map((u) => u.code)).toEqual(["U0", "U1"]);
  });
});
