// Catalog search over a generated catalog of 6,000 procedures, on the embedded database and on
// PostgreSQL, side by side in one run: p50/p95 of the real search (word index over the
// unaccented names in catalog_search, ranking, in-force check, count, typo fallbacks) against
// plain scans over the same rows (procedure_versions with the in-force check):
//   - ILIKE on unaccent(name) computed per row (the same diacritics-free semantics, no index);
//   - ILIKE on the raw name (what a naive implementation does; misses diacritics-free queries).
// Run: npx tsx bench/catalog-search.ts   (BENCH_PG_URL to change the server; SIZE, ROUNDS)
import { sql } from "drizzle-orm";
import { type Database, openDatabase, queryRows } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { searchQuery } from "../src/modules/catalog/catalog.schemas.ts";
import { searchProcedures } from "../src/modules/catalog/catalog.search.ts";

const SIZE = Number(process.env.SIZE ?? 6000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PG_BASE = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const P95_TARGET_MS = 30;

const actions = [
  "Cấp",
  "Cấp lại",
  "Cấp đổi",
  "Gia hạn",
  "Điều chỉnh",
  "Đăng ký",
  "Đăng ký lại",
  "Thu hồi",
  "Xác nhận",
  "Công nhận",
  "Thẩm định",
  "Phê duyệt",
];
const objects = [
  "giấy phép xây dựng",
  "giấy chứng nhận quyền sử dụng đất",
  "khai sinh",
  "kết hôn",
  "khai tử",
  "tạm trú",
  "thường trú",
  "hộ kinh doanh",
  "giấy phép lái xe",
  "chứng chỉ hành nghề y",
  "giấy phép lao động",
  "bản sao từ bản chính",
  "chữ ký",
  "hợp đồng giao dịch",
  "di chúc",
  "văn bản thừa kế",
  "giấy xác nhận tình trạng hôn nhân",
  "trợ cấp xã hội",
  "người có công",
  "phương án sử dụng đất",
  "giấy phép kinh doanh vận tải",
  "giấy phép môi trường",
  "giấy phép khai thác nước",
  "hồ sơ thuế",
];
const qualifiers = [
  "",
  "cho tổ chức",
  "cho cá nhân",
  "có yếu tố nước ngoài",
  "công trình cấp III, IV",
  "lưu động",
  "trực tuyến",
  "tại cấp xã",
  "tại cấp tỉnh",
  "trường hợp bị mất",
  "trường hợp hư hỏng",
  "đối với nhà ở riêng lẻ",
];
const sectors = [
  "Hộ tịch",
  "Chứng thực",
  "Cư trú",
  "Đất đai",
  "Xây dựng",
  "Kinh doanh",
  "Giao thông",
  "Y tế",
  "Lao động",
  "Môi trường",
  "Thuế",
  "Bảo trợ xã hội",
];

const queries = [
  "dang ky khai sinh",
  "khai sinh",
  "chung thuc ban sao",
  "giay phep xay dung",
  "cap lai giay phep lai xe",
  "dang ky ket hon co yeu to nuoc ngoai",
  "tam tru",
  "ho kinh doanh",
  "giay phep lao dong",
  "tro cap xa hoi",
  "giay phep xay dumg",
  "chung chi hanh nghe y",
  "quyen su dung dat",
  "di chuc",
  "thu hoi giay phep",
];

async function generate(db: Database) {
  await db.db.execute(
    sql`insert into procedure_decisions (number, signed_on, effective_from) values ('BENCH', '2025-06-01', '2025-07-01')`,
  );
  const rows: string[] = [];
  for (let i = 0; i < SIZE; i++) {
    const name = [
      actions[i % actions.length],
      objects[Math.floor(i / actions.length) % objects.length],
      qualifiers[Math.floor(i / 7) % qualifiers.length],
    ]
      .filter(Boolean)
      .join(" ");
    const code = `${1 + (i % 2)}.${String(100000 + i).padStart(6, "0")}`;
    const sector = sectors[i % sectors.length]!;
    rows.push(`('${code}', '${name.replace(/'/g, "''")} (${i})', '${sector}')`);
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await db.db.execute(
      sql.raw(`with src(code, name, sector) as (values ${rows.slice(i, i + 1000).join(",")}),
        ins as (insert into procedures (code) select code from src returning id, code)
        insert into procedure_versions (procedure_id, version, decision_id, change, effective_from, name, sector, levels,
          online, postal, in_person, deadline_kind, deadline_value, has_fee, record)
        select ins.id, 1, (select id from procedure_decisions where number = 'BENCH'), 'added', '2025-07-01', src.name, src.sector,
          array['commune'], 'partly', true, true, 'working_days', 3, false, '{}'::jsonb
        from ins join src using (code)`),
    );
  }
  // A tenth of them amended later: the in-force check has real work to do.
  await db.db.execute(sql`insert into procedure_versions (procedure_id, version, decision_id, change, effective_from, name, sector, levels,
      online, postal, in_person, deadline_kind, deadline_value, has_fee, record)
    select procedure_id, 2, decision_id, 'amended', '2026-01-01', name, sector, levels, 'fully', postal, in_person, deadline_kind, 2, has_fee, record
    from procedure_versions where version = 1 and random() < 0.1`);
  await db.db.execute(sql`analyze`);
}

function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function time(fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function measure(db: Database) {
  const search: number[] = [];
  const unaccentScan: number[] = [];
  const rawScan: number[] = [];
  const scan = (expr: string, q: string) =>
    queryRows(
      db.db,
      sql`select p.code, v.name from procedure_versions v join procedures p on p.id = v.procedure_id
          where v.effective_from <= current_date and v.change <> 'abolished'
            and not exists (select 1 from procedure_versions w where w.procedure_id = v.procedure_id
              and w.effective_from <= current_date and (w.effective_from, w.version) > (v.effective_from, v.version))
            and ${sql.raw(expr)} ilike ${`%${q}%`}
          order by v.name limit 20`,
    );
  const results = new Map<string, string>();
  for (const q of queries) {
    const r = await searchProcedures(db.db, searchQuery.parse({ q })); // warm-up, and the results to compare
    results.set(q, `${r.total}:${r.items.map((i) => i.code).join(",")}`);
  }
  const perQuery = new Map<string, number[]>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of queries) {
      const ms = await time(() => searchProcedures(db.db, searchQuery.parse({ q })));
      search.push(ms);
      perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
      unaccentScan.push(await time(() => scan("unaccent(v.name)", q)));
      rawScan.push(await time(() => scan("v.name", q)));
    }
  }
  if (process.env.BENCH_VERBOSE) {
    for (const [q, xs] of perQuery)
      console.log(`    ${q.padEnd(40)} median ${percentile(xs, 50).toFixed(1)} ms`);
  }
  return { search, unaccentScan, rawScan, results };
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(6)} ms`;
async function run(label: string, db: Database) {
  await migrate(db);
  const t0 = performance.now();
  await generate(db);
  const gen = performance.now() - t0;
  const m = await measure(db);
  const p = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
  const s = p(m.search);
  const u = p(m.unaccentScan);
  const r = p(m.rawScan);
  console.log(
    `\n${label}: ${SIZE} procedures generated in ${(gen / 1000).toFixed(1)} s; ${m.search.length} searches each`,
  );
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const ratios = (xs: number[], ys: number[]) =>
    `same queries: ${(total(ys) / total(xs)).toFixed(1)}× in total time, ${(percentile(ys, 50) / percentile(xs, 50)).toFixed(1)}× at p50, ${(percentile(ys, 95) / percentile(xs, 95)).toFixed(1)}× at p95`;
  console.log(`  search (word index, ranked, counted)      p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}`);
  console.log(
    `  scan: ILIKE on unaccent(name) per row     p50 ${fmt(u.p50)}  p95 ${fmt(u.p95)}   ${ratios(m.search, m.unaccentScan)}`,
  );
  console.log(
    `  scan: ILIKE on raw name                    p50 ${fmt(r.p50)}  p95 ${fmt(r.p95)}   ${ratios(m.search, m.rawScan)}`,
  );
  // The ratio judged is total time over the same query set: the work a server does for the
  // same traffic. p50 and p95 ratios are printed beside it.
  return { p95: s.p95, ratio: total(m.unaccentScan) / total(m.search), results: m.results };
}

const results: { label: string; p95: number; ratio: number; results: Map<string, string> }[] = [];
const embedded = await openDatabase({ dataDir: "memory://" });
try {
  results.push({ label: "embedded (PGlite)", ...(await run("embedded (PGlite)", embedded)) });
} finally {
  await embedded.close();
}

const dbName = `motcua_bench_search_${process.pid}`;
const admin = await openDatabase({ databaseUrl: `${PG_BASE}/postgres`, poolSize: 1 });
await admin.db.execute(sql.raw(`create database ${dbName}`));
const pg = await openDatabase({ databaseUrl: `${PG_BASE}/${dbName}`, poolSize: 2 });
try {
  results.push({ label: "PostgreSQL", ...(await run("PostgreSQL", pg)) });
} finally {
  await pg.close();
  if (process.env.BENCH_KEEP) console.log(`kept database ${dbName}`);
  else await admin.db.execute(sql.raw(`drop database ${dbName} with (force)`));
  await admin.close();
}

let ok = true;
console.log("");
if (results.length === 2) {
  // Same generated rows (amendments change no name), same ranking: totals and first pages must match.
  const differing = queries.filter((q) => results[0]!.results.get(q) !== results[1]!.results.get(q));
  console.log(
    `same results (total and first page) on both databases: ${differing.length === 0 ? "yes" : `no (${differing.join("; ")})`}`,
  );
  ok &&= differing.length === 0;
}
for (const r of results) {
  const pass = r.p95 < P95_TARGET_MS && r.ratio >= 5;
  ok &&= pass;
  console.log(
    `${pass ? "PASS" : "FAIL"}: ${r.label}: search p95 ${r.p95.toFixed(1)} ms (target < ${P95_TARGET_MS}), ${r.ratio.toFixed(1)}× less total time than the unaccent scan (target ≥ 5×)`,
  );
}
process.exitCode = ok ? 0 : 1;
