// The PAR index's pure rules: criteria trees (codes, parents, sums), totals with two decimals,
// points from figures, ranking with ties, year-on-year deltas.
import { describe, expect, it } from "vitest";
import {
  autoPoints,
  buildTree,
  type CriterionInput,
  checkPoints,
  hasAtMostTwoDecimals,
  inferParent,
  leafCodes,
  parsePoints,
  rankByScore,
  round2,
  totals,
  validateCriteria,
  yearOnYear,
} from "./par.logic.ts";

const c = (code: string, maxPoints: number, extra: Partial<CriterionInput> = {}): CriterionInput => ({
  code,
  parentCode: inferParent(code, null),
  title: `Tiêu chí ${code}`,
  titleEn: null,
  maxPoints,
  autoSource: null,
  guidance: null,
  ...extra,
});

/** A valid set: two groups (60 + 40), the first with three sub-criteria, one of them nested. */
const SET: CriterionInput[] = [
  c("1", 60),
  c("1.1", 20),
  c("1.2", 25.5),
  c("1.2.1", 12.25),
  c("1.2.2", 13.25),
  c("1.3", 14.5, { autoSource: "on_time_share" }),
  c("2", 40),
  c("2.1", 40),
];

const codes = (rows: CriterionInput[]) =>
  validateCriteria(rows).map((x) => `${x.index}:${x.field}:${x.code}`);

describe("numbers", () => {
  it("rounds half away from zero to two decimals and detects decimals", () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(hasAtMostTwoDecimals(12.25)).toBe(true);
    expect(hasAtMostTwoDecimals(0.1 + 0.2)).toBe(true);
    expect(hasAtMostTwoDecimals(1.125)).toBe(false);
  });
  it("reads points with a dot or a comma", () => {
    expect(parsePoints("12.5")).toBe(12.5);
    expect(parsePoints(" 12,5 ")).toBe(12.5);
    expect(parsePoints("7")).toBe(7);
    expect(parsePoints("")).toBeNaN();
    expect(parsePoints("mười")).toBeNaN();
    expect(parsePoints("1.2.3")).toBeNaN();
  });
});

describe("criteria trees", () => {
  it("infers a blank parent from the code", () => {
    expect(inferParent("3.2.1", null)).toBe("3.2");
    expect(inferParent("3.2.1", "  ")).toBe("3.2");
    expect(inferParent("3", "")).toBeNull();
    expect(inferParent("3.2", "7")).toBe("7");
  });

  it("accepts a sound set", () => {
    expect(validateCriteria(SET)).toEqual([]);
  });

  it("refuses an empty set", () => {
    expect(codes([])).toEqual(["-1:criteria:par.criteria_empty"]);
  });

  it("refuses bad and duplicate codes", () => {
    expect(codes([...SET, c("2.1", 1)])).toContain("8:code:par.code_duplicate");
    expect(codes([c("A", 100)])).toEqual(["0:code:par.code_format"]);
    expect(codes([c("1.", 100, { parentCode: null })])).toEqual(["0:code:par.code_format"]);
    expect(codes([c("1.2.3.4.5.6.7", 100, { parentCode: null })])).toEqual(["0:code:par.code_format"]);
  });

  it("refuses missing or long titles and long guidance", () => {
    expect(codes([c("1", 100, { title: "  " })])).toEqual(["0:title:par.title_required"]);
    expect(codes([c("1", 100, { title: "x".repeat(501) })])).toEqual(["0:title:par.title_too_long"]);
    expect(codes([c("1", 100, { titleEn: "x".repeat(501) })])).toEqual(["0:titleEn:par.title_too_long"]);
    expect(codes([c("1", 100, { guidance: "x".repeat(4001) })])).toEqual([
      "0:guidance:par.guidance_too_long",
    ]);
  });

  it("refuses maximum points that are not positive, too large or too precise", () => {
    expect(codes([c("1", 0)])).toEqual(["0:maxPoints:par.max_points_positive"]);
    expect(codes([c("1", -5)])).toEqual(["0:maxPoints:par.max_points_positive"]);
    expect(codes([c("1", Number.NaN)])).toEqual(["0:maxPoints:par.max_points_positive"]);
    expect(codes([c("1", 101)])).toEqual(["0:maxPoints:par.max_points_too_large"]);
    expect(codes([c("1", 99.995), c("2", 0.005)])).toEqual([
      "0:maxPoints:par.max_points_decimals",
      "1:maxPoints:par.max_points_decimals",
    ]);
  });

  it("refuses unknown automatic sources and automatic groups", () => {
    expect(codes([c("1", 100, { autoSource: "weather" })])).toEqual(["0:autoSource:par.auto_unknown"]);
    const group = SET.map((r) => (r.code === "2" ? { ...r, autoSource: "online_share" } : r));
    expect(codes(group)).toEqual(["6:autoSource:par.auto_on_group"]);
  });

  it("refuses parents that are missing, the criterion itself, or a cycle", () => {
    expect(codes([c("1", 100), c("1.1", 100, { parentCode: "9" })])).toEqual([
      "1:parentCode:par.parent_unknown",
    ]);
    expect(codes([c("1", 100, { parentCode: "1" })])).toEqual(["0:parentCode:par.parent_self"]);
    const cycle = [c("1", 100), c("2", 5, { parentCode: "3" }), c("3", 5, { parentCode: "2" })];
    expect(codes(cycle)).toEqual(["1:parentCode:par.parent_cycle", "2:parentCode:par.parent_cycle"]);
  });

  it("requires sub-criteria to add up to their parent and groups to 100", () => {
    const short = SET.map((r) => (r.code === "1.2.2" ? { ...r, maxPoints: 13 } : r));
    const issues = validateCriteria(short);
    expect(issues.map((x) => `${x.index}:${x.code}`)).toEqual([
      "2:par.children_sum",
      // 1.2 still says 25.5, so 1 is fine; the top level is still 100.
    ]);
    expect(issues[0]!.message.vi).toContain("25.25");
    expect(issues[0]!.message.en).toContain("25.5");
    const over = [...SET, c("3", 0.01)];
    const total = validateCriteria(over).find((x) => x.code === "par.total_not_100")!;
    expect(total.index).toBe(-1);
    expect(total.message.vi).toContain("100.01");
    expect(total.message.en).toContain("100.01");
  });

  it("adds exact hundredths (no float drift)", () => {
    const rows = [c("1", 33.33), c("2", 33.33), c("3", 33.34)];
    expect(validateCriteria(rows)).toEqual([]);
    const tenths = Array.from({ length: 10 }, (_, i) => c(String(i + 1), 10));
    expect(validateCriteria(tenths)).toEqual([]);
  });

  it("builds the tree in the list's order and lists the leaves", () => {
    const tree = buildTree(SET);
    expect(tree.map((n) => n.code)).toEqual(["1", "2"]);
    expect(tree[0]!.children.map((n) => n.code)).toEqual(["1.1", "1.2", "1.3"]);
    expect(tree[0]!.children[1]!.children.map((n) => [n.code, n.depth])).toEqual([
      ["1.2.1", 2],
      ["1.2.2", 2],
    ]);
    expect(leafCodes(SET)).toEqual(["1.1", "1.2.1", "1.2.2", "1.3", "2.1"]);
  });
});

describe("totals", () => {
  it("adds leaves into groups and the total with two decimals", () => {
    const points = new Map<string, number | null>([
      ["1.1", 19.99],
      ["1.2.1", 12.25],
      ["1.2.2", 0.01],
      ["1.3", 14.5],
      ["2.1", 33.33],
    ]);
    const t = totals(SET, points);
    expect(t.byCode.get("1.2")).toEqual({ points: 12.26, max: 25.5, scored: 2, leaves: 2 });
    expect(t.byCode.get("1")!.points).toBe(46.75);
    expect(t.groups).toEqual([
      { code: "1", points: 46.75, max: 60 },
      { code: "2", points: 33.33, max: 40 },
    ]);
    expect(t.total).toBe(80.08);
    expect(t.complete).toBe(true);
  });

  it("counts unscored leaves as 0 and says the scoring is incomplete", () => {
    const t = totals(SET, new Map([["1.1", 20]]));
    expect(t.total).toBe(20);
    expect(t.complete).toBe(false);
    expect(t.byCode.get("1")).toEqual({ points: 20, max: 60, scored: 1, leaves: 4 });
    expect(t.byCode.get("2.1")).toEqual({ points: 0, max: 40, scored: 0, leaves: 1 });
  });

  it("checks points against the maximum", () => {
    expect(checkPoints(0, 5)).toBeNull();
    expect(checkPoints(5, 5)).toBeNull();
    expect(checkPoints(2.25, 5)).toBeNull();
    expect(checkPoints(5.01, 5)!.code).toBe("par.points_range");
    expect(checkPoints(-1, 5)!.code).toBe("par.points_range");
    expect(checkPoints(Number.NaN, 5)!.code).toBe("par.points_range");
    expect(checkPoints(1.234, 5)!.code).toBe("par.points_decimals");
    expect(checkPoints(6, 5)!.message).toEqual({
      vi: "Điểm phải từ 0 đến 5.",
      en: "The points must be from 0 to 5.",
    });
  });
});

describe("automatic points", () => {
  it("gives maximum × ratio to the hundredth", () => {
    expect(autoPoints("on_time_share", 8, 45, 50)).toEqual({ ratio: 0.9, points: 7.2 });
    expect(autoPoints("online_share", 6, 1, 3)).toEqual({ ratio: 1 / 3, points: 2 });
    expect(autoPoints("online_share", 5, 1, 3)).toEqual({ ratio: 1 / 3, points: 1.67 });
    expect(autoPoints("satisfaction_share", 10, 0, 7)).toEqual({ ratio: 0, points: 0 });
    expect(autoPoints("satisfaction_share", 10, 7, 7)).toEqual({ ratio: 1, points: 10 });
  });
  it("has no suggestion without a denominator, except full points when nothing was late", () => {
    expect(autoPoints("on_time_share", 8, 0, 0)).toEqual({ ratio: null, points: null });
    expect(autoPoints("satisfaction_share", 8, 0, 0)).toEqual({ ratio: null, points: null });
    expect(autoPoints("apology_share", 4, 0, 0)).toEqual({ ratio: 1, points: 4 });
  });
  it("never exceeds the maximum", () => {
    expect(autoPoints("on_time_share", 8, 12, 10)).toEqual({ ratio: 1, points: 8 });
  });
});

describe("ranking", () => {
  const items = [
    { code: "e", score: 70 },
    { code: "b", score: 91.5 },
    { code: "d", score: null },
    { code: "a", score: 91.5 },
    { code: "c", score: 88 },
    { code: "f", score: 70 },
  ];
  it("shares ranks on ties, skips the next, leaves the unscored last", () => {
    const ranked = rankByScore(
      items,
      (x) => x.score,
      (x, y) => x.code.localeCompare(y.code),
    );
    expect(ranked.map((r) => `${r.code}:${r.rank}`)).toEqual(["a:1", "b:1", "c:3", "e:4", "f:4", "d:null"]);
  });
  it("compares hundredths (0.1 + 0.2 ties with 0.3)", () => {
    const ranked = rankByScore(
      [
        { id: 1, s: 0.1 + 0.2 },
        { id: 2, s: 0.3 },
      ],
      (x) => x.s,
    );
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });
  it("ranks nothing when nothing is scored", () => {
    expect(rankByScore([{ s: null }], (x) => x.s)).toEqual([{ s: null, rank: null }]);
    expect(rankByScore([], () => 1)).toEqual([]);
  });
});

describe("year on year", () => {
  const g = (code: string, points: number, max = 50) => ({
    code,
    title: `Nhóm ${code}`,
    titleEn: null,
    max,
    points,
  });
  it("matches groups by code and gives deltas", () => {
    const r = yearOnYear(
      { total: 85.5, groups: [g("1", 45.25), g("2", 40.25)] },
      { total: 80, groups: [g("1", 42), g("3", 38, 50)] },
    );
    expect(r.total).toEqual({ current: 85.5, currentMax: 100, previous: 80, previousMax: 100, delta: 5.5 });
    expect(r.groups).toEqual([
      {
        code: "1",
        title: "Nhóm 1",
        titleEn: null,
        current: 45.25,
        currentMax: 50,
        previous: 42,
        previousMax: 50,
        delta: 3.25,
      },
      {
        code: "2",
        title: "Nhóm 2",
        titleEn: null,
        current: 40.25,
        currentMax: 50,
        previous: null,
        previousMax: null,
        delta: null,
      },
      {
        code: "3",
        title: "Nhóm 3",
        titleEn: null,
        current: null,
        currentMax: null,
        previous: 38,
        previousMax: 50,
        delta: null,
      },
    ]);
  });
  it("has no deltas when a year is missing", () => {
    const r = yearOnYear(null, { total: 80, groups: [g("1", 42)] });
    expect(r.total).toEqual({ current: null, currentMax: null, previous: 80, previousMax: 100, delta: null });
    expect(r.groups[0]!.delta).toBeNull();
    expect(yearOnYear(null, null)).toEqual({
      total: { current: null, currentMax: null, previous: null, previousMax: null, delta: null },
      groups: [],
    });
  });
  it("subtracts hundredths exactly", () => {
    expect(yearOnYear({ total: 0.3, groups: [] }, { total: 0.1, groups: [] }).total.delta).toBe(0.2);
  });
});
