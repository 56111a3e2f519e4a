// The e-form API shapes the web app reads (see the e-form contract): a form in force, the
// builder's procedure list and revisions, and the dossier detail's filled form.
import type { EformSchema, EformUi, FormData } from "../../../../src/modules/eforms/eform.model.ts";

export type { EformSchema, EformUi, FormData };

/** A stored form revision (GET /api/public/procedures/:code/eform, builder reads). */
export interface EformOut {
  id: string;
  procedureCode: string;
  procedureVersionId: string;
  unitId: string;
  unitName: string;
  revision: number;
  title: string;
  schema: EformSchema;
  ui: EformUi;
  createdAt: string;
}

/** Where a prefilled value came from (portal prefill), shown as a hint beside the field. */
export type PrefillOrigin = "profile" | "applicant" | "previous";

/** A dossier's filled form as the dossier detail returns it. */
export interface DossierEform {
  id: string;
  title: string;
  revision: number;
  schema: EformSchema;
  ui: EformUi;
}

/** The extra fields of a dossier detail (e-forms, assisted filing). */
export interface DossierEformPart {
  eform?: DossierEform | null;
  formData?: FormData | null;
  assistedBy?: { id: string; name: string } | null;
}
