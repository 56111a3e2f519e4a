// No hard-coded UI strings: every text a user can see or hear comes from the locale files.
// Scans web/src/**/*.tsx with the oxc parser (shipped with Vite's rolldown) for JSX text, string
// literals rendered as JSX children, and string values of user-facing props (in JSX attributes
// and in object literals such as table columns or menu items) that contain a letter.
// Also: the vi and en catalogs of every locale file have the same keys and the same {params}.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseSync } from "rolldown/utils";
import { describe, expect, it } from "vitest";

const webSrc = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webSrc, "../..");

/** Props whose string value is shown to the user or read out by assistive technology. */
const USER_PROPS = new Set([
  "title",
  "placeholder",
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "aria-valuetext",
  "alt",
  "label",
  "okText",
  "cancelText",
  "message",
  "description",
  "tooltip",
  "content",
  "extra",
  "help",
  "addonBefore",
  "addonAfter",
  "checkedChildren",
  "unCheckedChildren",
  "emptyText",
  "notFoundContent",
]);

/**
 * Strings that contain letters but are not language: brand, codes, units. Keep this short; a word
 * a user reads belongs in a locale file.
 */
const ALLOWED = new Set<string>(["motcua", "QR", "PDF", "ID", "CSV", "XLSX", "API"]);
/** Codes shown as examples, e.g. the number of a decision "123/QĐ-UBND" (same in every language). */
const ALLOWED_PATTERNS = [/^\d+\/[\p{Lu}-]+$/u];
/**
 * In object literals a camelCase word is a key or a discriminator (`{ kind: "done", message:
 * "uploaded" }` picks a message by key), not text.
 */
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

const hasLetter = (text: string) => /\p{L}/u.test(text);

/** Every message key of the Vietnamese catalogs: a literal that is one is a key, not text. */
const MESSAGE_KEYS = new Set(
  readdirSync(path.join(webSrc, "locales"))
    .filter((name) => name === "vi.json" || name.endsWith(".vi.json"))
    .flatMap((name) => [
      ...flatten(JSON.parse(readFileSync(path.join(webSrc, "locales", name), "utf8")) as Tree).keys(),
    ]),
);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "type" || key === "start" || key === "end") continue;
    if (Array.isArray(value)) out.push(...value.filter(isNode));
    else if (isNode(value)) out.push(value);
  }
  return out;
}

/** String literals an expression can evaluate to directly (literals, templates, ?:, ||, ??, &&). */
function stringsOf(node: Node | null | undefined): { text: string; at: number }[] {
  if (!node) return [];
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string" ? [{ text: node.value, at: node.start }] : [];
    case "TemplateLiteral":
      return (node.quasis as Node[]).map((q) => ({
        text: String(
          (q.value as { cooked?: string; raw: string }).cooked ?? (q.value as { raw: string }).raw,
        ),
        at: q.start,
      }));
    case "ConditionalExpression":
      return [...stringsOf(node.consequent as Node), ...stringsOf(node.alternate as Node)];
    case "LogicalExpression":
      return [...stringsOf(node.left as Node), ...stringsOf(node.right as Node)];
    case "JSXExpressionContainer":
      return stringsOf(node.expression as Node);
    case "ParenthesizedExpression":
    case "TSAsExpression":
      return stringsOf(node.expression as Node);
    default:
      return [];
  }
}

function propName(key: Node): string | undefined {
  if (key.type === "JSXIdentifier" || key.type === "Identifier") return String(key.name);
  if (key.type === "Literal" && typeof key.value === "string") return key.value;
  return undefined;
}

export function hardCodedStrings(file: string, source: string): string[] {
  const { program, errors } = parseSync(file, source, { lang: "tsx" });
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((e) => e.message).join("; ")}`);
  const lineOf = (offset: number) => source.slice(0, offset).split("\n").length;
  const found: string[] = [];
  const report = (text: string, at: number, what: string) => {
    const trimmed = text.trim();
    if (!hasLetter(trimmed) || ALLOWED.has(trimmed) || ALLOWED_PATTERNS.some((p) => p.test(trimmed))) return;
    if (what.startsWith("property") && IDENTIFIER.test(trimmed)) return;
    if (MESSAGE_KEYS.has(trimmed)) return;
    found.push(`${path.relative(repoRoot, file)}:${lineOf(at)} ${what}: ${JSON.stringify(trimmed)}`);
  };
  const visit = (node: Node) => {
    if (node.type === "JSXText") report(String(node.value), node.start, "JSX text");
    if (node.type === "JSXElement" || node.type === "JSXFragment") {
      for (const child of node.children as Node[]) {
        if (child.type === "JSXExpressionContainer") {
          for (const s of stringsOf(child)) report(s.text, s.at, "JSX child string");
        }
      }
    }
    if (node.type === "JSXAttribute") {
      const name = propName(node.name as Node);
      if (name && USER_PROPS.has(name)) {
        for (const s of stringsOf(node.value as Node)) report(s.text, s.at, `prop ${name}`);
      }
    }
    if (node.type === "Property" && !node.computed) {
      const name = propName(node.key as Node);
      if (name && USER_PROPS.has(name)) {
        for (const s of stringsOf(node.value as Node)) report(s.text, s.at, `property ${name}`);
      }
    }
    for (const child of children(node)) visit(child);
  };
  visit(program as unknown as Node);
  return found;
}

describe("no hard-coded UI strings", () => {
  it("the scanner finds JSX text, rendered literals and user-facing props (and ignores the rest)", () => {
    const sample = [
      "const a = <p>Xin chào</p>;",
      'const b = <input placeholder="Tìm kiếm" aria-label={"Search"} />;',
      'const c = <span>{ok ? "Yes" : t("no")}</span>;',
      'const d = [{ title: "Tên", dataIndex: "name" }, { kind: "done", message: "uploaded" }];',
      'const e = <p className="text-secondary" data-testid="hint">{t("x")} · 42</p>;',
      'const f = <img alt="" src="/logo.svg" />;',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal in the sample source
      "const g = <abbr title={`Mã ${code}`}>QR</abbr>;",
      'const h = <input placeholder="123/QĐ-UBND" />;',
      'const i = [{ id: "search", title: "kiosk.tiles.search" }];',
    ].join("\n");
    const found = hardCodedStrings(path.join(webSrc, "sample.tsx"), sample);
    expect(found).toEqual([
      'web/src/sample.tsx:1 JSX text: "Xin chào"',
      'web/src/sample.tsx:2 prop placeholder: "Tìm kiếm"',
      'web/src/sample.tsx:2 prop aria-label: "Search"',
      'web/src/sample.tsx:3 JSX child string: "Yes"',
      'web/src/sample.tsx:4 property title: "Tên"',
      'web/src/sample.tsx:7 prop title: "Mã"',
    ]);
  });

  it("web/src/**/*.tsx renders text only through the locale files", () => {
    const files = tsxFiles(webSrc);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) => hardCodedStrings(file, readFileSync(file, "utf8")));
    expect(found, `hard-coded UI strings (move them to web/src/locales):\n${found.join("\n")}`).toEqual([]);
  });
});

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else flatten(value, `${prefix}${key}.`, out);
  }
  return out;
}

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("locale catalogs", () => {
  const dir = path.join(webSrc, "locales");
  const viFiles = readdirSync(dir).filter((name) => name === "vi.json" || name.endsWith(".vi.json"));

  it("every Vietnamese catalog has an English twin", () => {
    expect(viFiles).toContain("vi.json");
    const missing = viFiles.filter(
      (name) => !readdirSync(dir).includes(name.replace(/vi\.json$/, "en.json")),
    );
    expect(missing).toEqual([]);
  });

  it.each(viFiles)(
    "%s and its English twin have the same keys, non-empty texts and the same {params}",
    (name) => {
      const vi = flatten(JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Tree);
      const en = flatten(
        JSON.parse(readFileSync(path.join(dir, name.replace(/vi\.json$/, "en.json")), "utf8")) as Tree,
      );
      const onlyVi = [...vi.keys()].filter((key) => !en.has(key));
      const onlyEn = [...en.keys()].filter((key) => !vi.has(key));
      expect({ onlyVi, onlyEn }).toEqual({ onlyVi: [], onlyEn: [] });
      const empty = [...vi, ...en].filter(([, text]) => text.trim() === "").map(([key]) => key);
      expect(empty).toEqual([]);
      const paramMismatch = [...vi.keys()].filter(
        (key) => JSON.stringify(params(vi.get(key) ?? "")) !== JSON.stringify(params(en.get(key) ?? "")),
      );
      expect(paramMismatch).toEqual([]);
    },
  );

  it("each area file has exactly one top-level key, named after the file", () => {
    for (const name of viFiles.filter((n) => n !== "vi.json")) {
      for (const lang of ["vi", "en"]) {
        const file = name.replace(/vi\.json$/, `${lang}.json`);
        const tree = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Tree;
        expect(Object.keys(tree), file).toEqual([name.replace(/\.vi\.json$/, "")]);
      }
    }
  });
});
