// PAR index use cases (issue #7): criteria sets (create, import, edit while no assessment is
// submitted), a unit's self-assessment (scores, automatic scores, evidence, submission), the
// higher level's appraisal, the ranking of peers and a unit's year-on-year comparison.
// Every function authorizes first, against the records loaded from the database: 404 when the
// caller may not see them, 403 when they may not act (auth.policy.ts: par.manage, par.assess,
// par.appraise; readers: those plus report.read).
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { DomainError, Errors, type FieldError, fieldError, type Message } from "../../shared/errors.ts";
import { type Ability, type Actor, can, grantCovers, ROLE_DEFS } from "../auth/auth.policy.ts";
import { documentServices } from "../documents/document.service.ts";
import { checkContent, checkName } from "../documents/files.ts";
import { scanUpload } from "../documents/scan.ts";
import { findUnitByCode, unitPath } from "../org/org.repository.ts";
import { figureOf } from "./par.figures.ts";
import { type CriteriaRow, readCriteriaFile, rowErrors } from "./par.import.ts";
import {
  type AutoSource,
  autoPoints,
  buildTree,
  type CriterionInput,
  checkPoints,
  inferParent,
  leafCodes,
  type ParLevel,
  rankByScore,
  totals,
  validateCriteria,
  type YearScore,
  yearOnYear,
} from "./par.logic.ts";
import * as repo from "./par.repository.ts";
import type {
  AssessmentOut,
  AssessmentSummaryOut,
  AutoFigure,
  ComparisonOut,
  CriterionIn,
  CriterionOut,
  EvidenceOut,
  ImportQuery,
  RankingOut,
  ScoresBody,
  SetCreateBody,
  SetListOut,
  SetOut,
  SetSummaryOut,
  SetUnitsOut,
  SetUpdateBody,
} from "./par.schemas.ts";

const SET: Message = { vi: "Bộ tiêu chí", en: "Criteria set" };
const ASSESSMENT: Message = { vi: "Bản tự đánh giá", en: "Assessment" };
const UNIT: Message = { vi: "Đơn vị", en: "Unit" };
const EVIDENCE: Message = { vi: "Tài liệu kiểm chứng", en: "Evidence file" };
const CRITERION: Message = { vi: "Tiêu chí", en: "Criterion" };
const LEVEL_RANK: Record<ParLevel, number> = { province: 0, district: 1, commune: 2 };

/** Who may read a unit's PAR figures (assessment, ranking, comparison). */
const READERS: readonly Ability[] = ["report.read", "par.assess", "par.appraise", "par.manage"];

// ---------------------------------------------------------------------------------------------
// Authorization

function staff(ctx: Ctx): Actor {
  if (!ctx.actor) throw Errors.unauthenticated();
  return ctx.actor;
}

const canRead = (actor: Actor | null, path: readonly string[]) => READERS.some((a) => can(actor, a, path));

/**
 * May the actor appraise the unit: par.appraise through a grant above the unit (a higher level;
 * a subtree role held at the unit itself does not count).
 */
function appraisesFromAbove(actor: Actor | null, path: readonly string[]): boolean {
  if (actor?.kind !== "staff") return false;
  const unitId = path[path.length - 1];
  return actor.grants.some(
    (g) =>
      g.unitId !== unitId && ROLE_DEFS[g.role].abilities.includes("par.appraise") && grantCovers(g, path),
  );
}

/** Took part in the unit's own assessment: started it, submitted it, or scored a criterion of it. */
function selfAssessor(actor: Actor, a: repo.AssessmentRow, scores: readonly repo.ScoreRow[]): boolean {
  return (
    a.createdBy === actor.userId ||
    a.submittedBy === actor.userId ||
    scores.some((s) => s.selfBy === actor.userId)
  );
}

const ownAssessment = () =>
  new DomainError("par.own_assessment", 403, {
    vi: "Bạn đã tham gia tự đánh giá của đơn vị này nên không thể thẩm định bản đánh giá đó.",
    en: "You took part in this unit's self-assessment, so you may not appraise it.",
  });

/** A unit named by code: 400 on `field` when unknown, 404 when hidden, 403 without a reading ability. */
async function readableUnit(ctx: Ctx, code: string, field: string, location = "query") {
  const actor = staff(ctx);
  const unit = await findUnitByCode(ctx.tx, code);
  if (!unit)
    throw Errors.invalid([
      fieldError(
        field,
        "par.unit_unknown",
        { vi: "Không có đơn vị mã này.", en: "No unit has this code." },
        location,
      ),
    ]);
  const path = await unitPath(ctx.tx, unit.id);
  if (!can(actor, "org.read", path) && !canRead(actor, path)) throw Errors.notFound(UNIT);
  ctx.audit.unitId = unit.id;
  return { unit, path };
}

/**
 * A set is visible to whoever reads PAR figures at its issuer, above it, or at a unit below it
 * (the units it assesses see the criteria they are scored against).
 */
async function loadSet(ctx: Ctx, id: string) {
  const actor = staff(ctx);
  const set = await repo.findSet(ctx.tx, id);
  if (!set) throw Errors.notFound(SET);
  const issuerPath = await unitPath(ctx.tx, set.issuerUnitId);
  let visible = canRead(actor, issuerPath);
  for (const g of actor.grants) {
    if (visible) break;
    if (!READERS.some((a) => ROLE_DEFS[g.role].abilities.includes(a))) continue;
    visible = (await unitPath(ctx.tx, g.unitId)).includes(set.issuerUnitId);
  }
  if (!visible) throw Errors.notFound(SET);
  ctx.audit.unitId = set.issuerUnitId;
  ctx.audit.target = set.id;
  return { set, issuerPath, canManage: can(actor, "par.manage", issuerPath) };
}

async function loadAssessment(ctx: Ctx, id: string) {
  const actor = staff(ctx);
  const a = await repo.findAssessment(ctx.tx, id);
  if (!a) throw Errors.notFound(ASSESSMENT);
  const path = await unitPath(ctx.tx, a.unitId);
  if (!canRead(actor, path)) throw Errors.notFound(ASSESSMENT);
  ctx.audit.unitId = a.unitId;
  ctx.audit.target = a.id;
  return { a, path, actor };
}

function requireAssess(actor: Actor, path: readonly string[]) {
  if (!can(actor, "par.assess", path)) throw Errors.forbidden();
}

/** Reloads the assessment under a row lock (a concurrent command waits), in the given status. */
async function lockedInStatus(ctx: Ctx, id: string, status: repo.AssessmentRow["status"]) {
  await repo.lockAssessment(ctx.tx, id);
  const a = (await repo.findAssessment(ctx.tx, id))!;
  if (a.status !== status)
    throw status === "draft"
      ? Errors.conflict("par.not_draft", {
          vi: "Bản tự đánh giá đã được gửi; không thể sửa điểm hay tài liệu kiểm chứng.",
          en: "The self-assessment has been submitted; its scores and evidence can no longer change.",
        })
      : Errors.conflict("par.not_submitted", {
          vi:
            a.status === "draft"
              ? "Đơn vị chưa gửi bản tự đánh giá; chưa thể thẩm định."
              : "Bản đánh giá đã được thẩm định xong.",
          en:
            a.status === "draft"
              ? "The unit has not submitted its self-assessment yet; it cannot be appraised."
              : "The assessment has already been appraised.",
        });
  return a;
}

const frozen = () =>
  Errors.conflict("par.set_frozen", {
    vi: "Đã có đơn vị gửi bản tự đánh giá theo bộ tiêu chí này; không thể sửa các tiêu chí nữa.",
    en: "A unit has submitted a self-assessment against this set; its criteria can no longer change.",
  });

// ---------------------------------------------------------------------------------------------
// Presentation

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

function presentSetSummary(s: repo.SetRow, canManage: boolean): SetSummaryOut {
  return {
    id: s.id,
    issuer: { id: s.issuerUnitId, code: s.issuerCode, name: s.issuerName },
    year: s.year,
    level: s.level,
    title: s.title,
    criteriaCount: s.criteriaCount,
    assessments: { draft: s.draft, submitted: s.submitted, appraised: s.appraised },
    editable: s.submitted + s.appraised === 0,
    canManage,
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}

/** The criteria in tree order (each group followed by its sub-criteria), with depth and leaf. */
function presentCriteria(rows: readonly repo.CriterionRow[]): (CriterionOut & { leaf: boolean })[] {
  const out: CriterionOut[] = [];
  const walk = (nodes: ReturnType<typeof buildTree<repo.CriterionRow>>) => {
    for (const n of nodes) {
      out.push({
        id: n.id,
        code: n.code,
        parentCode: n.parentCode,
        title: n.title,
        titleEn: n.titleEn,
        maxPoints: n.maxPoints,
        guidance: n.guidance,
        autoSource: n.autoSource,
        depth: n.depth,
        leaf: n.children.length === 0,
      });
      walk(n.children);
    }
  };
  walk(buildTree(rows));
  return out;
}

function presentSummary(a: repo.AssessmentRow): AssessmentSummaryOut {
  return {
    id: a.id,
    setId: a.setId,
    year: a.year,
    unit: { id: a.unitId, code: a.unitCode, name: a.unitName },
    status: a.status,
    selfTotal: a.selfTotal,
    appraisedTotal: a.appraisedTotal,
    submittedAt: iso(a.submittedAt),
    appraisedAt: iso(a.appraisedAt),
  };
}

function presentEvidence(e: repo.EvidenceRow, code: string): EvidenceOut {
  return {
    id: e.id,
    criterionCode: code,
    name: e.name,
    contentType: e.contentType,
    size: e.size,
    sha256: e.sha256,
    uploadedBy: e.uploaderName,
    uploadedAt: new Date(e.uploadedAt).toISOString(),
    contentUrl: `/api/v1/par/evidence/${e.id}/content`,
  };
}

/** Points of each criterion on one side (self or appraisal), by code. */
function pointsByCode(
  criteria: readonly repo.CriterionRow[],
  scores: readonly repo.ScoreRow[],
  side: "selfPoints" | "appraisedPoints",
) {
  const byId = new Map(scores.map((s) => [s.criterionId, s]));
  return new Map(criteria.map((c) => [c.code, byId.get(c.id)?.[side] ?? null]));
}

async function assessmentDetail(
  ctx: Ctx,
  a: repo.AssessmentRow,
  path: readonly string[],
): Promise<AssessmentOut> {
  const actor = staff(ctx);
  const set = (await repo.findSet(ctx.tx, a.setId))!;
  const criteria = await repo.listCriteria(ctx.tx, a.setId);
  const scores = await repo.listScores(ctx.tx, a.id);
  const evidence = await repo.listEvidence(ctx.tx, a.id);
  const byId = new Map(scores.map((s) => [s.criterionId, s]));
  const selfTotals = totals(criteria, pointsByCode(criteria, scores, "selfPoints"));
  const appraisedTotals = totals(criteria, pointsByCode(criteria, scores, "appraisedPoints"));
  const appraisable =
    a.status === "submitted" && appraisesFromAbove(actor, path) && !selfAssessor(actor, a, scores);
  return {
    ...presentSummary(a),
    set: {
      id: set.id,
      title: set.title,
      year: set.year,
      level: set.level,
      issuer: { id: set.issuerUnitId, code: set.issuerCode, name: set.issuerName },
    },
    submittedBy: a.submittedByName,
    appraisedBy: a.appraisedByName,
    criteria: presentCriteria(criteria).map((c) => {
      const s = byId.get(c.id);
      return {
        ...c,
        self: {
          points: s?.selfPoints ?? null,
          note: s?.selfNote ?? null,
          figure: (s?.autoFigure as AutoFigure | null) ?? null,
        },
        appraisal: { points: s?.appraisedPoints ?? null, note: s?.appraisalNote ?? null },
        selfSum: selfTotals.byCode.get(c.code)!.points,
        appraisedSum: appraisedTotals.byCode.get(c.code)!.points,
        evidence: evidence.filter((e) => e.criterionId === c.id).map((e) => presentEvidence(e, c.code)),
      };
    }),
    totals: {
      self: { total: selfTotals.total, complete: selfTotals.complete, groups: selfTotals.groups },
      appraisal: {
        total: appraisedTotals.total,
        complete: appraisedTotals.complete,
        groups: appraisedTotals.groups,
      },
    },
    abilities: { canEdit: a.status === "draft" && can(actor, "par.assess", path), canAppraise: appraisable },
  };
}

// ---------------------------------------------------------------------------------------------
// Criteria sets

/** Trimmed input; a blank parent is the code's prefix ("3.2.1" → "3.2"). */
function normalise(rows: readonly CriterionIn[]): CriterionInput[] {
  return rows.map((r) => {
    const code = r.code.trim();
    return {
      code,
      parentCode: inferParent(code, r.parentCode),
      title: r.title.trim(),
      titleEn: r.titleEn?.trim() || null,
      maxPoints: r.maxPoints,
      autoSource: r.autoSource ?? null,
      guidance: r.guidance?.trim() || null,
    };
  });
}

/** The rules of a criteria list as field errors `criteria.<index>.<field>` (or `criteria`). */
function criteriaErrors(rows: readonly CriterionInput[]): FieldError[] {
  return validateCriteria(rows).map((x) =>
    fieldError(x.index < 0 ? "criteria" : `criteria.${x.index}.${x.field}`, x.code, x.message),
  );
}

const asValues = (rows: readonly CriterionInput[]): repo.CriterionValues[] =>
  rows.map((r) => ({ ...r, autoSource: r.autoSource as AutoSource | null }));

async function getSetOut(ctx: Ctx, id: string): Promise<SetOut> {
  const { set, canManage } = await loadSet(ctx, id);
  return {
    ...presentSetSummary(set, canManage),
    criteria: presentCriteria(await repo.listCriteria(ctx.tx, id)),
  };
}

export async function listSets(ctx: Ctx, year: number | undefined): Promise<SetListOut> {
  const actor = staff(ctx);
  const grants = actor.grants.filter((g) => READERS.some((a) => ROLE_DEFS[g.role].abilities.includes(a)));
  if (actor.kind !== "staff" || grants.length === 0) throw Errors.forbidden();
  const scope = grants.some((g) => g.role === "system_admin")
    ? ("all" as const)
    : {
        units: grants.map((g) => g.unitId),
        subtrees: grants.filter((g) => ROLE_DEFS[g.role].subtree).map((g) => g.unitId),
      };
  const rows = await repo.listSets(ctx.tx, scope, year);
  const paths = new Map<string, string[]>();
  const items: SetSummaryOut[] = [];
  for (const s of rows) {
    if (!paths.has(s.issuerUnitId)) paths.set(s.issuerUnitId, await unitPath(ctx.tx, s.issuerUnitId));
    items.push(presentSetSummary(s, can(actor, "par.manage", paths.get(s.issuerUnitId)!)));
  }
  return { items };
}

export async function getSet(ctx: Ctx, id: string): Promise<SetOut> {
  return getSetOut(ctx, id);
}

/** The issuing unit, once the caller may manage criteria sets there; the level must be at or below it. */
async function authorizeIssuer(ctx: Ctx, code: string, level: ParLevel, location: "body" | "query") {
  const actor = staff(ctx);
  const issuer = await findUnitByCode(ctx.tx, code);
  if (!issuer)
    throw Errors.invalid([
      fieldError(
        "issuer",
        "par.unit_unknown",
        { vi: "Không có đơn vị mã này.", en: "No unit has this code." },
        location,
      ),
    ]);
  const path = await unitPath(ctx.tx, issuer.id);
  if (!can(actor, "org.read", path)) throw Errors.notFound(UNIT);
  if (!can(actor, "par.manage", path)) throw Errors.forbidden();
  ctx.audit.unitId = issuer.id;
  if (LEVEL_RANK[level] < LEVEL_RANK[issuer.level])
    throw Errors.invalid([
      fieldError(
        "level",
        "par.level_above_issuer",
        {
          vi: "Cấp của đơn vị được đánh giá không thể cao hơn cấp của đơn vị ban hành.",
          en: "The assessed units' level cannot be above the issuing unit's level.",
        },
        location,
      ),
    ]);
  return issuer;
}

const setExists = () =>
  Errors.conflict("par.set_exists", {
    vi: "Đơn vị đã ban hành bộ tiêu chí cho cấp này trong năm này; hãy sửa bộ tiêu chí đó (hoặc nhập tệp với tùy chọn thay thế).",
    en: "The unit already issued a criteria set for this level and year; edit that set (or import with the replace option).",
  });

export async function createSet(ctx: Ctx, body: SetCreateBody): Promise<SetOut> {
  const actor = staff(ctx);
  const issuer = await authorizeIssuer(ctx, body.issuer, body.level, "body");
  const rows = normalise(body.criteria);
  const errors = criteriaErrors(rows);
  if (errors.length > 0) throw Errors.invalid(errors);
  if (await repo.findSetByKey(ctx.tx, issuer.id, body.year, body.level)) throw setExists();
  const id = await repo.insertSet(ctx.tx, {
    issuerUnitId: issuer.id,
    year: body.year,
    level: body.level,
    title: body.title,
    by: actor.userId,
  });
  await repo.replaceCriteria(ctx.tx, id, asValues(rows));
  ctx.audit.target = id;
  ctx.audit.details = { year: body.year, level: body.level, criteria: rows.length };
  return getSetOut(ctx, id);
}

async function replaceSetCriteria(ctx: Ctx, id: string, title: string, rows: CriterionInput[]) {
  await repo.lockSet(ctx.tx, id, "update");
  if (await repo.hasSubmitted(ctx.tx, id)) throw frozen();
  await repo.updateSetTitle(ctx.tx, id, title, staff(ctx).userId);
  await repo.replaceCriteria(ctx.tx, id, asValues(rows));
  await repo.recomputeDraftTotals(ctx.tx, id);
}

export async function updateSet(ctx: Ctx, id: string, body: SetUpdateBody): Promise<SetOut> {
  const { canManage } = await loadSet(ctx, id);
  if (!canManage) throw Errors.forbidden();
  const rows = normalise(body.criteria);
  const errors = criteriaErrors(rows);
  if (errors.length > 0) throw Errors.invalid(errors);
  await replaceSetCriteria(ctx, id, body.title, rows);
  ctx.audit.details = { criteria: rows.length };
  return getSetOut(ctx, id);
}

export async function deleteSet(ctx: Ctx, id: string): Promise<void> {
  const { canManage } = await loadSet(ctx, id);
  if (!canManage) throw Errors.forbidden();
  await repo.lockSet(ctx.tx, id, "update");
  const s = (await repo.findSet(ctx.tx, id))!;
  if (s.draft + s.submitted + s.appraised > 0)
    throw Errors.conflict("par.set_in_use", {
      vi: "Đã có đơn vị tự đánh giá theo bộ tiêu chí này; không thể xóa.",
      en: "Units have started self-assessments against this set; it cannot be deleted.",
    });
  await repo.deleteSet(ctx.tx, id);
}

/**
 * Imports a criteria file as the issuer's set for the year and level: a new set, or with
 * `replace` the criteria of the existing one (while none of its assessments is submitted).
 * Refused whole, with every row's problems, when any row is wrong.
 */
export async function importSet(
  ctx: Ctx,
  q: ImportQuery,
  bytes: Buffer | undefined,
): Promise<{ set: SetOut; created: boolean }> {
  const actor = staff(ctx);
  const issuer = await authorizeIssuer(ctx, q.issuer, q.level, "query");
  const existing = await repo.findSetByKey(ctx.tx, issuer.id, q.year, q.level);
  if (existing && !q.replace) throw setExists();
  const rows: CriteriaRow[] = await readCriteriaFile(bytes, q.name);
  const errors = rowErrors(rows);
  if (errors.length > 0) throw Errors.invalid(errors);
  const inputs = rows.map((r) => r.input);
  const title = q.title ?? `Bộ tiêu chí đánh giá Chỉ số cải cách hành chính năm ${q.year}`;
  ctx.audit.details = {
    file: q.name,
    year: q.year,
    level: q.level,
    criteria: inputs.length,
    replace: q.replace,
  };
  if (existing) {
    await replaceSetCriteria(ctx, existing.id, title, inputs);
    ctx.audit.target = existing.id;
    return { set: await getSetOut(ctx, existing.id), created: false };
  }
  const id = await repo.insertSet(ctx.tx, {
    issuerUnitId: issuer.id,
    year: q.year,
    level: q.level,
    title,
    by: actor.userId,
  });
  await repo.replaceCriteria(ctx.tx, id, asValues(inputs));
  ctx.audit.target = id;
  return { set: await getSetOut(ctx, id), created: true };
}

/** The units a set assesses that the caller may read, each with its assessment (or none yet). */
export async function setUnits(ctx: Ctx, id: string): Promise<SetUnitsOut> {
  const { set, canManage } = await loadSet(ctx, id);
  const actor = staff(ctx);
  const units = await repo.assessedUnits(ctx.tx, set);
  const assessments = await repo.listAssessments(ctx.tx, id);
  const byUnit = new Map(assessments.map((a) => [a.unitId, a]));
  const all = [...units];
  for (const a of assessments)
    if (!units.some((u) => u.id === a.unitId)) all.push({ id: a.unitId, code: a.unitCode, name: a.unitName });
  const items: SetUnitsOut["items"] = [];
  for (const u of all.sort((x, y) => x.code.localeCompare(y.code))) {
    const path = await unitPath(ctx.tx, u.id);
    if (!canRead(actor, path)) continue;
    const a = byUnit.get(u.id);
    items.push({
      unit: u,
      assessment: a ? presentSummary(a) : null,
      canCreate: !a && can(actor, "par.assess", path),
      canAppraise:
        a?.status === "submitted" &&
        appraisesFromAbove(actor, path) &&
        a.createdBy !== actor.userId &&
        a.submittedBy !== actor.userId,
    });
  }
  return { set: presentSetSummary(set, canManage), items };
}

// ---------------------------------------------------------------------------------------------
// Assessments

export async function createAssessment(ctx: Ctx, setId: string, unitCode: string): Promise<AssessmentOut> {
  const { set } = await loadSet(ctx, setId);
  const actor = staff(ctx);
  const { unit, path } = await readableUnit(ctx, unitCode, "unit", "body");
  requireAssess(actor, path);
  const assessed = await repo.assessedUnits(ctx.tx, set);
  if (!assessed.some((u) => u.id === unit.id))
    throw Errors.invalid([
      fieldError("unit", "par.unit_not_assessed", {
        vi: "Đơn vị không thuộc đối tượng đánh giá của bộ tiêu chí này (cấp hoặc địa bàn khác).",
        en: "The unit is not among the units this criteria set assesses (another level or area).",
      }),
    ]);
  if (await repo.findAssessmentOfUnitYear(ctx.tx, unit.id, set.year))
    throw Errors.conflict("par.assessment_exists", {
      vi: `Đơn vị đã có bản tự đánh giá năm ${set.year}.`,
      en: `The unit already has a self-assessment for ${set.year}.`,
    });
  const id = await repo.insertAssessment(ctx.tx, {
    setId,
    unitId: unit.id,
    year: set.year,
    by: actor.userId,
  });
  ctx.audit.target = id;
  ctx.audit.details = { set: setId, year: set.year };
  return assessmentDetail(ctx, (await repo.findAssessment(ctx.tx, id))!, path);
}

export async function getAssessment(ctx: Ctx, id: string): Promise<AssessmentOut> {
  const { a, path } = await loadAssessment(ctx, id);
  return assessmentDetail(ctx, a, path);
}

type Side = "self" | "appraisal";

/** Checks a batch of scores against the set's criteria: every problem as a field error. */
function checkScores(criteria: readonly repo.CriterionRow[], body: ScoresBody) {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const leaves = new Set(leafCodes(criteria));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  const ok: { criterion: repo.CriterionRow; points: number | null; note: string | null }[] = [];
  body.scores.forEach((s, i) => {
    const c = byCode.get(s.code);
    if (!c) {
      errors.push(
        fieldError(`scores.${i}.code`, "par.criterion_unknown", {
          vi: `Bộ tiêu chí không có tiêu chí mã ${s.code}.`,
          en: `The criteria set has no criterion ${s.code}.`,
        }),
      );
      return;
    }
    if (!leaves.has(c.code)) {
      errors.push(
        fieldError(`scores.${i}.code`, "par.criterion_group", {
          vi: `Tiêu chí ${c.code} có tiêu chí con: điểm của nó là tổng điểm các tiêu chí con.`,
          en: `Criterion ${c.code} has sub-criteria: its points are their sum.`,
        }),
      );
      return;
    }
    if (seen.has(c.code)) {
      errors.push(
        fieldError(`scores.${i}.code`, "par.code_duplicate", {
          vi: `Tiêu chí ${c.code} được chấm hai lần trong cùng một lần lưu.`,
          en: `Criterion ${c.code} is scored twice in one request.`,
        }),
      );
      return;
    }
    seen.add(c.code);
    const problem = s.points === null ? null : checkPoints(s.points, c.maxPoints);
    if (problem) errors.push(fieldError(`scores.${i}.points`, problem.code, problem.message));
    else ok.push({ criterion: c, points: s.points, note: s.note?.trim() || null });
  });
  if (errors.length > 0) throw Errors.invalid(errors);
  return ok;
}

async function saveScores(ctx: Ctx, id: string, body: ScoresBody, side: Side): Promise<AssessmentOut> {
  const { a, path, actor } = await loadAssessment(ctx, id);
  if (side === "self") requireAssess(actor, path);
  else await requireAppraise(ctx, a, path);
  await lockedInStatus(ctx, id, side === "self" ? "draft" : "submitted");
  const criteria = await repo.listCriteria(ctx.tx, a.setId);
  const entries = checkScores(criteria, body);
  const before = new Map((await repo.listScores(ctx.tx, id)).map((s) => [s.criterionId, s]));
  for (const e of entries) {
    const common = {
      assessmentId: id,
      criterionId: e.criterion.id,
      maxPoints: e.criterion.maxPoints,
      points: e.points,
      note: e.note,
      by: actor.userId,
    };
    if (side === "self") {
      // The figure stays only while the points are still the ones it gave.
      const figure = before.get(e.criterion.id)?.autoFigure as AutoFigure | null | undefined;
      await repo.upsertSelfScore(ctx.tx, {
        ...common,
        figure: figure && figure.points === e.points ? figure : null,
      });
    } else await repo.upsertAppraisedScore(ctx.tx, common);
  }
  await updateTotal(ctx, id, a.setId, side);
  ctx.audit.details = { side, scores: entries.map((e) => ({ code: e.criterion.code, points: e.points })) };
  return assessmentDetail(ctx, (await repo.findAssessment(ctx.tx, id))!, path);
}

async function updateTotal(ctx: Ctx, id: string, setId: string, side: Side) {
  const criteria = await repo.listCriteria(ctx.tx, setId);
  const scores = await repo.listScores(ctx.tx, id);
  const t = totals(
    criteria,
    pointsByCode(criteria, scores, side === "self" ? "selfPoints" : "appraisedPoints"),
  );
  await repo.updateTotals(ctx.tx, id, side === "self" ? { selfTotal: t.total } : { appraisedTotal: t.total });
  return t;
}

async function requireAppraise(ctx: Ctx, a: repo.AssessmentRow, path: readonly string[]) {
  const actor = staff(ctx);
  if (!appraisesFromAbove(actor, path)) throw Errors.forbidden();
  if (selfAssessor(actor, a, await repo.listScores(ctx.tx, a.id))) throw ownAssessment();
}

export const saveSelfScores = (ctx: Ctx, id: string, body: ScoresBody) => saveScores(ctx, id, body, "self");
export const saveAppraisalScores = (ctx: Ctx, id: string, body: ScoresBody) =>
  saveScores(ctx, id, body, "appraisal");

/**
 * Fills a criterion with an automatic source from motcua's own figures for the assessment's
 * unit and year: points = maximum × the figure's ratio; the figure is kept with the score.
 */
export async function autoFill(ctx: Ctx, id: string, code: string): Promise<AssessmentOut> {
  const { a, path, actor } = await loadAssessment(ctx, id);
  requireAssess(actor, path);
  await lockedInStatus(ctx, id, "draft");
  const criterion = (await repo.listCriteria(ctx.tx, a.setId)).find((c) => c.code === code);
  if (!criterion) throw Errors.notFound(CRITERION);
  if (!criterion.autoSource)
    throw Errors.invalid([
      fieldError(
        "code",
        "par.not_automatic",
        {
          vi: `Tiêu chí ${code} không có nguồn số liệu tự động; hãy nhập điểm.`,
          en: `Criterion ${code} has no automatic source; enter its points.`,
        },
        "params",
      ),
    ]);
  const figure = await figureOf(ctx.tx, criterion.autoSource, a.unitId, a.year);
  const { ratio, points } = autoPoints(
    criterion.autoSource,
    criterion.maxPoints,
    figure.numerator,
    figure.denominator,
  );
  if (points === null)
    throw Errors.conflict("par.auto_no_data", {
      vi: `Chưa có số liệu năm ${a.year} của đơn vị để tự tính tiêu chí ${code} (mẫu số bằng 0); hãy nhập điểm.`,
      en: `There are no ${a.year} figures of the unit to fill criterion ${code} (nothing to divide by); enter its points.`,
    });
  const stored: AutoFigure = { source: criterion.autoSource, ...figure, ratio, points };
  const before = (await repo.listScores(ctx.tx, id)).find((s) => s.criterionId === criterion.id);
  await repo.upsertSelfScore(ctx.tx, {
    assessmentId: id,
    criterionId: criterion.id,
    maxPoints: criterion.maxPoints,
    points,
    note: before?.selfNote ?? null,
    figure: stored,
    by: actor.userId,
  });
  await updateTotal(ctx, id, a.setId, "self");
  ctx.audit.details = { code, figure: stored };
  return assessmentDetail(ctx, (await repo.findAssessment(ctx.tx, id))!, path);
}

/** Leaves not scored on a side, as a 409 naming them. */
function requireComplete(
  criteria: readonly repo.CriterionRow[],
  scores: readonly repo.ScoreRow[],
  side: Side,
) {
  const points = pointsByCode(criteria, scores, side === "self" ? "selfPoints" : "appraisedPoints");
  const missing = leafCodes(criteria).filter((code) => points.get(code) === null);
  if (missing.length === 0) return;
  const list = missing.slice(0, 20).join(", ") + (missing.length > 20 ? ", …" : "");
  throw Errors.conflict(
    "par.incomplete",
    side === "self"
      ? {
          vi: `Còn ${missing.length} tiêu chí chưa chấm điểm: ${list}.`,
          en: `${missing.length} criteria are not scored yet: ${list}.`,
        }
      : {
          vi: `Còn ${missing.length} tiêu chí chưa thẩm định: ${list}.`,
          en: `${missing.length} criteria are not appraised yet: ${list}.`,
        },
    missing.map((code) =>
      fieldError(`scores.${code}`, "par.missing_score", {
        vi: `Tiêu chí ${code} chưa có điểm.`,
        en: `Criterion ${code} has no points yet.`,
      }),
    ),
  );
}

export async function submit(ctx: Ctx, id: string): Promise<AssessmentOut> {
  const { a, path, actor } = await loadAssessment(ctx, id);
  requireAssess(actor, path);
  // The set first (shared), so that a concurrent edit of its criteria waits or is refused.
  await repo.lockSet(ctx.tx, a.setId, "share");
  await lockedInStatus(ctx, id, "draft");
  const criteria = await repo.listCriteria(ctx.tx, a.setId);
  requireComplete(criteria, await repo.listScores(ctx.tx, id), "self");
  const t = await updateTotal(ctx, id, a.setId, "self");
  await repo.markSubmitted(ctx.tx, id, actor.userId);
  ctx.audit.details = { selfTotal: t.total };
  return assessmentDetail(ctx, (await repo.findAssessment(ctx.tx, id))!, path);
}

export async function finishAppraisal(ctx: Ctx, id: string): Promise<AssessmentOut> {
  const { a, path, actor } = await loadAssessment(ctx, id);
  await requireAppraise(ctx, a, path);
  await lockedInStatus(ctx, id, "submitted");
  const criteria = await repo.listCriteria(ctx.tx, a.setId);
  requireComplete(criteria, await repo.listScores(ctx.tx, id), "appraisal");
  const t = await updateTotal(ctx, id, a.setId, "appraisal");
  await repo.markAppraised(ctx.tx, id, actor.userId, t.total);
  ctx.audit.details = { appraisedTotal: t.total, selfTotal: a.selfTotal };
  return assessmentDetail(ctx, (await repo.findAssessment(ctx.tx, id))!, path);
}

// ---------------------------------------------------------------------------------------------
// Evidence

export async function uploadEvidence(
  ctx: Ctx,
  id: string,
  input: {
    criterion: string;
    name: string | undefined;
    contentType: string | undefined;
    bytes: Buffer | undefined;
  },
): Promise<EvidenceOut> {
  const { a, path, actor } = await loadAssessment(ctx, id);
  requireAssess(actor, path);
  await lockedInStatus(ctx, id, "draft");
  const criterion = (await repo.listCriteria(ctx.tx, a.setId)).find((c) => c.code === input.criterion);
  if (!criterion)
    throw Errors.invalid([
      fieldError(
        "criterion",
        "par.criterion_unknown",
        {
          vi: `Bộ tiêu chí không có tiêu chí mã ${input.criterion}.`,
          en: `The criteria set has no criterion ${input.criterion}.`,
        },
        "query",
      ),
    ]);
  const name = checkName(input.name);
  const contentType = await checkContent(input.bytes, input.contentType, ctx.config.files.uploadMaxBytes);
  await scanUpload(ctx, input.bytes!);
  const ref = await documentServices(ctx.config).store.put(input.bytes!);
  const already = await repo.findAttachedEvidence(ctx.tx, id, criterion.id, ref.sha256);
  const evidenceId =
    already?.id ??
    (await repo.insertEvidence(ctx.tx, {
      assessmentId: id,
      criterionId: criterion.id,
      name,
      contentType,
      size: ref.size,
      sha256: ref.sha256,
      uploadedBy: actor.userId,
    }));
  ctx.audit.details = { evidence: evidenceId, criterion: criterion.code, sha256: ref.sha256, size: ref.size };
  return presentEvidence((await repo.findEvidence(ctx.tx, evidenceId))!, criterion.code);
}

async function loadEvidence(ctx: Ctx, evidenceId: string) {
  staff(ctx);
  const e = await repo.findEvidence(ctx.tx, evidenceId);
  if (!e) throw Errors.notFound(EVIDENCE);
  const loaded = await loadAssessment(ctx, e.assessmentId).catch((err: unknown) => {
    throw err instanceof DomainError && err.status === 404 ? Errors.notFound(EVIDENCE) : err;
  });
  return { e, ...loaded };
}

export async function evidenceContent(ctx: Ctx, evidenceId: string) {
  const { e } = await loadEvidence(ctx, evidenceId);
  ctx.audit.details = { evidence: e.id, sha256: e.sha256 };
  return { evidence: e, bytes: await documentServices(ctx.config).store.get(e.sha256) };
}

export async function deleteEvidence(ctx: Ctx, evidenceId: string): Promise<void> {
  const { e, a, path, actor } = await loadEvidence(ctx, evidenceId);
  requireAssess(actor, path);
  await lockedInStatus(ctx, a.id, "draft");
  await repo.deleteEvidence(ctx.tx, e.id);
  ctx.audit.details = { evidence: e.id, name: e.name, sha256: e.sha256 };
}

// ---------------------------------------------------------------------------------------------
// Ranking and comparison

/** The score a ranking uses: the appraised total, or the self total once submitted (provisional). */
function scoreOf(a: repo.AssessmentRow | undefined): { score: number | null; provisional: boolean } {
  if (!a || a.status === "draft") return { score: null, provisional: false };
  return a.status === "appraised"
    ? { score: a.appraisedTotal, provisional: false }
    : { score: a.selfTotal, provisional: true };
}

/**
 * The peers assessed against the set, ranked by score. With `unit`, the ranking as that unit's
 * readers see it (the unit highlighted); without, as the issuer's readers see it.
 */
export async function ranking(ctx: Ctx, setId: string, unitCode: string | undefined): Promise<RankingOut> {
  const { set, issuerPath, canManage } = await loadSet(ctx, setId);
  const actor = staff(ctx);
  let highlight: string | null = null;
  const units = await repo.assessedUnits(ctx.tx, set);
  const assessments = await repo.listAssessments(ctx.tx, setId);
  if (unitCode !== undefined) {
    const { unit, path } = await readableUnit(ctx, unitCode, "unit");
    if (!canRead(actor, path)) throw Errors.forbidden();
    if (!units.some((u) => u.id === unit.id) && !assessments.some((a) => a.unitId === unit.id))
      throw Errors.invalid([
        fieldError(
          "unit",
          "par.unit_not_assessed",
          {
            vi: "Đơn vị không thuộc đối tượng đánh giá của bộ tiêu chí này.",
            en: "The unit is not among the units this criteria set assesses.",
          },
          "query",
        ),
      ]);
    highlight = unit.id;
  } else if (!canRead(actor, issuerPath)) throw Errors.forbidden();
  const byUnit = new Map(assessments.map((a) => [a.unitId, a]));
  const all = [...units];
  for (const a of assessments)
    if (!units.some((u) => u.id === a.unitId)) all.push({ id: a.unitId, code: a.unitCode, name: a.unitName });
  const items = rankByScore(
    all.map((u) => {
      const a = byUnit.get(u.id);
      return {
        unit: u,
        assessmentId: a?.id ?? null,
        status: a?.status ?? null,
        ...scoreOf(a),
        selfTotal: a ? a.selfTotal : null,
        appraisedTotal: a?.appraisedTotal ?? null,
        highlighted: u.id === highlight,
      };
    }),
    (x) => x.score,
    (x, y) => x.unit.code.localeCompare(y.unit.code),
  );
  ctx.audit.details = { set: setId, unit: unitCode ?? null };
  return { set: presentSetSummary(set, canManage), items };
}

async function yearScore(ctx: Ctx, a: repo.AssessmentRow): Promise<YearScore> {
  const criteria = await repo.listCriteria(ctx.tx, a.setId);
  const scores = await repo.listScores(ctx.tx, a.id);
  const t = totals(
    criteria,
    pointsByCode(criteria, scores, a.status === "appraised" ? "appraisedPoints" : "selfPoints"),
  );
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  return {
    total: t.total,
    groups: t.groups.map((g) => ({
      code: g.code,
      title: byCode.get(g.code)!.title,
      titleEn: byCode.get(g.code)!.titleEn,
      max: g.max,
      points: g.points,
    })),
  };
}

/** A unit's total and top-level groups this year against the previous year (appraised, else self). */
export async function comparison(
  ctx: Ctx,
  unitCode: string,
  year: number | undefined,
): Promise<ComparisonOut> {
  const actor = staff(ctx);
  const { unit, path } = await readableUnit(ctx, unitCode, "unit");
  if (!canRead(actor, path)) throw Errors.forbidden();
  const current = year ?? Number(vietnamDate().slice(0, 4));
  const previous = current - 1;
  const rows = await repo.assessmentsOfUnit(ctx.tx, unit.id, [current, previous]);
  const side = async (y: number) => {
    const a = rows.find((r) => r.year === y);
    if (!a) return { out: null, score: null };
    const score = await yearScore(ctx, a);
    return {
      out: {
        assessmentId: a.id,
        setId: a.setId,
        year: a.year,
        status: a.status,
        total: score.total,
        provisional: a.status !== "appraised",
      },
      score,
    };
  };
  const cur = await side(current);
  const prev = await side(previous);
  const diff = yearOnYear(cur.score, prev.score);
  ctx.audit.details = { unit: unit.code, year: current };
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    year: current,
    previousYear: previous,
    current: cur.out,
    previous: prev.out,
    total: diff.total,
    groups: diff.groups,
  };
}
