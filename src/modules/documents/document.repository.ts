// Typed queries for documents. Rows are inserted, never updated (a trigger refuses updates).
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { documents } from "../../db/schema.ts";

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentWithUploader = DocumentRow & { uploaderName: string | null };

type RawRow = {
  id: string;
  dossier_id: string | null;
  owner_user_id: string | null;
  kind: DocumentRow["kind"];
  name: string;
  content_type: string;
  size: string | number;
  sha256: string;
  reused_from: string | null;
  uploaded_by: string | null;
  signed: boolean;
  signature: unknown;
  created_at: string | Date;
  uploader_name: string | null;
};

const fromRaw = (r: RawRow): DocumentWithUploader => ({
  id: r.id,
  dossierId: r.dossier_id,
  ownerUserId: r.owner_user_id,
  kind: r.kind,
  name: r.name,
  contentType: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  reusedFrom: r.reused_from,
  uploadedBy: r.uploaded_by,
  signed: r.signed,
  signature: r.signature,
  createdAt: new Date(r.created_at).toISOString(),
  uploaderName: r.uploader_name,
});

const select = sql`select d.*, u.full_name as uploader_name from documents d left join users u on u.id = d.uploaded_by`;

export async function insertDocument(
  tx: Executor,
  values: typeof documents.$inferInsert,
): Promise<DocumentWithUploader> {
  const [row] = await tx.insert(documents).values(values).returning({ id: documents.id });
  return (await findDocument(tx, row!.id))!;
}

export async function findDocument(tx: Executor, id: string): Promise<DocumentWithUploader | undefined> {
  const rows = await queryRows<RawRow>(tx, sql`${select} where d.id = ${id}`);
  return rows[0] && fromRaw(rows[0]);
}

export async function listByDossier(tx: Executor, dossierId: string): Promise<DocumentWithUploader[]> {
  const rows = await queryRows<RawRow>(
    tx,
    sql`${select} where d.dossier_id = ${dossierId} order by d.created_at, d.id`,
  );
  return rows.map(fromRaw);
}

export async function resultsOf(tx: Executor, dossierId: string): Promise<DocumentWithUploader[]> {
  const rows = await queryRows<RawRow>(
    tx,
    sql`${select} where d.dossier_id = ${dossierId} and d.kind = 'result' order by d.created_at, d.id`,
  );
  return rows.map(fromRaw);
}

/** The same content already attached to a dossier as a submitted document. */
export async function findAttached(tx: Executor, dossierId: string, sha256: string) {
  const rows = await queryRows<RawRow>(
    tx,
    sql`${select} where d.dossier_id = ${dossierId} and d.sha256 = ${sha256} and d.kind = 'submitted'
        order by d.created_at limit 1`,
  );
  return rows[0] && fromRaw(rows[0]);
}

/**
 * A citizen's document store: each distinct file once (the original row, not its re-uses),
 * newest first, with the dossier it came from.
 */
export async function listByOwner(tx: Executor, userId: string, page: number, pageSize: number) {
  const rows = await queryRows<
    RawRow & { dossier_code: string | null; procedure_name: string | null; total: number | string }
  >(
    tx,
    sql`with mine as (
          select distinct on (d.sha256) d.*
          from documents d where d.owner_user_id = ${userId}
          order by d.sha256, (d.reused_from is null) desc, d.created_at)
        select m.*, u.full_name as uploader_name, x.code as dossier_code, v.name as procedure_name,
               count(*) over () as total
        from mine m
        left join users u on u.id = m.uploaded_by
        left join dossiers x on x.id = m.dossier_id
        left join procedure_versions v on v.id = x.procedure_version_id
        order by m.created_at desc, m.id
        limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  return {
    items: rows.map((r) => ({ ...fromRaw(r), dossierCode: r.dossier_code, procedureName: r.procedure_name })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** The result motcua issued with exactly these bytes, if any. */
export async function findIssuedResult(tx: Executor, sha256: string) {
  const rows = await queryRows<{ id: string; code: string | null; created_at: string | Date }>(
    tx,
    sql`select d.id, x.code, d.created_at from documents d join dossiers x on x.id = d.dossier_id
        where d.sha256 = ${sha256} and d.kind = 'result' order by d.created_at limit 1`,
  );
  const r = rows[0];
  return r && { id: r.id, dossierCode: r.code, issuedAt: new Date(r.created_at).toISOString() };
}

export async function countDocuments(tx: Executor): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(tx, sql`select count(*) as n from documents`);
  return Number(rows[0]!.n);
}
