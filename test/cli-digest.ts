// A digest of a whole database's contents, to compare a restored copy with its original:
// per table its row count and the md5 of its rows' md5s in primary-key order, and every
// sequence's position. Used by test/cli.backup.db.test.ts and bench/restore-drill.ts.
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../src/db/client.ts";

export type TableDigest = { table: string; rows: number; md5: string };

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function databaseDigest(tx: Executor): Promise<{ tables: TableDigest[]; sequences: string[] }> {
  // Ordinary and partitioned tables (a partition's rows are read through its parent); their
  // primary-key columns in key order, or none (then the whole row's text orders them).
  const tables = await queryRows<{ name: string; pk: string[] | null }>(
    tx,
    sql`
    select c.relname as name,
           (select array_agg(a.attname::text order by k.i)
              from pg_index x
              cross join lateral unnest(x.indkey) with ordinality as k(attnum, i)
              join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
             where x.indrelid = c.oid and x.indisprimary) as pk
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`,
  );
  const out: TableDigest[] = [];
  for (const t of tables) {
    const order = t.pk?.length ? t.pk.map(quote).join(", ") : "r::text";
    const [d] = await queryRows<{ rows: string | number; md5: string }>(
      tx,
      sql.raw(
        `select count(*) as rows, md5(coalesce(string_agg(md5(r::text), '' order by ${order}), '')) as md5
           from ${quote(t.name)} r`,
      ),
    );
    out.push({ table: t.name, rows: Number(d!.rows), md5: d!.md5 });
  }
  const sequences = await queryRows<{ s: string }>(
    tx,
    sql`select sequencename || '=' || coalesce(last_value::text, 'unset') as s
          from pg_sequences where schemaname = 'public' order by sequencename`,
  );
  return { tables: out, sequences: sequences.map((s) => s.s) };
}
