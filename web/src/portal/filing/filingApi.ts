// Portal calls of online filing and "my dossiers" beyond the core endpoints: the e-form with its
// once-only prefill, saving a draft, attaching a stored document, and the satisfaction rating.
import { http } from "../../api/client";
import type { Dossier, DossierDocument, OnlineBody } from "../../api/types";
import type { DossierEformPart, EformOut, FormData, PrefillOrigin } from "../../components/eform/types";

const enc = encodeURIComponent;
const idempotency = (key: string) => ({ "Idempotency-Key": key });

/** A dossier detail with the e-form parts (eform, formData, assistedBy). */
export type PortalDossier = Dossier & DossierEformPart;

/** The online-filing body with the filled form. */
export type FilingBody = OnlineBody & { formData?: FormData };

export interface Prefill {
  eform: EformOut | null;
  values: FormData;
  sources: Record<string, PrefillOrigin>;
}

export type RatingLevel = "very_satisfied" | "satisfied" | "normal" | "dissatisfied";
export const RATING_LEVELS: readonly RatingLevel[] = [
  "very_satisfied",
  "satisfied",
  "normal",
  "dissatisfied",
];

export interface Rating {
  level: RatingLevel;
  reasons: string[];
  comment: string | null;
  createdAt: string;
}

export const filing = {
  prefill: (procedureCode: string, unitId: string, signal?: AbortSignal) =>
    http.get<Prefill>(
      `/api/portal/eforms/prefill?procedureCode=${enc(procedureCode)}&unitId=${enc(unitId)}`,
      signal,
    ),
  dossier: (id: string, signal?: AbortSignal) => http.get<PortalDossier>(`/api/dossiers/${enc(id)}`, signal),
  /** First save of a draft (or filing at once when `draft` is false). */
  create: (body: FilingBody, key: string) =>
    http.post<PortalDossier>("/api/portal/dossiers", body, idempotency(key)),
  /** A later save of a draft: the whole body again, guarded by the version last seen. */
  saveDraft: (id: string, body: FilingBody & { expectedVersion: number }, key: string) =>
    http.put<PortalDossier>(`/api/portal/dossiers/${enc(id)}`, body, idempotency(key)),
  reuse: (dossierId: string, documentId: string, key: string) =>
    http.post<DossierDocument>(
      `/api/dossiers/${enc(dossierId)}/documents/reuse`,
      { documentId },
      idempotency(key),
    ),
  rating: (id: string, signal?: AbortSignal) =>
    http.get<{ rating: Rating | null; canRate: boolean }>(`/api/portal/dossiers/${enc(id)}/rating`, signal),
  rate: (id: string, body: { level: RatingLevel; reasons: string[]; comment?: string }, key: string) =>
    http.post<{ rating: Rating }>(`/api/portal/dossiers/${enc(id)}/rating`, body, idempotency(key)),
};
