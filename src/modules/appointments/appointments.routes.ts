// /api/v1/appointments (back office: rules, slots, the day's bookings, no-shows, figures) and
// /api/public/appointments (citizens: open slots, book, view, cancel, reschedule, .ics).
// Public routes need no login (a signed-in citizen is linked) and are rate limited per address.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idempotent } from "../../shared/idempotency.ts";
import * as booking from "./appointments.booking.ts";
import {
  bookBody,
  bookingsOut,
  bookingsQuery,
  cancelBody,
  codeParams,
  idParams,
  phoneQuery,
  publicBookingOut,
  publicSlotsOut,
  publicSlotsQuery,
  publicUnitsOut,
  publishBody,
  publishOut,
  rescheduleBody,
  rulesBody,
  rulesOut,
  slotOut,
  slotsOut,
  slotsQuery,
  statsOut,
  statsQuery,
  unitQuery,
} from "./appointments.schemas.ts";
import * as service from "./appointments.service.ts";

const idempotencyHeaders = z.object({
  "idempotency-key": z.string().optional().describe("A new random key per action (8–100 characters)"),
});
const tags = ["appointments"];

export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/rules",
    {
      schema: {
        tags,
        summary: "A unit's booking rules (the defaults until saved)",
        querystring: unitQuery,
        response: { 200: rulesOut },
      },
    },
    async (request) => service.getRules(request.ctx, request.query.unit),
  );
  app.put(
    "/rules",
    {
      schema: {
        tags,
        summary:
          "Save a unit's booking rules: slot length, days ahead, lead time, cancel deadline, bookings per person per day, Saturday-morning session",
        querystring: unitQuery,
        body: rulesBody,
        response: { 200: rulesOut },
      },
      config: { action: "appointment.rules.save" },
    },
    async (request) => service.saveRules(request.ctx, request.query.unit, request.body),
  );
  app.post(
    "/slots/publish",
    {
      schema: {
        tags,
        summary:
          "Publish slots for a range of days from the unit's working calendar and rules (none on days off; Saturday mornings where the desk opens); idempotent per window and service",
        body: publishBody,
        response: { 200: publishOut },
      },
      config: { action: "appointment.slots.publish" },
    },
    async (request) => service.publishSlots(request.ctx, request.body),
  );
  app.get(
    "/slots",
    {
      schema: {
        tags,
        summary: "A unit's slots over a range of days, with seats booked",
        querystring: slotsQuery,
        response: { 200: slotsOut },
      },
    },
    async (request) => service.listSlots(request.ctx, request.query),
  );
  app.post(
    "/slots/:id/withdraw",
    {
      schema: {
        tags,
        summary:
          "Withdraw a slot: it takes no new bookings; those it holds stay valid, are told (SMS, e-mail) with the link to move them, and their reminders are dropped",
        params: idParams,
        response: { 200: slotOut },
      },
      config: { action: "appointment.slot.withdraw" },
    },
    async (request) => booking.withdrawSlot(request.ctx, request.params.id),
  );
  app.get(
    "/bookings",
    {
      schema: {
        tags,
        summary: "A day's bookings at a unit (filter by status, search by code, name or phone; paged)",
        querystring: bookingsQuery,
        response: { 200: bookingsOut },
      },
      config: { action: "appointment.bookings.read", personalData: true },
    },
    async (request) => service.dayBookings(request.ctx, request.query),
  );
  app.post(
    "/bookings/:id/no-show",
    {
      schema: {
        tags,
        summary: "Mark a booking absent (once its slot has started)",
        params: idParams,
        response: { 200: z.object({ id: z.string(), code: z.string(), status: z.string() }) },
      },
      config: { action: "appointment.no_show" },
    },
    async (request) => service.markNoShow(request.ctx, request.params.id),
  );
  app.get(
    "/stats",
    {
      schema: {
        tags,
        summary:
          "Booking figures of a unit for days of slots: bookings, cancelled, rescheduled, attended, no-shows and their rate, lead time median and p90, per sector and per day",
        querystring: statsQuery,
        response: { 200: statsOut },
      },
    },
    async (request) => service.stats(request.ctx, request.query),
  );
};

export const publicAppointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const rateLimit = { max: app.config.lookupRatePerMinute, timeWindow: "1 minute" };
  // Taking seats is limited harder than reading slots (BOOKING_RATE_PER_MINUTE).
  const bookingRateLimit = { max: app.config.bookingRatePerMinute, timeWindow: "1 minute" };
  app.get(
    "/appointments/units",
    {
      schema: { tags, summary: "Units with slots open to booking", response: { 200: publicUnitsOut } },
      config: { rateLimit },
    },
    async (request) => booking.publicUnits(request.ctx),
  );
  app.get(
    "/appointments/slots",
    {
      schema: {
        tags,
        summary: "Slots open to booking at a unit, for a procedure or sector (seats left in each)",
        querystring: publicSlotsQuery,
        response: { 200: publicSlotsOut },
      },
      config: { rateLimit },
    },
    async (request) => booking.availability(request.ctx, request.query),
  );
  app.post(
    "/appointments",
    {
      schema: {
        tags,
        summary:
          "Book a slot (no login needed; a signed-in citizen's account is linked): a booking code, a confirmation with an .ics file and a reminder the day before",
        headers: idempotencyHeaders,
        body: bookBody,
        response: { 201: publicBookingOut },
      },
      config: { action: "appointment.book", rateLimit: bookingRateLimit },
    },
    async (request, reply) => {
      const key = request.headers["idempotency-key"];
      const r = await idempotent(request.ctx, key, "appointment.book", request.body, () =>
        booking.book(request.ctx, request.body, Array.isArray(key) ? key[0] : key),
      );
      reply.status(201);
      return r;
    },
  );
  app.get(
    "/appointments/:code",
    {
      schema: {
        tags,
        summary:
          "A booking by its code; the phone number it was booked with proves it is yours (personal data masked)",
        params: codeParams,
        querystring: phoneQuery,
        response: { 200: publicBookingOut },
      },
      config: { rateLimit, action: "appointment.view", personalData: true },
    },
    async (request) => booking.viewBooking(request.ctx, request.params.code, request.query.phone),
  );
  app.post(
    "/appointments/:code/cancel",
    {
      schema: {
        tags,
        summary: "Cancel a booking (until the unit's deadline before the slot)",
        params: codeParams,
        body: cancelBody,
        response: { 200: publicBookingOut },
      },
      config: { rateLimit: bookingRateLimit, action: "appointment.cancel" },
    },
    async (request) => booking.cancelBooking(request.ctx, request.params.code, request.body.phone),
  );
  app.post(
    "/appointments/:code/reschedule",
    {
      schema: {
        tags,
        summary: "Move a booking to another slot: the old one is cancelled and the new one linked to it",
        headers: idempotencyHeaders,
        params: codeParams,
        body: rescheduleBody,
        response: { 201: publicBookingOut },
      },
      config: { rateLimit: bookingRateLimit, action: "appointment.reschedule" },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `appointment.reschedule:${request.params.code}`,
        request.body,
        () =>
          booking.rescheduleBooking(
            request.ctx,
            request.params.code,
            request.body.phone,
            request.body.slotId,
          ),
      );
      reply.status(201);
      return r;
    },
  );
  app.get(
    "/appointments/:code/calendar.ics",
    {
      schema: { tags, summary: "The booking as an iCalendar (.ics) file", params: codeParams },
      config: { rateLimit },
    },
    async (request, reply) => {
      const { filename, ics } = await booking.bookingCalendar(request.ctx, request.params.code);
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="${filename}"`)
        .send(ics);
    },
  );
};
