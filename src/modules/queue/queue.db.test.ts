// Queue tickets on a real database through the HTTP stack: desks, numbering, the call order,
// the counter's actions, concurrent calls, booking check-in, the live stream, the figures.
// Each test works with its own sector at Phú Xuân, so tickets of one test never reach another's desks.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { withSlowCommits } from "../../../test/slow-commit.ts";
import { queryRows } from "../../db/client.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { nextNumber } from "./queue.repository.ts";

const t = setupTestApp();
const key = () => ({ "idempotency-key": randomUUID() });
const UNIT = "46.19774"; // Phú Xuân
let deskNumber = 100;
let sectorSeq = 0;
const newSector = () => `Lĩnh vực thử ${++sectorSeq}`;

type Ticket = {
  id: string;
  number: number;
  label: string;
  status: string;
  deskNumber: number | null;
  source: string;
};

async function as(username: string): Promise<Session> {
  return login(t.app, username);
}

async function makeDesk(sectors: string[], extra: Record<string, unknown> = {}) {
  const res = await call(t.app, await as("quantri.phuxuan"), "POST", "/api/v1/queue/desks", {
    unit: UNIT,
    number: ++deskNumber,
    name: `Quầy ${deskNumber}`,
    sectors,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: number; sectors: string[] };
}

async function kiosk(sector: string | null, unitCode = UNIT) {
  return t.app.inject({
    method: "POST",
    url: "/api/public/queue/tickets",
    payload: { unitCode, sector },
    headers: key(),
  });
}

async function issue(sector: string | null): Promise<Ticket> {
  const res = await call(
    t.app,
    await as("tiepnhan.phuxuan"),
    "POST",
    "/api/v1/queue/tickets",
    { unit: UNIT, sector },
    key(),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().ticket;
}

async function callNext(deskId: string, who = "tiepnhan.phuxuan") {
  return call(t.app, await as(who), "POST", `/api/v1/queue/desks/${deskId}/call-next`, undefined, key());
}

async function act(ticketId: string, body: Record<string, unknown>, who = "tiepnhan.phuxuan") {
  return call(t.app, await as(who), "POST", `/api/v1/queue/tickets/${ticketId}/actions`, body, key());
}

async function calledNumber(deskId: string): Promise<number | null> {
  const res = await callNext(deskId);
  expect(res.statusCode, res.body).toBe(200);
  const ticket = res.json().ticket as Ticket | null;
  if (ticket) expect((await act(ticket.id, { action: "finish" })).statusCode).toBe(200);
  return ticket?.number ?? null;
}

/** A booking of today at a unit, inserted directly (the appointments module books them). */
async function booking(opts: {
  unitCode?: string;
  sector: string;
  startsInMinutes: number;
  minutes?: number;
  day?: string;
}) {
  const unitId = await unitIdByCode(t.app, opts.unitCode ?? UNIT);
  const starts = new Date(Date.now() + opts.startsInMinutes * 60_000);
  const ends = new Date(starts.getTime() + (opts.minutes ?? 30) * 60_000);
  const code = `HEN${randomUUID().slice(0, 8).toUpperCase()}`;
  const [slot] = await queryRows<{ id: string }>(
    t.database.db,
    sql`insert into appointment_slots (unit_id, sector, starts_at, ends_at, capacity, booked)
        values (${unitId}, ${opts.sector}, ${starts.toISOString()}, ${ends.toISOString()}, 5, 1) returning id`,
  );
  const [appointment] = await queryRows<{ id: string }>(
    t.database.db,
    sql`insert into appointments (code, slot_id, unit_id, sector, full_name, phone, person_key, day, channel)
        values (${code}, ${slot!.id}, ${unitId}, ${opts.sector}, 'Trần Thị Hẹn', '0905000111', ${randomUUID()},
                ${opts.day ?? vietnamDate(starts)}, 'portal') returning id`,
  );
  return { code, id: appointment!.id, startsAt: starts.toISOString() };
}

describe("desks", () => {
  it("lets the unit administrator add, change and delete desks, with field errors in vi and en", async () => {
    const admin = await as("quantri.phuxuan");
    const desk = await makeDesk(["Hộ tịch", "Hộ tịch", "Chứng thực"]);
    expect(desk.sectors).toEqual(["Hộ tịch", "Chứng thực"]);

    const dup = await call(t.app, admin, "POST", "/api/v1/queue/desks", {
      unit: UNIT,
      number: desk.number,
      name: "X",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ field: "number", code: "queue.desk_number_taken" });

    const bad = await call(t.app, admin, "POST", "/api/v1/queue/desks", { unit: UNIT, number: 0, name: " " });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["name", "number"]);
    expect(bad.json().errors[0].message).toEqual({ vi: expect.any(String), en: expect.any(String) });

    const put = await call(t.app, admin, "PUT", `/api/v1/queue/desks/${desk.id}`, {
      number: desk.number,
      name: "Quầy Hộ tịch",
      sectors: [],
      active: false,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: "Quầy Hộ tịch", sectors: [], active: false });

    const list = await call(t.app, admin, "GET", `/api/v1/queue/desks?unit=${UNIT}`);
    expect(list.json().items.find((d: { id: string }) => d.id === desk.id)).toMatchObject({ active: false });
    expect(list.json().sectors).toContain("Hộ tịch");

    expect((await call(t.app, admin, "DELETE", `/api/v1/queue/desks/${desk.id}`)).statusCode).toBe(204);
    expect((await call(t.app, admin, "DELETE", `/api/v1/queue/desks/${desk.id}`)).statusCode).toBe(404);
  });

  it("refuses a used desk's deletion, other units' admins (404), receptionists (403), unknown units (404)", async () => {
    const sector = newSector();
    const desk = await makeDesk([sector]);
    await issue(sector);
    expect(await calledNumber(desk.id)).not.toBeNull();
    const del = await call(t.app, await as("quantri.phuxuan"), "DELETE", `/api/v1/queue/desks/${desk.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe("queue.desk_in_use");

    const body = { number: 998, name: "Quầy", sectors: [], active: true };
    expect(
      (await call(t.app, await as("quantri.thuanhoa"), "PUT", `/api/v1/queue/desks/${desk.id}`, body))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(t.app, await as("tiepnhan.phuxuan"), "PUT", `/api/v1/queue/desks/${desk.id}`, body))
        .statusCode,
    ).toBe(403);
    const unknown = await call(t.app, await as("admin"), "POST", "/api/v1/queue/desks", {
      ...body,
      unit: "99.99999",
    });
    expect(unknown.statusCode).toBe(404);
  });

  // Found by the API fuzzer on PostgreSQL: the handler sent its 204 itself, before the audit
  // wrapper committed, so the next request still saw the desk (and a failed commit would have
  // been answered 204).
  it("answers a deletion only once it is committed with its audit row", async () => {
    const desk = await makeDesk([newSector()]);
    const session = await as("quantri.phuxuan");
    const db = t.database.db;
    await withSlowCommits(db, async () => {
      const del = await call(t.app, session, "DELETE", `/api/v1/queue/desks/${desk.id}`);
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe("");
      // On PostgreSQL this reads through another pooled connection: it sees only committed rows.
      const left = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from service_desks where id = ${desk.id}`,
      );
      expect(left[0]!.n).toBe(0);
      const audited = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_log
            where action = 'queue.desk.delete' and target = ${desk.id} and outcome = 204`,
      );
      expect(audited[0]!.n).toBe(1);
    });
  });
});

describe("tickets", () => {
  it("numbers tickets per unit and day, from the kiosk and the desk, restarting each day", async () => {
    const sector = newSector();
    await makeDesk([sector]);
    const a = await kiosk(sector);
    expect(a.statusCode, a.body).toBe(201);
    const b = await issue(sector);
    const c = await kiosk(sector);
    expect(b.number).toBe(a.json().number + 1);
    expect(c.json().number).toBe(b.number + 1);
    expect(a.json()).toMatchObject({
      label: String(a.json().number).padStart(4, "0"),
      sector,
      unit: { code: UNIT },
    });
    expect(Object.keys(a.json()).sort()).toEqual(
      ["issuedAt", "label", "number", "sector", "slotStartsAt", "unit", "waitingAhead"].sort(),
    );
    expect(b.source).toBe("desk");

    const unitId = await unitIdByCode(t.app, UNIT);
    const [counter] = await queryRows<{ last: number }>(
      t.database.db,
      sql`select last from queue_counters where unit_id = ${unitId} and day = ${vietnamDate()}`,
    );
    expect(counter!.last).toBe(c.json().number);
    // Another day starts again at 1, and keeps counting.
    expect(await nextNumber(t.database.db, unitId, "2020-01-01")).toBe(1);
    expect(await nextNumber(t.database.db, unitId, "2020-01-01")).toBe(2);
  });

  it("refuses unknown units, units without desks and sectors no desk serves", async () => {
    expect((await kiosk(null, "99.99999")).statusCode).toBe(404);
    expect((await kiosk(null, "46")).statusCode).toBe(404); // the province has no desk
    const res = await kiosk("Không có lĩnh vực này");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "sector", code: "queue.sector_unknown" });
    expect(res.json().errors[0].message.vi).toMatch(/Không có quầy nào/);
    const other = await call(
      t.app,
      await as("tiepnhan.thuanhoa"),
      "POST",
      "/api/v1/queue/tickets",
      { unit: UNIT },
      key(),
    );
    expect(other.statusCode).toBe(404);
  });

  it("calls in order: started bookings, transfers to the desk, then numbers of the desk's sectors", async () => {
    const sector = newSector();
    const otherSector = newSector();
    const desk = await makeDesk([sector]);
    const other = await makeDesk([otherSector]);
    const w1 = await issue(sector);
    const w2 = await issue(sector);
    await issue(otherSector); // never called by `desk`
    const early = await booking({ sector, startsInMinutes: 60 });
    const started = await booking({ sector, startsInMinutes: -5 });
    const checkEarly = await call(
      t.app,
      await as("tiepnhan.phuxuan"),
      "POST",
      "/api/v1/queue/check-in",
      { unit: UNIT, code: early.code },
      key(),
    );
    expect(checkEarly.statusCode, checkEarly.body).toBe(201);
    const checkStarted = await t.app.inject({
      method: "POST",
      url: "/api/public/queue/check-in",
      payload: { unitCode: UNIT, code: started.code },
      headers: key(),
    });
    expect(checkStarted.statusCode, checkStarted.body).toBe(201);
    expect(checkStarted.json().slotStartsAt).toBe(started.startsAt);

    // A ticket of the other desk, transferred here.
    const o = await callNext(other.id);
    const transferred = o.json().ticket as Ticket;
    const tr = await act(transferred.id, { action: "transfer", deskId: desk.id });
    expect(tr.statusCode, tr.body).toBe(200);
    expect(tr.json().ticket).toMatchObject({ status: "waiting", deskNumber: desk.number });

    const screen = await call(
      t.app,
      await as("tiepnhan.phuxuan"),
      "GET",
      `/api/v1/queue/desks/${desk.id}/queue`,
    );
    expect(screen.statusCode, screen.body).toBe(200);
    const expected = [
      checkStarted.json().number,
      transferred.number,
      w1.number,
      w2.number,
      checkEarly.json().ticket.number,
    ];
    expect(screen.json().waiting.map((x: Ticket) => x.number)).toEqual(expected);
    expect(screen.json().waitingCount).toBe(5);

    const order: (number | null)[] = [];
    for (let i = 0; i < 6; i++) order.push(await calledNumber(desk.id));
    expect(order).toEqual([...expected, null]);
  });

  it("recalls, skips, serves, transfers and finishes, refusing moves the status does not allow", async () => {
    const sector = newSector();
    const desk = await makeDesk([sector]);
    const desk2 = await makeDesk([sector]);
    const ticket = await issue(sector);
    const called = (await callNext(desk.id)).json().ticket;
    expect(called).toMatchObject({ id: ticket.id, status: "called", calls: 1, deskNumber: desk.number });
    expect(called.actions).toEqual(["recall", "skip", "transfer", "serve", "finish"]);

    // The desk is busy until the called ticket is dealt with.
    const busy = await callNext(desk.id);
    expect(busy.statusCode, busy.body).toBe(409);
    expect(busy.json().code).toBe("queue.desk_busy");

    expect((await act(ticket.id, { action: "recall" })).json().ticket.calls).toBe(2);
    expect((await act(ticket.id, { action: "skip" })).json().ticket.status).toBe("skipped");
    const wrong = await act(ticket.id, { action: "serve" });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({
      code: "queue.invalid_transition",
      ticketStatus: "skipped",
      allowedActions: ["recall"],
    });
    expect(wrong.json().message.vi).toMatch(/đã bỏ qua/);
    expect((await act(ticket.id, { action: "recall" })).json().ticket).toMatchObject({
      status: "called",
      calls: 3,
    });
    expect((await act(ticket.id, { action: "serve" })).json().ticket.status).toBe("serving");

    const badTarget = await act(ticket.id, { action: "transfer", deskId: desk.id });
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().errors[0].field).toBe("deskId");
    expect((await act(ticket.id, { action: "transfer", deskId: desk2.id })).json().ticket.status).toBe(
      "waiting",
    );
    expect((await callNext(desk2.id)).json().ticket.id).toBe(ticket.id);

    const badDossier = await act(ticket.id, { action: "finish", dossierCode: "KHONG-CO" });
    expect(badDossier.statusCode).toBe(400);
    expect(badDossier.json().errors[0]).toMatchObject({
      field: "dossierCode",
      code: "queue.dossier_unknown",
    });
    const finished = await act(ticket.id, { action: "finish" });
    expect(finished.json().ticket).toMatchObject({ status: "served", actions: [] });
    expect((await act(ticket.id, { action: "recall" })).statusCode).toBe(409);

    const kinds = await queryRows<{ kind: string; desk: number | null }>(
      t.database.db,
      sql`select e.kind, d.number as desk from queue_events e left join service_desks d on d.id = e.desk_id
          where e.ticket_id = ${ticket.id} order by e.id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual([
      "issued",
      "called",
      "recalled",
      "skipped",
      "recalled",
      "serving",
      "transferred",
      "called",
      "served",
    ]);
    expect(kinds[6]!.desk).toBe(desk2.number);
  });

  it("links the dossier received while serving", async () => {
    const thuanHoa = await unitIdByCode(t.app, "46.19753");
    const [dossier] = await queryRows<{ code: string; id: string }>(
      t.database.db,
      sql`select code, id from dossiers where unit_id = ${await unitIdByCode(t.app, UNIT)} limit 1`,
    );
    const sector = newSector();
    const desk = await makeDesk([sector]);
    const ticket = await issue(sector);
    await callNext(desk.id);
    if (!dossier) {
      // No demo dossier at Phú Xuân: a dossier of another unit is refused.
      const [elsewhere] = await queryRows<{ code: string }>(
        t.database.db,
        sql`select code from dossiers where unit_id = ${thuanHoa} limit 1`,
      );
      expect((await act(ticket.id, { action: "finish", dossierCode: elsewhere!.code })).statusCode).toBe(400);
      return;
    }
    const res = await act(ticket.id, { action: "finish", dossierCode: dossier.code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ticket.dossierId).toBe(dossier.id);
  });

  it("never calls the same ticket at two desks calling at once", async () => {
    const sector = newSector();
    const desks = await Promise.all(Array.from({ length: 6 }, () => makeDesk([sector])));
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await issue(sector));
    const sessions = await as("tiepnhan.phuxuan");
    const results = await Promise.all(
      desks.map((d) =>
        call(t.app, sessions, "POST", `/api/v1/queue/desks/${d.id}/call-next`, undefined, key()),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    const called = results.map((r) => r.json().ticket?.number ?? null);
    expect(called).not.toContain(null);
    expect(new Set(called).size).toBe(6);
    expect([...called].sort((a, b) => a - b)).toEqual(tickets.map((x) => x.number));
    // Each desk now has its ticket called: it must deal with it before calling again.
    const again = await callNext(desks[0]!.id);
    expect(again.statusCode).toBe(409);
  });

  it("refuses acting at another unit's desk (404) and staff without queue.serve (403)", async () => {
    const sector = newSector();
    const desk = await makeDesk([sector]);
    const ticket = await issue(sector);
    expect((await callNext(desk.id, "tiepnhan.thuanhoa")).statusCode).toBe(404);
    expect((await callNext(desk.id, "quantri.phuxuan")).statusCode).toBe(403);
    expect((await callNext(randomUUID())).statusCode).toBe(404);
    await callNext(desk.id);
    expect((await act(ticket.id, { action: "skip" }, "tiepnhan.thuanhoa")).statusCode).toBe(404);
    expect((await act(ticket.id, { action: "skip" }, "quantri.phuxuan")).statusCode).toBe(403);
    expect(
      (
        await call(
          t.app,
          null,
          "POST",
          `/api/v1/queue/tickets/${ticket.id}/actions`,
          { action: "skip" },
          key(),
        )
      ).statusCode,
    ).toBe(401);
    const bad = await act(ticket.id, { action: "fly" });
    expect(bad.statusCode).toBe(400);
  });
});

describe("check-in", () => {
  it("turns today's booking into a booking ticket, marks it checked in, then served", async () => {
    const sector = newSector();
    const desk = await makeDesk([sector]);
    const b = await booking({ sector, startsInMinutes: -1 });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/public/queue/check-in",
      payload: { unitCode: UNIT, code: b.code },
      headers: key(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(JSON.stringify(res.json())).not.toMatch(/Trần Thị Hẹn|0905000111/);
    const [ticket] = await queryRows<{
      id: string;
      source: string;
      appointment_id: string;
      priority_from: string | Date;
    }>(
      t.database.db,
      sql`select id, source, appointment_id, priority_from from queue_tickets where appointment_id = ${b.id}`,
    );
    expect(ticket).toMatchObject({ source: "booking", appointment_id: b.id });
    expect(new Date(ticket!.priority_from).toISOString()).toBe(b.startsAt);

    const again = await t.app.inject({
      method: "POST",
      url: "/api/public/queue/check-in",
      payload: { unitCode: UNIT, code: b.code },
      headers: key(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("queue.booking_checked_in");

    const called = (await callNext(desk.id)).json().ticket;
    expect(called).toMatchObject({ id: ticket!.id, bookingCode: b.code, source: "booking" });
    await act(called.id, { action: "finish" });
    const events = await queryRows<{ kind: string }>(
      t.database.db,
      sql`select kind from appointment_events where appointment_id = ${b.id} order by id`,
    );
    expect(events.map((e) => e.kind)).toEqual(["checked_in", "served"]);
    const [status] = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from appointments where id = ${b.id}`,
    );
    expect(status!.status).toBe("served");
  });

  it("refuses unknown codes, another unit's bookings, other days and cancelled bookings", async () => {
    const sector = newSector();
    await makeDesk([sector]);
    const post = (code: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/public/queue/check-in",
        payload: { unitCode: UNIT, code },
        headers: key(),
      });
    expect((await post("KHONGCO123")).statusCode).toBe(404);
    const elsewhere = await booking({ unitCode: "46.19753", sector, startsInMinutes: 0 });
    expect((await post(elsewhere.code)).statusCode).toBe(404);
    const tomorrow = await booking({ sector, startsInMinutes: 24 * 60 + 5 });
    const res = await post(tomorrow.code);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("queue.booking_not_today");
    const cancelled = await booking({ sector, startsInMinutes: 0 });
    await t.database.db.execute(sql`update appointments set status = 'cancelled' where id = ${cancelled.id}`);
    expect((await post(cancelled.code)).json().code).toBe("queue.booking_cancelled");
  });

  it("checks in a visitor after the slot has ended as a walk-in", async () => {
    const sector = newSector();
    await makeDesk([sector]);
    const late = await booking({ sector, startsInMinutes: -40, minutes: 30 });
    if (vietnamDate(new Date(late.startsAt)) !== vietnamDate()) return; // just after midnight: another day
    const res = await call(
      t.app,
      await as("tiepnhan.phuxuan"),
      "POST",
      "/api/v1/queue/check-in",
      { unit: UNIT, code: late.code },
      key(),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().ticket).toMatchObject({ source: "booking", priorityFrom: null });
  });
});

describe("display", () => {
  it("shows today's calls with their counters and no personal data", async () => {
    const sector = newSector();
    const desk = await makeDesk([sector]);
    await issue(sector);
    const called = (await callNext(desk.id)).json().ticket;
    const res = await t.app.inject({ method: "GET", url: `/api/public/queue/display/${UNIT}` });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.calls[0]).toMatchObject({ kind: "called", number: called.number, deskNumber: desk.number });
    expect(d.desks.find((x: { number: number }) => x.number === desk.number).current).toBe(called.label);
    expect(d.sectors).toContain(sector);
    expect(d.lastEventId).toBeGreaterThanOrEqual(d.calls[0].id);
    expect(JSON.stringify(d)).not.toMatch(/Trần Thị Hẹn|0905000111|tiepnhan/);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/public/queue/display/99.99999" })).statusCode,
    ).toBe(404);
    // The demo's desks at Thuận Hóa.
    const demo = (await t.app.inject({ method: "GET", url: "/api/public/queue/display/46.19753" })).json();
    expect(demo.desks.map((x: { number: number }) => x.number)).toEqual([1, 2, 3]);
    expect(demo.sectors).toEqual(expect.arrayContaining(["Hộ tịch", "Đăng ký cư trú", "Nuôi con nuôi"]));
  });

  it("streams a call to the display within a second, and resumes after Last-Event-ID", async () => {
    const sector = newSector();
    const desk = await makeDesk([sector]);
    const first = await issue(sector);
    const second = await issue(sector);
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const controller = new AbortController();
    const res = await fetch(`${base}/api/public/queue/stream/${UNIT}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = async (predicate: (s: string) => boolean) => {
      while (!predicate(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await until((s) => s.includes("retry:"));
    // Give the LISTEN a moment only if needed: subscribe resolves once it is in place.
    const clicked = performance.now();
    const res1 = await callNext(desk.id);
    expect(res1.json().ticket.id).toBe(first.id);
    await until((s) => s.includes(`"number":${first.number}`) && s.includes('"kind":"called"'));
    const ms = performance.now() - clicked;
    console.log(`queue stream: call → event received in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    const match = /id: (\d+)\nevent: queue\ndata: (\{[^\n]*"kind":"called"[^\n]*\})/.exec(text);
    expect(JSON.parse(match![2]!)).toMatchObject({
      number: first.number,
      deskNumber: desk.number,
      label: first.label,
    });
    controller.abort();

    // Events after the last one seen are replayed on reconnect, in order.
    const lastSeen = Number(match![1]);
    await act(first.id, { action: "finish" });
    await callNext(desk.id);
    const resumed = await fetch(`${base}/api/public/queue/stream/${UNIT}`, {
      headers: { "last-event-id": String(lastSeen) },
    });
    const r2 = resumed.body!.getReader();
    let replay = "";
    while (!(replay.includes('"kind":"served"') && replay.includes(`"number":${second.number}`))) {
      const { value, done } = await r2.read();
      if (done) break;
      replay += decoder.decode(value, { stream: true });
    }
    await r2.cancel();
    const ids = [...replay.matchAll(/id: (\d+)/g)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => id > lastSeen)).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(replay.indexOf('"kind":"served"')).toBeLessThan(replay.indexOf(`"number":${second.number},`));
  });
});

describe("statistics", () => {
  it("gives waiting and serving medians and p90 per desk, sector and official", async () => {
    const sector = newSector();
    const desk = await makeDesk([sector]);
    const unitId = await unitIdByCode(t.app, UNIT);
    const [official] = await queryRows<{ id: string; full_name: string }>(
      t.database.db,
      sql`select id, full_name from users where username = 'tiepnhan.phuxuan'`,
    );
    const day = "2025-06-02";
    // Waits of 1..10 minutes, serving of 2 minutes each (times chosen, not measured).
    for (let i = 1; i <= 10; i++) {
      const issued = new Date(Date.UTC(2025, 5, 2, 1, 0));
      const calledAt = new Date(issued.getTime() + i * 60_000);
      const servedAt = new Date(calledAt.getTime() + 120_000);
      const [row] = await queryRows<{ id: string }>(
        t.database.db,
        sql`insert into queue_tickets (unit_id, day, number, sector, source, status, desk_id, official_id, issued_at)
            values (${unitId}, ${day}, ${1000 + i}, ${sector}, 'kiosk', 'served', ${desk.id}, ${official!.id}, ${issued.toISOString()})
            returning id`,
      );
      for (const [kind, at] of [
        ["issued", issued],
        ["called", calledAt],
        ["served", servedAt],
      ] as const)
        await t.database.db.execute(
          sql`insert into queue_events (ticket_id, unit_id, kind, desk_id, actor_id, at)
              values (${row!.id}, ${unitId}, ${kind}, ${kind === "issued" ? null : desk.id}, ${official!.id}, ${at.toISOString()})`,
        );
    }
    const res = await call(
      t.app,
      await as("admin"),
      "GET",
      `/api/v1/queue/stats?unit=${UNIT}&from=${day}&to=${day}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.total).toMatchObject({
      tickets: 10,
      served: 10,
      waitMedian: 330,
      waitP90: 540,
      serveMedian: 120,
      serveP90: 120,
    });
    expect(s.byDesk).toEqual([
      expect.objectContaining({ key: desk.id, label: `${desk.number}. Quầy ${desk.number}`, tickets: 10 }),
    ]);
    expect(s.bySector).toEqual([expect.objectContaining({ key: sector, tickets: 10 })]);
    expect(s.byOfficial).toEqual([
      expect.objectContaining({ key: official!.id, label: official!.full_name }),
    ]);

    expect(
      (await call(t.app, await as("tiepnhan.phuxuan"), "GET", `/api/v1/queue/stats?unit=${UNIT}`)).statusCode,
    ).toBe(403);
    expect(
      (await call(t.app, await as("lanhdao.thuanhoa"), "GET", `/api/v1/queue/stats?unit=${UNIT}`)).statusCode,
    ).toBe(404);
    const bad = await call(
      t.app,
      await as("admin"),
      "GET",
      `/api/v1/queue/stats?unit=${UNIT}&from=2025-06-03&to=2025-06-01`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("from");
  });
});
