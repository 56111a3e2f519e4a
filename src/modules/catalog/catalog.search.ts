// Public catalog search over catalog_search (one row per span in which a version is in force,
// maintained by trigger). Diacritics-free: names and queries go through f_unaccent; words are
// matched with a 'simple' tsvector index (Vietnamese words are space-separated syllables).
// Typo-tolerant: unknown words are corrected against the catalog's own vocabulary (levenshtein).
// Filtered by sector, level, channel and unit; paged. Ranking uses only cheap expressions, so
// a search costs little more than its index look-up (see bench/catalog-search.ts).
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { vietnamDate } from "../../shared/dates.ts";
import type { SearchQuery } from "./catalog.schemas.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

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
  in_person: sql`c.in_person`,
  fully_online: sql`c.online = 'fully'`,
  partly_online: sql`c.online = 'partly'`,
  online: sql`c.online <> 'none'`,
  postal: sql`c.postal`,
};

/** SQL fragment: the catalog_search row `c` is in force on `at`. */
export const inForceOn = (at: string): SQL =>
  sql`c.valid_from <= ${at}::date and (c.valid_to is null or c.valid_to > ${at}::date)`;

export const parsePgArray = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, "")
        .split(",")
        .filter(Boolean)
        .map((s) => s.replace(/^"|"$/g, ""));

/**
 * Up to three passes, each only when the one before finds nothing:
 * 1. strict: every word of the query is a word of the unaccented name (the last one also as a
 *    prefix, so results follow typing); names with the words together in order first, then
 *    shorter names (fewer words beyond the query: more specific);
 * 2. corrected: mistyped words replaced by the nearest word of the catalog's vocabulary, then
 *    as 1; the response says which query was used (`correctedQuery`);
 * 3. partial: at least 60 % of the words appear; more words first, then shorter names.
 */
export async function searchProcedures(tx: Executor, q: SearchQuery) {
  const where: SQL[] = [inForceOn(q.at ?? vietnamDate())];
  if (q.sector) where.push(sql`c.sector = ${q.sector}`);
  if (q.level) where.push(sql`${q.level} = any(c.levels)`);
  if (q.channel) where.push(channelFilter[q.channel]);
  if (q.unitId) {
    where.push(
      sql`exists (select 1 from unit_procedures up where up.procedure_id = c.procedure_id and up.unit_id = ${q.unitId})`,
    );
  }
  const term = q.q?.trim();
  if (!term) return runSearch(tx, q, where, sql`0`);
  if (/^[0-9][0-9.]*$/.test(term))
    return runSearch(tx, q, [...where, sql`c.code like ${`${escapeLike(term)}%`}`], sql`0`);

  const words = searchWords(term);
  if (words.length === 0) return runSearch(tx, q, where, sql`0`);
  const strict = await runSearch(tx, q, [...where, matchAll(words)], phraseRank(words));
  if (strict.total > 0) return strict;

  const corrected = await correctWords(tx, words);
  if (corrected.join(" ") !== words.join(" ")) {
    const fixed = await runSearch(tx, q, [...where, matchAll(corrected)], phraseRank(corrected));
    if (fixed.total > 0) return { ...fixed, correctedQuery: corrected.join(" ") };
  }

  const distinct = [...new Set(corrected)];
  const needed = Math.max(1, Math.ceil(distinct.length * 0.6));
  // Query words present in the name = lexemes removed by ts_delete: one call per row.
  const hits = sql`(length(c.search_tsv) - length(ts_delete(c.search_tsv, ${sql.raw(textArray(distinct))})))`;
  const anyWord = sql`c.search_tsv @@ to_tsquery('simple', ${distinct.join(" | ")})`;
  return runSearch(tx, q, [...where, anyWord, sql`${hits} >= ${needed}`], hits);
}

/** A text[] literal; only for words from searchWords ([a-z0-9]+), which need no quoting. */
const textArray = (words: string[]) => `ARRAY[${words.map((w) => `'${w}'`).join(",")}]::text[]`;

/**
 * The query's words, unaccented the way f_unaccent does for Vietnamese (checked against the
 * database in catalog.search.db.test.ts): decompose, drop the combining marks, đ → d.
 */
export function searchWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every word, the last one also as a prefix. Words are [a-z0-9]+ only, so the tsquery is safe. */
const matchAll = (words: string[]) =>
  sql`c.search_tsv @@ to_tsquery('simple', ${words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" & ")})`;
/** 1 when the words stand together, in this order. */
const phraseRank = (words: string[]) =>
  sql`(c.search_tsv @@ to_tsquery('simple', ${words.join(" <-> ")}))::int`;

/**
 * Each word the vocabulary lacks becomes its nearest known word: edit distance 1 (2 for words
 * of 7 letters or more); shorter words and numbers are kept as typed. One query for all words.
 */
async function correctWords(tx: Executor, words: string[]): Promise<string[]> {
  // coalesce evaluates the scan only for words the vocabulary lacks (the first look-up is by key).
  const rows = await queryRows<{ i: number; word: string | null }>(
    tx,
    sql`select q.i, coalesce(
          (select k.word from catalog_words k where k.word = q.w),
          (select k.word from catalog_words k
            where length(q.w) >= 3 and q.w !~ '^[0-9]+$'
              and length(k.word) between length(q.w) - q.d and length(q.w) + q.d and levenshtein(k.word, q.w) <= q.d
            order by levenshtein(k.word, q.w), k.word limit 1)) as word
        from (select w, i::int as i, case when length(w) >= 7 then 2 else 1 end as d
              from unnest(${sql.raw(textArray(words))}) with ordinality as t(w, i)) q`,
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), r.word]));
  return words.map((w, i) => byIndex.get(i + 1) ?? w);
}

async function runSearch(tx: Executor, q: SearchQuery, where: SQL[], rank: SQL) {
  const order =
    q.sort === "code"
      ? sql`c.code`
      : q.sort === "name"
        ? sql`c.search_name, c.code`
        : sql`rank desc, length(c.name), c.code`;
  const rows = await queryRows<Row>(
    tx,
    sql`select c.code, c.name, c.sector, c.levels, c.online, c.postal, c.deadline_kind, c.deadline_value, c.deadline_note,
           c.has_fee, c.version, c.valid_from::text as effective_from, ${rank} as rank, count(*) over () as total
    from catalog_search c
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
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
