// The tracking book as the official form (Form 06 / 07, A4 landscape): the layout is the one
// builder every printed book uses (dossiers/forms/forms.ts `buildTrackingBook`: letterhead,
// "Mẫu số 06" or "07" by the rule set in force on the period's last day, the fourteen columns
// with the dates grouped, header rows repeated on every page, page numbers).

import type { BookRow, FormHeader, TrackingBookData } from "../dossiers/forms/form-data.ts";
import { renderForm } from "../dossiers/forms/forms.ts";
import type { TrackingBookOut } from "./reports.schemas.ts";
import { governingBody, placeName } from "./resolution.pdf.ts";

const upper = (s: string) => s.toLocaleUpperCase("vi-VN");

/** The letterhead of the unit's desk. */
export const bookHeader = (book: TrackingBookOut): FormHeader => ({
  governingBody: governingBody(book.unit.name),
  issuer: upper(book.unit.desk ?? "Bộ phận tiếp nhận và trả kết quả"),
  place: placeName(book.unit.name),
});

/** The form's data from the book's rows (pure). */
export function trackingBookData(book: TrackingBookOut): TrackingBookData {
  const rows: BookRow[] = book.rows.map((r) => ({
    code: r.code,
    procedureName: r.procedure.name,
    sets: r.sets,
    applicantName: r.applicant.name,
    applicantContact: [r.applicant.address, r.applicant.phone].filter(Boolean).join("; ") || null,
    leadAgency: r.leadAgency,
    receivedAt: r.receivedAt,
    // Empty for a dossier without a due date (the builder prints nothing for "").
    dueAt: r.dueAt ?? "",
    transferredAt: r.transferredAt,
    resultBackAt: r.resultBackAt,
    returnedAt: r.returnedAt,
    note: r.note,
  }));
  return { regime: book.form.regime, header: bookHeader(book), from: book.from, to: book.to, rows };
}

export function trackingBookPdf(book: TrackingBookOut): Promise<Buffer> {
  return renderForm("book", trackingBookData(book));
}
