// Queue tickets (issue #8): service desks, tickets issued at the kiosk or by the receptionist or
// by checking in a booking, the counter's actions, the public display and the time figures.
// Every command authorizes first, runs in the route's transaction with its audit row, writes a
// queue_events row and notifies the display feed (pg_notify: delivered at commit, never on
// rollback). The rules themselves are pure (queue.logic.ts).
import type { Ctx } from "../../plugins/context.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { DomainError, Errors, fieldError, type Message } from "../../shared/errors.ts";
import { sectorsInForce } from "../catalog/catalog.repository.ts";
import { findDossierByCode } from "../dossiers/dossier.repository.ts";
import { findUnitByCode, type UnitRow } from "../org/org.repository.ts";
import { authorizeUnit } from "../org/org.service.ts";
import {
  allowedActions,
  canMove,
  compareForCall,
  queueStats,
  type TicketStatus,
  type TimeFigures,
  ticketLabel,
} from "./queue.logic.ts";
import * as repo from "./queue.repository.ts";
import type {
  CheckInBody,
  DeskBody,
  DeskCreateBody,
  DeskOut,
  DeskQueueOut,
  DisplayEvent,
  DisplayOut,
  IssueBody,
  PublicTicketOut,
  StatsOut,
  StatsQuery,
  TicketActionBody,
  TicketOut,
} from "./queue.schemas.ts";

const UNIT = { vi: "Đơn vị", en: "Unit" };
const DESK = { vi: "Quầy", en: "Desk" };
const TICKET = { vi: "Số thứ tự", en: "Ticket" };
const BOOKING = { vi: "Lịch hẹn", en: "Booking" };
const QUEUE = { vi: "Hàng chờ của đơn vị", en: "The unit's queue" };

const label = (n: number) => ticketLabel(n);
const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

const STATUS_NAMES: Record<TicketStatus, Message> = {
  waiting: { vi: "đang chờ", en: "waiting" },
  called: { vi: "đã gọi", en: "called" },
  serving: { vi: "đang phục vụ", en: "being served" },
  served: { vi: "đã phục vụ xong", en: "served" },
  skipped: { vi: "đã bỏ qua", en: "skipped" },
  cancelled: { vi: "đã hủy", en: "cancelled" },
};

// ---- Presenters ----

export function presentDesk(d: repo.DeskRow): DeskOut {
  return { id: d.id, unitId: d.unitId, number: d.number, name: d.name, sectors: d.sectors, active: d.active };
}

function presentTicket(
  t: repo.TicketRow,
  desks: Map<string, repo.DeskRow>,
  codes: Map<string, string>,
): TicketOut {
  return {
    id: t.id,
    number: t.number,
    label: label(t.number),
    day: t.day,
    sector: t.sector,
    source: t.source,
    status: t.status,
    deskId: t.deskId,
    deskNumber: t.deskId ? (desks.get(t.deskId)?.number ?? null) : null,
    priorityFrom: iso(t.priorityFrom),
    bookingCode: t.appointmentId ? (codes.get(t.appointmentId) ?? null) : null,
    dossierId: t.dossierId,
    issuedAt: new Date(t.issuedAt).toISOString(),
    calledAt: iso(t.calledAt),
    servingAt: iso(t.servingAt),
    closedAt: iso(t.closedAt),
    calls: t.calls,
    actions: allowedActions(t.status),
  };
}

async function presentTickets(ctx: Ctx, unitId: string, tickets: repo.TicketRow[]): Promise<TicketOut[]> {
  const desks = new Map((await repo.listDesks(ctx.tx, unitId)).map((d) => [d.id, d]));
  const codes = await repo.bookingCodes(
    ctx.tx,
    tickets.flatMap((t) => (t.appointmentId ? [t.appointmentId] : [])),
  );
  return tickets.map((t) => presentTicket(t, desks, codes));
}

async function presentOne(ctx: Ctx, t: repo.TicketRow): Promise<{ ticket: TicketOut }> {
  const [ticket] = await presentTickets(ctx, t.unitId, [t]);
  return { ticket: ticket! };
}

// ---- Loading and authorizing ----

async function unitByCode(ctx: Ctx, code: string, what: Message = UNIT): Promise<UnitRow> {
  const unit = await findUnitByCode(ctx.tx, code);
  if (!unit) throw Errors.notFound(what);
  return unit;
}

async function authorizeDesk(ctx: Ctx, deskId: string, ability: "queue.serve" | "queue.manage") {
  if (!ctx.actor) throw Errors.unauthenticated();
  const desk = await repo.findDesk(ctx.tx, deskId);
  if (!desk) throw Errors.notFound(DESK);
  await authorizeUnit(ctx, desk.unitId, ability);
  ctx.audit.target = desk.id;
  return desk;
}

/** Sectors a visitor may take a ticket for: the desks' sectors, and the catalog's when a desk serves all. */
async function offeredSectors(ctx: Ctx, desks: repo.DeskRow[], now: Date): Promise<string[]> {
  const active = desks.filter((d) => d.active);
  const set = new Set(active.flatMap((d) => d.sectors));
  if (active.some((d) => d.sectors.length === 0))
    for (const s of await sectorsInForce(ctx.tx, vietnamDate(now))) set.add(s.sector);
  return [...set].sort((a, b) => a.localeCompare(b, "vi"));
}

// ---- Desks ----

const deskNumberTaken = () =>
  Errors.conflict(
    "queue.desk_number_taken",
    { vi: "Số quầy này đã có ở đơn vị.", en: "This counter number is already used at the unit." },
    [
      fieldError("number", "queue.desk_number_taken", {
        vi: "Số quầy đã được dùng cho quầy khác.",
        en: "The number is used by another desk.",
      }),
    ],
  );

export async function listDesks(ctx: Ctx, unitCode: string, now = new Date()) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, unitCode);
  await authorizeUnit(ctx, unit.id, "org.read");
  const desks = await repo.listDesks(ctx.tx, unit.id);
  const catalog = (await sectorsInForce(ctx.tx, vietnamDate(now))).map((s) => s.sector);
  return { items: desks.map(presentDesk), sectors: catalog };
}

export async function createDesk(ctx: Ctx, body: DeskCreateBody): Promise<DeskOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, body.unit);
  await authorizeUnit(ctx, unit.id, "queue.manage");
  if (await repo.findDeskByNumber(ctx.tx, unit.id, body.number)) throw deskNumberTaken();
  const desk = await repo.insertDesk(ctx.tx, {
    unitId: unit.id,
    number: body.number,
    name: body.name,
    sectors: [...new Set(body.sectors)],
    active: body.active,
  });
  ctx.audit.target = desk.id;
  ctx.audit.details = { number: desk.number, sectors: desk.sectors };
  return presentDesk(desk);
}

export async function updateDesk(ctx: Ctx, deskId: string, body: DeskBody): Promise<DeskOut> {
  const desk = await authorizeDesk(ctx, deskId, "queue.manage");
  const other = await repo.findDeskByNumber(ctx.tx, desk.unitId, body.number);
  if (other && other.id !== desk.id) throw deskNumberTaken();
  const row = await repo.updateDesk(ctx.tx, desk.id, {
    number: body.number,
    name: body.name,
    sectors: [...new Set(body.sectors)],
    active: body.active,
  });
  ctx.audit.details = { number: row.number, sectors: row.sectors, active: row.active };
  return presentDesk(row);
}

export async function deleteDesk(ctx: Ctx, deskId: string): Promise<void> {
  const desk = await authorizeDesk(ctx, deskId, "queue.manage");
  if (await repo.deskInUse(ctx.tx, desk.id))
    throw Errors.conflict("queue.desk_in_use", {
      vi: "Quầy đã có số thứ tự hoặc lịch hẹn nên không xóa được; hãy ngừng sử dụng quầy.",
      en: "The desk has tickets or bookings and cannot be deleted; deactivate it instead.",
    });
  await repo.deleteDesk(ctx.tx, desk.id);
}

// ---- Tickets ----

async function event(
  ctx: Ctx,
  t: repo.TicketRow,
  kind: string,
  deskId: string | null,
  now: Date,
): Promise<DisplayEvent> {
  const e = await repo.insertEvent(ctx.tx, {
    ticketId: t.id,
    unitId: t.unitId,
    kind,
    deskId,
    actorId: ctx.actor?.userId ?? null,
    at: now.toISOString(),
  });
  const desk = deskId ? await repo.findDesk(ctx.tx, deskId) : undefined;
  const display: DisplayEvent = {
    id: e.id,
    kind,
    number: t.number,
    label: label(t.number),
    sector: t.sector,
    deskNumber: desk?.number ?? null,
    at: new Date(e.at).toISOString(),
    waiting: await repo.waitingCount(ctx.tx, t.unitId, t.day),
  };
  await repo.notifyDisplay(ctx.tx, t.unitId, display);
  return display;
}

async function issue(
  ctx: Ctx,
  unit: UnitRow,
  input: {
    sector: string | null;
    source: "kiosk" | "desk" | "booking";
    appointmentId?: string;
    priorityFrom?: string | null;
  },
  now: Date,
): Promise<repo.TicketRow> {
  const day = vietnamDate(now);
  const number = await repo.nextNumber(ctx.tx, unit.id, day);
  const ticket = await repo.insertTicket(ctx.tx, {
    unitId: unit.id,
    day,
    number,
    sector: input.sector,
    source: input.source,
    appointmentId: input.appointmentId ?? null,
    priorityFrom: input.priorityFrom ?? null,
    issuedAt: now.toISOString(),
  });
  await event(ctx, ticket, "issued", null, now);
  ctx.audit.unitId = unit.id;
  ctx.audit.target = ticket.id;
  ctx.audit.details = { number, sector: input.sector, source: input.source };
  return ticket;
}

/** The unit's active desks; 404 when it has none (no queue there). */
async function queueDesks(ctx: Ctx, unit: UnitRow): Promise<repo.DeskRow[]> {
  const desks = await repo.listDesks(ctx.tx, unit.id, true);
  if (desks.length === 0) throw Errors.notFound(QUEUE);
  return desks;
}

async function checkSector(ctx: Ctx, desks: repo.DeskRow[], sector: string | null, now: Date) {
  if (sector === null) return;
  if (!(await offeredSectors(ctx, desks, now)).includes(sector))
    throw Errors.invalidField("sector", "queue.sector_unknown", {
      vi: "Không có quầy nào của đơn vị tiếp nhận lĩnh vực này.",
      en: "No desk of the unit serves this sector.",
    });
}

async function publicTicket(ctx: Ctx, unit: UnitRow, t: repo.TicketRow): Promise<PublicTicketOut> {
  return {
    number: t.number,
    label: label(t.number),
    sector: t.sector,
    unit: { code: unit.code, name: unit.name },
    issuedAt: new Date(t.issuedAt).toISOString(),
    waitingAhead: await repo.waitingCount(ctx.tx, unit.id, t.day, t.number),
    slotStartsAt: iso(t.priorityFrom),
  };
}

/** The receptionist issues a ticket for a visitor at the desk. */
export async function issueAtDesk(ctx: Ctx, body: IssueBody, now = new Date()) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, body.unit);
  await authorizeUnit(ctx, unit.id, "queue.serve");
  const desks = await queueDesks(ctx, unit);
  await checkSector(ctx, desks, body.sector, now);
  return presentOne(ctx, await issue(ctx, unit, { sector: body.sector, source: "desk" }, now));
}

/** A visitor takes a ticket at the kiosk (no sign-in; no personal data). */
export async function issueAtKiosk(
  ctx: Ctx,
  body: { unitCode: string; sector: string | null },
  now = new Date(),
) {
  const unit = await unitByCode(ctx, body.unitCode, QUEUE);
  const desks = await queueDesks(ctx, unit);
  await checkSector(ctx, desks, body.sector, now);
  const ticket = await issue(ctx, unit, { sector: body.sector, source: "kiosk" }, now);
  return publicTicket(ctx, unit, ticket);
}

/**
 * Check in a booking: a ticket with source "booking", served first from the slot's start
 * (a visitor arriving after the slot has ended waits like a walk-in). The booking becomes
 * "checked_in", with its event.
 */
async function checkIn(ctx: Ctx, unit: UnitRow, code: string, now: Date): Promise<repo.TicketRow> {
  const booking = await repo.findBookingForCheckIn(ctx.tx, code);
  if (!booking || booking.unitId !== unit.id) throw Errors.notFound(BOOKING);
  if (booking.status !== "booked") {
    const messages: Record<string, Message> = {
      checked_in: {
        vi: "Lịch hẹn này đã được xác nhận có mặt.",
        en: "This booking has already been checked in.",
      },
      cancelled: { vi: "Lịch hẹn này đã bị hủy.", en: "This booking has been cancelled." },
    };
    throw Errors.conflict(
      `queue.booking_${booking.status}`,
      messages[booking.status] ?? {
        vi: "Lịch hẹn này không còn hiệu lực.",
        en: "This booking is no longer open.",
      },
    );
  }
  if (vietnamDate(new Date(booking.startsAt)) !== vietnamDate(now))
    throw Errors.conflict("queue.booking_not_today", {
      vi: `Lịch hẹn này vào ngày ${vietnamDate(new Date(booking.startsAt)).split("-").reverse().join("/")}, không phải hôm nay.`,
      en: `This booking is for ${vietnamDate(new Date(booking.startsAt))}, not today.`,
    });
  const late = Date.parse(booking.endsAt) < now.getTime();
  const ticket = await issue(
    ctx,
    unit,
    {
      sector: booking.sector ?? booking.slotSector,
      source: "booking",
      appointmentId: booking.id,
      priorityFrom: late ? null : new Date(booking.startsAt).toISOString(),
    },
    now,
  );
  await repo.setBookingStatus(
    ctx.tx,
    booking.id,
    "checked_in",
    ctx.actor?.userId ?? null,
    now.toISOString(),
    {
      ticketId: ticket.id,
      number: ticket.number,
    },
  );
  ctx.audit.details = { ...ctx.audit.details, booking: booking.code, late };
  return ticket;
}

export async function checkInAtDesk(ctx: Ctx, body: CheckInBody, now = new Date()) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, body.unit);
  await authorizeUnit(ctx, unit.id, "queue.serve");
  await queueDesks(ctx, unit);
  return presentOne(ctx, await checkIn(ctx, unit, body.code, now));
}

export async function checkInAtKiosk(ctx: Ctx, body: { unitCode: string; code: string }, now = new Date()) {
  const unit = await unitByCode(ctx, body.unitCode, QUEUE);
  await queueDesks(ctx, unit);
  return publicTicket(ctx, unit, await checkIn(ctx, unit, body.code, now));
}

// ---- The counter ----

/** The counter screen: the desk's current ticket, what it would call next, skipped tickets. */
export async function deskQueue(ctx: Ctx, deskId: string, now = new Date()): Promise<DeskQueueOut> {
  const desk = await authorizeDesk(ctx, deskId, "queue.serve");
  const day = vietnamDate(now);
  const [current] = await repo.ticketsAtDesk(ctx.tx, desk.id, day, ["serving", "called"]);
  const waiting = (await repo.waitingForDesk(ctx.tx, desk, day)).sort((a, b) =>
    compareForCall(a, b, desk, now),
  );
  const skipped = await repo.ticketsAtDesk(ctx.tx, desk.id, day, ["skipped"]);
  const all = await presentTickets(ctx, desk.unitId, [
    ...(current ? [current] : []),
    ...waiting.slice(0, 50),
    ...skipped,
  ]);
  const desks = await repo.listDesks(ctx.tx, desk.unitId, true);
  return {
    desk: presentDesk(desk),
    current: current ? all[0]! : null,
    waiting: all.slice(current ? 1 : 0, (current ? 1 : 0) + Math.min(50, waiting.length)),
    waitingCount: waiting.length,
    skipped: all.slice((current ? 1 : 0) + Math.min(50, waiting.length)),
    desks: desks.map(presentDesk),
  };
}

const deskBusy = (t: repo.TicketRow) =>
  new DomainError(
    "queue.desk_busy",
    409,
    {
      vi: `Quầy đang có số ${label(t.number)} (${STATUS_NAMES[t.status].vi}); hãy hoàn thành, bỏ qua hoặc chuyển số này trước khi gọi số tiếp theo.`,
      en: `The desk has ticket ${label(t.number)} (${STATUS_NAMES[t.status].en}); finish, skip or transfer it before calling the next one.`,
    },
    [],
    { ticketId: t.id, ticketStatus: t.status },
  );

/** Call the next ticket to a desk; { ticket: null } when nobody waits for it. */
export async function callNext(ctx: Ctx, deskId: string, now = new Date()) {
  const desk = await authorizeDesk(ctx, deskId, "queue.serve");
  if (!desk.active)
    throw Errors.conflict("queue.desk_inactive", {
      vi: "Quầy này đang ngừng sử dụng.",
      en: "This desk is not in use.",
    });
  const day = vietnamDate(now);
  await repo.lockDesk(ctx.tx, desk.id);
  const [busy] = await repo.ticketsAtDesk(ctx.tx, desk.id, day, ["called", "serving"]);
  if (busy) throw deskBusy(busy);
  const id = await repo.claimNext(ctx.tx, desk.id, day, now);
  if (!id) return { ticket: null };
  const ticket = await repo.markCalled(ctx.tx, id, {
    deskId: desk.id,
    officialId: ctx.actor!.userId,
    at: now.toISOString(),
  });
  await event(ctx, ticket, "called", desk.id, now);
  ctx.audit.details = { number: ticket.number, desk: desk.number };
  return presentOne(ctx, ticket);
}

const badMove = (t: repo.TicketRow, action: string) => {
  const allowed = allowedActions(t.status);
  return new DomainError(
    "queue.invalid_transition",
    409,
    {
      vi: `Số ${label(t.number)} đang ở trạng thái “${STATUS_NAMES[t.status].vi}”, không thực hiện được thao tác này.`,
      en: `Ticket ${label(t.number)} is ${STATUS_NAMES[t.status].en}; this action is not possible.`,
    },
    [],
    { ticketStatus: t.status, action, allowedActions: allowed },
  );
};

/** An official acts on a called ticket: recall, skip, start serving, transfer, finish. */
export async function act(ctx: Ctx, ticketId: string, body: TicketActionBody, now = new Date()) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const found = await repo.findTicket(ctx.tx, ticketId, true);
  if (!found) throw Errors.notFound(TICKET);
  await authorizeUnit(ctx, found.unitId, "queue.serve");
  ctx.audit.target = found.id;
  ctx.audit.details = { number: found.number, action: body.action };
  if (found.day !== vietnamDate(now) || !canMove(found.status, body.action))
    throw badMove(found, body.action);
  const at = now.toISOString();
  const actorId = ctx.actor.userId;
  let ticket: repo.TicketRow;
  let eventDesk = found.deskId;
  switch (body.action) {
    case "recall":
      ticket = await repo.markCalled(ctx.tx, found.id, { deskId: found.deskId, officialId: actorId, at });
      break;
    case "skip":
      ticket = await repo.updateTicket(ctx.tx, found.id, { status: "skipped", closedAt: at });
      break;
    case "serve":
      ticket = await repo.updateTicket(ctx.tx, found.id, {
        status: "serving",
        servingAt: at,
        officialId: actorId,
      });
      break;
    case "transfer": {
      const target = await repo.findDesk(ctx.tx, body.deskId);
      if (!target || target.unitId !== found.unitId || !target.active || target.id === found.deskId)
        throw Errors.invalidField("deskId", "queue.transfer_desk", {
          vi: "Chọn một quầy khác đang hoạt động của cùng đơn vị.",
          en: "Choose another active desk of the same unit.",
        });
      ticket = await repo.updateTicket(ctx.tx, found.id, {
        status: "waiting",
        deskId: target.id,
        servingAt: null,
      });
      eventDesk = target.id;
      ctx.audit.details = { ...ctx.audit.details, to: target.number };
      break;
    }
    case "finish": {
      let dossierId: string | null = found.dossierId;
      if (body.dossierCode) {
        const dossier = await findDossierByCode(ctx.tx, body.dossierCode);
        if (!dossier || dossier.unitId !== found.unitId)
          throw Errors.invalidField("dossierCode", "queue.dossier_unknown", {
            vi: "Không có hồ sơ mã này tiếp nhận tại đơn vị.",
            en: "No dossier with this code was received at the unit.",
          });
        dossierId = dossier.id;
      }
      ticket = await repo.updateTicket(ctx.tx, found.id, {
        status: "served",
        closedAt: at,
        dossierId,
        officialId: actorId,
      });
      if (found.appointmentId)
        await repo.setBookingStatus(ctx.tx, found.appointmentId, "served", actorId, at, {
          ticketId: found.id,
        });
      break;
    }
  }
  const kinds = {
    recall: "recalled",
    skip: "skipped",
    serve: "serving",
    transfer: "transferred",
    finish: "served",
  };
  await event(ctx, ticket, kinds[body.action], eventDesk, now);
  return presentOne(ctx, ticket);
}

// ---- The public display ----

/** The unit whose display or stream is asked for; 404 when it has no desk (no queue). */
export async function displayUnit(ctx: Ctx, unitCode: string): Promise<UnitRow> {
  const unit = await unitByCode(ctx, unitCode, QUEUE);
  await queueDesks(ctx, unit);
  return unit;
}

export async function display(ctx: Ctx, unitCode: string, now = new Date()): Promise<DisplayOut> {
  const unit = await unitByCode(ctx, unitCode, QUEUE);
  const desks = await queueDesks(ctx, unit);
  const day = vietnamDate(now);
  const { calls, lastEventId } = await repo.latestCalls(ctx.tx, unit.id, day, 8, label);
  const current = await repo.currentByDesk(ctx.tx, unit.id, day);
  return {
    unit: { code: unit.code, name: unit.name },
    day,
    calls,
    waiting: await repo.waitingCount(ctx.tx, unit.id, day),
    desks: desks.map((d) => {
      const t = current.get(d.id);
      return { number: d.number, name: d.name, current: t === undefined ? null : label(t) };
    }),
    sectors: await offeredSectors(ctx, desks, now),
    lastEventId,
  };
}

/** Today's events after `afterId` (the display's stream resuming after a reconnect). */
export async function eventsSince(ctx: Ctx, unitId: string, afterId: number, now = new Date()) {
  return repo.eventsSince(ctx.tx, unitId, vietnamDate(now), afterId, label);
}

// ---- Figures ----

const DAY_MS = 86_400_000;

export async function stats(ctx: Ctx, q: StatsQuery, now = new Date()): Promise<StatsOut> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const unit = await unitByCode(ctx, q.unit);
  await authorizeUnit(ctx, unit.id, "report.read");
  const to = q.to ?? vietnamDate(now);
  const from = q.from ?? vietnamDate(new Date(Date.parse(to) - 29 * DAY_MS));
  if (from > to)
    throw Errors.invalid([
      fieldError(
        "from",
        "queue.period",
        { vi: "Từ ngày phải trước đến ngày.", en: "From must be before to." },
        "query",
      ),
    ]);
  if (Date.parse(to) - Date.parse(from) > 366 * DAY_MS)
    throw Errors.invalid([
      fieldError("to", "queue.period", { vi: "Tối đa 366 ngày.", en: "At most 366 days." }, "query"),
    ]);
  const s = queueStats(await repo.ticketsWithEvents(ctx.tx, unit.id, from, to));
  const desks = new Map((await repo.listDesks(ctx.tx, unit.id)).map((d) => [d.id, d]));
  const names = await repo.userNames(
    ctx.tx,
    s.byOfficial.flatMap((g) => (g.key ? [g.key] : [])),
  );
  const withLabel = (g: TimeFigures, text: string | null) => ({ ...g, label: text });
  return {
    unit: { code: unit.code, name: unit.name },
    from,
    to,
    total: withLabel(s.total, null),
    byDesk: s.byDesk
      .map((g) => {
        const d = g.key ? desks.get(g.key) : undefined;
        return { g, d };
      })
      .sort((a, b) => (a.d?.number ?? 0) - (b.d?.number ?? 0))
      .map(({ g, d }) => withLabel(g, d ? `${d.number}. ${d.name}` : null)),
    bySector: s.bySector.map((g) => withLabel(g, g.key)),
    byOfficial: s.byOfficial.map((g) => withLabel(g, g.key ? (names.get(g.key) ?? null) : null)),
  };
}
