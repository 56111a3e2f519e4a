// Permission cases of the queue (issue #8), merged by ./index.ts. Receptionists serve their own
// unit's queue (queue.serve), unit and system administrators manage its desks (queue.manage),
// report readers see the figures; another unit's staff get 404. Kiosk, check-in with a booking
// code and the display are public by design.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { App } from "../../src/app.ts";
import { queryRows } from "../../src/db/client.ts";
import * as repo from "../../src/modules/queue/queue.repository.ts";
import { vietnamDate } from "../../src/shared/dates.ts";
import { cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

// Desk numbers run from 1 to 999; the demo uses the first few.
let deskNumber = 100;

/** A fresh desk of the unit, serving every sector. */
const desk = (app: App, unitId: string) =>
  repo.insertDesk(app.db, { unitId, number: ++deskNumber, name: `Quầy thử ${deskNumber}`, sectors: [] });

/** A ticket called to a fresh desk of the unit. */
async function calledTicket(app: App, unitId: string): Promise<string> {
  const d = await desk(app, unitId);
  const day = vietnamDate();
  const t = await repo.insertTicket(app.db, {
    unitId,
    day,
    number: await repo.nextNumber(app.db, unitId, day),
    source: "desk",
    status: "called",
    deskId: d.id,
    calledAt: new Date().toISOString(),
  });
  return t.id;
}

/** A booking of the unit for a slot that has just started. */
async function bookingCode(app: App, unitId: string): Promise<string> {
  const starts = new Date(Date.now() - 60_000);
  const [slot] = await queryRows<{ id: string }>(
    app.db,
    sql`insert into appointment_slots (unit_id, starts_at, ends_at, capacity, booked)
        values (${unitId}, ${starts.toISOString()}, ${new Date(starts.getTime() + 1_800_000).toISOString()}, 1, 1)
        returning id`,
  );
  const code = `PERM${randomUUID().slice(0, 8).toUpperCase()}`;
  await app.db.execute(
    sql`insert into appointments (code, slot_id, unit_id, full_name, phone, person_key, day, channel)
        values (${code}, ${slot!.id}, ${unitId}, 'Lê Văn Hẹn', '0905111222', ${randomUUID()}, ${vietnamDate(starts)}, 'portal')`,
  );
  return code;
}

const thuanHoa = "46.19753";

export const queueCases: Record<string, Case> = {
  "GET /api/v1/queue/desks": {
    request: async () => ({ method: "GET", url: `/api/v1/queue/desks?unit=${thuanHoa}` }),
    allow: cells(UNIT_STAFF, 200),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/queue/desks": {
    request: async () => ({
      method: "POST",
      url: "/api/v1/queue/desks",
      payload: { unit: thuanHoa, number: ++deskNumber, name: "Quầy mới" },
    }),
    allow: cells(covering("unit_admin", "system_admin"), 201),
    sees: UNIT_STAFF,
  },
  "PUT /api/v1/queue/desks/:id": {
    request: async (ids, app) => {
      const d = await desk(app, ids.thuanHoa);
      return {
        method: "PUT",
        url: `/api/v1/queue/desks/${d.id}`,
        payload: { number: d.number, name: "Quầy đổi tên", sectors: ["Hộ tịch"], active: true },
      };
    },
    allow: cells(covering("unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "DELETE /api/v1/queue/desks/:id": {
    request: async (ids, app) => ({
      method: "DELETE",
      url: `/api/v1/queue/desks/${(await desk(app, ids.thuanHoa)).id}`,
    }),
    allow: cells(covering("unit_admin", "system_admin"), 204),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/queue/desks/:id/queue": {
    request: async (ids, app) => ({
      method: "GET",
      url: `/api/v1/queue/desks/${(await desk(app, ids.thuanHoa)).id}/queue`,
    }),
    allow: cells(covering("receptionist"), 200),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/queue/desks/:id/call-next": {
    request: async (ids, app) => ({
      method: "POST",
      url: `/api/v1/queue/desks/${(await desk(app, ids.thuanHoa)).id}/call-next`,
    }),
    allow: cells(covering("receptionist"), 200),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/queue/tickets": {
    request: async (ids, app) => {
      await desk(app, ids.thuanHoa);
      return { method: "POST", url: "/api/v1/queue/tickets", payload: { unit: thuanHoa } };
    },
    allow: cells(covering("receptionist"), 201),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/queue/check-in": {
    request: async (ids, app) => {
      await desk(app, ids.thuanHoa);
      return {
        method: "POST",
        url: "/api/v1/queue/check-in",
        payload: { unit: thuanHoa, code: await bookingCode(app, ids.thuanHoa) },
      };
    },
    allow: cells(covering("receptionist"), 201),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/queue/tickets/:id/actions": {
    request: async (ids, app) => ({
      method: "POST",
      url: `/api/v1/queue/tickets/${await calledTicket(app, ids.thuanHoa)}/actions`,
      payload: { action: "skip" },
    }),
    allow: cells(covering("receptionist"), 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/queue/stats": {
    request: async () => ({ method: "GET", url: `/api/v1/queue/stats?unit=${thuanHoa}` }),
    allow: cells(covering("leader", "supervisor", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "POST /api/public/queue/tickets": {
    public: true,
    reason: "the kiosk issues a ticket without sign-in: a number, no personal data, rate limited",
  },
  "POST /api/public/queue/check-in": {
    public: true,
    reason: "check-in with the booking code the visitor holds; answers a number only, rate limited",
  },
  "GET /api/public/queue/display/:unitCode": {
    public: true,
    reason: "the hall's display: numbers and counters, no personal data",
  },
  "GET /api/public/queue/stream/:unitCode": {
    public: true,
    reason: "the display's live feed: numbers and counters, no personal data",
  },
};
