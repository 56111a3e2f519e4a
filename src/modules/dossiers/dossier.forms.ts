// Official forms of a stored dossier (spec §7): fills the form data from the dossier and its
// events and renders the PDF of the regime the dossier was received under. Only those who may
// see the dossier's personal data may print its forms.
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.ts";
import type { Ctx } from "../../plugins/context.ts";
import { Errors } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { deadlineText } from "../catalog/catalog.pdf.ts";
import { procedureRecordSchema } from "../catalog/catalog.schemas.ts";
import { effectiveContacts } from "../contacts/contacts.service.ts";
import { authorizeUnit } from "../org/org.service.ts";
import type { DossierRow, EventRow } from "./dossier.repository.ts";
import * as repo from "./dossier.repository.ts";
import type { Applicant } from "./dossier.schemas.ts";
import { accessTo, lookupUrl } from "./dossier.service.ts";
import type { BookRow, ControlRow, FormDossier, FormHeader, Regime } from "./forms/form-data.ts";
import { renderForm } from "./forms/forms.ts";

export type DossierFormKind = "receipt" | "supplement" | "refusal" | "apology" | "stop" | "control";

const LEVEL_WORDS = /^(Phường|Xã|Thị trấn|Đặc khu|Thành phố|Tỉnh|Quận|Huyện|Thị xã)\s+/u;
const HANDOVERS = new Set([
  "receive",
  "forward",
  "transfer",
  "return_from_transfer",
  "issue_result",
  "return_result",
]);
const iso = (s: string) => new Date(s).toISOString();
const upper = (s: string) => s.toLocaleUpperCase("vi-VN");

/** Letterhead of a receiving unit: its People's Committee and its one-stop agency. */
async function header(ctx: Ctx, unitId: string, at: string): Promise<FormHeader> {
  const [h] = await queryRows<{ unit_name: string; agency_name: string | null }>(
    ctx.tx,
    sql`select unit_name_at(u.id, (${at}::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date) as unit_name,
          (select a.name from agencies a where a.unit_id = u.id and a.kind = 'internal' order by a.code limit 1) as agency_name
        from org_units u where u.id = ${unitId}`,
  );
  const unitName = h!.unit_name;
  return {
    governingBody: upper(
      `Ủy ban nhân dân ${unitName.replace(/^(\p{Lu})/u, (c) => c.toLocaleLowerCase("vi-VN"))}`,
    ),
    issuer: upper(h!.agency_name ?? "Bộ phận tiếp nhận và trả kết quả"),
    place: unitName.replace(LEVEL_WORDS, ""),
    contact: await effectiveContacts(ctx.tx, unitId),
  };
}

function base(d: DossierRow, head: FormHeader, procedureName: string): FormDossier {
  const a = d.applicant as Applicant;
  return {
    regime: d.ruleSet as Regime,
    header: head,
    code: d.code!,
    procedureName,
    applicant: { name: a.name, address: a.address, phone: a.phone, email: a.email },
    receivedAt: iso(d.receivedAt!),
    dueAt: iso(d.promisedAt ?? d.dueAt!),
  };
}

const lastEvent = (events: EventRow[], command: string) =>
  [...events].reverse().find((e) => e.command === command);

function notAvailable() {
  return Errors.conflict("dossier.form_not_available", {
    vi: "Biểu mẫu này chưa có cho hồ sơ ở trạng thái hiện tại.",
    en: "This form is not available for the dossier in its current state.",
  });
}

export async function dossierForm(ctx: Ctx, id: string, kind: DossierFormKind): Promise<Buffer> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const d = await repo.findDossier(ctx.tx, id);
  if (!d) throw Errors.notFound({ vi: "Hồ sơ", en: "Dossier" });
  const access = await accessTo(ctx, d);
  if (!access.personal) throw Errors.forbidden();
  ctx.audit.target = d.id;
  ctx.audit.unitId = d.handlingUnitId;
  ctx.audit.details = { code: d.code, form: kind };
  if (!d.code || !d.receivedAt) throw notAvailable();
  const n = await repo.names(ctx.tx, d);
  const events = await repo.events(ctx.tx, d.id);
  const common = base(d, await header(ctx, d.unitId, d.receivedAt), n.procedure_name);
  const a = d.applicant as Applicant;
  switch (kind) {
    case "receipt": {
      const [v] = await queryRows<{ record: unknown }>(
        ctx.tx,
        sql`select record from procedure_versions where id = ${d.procedureVersionId}`,
      );
      const record = procedureRecordSchema.parse(v!.record);
      const first = events[0]!;
      return renderForm("receipt", {
        ...common,
        dueAt: iso(d.dueAt!),
        documents: (d.documents as { name: string; form: string; count: number; provided: boolean }[])
          .filter((doc) => doc.provided)
          .map((doc) => ({ name: doc.name, form: doc.form, count: doc.count })),
        sets: d.sets,
        legalDeadlineText: deadlineText(record.deadline),
        resultDelivery: d.resultDelivery,
        resultPlace:
          d.resultDelivery === "postal"
            ? a.address
            : d.resultDelivery === "desk"
              ? common.header.issuer
              : null,
        bookRef: null,
        receivedBy: first.actorLabel,
        lookupUrl: lookupUrl(ctx, d.code),
      });
    }
    case "supplement": {
      const e = lastEvent(events, "request_supplement");
      if (!e) throw notAvailable();
      const data = (e.data ?? {}) as { items?: string[]; reason?: string | null };
      return renderForm("supplement", {
        ...common,
        items: data.items ?? [],
        reason: data.reason ?? null,
        contact: { name: e.actorLabel, phone: null },
        issuedAt: iso(e.at),
        signedBy: e.actorLabel,
      });
    }
    case "refusal": {
      const e = lastEvent(events, "refuse");
      if (!e) throw notAvailable();
      return renderForm("refusal", {
        ...common,
        reason: e.note ?? "",
        issuedAt: iso(e.at),
        signedBy: e.actorLabel,
      });
    }
    case "apology": {
      const e = lastEvent(events, "apologise");
      if (!e) throw notAvailable();
      const data = (e.data ?? {}) as { newDueAt?: string; reason?: string };
      return renderForm("apology", {
        ...common,
        dueAt: iso(d.dueAt!),
        reason: data.reason ?? e.note ?? "",
        newDueAt: iso(data.newDueAt ?? d.promisedAt!),
        issuedAt: iso(e.at),
        signedBy: e.actorLabel,
        signerTitle: "Thủ trưởng cơ quan giải quyết",
      });
    }
    case "stop": {
      const e = lastEvent(events, "stop");
      if (!e || common.regime !== "2025") throw notAvailable();
      const previous = events.filter((x) => x.seq < e.seq && x.stepName).pop();
      return renderForm("stop", {
        ...common,
        stage: previous?.stepName ?? "Tiếp nhận hồ sơ",
        reason: e.note ?? "",
        legalBasis: "Nghị định 118/2025/NĐ-CP",
        financialConsequences: null,
        issuedAt: iso(e.at),
        signedBy: e.actorLabel,
      });
    }
    case "control":
      return renderForm("control", {
        ...common,
        dueAt: iso(d.dueAt!),
        resolvingAgency: n.handling_name,
        coordinatingAgencies: n.agency_name ? [n.agency_name] : [],
        rows: controlRows(events, common.header.issuer),
      });
  }
}

/** One row per hand-over: who handed over, who took it next, when, and the step's timeliness. */
export function controlRows(events: EventRow[], deskName: string): ControlRow[] {
  const handovers = events.filter((e) => HANDOVERS.has(e.command));
  return handovers.map((e, i) => ({
    agency: e.command === "receive" ? deskName : (e.stepName ?? deskName),
    handedBy: e.actorLabel,
    receivedBy: handovers[i + 1]?.actorLabel ?? "",
    at: iso(e.at),
    result: e.stepResult,
    note: e.note,
  }));
}

/** The tracking book (Form 06 / 07) of a receiving unit for a period. */
export async function trackingBook(
  ctx: Ctx,
  q: { unitId: string; from: string; to: string },
): Promise<Buffer> {
  if (!ctx.actor) throw Errors.unauthenticated();
  // The book lists every dossier of the unit with its applicant's personal data: like the
  // reports' tracking book (tracking-book.service.ts), only its desk and its leader read it, not
  // the specialists and clerks who see the personal data of the dossiers they handle.
  const { path } = await authorizeUnit(ctx, q.unitId, "dossier.personal");
  if (!can(ctx.actor, "dossier.receive", path) && !can(ctx.actor, "report.read", path))
    throw Errors.forbidden();
  if (q.to < q.from)
    throw Errors.invalidField("to", "period_order", {
      vi: "Ngày kết thúc phải sau ngày bắt đầu.",
      en: "The end date must not be before the start date.",
    });
  const rows = await queryRows<{
    code: string;
    procedure_name: string;
    sets: number;
    applicant: Applicant;
    lead_agency: string;
    received_at: string;
    due_at: string;
    promised_at: string | null;
    transferred_at: string | null;
    result_at: string | null;
    returned_at: string | null;
    rule_set: string;
    state: string;
  }>(
    ctx.tx,
    sql`select d.code, v.name as procedure_name, d.sets, d.applicant, d.rule_set, d.state,
          unit_name_at(d.handling_unit_id, (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date) as lead_agency,
          d.received_at, d.due_at, d.promised_at, d.returned_at,
          (select min(e.at) from dossier_events e where e.dossier_id = d.id and e.command = 'forward') as transferred_at,
          (select min(e.at) from dossier_events e where e.dossier_id = d.id and e.command = 'issue_result') as result_at
        from dossiers d join procedure_versions v on v.id = d.procedure_version_id
        where d.unit_id = ${q.unitId} and d.code is not null
          and (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date between ${q.from}::date and ${q.to}::date
        order by d.received_at, d.code`,
  );
  const regime: Regime = q.to >= "2025-07-01" ? "2025" : "2018";
  const book: BookRow[] = rows.map((stored) => {
    // A raw read skips the column type: the applicant's phone comes back encrypted.
    const r = { ...stored, applicant: repo.decodeApplicant<Applicant>(stored.applicant) };
    return {
      code: r.code,
      procedureName: r.procedure_name,
      sets: r.sets,
      applicantName: r.applicant.name,
      applicantContact: [r.applicant.address, r.applicant.phone].filter(Boolean).join("; ") || null,
      leadAgency: r.lead_agency,
      receivedAt: iso(r.received_at),
      dueAt: iso(r.promised_at ?? r.due_at),
      transferredAt: r.transferred_at ? iso(r.transferred_at) : null,
      resultBackAt: r.result_at ? iso(r.result_at) : null,
      returnedAt: r.returned_at ? iso(r.returned_at) : null,
      note: r.state === "refused" ? "Từ chối tiếp nhận" : r.state === "withdrawn" ? "Rút hồ sơ" : null,
    };
  });
  ctx.audit.details = { from: q.from, to: q.to, rows: book.length };
  return renderForm("book", {
    regime,
    header: await header(ctx, q.unitId, new Date().toISOString()),
    from: q.from,
    to: q.to,
    rows: book,
  });
}
