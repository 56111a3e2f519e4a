// The PAR index (Chỉ số cải cách hành chính, legal-notes §8), pure: the closed lists, the rules of
// a criteria tree (codes, parents, maximum points adding up to 100), totals per group and overall
// with two decimals, points suggested from a figure of motcua's own, ranking with ties and
// year-on-year deltas. Points are added as whole hundredths, never as floats.
import type { Message } from "../../shared/errors.ts";

/** Levels of the units a criteria set assesses (the organisation tree's levels). */
export const PAR_LEVELS = ["province", "district", "commune"] as const;
export type ParLevel = (typeof PAR_LEVELS)[number];

/**
 * Criteria that can be filled from motcua's own figures for the assessment's year and unit:
 * - on_time_share: dossiers resolved early or on time / dossiers resolved (resolution report);
 * - online_share: dossiers received online (fully or partly) / dossiers received (same counters);
 * - satisfaction_share: ratings "very satisfied" or "satisfied" / ratings (service figures);
 * - apology_share: late dossiers with an apology / late dossiers (resolution report, Form 06c).
 */
export const PAR_AUTO_SOURCES = [
  "on_time_share",
  "online_share",
  "satisfaction_share",
  "apology_share",
] as const;
export type AutoSource = (typeof PAR_AUTO_SOURCES)[number];

export const PAR_STATUSES = ["draft", "submitted", "appraised"] as const;
export type ParStatus = (typeof PAR_STATUSES)[number];

/** A set's top-level criteria add up to this many points. */
export const TOTAL_POINTS = 100;
/** "3", "3.2", "3.2.1": numbers separated by dots, at most six levels. */
export const CODE_PATTERN = /^\d{1,3}(\.\d{1,3}){0,5}$/;
export const TITLE_MAX = 500;
export const GUIDANCE_MAX = 4000;
export const NOTE_MAX = 2000;

export type CriterionInput = {
  code: string;
  /** Null for a top-level group. */
  parentCode: string | null;
  title: string;
  titleEn: string | null;
  maxPoints: number;
  /** One of PAR_AUTO_SOURCES, or null (checked here: files may say anything). */
  autoSource: string | null;
  guidance: string | null;
};

export type CriterionField =
  | "code"
  | "parentCode"
  | "title"
  | "titleEn"
  | "maxPoints"
  | "autoSource"
  | "guidance";

/** A broken rule: the row it is about (its index in the list; -1 for the set as a whole) and field. */
export type CriterionIssue = {
  index: number;
  field: CriterionField | "criteria";
  code: string;
  message: Message;
};

// ---------------------------------------------------------------------------------------------
// Numbers

export const toCents = (points: number): number => Math.round(points * 100);
export const fromCents = (cents: number): number => cents / 100;
/** Rounds to two decimals (half away from zero, as people do on paper). */
export const round2 = (n: number): number => Math.sign(n) * (Math.round(Math.abs(n) * 100 + 1e-9) / 100);
export const hasAtMostTwoDecimals = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** "12.5" → 12.5 with a comma accepted as the decimal mark ("12,5"); NaN when not a number. */
export function parsePoints(text: string): number {
  const t = text.trim().replace(/\s/g, "");
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(",", "."));
}

/** Formats points for a message: two decimals at most, no trailing zeros. */
export const showPoints = (n: number): string => String(round2(n));

// ---------------------------------------------------------------------------------------------
// Criteria trees

/** The parent of a criterion: the one named, or for a blank one the code's prefix ("3.2.1" → "3.2"). */
export function inferParent(code: string, parentCode: string | null | undefined): string | null {
  const given = parentCode?.trim();
  if (given) return given;
  const dot = code.lastIndexOf(".");
  return dot > 0 ? code.slice(0, dot) : null;
}

const issue = (
  index: number,
  field: CriterionIssue["field"],
  code: string,
  vi: string,
  en: string,
): CriterionIssue => ({ index, field, code, message: { vi, en } });

/**
 * Every broken rule of a criteria list: codes well formed and unique; titles present; maximum
 * points above 0, at most 100, with two decimals at most; parents that exist, without cycles;
 * automatic sources from the closed list and only on criteria without sub-criteria; the
 * sub-criteria of a criterion adding up to its maximum; the top-level criteria adding up to 100.
 * An empty list is one issue. Sums are checked only once the rows they add up are sound.
 */
export function validateCriteria(rows: readonly CriterionInput[]): CriterionIssue[] {
  const issues: CriterionIssue[] = [];
  if (rows.length === 0)
    return [
      issue(
        -1,
        "criteria",
        "par.criteria_empty",
        "Bộ tiêu chí chưa có tiêu chí nào.",
        "The criteria set has no criteria.",
      ),
    ];
  const byCode = new Map<string, number>();
  rows.forEach((r, i) => {
    const code = r.code.trim();
    if (!CODE_PATTERN.test(code))
      issues.push(
        issue(
          i,
          "code",
          "par.code_format",
          "Mã tiêu chí gồm các số cách nhau bởi dấu chấm, ví dụ 3.2.1.",
          "A criterion code is numbers separated by dots, e.g. 3.2.1.",
        ),
      );
    else if (byCode.has(code))
      issues.push(
        issue(
          i,
          "code",
          "par.code_duplicate",
          `Mã tiêu chí ${code} bị trùng (đã có ở dòng trước).`,
          `The criterion code ${code} appears twice.`,
        ),
      );
    else byCode.set(code, i);
    if (r.title.trim() === "")
      issues.push(
        issue(
          i,
          "title",
          "par.title_required",
          "Cần nhập tên tiêu chí.",
          "The criterion's title is required.",
        ),
      );
    else if (r.title.length > TITLE_MAX)
      issues.push(
        issue(
          i,
          "title",
          "par.title_too_long",
          `Tên tiêu chí dài tối đa ${TITLE_MAX} ký tự.`,
          `A title may be at most ${TITLE_MAX} characters long.`,
        ),
      );
    if (r.titleEn && r.titleEn.length > TITLE_MAX)
      issues.push(
        issue(
          i,
          "titleEn",
          "par.title_too_long",
          `Tên tiếng Anh dài tối đa ${TITLE_MAX} ký tự.`,
          `An English title may be at most ${TITLE_MAX} characters long.`,
        ),
      );
    if (r.guidance && r.guidance.length > GUIDANCE_MAX)
      issues.push(
        issue(
          i,
          "guidance",
          "par.guidance_too_long",
          `Hướng dẫn chấm dài tối đa ${GUIDANCE_MAX} ký tự.`,
          `The guidance may be at most ${GUIDANCE_MAX} characters long.`,
        ),
      );
    if (!Number.isFinite(r.maxPoints) || r.maxPoints <= 0)
      issues.push(
        issue(
          i,
          "maxPoints",
          "par.max_points_positive",
          "Điểm tối đa phải là số lớn hơn 0.",
          "The maximum points must be a number above 0.",
        ),
      );
    else if (r.maxPoints > TOTAL_POINTS)
      issues.push(
        issue(
          i,
          "maxPoints",
          "par.max_points_too_large",
          `Điểm tối đa không quá ${TOTAL_POINTS}.`,
          `The maximum points may not exceed ${TOTAL_POINTS}.`,
        ),
      );
    else if (!hasAtMostTwoDecimals(r.maxPoints))
      issues.push(
        issue(
          i,
          "maxPoints",
          "par.max_points_decimals",
          "Điểm tối đa có nhiều nhất hai chữ số thập phân.",
          "The maximum points may have at most two decimals.",
        ),
      );
    if (r.autoSource !== null && !(PAR_AUTO_SOURCES as readonly string[]).includes(r.autoSource))
      issues.push(
        issue(
          i,
          "autoSource",
          "par.auto_unknown",
          `Nguồn tự động không hợp lệ; chỉ nhận: ${PAR_AUTO_SOURCES.join(", ")}.`,
          `Unknown automatic source; accepted: ${PAR_AUTO_SOURCES.join(", ")}.`,
        ),
      );
  });

  // Parents: they exist, are not the criterion itself, and lead up to a top-level criterion.
  const parentOf = new Map<string, string | null>();
  let structureSound = true;
  rows.forEach((r, i) => {
    const code = r.code.trim();
    const parent = r.parentCode?.trim() || null;
    if (parent === null) {
      parentOf.set(code, null);
      return;
    }
    if (parent === code) {
      structureSound = false;
      issues.push(
        issue(
          i,
          "parentCode",
          "par.parent_self",
          "Tiêu chí không thể là tiêu chí cha của chính nó.",
          "A criterion cannot be its own parent.",
        ),
      );
    } else if (!byCode.has(parent)) {
      structureSound = false;
      issues.push(
        issue(
          i,
          "parentCode",
          "par.parent_unknown",
          `Không có tiêu chí cha mã ${parent} trong bộ tiêu chí.`,
          `There is no parent criterion ${parent} in the set.`,
        ),
      );
    } else parentOf.set(code, parent);
  });
  if (structureSound)
    rows.forEach((r, i) => {
      const seen = new Set<string>();
      let at: string | null | undefined = r.code.trim();
      while (at) {
        if (seen.has(at)) {
          structureSound = false;
          issues.push(
            issue(
              i,
              "parentCode",
              "par.parent_cycle",
              "Quan hệ cha – con của các tiêu chí bị vòng lặp.",
              "The criteria's parent links form a cycle.",
            ),
          );
          break;
        }
        seen.add(at);
        at = parentOf.get(at);
      }
    });
  if (!structureSound || issues.some((x) => x.field === "code" || x.field === "maxPoints")) return issues;

  // Sums, in hundredths.
  const children = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const parent = parentOf.get(r.code.trim());
    if (parent) children.set(parent, [...(children.get(parent) ?? []), i]);
  });
  rows.forEach((r, i) => {
    const kids = children.get(r.code.trim());
    if (!kids) return;
    if (r.autoSource !== null)
      issues.push(
        issue(
          i,
          "autoSource",
          "par.auto_on_group",
          "Chỉ tiêu chí không có tiêu chí con mới được chấm tự động.",
          "Only a criterion without sub-criteria can be filled automatically.",
        ),
      );
    const sum = kids.reduce((s, k) => s + toCents(rows[k]!.maxPoints), 0);
    if (sum !== toCents(r.maxPoints))
      issues.push(
        issue(
          i,
          "maxPoints",
          "par.children_sum",
          `Tổng điểm tối đa của các tiêu chí con là ${showPoints(fromCents(sum))}, phải bằng điểm tối đa của tiêu chí này (${showPoints(r.maxPoints)}).`,
          `The sub-criteria's maximum points add up to ${showPoints(fromCents(sum))}; they must equal this criterion's maximum (${showPoints(r.maxPoints)}).`,
        ),
      );
  });
  const top = rows.reduce((s, r) => (parentOf.get(r.code.trim()) ? s : s + toCents(r.maxPoints)), 0);
  if (top !== toCents(TOTAL_POINTS))
    issues.push(
      issue(
        -1,
        "criteria",
        "par.total_not_100",
        `Tổng điểm tối đa của các nhóm tiêu chí là ${showPoints(fromCents(top))}; phải bằng ${TOTAL_POINTS}.`,
        `The top-level criteria's maximum points add up to ${showPoints(fromCents(top))}; they must add up to ${TOTAL_POINTS}.`,
      ),
    );
  return issues;
}

export type TreeNode<T extends { code: string; parentCode: string | null }> = T & {
  depth: number;
  children: TreeNode<T>[];
};

/** The criteria as a tree, in the list's order (the list must be valid). */
export function buildTree<T extends { code: string; parentCode: string | null }>(
  rows: readonly T[],
): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const r of rows) nodes.set(r.code, { ...r, depth: 0, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const r of rows) {
    const node = nodes.get(r.code)!;
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (n: TreeNode<T>, d: number) => {
    n.depth = d;
    for (const c of n.children) setDepth(c, d + 1);
  };
  for (const r of roots) setDepth(r, 0);
  return roots;
}

/** Codes of the criteria that are scored: those without sub-criteria. */
export function leafCodes(rows: readonly { code: string; parentCode: string | null }[]): string[] {
  const parents = new Set(rows.map((r) => r.parentCode).filter((p): p is string => p !== null));
  return rows.filter((r) => !parents.has(r.code)).map((r) => r.code);
}

export type NodeTotal = { points: number; max: number; scored: number; leaves: number };

/**
 * Points of every criterion (a group: the sum of its leaves; an unscored leaf counts 0), how many
 * of its leaves are scored, and the overall total, each with two decimals.
 */
export function totals(
  rows: readonly { code: string; parentCode: string | null; maxPoints: number }[],
  points: ReadonlyMap<string, number | null>,
): {
  byCode: Map<string, NodeTotal>;
  total: number;
  complete: boolean;
  groups: { code: string; points: number; max: number }[];
} {
  const tree = buildTree(rows);
  const byCode = new Map<string, NodeTotal>();
  const walk = (n: TreeNode<(typeof rows)[number]>): { cents: number; scored: number; leaves: number } => {
    let r: { cents: number; scored: number; leaves: number };
    if (n.children.length === 0) {
      const p = points.get(n.code);
      r = {
        cents: p === null || p === undefined ? 0 : toCents(p),
        scored: p === null || p === undefined ? 0 : 1,
        leaves: 1,
      };
    } else {
      r = { cents: 0, scored: 0, leaves: 0 };
      for (const c of n.children) {
        const x = walk(c);
        r.cents += x.cents;
        r.scored += x.scored;
        r.leaves += x.leaves;
      }
    }
    byCode.set(n.code, { points: fromCents(r.cents), max: n.maxPoints, scored: r.scored, leaves: r.leaves });
    return r;
  };
  let cents = 0;
  let scored = 0;
  let leaves = 0;
  for (const root of tree) {
    const r = walk(root);
    cents += r.cents;
    scored += r.scored;
    leaves += r.leaves;
  }
  return {
    byCode,
    total: fromCents(cents),
    complete: scored === leaves,
    groups: tree.map((g) => ({ code: g.code, points: byCode.get(g.code)!.points, max: g.maxPoints })),
  };
}

export type PointsProblem = { code: string; message: Message };

/** Whether points given to a criterion are acceptable: 0 to its maximum, two decimals at most. */
export function checkPoints(points: number, max: number): PointsProblem | null {
  if (!Number.isFinite(points) || points < 0 || points > max)
    return {
      code: "par.points_range",
      message: {
        vi: `Điểm phải từ 0 đến ${showPoints(max)}.`,
        en: `The points must be from 0 to ${showPoints(max)}.`,
      },
    };
  if (!hasAtMostTwoDecimals(points))
    return {
      code: "par.points_decimals",
      message: {
        vi: "Điểm có nhiều nhất hai chữ số thập phân.",
        en: "Points may have at most two decimals.",
      },
    };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Automatic filling

/**
 * Points from a figure: maximum × numerator / denominator, to the hundredth. With nothing to
 * divide by there is no suggestion (null), except for apologies: no late dossier means nothing
 * to apologise for, the full points.
 */
export function autoPoints(
  source: AutoSource,
  max: number,
  numerator: number,
  denominator: number,
): { ratio: number | null; points: number | null } {
  if (denominator <= 0)
    return source === "apology_share" ? { ratio: 1, points: max } : { ratio: null, points: null };
  const ratio = Math.min(1, Math.max(0, numerator / denominator));
  const cents = Math.round((toCents(max) * Math.min(numerator, denominator)) / denominator);
  return { ratio, points: fromCents(Math.max(0, Math.min(toCents(max), cents))) };
}

// ---------------------------------------------------------------------------------------------
// Ranking and comparison

/**
 * Ranks by score, highest first; equal scores share a rank and the next rank skips (1, 1, 3).
 * Items without a score come last, unranked. `order` breaks ties for display only.
 */
export function rankByScore<T>(
  items: readonly T[],
  score: (item: T) => number | null,
  order: (a: T, b: T) => number = () => 0,
): (T & { rank: number | null })[] {
  const cents = (item: T) => {
    const s = score(item);
    return s === null ? null : toCents(s);
  };
  const sorted = [...items].sort((a, b) => {
    const x = cents(a);
    const y = cents(b);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) return y - x;
    return order(a, b);
  });
  let previous: number | null = null;
  let previousRank = 0;
  return sorted.map((item, i) => {
    const s = cents(item);
    if (s === null) return { ...item, rank: null };
    const r = s === previous ? previousRank : i + 1;
    previous = s;
    previousRank = r;
    return { ...item, rank: r };
  });
}

export type YearScore = {
  total: number;
  groups: { code: string; title: string; titleEn: string | null; max: number; points: number }[];
};

export type YearDelta = {
  code: string;
  title: string;
  titleEn: string | null;
  current: number | null;
  currentMax: number | null;
  previous: number | null;
  previousMax: number | null;
  delta: number | null;
};

/**
 * This year against the previous one, overall and per top-level group (matched by code; titles
 * of this year's set first). A side without an assessment is null, and so is the delta.
 */
export function yearOnYear(
  current: YearScore | null,
  previous: YearScore | null,
): { total: Omit<YearDelta, "code" | "title" | "titleEn">; groups: YearDelta[] } {
  const delta = (a: number | null, b: number | null) =>
    a === null || b === null ? null : fromCents(toCents(a) - toCents(b));
  const codes: string[] = [];
  for (const g of [...(current?.groups ?? []), ...(previous?.groups ?? [])])
    if (!codes.includes(g.code)) codes.push(g.code);
  const groups = codes.map((code) => {
    const c = current?.groups.find((g) => g.code === code);
    const p = previous?.groups.find((g) => g.code === code);
    const cur = c ? c.points : null;
    const prev = p ? p.points : null;
    return {
      code,
      title: (c ?? p)!.title,
      titleEn: (c ?? p)!.titleEn,
      current: cur,
      currentMax: c ? c.max : null,
      previous: prev,
      previousMax: p ? p.max : null,
      delta: delta(cur, prev),
    };
  });
  const cur = current ? current.total : null;
  const prev = previous ? previous.total : null;
  return {
    total: {
      current: cur,
      currentMax: current ? TOTAL_POINTS : null,
      previous: prev,
      previousMax: previous ? TOTAL_POINTS : null,
      delta: delta(cur, prev),
    },
    groups,
  };
}
