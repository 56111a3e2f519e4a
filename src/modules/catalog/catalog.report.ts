// Catalog report (spec §10): procedures in force per level and sector on a date, with the
// share offered online, by post and on the spot; and how many were added, amended and
// abolished in a period (by effective date).
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { inForceOn } from "./catalog.search.ts";

type InForceRow = {
  level: string;
  sector: string;
  total: string | number;
  fully_online: string | number;
  partly_online: string | number;
  postal: string | number;
  on_the_spot: string | number;
};
type ChangeRow = {
  sector: string;
  added: string | number;
  amended: string | number;
  abolished: string | number;
};

export async function catalogReport(tx: Executor, q: { at: string; from: string; to: string }) {
  const inForce = await queryRows<InForceRow>(
    tx,
    sql`select lvl as level, c.sector, count(*) as total,
          count(*) filter (where c.online = 'fully') as fully_online,
          count(*) filter (where c.online = 'partly') as partly_online,
          count(*) filter (where c.postal) as postal,
          count(*) filter (where c.on_the_spot) as on_the_spot
        from catalog_search c cross join lateral unnest(c.levels) as lvl
        where ${inForceOn(q.at)}
        group by lvl, c.sector
        order by case lvl when 'province' then 0 when 'district' then 1 else 2 end, c.sector`,
  );
  const changes = await queryRows<ChangeRow>(
    tx,
    sql`select v.sector,
          count(*) filter (where v.change = 'added') as added,
          count(*) filter (where v.change = 'amended') as amended,
          count(*) filter (where v.change = 'abolished') as abolished
        from procedure_versions v
        where v.effective_from between ${q.from}::date and ${q.to}::date
        group by v.sector order by v.sector`,
  );
  // Totals count each procedure once, whatever the number of levels it applies at.
  const [distinct] = await queryRows<InForceRow>(
    tx,
    sql`select count(*) as total,
          count(*) filter (where c.online = 'fully') as fully_online,
          count(*) filter (where c.online = 'partly') as partly_online,
          count(*) filter (where c.postal) as postal,
          count(*) filter (where c.on_the_spot) as on_the_spot
        from catalog_search c where ${inForceOn(q.at)}`,
  );
  const n = (v: string | number) => Number(v);
  const inForceRows = inForce.map((r) => ({
    level: r.level,
    sector: r.sector,
    total: n(r.total),
    fullyOnline: n(r.fully_online),
    partlyOnline: n(r.partly_online),
    postal: n(r.postal),
    onTheSpot: n(r.on_the_spot),
  }));
  const changeRows = changes.map((r) => ({
    sector: r.sector,
    added: n(r.added),
    amended: n(r.amended),
    abolished: n(r.abolished),
  }));
  const sum = <T>(rows: T[], k: keyof T) => rows.reduce((a, r) => a + (r[k] as number), 0);
  return {
    ...q,
    inForce: inForceRows,
    changes: changeRows,
    totals: {
      inForce: n(distinct?.total ?? 0),
      fullyOnline: n(distinct?.fully_online ?? 0),
      partlyOnline: n(distinct?.partly_online ?? 0),
      postal: n(distinct?.postal ?? 0),
      onTheSpot: n(distinct?.on_the_spot ?? 0),
      added: sum(changeRows, "added"),
      amended: sum(changeRows, "amended"),
      abolished: sum(changeRows, "abolished"),
    },
  };
}
