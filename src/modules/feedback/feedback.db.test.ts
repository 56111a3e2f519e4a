// Feedback on the real database through the real HTTP stack: submit → routed unit and deadline
// → assign → reply → publish (consent, no personal data in any public response), reroute, photos
// (type, size, count: refused and nothing stored), idempotency, Open311 (form-encoded and JSON
// posts shaped like real clients, its error format, nothing stored on refusal) and the figures.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { startSmtp } from "../../../test/smtp.ts";
import { queryRows } from "../../db/client.ts";
import { decryptField } from "../../db/encrypted.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { effectiveCalendar } from "../calendar/calendar.service.ts";
import { jpegBytes, pdfBytes, pngBytes } from "../documents/test-files.ts";
import { createSmtpMailSender, type SmsMessage } from "../notifications/channels.ts";
import { createOutboxWorker } from "../notifications/outbox.worker.ts";
import { feedbackCells, feedbackDueAt } from "./feedback.logic.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-feedback-"));
const t = setupTestApp({ LOOKUP_RATE_PER_MINUTE: "100000", MOTCUA_DATA_DIR: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const UNIT = "46.19753";
const OTHER = "46.19774";
const key = () => ({ "idempotency-key": randomUUID() });
const db = () => t.database.db;

const SENDER = { fullName: "Nguyễn Văn Bình", email: "binh.nguyen@example.vn", phone: "0905123456" };
const PERSONAL = ["Bình", "binh.nguyen", "0905123456", "0905 123 456", "046090001234"];
const TEXT =
  "Tôi là Nguyễn Văn Bình (CCCD 046090001234, ĐT 0905 123 456). Quầy 2 bắt tôi chờ 3 giờ mà không giải thích.";

let desk: Session;
let unitId: string;
beforeAll(async () => {
  desk = await login(t.app, "tiepnhan.thuanhoa");
  const [u] = await queryRows<{ id: string }>(db(), sql`select id from org_units where code = ${UNIT}`);
  unitId = u!.id;
});

const submit = (over: Record<string, unknown> = {}, headers: Record<string, string> = key()) =>
  call(
    t.app,
    null,
    "POST",
    "/api/public/feedback",
    { serviceCode: "desk", description: TEXT, unit: UNIT, consentPublish: true, ...SENDER, ...over },
    headers,
  );
const count = async (table: "feedback_items" | "feedback_photos" | "feedback_events") =>
  Number(
    (await queryRows<{ n: string | number }>(db(), sql`select count(*) as n from ${sql.raw(table)}`))[0]!.n,
  );
const itemId = async (code: string) =>
  (await queryRows<{ id: string }>(db(), sql`select id from feedback_items where code = ${code}`))[0]!.id;
const upload = (code: string, token: string, bytes: Buffer, type = "image/png", headers = key()) =>
  t.app.inject({
    method: "POST",
    url: `/api/public/feedback/${code}/photos`,
    payload: bytes,
    headers: { "content-type": type, "x-feedback-token": token, ...headers },
  });
const expectNoPersonalData = (body: string) => {
  for (const p of PERSONAL) expect(body).not.toContain(p);
};

describe("submit and route", () => {
  it("routes to the chosen unit with a due date in its working days and a PA- code", async () => {
    const before = new Date();
    const res = await submit();
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.code).toMatch(/^PA-[23456789A-Z]{8}$/);
    expect(body.unit.code).toBe(UNIT);
    expect(body.status).toBe("open");
    // The desk kind is answered in 5 working days of the unit's calendar.
    const { calendar } = await effectiveCalendar({ tx: db() } as never, unitId);
    const expected = feedbackDueAt(calendar, before, 5).getTime();
    expect(Math.abs(new Date(body.dueAt).getTime() - expected)).toBeLessThan(60_000);
    expect(body.photoToken.length).toBeGreaterThan(20);
    const [row] = await queryRows<{ unit_id: string; first_name: string; last_name: string; phone: string }>(
      db(),
      sql`select unit_id, first_name, last_name, phone from feedback_items where code = ${body.code}`,
    );
    expect(row).toMatchObject({ unit_id: unitId, first_name: "Bình", last_name: "Nguyễn Văn" });
    // At rest the phone is a ciphertext bound to feedback_items.phone, without its digits.
    expect(row!.phone).toMatch(/^v1\./);
    expect(row!.phone.replace(/\D/g, "")).not.toContain("5123456");
    expect(decryptField(row!.phone, "feedback_items.phone")).toBe("0905123456");
  });

  it("routes by procedure to the unit serving it and by desk to the desk's unit", async () => {
    const [single] = await queryRows<{ code: string; unit_code: string }>(
      db(),
      sql`select p.code, min(u.code) as unit_code from procedures p join unit_procedures up on up.procedure_id = p.id
          join org_units u on u.id = up.unit_id group by p.code having count(*) = 1 order by p.code limit 1`,
    );
    const byProcedure = await submit({
      serviceCode: "procedure",
      unit: undefined,
      procedureCode: single!.code,
    });
    expect(byProcedure.statusCode, byProcedure.body).toBe(201);
    expect(byProcedure.json().unit.code).toBe(single!.unit_code);

    const [multi] = await queryRows<{ code: string }>(
      db(),
      sql`select p.code from procedures p join unit_procedures up on up.procedure_id = p.id
          group by p.code having count(*) > 1 order by p.code limit 1`,
    );
    const ambiguous = await submit({ serviceCode: "procedure", unit: undefined, procedureCode: multi!.code });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().errors[0]).toMatchObject({ field: "unit", code: "feedback.procedure_ambiguous" });

    const [d] = await queryRows<{ id: string }>(
      db(),
      sql`select id from service_desks where unit_id = ${unitId} limit 1`,
    );
    const byDesk = await submit({ unit: undefined, deskId: d!.id });
    expect(byDesk.json().unit.code).toBe(UNIT);
    const mismatch = await submit({ unit: OTHER, deskId: d!.id });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0].code).toBe("feedback.desk_unit_mismatch");

    const nowhere = await submit({ unit: undefined, lat: 16.46, long: 107.59 });
    expect(nowhere.json().unit.code).toBe("46");
  });

  it("refuses empty text, unknown kinds and half a map point, storing nothing", async () => {
    const items = await count("feedback_items");
    const empty = await submit({ description: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({ field: "description" });
    expect(empty.json().errors[0].message.vi).toContain("Nội dung");
    const unknown = await submit({ serviceCode: "potholes" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({
      field: "serviceCode",
      code: "feedback.service_unknown",
    });
    const half = await submit({ lat: 16.4 });
    expect(half.statusCode).toBe(400);
    expect(await count("feedback_items")).toBe(items);
  });

  it("replays the same Idempotency-Key and refuses it for another body", async () => {
    const headers = key();
    const first = await submit({}, headers);
    const again = await submit({}, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().code).toBe(first.json().code);
    // The replay answers the same body (the photo token included), kept encrypted at rest.
    expect(again.json()).toEqual(first.json());
    const [stored] = await queryRows<{ response: unknown }>(
      db(),
      sql`select response from idempotency_keys where key = ${headers["idempotency-key"]}`,
    );
    const response = (
      typeof stored!.response === "string" ? JSON.parse(stored!.response) : stored!.response
    ) as { $enc: string };
    expect(Object.keys(response)).toEqual(["$enc"]);
    expect(response.$enc).toMatch(/^v1\./);
    expect(response.$enc).not.toContain(first.json().code);
    expect(JSON.parse(decryptField(response.$enc, "idempotency_keys.response"))).toEqual(first.json());
    const other = await submit({ description: "Khác" }, headers);
    expect(other.statusCode).toBe(422);
    const n = await queryRows<{ n: number | string }>(
      db(),
      sql`select count(*) as n from feedback_items where code = ${first.json().code}`,
    );
    expect(Number(n[0]!.n)).toBe(1);
    expect((await submit({}, {})).statusCode).toBe(400);
  });
});

describe("photos", () => {
  it("takes JPEG and PNG with the token, refuses the rest and stores nothing when refused", async () => {
    const { code, photoToken } = (await submit()).json();
    expect((await upload(code, photoToken, pngBytes())).statusCode).toBe(201);
    const jpg = await upload(code, photoToken, jpegBytes(), "application/octet-stream");
    expect(jpg.statusCode, jpg.body).toBe(201);
    expect(jpg.json().contentType).toBe("image/jpeg");

    const photos = await count("feedback_photos");
    const pdf = await upload(code, photoToken, await pdfBytes(), "image/png");
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().code).toBe("feedback.photo_type");
    const lying = await upload(code, photoToken, pngBytes(), "image/jpeg");
    expect(lying.statusCode).toBe(415);
    const big = Buffer.concat([pngBytes(), Buffer.alloc(10 * 1_048_576)]);
    const tooBig = await upload(code, photoToken, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message.vi).toContain("10 MB");
    const wrongToken = await upload(code, "not-the-token-at-all-xxxx", pngBytes());
    expect(wrongToken.statusCode).toBe(404);
    expect(await count("feedback_photos")).toBe(photos);

    // At most five: three more, then the sixth is refused.
    for (let i = 0; i < 3; i++) expect((await upload(code, photoToken, pngBytes())).statusCode).toBe(201);
    const sixth = await upload(code, photoToken, pngBytes());
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().code).toBe("feedback.too_many_photos");
    const [n] = await queryRows<{ n: string | number }>(
      db(),
      sql`select count(*) as n from feedback_photos where feedback_id = ${await itemId(code)}`,
    );
    expect(Number(n!.n)).toBe(5);
  });
});

describe("handling and publication", () => {
  it("assign → reply → publish: consent required, personal data absent from every public response", async () => {
    const sent = (await submit()).json();
    await upload(sent.code, sent.photoToken, pngBytes());
    const id = await itemId(sent.code);

    const list = await call(t.app, desk, "GET", `/api/v1/feedback?unit=${UNIT}&q=${sent.code}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      code: sent.code,
      status: "open",
      overdue: false,
      photos: 1,
    });

    const detail = await call(t.app, desk, "GET", `/api/v1/feedback/${id}`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    expect(d.sender).toMatchObject({ fullName: "Nguyễn Văn Bình", phone: "0905123456" });
    expect(d.allowed).toEqual(["assign", "reply", "reject", "reroute"]);
    expectNoPersonalData(d.proposedPublicText);
    expect(d.proposedPublicText).toContain("Quầy 2");
    expect(JSON.stringify(d.events)).not.toContain("photoTokenHash");
    const [audited] = await queryRows<{ n: string | number }>(
      db(),
      sql`select count(*) as n from audit_log where action = 'feedback.read' and target = ${id}`,
    );
    expect(Number(audited!.n)).toBeGreaterThanOrEqual(1);

    const early = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/publish`, { publicText: "x" });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("feedback.illegal_transition");

    const assigned = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/assign`, {});
    expect(assigned.json()).toMatchObject({ status: "in_progress", assignee: { id: desk.userId } });
    const answer = "Kính gửi ông Bình: đơn vị đã chấn chỉnh quầy 2 và bổ sung ghế chờ.";
    const replied = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/reply`, { reply: answer });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().status).toBe("answered");

    // The sender sees the answer by the code, without personal data of theirs.
    const lookup = await call(t.app, null, "GET", `/api/public/feedback/${sent.code.toLowerCase()}`);
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({ status: "answered", reply: answer, overdue: false });
    expect(lookup.body).not.toContain("0905123456");
    expect(lookup.body).not.toContain("046090001234");

    const leaky = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/publish`, { publicText: TEXT });
    expect(leaky.statusCode).toBe(400);
    expect(leaky.json().errors[0]).toMatchObject({ field: "publicText", code: "feedback.personal_data" });

    const photoId = d.photoList[0].id;
    const published = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/publish`, {
      publicText: d.proposedPublicText,
      publicPhotoIds: [photoId],
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().publishedAt).not.toBeNull();
    expect(published.json().allowed).toEqual(["close"]);

    const pub = await call(t.app, null, "GET", `/api/public/feedback?unit=46`);
    expect(pub.statusCode).toBe(200);
    const item = pub.json().items.find((i: { code: string }) => i.code === sent.code);
    expect(item).toMatchObject({ unit: { code: UNIT }, text: d.proposedPublicText });
    expect(item.reply).toContain("quầy 2");
    expectNoPersonalData(pub.body);
    const photo = await t.app.inject({ method: "GET", url: item.photoUrls[0] });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/png");

    const o311 = await t.app.inject({ method: "GET", url: `/open311/v2/requests/${sent.code}.json` });
    expect(o311.json()[0]).toMatchObject({
      service_request_id: sent.code,
      status: "closed",
      description: d.proposedPublicText,
    });
    expectNoPersonalData(o311.body);
    const o311list = await t.app.inject({
      method: "GET",
      url: "/open311/v2/requests.json?service_code=desk",
    });
    expect(o311list.json().map((r: { service_request_id: string }) => r.service_request_id)).toContain(
      sent.code,
    );
    expectNoPersonalData(o311list.body);

    const closed = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/close`, {});
    expect(closed.json().status).toBe("closed");
  });

  it("never publishes without consent, and keeps unpublished items out of public lists", async () => {
    const sent = (await submit({ consentPublish: false })).json();
    const id = await itemId(sent.code);
    await call(t.app, desk, "POST", `/api/v1/feedback/${id}/reply`, { reply: "Đã xử lý." });
    const refused = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/publish`, {
      publicText: "Chờ lâu.",
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("feedback.no_consent");
    // The database refuses it too.
    await expect(
      db().execute(sql`update feedback_items set published_at = now(), public_text = 'x' where id = ${id}`),
    ).rejects.toThrow();
    const pub = await call(t.app, null, "GET", "/api/public/feedback?pageSize=50");
    expect(pub.json().items.map((i: { code: string }) => i.code)).not.toContain(sent.code);
    const o311 = await t.app.inject({ method: "GET", url: "/open311/v2/requests.json" });
    expect(o311.json().map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      sent.code,
    );
    const own = await t.app.inject({
      method: "GET",
      url: `/open311/v2/requests.json?service_request_id=${sent.code}`,
    });
    expect(own.json()[0]).toMatchObject({
      service_request_id: sent.code,
      description: null,
      lat: null,
      status: "closed",
    });
  });

  it("reroutes to another unit: the first unit loses it, the second handles it", async () => {
    const sent = (await submit()).json();
    const id = await itemId(sent.code);
    const bad = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/reroute`, {
      unit: UNIT,
      reason: "x",
    });
    expect(bad.statusCode).toBe(400);
    const moved = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/reroute`, {
      unit: OTHER,
      reason: "Quầy thuộc phường Phú Xuân",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: "open", unit: { code: OTHER }, assignee: null });
    expect((await call(t.app, desk, "GET", `/api/v1/feedback/${id}`)).statusCode).toBe(404);
    const phuXuan = await login(t.app, "tiepnhan.phuxuan");
    const there = await call(t.app, phuXuan, "GET", `/api/v1/feedback/${id}`);
    expect(there.statusCode).toBe(200);
    expect(there.json().events.map((e: { kind: string }) => e.kind)).toEqual(["received", "reroute"]);
  });

  it("rejects with a reason the sender sees; an assignee must handle feedback at the unit", async () => {
    const sent = (await submit()).json();
    const id = await itemId(sent.code);
    const clerk = await login(t.app, "vanthu.thuanhoa");
    const wrong = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/assign`, {
      assigneeId: clerk.userId,
    });
    expect(wrong.statusCode).toBe(400);
    const rejected = await call(t.app, desk, "POST", `/api/v1/feedback/${id}/reject`, {
      reason: "Trùng phản ánh trước.",
    });
    expect(rejected.json().status).toBe("rejected");
    const lookup = await call(t.app, null, "GET", `/api/public/feedback/${sent.code}`);
    expect(lookup.json()).toMatchObject({ status: "rejected", reply: "Trùng phản ánh trước." });
    expect((await call(t.app, desk, "POST", `/api/v1/feedback/${id}/reply`, { reply: "x" })).statusCode).toBe(
      409,
    );
  });
});

describe("the sender is told", () => {
  type Row = {
    channel: string;
    template: string;
    locale: string;
    recipient: string;
    payload: Record<string, string>;
  };
  // Mail and SMS recipients are stored encrypted: each is checked to be a ciphertext, then decrypted.
  const outboxOf = async (id: string) =>
    (
      await queryRows<Row>(
        db(),
        sql`select channel, template, locale, recipient, payload from outbox
          where dedupe_key like ${`feedback:${id}:%`} order by channel, id`,
      )
    ).map((r) => {
      expect(r.recipient).toMatch(/^v1\./);
      return { ...r, recipient: decryptField(r.recipient, "outbox.recipient") };
    });

  it("of the answer and of a refusal, by e-mail and SMS in their language, once; the worker sends them", async () => {
    const answered = (await submit({ locale: "en" })).json();
    const answeredId = await itemId(answered.code);
    const answer = "The desk officer has been reminded of the waiting-time rules.";
    expect(await outboxOf(answeredId)).toEqual([]); // nothing on submission
    const first = await call(t.app, desk, "POST", `/api/v1/feedback/${answeredId}/reply`, { reply: answer });
    expect(first.statusCode, first.body).toBe(200);
    const statusUrl = `${t.config.publicUrl}/phan-anh/${answered.code}`;
    const rows = await outboxOf(answeredId);
    expect(rows).toEqual([
      {
        channel: "email",
        template: "feedback.answered",
        locale: "en",
        recipient: SENDER.email,
        payload: { code: answered.code, senderName: SENDER.fullName, statusUrl, reply: answer },
      },
      {
        channel: "sms",
        template: "feedback.answered",
        locale: "en",
        recipient: SENDER.phone,
        payload: { code: answered.code, senderName: SENDER.fullName, statusUrl, reply: answer },
      },
    ]);
    // The same answer again (a retried request): no second notice; a corrected answer is sent.
    await call(t.app, desk, "POST", `/api/v1/feedback/${answeredId}/reply`, { reply: answer });
    expect(await outboxOf(answeredId)).toHaveLength(2);
    const corrected = `${answer} We apologise.`;
    await call(t.app, desk, "POST", `/api/v1/feedback/${answeredId}/reply`, { reply: corrected });
    expect((await outboxOf(answeredId)).map((r) => r.payload.reply)).toEqual([
      answer,
      corrected,
      answer,
      corrected,
    ]);

    // Refused, Vietnamese by default, e-mail only (no phone given).
    const refused = (await submit({ phone: "" })).json();
    const refusedId = await itemId(refused.code);
    const reason = "Nội dung không thuộc thẩm quyền của phường.";
    expect(
      (await call(t.app, desk, "POST", `/api/v1/feedback/${refusedId}/reject`, { reason })).statusCode,
    ).toBe(200);
    expect(await outboxOf(refusedId)).toMatchObject([
      { channel: "email", template: "feedback.rejected", locale: "vi", payload: { reason } },
    ]);
    // Anonymous: nobody to tell, nothing enqueued; a refused command enqueues nothing either.
    const anonymous = (await submit({ fullName: "", email: "", phone: "" })).json();
    const anonymousId = await itemId(anonymous.code);
    await call(t.app, desk, "POST", `/api/v1/feedback/${anonymousId}/reply`, { reply: "Đã xử lý." });
    expect(await outboxOf(anonymousId)).toEqual([]);
    expect(
      (await call(t.app, desk, "POST", `/api/v1/feedback/${refusedId}/reply`, { reply: "x" })).statusCode,
    ).toBe(409);
    expect(await outboxOf(refusedId)).toHaveLength(1);

    // The real worker through a real SMTP server.
    const smtp = await startSmtp();
    try {
      const texts: SmsMessage[] = [];
      await queryRows(
        db(),
        sql`update outbox set next_attempt_at = now() - interval '1 second'
            where dedupe_key like ${`feedback:${answeredId}:%`} or dedupe_key like ${`feedback:${refusedId}:%`}`,
      );
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
      const run = await worker.runOnce();
      expect(run.failed).toBe(0);
      const mine = smtp.messages.filter(
        (m) => m.text.includes(answered.code) || m.text.includes(refused.code),
      );
      expect(mine.map((m) => m.subject).sort()).toEqual(
        [
          `Phản ánh, kiến nghị ${refused.code} không được xem xét, xử lý`,
          `Your feedback ${answered.code} has been answered`,
          `Your feedback ${answered.code} has been answered`,
        ].sort(),
      );
      const mail = mine.find((m) => m.text.includes(corrected))!;
      expect(mail.text).toContain(`Dear ${SENDER.fullName},`);
      expect(mail.text).toContain(statusUrl);
      expect(mine.find((m) => m.subject.includes(refused.code))!.text).toContain(reason);
      const sms = texts.filter((m) => m.text.includes(answered.code));
      expect(sms.map((m) => [m.to, m.text])).toEqual([
        [SENDER.phone, `Your feedback ${answered.code} has been answered: ${statusUrl}`],
        [SENDER.phone, `Your feedback ${answered.code} has been answered: ${statusUrl}`],
      ]);
      // Sent once: a second run finds nothing of these left.
      const again = await worker.runOnce();
      expect(again.failed).toBe(0);
      expect(smtp.messages.filter((m) => m.text.includes(answered.code))).toHaveLength(2);
    } finally {
      await smtp.close();
    }
  });
});

describe("Open311 GeoReport v2", () => {
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      payload: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...headers },
    });

  it("discovers and lists services with metadata false", async () => {
    const disc = await t.app.inject({ method: "GET", url: "/open311/v2/discovery.json" });
    expect(disc.json().endpoints[0]).toMatchObject({ specification: "http://wiki.open311.org/GeoReport_v2" });
    const res = await t.app.inject({
      method: "GET",
      url: "/open311/v2/services.json",
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    expect(res.statusCode).toBe(200);
    const desk = res.json().find((s: { service_code: string }) => s.service_code === "desk");
    expect(desk).toMatchObject({
      metadata: false,
      type: "realtime",
      service_name: "One-stop desk, staff attitude",
    });
    const def = await t.app.inject({ method: "GET", url: "/open311/v2/services/desk.json" });
    expect(def.json()).toEqual({ service_code: "desk", attributes: [] });
    const missing = await t.app.inject({ method: "GET", url: "/open311/v2/services/potholes.json" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining("potholes") }]);
  });

  it("takes a form-encoded post as mobile clients send it", async () => {
    const res = await form({
      api_key: "demo-app-key",
      jurisdiction_id: UNIT,
      service_code: "place",
      lat: "16.4637",
      long: "107.5909",
      address_string: "Số 1 Lê Lợi, Huế",
      email: "mai@example.vn",
      device_id: "a1b2c3d4",
      first_name: "Mai",
      last_name: "Trần Thị",
      phone: "0911222333",
      description: "Lối đi cho xe lăn ở cổng trụ sở bị chắn.",
      media_url: "https://example.vn/photo.jpg",
      "attribute[WHISPER]": "ignored",
    });
    expect(res.statusCode, res.body).toBe(200);
    const [r] = res.json();
    expect(r.service_request_id).toMatch(/^PA-/);
    expect(r.account_id).toBeNull();
    expect(r.service_notice).toContain(r.service_request_id);
    const [row] = await queryRows<Record<string, unknown>>(
      db(),
      sql`select unit_id, lat, long, client_key, device_id, first_name, consent_publish from feedback_items where code = ${r.service_request_id}`,
    );
    expect(row).toMatchObject({
      unit_id: unitId,
      client_key: "demo-app-key",
      device_id: "a1b2c3d4",
      first_name: "Mai",
      consent_publish: false,
    });
    expect(Number(row!.lat)).toBeCloseTo(16.4637);
    const one = await t.app.inject({
      method: "GET",
      url: `/open311/v2/requests/${r.service_request_id}.json`,
    });
    expect(one.json()).toHaveLength(1);
    expect(one.json()[0]).toMatchObject({
      status: "open",
      service_code: "place",
      description: null,
      lat: null,
    });
    expect(one.body).not.toContain("0911222333");
    expect(one.body).not.toContain("mai@example.vn");
  });

  it("takes a JSON post with numbers (as the 6aika/CitySDK examples send)", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/open311/v2/requests.json",
      payload: {
        description: "Thùng rác trước trụ sở đầy.",
        service_code: "place",
        first_name: "Heikki",
        lat: 16.46,
        long: 107.59,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[0].service_request_id).toMatch(/^PA-/);
  });

  it("refuses unknown service codes, missing location or text in its own error format; nothing stored", async () => {
    const before = await count("feedback_items");
    const unknown = await form(
      { service_code: "potholes", lat: "16.4", long: "107.5", description: "x" },
      { "accept-language": "en" },
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers["content-type"]).toContain("application/json");
    expect(unknown.json()).toEqual([{ code: 400, description: expect.stringContaining("service_code") }]);
    const vi = await form({ service_code: "potholes", lat: "16.4", long: "107.5", description: "x" });
    expect(vi.json()[0].description).toContain("Không có loại phản ánh");
    const noPlace = await form({ service_code: "place", description: "x" });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json()[0].description).toMatch(/^lat: /);
    const noText = await form({ service_code: "place", lat: "16.4", long: "107.5" });
    expect(noText.json()[0].description).toMatch(/^description: /);
    const badLat = await form({ service_code: "place", lat: "north", long: "107.5", description: "x" });
    expect(badLat.statusCode).toBe(400);
    expect(badLat.json()[0].code).toBe(400);
    const badJurisdiction = await form({
      service_code: "place",
      lat: "16.4",
      long: "107.5",
      description: "x",
      jurisdiction_id: "99",
    });
    expect(badJurisdiction.json()[0].description).toMatch(/^jurisdiction_id: /);
    expect(await count("feedback_items")).toBe(before);

    const badFilter = await t.app.inject({
      method: "GET",
      url: "/open311/v2/requests.json?service_code=potholes",
    });
    expect(badFilter.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: "GET", url: "/open311/v2/requests.json?start_date=yesterday" }))
        .statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: "GET", url: "/open311/v2/requests.json?status=pending" })).statusCode,
    ).toBe(400);
    const gone = await t.app.inject({ method: "GET", url: "/open311/v2/requests/PA-22222222.json" });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()[0].code).toBe(404);
    expect(
      (await t.app.inject({ method: "GET", url: "/open311/v2/requests/PA-22222222.xml" })).statusCode,
    ).toBe(404);
  });

  it("filters by status and dates", async () => {
    const future = await t.app.inject({
      method: "GET",
      url: "/open311/v2/requests.json?start_date=2099-01-01",
    });
    expect(future.json()).toEqual([]);
    const closed = await t.app.inject({ method: "GET", url: "/open311/v2/requests.json?status=closed" });
    for (const r of closed.json()) expect(r.status).toBe("closed");
    const open = await t.app.inject({ method: "GET", url: "/open311/v2/requests.json?status=open" });
    for (const r of open.json()) expect(r.status).toBe("open");
  });

  // Found by the API fuzzer: an empty list became `in ()` in the SQL, a 500.
  it("takes an empty status, service_code or service_request_id as left out", async () => {
    const all = await t.app.inject({ method: "GET", url: "/open311/v2/requests.json" });
    expect(all.statusCode).toBe(200);
    for (const query of [
      "status=",
      "status=,",
      "service_code=",
      "service_code=,%20",
      "service_request_id=,",
    ]) {
      const res = await t.app.inject({ method: "GET", url: `/open311/v2/requests.json?${query}` });
      expect(res.statusCode, query).toBe(200);
      expect(res.json()).toEqual(all.json());
    }
  });
});

describe("figures", () => {
  it("counts received, answered on time and late, pending overdue per unit as the brute force does", async () => {
    // An item answered late and one left past its deadline, by moving their deadlines back.
    const late = (await submit()).json();
    const lateId = await itemId(late.code);
    await call(t.app, desk, "POST", `/api/v1/feedback/${lateId}/reply`, { reply: "Trả lời muộn." });
    const waiting = (await submit()).json();
    await db().execute(
      sql`update feedback_items set due_at = created_at - interval '1 hour' where code in (${late.code}, ${waiting.code})`,
    );
    const today = vietnamDate();
    // The receptionist handles feedback at the ward only; the supervisor reads the city's reports.
    expect(
      (await call(t.app, desk, "GET", `/api/v1/feedback/stats?unit=46&from=${today}&to=${today}`)).statusCode,
    ).toBe(404);
    const own = await call(
      t.app,
      desk,
      "GET",
      `/api/v1/feedback/stats?unit=${UNIT}&from=${today}&to=${today}`,
    );
    expect(own.json().units.map((u: { unit: { code: string } }) => u.unit.code)).toEqual([UNIT]);
    const res = await call(
      t.app,
      await login(t.app, "giamsat"),
      "GET",
      `/api/v1/feedback/stats?unit=46&from=${today}&to=${today}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const rows = await queryRows<{
      unit_code: string;
      status: never;
      created_at: string;
      due_at: string;
      replied_at: string | null;
      published_at: string | null;
    }>(
      db(),
      sql`select u.code as unit_code, i.status, i.created_at, i.due_at, i.replied_at, i.published_at
          from feedback_items i join org_units u on u.id = i.unit_id`,
    );
    const now = new Date();
    const brute = (code: string) =>
      feedbackCells(
        rows
          .filter((r) => r.unit_code === code)
          .map((r) => ({
            status: r.status,
            createdAt: new Date(r.created_at),
            dueAt: new Date(r.due_at),
            repliedAt: r.replied_at ? new Date(r.replied_at) : null,
            publishedAt: r.published_at ? new Date(r.published_at) : null,
          })),
        now,
      );
    const thuanHoa = res.json().units.find((u: { unit: { code: string } }) => u.unit.code === UNIT);
    const { onTimeRate: _r, unit: _u, ...cells } = thuanHoa;
    expect(cells).toEqual(brute(UNIT));
    expect(thuanHoa.answeredLate).toBeGreaterThanOrEqual(1);
    expect(thuanHoa.pendingOverdue).toBeGreaterThanOrEqual(1);
    expect(res.json().total.received).toBe(rows.length);
    const list = await call(t.app, desk, "GET", `/api/v1/feedback?unit=${UNIT}&overdue=true&pageSize=200`);
    const codes = list.json().items.map((i: { code: string }) => i.code);
    expect(codes).toContain(late.code);
    expect(codes).toContain(waiting.code);
  });
});
