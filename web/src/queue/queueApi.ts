// Client of the queue (/api/v1/queue, /api/public/queue). The types are the server's own
// (type-only imports: nothing of the server is bundled).
import type { z } from "zod";
import type {
  deskListOut,
  deskOut,
  deskQueueOut,
  displayEvent,
  displayOut,
  publicTicketOut,
  statsOut,
  ticketOut,
} from "../../../src/modules/queue/queue.schemas.ts";
import { http } from "../api/client";
import { newIdempotencyKey } from "../components/idempotency";

export type Desk = z.output<typeof deskOut>;
export type DeskList = z.output<typeof deskListOut>;
export type DeskQueue = z.output<typeof deskQueueOut>;
export type Ticket = z.output<typeof ticketOut>;
export type PublicTicket = z.output<typeof publicTicketOut>;
export type Display = z.output<typeof displayOut>;
export type DisplayEvent = z.output<typeof displayEvent>;
export type QueueStats = z.output<typeof statsOut>;
export type TicketAction =
  | { action: "recall" | "skip" | "serve" }
  | { action: "transfer"; deskId: string }
  | { action: "finish"; dossierCode?: string | null };

const key = () => ({ "idempotency-key": newIdempotencyKey() });
const u = encodeURIComponent;

export const queueApi = {
  display: (unitCode: string, signal?: AbortSignal) =>
    http.get<Display>(`/api/public/queue/display/${u(unitCode)}`, signal),
  streamUrl: (unitCode: string, lastEventId: number) =>
    `/api/public/queue/stream/${u(unitCode)}?lastEventId=${lastEventId}`,
  takeTicket: (unitCode: string, sector: string | null) =>
    http.post<PublicTicket>("/api/public/queue/tickets", { unitCode, sector }, key()),
  checkInAtKiosk: (unitCode: string, code: string) =>
    http.post<PublicTicket>("/api/public/queue/check-in", { unitCode, code }, key()),

  desks: (unit: string, signal?: AbortSignal) =>
    http.get<DeskList>(`/api/v1/queue/desks?unit=${u(unit)}`, signal),
  createDesk: (body: { unit: string; number: number; name: string; sectors: string[]; active: boolean }) =>
    http.post<Desk>("/api/v1/queue/desks", body),
  updateDesk: (id: string, body: { number: number; name: string; sectors: string[]; active: boolean }) =>
    http.put<Desk>(`/api/v1/queue/desks/${id}`, body),
  deleteDesk: (id: string) => http.delete<null>(`/api/v1/queue/desks/${id}`),
  deskQueue: (id: string, signal?: AbortSignal) =>
    http.get<DeskQueue>(`/api/v1/queue/desks/${id}/queue`, signal),
  callNext: (id: string) =>
    http.post<{ ticket: Ticket | null }>(`/api/v1/queue/desks/${id}/call-next`, undefined, key()),
  act: (ticketId: string, body: TicketAction) =>
    http.post<{ ticket: Ticket }>(`/api/v1/queue/tickets/${ticketId}/actions`, body, key()),
  issue: (unit: string, sector: string | null) =>
    http.post<{ ticket: Ticket }>("/api/v1/queue/tickets", { unit, sector }, key()),
  checkIn: (unit: string, code: string) =>
    http.post<{ ticket: Ticket }>("/api/v1/queue/check-in", { unit, code }, key()),
  stats: (unit: string, from: string, to: string, signal?: AbortSignal) =>
    http.get<QueueStats>(`/api/v1/queue/stats?unit=${u(unit)}&from=${from}&to=${to}`, signal),
};
