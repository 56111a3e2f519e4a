// The tracking book (Form 06 of Circular 01/2018, Form 07 of Circular 03/2025; legal-notes §5):
// one row per dossier received at a unit's desk in a period (the unit itself, not its subtree).
// The query reads the dossiers and their hand-over events; shaping into rows is pure.
//
// The book's dates, as the one-stop desk keeps them:
// - transfer to the resolving agency: the first hand-over out of the desk (`forward`, or a
//   `transfer` to another agency when that comes first);
// - result received back from the resolving agency: the result issued (`issue_result`: the
//   dossier comes back to the desk with its result);
// - transfers to other agencies and their returns (`transfer`, `return_from_transfer`) are
//   written in the notes, with the state of a dossier whose result was not returned and a new
//   appointment after an apology.

import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import { periodInstants } from "../calendar/dates.ts";
import { type DossierState, ruleSetAt, stateLabel } from "../dossiers/dossier.machine.ts";
import { decodeApplicant } from "../dossiers/dossier.repository.ts";
import { dateVi } from "../dossiers/forms/forms.ts";
import type { TrackingBookOut, TrackingBookRow } from "./reports.schemas.ts";

/** A transfer to another agency or a return from it. */
export type BookTransfer = {
  command: "transfer" | "return_from_transfer";
  at: string;
  agency: string | null;
};

/** A dossier of the book as the query reads it (instants as Date or string, per driver). */
export type BookDossier = {
  id: string;
  code: string;
  procedure_code: string;
  procedure_name: string;
  sets: number;
  applicant: { name?: string; address?: string | null; phone?: string | null };
  state: DossierState;
  lead_agency: string | null;
  received_at: string | Date;
  due_at: string | Date | null;
  promised_at: string | Date | null;
  returned_at: string | Date | null;
  transferred_at: string | Date | null;
  result_at: string | Date | null;
  /** Transfers to other agencies and returns from them, in order (JSON text on some drivers). */
  transfers: BookTransfer[] | string;
};

/**
 * At most this many rows in one book, per format: a longer period must be split. pdfmake lays
 * out 5,000 rows in about 11 s and 460 MB on one core (measured), so the PDF stops there.
 */
export const MAX_BOOK_ROWS = { json: 20_000, xlsx: 20_000, pdf: 5_000 } as const;

const iso = (v: string | Date) => new Date(v).toISOString();
const isoOrNull = (v: string | Date | null) => (v === null ? null : iso(v));
const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Vietnam day bounds of [from, to] as instants, for an index-friendly range on received_at. */
const bounds = (from: string, to: string) => ({
  ...periodInstants(from, to),
});

/** How many dossiers the book of the unit and period has. */
export async function countBookDossiers(tx: Executor, unitId: string, from: string, to: string) {
  const { start, end } = bounds(from, to);
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from dossiers d
        where d.unit_id = ${unitId} and d.code is not null
          and d.received_at >= ${start}::timestamptz and d.received_at < ${end}::timestamptz`,
  );
  return row?.n ?? 0;
}

/** The dossiers received at the unit in the period, in order of reception. */
export async function bookDossiers(tx: Executor, unitId: string, from: string, to: string) {
  const { start, end } = bounds(from, to);
  const rows = await queryRows<BookDossier>(
    tx,
    sql`select d.id, d.code, p.code as procedure_code, v.name as procedure_name, d.sets, d.applicant,
          d.state, d.received_at, d.due_at, d.promised_at, d.returned_at,
          unit_name_at(d.handling_unit_id, (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date) as lead_agency,
          (select min(e.at) from dossier_events e
            where e.dossier_id = d.id and e.command in ('forward', 'transfer')) as transferred_at,
          (select max(e.at) from dossier_events e
            where e.dossier_id = d.id and e.command = 'issue_result') as result_at,
          (select coalesce(json_agg(json_build_object('command', e.command, 'at', e.at, 'agency', a.name) order by e.seq), '[]'::json)
             from dossier_events e left join agencies a on a.id = e.agency_id
            where e.dossier_id = d.id and e.command in ('transfer', 'return_from_transfer')) as transfers
        from dossiers d
        join procedure_versions v on v.id = d.procedure_version_id
        join procedures p on p.id = d.procedure_id
        where d.unit_id = ${unitId} and d.code is not null
          and d.received_at >= ${start}::timestamptz and d.received_at < ${end}::timestamptz
        order by d.received_at, d.code`,
  );
  // A raw read skips the column type: the applicant's phone (and ID number) come back encrypted.
  return rows.map((r) => ({
    ...r,
    applicant: decodeApplicant<BookDossier["applicant"]>(r.applicant),
  }));
}

/** The unit's one-stop agency (its first internal agency), for the letterhead. */
export async function deskName(tx: Executor, unitId: string): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(
    tx,
    sql`select a.name from agencies a where a.unit_id = ${unitId} and a.kind = 'internal' order by a.code limit 1`,
  );
  return row?.name ?? null;
}

/** Ghi chú: the state when the result was not returned, transfers, a new appointment. */
export function bookNote(d: Pick<BookDossier, "state" | "promised_at" | "transfers">): string | null {
  const parts: string[] = [];
  if (d.state !== "returned") parts.push(stateLabel(d.state).vi);
  const transfers: BookTransfer[] = typeof d.transfers === "string" ? JSON.parse(d.transfers) : d.transfers;
  for (const t of transfers)
    parts.push(
      t.command === "transfer"
        ? `Chuyển ${t.agency ?? "cơ quan khác"} ngày ${dateVi(iso(t.at))}`
        : `Nhận lại ngày ${dateVi(iso(t.at))}`,
    );
  if (d.promised_at) parts.push(`Hẹn lại ngày ${dateVi(iso(d.promised_at))}`);
  return parts.length > 0 ? parts.join("; ") : null;
}

/** One row of the book (pure). */
export function bookRow(d: BookDossier, index: number): TrackingBookRow {
  return {
    no: index + 1,
    id: d.id,
    code: d.code,
    procedure: { code: d.procedure_code, name: d.procedure_name },
    sets: d.sets,
    applicant: {
      name: d.applicant.name ?? "",
      address: text(d.applicant.address),
      phone: text(d.applicant.phone),
    },
    leadAgency: d.lead_agency ?? "",
    receivedAt: iso(d.received_at),
    dueAt: isoOrNull(d.due_at),
    transferredAt: isoOrNull(d.transferred_at),
    resultBackAt: isoOrNull(d.result_at),
    returnedAt: isoOrNull(d.returned_at),
    state: d.state,
    note: bookNote(d),
  };
}

/** The form of the book by the rule set in force on the period's last day. */
export function bookForm(to: string): TrackingBookOut["form"] {
  const regime = ruleSetAt(to).id;
  return { regime, number: regime === "2025" ? "07" : "06" };
}
