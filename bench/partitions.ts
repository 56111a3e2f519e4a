// Dossier history partitioned by year vs one plain table (issue #9), on PostgreSQL, side by side
// in one run: the same rows (ROWS events, default 50,000,000: YEARS years × dossiers × 6 events)
// in three tables shaped like dossier_events:
//   plain        one table, keys as before migration 0020: primary key (id), unique (dossier_id, seq)
//   plain+at     the same with an index on at (what one would add to read periods from it)
//   partitioned  PARTITION BY RANGE (at), one partition per Vietnam year, keys (id, at) and
//                (dossier_id, seq, at), as migration 0020
// Queries, each run RUNS times alternating the tables, median reported:
//   timeline   one dossier's events (the public lookup's timeline), 200 random dossiers
//   month      a month's events counted by command (what a recount or an archive reads)
//   year       a whole year's events counted by command
//   retire     removing the oldest year: DELETE vs DETACH PARTITION + DROP (in a transaction,
//              rolled back, so the run can be repeated)
// Run: npx tsx bench/partitions.ts   (ROWS, YEARS=10, RUNS=5, BENCH_PG_URL=postgres://postgres@127.0.0.1:5432,
//      KEEP=1 keeps the database and reuses it when it already holds ROWS rows)
import pg from "pg";

const ROWS = Number(process.env.ROWS ?? 50_000_000);
const YEARS = Number(process.env.YEARS ?? 10);
const RUNS = Number(process.env.RUNS ?? 5);
const BASE = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const DB = `motcua_bench_partitions_${ROWS}`;
const FIRST_YEAR = 2016;
const EVENTS_PER_DOSSIER = 6;
const dossiers = Math.ceil(ROWS / EVENTS_PER_DOSSIER);

const admin = new pg.Client({ connectionString: `${BASE}/postgres` });
await admin.connect();
const exists = (await admin.query("select 1 from pg_database where datname = $1", [DB])).rowCount === 1;
const client = new pg.Client({
  connectionString: `${BASE}/${DB}`,
  options: "-c TimeZone=UTC -c jit=off -c max_parallel_workers_per_gather=0 -c maintenance_work_mem=1GB",
});

const log = (s: string) => console.log(s);
const t0 = () => performance.now();
const ms = (since: number) => performance.now() - since;

async function generate() {
  if (exists) await admin.query(`drop database ${DB} with (force)`);
  await admin.query(`create database ${DB}`);
  await client.connect();
  const columns = `id bigint not null, dossier_id uuid not null, seq integer not null, at timestamptz not null,
    recorded_at timestamptz not null default now(), actor_label text not null, command text not null,
    from_state text, to_state text not null, unit_id uuid, note text`;
  await client.query(`create table ev_plain (${columns})`);
  const start = t0();
  // Dossiers spread over YEARS years; each has 6 events a few days apart.
  await client.query(
    `insert into ev_plain (id, dossier_id, seq, at, actor_label, command, from_state, to_state, unit_id)
     select (d - 1) * ${EVENTS_PER_DOSSIER} + s,
            md5('d' || d)::uuid,
            s,
            make_timestamptz(${FIRST_YEAR}, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')
              + ((d::float8 / ${dossiers}) * ${YEARS} * 365.25) * interval '1 day' + (s * 2) * interval '1 day',
            'Cán bộ ' || (d % 500),
            (array['receive','assign','forward','approve','sign','return'])[s],
            (array[null,'received','processing','processing','approved','signed'])[s],
            (array['received','processing','processing','approved','signed','returned'])[s],
            md5('u' || (d % 3300))::uuid
       from generate_series(1, ${dossiers}) d, generate_series(1, ${EVENTS_PER_DOSSIER}) s
      where (d - 1) * ${EVENTS_PER_DOSSIER} + s <= ${ROWS}`,
  );
  log(`generated ${ROWS.toLocaleString("en")} events in ${(ms(start) / 1000).toFixed(0)} s`);
  let s = t0();
  await client.query("alter table ev_plain add primary key (id)");
  await client.query("create unique index ev_plain_seq on ev_plain (dossier_id, seq)");
  log(`plain: keys in ${(ms(s) / 1000).toFixed(0)} s`);
  s = t0();
  await client.query(`create table ev_at (like ev_plain including all)`);
  await client.query(`insert into ev_at select * from ev_plain`);
  await client.query("create index ev_at_at on ev_at (at)");
  log(`plain+at: copy and keys in ${(ms(s) / 1000).toFixed(0)} s`);
  s = t0();
  await client.query(`create table ev_part (${columns}, primary key (id, at)) partition by range (at)`);
  await client.query("create unique index ev_part_seq on ev_part (dossier_id, seq, at)");
  for (let y = FIRST_YEAR; y <= FIRST_YEAR + YEARS; y++)
    await client.query(
      `create table ev_part_${y} partition of ev_part for values
         from (make_timestamptz(${y}, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')) to (make_timestamptz(${y + 1}, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh'))`,
    );
  await client.query("create table ev_part_default partition of ev_part default");
  await client.query(`insert into ev_part select * from ev_plain`);
  log(`partitioned: copy and keys in ${(ms(s) / 1000).toFixed(0)} s`);
  await client.query("vacuum analyze");
}

if (exists && process.env.KEEP === "1") {
  await client.connect();
  const { rows } = await client.query("select count(*)::bigint as n from ev_part");
  if (Number(rows[0].n) !== ROWS) await generate();
  else log(`reusing ${DB} (${ROWS.toLocaleString("en")} events)`);
} else await generate();

const sizes = await client.query(
  `select 'plain' as t, pg_total_relation_size('ev_plain') as b
   union all select 'plain+at', pg_total_relation_size('ev_at')
   union all select 'partitioned', sum(pg_total_relation_size(c.oid))::bigint from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'ev_part'::regclass`,
);
for (const r of sizes.rows) log(`size ${r.t.padEnd(12)} ${(Number(r.b) / 2 ** 30).toFixed(2)} GiB`);

const TABLES = ["ev_plain", "ev_at", "ev_part"] as const;
const NAMES: Record<(typeof TABLES)[number], string> = {
  ev_plain: "plain",
  ev_at: "plain+at",
  ev_part: "partitioned",
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function measure(name: string, run: (table: string, i: number) => Promise<unknown>) {
  const times: Record<string, number[]> = { ev_plain: [], ev_at: [], ev_part: [] };
  const answers: Record<string, string> = {};
  for (let i = 0; i < RUNS; i++)
    for (const table of i % 2 ? [...TABLES].reverse() : TABLES) {
      const s = t0();
      const out = await run(table, i);
      times[table]!.push(ms(s));
      answers[table] ??= JSON.stringify(out);
    }
  const same = new Set(Object.values(answers)).size === 1;
  const m = Object.fromEntries(TABLES.map((t) => [t, median(times[t]!)]));
  log(
    `${name.padEnd(9)} ${TABLES.map((t) => `${NAMES[t]} ${m[t]!.toFixed(1)} ms`).join(" | ")} | plain/partitioned ${(m.ev_plain! / m.ev_part!).toFixed(2)}×, plain+at/partitioned ${(m.ev_at! / m.ev_part!).toFixed(2)}× | same answers: ${same ? "yes" : "NO"}`,
  );
  return same;
}

const ids = Array.from({ length: 200 }, (_, i) => 1 + Math.floor(((i * 7919) % 200) * (dossiers / 200)));
const timeline = async (table: string) => {
  const counts: number[] = [];
  for (const d of ids)
    counts.push(
      (
        await client.query(
          `select seq, at, to_state from ${table} where dossier_id = md5('d' || $1::text)::uuid order by seq`,
          [d],
        )
      ).rowCount ?? 0,
    );
  return counts;
};
const midYear = FIRST_YEAR + Math.floor(YEARS / 2);
const month = (table: string) =>
  client
    .query(
      `select command, count(*)::int as n from ${table}
        where at >= make_timestamptz(${midYear}, 3, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh') and at < make_timestamptz(${midYear}, 4, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')
        group by command order by command`,
    )
    .then((r) => r.rows);
const year = (table: string) =>
  client
    .query(
      `select command, count(*)::int as n from ${table}
        where at >= make_timestamptz(${midYear}, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh') and at < make_timestamptz(${midYear + 1}, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')
        group by command order by command`,
    )
    .then((r) => r.rows);
const retire = async (table: string) => {
  await client.query("begin");
  try {
    if (table === "ev_part") {
      const n = (await client.query(`select count(*)::int as n from ev_part_${FIRST_YEAR}`)).rows[0].n;
      await client.query(`alter table ev_part detach partition ev_part_${FIRST_YEAR}`);
      await client.query(`drop table ev_part_${FIRST_YEAR}`);
      return n;
    }
    return (
      await client.query(
        `delete from ${table} where at < make_timestamptz(${FIRST_YEAR + 1}, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')`,
      )
    ).rowCount;
  } finally {
    await client.query("rollback");
  }
};

log(`\n${ROWS.toLocaleString("en")} events, ${YEARS} years, median of ${RUNS} runs (tables alternated):`);
let ok = true;
ok = (await measure("timeline", timeline)) && ok;
ok = (await measure("month", month)) && ok;
ok = (await measure("year", year)) && ok;
ok = (await measure("retire", retire)) && ok;

await client.end();
if (process.env.KEEP !== "1") await admin.query(`drop database ${DB} with (force)`);
await admin.end();
process.exit(ok ? 0 : 1);
