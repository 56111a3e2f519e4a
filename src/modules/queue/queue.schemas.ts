// Contracts of the queue (issue #8): service desks, tickets (kiosk, desk, booking check-in),
// counter actions, the public display and its live stream, waiting/serving time figures.
import { z } from "zod";
import { TICKET_SOURCES, TICKET_STATUSES } from "../../db/schema.frontdesk.ts";
import { TICKET_ACTIONS } from "./queue.logic.ts";

const unitCode = z.string().trim().min(1).max(100).describe("The unit's code (e.g. 46.19753)");
const sector = z
  .string()
  .trim()
  .max(200)
  .nullish()
  .transform((s) => (s ? s : null))
  .describe("The sector (lĩnh vực) the visitor comes for; blank: any desk");
const isoDate = z.iso.date();

export const idParams = z.object({ id: z.uuid() });
export const unitCodeParams = z.object({ unitCode: unitCode });
export const unitQuery = z.object({ unit: unitCode }).strict();

export const deskBody = z
  .object({
    number: z.number().int().min(1).max(999).describe("The counter's number on the display"),
    name: z.string().trim().min(1).max(200),
    sectors: z
      .array(z.string().trim().min(1).max(200))
      .max(50)
      .default([])
      .describe("Sectors served; empty: every sector"),
    active: z.boolean().default(true),
  })
  .strict();
export type DeskBody = z.output<typeof deskBody>;
export const deskCreateBody = deskBody.extend({ unit: unitCode }).strict();
export type DeskCreateBody = z.output<typeof deskCreateBody>;

export const deskOut = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  number: z.number(),
  name: z.string(),
  sectors: z.array(z.string()),
  active: z.boolean(),
});
export type DeskOut = z.output<typeof deskOut>;
export const deskListOut = z.object({ items: z.array(deskOut), sectors: z.array(z.string()) });

export const ticketOut = z.object({
  id: z.uuid(),
  number: z.number(),
  label: z.string(),
  day: z.string(),
  sector: z.string().nullable(),
  source: z.enum(TICKET_SOURCES),
  status: z.enum(TICKET_STATUSES),
  deskId: z.uuid().nullable(),
  deskNumber: z.number().nullable(),
  priorityFrom: z.string().nullable(),
  bookingCode: z.string().nullable(),
  dossierId: z.uuid().nullable(),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  servingAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  calls: z.number(),
  actions: z.array(z.enum(TICKET_ACTIONS)).describe("What an official may do with it now"),
});
export type TicketOut = z.output<typeof ticketOut>;
export const ticketResultOut = z.object({ ticket: ticketOut });

export const issueBody = z.object({ unit: unitCode, sector }).strict();
export type IssueBody = z.output<typeof issueBody>;
export const publicIssueBody = z.object({ unitCode, sector }).strict();
export type PublicIssueBody = z.output<typeof publicIssueBody>;

const bookingCode = z.string().trim().min(4).max(40).describe("The booking code of the appointment");
export const checkInBody = z.object({ unit: unitCode, code: bookingCode }).strict();
export type CheckInBody = z.output<typeof checkInBody>;
export const publicCheckInBody = z.object({ unitCode, code: bookingCode }).strict();
export type PublicCheckInBody = z.output<typeof publicCheckInBody>;

/** What the kiosk shows and prints: no personal data. */
export const publicTicketOut = z.object({
  number: z.number(),
  label: z.string(),
  sector: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  issuedAt: z.string(),
  waitingAhead: z.number().describe("Tickets waiting before this one (an estimate: desks differ by sector)"),
  slotStartsAt: z.string().nullable().describe("For a checked-in booking: served from this time"),
});
export type PublicTicketOut = z.output<typeof publicTicketOut>;

export const ticketActionBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("recall") }).strict(),
  z.object({ action: z.literal("skip") }).strict(),
  z.object({ action: z.literal("serve") }).strict(),
  z.object({ action: z.literal("transfer"), deskId: z.uuid().describe("The desk it goes to") }).strict(),
  z
    .object({
      action: z.literal("finish"),
      dossierCode: z
        .string()
        .trim()
        .max(100)
        .nullish()
        .transform((s) => (s ? s : null))
        .describe("The code of the dossier received while serving, if any"),
    })
    .strict(),
]);
export type TicketActionBody = z.output<typeof ticketActionBody>;

export const deskQueueOut = z.object({
  desk: deskOut,
  current: ticketOut.nullable().describe("The ticket called to or served at this desk"),
  waiting: z.array(ticketOut).describe("Tickets this desk would call, in call order (first 50)"),
  waitingCount: z.number(),
  skipped: z.array(ticketOut).describe("Today's tickets skipped at this desk (they can be recalled)"),
  desks: z.array(deskOut).describe("The unit's active desks (transfer targets)"),
});
export type DeskQueueOut = z.output<typeof deskQueueOut>;

/** One entry of the display's feed: a call (or another move) of a ticket. No personal data. */
export const displayEvent = z.object({
  id: z.number().describe("The event's id (the stream's Last-Event-ID)"),
  kind: z.string().describe("issued, called, recalled, skipped, transferred, serving, served"),
  number: z.number(),
  label: z.string(),
  sector: z.string().nullable(),
  deskNumber: z.number().nullable(),
  at: z.string(),
  waiting: z.number().describe("Tickets waiting at the unit after this event"),
});
export type DisplayEvent = z.output<typeof displayEvent>;

export const displayOut = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  day: z.string(),
  calls: z.array(displayEvent).describe("Today's latest calls, newest first"),
  waiting: z.number(),
  desks: z.array(z.object({ number: z.number(), name: z.string(), current: z.string().nullable() })),
  sectors: z.array(z.string()).describe("Sectors a visitor can take a ticket for (the kiosk's choices)"),
  lastEventId: z.number(),
});
export type DisplayOut = z.output<typeof displayOut>;

export const streamQuery = z
  .object({ lastEventId: z.coerce.number().int().min(0).optional().describe("Resume after this event") })
  .strict();

export const statsQuery = z
  .object({ unit: unitCode, from: isoDate.optional(), to: isoDate.optional() })
  .strict()
  .describe("Days (Vietnam time) inclusive; default: the last 30 days");
export type StatsQuery = z.output<typeof statsQuery>;

const figures = z.object({
  key: z.string().nullable(),
  label: z.string().nullable(),
  tickets: z.number(),
  served: z.number(),
  waitMedian: z.number().nullable().describe("Seconds"),
  waitP90: z.number().nullable(),
  serveMedian: z.number().nullable(),
  serveP90: z.number().nullable(),
});
export const statsOut = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  total: figures,
  byDesk: z.array(figures),
  bySector: z.array(figures),
  byOfficial: z.array(figures),
});
export type StatsOut = z.output<typeof statsOut>;
