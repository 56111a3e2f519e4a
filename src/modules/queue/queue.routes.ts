// /api/v1/queue (staff): service desks, tickets issued and bookings checked in by the
// receptionist, the counter screen and its actions, waiting/serving time figures.
// /api/public/queue (no sign-in, rate limited): the kiosk's ticket and check-in, the display's
// snapshot and its live stream (server-sent events, resumable with Last-Event-ID).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idempotent } from "../../shared/idempotency.ts";
import { QueueFeed } from "./queue.feed.ts";
import {
  checkInBody,
  type DisplayEvent,
  deskBody,
  deskCreateBody,
  deskListOut,
  deskOut,
  deskQueueOut,
  displayOut,
  idParams,
  issueBody,
  publicCheckInBody,
  publicIssueBody,
  publicTicketOut,
  statsOut,
  statsQuery,
  streamQuery,
  ticketActionBody,
  ticketOut,
  ticketResultOut,
  unitCodeParams,
  unitQuery,
} from "./queue.schemas.ts";
import * as service from "./queue.service.ts";

const idempotencyHeaders = z.object({
  "idempotency-key": z.string().optional().describe("A new random key per action (8–100 characters)"),
});

export const queueRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["queue"];

  app.get(
    "/desks",
    {
      schema: {
        tags,
        summary: "A unit's service desks (counters) and the catalog's sectors to choose from",
        querystring: unitQuery,
        response: { 200: deskListOut },
      },
    },
    async (request) => service.listDesks(request.ctx, request.query.unit),
  );

  app.post(
    "/desks",
    {
      schema: {
        tags,
        summary: "Add a desk to a unit (queue.manage): its counter number, name and the sectors it serves",
        body: deskCreateBody,
        response: { 201: deskOut },
      },
      config: { action: "queue.desk.create" },
    },
    async (request, reply) => {
      reply.status(201);
      return service.createDesk(request.ctx, request.body);
    },
  );

  app.put(
    "/desks/:id",
    {
      schema: {
        tags,
        summary: "Change a desk (queue.manage): number, name, sectors, in use or not",
        params: idParams,
        body: deskBody,
        response: { 200: deskOut },
      },
      config: { action: "queue.desk.update" },
    },
    async (request) => service.updateDesk(request.ctx, request.params.id, request.body),
  );

  app.delete(
    "/desks/:id",
    {
      schema: { tags, summary: "Delete a desk never used (otherwise deactivate it)", params: idParams },
      config: { action: "queue.desk.delete" },
    },
    async (request, reply) => {
      await service.deleteDesk(request.ctx, request.params.id);
      // Returned, not sent: reply.send() here would answer before the audit wrapper commits.
      reply.status(204);
      return null;
    },
  );

  app.get(
    "/desks/:id/queue",
    {
      schema: {
        tags,
        summary:
          "The counter screen (queue.serve): the desk's current ticket, the tickets it would call in order, skipped ones",
        params: idParams,
        response: { 200: deskQueueOut },
      },
    },
    async (request) => service.deskQueue(request.ctx, request.params.id),
  );

  app.post(
    "/desks/:id/call-next",
    {
      schema: {
        tags,
        summary:
          "Call the next ticket to this desk (queue.serve): checked-in bookings whose slot has started, then tickets transferred here, then the desk's sectors by number; ticket null when nobody waits",
        headers: idempotencyHeaders,
        params: idParams,
        response: { 200: z.object({ ticket: ticketOut.nullable() }) },
      },
      config: { action: "queue.call_next" },
    },
    async (request) =>
      idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `queue.call_next:${request.params.id}`,
        {},
        () => service.callNext(request.ctx, request.params.id),
      ),
  );

  app.post(
    "/tickets",
    {
      schema: {
        tags,
        summary: "Issue a ticket for a visitor at the desk (queue.serve)",
        headers: idempotencyHeaders,
        body: issueBody,
        response: { 201: ticketResultOut },
      },
      config: { action: "queue.ticket.issue" },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        "queue.issue",
        request.body,
        () => service.issueAtDesk(request.ctx, request.body),
      );
      reply.status(201);
      return r;
    },
  );

  app.post(
    "/check-in",
    {
      schema: {
        tags,
        summary:
          "Check in a visitor's booking of today at the unit (queue.serve): a ticket served in the slot",
        headers: idempotencyHeaders,
        body: checkInBody,
        response: { 201: ticketResultOut },
      },
      config: { action: "queue.check_in" },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        "queue.check_in",
        request.body,
        () => service.checkInAtDesk(request.ctx, request.body),
      );
      reply.status(201);
      return r;
    },
  );

  app.post(
    "/tickets/:id/actions",
    {
      schema: {
        tags,
        summary:
          "Act on a called ticket (queue.serve): recall, skip, serve, transfer to another desk, finish (optionally with the dossier received)",
        headers: idempotencyHeaders,
        params: idParams,
        body: ticketActionBody,
        response: { 200: ticketResultOut },
      },
      config: { action: "queue.ticket.act" },
    },
    async (request) =>
      idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `queue.act:${request.params.id}`,
        request.body,
        () => service.act(request.ctx, request.params.id, request.body),
      ),
  );

  app.get(
    "/stats",
    {
      schema: {
        tags,
        summary:
          "Waiting and serving times (seconds: median, 90th percentile) of a unit's tickets per desk, sector and official (report.read)",
        querystring: statsQuery,
        response: { 200: statsOut },
      },
    },
    async (request) => service.stats(request.ctx, request.query),
  );
};

/** Heartbeat of the live stream: a comment line keeps proxies and the socket timeout from closing it. */
export const STREAM_HEARTBEAT_MS = 15_000;

export const publicQueueRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["queue"];
  const rateLimit = { max: app.config.lookupRatePerMinute, timeWindow: "1 minute" };
  const feed = new QueueFeed(app.database, app.log);
  app.addHook("preClose", async () => feed.endAll());
  app.addHook("onClose", async () => feed.close());

  app.post(
    "/queue/tickets",
    {
      schema: {
        tags,
        summary: "Take a ticket at the kiosk (no sign-in): the unit's code and, optionally, the sector",
        headers: idempotencyHeaders,
        body: publicIssueBody,
        response: { 201: publicTicketOut },
      },
      config: { action: "queue.kiosk.issue", rateLimit },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        "queue.kiosk",
        request.body,
        () => service.issueAtKiosk(request.ctx, request.body),
      );
      reply.status(201);
      return r;
    },
  );

  app.post(
    "/queue/check-in",
    {
      schema: {
        tags,
        summary: "Check in with a booking code at the kiosk (no sign-in): a ticket served in the booked slot",
        headers: idempotencyHeaders,
        body: publicCheckInBody,
        response: { 201: publicTicketOut },
      },
      config: { action: "queue.kiosk.check_in", rateLimit },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        "queue.kiosk_check_in",
        request.body,
        () => service.checkInAtKiosk(request.ctx, request.body),
      );
      reply.status(201);
      return r;
    },
  );

  app.get(
    "/queue/display/:unitCode",
    {
      schema: {
        tags,
        summary:
          "The display's snapshot: today's last calls with their counters, what each desk serves now, waiting count",
        params: unitCodeParams,
        response: { 200: displayOut },
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return service.display(request.ctx, request.params.unitCode);
    },
  );

  app.get(
    "/queue/stream/:unitCode",
    {
      schema: {
        tags,
        summary:
          "The display's live feed (text/event-stream): one `queue` event per move of a ticket, a heartbeat comment every 15 s; resumes after Last-Event-ID (or ?lastEventId) from today's events",
        params: unitCodeParams,
        querystring: streamQuery,
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const unit = await service.displayUnit(request.ctx, request.params.unitCode);
      const header = Number(request.headers["last-event-id"]);
      const resumeAfter = Number.isInteger(header) && header >= 0 ? header : request.query.lastEventId;

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      raw.write("retry: 2000\n\n");

      // Events are sent once each, in id order: live ones that arrive while the resume query runs wait.
      let lastSent = resumeAfter ?? 0;
      let buffered: DisplayEvent[] | null = [];
      const send = (e: DisplayEvent) => {
        if (e.id <= lastSent) return;
        lastSent = e.id;
        raw.write(`id: ${e.id}\nevent: queue\ndata: ${JSON.stringify(e)}\n\n`);
      };
      let ended = false;
      const heartbeat = setInterval(() => raw.write(": heartbeat\n\n"), STREAM_HEARTBEAT_MS);
      let unsubscribe = () => {};
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        raw.end();
      };
      raw.on("close", end);
      try {
        unsubscribe = await feed.subscribe(unit.id, {
          event: (e) => (buffered ? buffered.push(e) : send(e)),
          reset: end,
        });
        if (ended) unsubscribe();
        if (resumeAfter !== undefined)
          for (const e of await service.eventsSince(request.ctx, unit.id, resumeAfter)) send(e);
      } catch (err) {
        request.log.warn({ err }, "queue stream could not start");
        end();
        return;
      }
      const pending = buffered;
      buffered = null;
      for (const e of pending) send(e);
    },
  );
};
