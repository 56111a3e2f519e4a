#!/usr/bin/env node
// Bundle budget of the public portal (`npm run check:bundle`, after `npm run build:web`).
// The initial JS of a page is what the browser must load before it can render it: the entry
// script of web/dist/index.html and everything it imports statically, transitively (Vite adds a
// modulepreload for each). A lazily loaded route adds its dynamic entry and that entry's static
// imports. Each file is gzipped at level 9, as a server or CDN would serve it.
// Fails (exit 1) when the portal home's initial JS exceeds the budget, or when any module from
// web/src/backoffice, antd or antd's style runtime is part of it (checked on the manifest's `src`
// names and on the module list of every chunk, written by the build to .vite/chunk-modules.json).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "web", "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const chunkModules = JSON.parse(readFileSync(join(dist, ".vite", "chunk-modules.json"), "utf8"));

/** Manifest keys reachable from `keys` through static imports (the keys themselves included). */
function staticClosure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return seen;
}

const gzipSizes = new Map();
function gzipSize(file) {
  let size = gzipSizes.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
    gzipSizes.set(file, size);
  }
  return size;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error("no entry in the manifest");

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The manifest key of the dynamic entry built from `src` (relative to web/, e.g. src/portal/HomePage.tsx). */
function dynamicEntry(src) {
  const key = Object.keys(manifest).find((k) => manifest[k].src === src && manifest[k].isDynamicEntry);
  if (key) return key;
  // Not split off: then the module must be in the entry's static closure.
  const inEntry = [...staticClosure([entryKey])].some((k) =>
    chunkModules[manifest[k].file]?.includes(`web/${src}`),
  );
  if (!inEntry) throw new Error(`${src} is neither a dynamic entry nor part of the entry`);
  return entryKey;
}

function initialJs(keys) {
  const chunks = [...staticClosure(keys)].map((key) => ({
    key,
    file: manifest[key].file,
    src: manifest[key].src,
    gzip: gzipSize(manifest[key].file),
  }));
  chunks.sort((a, b) => b.gzip - a.gzip);
  return { chunks, total: chunks.reduce((sum, c) => sum + c.gzip, 0) };
}

function print(title, { chunks, total }) {
  console.log(`\n${title}`);
  for (const c of chunks) console.log(`  ${kb(c.gzip).padStart(10)}  ${c.file}`);
  console.log(`  ${kb(total).padStart(10)}  total (gzip -9)`);
}

const home = initialJs([entryKey]);
print(`Portal "/" initial JS (entry ${manifest[entryKey].file}), budget ${BUDGET_KB} KB:`, home);

// For information: a procedure page and the back office (entry + their lazy chunks).
const pages = [
  ["/thu-tuc/:code", ["src/portal/catalog/ProcedurePage.tsx"]],
  ["/admin", ["src/backoffice/BackOffice.tsx"]],
];
for (const [path, sources] of pages) {
  print(`${path} initial JS (for information):`, initialJs([entryKey, ...sources.map(dynamicEntry)]));
}

const failures = [];
if (home.total > BUDGET_KB * 1024) {
  failures.push(`the portal's initial JS is ${kb(home.total)}, over the ${BUDGET_KB} KB budget`);
}
const isBackOffice = (id) => /^(web\/)?src\/backoffice\//.test(id.replaceAll("\\", "/"));
for (const c of home.chunks) {
  if (c.src && isBackOffice(c.src))
    failures.push(`back-office entry ${c.src} is in the initial set (${c.file})`);
  const modules = chunkModules[c.file];
  if (!modules) {
    failures.push(`no module list for ${c.file}`);
    continue;
  }
  for (const id of modules.filter(isBackOffice)) failures.push(`back-office module ${id} is in ${c.file}`);
  // The portal shell, home and procedure page render without antd (web/src/components/lite); antd
  // and its style runtime load with the pages that need them (lazyWithAntd).
  const antd = modules.filter((id) =>
    /node_modules\/(antd|@ant-design\/(cssinjs|icons)|@rc-component)\//.test(id),
  );
  if (antd.length > 0)
    failures.push(`antd modules in the initial set (${c.file}): ${antd.slice(0, 3).join(", ")}…`);
}

if (failures.length > 0) {
  console.error(`\nBundle check FAILED:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exit(1);
}
console.log(
  `\nBundle check ok: ${kb(home.total)} ≤ ${BUDGET_KB} KB, no back-office or antd code in the initial set.`,
);
