// Permission cases of the appointments routes (issue #8), merged by ./index.ts. The back office
// needs appointment.manage at the unit (its receptionists and administrators); the figures are
// also open to report readers (its leader). Citizens' routes are public: a booking is proven by
// its code and the phone number it was made with.
import { randomUUID } from "node:crypto";
import type { App } from "../../src/app.ts";
import { formatEpochDay, getEpochDay, isoWeekday } from "../../src/modules/calendar/dates.ts";
import { vietnamDate } from "../../src/shared/dates.ts";
import { call, login } from "../app.ts";
import { cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

const UNIT = "46.19753";

/** The first Monday-to-Friday at least three days ahead. */
function workingDay(): string {
  let n = getEpochDay(vietnamDate()) + 3;
  while (isoWeekday(n) > 5) n++;
  return formatEpochDay(n);
}

/** A live slot of Thuận Hóa (published by its desk when needed). */
async function liveSlot(app: App): Promise<string> {
  const desk = await login(app, "tiepnhan.thuanhoa");
  const day = workingDay();
  await call(app, desk, "POST", "/api/v1/appointments/slots/publish", {
    unit: UNIT,
    from: day,
    to: day,
    capacity: 50,
  });
  const res = await call(app, desk, "GET", `/api/v1/appointments/slots?unit=${UNIT}&from=${day}&to=${day}`);
  return res.json().items.find((s: { withdrawnAt: string | null }) => s.withdrawnAt === null).id;
}

/** A booking of a future slot, made by a citizen on the portal. */
async function booking(app: App): Promise<string> {
  const slotId = await liveSlot(app);
  const phone = `098${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  const res = await call(
    app,
    null,
    "POST",
    "/api/public/appointments",
    { slotId, fullName: "Phạm Văn Khách", phone },
    { "idempotency-key": randomUUID() },
  );
  const desk = await login(app, "tiepnhan.thuanhoa");
  const list = await call(
    app,
    desk,
    "GET",
    `/api/v1/appointments/bookings?unit=${UNIT}&day=${workingDay()}&q=${res.json().code}`,
  );
  return list.json().items[0].id;
}

const rules = {
  slotMinutes: 30,
  bookDaysAhead: 30,
  minLeadMinutes: 60,
  cancelMinutesBefore: 120,
  perPersonPerDay: 2,
  saturdayMorning: null,
};

export const appointmentsCases: Record<string, Case> = {
  "GET /api/v1/appointments/rules": {
    request: async () => ({ method: "GET", url: `/api/v1/appointments/rules?unit=${UNIT}` }),
    allow: cells(covering("receptionist", "unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "PUT /api/v1/appointments/rules": {
    request: async () => ({ method: "PUT", url: `/api/v1/appointments/rules?unit=${UNIT}`, payload: rules }),
    allow: cells(covering("receptionist", "unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/appointments/slots/publish": {
    request: async () => ({
      method: "POST",
      url: "/api/v1/appointments/slots/publish",
      payload: { unit: UNIT, from: workingDay(), to: workingDay(), capacity: 2, sector: "Chứng thực" },
    }),
    allow: cells(covering("receptionist", "unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/appointments/slots": {
    request: async () => ({
      method: "GET",
      url: `/api/v1/appointments/slots?unit=${UNIT}&from=${workingDay()}&to=${workingDay()}`,
    }),
    allow: cells(covering("receptionist", "unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/appointments/slots/:id/withdraw": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/v1/appointments/slots/${await liveSlot(app)}/withdraw`,
    }),
    allow: cells(covering("receptionist", "unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/appointments/bookings": {
    request: async () => ({
      method: "GET",
      url: `/api/v1/appointments/bookings?unit=${UNIT}&day=${workingDay()}`,
    }),
    allow: cells(covering("receptionist", "unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/appointments/bookings/:id/no-show": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/v1/appointments/bookings/${await booking(app)}/no-show`,
    }),
    // The receptionist may act; the slot has not started yet, so the command is refused.
    allow: cells(covering("receptionist", "unit_admin", "system_admin"), 409),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/appointments/stats": {
    request: async () => ({
      method: "GET",
      url: `/api/v1/appointments/stats?unit=${UNIT}&from=${vietnamDate()}&to=${workingDay()}`,
    }),
    // Report readers see the figures too: the unit's leader, the supervisor over the subtree.
    allow: cells(covering("receptionist", "leader", "unit_admin", "supervisor", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "GET /api/public/appointments/units": { public: true, reason: "units taking bookings: public information" },
  "GET /api/public/appointments/slots": {
    public: true,
    reason: "open slots and seats left, no personal data, rate limited",
  },
  "POST /api/public/appointments": {
    public: true,
    reason: "citizens book without an account (a signed-in citizen is linked), rate limited",
  },
  "GET /api/public/appointments/:code": {
    public: true,
    reason: "the booking code with the phone number it was made with proves ownership; data masked",
  },
  "POST /api/public/appointments/:code/cancel": {
    public: true,
    reason: "code + phone number prove ownership (see the appointments tests)",
  },
  "POST /api/public/appointments/:code/reschedule": {
    public: true,
    reason: "code + phone number prove ownership (see the appointments tests)",
  },
  "GET /api/public/appointments/:code/calendar.ics": {
    public: true,
    reason: "the calendar entry: time, place and code, no personal data",
  },
};
