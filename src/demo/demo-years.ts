// Years of demo history for the reports, the service index and the transparency page: dossiers
// of earlier months stored as imported history (historical_dossiers, the same path as
// `npx motcua import dossiers`), so they feed every report exactly as live ones do.
// Before 2025-07-01 they belong to the district-era communes (merged into today's wards, which
// the reports roll up through their successor links); from then on to today's wards. The last
// 90 days are left to the live demo history (demo-history.ts). Deterministic: the same years
// and the same day give the same rows; rows already there are skipped (codes are unique).
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/client.ts";
import { toIsoDate } from "../modules/calendar/dates.ts";
import {
  type HistoricalOutcome,
  type HistoricalRating,
  type HistoricalRow,
  insertHistoricalBatch,
} from "../modules/reports/historical.ts";
import type { Channel, ServiceMode } from "../modules/reports/resolution.logic.ts";

const DAY = 86_400_000;
const REFORM = Date.parse("2025-07-01T00:00:00+07:00");
/** Units before and after the two-level reform, with their monthly volume. */
const BEFORE = [
  { code: "46.19891", perMonth: 55 },
  { code: "46.19894", perMonth: 30 },
  { code: "46.19897", perMonth: 35 },
  { code: "46.19906", perMonth: 25 },
];
const AFTER = [
  { code: "46.19753", perMonth: 70 },
  { code: "46.19774", perMonth: 60 },
  { code: "46.19900", perMonth: 80 },
  { code: "46.19918", perMonth: 40 },
  { code: "46.20002", perMonth: 25 },
];

/** A small deterministic generator (same seed, same history). */
function generator(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r <= 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** "46.19891" → "000.19.891.H57": the receiving agency identifier the codes start with. */
const agencyPrefix = (unitCode: string) => {
  const digits = unitCode.split(".")[1] ?? "0";
  return `000.${digits.slice(0, 2)}.${digits.slice(2) || "0"}.H57`;
};

/**
 * The rows of `years` years of history ending 90 days before `today` (pure: no I/O). `units` and
 * `versions` come from the database (unit code → id; procedure versions with their sector and
 * deadline in days).
 */
export function demoYearRows(o: {
  years: number;
  today: Date;
  units: Map<string, string>;
  versions: { procedureId: string; versionId: string; sector: string; days: number }[];
}): HistoricalRow[] {
  const random = generator(20_250_701);
  const end = o.today.getTime() - 90 * DAY;
  const start = end - o.years * 365 * DAY;
  const rows: HistoricalRow[] = [];
  const sequence = new Map<string, number>();
  for (let month = start; month < end; month += 30 * DAY) {
    const era = month < REFORM ? BEFORE : AFTER;
    // Online filing grows over the years (about 20 % at the start, 65 % at the end).
    const progress = (month - start) / Math.max(end - start, 1);
    const online = 0.2 + 0.45 * progress;
    for (const unit of era) {
      const unitId = o.units.get(unit.code);
      if (!unitId) continue;
      for (let i = 0; i < unit.perMonth; i++) {
        const receivedAt = new Date(month + Math.floor(random() * 30 * DAY));
        // Office hours: 07:30–16:30 Vietnam time.
        const day = Date.parse(`${toIsoDate(receivedAt)}T07:30:00+07:00`);
        receivedAt.setTime(day + Math.floor(random() * 9 * 3_600_000));
        if (receivedAt.getTime() >= end) continue;
        const version = o.versions[Math.floor(random() * o.versions.length)]!;
        const channel: Channel = pick(random, [
          ["online_full", online * 0.55],
          ["online_partial", online * 0.45],
          ["postal", 0.03],
          ["in_person", 1 - online - 0.03],
        ]);
        const serviceMode: ServiceMode =
          channel === "in_person"
            ? pick(random, [
                ["desk", 0.95],
                ["mobile_team", 0.04],
                ["at_home", 0.01],
              ])
            : "desk";
        const dueAt = new Date(receivedAt.getTime() + Math.max(version.days, 1) * 1.4 * DAY);
        const outcome: HistoricalOutcome = pick(random, [
          ["returned", 0.95],
          ["withdrawn", 0.03],
          ["refused", 0.02],
        ]);
        // Most early, some on the due day, a few late (more of them in the early months).
        const fate = pick(random, [
          ["early", 0.74 + 0.1 * progress],
          ["on_time", 0.14],
          ["late", 0.12 - 0.1 * progress],
        ]);
        const span = dueAt.getTime() - receivedAt.getTime();
        const resolvedAt = new Date(
          fate === "early"
            ? receivedAt.getTime() + span * (0.15 + 0.6 * random())
            : fate === "on_time"
              ? Date.parse(`${toIsoDate(dueAt)}T00:00:00+07:00`) +
                Math.floor(random() * 8 * 3_600_000) +
                3_600_000
              : dueAt.getTime() + (1 + Math.floor(random() * 6)) * DAY,
        );
        if (fate === "on_time" && resolvedAt.getTime() > dueAt.getTime()) resolvedAt.setTime(dueAt.getTime());
        const closedAt = resolvedAt.getTime() > end ? null : resolvedAt;
        const returnedAt =
          closedAt && outcome === "returned" ? new Date(closedAt.getTime() + random() * DAY) : closedAt;
        const rating: HistoricalRating | null =
          outcome === "returned" && random() < 0.6
            ? pick(random, [
                ["very_satisfied", 0.55],
                ["satisfied", 0.3],
                ["normal", 0.1],
                ["dissatisfied", 0.05],
              ])
            : null;
        const prefix = `${agencyPrefix(unit.code)}-${toIsoDate(receivedAt).slice(2).replaceAll("-", "")}`;
        const n = (sequence.get(prefix) ?? 9000) + 1;
        sequence.set(prefix, n);
        rows.push({
          code: `${prefix}-${n}`,
          procedureId: version.procedureId,
          procedureVersionId: version.versionId,
          unitId,
          sector: version.sector,
          channel,
          serviceMode,
          receivedAt,
          dueAt,
          resolvedAt: closedAt,
          returnedAt: returnedAt && returnedAt.getTime() > end ? closedAt : returnedAt,
          outcome: closedAt ? outcome : "pending",
          rating: closedAt ? rating : null,
        });
      }
    }
  }
  return rows;
}

/** Writes `years` years of demo history (idempotent). Returns how many rows were new. */
export async function seedDemoYears(tx: Executor, years: number, today = new Date()): Promise<number> {
  if (years <= 0) return 0;
  const units = new Map(
    (await queryRows<{ id: string; code: string }>(tx, sql`select id, code from org_units`)).map((u) => [
      u.code,
      u.id,
    ]),
  );
  const versions = (
    await queryRows<{ procedure_id: string; id: string; sector: string; days: number | null }>(
      tx,
      sql`select distinct on (v.procedure_id) v.procedure_id, v.id,
            coalesce(nullif(btrim(v.record->>'sector'), ''), '—') as sector,
            case v.record #>> '{deadline,kind}'
              when 'same_day' then 1
              when 'working_hours' then nullif(v.record #>> '{deadline,value}', '')::numeric / 8
              else nullif(v.record #>> '{deadline,value}', '')::numeric end as days
          from procedure_versions v join procedures p on p.id = v.procedure_id
          where v.record->'levels' ? 'commune'
          order by v.procedure_id, v.effective_from desc`,
    )
  ).map((v) => ({
    procedureId: v.procedure_id,
    versionId: v.id,
    sector: v.sector,
    days: Math.min(Number(v.days ?? 5) || 5, 30),
  }));
  if (versions.length === 0) return 0;
  const rows = demoYearRows({ years, today, units, versions });
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    inserted += (await insertHistoricalBatch(tx, rows.slice(i, i + 5000), null)).inserted;
  }
  return inserted;
}
