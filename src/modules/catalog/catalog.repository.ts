// Typed queries for procedures, their versions and decisions. "In force on D" = the latest
// version with effective_from <= D (ties broken by version number) whose change is not "abolished".
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { procedureDecisions, procedures, procedureVersions, unitProcedures } from "../../db/schema.ts";
import { vietnamTodaySql } from "../../shared/dates.ts";
import type { ChangeKind, ProcedureRecord } from "./catalog.schemas.ts";

export async function findProcedureByCode(tx: Executor, code: string) {
  const rows = await tx.select().from(procedures).where(eq(procedures.code, code)).limit(1);
  return rows[0];
}

export async function insertProcedure(tx: Executor, code: string) {
  const rows = await tx.insert(procedures).values({ code }).returning({ id: procedures.id });
  return rows[0]!.id;
}

/** The latest version on or before `at` (abolished or not), or undefined. */
export async function versionAt(tx: Executor, procedureId: string, at: string) {
  const rows = await tx
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), lte(procedureVersions.effectiveFrom, at)))
    .orderBy(desc(procedureVersions.effectiveFrom), desc(procedureVersions.version))
    .limit(1);
  return rows[0];
}

export async function nextVersionNumber(tx: Executor, procedureId: string): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(
    tx,
    sql`select coalesce(max(version), 0) + 1 as n from procedure_versions where procedure_id = ${procedureId}`,
  );
  return Number(rows[0]!.n);
}

export async function insertDecision(tx: Executor, values: typeof procedureDecisions.$inferInsert) {
  const rows = await tx.insert(procedureDecisions).values(values).returning({ id: procedureDecisions.id });
  return rows[0]!.id;
}

export async function findDecision(tx: Executor, issuerUnitId: string | null, number: string) {
  const rows = await tx
    .select()
    .from(procedureDecisions)
    .where(
      and(
        eq(procedureDecisions.number, number),
        issuerUnitId
          ? eq(procedureDecisions.issuerUnitId, issuerUnitId)
          : sql`${procedureDecisions.issuerUnitId} is null`,
      ),
    )
    .limit(1);
  return rows[0];
}

export async function deleteDecision(tx: Executor, id: string) {
  await tx.delete(procedureDecisions).where(eq(procedureDecisions.id, id));
}

/** Columns kept beside the JSON record so that search and reports need no JSON parsing. */
export function versionColumns(record: ProcedureRecord) {
  return {
    name: record.name,
    sector: record.sector,
    levels: record.levels,
    online: record.channels.online,
    postal: record.channels.postal,
    inPerson: record.channels.inPerson,
    deadlineKind: record.deadline.kind,
    deadlineValue: record.deadline.value,
    hasFee: record.fees.some((f) => (f.amountVnd ?? 0) > 0 || (f.amountVnd == null && f.note != null)),
    record,
  };
}

export async function insertVersion(
  tx: Executor,
  v: {
    procedureId: string;
    version: number;
    decisionId: string;
    change: ChangeKind;
    effectiveFrom: string;
    record: ProcedureRecord;
  },
) {
  await tx.insert(procedureVersions).values({
    procedureId: v.procedureId,
    version: v.version,
    decisionId: v.decisionId,
    change: v.change,
    effectiveFrom: v.effectiveFrom,
    ...versionColumns(v.record),
  });
}

export async function history(tx: Executor, procedureId: string) {
  return tx
    .select({
      version: procedureVersions.version,
      change: procedureVersions.change,
      effectiveFrom: procedureVersions.effectiveFrom,
      decisionNumber: procedureDecisions.number,
      decisionSignedOn: procedureDecisions.signedOn,
      name: procedureVersions.name,
    })
    .from(procedureVersions)
    .innerJoin(procedureDecisions, eq(procedureDecisions.id, procedureVersions.decisionId))
    .where(eq(procedureVersions.procedureId, procedureId))
    .orderBy(asc(procedureVersions.effectiveFrom), asc(procedureVersions.version));
}

export async function decisionNumber(tx: Executor, decisionId: string) {
  const rows = await tx
    .select({ number: procedureDecisions.number })
    .from(procedureDecisions)
    .where(eq(procedureDecisions.id, decisionId));
  return rows[0]?.number ?? "";
}

export async function unitsServing(tx: Executor, procedureId: string) {
  return queryRows<{ id: string; code: string; name: string }>(
    tx,
    sql`select u.id, u.code, unit_name_at(u.id, ${vietnamTodaySql}) as name
        from unit_procedures up join org_units u on u.id = up.unit_id
        where up.procedure_id = ${procedureId} order by u.code`,
  );
}

export async function upsertUnitProcedure(
  tx: Executor,
  values: {
    unitId: string;
    procedureId: string;
    localNotes: string | null;
    receptionAddress: string | null;
    addedBy: string;
  },
) {
  await tx
    .insert(unitProcedures)
    .values(values)
    .onConflictDoUpdate({
      target: [unitProcedures.unitId, unitProcedures.procedureId],
      set: { localNotes: values.localNotes, receptionAddress: values.receptionAddress },
    });
}

export async function deleteUnitProcedure(tx: Executor, unitId: string, procedureId: string) {
  const rows = await tx
    .delete(unitProcedures)
    .where(and(eq(unitProcedures.unitId, unitId), eq(unitProcedures.procedureId, procedureId)))
    .returning({ unitId: unitProcedures.unitId });
  return rows.length > 0;
}

/** Procedures a unit serves that are in force on `at`, with their fees, for the desk listing. */
export async function unitListingRows(tx: Executor, unitId: string, at: string) {
  return queryRows<{
    code: string;
    name: string;
    sector: string;
    deadline_kind: string;
    deadline_value: string | number | null;
    deadline_note: string | null;
    fees: { name: string; amountVnd: number | null; note: string | null }[] | null;
    online: "fully" | "partly" | "none";
    postal: boolean;
  }>(
    tx,
    sql`select c.code, c.name, c.sector, c.deadline_kind, c.deadline_value, c.deadline_note,
               v.record->'fees' as fees, c.online, c.postal
        from unit_procedures up
        join catalog_search c on c.procedure_id = up.procedure_id
          and c.valid_from <= ${at}::date and (c.valid_to is null or c.valid_to > ${at}::date)
        join procedure_versions v on v.id = c.version_id
        where up.unit_id = ${unitId}
        order by c.sector, c.code`,
  );
}

export async function sectorsInForce(tx: Executor, at: string) {
  const rows = await queryRows<{ sector: string; count: string | number }>(
    tx,
    sql`select c.sector, count(*) as count from catalog_search c
        where c.valid_from <= ${at}::date and (c.valid_to is null or c.valid_to > ${at}::date)
        group by c.sector order by c.sector`,
  );
  return rows.map((r) => ({ sector: r.sector, count: Number(r.count) }));
}

/** Every procedure a unit has chosen, with its local details, including ones no longer in force. */
export async function unitProcedureList(tx: Executor, unitId: string, at: string) {
  return queryRows<{
    code: string;
    name: string;
    sector: string;
    deadline_kind: "working_days" | "working_hours" | "same_day" | "calendar_days";
    deadline_value: string | number | null;
    deadline_note: string | null;
    in_force: boolean;
    local_notes: string | null;
    reception_address: string | null;
  }>(
    tx,
    sql`select p.code, v.name, v.sector, v.deadline_kind, v.deadline_value, v.record->'deadline'->>'note' as deadline_note,
               v.change <> 'abolished' as in_force, up.local_notes, up.reception_address
        from unit_procedures up
        join procedures p on p.id = up.procedure_id
        join lateral (select * from procedure_versions pv where pv.procedure_id = p.id and pv.effective_from <= ${at}::date
                      order by pv.effective_from desc, pv.version desc limit 1) v on true
        where up.unit_id = ${unitId}
        order by p.code`,
  );
}
