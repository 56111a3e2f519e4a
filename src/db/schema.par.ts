// Tables of the PAR index (Chỉ số cải cách hành chính, issue #7): yearly criteria sets issued by a
// unit for the units of one level below it, the criteria as a tree with maximum points, each
// unit's assessment (self-assessment, then appraisal by the higher level), its scores and the
// evidence files (bytes in the blob store, as documents). Kept apart from schema.ts; drizzle-kit
// reads it. Migration 0014_par_index also adds two triggers: criteria of a set with a submitted
// assessment are frozen, and at commit a set's top-level maximum points add up to 100, every
// parent exists and sub-criteria add up to their parent's maximum.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { PAR_AUTO_SOURCES, PAR_LEVELS, PAR_STATUSES } from "../modules/par/par.logic.ts";
import { orgUnits, users } from "./schema.ts";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));
const points = (name: string) => numeric(name, { precision: 6, scale: 2, mode: "number" });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

export const parCriteriaSets = pgTable(
  "par_criteria_sets",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** Who issued the criteria (e.g. the province's decision for its communes). */
    issuerUnitId: uuid("issuer_unit_id")
      .notNull()
      .references(() => orgUnits.id),
    year: integer("year").notNull(),
    /** The level of the units assessed with it: the issuer's descendants (or itself) of this level. */
    level: text("level", { enum: PAR_LEVELS }).notNull(),
    title: text("title").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: instant("created_at").notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("par_criteria_sets_issuer_year_level_key").on(t.issuerUnitId, t.year, t.level),
    check("par_criteria_sets_year", sql`${t.year} between 2000 and 2100`),
    check("par_criteria_sets_level", sql`${t.level} in (${inList(PAR_LEVELS)})`),
    check("par_criteria_sets_title", sql`length(btrim(${t.title})) > 0`),
  ],
);

export const parCriteria = pgTable(
  "par_criteria",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    setId: uuid("set_id")
      .notNull()
      .references(() => parCriteriaSets.id, { onDelete: "cascade" }),
    /** "3.2.1": unique in the set. */
    code: text("code").notNull(),
    /** Null for a top-level group. */
    parentCode: text("parent_code"),
    title: text("title").notNull(),
    titleEn: text("title_en"),
    maxPoints: points("max_points").notNull(),
    guidance: text("guidance"),
    autoSource: text("auto_source", { enum: PAR_AUTO_SOURCES }),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [
    uniqueIndex("par_criteria_set_code_key").on(t.setId, t.code),
    check("par_criteria_code", sql`${t.code} ~ '^[0-9]{1,3}(\\.[0-9]{1,3}){0,5}$'`),
    check("par_criteria_parent", sql`${t.parentCode} is null or ${t.parentCode} <> ${t.code}`),
    check("par_criteria_max_points", sql`${t.maxPoints} > 0 and ${t.maxPoints} <= 100`),
    check("par_criteria_title", sql`length(btrim(${t.title})) > 0`),
    check(
      "par_criteria_auto_source",
      sql`${t.autoSource} is null or ${t.autoSource} in (${inList(PAR_AUTO_SOURCES)})`,
    ),
  ],
);

export const parAssessments = pgTable(
  "par_assessments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    setId: uuid("set_id")
      .notNull()
      .references(() => parCriteriaSets.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    /** The set's year (a unit has one assessment a year). */
    year: integer("year").notNull(),
    status: text("status", { enum: PAR_STATUSES }).notNull().default("draft"),
    /** Kept in step with the scores in the same transaction. */
    selfTotal: points("self_total").notNull().default(0),
    appraisedTotal: points("appraised_total"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: instant("created_at").notNull().defaultNow(),
    submittedBy: uuid("submitted_by").references(() => users.id),
    submittedAt: instant("submitted_at"),
    appraisedBy: uuid("appraised_by").references(() => users.id),
    appraisedAt: instant("appraised_at"),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("par_assessments_set_unit_key").on(t.setId, t.unitId),
    uniqueIndex("par_assessments_unit_year_key").on(t.unitId, t.year),
    check("par_assessments_status", sql`${t.status} in (${inList(PAR_STATUSES)})`),
    check(
      "par_assessments_totals",
      sql`${t.selfTotal} between 0 and 100 and (${t.appraisedTotal} is null or ${t.appraisedTotal} between 0 and 100)`,
    ),
    check(
      "par_assessments_submitted",
      sql`(${t.status} = 'draft') = (${t.submittedAt} is null) and (${t.submittedAt} is null) = (${t.submittedBy} is null)`,
    ),
    check(
      "par_assessments_appraised",
      sql`(${t.status} = 'appraised') = (${t.appraisedAt} is not null)
        and (${t.appraisedAt} is null) = (${t.appraisedBy} is null)
        and (${t.status} <> 'appraised' or ${t.appraisedTotal} is not null)`,
    ),
  ],
);

export const parScores = pgTable(
  "par_scores",
  {
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => parAssessments.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => parCriteria.id, { onDelete: "cascade" }),
    /** The criterion's maximum when scored (kept in step when a draft's criteria change). */
    maxPoints: points("max_points").notNull(),
    selfPoints: points("self_points"),
    selfNote: text("self_note"),
    /** The figure the self points were computed from (automatic sources), or null. */
    autoFigure: jsonb("auto_figure"),
    selfBy: uuid("self_by").references(() => users.id),
    selfAt: instant("self_at"),
    appraisedPoints: points("appraised_points"),
    appraisalNote: text("appraisal_note"),
    appraisedBy: uuid("appraised_by").references(() => users.id),
    appraisedAt: instant("appraised_at"),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.criterionId] }),
    index("par_scores_criterion_idx").on(t.criterionId),
    check("par_scores_max", sql`${t.maxPoints} > 0`),
    check(
      "par_scores_self_points",
      sql`${t.selfPoints} is null or (${t.selfPoints} >= 0 and ${t.selfPoints} <= ${t.maxPoints})`,
    ),
    check(
      "par_scores_appraised_points",
      sql`${t.appraisedPoints} is null or (${t.appraisedPoints} >= 0 and ${t.appraisedPoints} <= ${t.maxPoints})`,
    ),
  ],
);

export const parEvidence = pgTable(
  "par_evidence",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => parAssessments.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => parCriteria.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    /** The blob's address in the blob store (documents/blob-store.ts). */
    sha256: text("sha256").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: instant("uploaded_at").notNull().defaultNow(),
  },
  (t) => [
    index("par_evidence_assessment_idx").on(t.assessmentId, t.criterionId),
    index("par_evidence_criterion_idx").on(t.criterionId),
    check("par_evidence_size", sql`${t.size} > 0`),
    check("par_evidence_sha256", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);
