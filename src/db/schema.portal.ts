// Tables of the portal and back-office services added with e-forms and ratings (issue #6).
// Kept apart from schema.ts, which holds the core tables; drizzle-kit reads both.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { dossiers, orgUnits, procedureVersions, users } from "./schema.ts";

/**
 * An application form (e-form) of a procedure version: a JSON Schema plus a UI layout. Built
 * by a unit's administrator for the unit's subtree; each save is a new revision (insert-only).
 * The form in force for a dossier at unit U is the latest revision of the nearest ancestor of U
 * (U included) that has one for the procedure version.
 */
export const eforms = pgTable(
  "eforms",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    procedureVersionId: uuid("procedure_version_id")
      .notNull()
      .references(() => procedureVersions.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    revision: integer("revision").notNull(),
    title: text("title").notNull(),
    schema: jsonb("schema").notNull(),
    ui: jsonb("ui").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("eforms_revision_key").on(t.procedureVersionId, t.unitId, t.revision),
    check("eforms_revision_check", sql`${t.revision} >= 1`),
    check("eforms_title_check", sql`length(btrim(${t.title})) between 1 and 300`),
    check("eforms_schema_check", sql`jsonb_typeof(${t.schema}) = 'object'`),
  ],
);

export const RATING_LEVELS = ["very_satisfied", "satisfied", "normal", "dissatisfied"] as const;
export const RATING_CHANNELS = ["portal", "link", "desk"] as const;

/** The applicant's satisfaction with a returned dossier: one per dossier, never changed. */
export const dossierRatings = pgTable(
  "dossier_ratings",
  {
    dossierId: uuid("dossier_id")
      .primaryKey()
      .references(() => dossiers.id),
    level: text("level", { enum: RATING_LEVELS }).notNull(),
    reasons: text("reasons").array().notNull().default(sql`'{}'::text[]`),
    comment: text("comment"),
    channel: text("channel", { enum: RATING_CHANNELS }).notNull(),
    ratedBy: uuid("rated_by").references(() => users.id),
    /** The official who served the dossier at the desk, and the desk's unit (for desk/official figures). */
    officialId: uuid("official_id").references(() => users.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    index("dossier_ratings_unit_idx").on(t.unitId, t.createdAt),
    check(
      "dossier_ratings_level_check",
      sql`${t.level} in ('very_satisfied','satisfied','normal','dissatisfied')`,
    ),
    check("dossier_ratings_channel_check", sql`${t.channel} in ('portal','link','desk')`),
    check("dossier_ratings_comment_check", sql`${t.comment} is null or length(${t.comment}) <= 2000`),
  ],
);
