// Typed queries for units' contact channels. Inheritance is one query over the unit's ancestor
// chain (unit_path: root first, the unit last): the nearest row wins.
import { eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { unitContacts } from "../../db/schema.frontdesk.ts";
import type { Contacts, ContactsInput } from "./contacts.schemas.ts";

export type EffectiveContacts = Contacts & {
  sourceId: string;
  sourceCode: string;
  sourceName: string;
  updatedAt: string;
};

export async function findOwn(tx: Executor, unitId: string) {
  const rows = await tx.select().from(unitContacts).where(eq(unitContacts.unitId, unitId)).limit(1);
  return rows[0];
}

/** The unit's own channels, else its nearest ancestor's; undefined when no unit up the tree has any. */
export async function findEffective(tx: Executor, unitId: string): Promise<EffectiveContacts | undefined> {
  const [row] = await queryRows<{
    hotline: string | null;
    email: string | null;
    zalo: string | null;
    facebook: string | null;
    address: string | null;
    source_id: string;
    source_code: string;
    source_name: string;
    updated_at: string;
  }>(
    tx,
    sql`select c.hotline, c.email, c.zalo, c.facebook, c.address, u.id as source_id, u.code as source_code,
          unit_name_at(u.id, (now() at time zone 'Asia/Ho_Chi_Minh')::date) as source_name, c.updated_at
        from unnest(unit_path(${unitId}::uuid)) with ordinality as p(id, depth)
        join unit_contacts c on c.unit_id = p.id
        join org_units u on u.id = p.id
        order by p.depth desc limit 1`,
  );
  if (!row) return undefined;
  return {
    hotline: row.hotline,
    email: row.email,
    zalo: row.zalo,
    facebook: row.facebook,
    address: row.address,
    sourceId: row.source_id,
    sourceCode: row.source_code,
    sourceName: row.source_name,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function upsert(tx: Executor, unitId: string, input: ContactsInput, userId: string, now: Date) {
  const values = { ...input, updatedBy: userId, updatedAt: now.toISOString() };
  const rows = await tx
    .insert(unitContacts)
    .values({ unitId, ...values })
    .onConflictDoUpdate({ target: unitContacts.unitId, set: values })
    .returning();
  return rows[0]!;
}

export async function remove(tx: Executor, unitId: string) {
  await tx.delete(unitContacts).where(eq(unitContacts.unitId, unitId));
}
