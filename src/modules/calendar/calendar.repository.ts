// Stored working calendars of units (insert-only versions; the latest is in force).
import { desc, eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { unitCalendars } from "../../db/schema.ts";
import { vietnamTodaySql } from "../../shared/dates.ts";

export async function insertUnitCalendar(
  tx: Executor,
  values: { unitId: string; config: unknown; note: string | null; createdBy: string },
) {
  await tx.insert(unitCalendars).values(values);
}

/** The latest calendar stored on the unit or its nearest ancestor, with the unit it came from. */
export async function findEffectiveCalendar(tx: Executor, unitId: string) {
  const rows = await queryRows<{ unit_id: string; unit_name: string; config: unknown; created_at: string }>(
    tx,
    sql`select c.unit_id, unit_name_at(c.unit_id, ${vietnamTodaySql}) as unit_name, c.config, c.created_at::text
        from unnest(unit_path(${unitId}::uuid)) with ordinality as p(id, depth)
        join lateral (select * from unit_calendars uc where uc.unit_id = p.id order by uc.created_at desc limit 1) c on true
        order by p.depth desc limit 1`,
  );
  return rows[0];
}

export async function calendarHistory(tx: Executor, unitId: string) {
  return tx
    .select({
      createdAt: unitCalendars.createdAt,
      note: unitCalendars.note,
      createdBy: unitCalendars.createdBy,
    })
    .from(unitCalendars)
    .where(eq(unitCalendars.unitId, unitId))
    .orderBy(desc(unitCalendars.createdAt))
    .limit(50);
}
