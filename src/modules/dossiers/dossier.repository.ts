// Typed queries for dossiers, their events and the daily code counters.
import { and, asc, eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { blindIndexesOf } from "../../db/encrypted.ts";
import {
  dossierCodeCounters,
  dossierEvents,
  dossiers,
  processVersions,
  unitProcedures,
} from "../../db/schema.ts";
import { formInForceIdSql } from "../eforms/eform.repository.ts";
import { enqueueNationalStatus } from "../integrations/national-portal/national-portal.outbound.ts";

export type DossierRow = typeof dossiers.$inferSelect;
export type EventRow = typeof dossierEvents.$inferSelect;

export async function findDossier(tx: Executor, id: string): Promise<DossierRow | undefined> {
  const rows = await tx.select().from(dossiers).where(eq(dossiers.id, id)).limit(1);
  return rows[0];
}

export async function findDossierByCode(tx: Executor, code: string): Promise<DossierRow | undefined> {
  const rows = await tx.select().from(dossiers).where(eq(dossiers.code, code)).limit(1);
  return rows[0];
}

export async function events(tx: Executor, dossierId: string): Promise<EventRow[]> {
  return tx
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(asc(dossierEvents.seq));
}

/**
 * The receiving agency's e-identifier that starts dossier codes: the unit's one-stop agency
 * (its first internal agency by code, e.g. "000.19.753.H57"), or the unit code if it has none.
 */
export async function receivingAgencyIdentifier(tx: Executor, unitId: string): Promise<string> {
  const rows = await queryRows<{ code: string }>(
    tx,
    sql`select coalesce(
          (select a.code from agencies a where a.unit_id = ${unitId} and a.kind = 'internal' order by a.code limit 1),
          (select u.code from org_units u where u.id = ${unitId})) as code`,
  );
  return rows[0]!.code;
}

/** Next number of the receiving agency's daily sequence; the row lock serializes receptions. */
export async function nextCodeSequence(tx: Executor, prefix: string, day: string): Promise<number> {
  const rows = await tx
    .insert(dossierCodeCounters)
    .values({ prefix, day, last: 1 })
    .onConflictDoUpdate({
      target: [dossierCodeCounters.prefix, dossierCodeCounters.day],
      set: { last: sql`${dossierCodeCounters.last} + 1` },
    })
    .returning({ last: dossierCodeCounters.last });
  return rows[0]!.last;
}

/**
 * A dossier's applicant as a raw SQL read returns it (queryRows skips the column type), with its
 * idNumber and phone decrypted.
 */
export function decodeApplicant<T = Record<string, unknown>>(stored: unknown): T {
  return dossiers.applicant.mapFromDriverValue(stored as string) as T;
}

export async function insertDossier(tx: Executor, values: typeof dossiers.$inferInsert): Promise<DossierRow> {
  const rows = await tx.insert(dossiers).values(values).returning();
  return rows[0]!;
}

/** Update guarded by the version the caller read; undefined when someone else got there first. */
export async function updateDossier(
  tx: Executor,
  id: string,
  expectedVersion: number,
  values: Partial<typeof dossiers.$inferInsert>,
): Promise<DossierRow | undefined> {
  const rows = await tx
    .update(dossiers)
    .set({ ...values, version: expectedVersion + 1, updatedAt: sql`now()` })
    .where(and(eq(dossiers.id, id), eq(dossiers.version, expectedVersion)))
    .returning();
  return rows[0];
}

/**
 * The one place dossier events are written. A dossier that came from the national portal gets
 * its status message (with the event's seq) in the outbox in the same transaction.
 */
export async function insertEvent(
  tx: Executor,
  values: typeof dossierEvents.$inferInsert,
  dossier: { nationalCode: string | null },
): Promise<void> {
  await tx.insert(dossierEvents).values(values);
  // Only dossiers from the portal pay for the status message (no round trip for the others).
  if (dossier.nationalCode) await enqueueNationalStatus(tx, values);
}

/**
 * Whether the handling unit serves the procedure and, in the same round trip, the id of the
 * e-form in force at the receiving unit for the version (null when there is none).
 */
export async function servesProcedure(
  tx: Executor,
  q: { handlingUnitId: string; procedureId: string; versionId: string; unitId: string },
): Promise<{ serves: boolean; eformId: string | null }> {
  const rows = await queryRows<{ serves: boolean; eform_id: string | null }>(
    tx,
    sql`select exists(select 1 from ${unitProcedures}
                       where unit_id = ${q.handlingUnitId}::uuid and procedure_id = ${q.procedureId}::uuid) as serves,
               ${formInForceIdSql(q.versionId, q.unitId)} as eform_id`,
  );
  return { serves: !!rows[0]?.serves, eformId: rows[0]?.eform_id ?? null };
}

/** The e-form in force for a dossier's version at its receiving unit (when a draft is submitted). */
export async function formInForceId(tx: Executor, versionId: string, unitId: string): Promise<string | null> {
  const rows = await queryRows<{ id: string | null }>(
    tx,
    sql`select ${formInForceIdSql(versionId, unitId)} as id`,
  );
  return rows[0]?.id ?? null;
}

/** The citizen account an assisted applicant has: same e-mail (case-insensitive) or phone. */
export async function citizenAccountOf(
  tx: Executor,
  contact: { email: string | null; phone: string | null },
): Promise<string | null> {
  if (!contact.email && !contact.phone) return null;
  // users.phone is encrypted: the phone is matched by its blind index (every index key).
  const phoneIndexes = `{${contact.phone ? blindIndexesOf("phone", contact.phone).join(",") : ""}}`;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from users
         where kind = 'citizen' and disabled_at is null
           and (lower(email) = lower(${contact.email}::text) or phone_bidx = any(${phoneIndexes}::text[]))
         order by (lower(email) = lower(${contact.email}::text)) is true desc, created_at limit 1`,
  );
  return rows[0]?.id ?? null;
}

/** The internal process approved for the unit at an instant (the latest created by then). */
export async function processAt(tx: Executor, procedureId: string, unitId: string, at: string) {
  const rows = await tx
    .select()
    .from(processVersions)
    .where(
      and(
        eq(processVersions.procedureId, procedureId),
        eq(processVersions.unitId, unitId),
        sql`${processVersions.createdAt} <= ${at}::timestamptz`,
      ),
    )
    .orderBy(sql`${processVersions.version} desc`)
    .limit(1);
  return rows[0];
}

export type Names = {
  unit_code: string;
  unit_name: string;
  handling_code: string;
  handling_name: string;
  procedure_code: string;
  procedure_name: string;
  procedure_version: number;
  on_the_spot: boolean;
  agency_name: string | null;
  parent_name: string | null;
  eform_title: string | null;
  eform_revision: number | null;
  eform_schema: unknown;
  eform_ui: unknown;
  assisted_by_name: string | null;
};

/** Display names for a dossier, as of its reception (or today for drafts). */
export async function names(tx: Executor, d: DossierRow): Promise<Names> {
  const at = d.receivedAt ?? d.createdAt;
  const rows = await queryRows<Names>(
    tx,
    sql`select u.code as unit_code,
               unit_name_at(u.id, (${at}::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date) as unit_name,
               h.code as handling_code,
               unit_name_at(h.id, (${at}::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date) as handling_name,
               p.code as procedure_code, v.name as procedure_name, v.version as procedure_version,
               coalesce((v.record->>'onTheSpot')::boolean, false) as on_the_spot,
               a.name as agency_name,
               (select unit_name_at(pu.id, (${at}::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date)
                  from org_units pu where pu.id = u.parent_id) as parent_name,
               e.title as eform_title, e.revision as eform_revision, e.schema as eform_schema, e.ui as eform_ui,
               ab.full_name as assisted_by_name
        from org_units u, org_units h, procedures p, procedure_versions v
        left join agencies a on a.id = ${d.transferAgencyId}::uuid
        left join eforms e on e.id = ${d.eformId}::uuid
        left join users ab on ab.id = ${d.assistedBy}::uuid
        where u.id = ${d.unitId} and h.id = ${d.handlingUnitId}
          and p.id = ${d.procedureId} and v.id = ${d.procedureVersionId}`,
  );
  return rows[0]!;
}
