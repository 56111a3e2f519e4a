// Typed queries for dossier ratings. The table is insert-only and keyed by the dossier:
// a second rating of the same dossier inserts nothing (the primary key decides, even under races).
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { dossierRatings } from "../../db/schema.portal.ts";
import { dossierEvents } from "../../db/schema.ts";

export type RatingRow = typeof dossierRatings.$inferSelect;
export type NewRating = typeof dossierRatings.$inferInsert;

export async function findRating(tx: Executor, dossierId: string): Promise<RatingRow | undefined> {
  const rows = await tx.select().from(dossierRatings).where(eq(dossierRatings.dossierId, dossierId)).limit(1);
  return rows[0];
}

/** Insert a rating; undefined when the dossier already has one. */
export async function insertRating(tx: Executor, values: NewRating): Promise<RatingRow | undefined> {
  const rows = await tx.insert(dossierRatings).values(values).onConflictDoNothing().returning();
  return rows[0];
}

/** The official who handed the result over: the actor of the dossier's latest `return_result` event. */
export async function returningOfficial(tx: Executor, dossierId: string): Promise<string | null> {
  const rows = await tx
    .select({ actor: dossierEvents.actorUserId })
    .from(dossierEvents)
    .where(and(eq(dossierEvents.dossierId, dossierId), eq(dossierEvents.command, "return_result")))
    .orderBy(desc(dossierEvents.seq))
    .limit(1);
  return rows[0]?.actor ?? null;
}
