// Applicant form values → the API's applicant (trimmed, empty optional fields left out).
import type { ApplicantInput, ChecklistItem } from "../api/types";

export interface ApplicantValues {
  kind?: "person" | "organisation";
  name?: string;
  idNumber?: string;
  birthDate?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export function applicantInput(values: ApplicantValues | undefined): ApplicantInput {
  const v = values ?? {};
  const out: ApplicantInput = { kind: v.kind ?? "person", name: (v.name ?? "").trim() };
  for (const key of ["idNumber", "birthDate", "address", "phone", "email"] as const) {
    const value = v[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** "Provided" and count as the API wants them, from the checklist rows of a form. */
/** What the checklist's fields hold per row (name and form come from the procedure). */
export interface ChecklistValues {
  count?: number | null;
  provided?: boolean;
}

/**
 * The checklist as the API wants it: the procedure's documents (name, form) with "provided" and
 * the count from the form's rows, matched by position.
 */
export function checklistInput(
  documents: readonly Pick<ChecklistItem, "name" | "form" | "count">[],
  rows: (ChecklistValues | undefined)[] | undefined,
): ChecklistItem[] {
  return documents.map((doc, index) => {
    const row = rows?.[index];
    const count = row?.count;
    return {
      name: doc.name,
      form: doc.form,
      count: count && count > 0 ? Math.round(count) : doc.count,
      provided: row ? !!row.provided : true,
    };
  });
}
