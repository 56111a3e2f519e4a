// E-form endpoints (public form in force, builder, assisted filing); paths and payloads in one place.
import { http } from "../../api/client";
import type { Dossier, ReceiveBody } from "../../api/types";
import type { EformOut, EformSchema, EformUi, FormData } from "./types";

export interface BuilderItem {
  procedureCode: string;
  procedureName: string;
  procedureVersionId: string;
  eform: {
    id: string;
    revision: number;
    title: string;
    unitId: string;
    unitName: string;
    createdAt: string;
  } | null;
  inherited: boolean;
}

export interface BuilderForm {
  eform: EformOut | null;
  inherited: boolean;
  revisions: { id: string; revision: number; title: string; createdAt: string; createdBy: string | null }[];
}

/** POST /api/dossiers/assisted: an official files an online dossier on a citizen's behalf. */
export type AssistedBody = Omit<ReceiveBody, "channel" | "onTheSpot"> & {
  channel: "online_full" | "online_partial";
  formData?: FormData;
};

const enc = encodeURIComponent;

export const eforms = {
  inForce: (code: string, unitId: string, signal?: AbortSignal) =>
    http.get<{ eform: EformOut | null }>(
      `/api/public/procedures/${enc(code)}/eform?unitId=${enc(unitId)}`,
      signal,
    ),
  unitList: (unitId: string, signal?: AbortSignal) =>
    http.get<{ items: BuilderItem[] }>(`/api/org/units/${enc(unitId)}/eforms`, signal),
  unitForm: (unitId: string, code: string, signal?: AbortSignal) =>
    http.get<BuilderForm>(`/api/org/units/${enc(unitId)}/eforms/${enc(code)}`, signal),
  save: (unitId: string, body: { procedureCode: string; title: string; schema: EformSchema; ui: EformUi }) =>
    http.post<{ eform: EformOut }>(`/api/org/units/${enc(unitId)}/eforms`, body),
  fileAssisted: (body: AssistedBody, key: string) =>
    http.post<Dossier>("/api/dossiers/assisted", body, { "Idempotency-Key": key }),
};
