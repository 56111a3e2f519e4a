// Typed queries for the organisation tree, unit names and agencies.
import { and, asc, type Column, eq, gte, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { agencies, orgUnitNames, orgUnits } from "../../db/schema.ts";
import { vietnamTodaySql } from "../../shared/dates.ts";

/** SQL for a unit's current name (see the unit_name_at function). */
export const currentNameSql = (unitId: Column | SQL, at: string | null = null) =>
  sql<string>`unit_name_at(${unitId}, coalesce(${at}::date, ${vietnamTodaySql}))`;

const unitColumns = {
  id: orgUnits.id,
  code: orgUnits.code,
  name: currentNameSql(orgUnits.id),
  level: orgUnits.level,
  parentId: orgUnits.parentId,
  validFrom: orgUnits.validFrom,
  validTo: orgUnits.validTo,
  successorId: orgUnits.successorId,
};

export type UnitRow = {
  id: string;
  code: string;
  name: string;
  level: "province" | "district" | "commune";
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: string | null;
};

export async function listUnits(tx: Executor, opts: { at: string; history: boolean }): Promise<UnitRow[]> {
  const inForce = and(
    lte(orgUnits.validFrom, opts.at),
    or(isNull(orgUnits.validTo), gte(orgUnits.validTo, opts.at)),
  );
  return tx
    .select({ ...unitColumns, name: currentNameSql(orgUnits.id, opts.at) })
    .from(orgUnits)
    .where(opts.history ? undefined : inForce)
    .orderBy(asc(orgUnits.code));
}

export async function findUnit(tx: Executor, id: string): Promise<UnitRow | undefined> {
  const rows = await tx.select(unitColumns).from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
  return rows[0];
}

export async function findUnitByCode(tx: Executor, code: string): Promise<UnitRow | undefined> {
  const rows = await tx.select(unitColumns).from(orgUnits).where(eq(orgUnits.code, code)).limit(1);
  return rows[0];
}

/** Ancestor chain, root first and the unit last; empty when the unit does not exist. */
export async function unitPath(tx: Executor, id: string): Promise<string[]> {
  const rows = await queryRows<{ path: string[] | string }>(tx, sql`select unit_path(${id}::uuid) as path`);
  const path = rows[0]?.path ?? [];
  // node-postgres parses uuid[]; PGlite may return the array literal as text.
  return Array.isArray(path) ? path : path.replace(/[{}]/g, "").split(",").filter(Boolean);
}

export async function unitNames(tx: Executor, unitId: string) {
  return tx
    .select({
      name: orgUnitNames.name,
      validFrom: orgUnitNames.validFrom,
      decisionRef: orgUnitNames.decisionRef,
    })
    .from(orgUnitNames)
    .where(eq(orgUnitNames.unitId, unitId))
    .orderBy(asc(orgUnitNames.validFrom));
}

export async function insertUnit(tx: Executor, values: typeof orgUnits.$inferInsert) {
  const rows = await tx.insert(orgUnits).values(values).returning({ id: orgUnits.id });
  return rows[0]!.id;
}

export async function insertUnitName(tx: Executor, values: typeof orgUnitNames.$inferInsert) {
  await tx.insert(orgUnitNames).values(values);
}

export async function closeUnit(tx: Executor, id: string, validTo: string, successorId: string | null) {
  await tx.update(orgUnits).set({ validTo, successorId }).where(eq(orgUnits.id, id));
}

export async function listAgencies(tx: Executor, unitId: string) {
  return tx
    .select({ id: agencies.id, code: agencies.code, name: agencies.name, kind: agencies.kind })
    .from(agencies)
    .where(eq(agencies.unitId, unitId))
    .orderBy(asc(agencies.code));
}

export async function insertAgency(tx: Executor, values: typeof agencies.$inferInsert) {
  const rows = await tx
    .insert(agencies)
    .values(values)
    .returning({ id: agencies.id, code: agencies.code, name: agencies.name, kind: agencies.kind });
  return rows[0]!;
}

export async function findAgencyByCode(tx: Executor, code: string) {
  const rows = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code)).limit(1);
  return rows[0];
}

export async function rollupUnit(tx: Executor, unitId: string, at: string): Promise<string | undefined> {
  const rows = await queryRows<{ id: string | null }>(
    tx,
    sql`select unit_rollup_at(${unitId}::uuid, ${at}::date) as id`,
  );
  return rows[0]?.id ?? undefined;
}
