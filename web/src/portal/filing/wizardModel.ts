// The online-filing wizard's model (pure): its steps, which step owns which field, and the form
// values ↔ the API body of online filing (and back, to continue a saved draft).
import type { ChecklistItem, ProcedureRecord, ResultDelivery } from "../../api/types";
import {
  type ApplicantValues,
  applicantInput,
  type ChecklistValues,
  checklistInput,
} from "../../components/applicant";
import { formDataInput } from "../../components/eform/formData";
import type { EformUi } from "../../components/eform/types";
import type { FilingBody, PortalDossier } from "./filingApi";

export const STEPS = ["where", "form", "documents", "delivery", "review"] as const;
export type StepKey = (typeof STEPS)[number];

export type OnlineChannel = "online_full" | "online_partial";

export interface WizardValues {
  unitId?: string;
  applicant?: ApplicantValues;
  formData?: Record<string, unknown>;
  documents?: (ChecklistValues & Pick<ChecklistItem, "name" | "form">)[];
  channel?: OnlineChannel;
  resultDelivery?: ResultDelivery;
  postalAddress?: string;
  note?: string;
}

/** The step where a (server or browser) field error is shown and corrected. */
export function stepOfField(field: string): StepKey {
  if (field === "unitId" || field === "handlingUnitId" || field.startsWith("applicant")) return "where";
  if (field.startsWith("formData")) return "form";
  if (field.startsWith("documents")) return "documents";
  if (["channel", "resultDelivery", "postalAddress"].includes(field)) return "delivery";
  return "review";
}

/** The steps shown: the e-form step only when a form is in force. */
export function visibleSteps(hasForm: boolean): StepKey[] {
  return STEPS.filter((step) => step !== "form" || hasForm);
}

/** The channels the procedure allows online. */
export function onlineChannels(procedure: Pick<ProcedureRecord, "channels">): OnlineChannel[] {
  return procedure.channels.online === "fully" ? ["online_full", "online_partial"] : ["online_partial"];
}

export function initialValues(
  procedure: ProcedureRecord,
  units: { id: string }[],
  profile: { fullName: string; email: string | null },
): WizardValues {
  return {
    unitId: units.length === 1 ? units[0]!.id : undefined,
    applicant: { kind: "person", name: profile.fullName, email: profile.email ?? undefined },
    documents: procedure.documents.map((d) => ({
      name: d.name,
      form: d.form,
      count: d.count,
      provided: false,
    })),
    channel: onlineChannels(procedure)[0],
    resultDelivery: "online",
  };
}

/** A saved draft → the wizard's values. */
export function valuesOfDossier(d: PortalDossier, procedure: ProcedureRecord): WizardValues {
  const a = d.applicant;
  const optional = (value: string | null) => value ?? undefined;
  return {
    unitId: d.unit.id,
    applicant: {
      kind: a.kind,
      name: a.name,
      idNumber: optional(a.idNumber),
      birthDate: optional(a.birthDate),
      address: optional(a.address),
      phone: optional(a.phone),
      email: optional(a.email),
    },
    formData: d.formData ?? undefined,
    documents: procedure.documents.map((doc, i) => {
      const saved = d.documents.find((s) => s.name === doc.name) ?? d.documents[i];
      return {
        name: doc.name,
        form: doc.form,
        count: saved?.count ?? doc.count,
        provided: saved?.provided ?? false,
      };
    }),
    channel: d.channel === "online_partial" ? "online_partial" : onlineChannels(procedure)[0],
    resultDelivery: d.resultDelivery,
    postalAddress: d.postalAddress ?? undefined,
    note: lastNote(d) ?? undefined,
  };
}

/** The note given when the draft was created or last saved (the newest event with a note). */
function lastNote(d: PortalDossier): string | null {
  for (let i = d.events.length - 1; i >= 0; i--) {
    const note = d.events[i]!.note;
    if (note) return note;
  }
  return null;
}

/** The wizard's values → the online-filing body. */
export function bodyOf(
  values: WizardValues,
  procedure: ProcedureRecord,
  ui: EformUi | null,
  draft: boolean,
): FilingBody {
  const postal = values.resultDelivery === "postal" ? values.postalAddress?.trim() : "";
  const note = values.note?.trim();
  return {
    unitId: values.unitId ?? "",
    procedureCode: procedure.code,
    channel: values.channel ?? onlineChannels(procedure)[0]!,
    applicant: applicantInput(values.applicant),
    documents: checklistInput(procedure.documents, values.documents),
    resultDelivery: values.resultDelivery ?? "online",
    ...(postal ? { postalAddress: postal } : {}),
    ...(note ? { note } : {}),
    ...(ui ? { formData: formDataInput(ui, values.formData) } : {}),
    draft,
  };
}
