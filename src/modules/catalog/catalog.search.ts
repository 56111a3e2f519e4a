// Public catalog search: diacritics-free (f_unaccent), typo-tolerant (pg_trgm word similarity
// over a trigram index), filtered by sector, level, channel and unit, paged. Ranking: names that
// contain the query as typed first, then by word similarity, then closer whole-name similarity
// (so "khai sinh" puts "Đăng ký khai sinh" before longer names that merely contain it).
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { inForceAt } from "./catalog.repository.ts";
import type { SearchQuery } from "./catalog.schemas.ts";

/** Minimum word similarity for a fuzzy match (pg_trgm's default 0.6 misses common typos). */
export const WORD_SIMILARITY_THRESHOLD = 0.45;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const today = () => new Date().toISOString().slice(0, 10);

type Row = {
  code: string;
  name: string;
  sector: string;
  levels: string[] | string;
  online: "fully" | "partly" | "none";
  postal: boolean;
  deadline_kind: "working_days" | "working_hours" | "same_day" | "calendar_days";
  deadline_value: string | number | null;
  deadline_note: string | null;
  has_fee: boolean;
  version: number;
  effective_from: string;
  total: string | number;
};

const channelFilter: Record<NonNullable<SearchQuery["channel"]>, SQL> = {
  in_person: sql`v.in_person`,
  fully_online: sql`v.online = 'fully'`,
  partly_online: sql`v.online = 'partly'`,
  online: sql`v.online <> 'none'`,
  postal: sql`v.postal`,
};

export const parsePgArray = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, "")
        .split(",")
        .filter(Boolean)
        .map((s) => s.replace(/^"|"$/g, ""));

export async function searchProcedures(tx: Executor, q: SearchQuery) {
  const at = q.at ?? today();
  const where: SQL[] = [inForceAt(at)];
  if (q.sector) where.push(sql`v.sector = ${q.sector}`);
  if (q.level) where.push(sql`${q.level} = any(v.levels)`);
  if (q.channel) where.push(channelFilter[q.channel]);
  if (q.unitId) {
    where.push(
      sql`exists (select 1 from unit_procedures up where up.procedure_id = v.procedure_id and up.unit_id = ${q.unitId})`,
    );
  }
  const term = q.q?.trim();
  let rank: SQL = sql`0`;
  if (term && /^[0-9][0-9.]*$/.test(term)) {
    where.push(sql`p.code like ${`${escapeLike(term)}%`}`);
  } else if (term) {
    where.push(
      sql`(v.search_name like '%' || (select t from term) || '%' or (select t from term) <% v.search_name)`,
    );
    rank = sql`(v.search_name like '%' || (select t from term) || '%')::int * 2
      + word_similarity((select t from term), v.search_name) + similarity((select t from term), v.search_name)`;
  }
  const order =
    q.sort === "code"
      ? sql`p.code`
      : q.sort === "name"
        ? sql`v.search_name, p.code`
        : sql`rank desc, length(v.name), p.code`;
  const query = sql`
    with term as (select f_unaccent(${escapeLike(term ?? "")}) as t)
    select p.code, v.name, v.sector, v.levels, v.online, v.postal, v.deadline_kind, v.deadline_value,
           v.record->'deadline'->>'note' as deadline_note, v.has_fee, v.version, v.effective_from::text as effective_from,
           ${rank} as rank, count(*) over () as total
    from procedure_versions v join procedures p on p.id = v.procedure_id
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;

  const run = async (t: Executor) => {
    await t.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`,
    );
    return queryRows<Row>(t, query);
  };
  const rows = await tx.transaction(run);
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      sector: r.sector,
      levels: parsePgArray(r.levels),
      online: r.online,
      postal: r.postal,
      deadline: {
        kind: r.deadline_kind,
        value: r.deadline_value == null ? null : Number(r.deadline_value),
        note: r.deadline_note,
      },
      hasFee: r.has_fee,
      version: r.version,
      effectiveFrom: r.effective_from,
    })),
    total: Number(rows[0]?.total ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}
