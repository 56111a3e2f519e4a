// Channel and service-mode figures, visits per dossier and satisfaction (issue #7 item 2) for a
// unit with its subtree and merged units over a period: how dossiers came in (online fully or
// partly, in person, by post; on the spot, by the mobile team, at home), how often applicants had
// to come (goal: never twice), and how satisfied they were, per unit and per official.

import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { periodInstants } from "../calendar/dates.ts";
import { share } from "../dashboard/dashboard.logic.ts";
import { authorizeReport, checkPeriod } from "./reports.service.ts";
import { addCounts, emptyCounts } from "./resolution.logic.ts";
import { reportUnits, sumsBySector } from "./resolution.repository.ts";

export type RatingDistribution = {
  rated: number;
  verySatisfied: number;
  satisfied: number;
  normal: number;
  dissatisfied: number;
  /** (very satisfied + satisfied) / rated, percent with one decimal; null when none rated. */
  satisfiedShare: number | null;
};

export function distribution(counts: Partial<Record<string, number>>): RatingDistribution {
  const d = {
    verySatisfied: counts.very_satisfied ?? 0,
    satisfied: counts.satisfied ?? 0,
    normal: counts.normal ?? 0,
    dissatisfied: counts.dissatisfied ?? 0,
  };
  const rated = d.verySatisfied + d.satisfied + d.normal + d.dissatisfied;
  return { rated, ...d, satisfiedShare: share(d.verySatisfied + d.satisfied, rated) };
}

/**
 * Visits a dossier cost its applicant: 1 for filing in person at a desk (0 online, by post, or
 * when the mobile team or a home visit came to them; an on-the-spot dossier is 1 in all), 1 for
 * each supplement handed in at the desk, 1 for collecting the result at the desk.
 */
const VISITS = sql`case when d.service_mode = 'on_the_spot' then 1 else
    (case when d.channel = 'in_person' and d.service_mode = 'desk' then 1 else 0 end)
    + (select count(*) from dossier_events e join users u on u.id = e.actor_user_id
        where e.dossier_id = d.id and e.command = 'resubmit' and u.kind = 'staff')
    + (case when d.return_method = 'in_person' then 1 else 0 end) end`;

async function visits(tx: Executor, units: string[], start: string, end: string) {
  const rows = await queryRows<{ visits: number; n: number }>(
    tx,
    sql`select least(v, 3)::int as visits, count(*)::int as n from (
          select ${VISITS} as v from dossiers d
          where d.handling_unit_id = any(${`{${units.join(",")}}`}::uuid[])
            and d.received_at >= ${start}::timestamptz and d.received_at < ${end}::timestamptz
            and d.state not in ('refused', 'withdrawn', 'stopped')
        ) x group by 1`,
  );
  const by = new Map(rows.map((r) => [Number(r.visits), Number(r.n)]));
  const zero = by.get(0) ?? 0;
  const one = by.get(1) ?? 0;
  const two = by.get(2) ?? 0;
  const threeOrMore = by.get(3) ?? 0;
  const dossiers = zero + one + two + threeOrMore;
  // "3 or more" counts as 3 in the average: a floor, said in the README.
  const average =
    dossiers > 0 ? Math.round(((one + 2 * two + 3 * threeOrMore) / dossiers) * 100) / 100 : null;
  return {
    dossiers,
    average,
    atMostOnce: share(zero + one, dossiers),
    distribution: { zero, one, two, threeOrMore },
  };
}

export async function satisfaction(tx: Executor, units: string[], start: string, end: string) {
  const unitList = `{${units.join(",")}}`;
  const rows = await queryRows<{ level: string; unit_id: string; official_id: string | null; n: number }>(
    tx,
    sql`select level, unit_id, official_id, count(*)::int as n from (
          select r.level, r.unit_id, r.official_id from dossier_ratings r join dossiers d on d.id = r.dossier_id
          where d.handling_unit_id = any(${unitList}::uuid[])
            and r.created_at >= ${start}::timestamptz and r.created_at < ${end}::timestamptz
          union all
          select h.rating, h.unit_id, null from historical_dossiers h
          where h.unit_id = any(${unitList}::uuid[]) and h.rating is not null
            and coalesce(h.returned_at, h.resolved_at) >= ${start}::timestamptz
            and coalesce(h.returned_at, h.resolved_at) < ${end}::timestamptz
        ) x group by level, unit_id, official_id`,
  );
  const total: Record<string, number> = {};
  const byUnit = new Map<string, Record<string, number>>();
  const byOfficial = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const n = Number(r.n);
    total[r.level] = (total[r.level] ?? 0) + n;
    const u = byUnit.get(r.unit_id) ?? {};
    u[r.level] = (u[r.level] ?? 0) + n;
    byUnit.set(r.unit_id, u);
    if (r.official_id) {
      const o = byOfficial.get(r.official_id) ?? {};
      o[r.level] = (o[r.level] ?? 0) + n;
      byOfficial.set(r.official_id, o);
    }
  }
  const unitNames = await queryRows<{ id: string; code: string; name: string }>(
    tx,
    sql`select id, code, unit_name_at(id, ${end.slice(0, 10)}::date) as name from org_units
        where id = any(${`{${[...byUnit.keys()].join(",")}}`}::uuid[])`,
  );
  const officials = await queryRows<{ id: string; full_name: string }>(
    tx,
    sql`select id, full_name from users where id = any(${`{${[...byOfficial.keys()].join(",")}}`}::uuid[])`,
  );
  const units_ = new Map(unitNames.map((u) => [u.id, u]));
  const names = new Map(officials.map((o) => [o.id, o.full_name]));
  const bySize = (a: RatingDistribution, b: RatingDistribution) => b.rated - a.rated;
  return {
    total: distribution(total),
    byUnit: [...byUnit]
      .map(([id, counts]) => ({
        unit: { id, code: units_.get(id)?.code ?? "", name: units_.get(id)?.name ?? "" },
        ...distribution(counts),
      }))
      .sort(bySize),
    byOfficial: [...byOfficial]
      .map(([id, counts]) => ({ official: { id, name: names.get(id) ?? "" }, ...distribution(counts) }))
      .sort(bySize),
  };
}

export async function serviceFigures(ctx: Ctx, q: { unit: string; from: string; to: string }) {
  const unit = await authorizeReport(ctx, q.unit);
  checkPeriod(q.from, q.to);
  const units = await reportUnits(ctx.tx, unit.id);
  const { start, end } = periodInstants(q.from, q.to);
  const sums = await sumsBySector(ctx.tx, { id: unit.id, units }, { flows: { from: q.from, to: q.to } });
  const f = emptyCounts();
  for (const counts of sums.get("flows")?.values() ?? []) addCounts(f, counts);
  const received = f.rcv_online_full + f.rcv_online_partial + f.rcv_in_person + f.rcv_postal;
  ctx.audit.details = { from: q.from, to: q.to, unit: unit.code };
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, units: units.length },
    from: q.from,
    to: q.to,
    channels: {
      received,
      onlineFull: f.rcv_online_full,
      onlinePartial: f.rcv_online_partial,
      inPerson: f.rcv_in_person,
      postal: f.rcv_postal,
      shares: {
        online: share(f.rcv_online_full + f.rcv_online_partial, received),
        onlineFull: share(f.rcv_online_full, received),
        onlinePartial: share(f.rcv_online_partial, received),
        inPerson: share(f.rcv_in_person, received),
        postal: share(f.rcv_postal, received),
      },
    },
    serviceModes: {
      onTheSpot: f.mode_on_the_spot,
      mobileTeam: f.mode_mobile_team,
      atHome: f.mode_at_home,
      shares: {
        onTheSpot: share(f.mode_on_the_spot, received),
        mobileTeam: share(f.mode_mobile_team, received),
        atHome: share(f.mode_at_home, received),
      },
    },
    visits: await visits(ctx.tx, units, start, end),
    satisfaction: await satisfaction(ctx.tx, units, start, end),
  };
}
