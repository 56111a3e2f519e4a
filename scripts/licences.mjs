// The licences of everything we ship: every package of the installed production tree
// (`npm ls --omit=dev --all`), its version and its licence, written to docs/licences.md.
// Fails (exit 1) when a licence is missing or outside the allowlist of licences that can be
// combined with ours (AGPL-3.0-or-later). `--check` writes nothing and also fails when
// docs/licences.md is not what this script would write (for CI).
// Run: npm run licences   |   npm run licences -- --check
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(root, "docs/licences.md");
const check = process.argv.includes("--check");

// Licences whose code may be combined with AGPL-3.0-or-later code and distributed under it:
// permissive ones and the GNU v3 family. (GPL-2.0-only, SSPL, proprietary and the like are not.)
const ALLOWED = new Set([
  "0BSD",
  "AGPL-3.0-or-later",
  "Apache-2.0",
  "BlueOak-1.0.0",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "CC0-1.0",
  "GPL-3.0-or-later",
  "ISC",
  "LGPL-3.0-or-later",
  "MIT",
  "MIT-0",
  "Unlicense",
  "Zlib",
  // Fonts (the PDFs' Tinos): shipped and embedded as data, not linked as code; the OFL allows
  // bundling with any software and embedding in documents.
  "OFL-1.1",
]);
// Old spellings in package.json files, as SPDX.
const ALIASES = { "MIT/X11": "MIT", "Apache 2.0": "Apache-2.0" };

/** Does an SPDX expression allow us? OR: one side suffices; AND: both sides are needed. */
function allowed(expression) {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const primary = () => {
    const t = tokens[i++];
    if (t === "(") {
      const v = or();
      i++; // ")"
      return v;
    }
    // "X WITH exception": an exception only adds permissions.
    if (tokens[i] === "WITH") i += 2;
    return ALLOWED.has(ALIASES[t] ?? t);
  };
  const and = () => {
    let v = primary();
    while (tokens[i] === "AND") {
      i++;
      v = primary() && v;
    }
    return v;
  };
  const or = () => {
    let v = and();
    while (tokens[i] === "OR") {
      i++;
      v = and() || v;
    }
    return v;
  };
  return tokens.length > 0 && or() && i === tokens.length;
}

/** The licence a package declares, or one read from its licence file when it declares none. */
function licenceOf(dir, pkg) {
  if (typeof pkg.license === "string") return { licence: pkg.license, source: "package.json" };
  if (pkg.license?.type) return { licence: pkg.license.type, source: "package.json" };
  if (Array.isArray(pkg.licenses) && pkg.licenses.length)
    return { licence: pkg.licenses.map((l) => l.type ?? l).join(" OR "), source: "package.json" };
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  if (!file) return { licence: null, source: null };
  const text = readFileSync(path.join(dir, file), "utf8").slice(0, 2000);
  // Only texts recognised without doubt; anything else stays missing and is looked at by a person.
  if (/Permission is hereby granted, free of charge/.test(text) && /MIT/i.test(text))
    return { licence: "MIT", source: file };
  if (/Permission to use, copy, modify, and\/or distribute this software/.test(text))
    return { licence: "ISC", source: file };
  if (/Apache License[\s\S]*Version 2\.0/.test(text)) return { licence: "Apache-2.0", source: file };
  return { licence: null, source: null };
}

function productionPackages() {
  let out;
  try {
    out = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    // npm ls exits 1 on a problem in the tree (extraneous, invalid) but still lists it.
    out = err.stdout ?? "";
  }
  const dirs = out.split("\n").filter((d) => d && path.resolve(d) !== root);
  if (dirs.length === 0) throw new Error("npm ls listed no production packages: is node_modules installed?");
  const byKey = new Map();
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    const key = `${pkg.name}@${pkg.version}`;
    if (!byKey.has(key)) byKey.set(key, { name: pkg.name, version: pkg.version, ...licenceOf(dir, pkg) });
  }
  return [...byKey.values()].sort((a, b) =>
    a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1,
  );
}

const packages = productionPackages();
const refused = packages.filter((p) => !p.licence || !allowed(p.licence));
const ours = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).license;
const counts = new Map();
for (const p of packages) counts.set(p.licence ?? "none", (counts.get(p.licence ?? "none") ?? 0) + 1);

const cell = (s) => s.replaceAll("|", "\\|");
const markdown = `# Licences of the production dependencies

Generated by \`npm run licences\` from the installed production tree (\`npm ls --omit=dev --all\`);
do not edit by hand. CI runs \`npm run licences -- --check\`, which fails when this file is out of
date, when a package declares no licence, or when a licence is not one we can combine with ours
(${ours}): ${[...ALLOWED].join(", ")}. An SPDX \`OR\` needs one of its sides allowed, \`AND\` both.

${packages.length} packages: ${[...counts]
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .map(([l, n]) => `${l} ${n}`)
  .join(", ")}.

| Package | Version | Licence |
| ------- | ------- | ------- |
${packages
  .map(
    (p) =>
      `| ${cell(p.name)} | ${cell(p.version)} | ${p.licence ? cell(p.licence) : "**none declared**"}${
        p.source && p.source !== "package.json" ? ` (from its ${cell(p.source)} file)` : ""
      }${p.licence && !allowed(p.licence) ? " **not allowed**" : ""} |`,
  )
  .join("\n")}
`;

let failed = false;
for (const p of refused) {
  failed = true;
  console.error(
    p.licence
      ? `LICENCE NOT ALLOWED: ${p.name}@${p.version} is ${p.licence}`
      : `NO LICENCE: ${p.name}@${p.version} declares none (package.json, LICENSE file)`,
  );
}
if (check) {
  const current = existsSync(OUT) ? readFileSync(OUT, "utf8") : "";
  if (current !== markdown) {
    failed = true;
    console.error(`${path.relative(root, OUT)} is out of date: run npm run licences and commit it.`);
  } else console.log(`${path.relative(root, OUT)} is up to date (${packages.length} packages).`);
} else {
  writeFileSync(OUT, markdown);
  console.log(`${path.relative(root, OUT)}: ${packages.length} packages written.`);
}
if (failed) console.error(`FAIL: ${refused.length} package(s) with a licence problem, see above.`);
else console.log("PASS: every production dependency has an allowed licence.");
process.exitCode = failed ? 1 : 0;
