// Petitions (issue #8): the register of complaints, denunciations and recommendations received by
// a unit, their classification, assignment, extensions, decision and closure with the legal
// deadlines (petitions.logic.ts), the receipt, and the figures. Every method authorizes first
// against the stored petition (petitions.policy.ts), runs in the route's transaction with its
// audit row and writes an insert-only petition_events row. A confidential petitioner's identity is
// read from its own table only after the caller is found to be the handler or a leader.
import type { Ctx } from "../../plugins/context.ts";
import { DomainError, Errors, fieldError, type Message } from "../../shared/errors.ts";
import { can } from "../auth/auth.policy.ts";
import { effectiveCalendar } from "../calendar/calendar.service.ts";
import { periodInstants, toIsoDate } from "../calendar/dates.ts";
import { findUnit, findUnitByCode, type UnitRow, unitPath } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import { reportUnits } from "../reports/resolution.repository.ts";
import {
  acceptDue,
  addFigures,
  allowedCommands,
  type ComplaintOptions,
  checkExtension,
  confidentialLabel,
  DEFAULT_OPTIONS,
  dueState,
  emptyFigures,
  nextStatus,
  type PetitionCommand,
  type PetitionKind,
  type PetitionStatus,
  resolveDue,
  resolveRule,
  SOON_DAYS,
} from "./petitions.logic.ts";
import { leadsUnit, type PetitionAccess, petitionAccess } from "./petitions.policy.ts";
import * as repo from "./petitions.repository.ts";
import type {
  CommandBody,
  ListQuery,
  PetitionDetail,
  PetitionSummary,
  RegisterBody,
  StatsOut,
  StatsQuery,
} from "./petitions.schemas.ts";

const UNIT = { vi: "Đơn vị", en: "Unit" };
const PETITION = { vi: "Đơn", en: "Petition" };
const DAY_MS = 86_400_000;
const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

export const STATUS_NAMES: Record<PetitionStatus, Message> = {
  received: { vi: "đã tiếp nhận", en: "received" },
  accepted: { vi: "đã thụ lý", en: "accepted" },
  not_accepted: { vi: "không thụ lý", en: "not accepted" },
  forwarded: { vi: "đã chuyển đơn", en: "forwarded" },
  in_progress: { vi: "đang giải quyết", en: "in progress" },
  decided: { vi: "đã có kết quả giải quyết", en: "decided" },
  closed: { vi: "đã kết thúc", en: "closed" },
  withdrawn: { vi: "đã rút đơn", en: "withdrawn" },
};

// ---- Authorization ----

/** Who may give a command, given what the caller is to the petition. */
export function mayGive(access: PetitionAccess, command: PetitionCommand): boolean {
  if (command === "assign") return access.lead;
  if (command === "withdraw") return access.lead || access.handler || access.register;
  return access.lead || access.handler;
}

/** The unit's chain and the caller's access; 404 when they may not even see the unit's petitions. */
async function accessAt(ctx: Ctx, unitId: string, handlerId: string | null, what: Message = UNIT) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const path = await unitPath(ctx.tx, unitId);
  if (!can(ctx.actor, "org.read", path) && !leadsUnit(ctx.actor, path)) throw Errors.notFound(what);
  ctx.audit.unitId = unitId;
  return { path, access: petitionAccess(ctx.actor, path, handlerId) };
}

async function unitByCode(ctx: Ctx, code: string): Promise<UnitRow> {
  const unit = await findUnitByCode(ctx.tx, code);
  if (!unit) throw Errors.notFound(UNIT);
  return unit;
}

async function loadPetition(ctx: Ctx, id: string, lock = false) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const p = await repo.findPetition(ctx.tx, id, lock);
  if (!p) throw Errors.notFound(PETITION);
  const { access } = await accessAt(ctx, p.unitId, p.handlerId, PETITION);
  if (!access.read) throw Errors.notFound(PETITION);
  ctx.audit.target = p.id;
  return { p, access };
}

async function isWorkingDayOf(ctx: Ctx, unitId: string) {
  const { calendar } = await effectiveCalendar(ctx, unitId);
  return (day: string) => calendar.isWorkingDay(day);
}

// ---- Presenters ----

type Labels = Map<string, { name: string | null; confidential: boolean }>;

async function presentSummaries(ctx: Ctx, rows: repo.PetitionRow[], now: Date): Promise<PetitionSummary[]> {
  const labels: Labels = await repo.partyLabels(
    ctx.tx,
    rows.map((r) => r.id),
  );
  const names = await repo.userNames(
    ctx.tx,
    rows.flatMap((r) => (r.handlerId ? [r.handlerId] : [])),
  );
  const units = new Map<string, UnitRow>();
  for (const r of rows)
    if (!units.has(r.unitId)) {
      const u = await findUnit(ctx.tx, r.unitId);
      if (u) units.set(r.unitId, u);
    }
  return rows.map((r) => summary(r, labels, names, units.get(r.unitId)!, now));
}

function summary(
  r: repo.PetitionRow,
  labels: Labels,
  names: Map<string, string>,
  unit: UnitRow,
  now: Date,
): PetitionSummary {
  const label = labels.get(r.id);
  const confidential = label?.confidential ?? true;
  return {
    id: r.id,
    code: r.code,
    unit: { id: unit.id, code: unit.code, name: unit.name },
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    receivedAt: iso(r.receivedAt)!,
    subject: r.subject,
    concerns: r.concerns,
    petitionerLabel: confidential || !label?.name ? confidentialLabel(r.kind).vi : label.name,
    confidential,
    acceptDueAt: iso(r.acceptDueAt)!,
    resolveDueAt: iso(r.resolveDueAt),
    extensions: r.extensions,
    handler: r.handlerId ? { id: r.handlerId, name: names.get(r.handlerId) ?? "" } : null,
    due: dueState(
      { status: r.status, acceptDueAt: iso(r.acceptDueAt)!, resolveDueAt: iso(r.resolveDueAt) },
      now,
    ),
  };
}

type Events = Awaited<ReturnType<typeof repo.listEvents>>;

/** A complaint's round and area, recorded at registration. */
function optionsOf(events: Events): ComplaintOptions {
  const data = (events.find((e) => e.kind === "received")?.data ?? {}) as Partial<ComplaintOptions>;
  return { round: data.round === 2 ? 2 : 1, remoteArea: data.remoteArea === true };
}

async function presentDetail(
  ctx: Ctx,
  p: repo.PetitionRow,
  access: PetitionAccess,
  now: Date,
): Promise<PetitionDetail> {
  const [head] = await presentSummaries(ctx, [p], now);
  const events = await repo.listEvents(ctx.tx, p.id);
  // The identity table is read only when the caller may see it, or when it is not confidential.
  const mayRead = access.identity || !head!.confidential;
  const party = mayRead ? await repo.findParty(ctx.tx, p.id) : undefined;
  ctx.audit.details = { ...ctx.audit.details, code: p.code, identityShown: party !== undefined };
  const opts = optionsOf(events);
  const rule = resolveRule(p.kind, opts);
  return {
    ...head!,
    content: p.content,
    decision: p.decision,
    decidedAt: iso(p.decidedAt),
    acceptedAt: iso(p.acceptedAt),
    closedAt: iso(p.closedAt),
    round: opts.round,
    remoteArea: opts.remoteArea,
    petitioner: party
      ? {
          fullName: party.fullName,
          idNumber: party.idNumber,
          address: party.address,
          phone: party.phone,
          email: party.email,
        }
      : null,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: iso(e.at)!,
      actor: e.actor,
      data: e.data as Record<string, unknown>,
    })),
    actions: allowedCommands(p.status, p.handlerId !== null).filter((c) => mayGive(access, c)),
    handlers: access.lead ? await repo.handlerCandidates(ctx.tx, p.unitId) : [],
    extension: { maxExtensions: rule.maxExtensions, daysPerExtension: rule.daysPerExtension },
  };
}

// ---- Register ----

export async function register(ctx: Ctx, body: RegisterBody, now = new Date()): Promise<PetitionDetail> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, body.unit);
  await authorizeUnit(ctx, unit.id, "petition.register");
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000)
    throw Errors.invalidField("receivedAt", "petition.received_future", {
      vi: "Thời điểm tiếp nhận không được ở tương lai.",
      en: "The time of receipt cannot be in the future.",
    });
  if (receivedAt.getTime() < now.getTime() - 366 * DAY_MS)
    throw Errors.invalidField("receivedAt", "petition.received_old", {
      vi: "Chỉ vào sổ đơn tiếp nhận trong vòng một năm.",
      en: "Only petitions received within the last year can be registered.",
    });
  const opts: ComplaintOptions =
    body.kind === "complaint" ? { round: body.round, remoteArea: body.remoteArea } : DEFAULT_OPTIONS;
  const p = await insertWithParty(
    ctx,
    unit.id,
    {
      kind: body.kind,
      channel: body.channel,
      subject: body.subject,
      content: body.content,
      concerns: body.concerns,
    },
    body.petitioner,
    receivedAt,
    opts,
    {},
  );
  ctx.audit.target = p.id;
  ctx.audit.details = { code: p.code, kind: p.kind, channel: p.channel };
  const { access } = await accessAt(ctx, p.unitId, p.handlerId);
  return presentDetail(ctx, p, access, now);
}

async function insertWithParty(
  ctx: Ctx,
  unitId: string,
  fields: Pick<repo.PetitionRow, "kind" | "channel" | "subject" | "content" | "concerns">,
  party: Omit<repo.PartyRow, "petitionId">,
  receivedAt: Date,
  opts: ComplaintOptions,
  extra: Record<string, unknown>,
): Promise<repo.PetitionRow> {
  const isWorkingDay = await isWorkingDayOf(ctx, unitId);
  const at = receivedAt.toISOString();
  const due = acceptDue(fields.kind, at, isWorkingDay);
  const code = await repo.nextCode(ctx.tx, unitId, Number(toIsoDate(receivedAt).slice(0, 4)));
  const p = await repo.insertPetition(ctx.tx, {
    ...fields,
    unitId,
    code,
    receivedAt: at,
    acceptDueAt: due,
    createdBy: ctx.actor?.userId ?? null,
  });
  await repo.insertParty(ctx.tx, {
    petitionId: p.id,
    fullName: party.fullName,
    idNumber: party.idNumber,
    address: party.address,
    phone: party.phone,
    email: party.email,
    // The Law on Denunciations keeps every denouncer's identity secret (Art. 9(1)(b), 47–48).
    confidential: fields.kind === "denunciation" || party.confidential,
  });
  await repo.insertEvent(ctx.tx, {
    petitionId: p.id,
    kind: "received",
    actorId: ctx.actor?.userId ?? null,
    data: { acceptDueAt: due, channel: fields.channel, ...opts, ...extra },
    at,
  });
  return p;
}

// ---- Reads ----

export async function list(ctx: Ctx, q: ListQuery, now = new Date()) {
  const unit = await unitByCode(ctx, q.unit);
  const { access } = await accessAt(ctx, unit.id, null);
  if (!access.read) throw Errors.forbidden();
  if (q.from && q.to && q.from > q.to)
    throw Errors.invalid([
      fieldError(
        "from",
        "petition.period",
        { vi: "Từ ngày phải trước đến ngày.", en: "From must be before to." },
        "query",
      ),
    ]);
  const { rows, total } = await repo.listPetitions(ctx.tx, {
    unitId: unit.id,
    kind: q.kind,
    status: q.status,
    due: q.due,
    handlerId: q.mine ? ctx.actor!.userId : undefined,
    q: q.q,
    start: q.from ? periodInstants(q.from, q.from).start : undefined,
    end: q.to ? periodInstants(q.to, q.to).end : undefined,
    sort: q.sort,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    now,
    soonDays: SOON_DAYS,
  });
  return { items: await presentSummaries(ctx, rows, now), total, page: q.page, pageSize: q.pageSize };
}

export async function detail(ctx: Ctx, id: string, now = new Date()): Promise<PetitionDetail> {
  const { p, access } = await loadPetition(ctx, id);
  return presentDetail(ctx, p, access, now);
}

// ---- Commands ----

const badMove = (p: repo.PetitionRow, command: PetitionCommand) =>
  new DomainError(
    "petition.invalid_transition",
    409,
    {
      vi: `Đơn ${p.code} đang ở trạng thái “${STATUS_NAMES[p.status].vi}”, không thực hiện được thao tác này.`,
      en: `Petition ${p.code} is ${STATUS_NAMES[p.status].en}; this action is not possible.`,
    },
    [],
    { petitionStatus: p.status, command, allowedCommands: allowedCommands(p.status, p.handlerId !== null) },
  );

export async function command(
  ctx: Ctx,
  id: string,
  body: CommandBody,
  now = new Date(),
): Promise<PetitionDetail> {
  const { p, access } = await loadPetition(ctx, id, true);
  ctx.audit.details = { code: p.code, command: body.command };
  if (!mayGive(access, body.command)) throw Errors.forbidden();
  const next = nextStatus(p.status, body.command, p.handlerId !== null);
  if (next === null) throw badMove(p, body.command);
  const at = now.toISOString();
  const actorId = ctx.actor!.userId;
  const event = (kind: string, data: Record<string, unknown>) =>
    repo.insertEvent(ctx.tx, { petitionId: p.id, kind, actorId, data, at });
  let row: repo.PetitionRow;
  switch (body.command) {
    case "accept": {
      const events = await repo.listEvents(ctx.tx, p.id);
      const days = resolveRule(p.kind, optionsOf(events)).days;
      const resolveDueAt = resolveDue(at, days, await isWorkingDayOf(ctx, p.unitId));
      row = await repo.updatePetition(ctx.tx, p.id, { status: next, acceptedAt: at, resolveDueAt });
      await event("accepted", { resolveDueAt, resolveDays: days });
      break;
    }
    case "not_accept":
      row = await repo.updatePetition(ctx.tx, p.id, { status: next, decision: body.reason, closedAt: at });
      await event("not_accepted", { reason: body.reason });
      break;
    case "forward":
      row = await forward(ctx, p, body.toUnit, body.reason, now);
      break;
    case "assign": {
      const candidates = await repo.handlerCandidates(ctx.tx, p.unitId);
      const handler = candidates.find((c) => c.id === body.handlerId);
      if (!handler)
        throw Errors.invalidField("handlerId", "petition.handler_unknown", {
          vi: "Chọn một chuyên viên hoặc lãnh đạo của đơn vị.",
          en: "Choose a specialist or leader of the unit.",
        });
      row = await repo.updatePetition(ctx.tx, p.id, { status: next, handlerId: handler.id });
      await event("assigned", { handlerId: handler.id, handlerName: handler.name });
      break;
    }
    case "extend": {
      const events = await repo.listEvents(ctx.tx, p.id);
      const opts = optionsOf(events);
      const rule = resolveRule(p.kind, opts);
      const days = body.days ?? rule.daysPerExtension;
      const refusal = checkExtension(p.kind, opts, p.extensions, days, body.complexity);
      if (refusal) throw Errors.conflict(refusal.code, { vi: refusal.vi, en: refusal.en });
      const granted = events
        .filter((e) => e.kind === "extended")
        .reduce((sum, e) => sum + Number((e.data as { days?: number }).days ?? 0), 0);
      const totalDays = rule.days + granted + days;
      const resolveDueAt = resolveDue(iso(p.acceptedAt)!, totalDays, await isWorkingDayOf(ctx, p.unitId));
      row = await repo.updatePetition(ctx.tx, p.id, { extensions: p.extensions + 1, resolveDueAt });
      await event("extended", {
        days,
        totalDays,
        complexity: body.complexity,
        reason: body.reason,
        resolveDueAt,
      });
      break;
    }
    case "decide": {
      const onTime = p.resolveDueAt !== null && now.getTime() <= Date.parse(p.resolveDueAt);
      row = await repo.updatePetition(ctx.tx, p.id, { status: next, decision: body.decision, decidedAt: at });
      await event("decided", { resolveDueAt: iso(p.resolveDueAt), onTime });
      break;
    }
    case "close":
      row = await repo.updatePetition(ctx.tx, p.id, { status: next, closedAt: at });
      await event("closed", { note: body.note });
      break;
    case "withdraw":
      row = await repo.updatePetition(ctx.tx, p.id, { status: next, closedAt: at });
      await event("withdrawn", { reason: body.reason });
      break;
  }
  ctx.audit.details = { ...ctx.audit.details, status: row.status };
  const { access: after } = await accessAt(ctx, row.unitId, row.handlerId);
  return presentDetail(ctx, row, after, now);
}

/** Forward to the competent unit: the petition ends here and is registered there, identity and all. */
async function forward(ctx: Ctx, p: repo.PetitionRow, toUnit: string, reason: string, now: Date) {
  const target = await findUnitByCode(ctx.tx, toUnit);
  if (!target || target.id === p.unitId || target.validTo !== null)
    throw Errors.invalidField("toUnit", "petition.forward_unit", {
      vi: "Chọn một đơn vị khác đang hoạt động.",
      en: "Choose another unit in operation.",
    });
  const party = await repo.findParty(ctx.tx, p.id);
  const copy = await insertWithParty(
    ctx,
    target.id,
    { kind: p.kind, channel: "forwarded", subject: p.subject, content: p.content, concerns: p.concerns },
    {
      fullName: party!.fullName,
      idNumber: party!.idNumber,
      address: party!.address,
      phone: party!.phone,
      email: party!.email,
      confidential: party!.confidential,
    },
    now,
    DEFAULT_OPTIONS,
    { forwardedFrom: { petitionId: p.id, code: p.code } },
  );
  const at = now.toISOString();
  const row = await repo.updatePetition(ctx.tx, p.id, {
    status: "forwarded",
    decision: `Chuyển đơn đến ${target.name}: ${reason}`,
    closedAt: at,
  });
  await repo.insertEvent(ctx.tx, {
    petitionId: p.id,
    kind: "forwarded",
    actorId: ctx.actor!.userId,
    data: { toUnit: target.code, toUnitName: target.name, petitionId: copy.id, code: copy.code, reason },
    at,
  });
  ctx.audit.unitId = p.unitId;
  ctx.audit.details = { ...ctx.audit.details, toUnit: target.code, newCode: copy.code };
  return row;
}

// ---- Receipt ----

/** What the receipt shows; the petitioner's name when they may see it or received it themselves. */
export async function receiptData(ctx: Ctx, id: string) {
  const { p, access } = await loadPetition(ctx, id);
  if (!access.register && !access.identity) throw Errors.forbidden();
  const party = await repo.findParty(ctx.tx, p.id);
  const showName = !party!.confidential || access.identity || p.createdBy === ctx.actor!.userId;
  const unit = (await findUnit(ctx.tx, p.unitId))!;
  const receiver = p.createdBy ? (await repo.userNames(ctx.tx, [p.createdBy])).get(p.createdBy) : undefined;
  ctx.audit.details = { code: p.code, identityShown: showName };
  return {
    unitName: unit.name,
    code: p.code,
    kind: p.kind,
    channel: p.channel,
    receivedAt: iso(p.receivedAt)!,
    acceptDueAt: iso(p.acceptDueAt)!,
    subject: p.subject,
    petitionerName: showName ? party!.fullName : null,
    confidential: party!.confidential,
    receiverName: receiver ?? null,
  };
}

// ---- Figures ----

export async function stats(ctx: Ctx, q: StatsQuery, now = new Date()): Promise<StatsOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, q.unit);
  await authorizeUnit(ctx, unit.id, "report.read");
  const to = q.to ?? toIsoDate(now);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw Errors.invalid([
      fieldError(
        "from",
        "petition.period",
        { vi: "Từ ngày phải trước đến ngày.", en: "From must be before to." },
        "query",
      ),
    ]);
  if (Date.parse(to) - Date.parse(from) > 366 * 5 * DAY_MS)
    throw Errors.invalid([
      fieldError("to", "petition.period", { vi: "Tối đa 5 năm.", en: "At most five years." }, "query"),
    ]);
  const { start, end } = periodInstants(from, to);
  const asOf = new Date(Math.min(Date.parse(end), now.getTime())).toISOString();
  // As the reports: the unit with its subtree and the units merged into it.
  const units = await reportUnits(ctx.tx, unit.id);
  const byKind = await repo.figuresByKind(ctx.tx, units, start, end, asOf);
  const kinds: PetitionKind[] = ["complaint", "denunciation", "recommendation"];
  const rows = kinds.map((kind) => ({ kind, ...(byKind.get(kind) ?? emptyFigures()) }));
  return {
    unit: { code: unit.code, name: unit.name },
    from,
    to,
    asOf,
    total: rows.reduce((a, { kind: _k, ...f }) => addFigures(a, f), emptyFigures()),
    byKind: rows,
  };
}
