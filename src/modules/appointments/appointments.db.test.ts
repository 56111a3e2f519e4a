// Appointments on the real database through the real HTTP stack: publishing from the calendar,
// booking with its limits (the last seats under 200 concurrent requests), cancelling,
// rescheduling, the .ics, the outbox (confirmation with the file, the reminder dropped on cancel),
// no-shows and the figures.
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { type Smtp, startSmtp } from "../../../test/smtp.ts";
import { queryRows } from "../../db/client.ts";
import { blindIndexOf, decryptField } from "../../db/encrypted.ts";
import { appointmentSlots } from "../../db/schema.frontdesk.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { formatEpochDay, getEpochDay, isoWeekday } from "../calendar/dates.ts";
import { createLogSmsSender, createSmtpMailSender, type SmsMessage } from "../notifications/channels.ts";
import { createOutboxWorker } from "../notifications/outbox.worker.ts";

const t = setupTestApp({ LOOKUP_RATE_PER_MINUTE: "100000", BOOKING_RATE_PER_MINUTE: "100000" });
const UNIT = "46.19753";
const key = () => ({ "idempotency-key": randomUUID() });
const today = vietnamDate();
const plusDays = (n: number) => formatEpochDay(getEpochDay(today) + n);
const db = () => t.database.db;

let desk: Session;
let unitId: string;
let smtp: Smtp;
beforeAll(async () => {
  desk = await login(t.app, "tiepnhan.thuanhoa");
  const [u] = await queryRows<{ id: string }>(db(), sql`select id from org_units where code = ${UNIT}`);
  unitId = u!.id;
  smtp = await startSmtp();
});
afterAll(async () => smtp?.close());

type Slot = { id: string; day: string; startsAt: string; endsAt: string; capacity: number; booked: number };

let phoneSeq = 0;
/** A distinct valid phone number per call: 09xxxxxxxx. */
const newPhone = () => `09${String(10_000_000 + ++phoneSeq * 7919).slice(-8)}`;

const publish = (body: Record<string, unknown>, as: Session = desk) =>
  call(t.app, as, "POST", "/api/v1/appointments/slots/publish", { unit: UNIT, capacity: 3, ...body });

async function slotsBetween(from: string, to: string): Promise<Slot[]> {
  const res = await call(t.app, desk, "GET", `/api/v1/appointments/slots?unit=${UNIT}&from=${from}&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

const book = (slotId: string, over: Record<string, unknown> = {}, headers = key()) =>
  call(
    t.app,
    null,
    "POST",
    "/api/public/appointments",
    { slotId, fullName: "Trần Thị Bình", phone: newPhone(), locale: "vi", ...over },
    headers,
  );

const slotRow = async (id: string) =>
  (
    await queryRows<{ booked: number; capacity: number }>(
      db(),
      sql`select booked, capacity from appointment_slots where id = ${id}`,
    )
  )[0]!;
const liveCount = async (slotId: string) =>
  Number(
    (
      await queryRows<{ n: string | number }>(
        db(),
        sql`select count(*) as n from appointments where slot_id = ${slotId} and status in ('booked','checked_in')`,
      )
    )[0]!.n,
  );

/** Slots published for the test over the next two weeks (from the day after tomorrow). */
let pool: Slot[] = [];
let used = 0;
/** A fresh slot no test has used, on a working day at least two days ahead. */
const freshSlot = () => {
  const s = pool[used++];
  if (!s) throw new Error("out of slots");
  return s;
};

describe("appointments: rules and publishing", () => {
  it("reads the defaults, saves rules and refuses bad ones field by field", async () => {
    // Phú Xuân keeps the defaults; Thuận Hóa's demo desk opens Saturday mornings.
    const other = await call(
      t.app,
      await login(t.app, "tiepnhan.phuxuan"),
      "GET",
      "/api/v1/appointments/rules?unit=46.19774",
    );
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({
      stored: false,
      rules: { slotMinutes: 30, perPersonPerDay: 2, saturdayMorning: null },
    });
    const res = await call(t.app, desk, "GET", `/api/v1/appointments/rules?unit=${UNIT}`);
    expect(res.json()).toMatchObject({
      stored: true,
      rules: { saturdayMorning: { start: "07:30", end: "11:30" } },
    });

    const bad = await call(t.app, desk, "PUT", `/api/v1/appointments/rules?unit=${UNIT}`, {
      slotMinutes: 3,
      bookDaysAhead: 30,
      minLeadMinutes: 60,
      cancelMinutesBefore: 120,
      perPersonPerDay: 2,
      saturdayMorning: { start: "11:30", end: "07:30" },
    });
    expect(bad.statusCode).toBe(400);
    const errors = bad.json().errors as { field: string; message: { vi: string; en: string } }[];
    expect(errors.map((e) => e.field).sort()).toEqual(["saturdayMorning.end", "slotMinutes"]);
    expect(errors.find((e) => e.field === "saturdayMorning.end")!.message).toEqual({
      vi: "Giờ kết thúc phải sau giờ bắt đầu.",
      en: "A working interval must end after it starts.",
    });

    const rules = {
      slotMinutes: 30,
      bookDaysAhead: 30,
      minLeadMinutes: 60,
      cancelMinutesBefore: 120,
      perPersonPerDay: 2,
      saturdayMorning: { start: "07:30", end: "11:30" },
    };
    const saved = await call(t.app, desk, "PUT", `/api/v1/appointments/rules?unit=${UNIT}`, rules);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ stored: true, rules, unit: { code: UNIT } });
    const unknown = await call(t.app, desk, "GET", "/api/v1/appointments/rules?unit=99.99999");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: "unit", code: "appointment.unit_unknown" });
  });

  it("publishes slots from the working calendar, Saturday mornings included, once", async () => {
    const from = plusDays(2);
    const to = plusDays(15);
    const res = await publish({ from, to, capacity: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json().created as number;
    pool = (await slotsBetween(from, to)).filter((s) => s.capacity === 3);
    expect(pool).toHaveLength(created);
    const local = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(11, 16);
    for (const s of pool) {
      const weekday = isoWeekday(getEpochDay(s.day));
      expect(weekday).not.toBe(7);
      if (weekday === 6) expect(local(s.startsAt) >= "07:30" && local(s.endsAt) <= "11:30").toBe(true);
      else expect(local(s.startsAt) >= "08:00" && local(s.endsAt) <= "17:00").toBe(true);
      expect(local(s.startsAt) < "12:00" || local(s.startsAt) >= "13:30").toBe(true);
    }
    expect(pool.some((s) => isoWeekday(getEpochDay(s.day)) === 6 && local(s.startsAt) === "07:30")).toBe(
      true,
    );
    // Ten working days or more, 15 slots each.
    expect(created).toBeGreaterThanOrEqual(150);

    const again = await publish({ from, to, capacity: 3 });
    expect(again.json()).toEqual({ created: 0, skipped: created, from, to });
  });

  it("refuses a closed range, a past range and a bad window with field errors, creating nothing", async () => {
    const before = await slotsBetween(plusDays(0), plusDays(30));
    let sunday = 2;
    while (isoWeekday(getEpochDay(plusDays(sunday))) !== 7) sunday++;
    const closed = await publish({ from: plusDays(sunday), to: plusDays(sunday) });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().errors[0]).toMatchObject({ field: "from", code: "appointment.closed" });
    expect(closed.json().errors[0].message.en).toMatch(/closed/);
    const night = await publish({
      from: plusDays(2),
      to: plusDays(3),
      within: { start: "18:00", end: "20:00" },
    });
    expect(night.statusCode).toBe(400);
    expect(night.json().errors[0]).toMatchObject({ field: "within", code: "appointment.closed" });
    const past = await publish({ from: plusDays(-1), to: plusDays(2) });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0]).toMatchObject({ field: "from", code: "appointment.past_range" });
    const tooLong = await publish({ from: plusDays(1), to: plusDays(100) });
    expect(tooLong.json().errors[0]).toMatchObject({ field: "to", code: "appointment.range_too_long" });
    expect(await slotsBetween(plusDays(0), plusDays(30))).toHaveLength(before.length);
  });
});

describe("appointments: booking", () => {
  it("books a slot: a code, masked data, the event, the seat, the confirmation and the reminder in the outbox", async () => {
    const slot = freshSlot();
    const open = await call(
      t.app,
      null,
      "GET",
      `/api/public/appointments/slots?unit=${UNIT}&from=${slot.day}&to=${slot.day}`,
    );
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json().items.find((s: { id: string }) => s.id === slot.id)).toMatchObject({ available: 3 });

    const headers = key();
    const phone = newPhone();
    const body = {
      fullName: "Nguyễn Văn An",
      phone: `+84 ${phone.slice(1)}`,
      email: "an@example.vn",
      locale: "vi",
    };
    const res = await book(slot.id, body, headers);
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b.code).toMatch(/^LH-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(b).toMatchObject({
      status: "booked",
      unit: { code: UNIT },
      startsAt: slot.startsAt,
      fullName: "N*** V*** An",
      phone: `${phone.slice(0, 3)}****${phone.slice(-3)}`,
      email: "an***@example.vn",
      canChange: true,
      calendarUrl: `/api/public/appointments/${b.code}/calendar.ics`,
    });
    expect(await slotRow(slot.id)).toEqual({ booked: 1, capacity: 3 });

    // The same request again (a retry) replays the answer and books nothing more.
    const replay = await book(slot.id, body, headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().code).toBe(b.code);
    expect(await slotRow(slot.id)).toEqual({ booked: 1, capacity: 3 });

    const [row] = await queryRows<{
      id: string;
      phone: string;
      day: string;
      channel: string;
      citizen_id: string | null;
    }>(
      db(),
      sql`select id, phone, day::text as day, channel, citizen_id from appointments where code = ${b.code}`,
    );
    expect(row).toMatchObject({ day: slot.day, channel: "portal", citizen_id: null });
    expect(row!.phone).toMatch(/^v1\./); // encrypted at rest (label appointments.phone)
    expect(decryptField(row!.phone, "appointments.phone")).toBe(phone);
    const events = await queryRows<{ kind: string }>(
      db(),
      sql`select kind from appointment_events where appointment_id = ${row!.id}`,
    );
    expect(events.map((e) => e.kind)).toEqual(["booked"]);

    const out = await queryRows<{
      dedupe_key: string;
      channel: string;
      template: string;
      due: string | Date;
    }>(
      db(),
      sql`select dedupe_key, channel, template, next_attempt_at as due from outbox where dedupe_key like ${`appointment:${row!.id}:%`} order by dedupe_key`,
    );
    expect(out.map((o) => `${o.template}/${o.channel}`)).toEqual([
      "appointment.booked/email",
      "appointment.booked/sms",
      "appointment.reminder/email",
      "appointment.reminder/sms",
    ]);
    const reminderDue = new Date(out[2]!.due as string).getTime();
    expect(reminderDue).toBe(Date.parse(slot.startsAt) - 86_400_000);

    const view = await call(
      t.app,
      null,
      "GET",
      `/api/public/appointments/${b.code.toLowerCase()}?phone=${phone}`,
    );
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toEqual(b);
    const wrong = await call(t.app, null, "GET", `/api/public/appointments/${b.code}?phone=0911111111`);
    expect(wrong.statusCode).toBe(404);

    const ics = await call(t.app, null, "GET", `/api/public/appointments/${b.code}/calendar.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    expect(ics.headers["content-disposition"]).toContain(`lich-hen-${b.code}.ics`);
    const lines = ics.body.replace(/\r\n /g, "").split("\r\n");
    expect(lines).toContain(`UID:${b.code}@motcua`);
    const utc = (iso: string) => iso.replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
    expect(lines).toContain(`DTSTART:${utc(slot.startsAt)}`);
    expect(lines).toContain(`DTEND:${utc(slot.endsAt)}`);
    expect(lines).toContain("BEGIN:VALARM");
    expect(ics.body).not.toContain("Nguyễn");
    expect(ics.body).not.toContain(phone);
  });

  it("links the signed-in citizen's account", async () => {
    const citizen = await login(t.app, "congdan@motcua.example");
    const res = await call(
      t.app,
      citizen,
      "POST",
      "/api/public/appointments",
      { slotId: freshSlot().id, fullName: "Công Dân", phone: newPhone() },
      key(),
    );
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await queryRows<{ citizen_id: string }>(
      db(),
      sql`select citizen_id from appointments where code = ${res.json().code}`,
    );
    expect(row!.citizen_id).toBe(citizen.userId);
  });

  it("refuses the past, too soon, too far, outside opening hours and bad fields, changing nothing", async () => {
    const nowMs = Date.now();
    const at = (ms: number, minutes: number) => ({
      unitId,
      startsAt: new Date(ms).toISOString(),
      endsAt: new Date(ms + minutes * 60_000).toISOString(),
      capacity: 5,
    });
    // Vietnam 09:00 of a day `n` days from today, as an instant.
    const nineAm = (n: number) => Date.parse(`${plusDays(n)}T09:00:00+07:00`);
    let far = 40;
    while (isoWeekday(getEpochDay(plusDays(far))) > 5) far++;
    let evening = 3;
    while (isoWeekday(getEpochDay(plusDays(evening))) > 5) evening++;
    const rows = await db()
      .insert(appointmentSlots)
      .values([
        at(nowMs - 3_600_000, 30),
        at(nowMs + 20 * 60_000, 30),
        at(nineAm(far), 30),
        at(Date.parse(`${plusDays(evening)}T19:00:00+07:00`), 30),
      ])
      .returning({ id: appointmentSlots.id });
    const [past, soon, tooFar, night] = rows.map((r) => r.id);
    const cases: [string, string, RegExp][] = [
      [past!, "appointment.past", /in the past/],
      [soon!, "appointment.lead_time", /at least 60 minutes/],
      [tooFar!, "appointment.too_far", /at most 30 days/],
      [night!, "appointment.closed", /closed/],
    ];
    const before = Number(
      (await queryRows<{ n: string }>(db(), sql`select count(*) as n from appointments`))[0]!.n,
    );
    for (const [id, code, en] of cases) {
      const res = await book(id);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      const [e] = res.json().errors;
      expect(e).toMatchObject({ field: "slotId", code });
      expect(e.message.en).toMatch(en);
      expect(e.message.vi.length).toBeGreaterThan(10);
      expect(await slotRow(id)).toMatchObject({ booked: 0 });
    }
    const fields = await book(freshSlot().id, { phone: "12345", fullName: " ", email: "not-mail" });
    expect(fields.statusCode).toBe(400);
    const errs = fields.json().errors as { field: string; message: { vi: string; en: string } }[];
    expect(errs.map((e) => e.field).sort()).toEqual(["email", "fullName", "phone"]);
    expect(errs.find((e) => e.field === "phone")!.message.vi).toMatch(/Số điện thoại/);
    const noKey = await book(freshSlot().id, {}, {} as ReturnType<typeof key>);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors[0].field).toBe("idempotency-key");
    expect((await book(randomUUID())).statusCode).toBe(404);
    const after = Number(
      (await queryRows<{ n: string }>(db(), sql`select count(*) as n from appointments`))[0]!.n,
    );
    expect(after).toBe(before);
  });

  it("keeps one person to the unit's bookings per day and one per slot, even under concurrent requests", async () => {
    const day = pool[used]!.day;
    const sameDay = pool.filter((s, i) => i >= used && s.day === day).slice(0, 8);
    used = pool.indexOf(sameDay.at(-1)!) + 1;
    const phone = newPhone();
    const first = await book(sameDay[0]!.id, { phone });
    expect(first.statusCode, first.body).toBe(201);
    const twice = await book(sameDay[0]!.id, { phone });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: "appointment.already_booked" });

    // Six bookings at once for the same person on the same day: one more fits (limit 2).
    const results = await Promise.all(
      sameDay.slice(1, 7).map((s) => book(s.id, { phone: `${phone.slice(0, 4)} ${phone.slice(4)}` })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
    const refused = results.find((r) => r.statusCode === 409)!.json();
    expect(refused.code).toBe("appointment.person_limit");
    expect(refused.errors[0]).toMatchObject({ field: "phone", code: "appointment.person_limit" });
    expect(refused.message.vi).toMatch(/tối đa|chỉ đặt được 2/);
    expect(refused.message.en).toMatch(/at most 2/);
    const [n] = await queryRows<{ n: string | number }>(
      db(),
      sql`select count(*) as n from appointments where day = ${day}::date and status = 'booked'
          and person_key = (select person_key from appointments where code = ${first.json().code})`,
    );
    expect(Number(n!.n)).toBe(2);
  });

  it("200 concurrent bookings for the last 10 seats: exactly 10 succeed, the others get a clear 409", async () => {
    const slot = freshSlot();
    await db().update(appointmentSlots).set({ capacity: 12 }).where(sql`id = ${slot.id}`);
    for (let i = 0; i < 2; i++) expect((await book(slot.id)).statusCode).toBe(201);
    expect(await slotRow(slot.id)).toEqual({ booked: 2, capacity: 12 });

    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, () => book(slot.id)));
    const ms = Math.round(performance.now() - started);
    const ok = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(190);
    for (const r of refused) {
      const p = r.json();
      expect(p.code).toBe("appointment.slot_full");
      expect(p.message).toEqual({ vi: "Khung giờ này đã hết chỗ.", en: "This slot is fully booked." });
      expect(p.errors[0]).toMatchObject({ field: "slotId", code: "appointment.slot_full" });
    }
    expect(new Set(ok.map((r) => r.json().code)).size).toBe(10);
    expect(await slotRow(slot.id)).toEqual({ booked: 12, capacity: 12 });
    expect(await liveCount(slot.id)).toBe(12);
    console.info(
      `[appointments] 200 concurrent bookings of the last 10 seats on ${t.database.kind}: ${ms} ms`,
    );
  }, 120_000);
});

describe("appointments: cancel, reschedule, reminders", () => {
  it("cancels: the seat is freed, the reminder is never sent, a cancellation with the .ics is", async () => {
    await queryRows(db(), sql`delete from outbox`);
    const keep = freshSlot();
    const drop = freshSlot();
    const keepPhone = newPhone();
    const dropPhone = newPhone();
    const kept = (await book(keep.id, { phone: keepPhone, email: "giu@example.vn" })).json();
    const dropped = (await book(drop.id, { phone: dropPhone, email: "huy@example.vn" })).json();
    expect(await slotRow(drop.id)).toMatchObject({ booked: 1 });

    const wrong = await call(t.app, null, "POST", `/api/public/appointments/${dropped.code}/cancel`, {
      phone: keepPhone,
    });
    expect(wrong.statusCode).toBe(404);
    const res = await call(t.app, null, "POST", `/api/public/appointments/${dropped.code}/cancel`, {
      phone: dropPhone,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "cancelled", canChange: false });
    expect(await slotRow(drop.id)).toMatchObject({ booked: 0 });
    const again = await call(t.app, null, "POST", `/api/public/appointments/${dropped.code}/cancel`, {
      phone: dropPhone,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("appointment.not_booked");

    // Time passes: every row is due. The worker sends what is left in the outbox.
    await queryRows(db(), sql`update outbox set next_attempt_at = now() - interval '1 second'`);
    const texts: SmsMessage[] = [];
    const logger = pino({ level: "silent" });
    const smsLog = createLogSmsSender(logger);
    const worker = createOutboxWorker({
      db: db(),
      logger,
      mail: createSmtpMailSender({
        url: `smtp://127.0.0.1:${smtp.port}`,
        from: "Một cửa <no-reply@motcua.local>",
      }),
      sms: {
        send: (m) => {
          texts.push(m);
          return smsLog.send(m);
        },
      },
    });
    const run = await worker.runOnce();
    expect(run.failed).toBe(0);
    const subjects = smtp.messages.map((m) => `${m.to}: ${m.subject}`).sort();
    expect(subjects).toEqual(
      [
        `giu@example.vn: Nhắc lịch hẹn ${kept.code} ngày ${subjectDay(keep.startsAt)}`,
        `giu@example.vn: Xác nhận lịch hẹn ${kept.code} ngày ${subjectDay(keep.startsAt)}`,
        `huy@example.vn: Xác nhận lịch hẹn ${dropped.code} ngày ${subjectDay(drop.startsAt)}`,
        `huy@example.vn: Đã hủy lịch hẹn ${dropped.code}`,
      ].sort(),
    );
    expect(texts.filter((m) => m.text.startsWith("Nhắc")).map((m) => m.to)).toEqual([keepPhone]);

    const confirmation = smtp.messages.find((m) => m.subject.startsWith(`Xác nhận lịch hẹn ${kept.code}`))!;
    expect(confirmation.attachments).toHaveLength(1);
    const [file] = confirmation.attachments;
    expect(file!.filename).toBe(`lich-hen-${kept.code}.ics`);
    expect(file!.contentType).toContain("text/calendar");
    expect(file!.content).toContain(`UID:${kept.code}@motcua\r\n`);
    expect(file!.content).toContain("STATUS:CONFIRMED");
    const cancelMail = smtp.messages.find((m) => m.subject.startsWith("Đã hủy"))!;
    expect(cancelMail.attachments[0]!.content).toContain("STATUS:CANCELLED");
  });

  it("withdraws a slot: each live booking told with the link to move it, its reminder dropped, the booking kept", async () => {
    const slot = freshSlot();
    const [viPhone, enPhone, gonePhone] = [newPhone(), newPhone(), newPhone()];
    const vi = (await book(slot.id, { phone: viPhone, email: "rut@example.vn" })).json();
    const en = (await book(slot.id, { phone: enPhone, locale: "en" })).json();
    const gone = (await book(slot.id, { phone: gonePhone, email: "dahuy@example.vn" })).json();
    expect(
      (await call(t.app, null, "POST", `/api/public/appointments/${gone.code}/cancel`, { phone: gonePhone }))
        .statusCode,
    ).toBe(200);
    const ids = await queryRows<{ id: string; code: string }>(
      db(),
      sql`select id, code from appointments where code in (${vi.code}, ${en.code}, ${gone.code})`,
    );
    const idOf = (code: string) => ids.find((r) => r.code === code)!.id;
    // Mail and SMS recipients are stored encrypted: each is checked to be a ciphertext, then decrypted.
    const rowsOf = async (code: string) =>
      (
        await queryRows<{
          dedupe_key: string;
          channel: string;
          locale: string;
          recipient: string;
          template: string;
        }>(
          db(),
          sql`select dedupe_key, channel, locale, recipient, template from outbox
            where dedupe_key like ${`appointment:${idOf(code)}:%`} order by dedupe_key`,
        )
      ).map((r) => {
        expect(r.recipient).toMatch(/^v1\./);
        return { ...r, recipient: decryptField(r.recipient, "outbox.recipient") };
      });
    expect((await rowsOf(vi.code)).map((r) => r.template)).toContain("appointment.reminder");

    const res = await call(t.app, desk, "POST", `/api/v1/appointments/slots/${slot.id}/withdraw`);
    expect(res.statusCode, res.body).toBe(200);
    const k = (code: string, rest: string) => `appointment:${idOf(code)}:${rest}`;
    expect(await rowsOf(vi.code)).toEqual([
      {
        dedupe_key: k(vi.code, "booked:email"),
        channel: "email",
        locale: "vi",
        recipient: "rut@example.vn",
        template: "appointment.booked",
      },
      {
        dedupe_key: k(vi.code, "booked:sms"),
        channel: "sms",
        locale: "vi",
        recipient: viPhone,
        template: "appointment.booked",
      },
      {
        dedupe_key: k(vi.code, "slot_withdrawn:email"),
        channel: "email",
        locale: "vi",
        recipient: "rut@example.vn",
        template: "appointment.slot_withdrawn",
      },
      {
        dedupe_key: k(vi.code, "slot_withdrawn:sms"),
        channel: "sms",
        locale: "vi",
        recipient: viPhone,
        template: "appointment.slot_withdrawn",
      },
    ]);
    expect((await rowsOf(en.code)).map((r) => [r.dedupe_key, r.locale])).toEqual([
      [k(en.code, "booked:sms"), "en"],
      [k(en.code, "slot_withdrawn:sms"), "en"],
    ]);
    // The cancelled booking is not told again.
    expect((await rowsOf(gone.code)).map((r) => r.template)).not.toContain("appointment.slot_withdrawn");
    // The bookings stay valid, with their event.
    expect(await liveCount(slot.id)).toBe(2);
    const events = await queryRows<{ n: string | number }>(
      db(),
      sql`select count(*) as n from appointment_events where kind = 'slot_withdrawn' and data->>'slotId' = ${slot.id}`,
    );
    expect(Number(events[0]!.n)).toBe(2);
    const view = await call(t.app, null, "GET", `/api/public/appointments/${vi.code}?phone=${viPhone}`);
    expect(view.json()).toMatchObject({ status: "booked", canChange: true });

    // Time passes: the worker sends the notices and no reminder of these bookings.
    await queryRows(db(), sql`update outbox set next_attempt_at = now() - interval '1 second'`);
    const texts: SmsMessage[] = [];
    const worker = createOutboxWorker({
      db: db(),
      logger: pino({ level: "silent" }),
      batchSize: 500,
      mail: createSmtpMailSender({
        url: `smtp://127.0.0.1:${smtp.port}`,
        from: "Một cửa <no-reply@motcua.local>",
      }),
      sms: {
        send: async (m) => {
          texts.push(m);
          return { providerId: `sms-${texts.length}` };
        },
      },
    });
    expect((await worker.runOnce()).failed).toBe(0);
    const mails = smtp.messages.filter((m) => m.subject.includes(vi.code));
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        `Lịch hẹn ${vi.code}: khung giờ đã bị rút, mời ông/bà đổi lịch`,
        `Xác nhận lịch hẹn ${vi.code} ngày ${subjectDay(slot.startsAt)}`,
      ].sort(),
    );
    const notice = mails.find((m) => m.subject.startsWith("Lịch hẹn"))!;
    expect(notice.text).toContain(`${t.config.publicUrl}/dat-lich/${vi.code}`);
    const told = texts.filter((m) => m.text.includes(vi.code) || m.text.includes(en.code));
    expect(told.filter((m) => /Nh[aắ]c|Reminder/.test(m.text))).toEqual([]);
    expect(
      told
        .filter((m) => m.text.includes("rut") || m.text.includes("withdrew"))
        .map((m) => m.to)
        .sort(),
    ).toEqual([enPhone, viPhone].sort());
    expect(told.find((m) => m.to === enPhone && m.text.includes("withdrew"))!.text).toContain(
      `${t.config.publicUrl}/dat-lich/${en.code}`,
    );
    // A second withdrawal is refused and tells nobody again.
    expect(
      (await call(t.app, desk, "POST", `/api/v1/appointments/slots/${slot.id}/withdraw`)).statusCode,
    ).toBe(409);
    expect((await rowsOf(vi.code)).filter((r) => r.template === "appointment.slot_withdrawn")).toHaveLength(
      2,
    );
  });

  it("reschedules: the old booking cancelled and linked, seats moved, in one go; refused past the deadline", async () => {
    const from = freshSlot();
    const to = freshSlot();
    const phone = newPhone();
    const b = (await book(from.id, { phone })).json();
    const res = await call(
      t.app,
      null,
      "POST",
      `/api/public/appointments/${b.code}/reschedule`,
      { phone, slotId: to.id },
      key(),
    );
    expect(res.statusCode, res.body).toBe(201);
    const moved = res.json();
    expect(moved.code).not.toBe(b.code);
    expect(moved).toMatchObject({ status: "booked", startsAt: to.startsAt, rescheduledFrom: b.code });
    expect(
      (await call(t.app, null, "GET", `/api/public/appointments/${b.code}?phone=${phone}`)).json().status,
    ).toBe("cancelled");
    expect(await slotRow(from.id)).toMatchObject({ booked: 0 });
    expect(await slotRow(to.id)).toMatchObject({ booked: 1 });
    const events = await queryRows<{ kind: string }>(
      db(),
      sql`select e.kind from appointment_events e join appointments a on a.id = e.appointment_id where a.code = ${b.code} order by e.id`,
    );
    expect(events.map((e) => e.kind)).toEqual(["booked", "rescheduled"]);

    // A move to a full slot fails as a whole: the booking stays where it was.
    const full = freshSlot();
    await db().update(appointmentSlots).set({ capacity: 1 }).where(sql`id = ${full.id}`);
    expect((await book(full.id)).statusCode).toBe(201);
    const refused = await call(
      t.app,
      null,
      "POST",
      `/api/public/appointments/${moved.code}/reschedule`,
      { phone, slotId: full.id },
      key(),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("appointment.slot_full");
    expect(
      (await call(t.app, null, "GET", `/api/public/appointments/${moved.code}?phone=${phone}`)).json().status,
    ).toBe("booked");
    expect(await slotRow(to.id)).toMatchObject({ booked: 1 });

    // The unit asks for a week's notice: too late now.
    const rules = (await call(t.app, desk, "GET", `/api/v1/appointments/rules?unit=${UNIT}`)).json().rules;
    const strict = await call(t.app, desk, "PUT", `/api/v1/appointments/rules?unit=${UNIT}`, {
      ...rules,
      cancelMinutesBefore: 10_080,
    });
    expect(strict.statusCode, strict.body).toBe(200);
    const late = await call(t.app, null, "POST", `/api/public/appointments/${moved.code}/cancel`, { phone });
    await call(t.app, desk, "PUT", `/api/v1/appointments/rules?unit=${UNIT}`, rules);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("appointment.cancel_deadline");
    expect(late.json().message.vi).toMatch(/10080 phút/);
  });
});

describe("appointments: the desk's day, no-shows and figures", () => {
  it("lists the day's bookings, marks a no-show once the slot started, and counts it", async () => {
    const slot = freshSlot();
    const a = (await book(slot.id, { fullName: "Lê Văn Tám" })).json();
    const list = await call(
      t.app,
      desk,
      "GET",
      `/api/v1/appointments/bookings?unit=${UNIT}&day=${slot.day}&q=${encodeURIComponent("le van tam")}`,
    );
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { code: string }) => i.code)).toEqual([a.code]);
    expect(list.json().items[0]).toMatchObject({ fullName: "Lê Văn Tám", status: "booked" });
    const byCode = await call(
      t.app,
      desk,
      "GET",
      `/api/v1/appointments/bookings?unit=${UNIT}&day=${slot.day}&q=${a.code}`,
    );
    expect(byCode.json().items.map((i: { code: string }) => i.code)).toEqual([a.code]);
    const all = await call(
      t.app,
      desk,
      "GET",
      `/api/v1/appointments/bookings?unit=${UNIT}&day=${slot.day}&pageSize=1`,
    );
    expect(all.json().items).toHaveLength(1);
    expect(all.json().total).toBeGreaterThanOrEqual(1);
    const id = list.json().items[0].id;

    const early = await call(t.app, desk, "POST", `/api/v1/appointments/bookings/${id}/no-show`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("appointment.not_started");
    // Time passes: the slot has started.
    await db()
      .update(appointmentSlots)
      .set({
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        endsAt: new Date(Date.now() - 1_800_000).toISOString(),
      })
      .where(sql`id = ${slot.id}`);
    const marked = await call(t.app, desk, "POST", `/api/v1/appointments/bookings/${id}/no-show`);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ code: a.code, status: "no_show" });
    expect((await call(t.app, desk, "POST", `/api/v1/appointments/bookings/${id}/no-show`)).statusCode).toBe(
      409,
    );

    const stats = await call(
      t.app,
      desk,
      "GET",
      `/api/v1/appointments/stats?unit=${UNIT}&from=${plusDays(0)}&to=${plusDays(30)}`,
    );
    expect(stats.statusCode, stats.body).toBe(200);
    const s = stats.json();
    const [counts] = await queryRows<Record<string, string | number>>(
      db(),
      sql`select count(*) as bookings,
                 count(*) filter (where status = 'no_show') as no_show,
                 count(*) filter (where status in ('checked_in', 'served')) as attended,
                 count(*) filter (where status = 'cancelled' and exists (select 1 from appointments n where n.rescheduled_from = a.id)) as rescheduled,
                 count(*) filter (where status = 'cancelled' and not exists (select 1 from appointments n where n.rescheduled_from = a.id)) as cancelled
          from appointments a where unit_id = ${unitId} and day between ${plusDays(0)}::date and ${plusDays(30)}::date`,
    );
    expect(s.total).toMatchObject({
      bookings: Number(counts!.bookings),
      noShow: Number(counts!.no_show),
      rescheduled: Number(counts!.rescheduled),
      cancelled: Number(counts!.cancelled),
      attended: Number(counts!.attended),
      noShowRate:
        Math.round((Number(counts!.no_show) / (Number(counts!.no_show) + Number(counts!.attended))) * 100) /
        100,
    });
    expect(s.total.noShow).toBeGreaterThanOrEqual(1);
    expect(s.total.rescheduled).toBeGreaterThanOrEqual(1);
    expect(s.total.leadTimeHours.median).toBeGreaterThan(24);
    expect(s.days.reduce((n: number, d: { bookings: number }) => n + d.bookings, 0)).toBe(s.total.bookings);
    expect(s.sectors.reduce((n: number, d: { bookings: number }) => n + d.bookings, 0)).toBe(
      s.total.bookings,
    );

    const leader = await login(t.app, "lanhdao.thuanhoa");
    expect(
      (
        await call(
          t.app,
          leader,
          "GET",
          `/api/v1/appointments/stats?unit=${UNIT}&from=${plusDays(0)}&to=${plusDays(30)}`,
        )
      ).statusCode,
    ).toBe(200);
  });

  it("withdraws a slot: no new bookings, the existing one stays", async () => {
    const slot = freshSlot();
    const b = await book(slot.id);
    expect(b.statusCode).toBe(201);
    const res = await call(t.app, desk, "POST", `/api/v1/appointments/slots/${slot.id}/withdraw`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().withdrawnAt).not.toBeNull();
    const after = await book(slot.id);
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe("appointment.slot_withdrawn");
    expect(await liveCount(slot.id)).toBe(1);
    const open = await call(
      t.app,
      null,
      "GET",
      `/api/public/appointments/slots?unit=${UNIT}&from=${slot.day}&to=${slot.day}`,
    );
    expect(open.json().items.map((s: { id: string }) => s.id)).not.toContain(slot.id);
    expect(
      (await call(t.app, desk, "POST", `/api/v1/appointments/slots/${slot.id}/withdraw`)).statusCode,
    ).toBe(409);
  });
});

function subjectDay(iso: string) {
  const v = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
}

describe("appointments: phone numbers encrypted at rest", () => {
  it("stores the phone encrypted with its keyed blind index; the desk sees it and finds it by the whole number in any spelling or by part of it; the per-day limit still holds", async () => {
    // Three unused slots on one day (the first such day among those left).
    const left = pool.slice(used);
    const day = left.find((s) => left.filter((o) => o.day === s.day).length >= 3)?.day;
    const sameDay = left.filter((s) => s.day === day).slice(0, 3);
    expect(sameDay).toHaveLength(3);
    used = pool.indexOf(sameDay.at(-1)!) + 1;
    const phone = newPhone();
    const other = newPhone();
    const spaced = `+84 ${phone.slice(1, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`;
    const a = await book(sameDay[0]!.id, { fullName: "Phan Thị Mai", phone: spaced });
    expect(a.statusCode, a.body).toBe(201);
    const b = await book(sameDay[0]!.id, { fullName: "Võ Văn Cường", phone: other });
    expect(b.statusCode, b.body).toBe(201);
    const code = a.json().code as string;

    // At rest: a v1 ciphertext without the number's digits, and a keyed index (not the old hash).
    const [raw] = await queryRows<{ phone: string; person_key: string }>(
      db(),
      sql`select phone, person_key from appointments where code = ${code}`,
    );
    expect(raw!.phone).toMatch(/^v1\./);
    expect(raw!.phone.replace(/\D/g, "")).not.toContain(phone.slice(3));
    expect(decryptField(raw!.phone, "appointments.phone")).toBe(phone);
    expect(raw!.person_key).toBe(blindIndexOf("phone", phone));
    expect(raw!.person_key).not.toBe(
      createHash("sha256").update(`motcua-appointment-person:${phone}`).digest("hex").slice(0, 32),
    );

    const list = (q: string, extra = "") =>
      call(
        t.app,
        desk,
        "GET",
        `/api/v1/appointments/bookings?unit=${UNIT}&day=${day}${q ? `&q=${encodeURIComponent(q)}` : ""}${extra}`,
      );
    const codes = (r: Awaited<ReturnType<typeof list>>) =>
      r.json().items.map((i: { code: string }) => i.code);
    // The whole number, spelt otherwise than it was booked: found through person_key, shown in clear.
    const whole = await list(`${phone.slice(0, 4)}.${phone.slice(4, 7)}.${phone.slice(7)}`);
    expect(whole.statusCode, whole.body).toBe(200);
    expect(codes(whole)).toEqual([code]);
    expect(whole.json().total).toBe(1);
    expect(whole.json().items[0]).toMatchObject({ code, fullName: "Phan Thị Mai", phone });
    expect(codes(await list(`84${phone.slice(1)}`))).toEqual([code]);
    expect(codes(await list(phone.slice(1)))).toEqual([code]); // nine digits, no leading 0: a part
    // Part of the number: matched after decrypting the day's bookings, paged like any list.
    const part = await list(phone.slice(-6));
    expect(part.statusCode, part.body).toBe(200);
    expect(codes(part)).toContain(code);
    expect(codes(part)).not.toContain(b.json().code);
    for (const i of part.json().items as { phone: string }[]) expect(i.phone).toContain(phone.slice(-6));
    const paged = await list(phone.slice(-6), "&pageSize=1");
    expect(paged.json().items).toHaveLength(1);
    expect(paged.json().total).toBe(part.json().total);
    // The whole list shows every phone in clear.
    const all = await list("", "&pageSize=100");
    const shown = (all.json().items as { code: string; phone: string }[]).filter((i) =>
      [code, b.json().code].includes(i.code),
    );
    expect(shown.map((i) => i.phone).sort()).toEqual([phone, other].sort());
    expect(all.body).not.toMatch(/"phone":"v1\./);
    // A number nobody booked finds nothing.
    expect((await list("0210000000")).json()).toMatchObject({ items: [], total: 0 });

    // The per-day limit (2) still recognises the person in another spelling.
    const second = await book(sameDay[1]!.id, { phone: `${phone.slice(0, 4)} ${phone.slice(4)}` });
    expect(second.statusCode, second.body).toBe(201);
    const third = await book(sameDay[2]!.id, { phone: `84${phone.slice(1)}` });
    expect(third.statusCode).toBe(409);
    expect(third.json().code).toBe("appointment.person_limit");

    // A booking still holding the former unkeyed hash (before `keys rotate`) counts too.
    const legacyPhone = newPhone();
    const old = await book(sameDay[0]!.id, { phone: legacyPhone });
    expect(old.statusCode, old.body).toBe(201);
    const legacy = createHash("sha256")
      .update(`motcua-appointment-person:${legacyPhone}`)
      .digest("hex")
      .slice(0, 32);
    await queryRows(
      db(),
      sql`update appointments set person_key = ${legacy} where code = ${old.json().code}`,
    );
    expect((await book(sameDay[1]!.id, { phone: legacyPhone })).statusCode).toBe(201);
    const over = await book(sameDay[2]!.id, { phone: legacyPhone });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe("appointment.person_limit");
  });
});
