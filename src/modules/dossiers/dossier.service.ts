// Dossier use cases (spec §5–§9): reception at the desk, online filing, batch entry by a
// mobile team, commands along the lifecycle, reading, work queues and public lookup. Every
// method authorizes first; every change writes the dossier row and its event in the caller's
// transaction, guarded by the version the caller saw.
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client.ts";
import { blindIndexesOf, blindIndexOf } from "../../db/encrypted.ts";
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { DomainError, Errors, type FieldError, fieldError } from "../../shared/errors.ts";
import { maskEmail, maskName, maskPhone } from "../../shared/mask.ts";
import { type Ability, can, canAsSystem, scopesFor } from "../auth/auth.policy.ts";
import { effectiveCalendar } from "../calendar/calendar.service.ts";
import type { WorkingCalendar } from "../calendar/calendar.ts";
import { createWorkingCalendar } from "../calendar/calendar.ts";
import { findProcedureByCode, versionAt } from "../catalog/catalog.repository.ts";
import { type ProcedureRecord, procedureRecordSchema } from "../catalog/catalog.schemas.ts";
import { requireElectronicResult } from "../documents/document.service.ts";
import type { FormData } from "../eforms/eform.model.ts";
import type { EformOut } from "../eforms/eform.schemas.ts";
import { dossierFormData, type FormDataMode } from "../eforms/eform.service.ts";
import { enqueue, type Notification, type NotificationTemplate } from "../notifications/outbox.ts";
import { unitPath } from "../org/org.repository.ts";
import { authorizeUnit, subtreeOf, unitsInScope } from "../org/org.service.ts";
import { deadlineHours, type ProcessStep } from "../process/process.logic.ts";
import { ratingLinkUrl } from "../ratings/ratings.link.ts";
import { reportFactsOf, writeReportFacts } from "../reports/dossier.facts.ts";
import {
  checkApology,
  classify,
  dossierTimeliness,
  dueAfterPause,
  dueAtReception,
  dueBucket,
  stepDueAt,
} from "./dossier.deadline.ts";
import {
  available,
  type Command,
  type CommandArgs,
  commandLabel,
  type DossierState,
  decide,
  FINAL_STATES,
  formatDossierCode,
  isFinal,
  NATIONAL_STATUS,
  type Performer,
  performersOf,
  type RuleSet,
  ruleSetAt,
  ruleSetById,
  stateLabel,
} from "./dossier.machine.ts";
import type { DossierRow } from "./dossier.repository.ts";
import * as repo from "./dossier.repository.ts";
import type {
  Applicant,
  AssistedInput,
  BatchInput,
  CommandInput,
  DossierOut,
  DraftInput,
  ListQuery,
  OnlineInput,
  ReceiveInput,
} from "./dossier.schemas.ts";

const DOSSIER = { vi: "Hồ sơ", en: "Dossier" };
const PERFORMER_ABILITY: Record<Exclude<Performer, "applicant">, Ability> = {
  receptionist: "dossier.receive",
  specialist: "dossier.process",
  leader: "dossier.decide",
  clerk: "dossier.issue",
};
type Step = Pick<ProcessStep, "name" | "hours" | "role">;

// ---------------------------------------------------------------------------------------------
// Access

type Access = { personal: boolean; owner: boolean; abilities: Set<Ability> };

/** What the actor may do with a dossier; 404 when they may not see it at all. */
export async function accessTo(ctx: Ctx, d: DossierRow): Promise<Access> {
  const owner = !!ctx.actor && ctx.actor.kind === "citizen" && d.applicantUserId === ctx.actor.userId;
  const abilities = new Set<Ability>();
  if (ctx.actor?.kind === "staff") {
    const unitIds = [
      ...new Set([d.unitId, d.handlingUnitId, d.transferUnitId].filter((u): u is string => !!u)),
    ];
    for (const unitId of unitIds) {
      const path = await unitPath(ctx.tx, unitId);
      for (const a of ["dossier.read", "dossier.personal", ...Object.values(PERFORMER_ABILITY)] as Ability[])
        if (can(ctx.actor, a, path)) abilities.add(a);
    }
  }
  if (!owner && !abilities.has("dossier.read")) throw Errors.notFound(DOSSIER);
  // A citizen's drafts are theirs alone until submitted.
  if (!owner && d.state === "draft") throw Errors.notFound(DOSSIER);
  return { owner, abilities, personal: owner || abilities.has("dossier.personal") };
}

const mayPerform = (access: Access, command: Command) =>
  performersOf(command).some((p) =>
    p === "applicant" ? access.owner : access.abilities.has(PERFORMER_ABILITY[p]),
  );

// ---------------------------------------------------------------------------------------------
// Transitions

type Clock = { calendar: WorkingCalendar; rules: RuleSet; record: ProcedureRecord };

const paper = (d: Pick<DossierRow, "channel">) => d.channel === "in_person" || d.channel === "postal";
const iso = (d: Date) => d.toISOString();

function refusalError(r: { code: string; vi: string; en: string; status: number; field?: string }) {
  if (r.status === 400 && r.field) return Errors.invalidField(r.field, r.code, { vi: r.vi, en: r.en });
  return new DomainError(r.code, r.status, { vi: r.vi, en: r.en });
}

const staleError = () =>
  Errors.conflict("dossier.stale", {
    vi: "Hồ sơ vừa được người khác cập nhật. Hãy tải lại để xem trạng thái mới.",
    en: "Someone else has just updated this dossier. Reload to see its current state.",
  });

/**
 * Apply one command to a loaded dossier at instant `now`: checks the machine, computes the
 * clock, writes the row (guarded by its version) and the event. Returns the updated row.
 */
async function transition(
  ctx: Ctx,
  d: DossierRow,
  clock: Clock,
  command: Command,
  args: CommandArgs & { note?: string | null },
  now: Date,
  extra: Partial<DossierRow> = {},
): Promise<DossierRow> {
  const steps = d.steps as Step[];
  const decision = decide(clock.rules, machineView(d), command, args);
  if (!decision.ok) throw refusalError(decision.refusal);
  const o = decision.outcome;
  const { calendar, rules, record } = clock;
  const set: Partial<DossierRow> = {
    ...extra,
    state: o.to,
    stepIndex: o.stepIndex,
    resumeState: o.resumeState,
    decision: o.decision,
    supplementCount: o.supplementCount,
    apologyCount: o.apologyCount,
  };
  let stepResult: "early" | "on_time" | "late" | null = null;
  const handover = ["forward", "transfer", "return_from_transfer", "issue_result"].includes(command);
  if (handover && d.stepDueAt) stepResult = classify(now, new Date(d.stepDueAt), rules.timelinessGranularity);

  if (command === "submit") set.submittedAt = iso(now);
  if (command === "forward") {
    const step = steps[o.stepIndex!]!;
    set.stepDueAt = iso(stepDueAt(calendar, now, step.hours));
  }
  if (command === "transfer") {
    const [agency] = await queryRows<{ id: string; unit_id: string }>(
      ctx.tx,
      sql`select id, unit_id from agencies where id = ${args.agencyId}::uuid`,
    );
    if (!agency)
      throw Errors.invalidField("agencyId", "not_found", {
        vi: "Cơ quan nhận hồ sơ chuyển không tồn tại.",
        en: "The agency to transfer to does not exist.",
      });
    set.transferAgencyId = agency.id;
    set.transferUnitId = agency.unit_id;
  }
  if (o.clock === "pause") set.pausedAt = iso(now);
  if (o.clock === "resume" && d.pausedAt && d.dueAt) {
    const pausedAt = new Date(d.pausedAt);
    const kind = d.state === "supplement_requested" ? "supplement" : "suspension";
    set.dueAt = iso(
      dueAfterPause(calendar, rules, {
        dueAt: new Date(d.dueAt),
        pausedAt,
        resumedAt: now,
        deadline: record.deadline,
        paper: paper(d),
        kind,
      }),
    );
    const paused = Math.max(0, calendar.workingMillisBetween(pausedAt, now));
    if (d.stepDueAt) set.stepDueAt = iso(calendar.addWorkingMillis(new Date(d.stepDueAt), paused));
    if (d.promisedAt) set.promisedAt = iso(calendar.addWorkingMillis(new Date(d.promisedAt), paused));
    set.pausedAt = null;
  }
  if (command === "apologise") {
    const newDueAt = new Date(args.newDueAt!);
    const check = checkApology(calendar, rules, { now, dueAt: new Date(d.promisedAt ?? d.dueAt!), newDueAt });
    if (check === "not_after_due")
      throw Errors.invalidField("newDueAt", "dossier.new_due_not_after", {
        vi: "Ngày hẹn mới phải sau ngày hẹn trả hiện tại.",
        en: "The new date must be after the current due date.",
      });
    if (check === "too_late")
      throw Errors.conflict("dossier.apology_too_late", {
        vi: `Văn bản xin lỗi phải gửi chậm nhất ${rules.apologyLeadWorkingDays} ngày làm việc trước ngày hẹn trả.`,
        en: `The apology must be issued at least ${rules.apologyLeadWorkingDays} working day(s) before the due date.`,
      });
    set.promisedAt = iso(newDueAt);
  }
  if (o.clock === "finish" && d.dueAt) {
    set.resolvedAt = iso(now);
    set.timeliness = dossierTimeliness(rules, {
      resolvedAt: now,
      dueAt: new Date(d.dueAt),
      apologised: o.apologyCount > 0,
    });
    set.stepDueAt = null;
  }
  if (o.clock === "end") {
    set.resolvedAt = iso(now);
    set.stepDueAt = null;
  }
  if (command === "return_result") {
    set.returnedAt = iso(now);
    set.returnMethod = args.method!;
  }
  const facts = reportFactsOf(d, { ...d, ...set }, now);
  set.reportOverdueOn = facts.reportOverdueOn;
  const updated = await repo.updateDossier(ctx.tx, d.id, d.version, set);
  if (!updated) throw staleError();
  await writeReportFacts(ctx.tx, facts.deltas);
  await repo.insertEvent(
    ctx.tx,
    {
      dossierId: d.id,
      seq: updated.version,
      at: iso(now),
      actorUserId: ctx.actor?.userId ?? null,
      actorLabel: ctx.actor?.fullName ?? "system",
      command,
      fromState: d.state,
      toState: o.to,
      stepIndex: updated.stepIndex,
      stepName: updated.stepIndex !== null ? (steps[updated.stepIndex]?.name ?? null) : null,
      unitId:
        updated.transferUnitId && updated.state === "transferred"
          ? updated.transferUnitId
          : updated.handlingUnitId,
      agencyId: command === "transfer" ? updated.transferAgencyId : null,
      dueAt: updated.promisedAt ?? updated.dueAt,
      stepDueAt: updated.stepDueAt,
      stepResult,
      note: args.note ?? args.reason ?? null,
      data: eventData(command, args),
    },
    updated,
  );
  await notify(ctx, updated, record.name, command, args);
  return updated;
}

function eventData(command: Command, args: CommandArgs): Record<string, unknown> | null {
  switch (command) {
    case "request_supplement":
      return { items: args.items ?? [], reason: args.reason ?? null };
    case "apologise":
      return { newDueAt: args.newDueAt, reason: args.reason };
    case "return_result":
      return { method: args.method };
    case "transfer":
      return { agencyId: args.agencyId };
    default:
      return args.reason ? { reason: args.reason } : null;
  }
}

function itemsOf(data: unknown): string[] | null {
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items.map(String) : null;
}

function machineView(d: DossierRow) {
  return {
    state: d.state,
    stepIndex: d.stepIndex,
    stepCount: (d.steps as Step[]).length,
    supplementCount: d.supplementCount,
    apologyCount: d.apologyCount,
    decision: d.decision,
    resumeState: d.resumeState,
  };
}

const NOTIFY: Partial<Record<Command, NotificationTemplate>> = {
  receive: "dossier.received",
  request_supplement: "dossier.supplement_requested",
  issue_result: "dossier.result_ready",
  apologise: "dossier.apology",
  return_result: "dossier.returned",
};

async function notify(
  ctx: Ctx,
  d: DossierRow,
  procedureName: string,
  command: Command | "reception",
  args: CommandArgs,
) {
  const template = command === "reception" ? "dossier.received" : NOTIFY[command];
  if (!template || !d.code) return;
  const applicant = d.applicant as Applicant;
  const payload: Record<string, unknown> = {
    code: d.code,
    procedureName,
    applicantName: applicant.name,
    receivedAt: d.receivedAt,
    dueAt: d.promisedAt ?? d.dueAt,
    lookupUrl: lookupUrl(ctx, d.code),
  };
  if (template === "dossier.supplement_requested")
    Object.assign(payload, { items: args.items, reason: args.reason ?? null });
  if (template === "dossier.result_ready") payload.resultDelivery = d.resultDelivery;
  if (template === "dossier.apology")
    Object.assign(payload, { newDueAt: args.newDueAt, reason: args.reason });
  if (template === "dossier.returned") payload.ratingUrl = ratingLinkUrl(ctx.config, d.id, new Date());
  const items: Notification[] = [];
  const key = `dossier:${d.id}:${d.version}`;
  if (applicant.email)
    items.push({
      channel: "email",
      template,
      recipient: applicant.email,
      payload,
      dedupeKey: `${key}:email`,
    });
  if (applicant.phone)
    items.push({ channel: "sms", template, recipient: applicant.phone, payload, dedupeKey: `${key}:sms` });
  await enqueue(ctx.tx, items);
}

export const lookupUrl = (ctx: Ctx, code: string) =>
  `${ctx.config.publicUrl}/tra-cuu/${encodeURIComponent(code)}`;

// ---------------------------------------------------------------------------------------------
// Reception

type Prepared = {
  procedureId: string;
  versionId: string;
  record: ProcedureRecord;
  handlingUnitId: string;
  rules: RuleSet;
  calendar: WorkingCalendar;
  steps: Step[];
  /** The e-form in force at the receiving unit (looked up with the unit's procedures). */
  eformId: string | null;
};

const fieldAt = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/** Validate what reception needs against stored data: procedure in force, units, channel. */
async function prepare(
  ctx: Ctx,
  input: Pick<ReceiveInput, "unitId" | "handlingUnitId" | "procedureCode" | "channel">,
  at: Date,
  prefix = "",
): Promise<Prepared> {
  const errors: FieldError[] = [];
  const day = vietnamDate(at);
  const procedure = await findProcedureByCode(ctx.tx, input.procedureCode);
  const version = procedure ? await versionAt(ctx.tx, procedure.id, day) : undefined;
  if (!procedure || !version || version.change === "abolished")
    throw Errors.invalid([
      fieldError(fieldAt(prefix, "procedureCode"), "dossier.unknown_procedure", {
        vi: `Không có thủ tục mã ${input.procedureCode} còn hiệu lực ngày ${day}.`,
        en: `No procedure ${input.procedureCode} is in force on ${day}.`,
      }),
    ]);
  const record = procedureRecordSchema.parse(version.record);
  const handlingUnitId = input.handlingUnitId ?? input.unitId;
  if (handlingUnitId !== input.unitId && !record.locationIndependent)
    errors.push(
      fieldError(fieldAt(prefix, "handlingUnitId"), "dossier.not_location_independent", {
        vi: "Thủ tục này không được tiếp nhận không phụ thuộc địa giới hành chính; chỉ đơn vị có thẩm quyền tiếp nhận.",
        en: "This procedure is not location-independent; only the competent unit may receive it.",
      }),
    );
  const served = await repo.servesProcedure(ctx.tx, {
    handlingUnitId,
    procedureId: procedure.id,
    versionId: version.id,
    unitId: input.unitId,
  });
  if (!served.serves)
    errors.push(
      fieldError(fieldAt(prefix, "procedureCode"), "dossier.unit_does_not_serve", {
        vi: "Đơn vị giải quyết không thực hiện thủ tục này.",
        en: "The handling unit does not provide this procedure.",
      }),
    );
  const c = record.channels;
  const channelOk =
    (input.channel === "in_person" && c.inPerson) ||
    (input.channel === "postal" && c.postal) ||
    (input.channel === "online_full" && c.online === "fully") ||
    (input.channel === "online_partial" && c.online !== "none");
  if (!channelOk)
    errors.push(
      fieldError(fieldAt(prefix, "channel"), "dossier.channel_not_allowed", {
        vi: "Thủ tục này không cho phép nộp theo hình thức đã chọn.",
        en: "This procedure may not be filed through the chosen channel.",
      }),
    );
  if (record.deadline.kind !== "same_day" && record.deadline.value === null)
    errors.push(
      fieldError(fieldAt(prefix, "procedureCode"), "dossier.no_deadline", {
        vi: "Thủ tục chưa có thời hạn giải quyết trong danh mục; không thể tính ngày hẹn trả.",
        en: "The procedure has no legal deadline in the catalog; the due date cannot be computed.",
      }),
    );
  if (errors.length) throw Errors.invalid(errors);
  const { calendar } = await effectiveCalendar(ctx, handlingUnitId);
  const steps = await stepsFor(ctx, procedure.id, handlingUnitId, at, { calendar, record });
  return {
    procedureId: procedure.id,
    versionId: version.id,
    record,
    handlingUnitId,
    rules: ruleSetAt(day),
    calendar,
    steps,
    eformId: served.eformId,
  };
}

/** The dossier's e-form columns for the data sent (see `dossierFormData`). */
const formColumns = (
  ctx: Ctx,
  p: Prepared,
  input: Pick<ReceiveInput, "formData">,
  mode: FormDataMode,
  prefix = "",
) => dossierFormData(ctx, p.eformId, input.formData, mode, prefix);

/** The unit's internal process in force at `at`, or one step taking the whole legal deadline. */
async function stepsFor(
  ctx: Ctx,
  procedureId: string,
  unitId: string,
  at: Date,
  c: { calendar: WorkingCalendar; record: ProcedureRecord },
): Promise<Step[]> {
  const process = await repo.processAt(ctx.tx, procedureId, unitId, iso(at));
  if (process)
    return (process.steps as ProcessStep[]).map((s) => ({
      name: s.name,
      hours: s.hours,
      role: s.role ?? null,
    }));
  const perDay = c.calendar.workingMillisPerDay / 3_600_000;
  return [{ name: "Giải quyết hồ sơ", hours: deadlineHours(c.record.deadline, perDay), role: "specialist" }];
}

/** The blind index of an applicant's ID number; null when it has no digits (nothing to search by). */
function applicantIdBidxOf(idNumber: string): string | null {
  return blindIndexesOf("idNumber", idNumber).length ? blindIndexOf("idNumber", idNumber) : null;
}

/** The columns every new dossier takes from the reception input and the prepared procedure. */
function newDossier(p: Prepared, input: Omit<ReceiveInput, "onTheSpot" | "serviceMode">) {
  return {
    ruleSet: p.rules.id,
    unitId: input.unitId,
    handlingUnitId: p.handlingUnitId,
    procedureId: p.procedureId,
    procedureVersionId: p.versionId,
    steps: p.steps,
    channel: input.channel,
    applicantName: input.applicant.name,
    // idNumber and phone are encrypted inside the JSON by the column; the ID number's blind index
    // is what the desk's search by ID number compares.
    applicant: input.applicant,
    applicantIdBidx: input.applicant.idNumber ? applicantIdBidxOf(input.applicant.idNumber) : null,
    subject: input.subject ?? p.record.name,
    documents: checklist(p.record, input.documents),
    sets: input.sets,
    fees: p.record.fees.map((f) => ({ name: f.name, amountVnd: f.amountVnd })),
    resultDelivery: input.resultDelivery,
    postalAddress:
      input.resultDelivery === "postal" ? (input.postalAddress ?? input.applicant.address ?? null) : null,
  };
}

/** A result sent by post needs an address (given, or the applicant's): checked when filed online. */
function requirePostalAddress(d: { resultDelivery: string; postalAddress: string | null }) {
  if (d.resultDelivery === "postal" && !d.postalAddress)
    throw Errors.invalidField("postalAddress", "dossier.postal_address", {
      vi: "Nhận kết quả qua bưu chính cần địa chỉ nhận.",
      en: "Delivery by post needs an address to send the result to.",
    });
}

function checklist(record: ProcedureRecord, given: ReceiveInput["documents"]) {
  return (given ?? record.documents.map((d) => ({ ...d, provided: true }))).map((d) => ({
    name: d.name,
    form: d.form,
    count: d.count,
    provided: "provided" in d ? d.provided : true,
  }));
}

/** The next dossier code of the unit's receiving agency for the day of `at` (inside the reception transaction). */
async function assignCode(ctx: Ctx, unitId: string, rules: RuleSet, at: Date): Promise<string> {
  const prefix = await repo.receivingAgencyIdentifier(ctx.tx, unitId);
  const day = vietnamDate(at);
  return formatDossierCode(rules.codeTemplate, prefix, day, await repo.nextCodeSequence(ctx.tx, prefix, day));
}

/** Create a received dossier (desk, post, mobile team) with its code and first event. */
async function createReceived(
  ctx: Ctx,
  input: Omit<ReceiveInput, "onTheSpot">,
  p: Prepared,
  receivedAt: Date,
  form: { eformId: string | null; formData: Record<string, unknown> | null },
): Promise<DossierRow> {
  const code = await assignCode(ctx, input.unitId, p.rules, receivedAt);
  const dueAt = dueAtReception(p.calendar, p.rules, {
    receivedAt,
    deadline: p.record.deadline,
    paper: input.channel === "in_person" || input.channel === "postal",
  });
  const values = {
    ...newDossier(p, input),
    ...form,
    code,
    serviceMode: input.serviceMode,
    state: "received" as const,
    receivedAt: iso(receivedAt),
    dueAt: iso(dueAt),
    reportSector: p.record.sector,
    createdBy: ctx.actor!.userId,
  };
  const facts = reportFactsOf(
    null,
    { ...values, resolvedAt: null, timeliness: null, reportOverdueOn: null },
    receivedAt,
  );
  const d = await repo.insertDossier(ctx.tx, { ...values, reportOverdueOn: facts.reportOverdueOn });
  await writeReportFacts(ctx.tx, facts.deltas);
  await repo.insertEvent(
    ctx.tx,
    {
      dossierId: d.id,
      seq: 1,
      at: iso(receivedAt),
      actorUserId: ctx.actor!.userId,
      actorLabel: ctx.actor!.fullName,
      command: "receive",
      fromState: null,
      toState: "received",
      unitId: input.unitId,
      dueAt: iso(dueAt),
      note: input.note ?? null,
      data: { channel: input.channel, serviceMode: input.serviceMode },
    },
    d,
  );
  await notify(ctx, d, p.record.name, "reception", {});
  return d;
}

export async function receive(ctx: Ctx, input: ReceiveInput): Promise<DossierOut> {
  return receiveAt(ctx, input, new Date());
}

/** Reception at an explicit instant (the service's clock; the demo seeder and tests set it). */
export async function receiveAt(ctx: Ctx, input: ReceiveInput, now: Date): Promise<DossierOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, input.unitId, "dossier.receive");
  if (input.channel === "online_full" || input.channel === "online_partial")
    throw Errors.invalidField("channel", "dossier.online_via_portal", {
      vi: "Hồ sơ trực tuyến được nộp qua Cổng dịch vụ công; tại quầy chọn nộp trực tiếp hoặc bưu chính.",
      en: "Online dossiers are filed through the portal; at the desk choose in person or postal.",
    });
  const p = await prepare(ctx, input, now);
  if (input.onTheSpot?.decision === "rejected" && !input.onTheSpot.reason)
    throw Errors.invalidField("onTheSpot.reason", "dossier.reason_required", {
      vi: "Cần nêu rõ lý do không giải quyết.",
      en: "A written reason is required for a rejection.",
    });
  if (input.onTheSpot && !p.record.onTheSpot)
    throw Errors.invalidField("onTheSpot", "dossier.not_on_the_spot", {
      vi: "Thủ tục này không giải quyết ngay tại chỗ.",
      en: "This procedure is not resolved on the spot.",
    });
  const form = await formColumns(ctx, p, input, "given");
  let d = await createReceived(ctx, input, p, now, form);
  if (input.onTheSpot) {
    // One visit: the desk decides and returns; every step is still an event in the history.
    const clock = { calendar: p.calendar, rules: p.rules, record: p.record };
    const { decision, reason } = input.onTheSpot;
    d = await transition(ctx, d, clock, "forward", {}, now);
    d = await transition(ctx, d, clock, decision === "approved" ? "approve" : "reject", { reason }, now);
    d = await transition(ctx, d, clock, "issue_result", {}, now);
    d = await transition(ctx, d, clock, "return_result", { method: "in_person" }, now);
  }
  ctx.audit.target = d.id;
  ctx.audit.details = { code: d.code, procedure: input.procedureCode, onTheSpot: !!input.onTheSpot };
  return present(ctx, d, await accessTo(ctx, d));
}

/** A mobile team's batch, received off-site with real reception times: all or nothing. */
export async function receiveBatch(ctx: Ctx, input: BatchInput) {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, input.unitId, "dossier.receive");
  const now = new Date();
  const errors: FieldError[] = [];
  input.items.forEach((item, i) => {
    const at = new Date(item.receivedAt);
    const rules = ruleSetAt(vietnamDate(at));
    if (at.getTime() > now.getTime())
      errors.push(
        fieldError(`items.${i}.receivedAt`, "dossier.received_in_future", {
          vi: "Thời điểm tiếp nhận không được ở tương lai.",
          en: "The reception time must not be in the future.",
        }),
      );
    else if (now.getTime() - at.getTime() > rules.batchMaxAgeDays * 86_400_000)
      errors.push(
        fieldError(`items.${i}.receivedAt`, "dossier.received_too_old", {
          vi: `Chỉ được nhập hồ sơ tiếp nhận lưu động trong vòng ${rules.batchMaxAgeDays} ngày.`,
          en: `Off-site receptions may be entered within ${rules.batchMaxAgeDays} days.`,
        }),
      );
    if (item.unitId && item.unitId !== input.unitId)
      errors.push(
        fieldError(`items.${i}.unitId`, "dossier.batch_unit", {
          vi: "Mọi hồ sơ trong lô phải thuộc cùng đơn vị tiếp nhận.",
          en: "Every dossier of a batch belongs to the same receiving unit.",
        }),
      );
  });
  if (errors.length) throw Errors.invalid(errors);
  const created: { id: string; code: string }[] = [];
  // In reception order, so each day's sequence follows the real order of arrival.
  const order = input.items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.receivedAt.localeCompare(b.item.receivedAt));
  for (const { item, i } of order) {
    const at = new Date(item.receivedAt);
    const full = {
      ...item,
      unitId: input.unitId,
      serviceMode: item.serviceMode === "desk" ? "mobile_team" : item.serviceMode,
    };
    const p = await prepare(ctx, full, at, `items.${i}`);
    const form = await formColumns(ctx, p, full, "given", `items.${i}.`);
    const d = await createReceived(ctx, full as ReceiveInput, p, at, form);
    created[i] = { id: d.id, code: d.code! };
  }
  ctx.audit.details = { batch: created.length };
  return { items: created };
}

/** A citizen files online (or saves a draft); the desk receives it later. */
export async function fileOnline(ctx: Ctx, input: OnlineInput): Promise<DossierOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (ctx.actor.kind !== "citizen") throw Errors.forbidden();
  const access: Access = { owner: true, personal: true, abilities: new Set() };
  const d = await createOnline(ctx, input, { applicantUserId: ctx.actor.userId, draft: input.draft });
  return present(ctx, d, access);
}

/**
 * An official at the desk files online for the applicant (assisted filing): the dossier is
 * submitted at once and shows in the citizen's account whose e-mail or phone matches.
 */
export async function fileAssisted(ctx: Ctx, input: AssistedInput): Promise<DossierOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  await authorizeUnit(ctx, input.unitId, "dossier.receive");
  const applicantUserId = await repo.citizenAccountOf(ctx.tx, input.applicant);
  const d = await createOnline(ctx, input, { applicantUserId, assistedBy: ctx.actor.userId, draft: false });
  ctx.audit.details = { procedure: input.procedureCode, assisted: true, linked: !!applicantUserId };
  return present(ctx, d, await accessTo(ctx, d));
}

/**
 * The national public service portal files a dossier (the single online intake point since
 * 2025-07-01). The actor is the integration's own system actor, never a person, and only it may
 * do this; the dossier is submitted at once with the portal's code, linked to the citizen account
 * whose e-mail or phone matches, and waits for the desk like any online dossier. The portal's own
 * application form is not motcua's e-form: form data is checked only when some is given.
 */
export async function fileFromNationalPortal(
  ctx: Ctx,
  input: AssistedInput & { nationalCode: string },
): Promise<DossierRow> {
  if (!canAsSystem(ctx.actor, "dossier.intake")) throw Errors.forbidden();
  const applicantUserId = await repo.citizenAccountOf(ctx.tx, input.applicant);
  const d = await createOnline(ctx, input, {
    applicantUserId,
    draft: false,
    nationalCode: input.nationalCode,
    formMode: "given",
  });
  ctx.audit.unitId = d.unitId;
  ctx.audit.details = {
    procedure: input.procedureCode,
    nationalCode: input.nationalCode,
    linked: !!applicantUserId,
  };
  return d;
}

/** Inserts an online dossier as a draft with its first event, then submits it unless a draft. */
async function createOnline(
  ctx: Ctx,
  input: AssistedInput,
  o: {
    applicantUserId: string | null;
    assistedBy?: string;
    draft: boolean;
    nationalCode?: string;
    formMode?: FormDataMode;
  },
): Promise<DossierRow> {
  const now = new Date();
  const actor = ctx.actor!;
  const p = await prepare(ctx, input, now);
  const form = await formColumns(ctx, p, input, o.formMode ?? (o.draft ? "draft" : "full"));
  const columns = newDossier(p, input);
  if (!o.draft) requirePostalAddress(columns);
  const d = await repo.insertDossier(ctx.tx, {
    ...columns,
    ...form,
    serviceMode: "desk",
    state: "draft",
    applicantUserId: o.applicantUserId,
    assistedBy: o.assistedBy ?? null,
    nationalCode: o.nationalCode ?? null,
    createdBy: actor.userId,
  });
  await repo.insertEvent(
    ctx.tx,
    {
      dossierId: d.id,
      seq: 1,
      at: iso(now),
      actorUserId: actor.userId,
      actorLabel: actor.fullName,
      command: "create",
      fromState: null,
      toState: "draft",
      unitId: input.unitId,
      note: input.note ?? null,
      data: o.assistedBy
        ? { assistedBy: { id: actor.userId, name: actor.fullName } }
        : o.nationalCode
          ? { nationalCode: o.nationalCode }
          : null,
    },
    d,
  );
  ctx.audit.target = d.id;
  if (o.draft) return d;
  const clock = { calendar: p.calendar, rules: p.rules, record: p.record };
  return transition(ctx, d, clock, "submit", {}, now);
}

/** Loads a dossier the actor may see (404 otherwise) and names it in the audit row. */
async function loadDossier(ctx: Ctx, id: string): Promise<{ d: DossierRow; access: Access }> {
  const d = await repo.findDossier(ctx.tx, id);
  if (!d) throw Errors.notFound(DOSSIER);
  const access = await accessTo(ctx, d);
  ctx.audit.unitId = d.handlingUnitId;
  ctx.audit.target = d.id;
  return { d, access };
}

/** The owner changes their draft (any field of the filing, form data unchecked until submitted). */
export async function updateDraft(ctx: Ctx, id: string, input: DraftInput): Promise<DossierOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { d, access } = await loadDossier(ctx, id);
  if (!access.owner) throw Errors.forbidden();
  if (d.state !== "draft")
    throw Errors.conflict("dossier.not_draft", {
      vi: `Chỉ sửa được hồ sơ nháp; hồ sơ đang ở trạng thái "${stateLabel(d.state).vi}".`,
      en: `Only a draft can be edited; this dossier is "${stateLabel(d.state).en}".`,
    });
  if (input.expectedVersion !== d.version) throw staleError();
  const now = new Date();
  const p = await prepare(ctx, input, now);
  const form = await formColumns(ctx, p, input, "draft");
  const updated = await repo.updateDossier(ctx.tx, d.id, d.version, { ...newDossier(p, input), ...form });
  if (!updated) throw staleError();
  await repo.insertEvent(
    ctx.tx,
    {
      dossierId: d.id,
      seq: updated.version,
      at: iso(now),
      actorUserId: ctx.actor.userId,
      actorLabel: ctx.actor.fullName,
      command: "edit_draft",
      fromState: "draft",
      toState: "draft",
      unitId: updated.unitId,
      note: input.note ?? null,
    },
    updated,
  );
  return present(ctx, updated, access);
}

/** The desk receives a submitted online dossier: it gets its code and due date now. */
async function receiveSubmitted(ctx: Ctx, d: DossierRow, clock: Clock, now: Date, note: string | null) {
  const steps = await stepsFor(ctx, d.procedureId, d.handlingUnitId, now, clock);
  const code = await assignCode(ctx, d.unitId, clock.rules, now);
  const dueAt = dueAtReception(clock.calendar, clock.rules, {
    receivedAt: now,
    deadline: clock.record.deadline,
    paper: false,
  });
  const set = {
    code,
    state: "received" as const,
    receivedAt: iso(now),
    dueAt: iso(dueAt),
    steps,
    reportSector: clock.record.sector,
  };
  const facts = reportFactsOf(d, { ...d, ...set }, now);
  const received = await repo.updateDossier(ctx.tx, d.id, d.version, {
    ...set,
    reportOverdueOn: facts.reportOverdueOn,
  });
  if (!received) throw staleError();
  await writeReportFacts(ctx.tx, facts.deltas);
  await repo.insertEvent(
    ctx.tx,
    {
      dossierId: d.id,
      seq: received.version,
      at: iso(now),
      actorUserId: ctx.actor!.userId,
      actorLabel: ctx.actor!.fullName,
      command: "receive",
      fromState: d.state,
      toState: "received",
      unitId: d.unitId,
      dueAt: iso(dueAt),
      note,
    },
    received,
  );
  await notify(ctx, received, clock.record.name, "receive", {});
  return received;
}

// ---------------------------------------------------------------------------------------------
// Commands

async function clockFor(ctx: Ctx, d: DossierRow): Promise<Clock> {
  const [v] = await queryRows<{ record: unknown }>(
    ctx.tx,
    sql`select record from procedure_versions where id = ${d.procedureVersionId}`,
  );
  const { calendar } = await effectiveCalendar(ctx, d.handlingUnitId);
  return { calendar, rules: ruleSetById(d.ruleSet), record: procedureRecordSchema.parse(v!.record) };
}

export async function runCommand(ctx: Ctx, id: string, input: CommandInput): Promise<DossierOut> {
  return commandAt(ctx, id, input, new Date());
}

/** A command at an explicit instant (the service's clock; the demo seeder and tests set it). */
export async function commandAt(ctx: Ctx, id: string, input: CommandInput, now: Date): Promise<DossierOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { d, access } = await loadDossier(ctx, id);
  ctx.audit.details = { code: d.code, command: input.command };
  if (!mayPerform(access, input.command)) throw Errors.forbidden();
  if (input.expectedVersion !== d.version) throw staleError();
  // An online return hands over the electronic result: a signed PDF must exist.
  if (input.command === "return_result" && input.method === "online") await requireElectronicResult(ctx, d);
  const clock = await clockFor(ctx, d);
  let updated: DossierRow;
  if (input.command === "receive") {
    const check = decide(clock.rules, machineView(d), "receive");
    if (!check.ok) throw refusalError(check.refusal);
    updated = await receiveSubmitted(ctx, d, clock, now, input.note);
  } else {
    // A draft is submitted against the form in force now: its data is checked in full.
    if (input.command === "submit" && d.state === "draft") requirePostalAddress(d);
    const form =
      input.command === "submit" && d.state === "draft"
        ? await dossierFormData(
            ctx,
            await repo.formInForceId(ctx.tx, d.procedureVersionId, d.unitId),
            d.formData as FormData | null,
            "full",
          )
        : {};
    updated = await transition(ctx, d, clock, input.command, input, now, form);
  }
  return present(ctx, updated, access);
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function getDossier(ctx: Ctx, id: string): Promise<DossierOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const { d, access } = await loadDossier(ctx, id);
  return present(ctx, d, access);
}

function maskApplicant(a: Applicant): Applicant {
  return {
    kind: a.kind,
    name: a.kind === "person" ? maskName(a.name) : a.name,
    idNumber: null,
    birthDate: null,
    address: null,
    phone: a.phone ? maskPhone(a.phone) : null,
    email: a.email ? maskEmail(a.email) : null,
  };
}

async function present(ctx: Ctx, d: DossierRow, access: Access): Promise<DossierOut> {
  const n = await repo.names(ctx.tx, d);
  const evs = await repo.events(ctx.tx, d.id);
  const rules = ruleSetById(d.ruleSet);
  const commands = [
    ...available(rules, machineView(d)),
    ...(d.state === "submitted" ? ["receive" as const] : []),
  ]
    .filter((c, i, all) => all.indexOf(c) === i)
    .filter((c) => mayPerform(access, c));
  const forms: DossierOut["forms"] = [];
  if (d.code) forms.push("receipt", "control");
  if (d.supplementCount > 0) forms.push("supplement");
  if (d.state === "refused") forms.push("refusal");
  if (d.apologyCount > 0) forms.push("apology");
  if (d.state === "stopped") forms.push("stop");
  const applicant = d.applicant as Applicant;
  return {
    id: d.id,
    code: d.code,
    nationalCode: d.nationalCode,
    ruleSet: d.ruleSet,
    version: d.version,
    state: d.state,
    stateLabel: stateLabel(d.state),
    unit: { id: d.unitId, code: n.unit_code, name: n.unit_name },
    handlingUnit: { id: d.handlingUnitId, code: n.handling_code, name: n.handling_name },
    transferAgency: d.transferAgencyId ? { id: d.transferAgencyId, name: n.agency_name ?? "" } : null,
    procedure: {
      code: n.procedure_code,
      name: n.procedure_name,
      version: Number(n.procedure_version),
      onTheSpot: n.on_the_spot,
    },
    channel: d.channel,
    serviceMode: d.serviceMode,
    applicant: access.personal ? { ...applicant } : maskApplicant(applicant),
    masked: !access.personal,
    subject: d.subject,
    documents: d.documents as DossierOut["documents"],
    sets: d.sets,
    fees: d.fees as DossierOut["fees"],
    resultDelivery: d.resultDelivery,
    postalAddress: access.personal ? d.postalAddress : null,
    steps: (d.steps as Step[]).map((s) => ({ name: s.name, hours: s.hours, role: s.role ?? null })),
    stepIndex: d.stepIndex,
    decision: d.decision,
    submittedAt: isoOrNull(d.submittedAt),
    receivedAt: isoOrNull(d.receivedAt),
    dueAt: isoOrNull(d.dueAt),
    promisedAt: isoOrNull(d.promisedAt),
    stepDueAt: isoOrNull(d.stepDueAt),
    pausedAt: isoOrNull(d.pausedAt),
    resolvedAt: isoOrNull(d.resolvedAt),
    returnedAt: isoOrNull(d.returnedAt),
    returnMethod: d.returnMethod,
    timeliness: d.timeliness,
    supplementCount: d.supplementCount,
    apologyCount: d.apologyCount,
    events: evs.map((e) => ({
      seq: e.seq,
      at: iso(new Date(e.at)),
      actor: e.actorLabel,
      command: e.command,
      commandLabel: EVENT_LABELS[e.command] ?? commandLabel(e.command as Command),
      fromState: e.fromState,
      toState: e.toState,
      stepIndex: e.stepIndex,
      stepName: e.stepName,
      dueAt: isoOrNull(e.dueAt),
      stepDueAt: isoOrNull(e.stepDueAt),
      stepResult: e.stepResult,
      note: access.personal ? e.note : null,
      items: e.command === "request_supplement" ? itemsOf(e.data) : null,
    })),
    commands,
    transferTargets: commands.includes("transfer") ? await transferTargets(ctx, d.handlingUnitId) : [],
    forms,
    lookupUrl: d.code ? lookupUrl(ctx, d.code) : null,
    eform:
      d.eformId && n.eform_title
        ? {
            id: d.eformId,
            title: n.eform_title,
            revision: Number(n.eform_revision),
            schema: n.eform_schema as EformOut["schema"],
            ui: n.eform_ui as EformOut["ui"],
          }
        : null,
    formData: access.personal ? ((d.formData as FormData | null) ?? null) : null,
    assistedBy: d.assistedBy ? { id: d.assistedBy, name: n.assisted_by_name ?? "" } : null,
  };
}

/** Events that are not commands of the machine. */
const EVENT_LABELS: Record<string, { vi: string; en: string }> = {
  create: { vi: "Tạo hồ sơ", en: "Created" },
  edit_draft: { vi: "Sửa hồ sơ nháp", en: "Draft edited" },
};

async function transferTargets(ctx: Ctx, unitId: string) {
  const path = await unitPath(ctx.tx, unitId);
  const rows = await queryRows<{ id: string; name: string; unit_name: string }>(
    ctx.tx,
    sql`select a.id, a.name, unit_name_at(a.unit_id, (now() at time zone 'Asia/Ho_Chi_Minh')::date) as unit_name
        from agencies a where a.unit_id = any(${pgArray(path)}::uuid[])
        order by a.unit_id = ${unitId} desc, a.name`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, unitName: r.unit_name }));
}

const isoOrNull = (s: string | null) => (s ? iso(new Date(s)) : null);

// ---------------------------------------------------------------------------------------------
// Work queues

/** A uuid[] / text[] literal: drizzle would expand a JS array into a list of parameters. */
const pgArray = (xs: readonly string[]) => `{${xs.join(",")}}`;

const RUNNING: DossierState[] = ["received", "processing", "transferred"];
const nationalCalendar = createWorkingCalendar();

export async function listDossiers(ctx: Ctx, q: ListQuery) {
  if (!ctx.actor) throw Errors.unauthenticated();
  // Citizens see their own dossiers (drafts included); staff the dossiers of their units.
  const citizen = ctx.actor.kind === "citizen";
  const scope = citizen ? [] : await unitsInScope(ctx, "dossier.read");
  if (q.unitId && !citizen) await authorizeUnit(ctx, q.unitId, "dossier.read");
  const now = new Date();
  const soon = nationalCalendar.addWorkingDays(now, 2);
  const scopeSql = citizen
    ? sql`d.applicant_user_id = ${ctx.actor.userId}`
    : scope === "all"
      ? sql`true`
      : sql`(d.unit_id = any(${pgArray(scope)}::uuid[]) or d.handling_unit_id = any(${pgArray(scope)}::uuid[]) or d.transfer_unit_id = any(${pgArray(scope)}::uuid[]))`;
  // A unit filter covers the unit and the units below it (a supervisor's city and its wards).
  const unitIds = q.unitId ? pgArray(await subtreeOf(ctx, q.unitId)) : null;
  const unitSql = unitIds
    ? sql`(d.unit_id = any(${unitIds}::uuid[]) or d.handling_unit_id = any(${unitIds}::uuid[]) or d.transfer_unit_id = any(${unitIds}::uuid[]))`
    : sql`true`;
  const roles = [...new Set(ctx.actor.grants.map((g) => g.role))];
  const responsible = sql`(case when d.state in ('submitted','received','supplement_requested','result_ready') then 'receptionist'
    when d.state in ('processing','transferred','suspended') then coalesce(d.steps->(d.step_index)->>'role', 'specialist') end)`;
  const final = sql.raw(`(${FINAL_STATES.map((s) => `'${s}'`).join(",")})`);
  const running = sql.raw(`(${RUNNING.map((s) => `'${s}'`).join(",")})`);
  const nowIso = iso(now);
  const queueSql = {
    all: sql`true`,
    open: sql`d.state not in ${final}`,
    closed: sql`d.state in ${final}`,
    mine: sql`d.state not in ${final} and ${responsible} = any(${pgArray(roles)}::text[])`,
    overdue: sql`d.state in ${running} and coalesce(d.promised_at, d.due_at) < ${nowIso}::timestamptz`,
    due_today: sql`d.state in ${running} and coalesce(d.promised_at, d.due_at) >= ${nowIso}::timestamptz
      and (coalesce(d.promised_at, d.due_at) at time zone 'Asia/Ho_Chi_Minh')::date = (${nowIso}::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date`,
    due_soon: sql`d.state in ${running} and (coalesce(d.promised_at, d.due_at) at time zone 'Asia/Ho_Chi_Minh')::date > (${nowIso}::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date
      and coalesce(d.promised_at, d.due_at) <= ${iso(soon)}::timestamptz`,
  } as const;
  const stateSql = q.state ? sql`d.state = ${q.state}` : sql`true`;
  const search = q.q ? `%${q.q}%` : null;
  // A CMND (9 digits) or CCCD (12) also finds the dossiers filed with it: the ID number is
  // encrypted, so by its blind index (exact match only), within the same scope as the rest.
  const idDigits = q.q?.replace(/[\s.-]/g, "") ?? "";
  const byIdNumber = /^(\d{9}|\d{12})$/.test(idDigits)
    ? sql` or d.applicant_id_bidx = any(${pgArray(blindIndexesOf("idNumber", idDigits))}::text[])`
    : sql``;
  const searchSql = search
    ? sql`(d.code ilike ${search} or f_unaccent(d.applicant_name) ilike f_unaccent(${search}) or f_unaccent(v.name) ilike f_unaccent(${search})${byIdNumber})`
    : sql`true`;
  const order = {
    due: sql`coalesce(d.promised_at, d.due_at) asc nulls last, d.created_at`,
    "-due": sql`coalesce(d.promised_at, d.due_at) desc nulls last, d.created_at`,
    received: sql`d.received_at asc nulls last, d.created_at`,
    "-received": sql`d.received_at desc nulls last, d.created_at desc`,
    code: sql`d.code asc nulls last`,
    "-code": sql`d.code desc nulls last`,
  }[q.sort];
  const base = sql`from dossiers d join procedure_versions v on v.id = d.procedure_version_id
    where ${citizen ? sql`true` : sql`d.state <> 'draft'`} and ${scopeSql} and ${unitSql}`;
  type Row = {
    id: string;
    unit_id: string;
    handling_unit_id: string;
    transfer_unit_id: string | null;
    code: string | null;
    state: DossierState;
    procedure_code: string;
    procedure_name: string;
    applicant_name: string;
    applicant_kind: string;
    unit_name: string;
    channel: DossierRow["channel"];
    received_at: string | null;
    due_at: string | null;
    step_name: string | null;
    step_due_at: string | null;
    timeliness: DossierRow["timeliness"];
    version: number;
  };
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`select d.id, d.code, d.state, v.record->>'code' as procedure_code, v.name as procedure_name,
          d.unit_id, d.handling_unit_id, d.transfer_unit_id,
          d.applicant_name, d.applicant->>'kind' as applicant_kind,
          unit_name_at(d.handling_unit_id, (coalesce(d.received_at, d.created_at) at time zone 'Asia/Ho_Chi_Minh')::date) as unit_name,
          d.channel, d.received_at, coalesce(d.promised_at, d.due_at) as due_at,
          d.steps->(d.step_index)->>'name' as step_name, d.step_due_at, d.timeliness, d.version
        ${base} and ${queueSql[q.queue]} and ${stateSql} and ${searchSql}
        order by ${order} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const [counts] = await queryRows<Record<string, string | number>>(
    ctx.tx,
    sql`select count(*) filter (where ${queueSql[q.queue]} and ${stateSql} and ${searchSql}) as total,
          count(*) filter (where ${queueSql.open}) as open,
          count(*) filter (where ${queueSql.due_today}) as due_today,
          count(*) filter (where ${queueSql.due_soon}) as due_soon,
          count(*) filter (where ${queueSql.overdue}) as overdue,
          count(*) filter (where ${queueSql.mine}) as mine
        ${base}`,
  );
  // Personal data: names only for those who handle the unit's dossiers.
  // Personal data only for rows of units where the reader handles dossiers (desk roles are
  // not subtree roles, so their scopes are exact units).
  const handled = new Set(scopesFor(ctx.actor, "dossier.personal").map((g) => g.unitId));
  const personal = (r: Row) =>
    citizen || [r.unit_id, r.handling_unit_id, r.transfer_unit_id].some((u) => u !== null && handled.has(u));
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      state: r.state,
      stateLabel: stateLabel(r.state),
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      applicantName:
        personal(r) || r.applicant_kind === "organisation" ? r.applicant_name : maskName(r.applicant_name),
      unitName: r.unit_name,
      channel: r.channel,
      receivedAt: isoOrNull(r.received_at),
      dueAt: isoOrNull(r.due_at),
      stepName: r.step_name,
      stepDueAt: isoOrNull(r.step_due_at),
      bucket:
        isFinal(r.state) || !r.due_at || !RUNNING.includes(r.state)
          ? ("closed" as const)
          : dueBucket(nationalCalendar, now, new Date(r.due_at)),
      timeliness: r.timeliness,
      version: Number(r.version),
    })),
    total: Number(counts!.total),
    page: q.page,
    pageSize: q.pageSize,
    counts: {
      open: Number(counts!.open),
      due_today: Number(counts!.due_today),
      due_soon: Number(counts!.due_soon),
      overdue: Number(counts!.overdue),
      mine: Number(counts!.mine),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Public lookup

export async function lookup(ctx: Ctx, code: string) {
  // One round trip: the public lookup is the busiest read (QR codes on every receipt).
  const [d] = await queryRows<{
    code: string;
    state: DossierState;
    applicant_name: string;
    applicant_kind: string;
    procedure_name: string;
    unit_name: string;
    received_at: string | null;
    due_at: string | null;
    promised_at: string | null;
    resolved_at: string | null;
    returned_at: string | null;
    timeliness: DossierRow["timeliness"];
    timeline: { at: string; state: DossierState; step: string | null }[] | string;
  }>(
    ctx.tx,
    sql`select d.code, d.state, d.applicant_name, d.applicant->>'kind' as applicant_kind, v.name as procedure_name,
          unit_name_at(d.handling_unit_id, (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date) as unit_name,
          d.received_at, d.due_at, d.promised_at, d.resolved_at, d.returned_at, d.timeliness,
          (select coalesce(json_agg(json_build_object('at', e.at, 'state', e.to_state, 'step', e.step_name) order by e.seq), '[]')
             from dossier_events e
            where e.dossier_id = d.id and (e.from_state is distinct from e.to_state or e.command = 'forward')) as timeline
        from dossiers d join procedure_versions v on v.id = d.procedure_version_id
        where d.code = ${code.trim()}`,
  );
  if (!d) throw Errors.notFound(DOSSIER);
  const timeline = (typeof d.timeline === "string" ? JSON.parse(d.timeline) : d.timeline) as {
    at: string;
    state: DossierState;
    step: string | null;
  }[];
  return {
    code: d.code,
    state: d.state,
    stateLabel: stateLabel(d.state),
    nationalStatus: NATIONAL_STATUS[d.state],
    procedureName: d.procedure_name,
    unitName: d.unit_name,
    applicantName: d.applicant_kind === "organisation" ? d.applicant_name : maskName(d.applicant_name),
    receivedAt: isoOrNull(d.received_at),
    dueAt: isoOrNull(d.due_at),
    promisedAt: isoOrNull(d.promised_at),
    resolvedAt: isoOrNull(d.resolved_at),
    returnedAt: isoOrNull(d.returned_at),
    timeliness: d.timeliness,
    timeline: timeline.map((e) => ({
      at: iso(new Date(e.at)),
      state: e.state,
      stateLabel: stateLabel(e.state),
      stepName: e.step,
    })),
  };
}
