// The permission matrix as data: every (route, principal) cell's expected status, computed
// from a case's allowed cells, its exceptions and its refusal rule, and the Markdown table
// docs/permission-matrix.md made from the same cells.
import { PRINCIPALS, type Principal } from "./principals.ts";
import type { Case } from "./types.ts";

export type RoutedCase = Exclude<Case, { public: true }>;

/**
 * Every principal's expected status for one route. Throws, naming the route and cell, when the
 * case lists a principal that is not a column or one cell twice, or leaves a cell without a
 * status (which the rules cannot, unless PRINCIPALS grows past them).
 */
export function expectedCells(route: string, c: RoutedCase): Map<Principal, number> {
  const known = new Set<string>(PRINCIPALS);
  const listed = [
    ...Object.keys(c.allow),
    ...Object.keys(c.except ?? {}),
    ...(c.sees === "all" ? [] : c.sees),
  ];
  const unknown = listed.filter((p) => !known.has(p));
  if (unknown.length > 0) throw new Error(`${route}: unknown principal(s) ${unknown.join(", ")}`);
  const twice = Object.keys(c.allow).filter((p) => p in (c.except ?? {}));
  if (twice.length > 0) throw new Error(`${route}: cell(s) both allowed and excepted: ${twice.join(", ")}`);
  const cells = new Map<Principal, number>();
  for (const p of PRINCIPALS) {
    const status =
      c.allow[p] ??
      c.except?.[p] ??
      (p === "anonymous" ? 401 : c.sees === "all" || c.sees.includes(p) ? 403 : (c.hidden ?? 404));
    cells.set(p, status);
  }
  const missing = PRINCIPALS.filter((p) => cells.get(p) === undefined);
  if (missing.length > 0) throw new Error(`${route}: no expected status for ${missing.join(", ")}`);
  return cells;
}

/** Whether a cell's request may be shared with the route's other plain refusals. */
export function isPlainRefusal(c: RoutedCase, p: Principal): boolean {
  return !(p in c.allow) && !(p in (c.except ?? {}));
}

const SHORT: Record<string, string> = {
  receptionist: "rec",
  specialist: "spe",
  leader: "lea",
  clerk: "clk",
  unit_admin: "uad",
  supervisor: "sup",
  system_admin: "sys",
};
const column = (p: Principal) => {
  if (p === "anonymous") return "anon";
  if (p === "citizen") return "cit";
  const [role, place] = p.split("@") as [string, string];
  return `${SHORT[role]}·${{ own: "o", other: "x", parent: "p" }[place]}`;
};

/** docs/permission-matrix.md: one row per route, one column per principal. */
export function renderMatrix(cases: Record<string, Case>): string {
  const keys = Object.keys(cases).sort((a, b) => {
    const [ma, ua] = a.split(" ") as [string, string];
    const [mb, ub] = b.split(" ") as [string, string];
    return ua === ub ? ma.localeCompare(mb) : ua.localeCompare(ub);
  });
  const routed = keys.filter((k) => !("public" in cases[k]!));
  const open = keys.filter((k) => "public" in cases[k]!);
  const cellCount = routed.length * PRINCIPALS.length;
  const lines = [
    "# Permission matrix",
    "",
    "<!-- Generated from test/permissions.db.test.ts and test/permissions/*.ts; do not edit.",
    "     Update: MOTCUA_UPDATE_MATRIX=1 npx vitest run test/permissions.db.test.ts -->",
    "",
    "Every registered route against every principal; each cell is asserted by",
    "`test/permissions.db.test.ts` on the embedded database and on PostgreSQL. The cases' resources",
    "live in Phường Thuận Hóa (46.19753). Columns: anonymous (`anon`), the citizen (`cit`), and each",
    "role granted at the own unit (`·o`, Thuận Hóa), another unit (`·x`, Phường Phú Xuân 46.19774)",
    "or the parent unit (`·p`, the province 46). Roles: `rec` receptionist, `spe` specialist,",
    "`lea` leader, `clk` clerk, `uad` unit_admin, `sup` supervisor, `sys` system_admin",
    "(supervisor and system_admin grants cover the units below; the others only their unit).",
    "",
    "✓ allowed (2xx); ✓409 allowed, and this request then conflicts (payments are off in the test",
    "configuration, the booking's slot has not started, the dossier is not returned yet); 401 not",
    "signed in; 404 the resource is hidden from the caller; 403 seen but the act is refused;",
    "400 the body names a unit the caller does not see.",
    "",
    `${routed.length} routes × ${PRINCIPALS.length} principals = ${cellCount} cells; ${open.length} public routes.`,
    "",
    `| Route | ${PRINCIPALS.map(column).join(" | ")} |`,
    `| --- | ${PRINCIPALS.map(() => ":-:").join(" | ")} |`,
  ];
  for (const key of routed) {
    const cells = expectedCells(key, cases[key] as RoutedCase);
    const c = cases[key] as RoutedCase;
    const row = PRINCIPALS.map((p) => {
      const s = cells.get(p)!;
      if (!(p in c.allow)) return String(s);
      return s >= 200 && s < 300 ? "✓" : `✓${s}`;
    });
    lines.push(`| \`${key}\` | ${row.join(" | ")} |`);
  }
  lines.push("", "## Public routes", "", "| Route | Why it is public |", "| --- | --- |");
  for (const key of open) lines.push(`| \`${key}\` | ${(cases[key] as { reason: string }).reason} |`);
  lines.push("", "Routes under `/docs` (the OpenAPI document and its viewer) are public too.", "");
  return lines.join("\n");
}
