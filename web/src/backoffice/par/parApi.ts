// Client of /api/v1/par (the PAR index, issue #7). The types are the server's own (type-only
// imports: nothing of the server is bundled but the pure rules of par.logic.ts the pages share).
import type { z } from "zod";
import type {
  assessmentOut,
  comparisonOut,
  criterionIn,
  rankingOut,
  setListOut,
  setOut,
  setUnitsOut,
} from "../../../../src/modules/par/par.schemas.ts";
import { http } from "../../api/client";

export type ParSet = z.output<typeof setOut>;
export type ParSetSummary = z.output<typeof setListOut>["items"][number];
export type ParCriterion = ParSet["criteria"][number];
export type CriterionInput = z.input<typeof criterionIn>;
export type SetUnits = z.output<typeof setUnitsOut>;
export type Assessment = z.output<typeof assessmentOut>;
export type AssessmentCriterion = Assessment["criteria"][number];
export type Evidence = AssessmentCriterion["evidence"][number];
export type AutoFigure = NonNullable<AssessmentCriterion["self"]["figure"]>;
export type Ranking = z.output<typeof rankingOut>;
export type Comparison = z.output<typeof comparisonOut>;
export type ParLevel = ParSet["level"];
export type ParStatus = Assessment["status"];
export type ScoreInput = { code: string; points: number | null; note?: string | null };

const qs = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : "";
};

export const par = {
  sets: (year?: number, signal?: AbortSignal) =>
    http.get<{ items: ParSetSummary[] }>(`/api/v1/par/sets${qs({ year })}`, signal),
  set: (id: string, signal?: AbortSignal) => http.get<ParSet>(`/api/v1/par/sets/${id}`, signal),
  updateSet: (id: string, body: { title: string; criteria: CriterionInput[] }) =>
    http.put<ParSet>(`/api/v1/par/sets/${id}`, body),
  deleteSet: (id: string) => http.delete<null>(`/api/v1/par/sets/${id}`),
  importSet: (
    q: { issuer: string; year: number; level: ParLevel; title?: string; replace: boolean },
    file: File,
  ) =>
    http.upload<ParSet>(
      `/api/v1/par/sets/import${qs({ ...q, replace: q.replace ? "1" : undefined, name: file.name })}`,
      file,
    ),
  units: (setId: string, signal?: AbortSignal) =>
    http.get<SetUnits>(`/api/v1/par/sets/${setId}/units`, signal),
  ranking: (setId: string, unit: string | undefined, signal?: AbortSignal) =>
    http.get<Ranking>(`/api/v1/par/sets/${setId}/ranking${qs({ unit })}`, signal),
  comparison: (unit: string, year: number | undefined, signal?: AbortSignal) =>
    http.get<Comparison>(`/api/v1/par/comparison${qs({ unit, year })}`, signal),
  start: (setId: string, unit: string) =>
    http.post<Assessment>(`/api/v1/par/sets/${setId}/assessments`, { unit }),
  assessment: (id: string, signal?: AbortSignal) =>
    http.get<Assessment>(`/api/v1/par/assessments/${id}`, signal),
  saveSelf: (id: string, scores: ScoreInput[]) =>
    http.put<Assessment>(`/api/v1/par/assessments/${id}/self-scores`, { scores }),
  saveAppraisal: (id: string, scores: ScoreInput[]) =>
    http.put<Assessment>(`/api/v1/par/assessments/${id}/appraisal-scores`, { scores }),
  autoFill: (id: string, code: string) =>
    http.post<Assessment>(`/api/v1/par/assessments/${id}/self-scores/${encodeURIComponent(code)}/auto`),
  submit: (id: string) => http.post<Assessment>(`/api/v1/par/assessments/${id}/submit`),
  appraise: (id: string) => http.post<Assessment>(`/api/v1/par/assessments/${id}/appraise`),
  uploadEvidence: (id: string, criterion: string, file: File) =>
    http.upload<Evidence>(
      `/api/v1/par/assessments/${id}/evidence${qs({ criterion, name: file.name })}`,
      file,
    ),
  deleteEvidence: (id: string) => http.delete<null>(`/api/v1/par/evidence/${id}`),
};
