// Queries of the PAR index. Every function takes the executor of the caller's transaction;
// points come back as numbers (numeric columns in "number" mode).
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { parAssessments, parCriteria, parCriteriaSets, parEvidence, parScores } from "../../db/schema.par.ts";
import { users } from "../../db/schema.ts";
import type { AutoSource, ParLevel, ParStatus } from "./par.logic.ts";

// ---------------------------------------------------------------------------------------------
// Criteria sets

export type SetRow = {
  id: string;
  issuerUnitId: string;
  issuerCode: string;
  issuerName: string;
  year: number;
  level: ParLevel;
  title: string;
  updatedAt: string;
  criteriaCount: number;
  draft: number;
  submitted: number;
  appraised: number;
};

const setColumns = sql`s.id, s.issuer_unit_id as "issuerUnitId", u.code as "issuerCode",
  unit_name_at(u.id, least(make_date(s.year, 12, 31), (now() at time zone 'Asia/Ho_Chi_Minh')::date)) as "issuerName",
  s.year, s.level, s.title, s.updated_at::text as "updatedAt",
  (select count(*) from par_criteria c where c.set_id = s.id)::int as "criteriaCount",
  (select count(*) from par_assessments a where a.set_id = s.id and a.status = 'draft')::int as draft,
  (select count(*) from par_assessments a where a.set_id = s.id and a.status = 'submitted')::int as submitted,
  (select count(*) from par_assessments a where a.set_id = s.id and a.status = 'appraised')::int as appraised`;

const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

export async function findSet(tx: Executor, id: string): Promise<SetRow | undefined> {
  const rows = await queryRows<SetRow>(
    tx,
    sql`select ${setColumns} from par_criteria_sets s join org_units u on u.id = s.issuer_unit_id
        where s.id = ${id}::uuid`,
  );
  return rows[0];
}

export async function findSetByKey(tx: Executor, issuerUnitId: string, year: number, level: ParLevel) {
  const rows = await tx
    .select({ id: parCriteriaSets.id })
    .from(parCriteriaSets)
    .where(
      and(
        eq(parCriteriaSets.issuerUnitId, issuerUnitId),
        eq(parCriteriaSets.year, year),
        eq(parCriteriaSets.level, level),
      ),
    );
  return rows[0];
}

/**
 * Sets whose issuer is one of `units` or an ancestor of one of them, or lies below one of the
 * `subtrees`; newest year first.
 */
export async function listSets(
  tx: Executor,
  scope: { units: readonly string[]; subtrees: readonly string[] } | "all",
  year: number | undefined,
): Promise<SetRow[]> {
  const visible =
    scope === "all"
      ? sql`true`
      : sql`(exists (select 1 from unnest(${uuidArray(scope.units)}::uuid[]) g(id)
                where s.issuer_unit_id = any(unit_path(g.id)))
            or exists (select 1 from unnest(${uuidArray(scope.subtrees)}::uuid[]) g(id)
                where g.id = any(unit_path(s.issuer_unit_id))))`;
  return queryRows<SetRow>(
    tx,
    sql`select ${setColumns} from par_criteria_sets s join org_units u on u.id = s.issuer_unit_id
        where ${visible} ${year === undefined ? sql`` : sql`and s.year = ${year}`}
        order by s.year desc, u.code, s.level`,
  );
}

/** Locks the set's row: edits take it for update, submissions for share (one waits for the other). */
export async function lockSet(tx: Executor, id: string, mode: "update" | "share") {
  await tx.execute(
    sql`select id from par_criteria_sets where id = ${id}::uuid ${mode === "update" ? sql`for update` : sql`for share`}`,
  );
}

export async function insertSet(
  tx: Executor,
  v: { issuerUnitId: string; year: number; level: ParLevel; title: string; by: string },
): Promise<string> {
  const [row] = await tx
    .insert(parCriteriaSets)
    .values({
      issuerUnitId: v.issuerUnitId,
      year: v.year,
      level: v.level,
      title: v.title,
      createdBy: v.by,
      updatedBy: v.by,
    })
    .returning({ id: parCriteriaSets.id });
  return row!.id;
}

export async function updateSetTitle(tx: Executor, id: string, title: string, by: string) {
  await tx
    .update(parCriteriaSets)
    .set({ title, updatedBy: by, updatedAt: sql`now()` })
    .where(eq(parCriteriaSets.id, id));
}

export async function deleteSet(tx: Executor, id: string) {
  await tx.delete(parCriteriaSets).where(eq(parCriteriaSets.id, id));
}

export async function hasSubmitted(tx: Executor, setId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: parAssessments.id })
    .from(parAssessments)
    .where(and(eq(parAssessments.setId, setId), ne(parAssessments.status, "draft")))
    .limit(1);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Criteria

export type CriterionRow = {
  id: string;
  code: string;
  parentCode: string | null;
  title: string;
  titleEn: string | null;
  maxPoints: number;
  guidance: string | null;
  autoSource: AutoSource | null;
  sortOrder: number;
};

export async function listCriteria(tx: Executor, setId: string): Promise<CriterionRow[]> {
  return tx
    .select({
      id: parCriteria.id,
      code: parCriteria.code,
      parentCode: parCriteria.parentCode,
      title: parCriteria.title,
      titleEn: parCriteria.titleEn,
      maxPoints: parCriteria.maxPoints,
      guidance: parCriteria.guidance,
      autoSource: parCriteria.autoSource,
      sortOrder: parCriteria.sortOrder,
    })
    .from(parCriteria)
    .where(eq(parCriteria.setId, setId))
    .orderBy(asc(parCriteria.sortOrder));
}

export type CriterionValues = Omit<CriterionRow, "id" | "sortOrder" | "autoSource"> & {
  autoSource: AutoSource | null;
};

/**
 * Makes the set's criteria exactly `rows` (in their order): codes that stay keep their row (and
 * the drafts' scores and evidence), changed ones are updated, missing ones deleted (their draft
 * scores and evidence with them), new ones inserted. Then the drafts' scores follow: the copy of
 * the maximum is updated, points above a lowered maximum are cleared, and scores of criteria that
 * now have sub-criteria are removed.
 */
export async function replaceCriteria(tx: Executor, setId: string, rows: readonly CriterionValues[]) {
  const existing = new Map((await listCriteria(tx, setId)).map((c) => [c.code, c]));
  const keep = new Set(rows.map((r) => r.code));
  const gone = [...existing.values()].filter((c) => !keep.has(c.code)).map((c) => c.id);
  if (gone.length > 0) await tx.delete(parCriteria).where(inArray(parCriteria.id, gone));
  for (const [i, r] of rows.entries()) {
    const values = {
      parentCode: r.parentCode,
      title: r.title,
      titleEn: r.titleEn,
      maxPoints: r.maxPoints,
      guidance: r.guidance,
      autoSource: r.autoSource,
      sortOrder: i,
    };
    const before = existing.get(r.code);
    if (!before) await tx.insert(parCriteria).values({ setId, code: r.code, ...values });
    else if (
      before.parentCode !== values.parentCode ||
      before.title !== values.title ||
      before.titleEn !== values.titleEn ||
      before.maxPoints !== values.maxPoints ||
      before.guidance !== values.guidance ||
      before.autoSource !== values.autoSource ||
      before.sortOrder !== i
    )
      await tx.update(parCriteria).set(values).where(eq(parCriteria.id, before.id));
  }
  await tx.execute(sql`
    delete from par_scores sc using par_criteria c
    where c.id = sc.criterion_id and c.set_id = ${setId}::uuid
      and exists (select 1 from par_criteria k where k.set_id = c.set_id and k.parent_code = c.code)`);
  await tx.execute(sql`
    update par_scores sc set max_points = c.max_points,
      self_points = case when sc.self_points > c.max_points then null else sc.self_points end,
      auto_figure = case when sc.self_points > c.max_points or c.auto_source is null then null else sc.auto_figure end,
      appraised_points = case when sc.appraised_points > c.max_points then null else sc.appraised_points end
    from par_criteria c
    where c.id = sc.criterion_id and c.set_id = ${setId}::uuid
      and (sc.max_points <> c.max_points or (sc.auto_figure is not null and c.auto_source is null))`);
}

// ---------------------------------------------------------------------------------------------
// Units

export type UnitRef = { id: string; code: string; name: string };

/**
 * The units a set assesses: the issuer and its descendants of the set's level, in force at the
 * end of the year (today for the current year), with their names on that day.
 */
export async function assessedUnits(
  tx: Executor,
  set: { issuerUnitId: string; year: number; level: ParLevel },
): Promise<UnitRef[]> {
  return queryRows<UnitRef>(
    tx,
    sql`with recursive down(id) as (
          select ${set.issuerUnitId}::uuid
          union all select u.id from org_units u join down on u.parent_id = down.id
        ), d as (select least(make_date(${set.year}::int, 12, 31), (now() at time zone 'Asia/Ho_Chi_Minh')::date) as day)
        select u.id, u.code, unit_name_at(u.id, d.day) as name
        from org_units u, d
        where u.id in (select id from down) and u.level = ${set.level}
          and u.valid_from <= d.day and (u.valid_to is null or u.valid_to >= d.day)
        order by u.code`,
  );
}

// ---------------------------------------------------------------------------------------------
// Assessments

export type AssessmentRow = {
  id: string;
  setId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  year: number;
  status: ParStatus;
  selfTotal: number;
  appraisedTotal: number | null;
  createdBy: string | null;
  submittedBy: string | null;
  submittedByName: string | null;
  submittedAt: string | null;
  appraisedBy: string | null;
  appraisedByName: string | null;
  appraisedAt: string | null;
};

const assessmentColumns = sql`a.id, a.set_id as "setId", a.unit_id as "unitId", u.code as "unitCode",
  unit_name_at(u.id, least(make_date(a.year, 12, 31), (now() at time zone 'Asia/Ho_Chi_Minh')::date)) as "unitName",
  a.year, a.status, a.self_total::float8 as "selfTotal", a.appraised_total::float8 as "appraisedTotal",
  a.created_by as "createdBy", a.submitted_by as "submittedBy", su.full_name as "submittedByName",
  a.submitted_at::text as "submittedAt", a.appraised_by as "appraisedBy", au.full_name as "appraisedByName",
  a.appraised_at::text as "appraisedAt"`;
const assessmentFrom = sql`par_assessments a join org_units u on u.id = a.unit_id
  left join users su on su.id = a.submitted_by left join users au on au.id = a.appraised_by`;

export async function findAssessment(tx: Executor, id: string): Promise<AssessmentRow | undefined> {
  const rows = await queryRows<AssessmentRow>(
    tx,
    sql`select ${assessmentColumns} from ${assessmentFrom} where a.id = ${id}::uuid`,
  );
  return rows[0];
}

export async function listAssessments(tx: Executor, setId: string): Promise<AssessmentRow[]> {
  return queryRows<AssessmentRow>(
    tx,
    sql`select ${assessmentColumns} from ${assessmentFrom} where a.set_id = ${setId}::uuid order by u.code`,
  );
}

/** A unit's assessments of the given years, with their set's issuer and level. */
export async function assessmentsOfUnit(tx: Executor, unitId: string, years: number[]) {
  return queryRows<AssessmentRow>(
    tx,
    sql`select ${assessmentColumns} from ${assessmentFrom}
        where a.unit_id = ${unitId}::uuid and a.year = any(${`{${years.join(",")}}`}::int[])`,
  );
}

export async function findAssessmentOfUnitYear(tx: Executor, unitId: string, year: number) {
  const rows = await tx
    .select({ id: parAssessments.id, setId: parAssessments.setId })
    .from(parAssessments)
    .where(and(eq(parAssessments.unitId, unitId), eq(parAssessments.year, year)));
  return rows[0];
}

export async function insertAssessment(
  tx: Executor,
  v: { setId: string; unitId: string; year: number; by: string },
): Promise<string> {
  const [row] = await tx
    .insert(parAssessments)
    .values({ setId: v.setId, unitId: v.unitId, year: v.year, createdBy: v.by })
    .returning({ id: parAssessments.id });
  return row!.id;
}

/** Locks the assessment's row for the rest of the transaction (scores, submission, appraisal). */
export async function lockAssessment(tx: Executor, id: string) {
  await tx.execute(sql`select id from par_assessments where id = ${id}::uuid for update`);
}

export async function updateTotals(
  tx: Executor,
  id: string,
  totals: { selfTotal?: number; appraisedTotal?: number | null },
) {
  await tx
    .update(parAssessments)
    .set({ ...totals, updatedAt: sql`now()` })
    .where(eq(parAssessments.id, id));
}

/** Self totals of the set's drafts, after its criteria changed. */
export async function recomputeDraftTotals(tx: Executor, setId: string) {
  await tx.execute(sql`
    update par_assessments a set self_total = coalesce((
      select sum(sc.self_points) from par_scores sc where sc.assessment_id = a.id), 0), updated_at = now()
    where a.set_id = ${setId}::uuid and a.status = 'draft'`);
}

export async function markSubmitted(tx: Executor, id: string, by: string) {
  await tx
    .update(parAssessments)
    .set({ status: "submitted", submittedBy: by, submittedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(parAssessments.id, id));
}

export async function markAppraised(tx: Executor, id: string, by: string, total: number) {
  await tx
    .update(parAssessments)
    .set({
      status: "appraised",
      appraisedBy: by,
      appraisedAt: sql`now()`,
      appraisedTotal: total,
      updatedAt: sql`now()`,
    })
    .where(eq(parAssessments.id, id));
}

// ---------------------------------------------------------------------------------------------
// Scores

export type ScoreRow = {
  criterionId: string;
  selfPoints: number | null;
  selfNote: string | null;
  autoFigure: unknown;
  selfBy: string | null;
  appraisedPoints: number | null;
  appraisalNote: string | null;
};

export async function listScores(tx: Executor, assessmentId: string): Promise<ScoreRow[]> {
  return tx
    .select({
      criterionId: parScores.criterionId,
      selfPoints: parScores.selfPoints,
      selfNote: parScores.selfNote,
      autoFigure: parScores.autoFigure,
      selfBy: parScores.selfBy,
      appraisedPoints: parScores.appraisedPoints,
      appraisalNote: parScores.appraisalNote,
    })
    .from(parScores)
    .where(eq(parScores.assessmentId, assessmentId));
}

/** Sets the unit's own points (and note, and the figure behind automatic points) of a criterion. */
export async function upsertSelfScore(
  tx: Executor,
  v: {
    assessmentId: string;
    criterionId: string;
    maxPoints: number;
    points: number | null;
    note: string | null;
    figure: unknown;
    by: string;
  },
) {
  const values = {
    maxPoints: v.maxPoints,
    selfPoints: v.points,
    selfNote: v.note,
    autoFigure: v.figure ?? null,
    selfBy: v.by,
    selfAt: sql`now()`,
  };
  await tx
    .insert(parScores)
    .values({ assessmentId: v.assessmentId, criterionId: v.criterionId, ...values })
    .onConflictDoUpdate({ target: [parScores.assessmentId, parScores.criterionId], set: values });
}

/** Sets the appraiser's points and note of a criterion. */
export async function upsertAppraisedScore(
  tx: Executor,
  v: {
    assessmentId: string;
    criterionId: string;
    maxPoints: number;
    points: number | null;
    note: string | null;
    by: string;
  },
) {
  const values = {
    maxPoints: v.maxPoints,
    appraisedPoints: v.points,
    appraisalNote: v.note,
    appraisedBy: v.by,
    appraisedAt: sql`now()`,
  };
  await tx
    .insert(parScores)
    .values({ assessmentId: v.assessmentId, criterionId: v.criterionId, ...values })
    .onConflictDoUpdate({ target: [parScores.assessmentId, parScores.criterionId], set: values });
}

// ---------------------------------------------------------------------------------------------
// Evidence

export type EvidenceRow = {
  id: string;
  assessmentId: string;
  criterionId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploaderName: string;
  uploadedAt: string;
};

const evidenceColumns = {
  id: parEvidence.id,
  assessmentId: parEvidence.assessmentId,
  criterionId: parEvidence.criterionId,
  name: parEvidence.name,
  contentType: parEvidence.contentType,
  size: parEvidence.size,
  sha256: parEvidence.sha256,
  uploadedBy: parEvidence.uploadedBy,
  uploaderName: users.fullName,
  uploadedAt: parEvidence.uploadedAt,
};

export async function listEvidence(tx: Executor, assessmentId: string): Promise<EvidenceRow[]> {
  return tx
    .select(evidenceColumns)
    .from(parEvidence)
    .innerJoin(users, eq(users.id, parEvidence.uploadedBy))
    .where(eq(parEvidence.assessmentId, assessmentId))
    .orderBy(asc(parEvidence.uploadedAt), asc(parEvidence.name));
}

export async function findEvidence(tx: Executor, id: string): Promise<EvidenceRow | undefined> {
  const rows = await tx
    .select(evidenceColumns)
    .from(parEvidence)
    .innerJoin(users, eq(users.id, parEvidence.uploadedBy))
    .where(eq(parEvidence.id, id));
  return rows[0];
}

/** The same file already attached to the criterion (a retried upload attaches it once). */
export async function findAttachedEvidence(
  tx: Executor,
  assessmentId: string,
  criterionId: string,
  sha256: string,
): Promise<EvidenceRow | undefined> {
  const rows = await tx
    .select(evidenceColumns)
    .from(parEvidence)
    .innerJoin(users, eq(users.id, parEvidence.uploadedBy))
    .where(
      and(
        eq(parEvidence.assessmentId, assessmentId),
        eq(parEvidence.criterionId, criterionId),
        eq(parEvidence.sha256, sha256),
      ),
    );
  return rows[0];
}

export async function insertEvidence(
  tx: Executor,
  v: Omit<EvidenceRow, "id" | "uploaderName" | "uploadedAt">,
): Promise<string> {
  const [row] = await tx.insert(parEvidence).values(v).returning({ id: parEvidence.id });
  return row!.id;
}

export async function deleteEvidence(tx: Executor, id: string) {
  await tx.delete(parEvidence).where(eq(parEvidence.id, id));
}
