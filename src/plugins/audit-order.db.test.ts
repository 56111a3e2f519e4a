// No personal data leaves without its audit row durably written: for the audited reads that
// return files (the tracking book as PDF and XLSX, a dossier's form, a document download, a
// feedback photo), the audit row is inserted and committed before any byte is sent, whether the
// handler returns the body or sends it itself (reply.send of a Buffer). Proved by making the
// audit insert fail (a trigger added to this file's own database): the client gets a problem
// and none of the file's bytes; once the insert works again the file comes with its audit row.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../test/app.ts";
import { queryRows } from "../db/client.ts";
import { pdfBytes, pngBytes } from "../modules/documents/test-files.ts";
import { vietnamDate } from "../shared/dates.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-audit-order-"));
const t = setupTestApp({ MOTCUA_DATA_DIR: dataDir, LOOKUP_RATE_PER_MINUTE: "100000" });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const key = () => ({ "idempotency-key": randomUUID() });

let desk: Session;
let ward: string;
let dossierId: string;
let documentId: string;
let feedbackId: string;
let photoId: string;

beforeAll(async () => {
  // Audit inserts of the actions listed in test_audit_refused fail, as a full disk or a lost
  // connection would make them fail at that point.
  await t.database.db.execute(sql`create table test_audit_refused (action text primary key)`);
  await t.database.db.execute(
    sql.raw(`create function test_audit_refuse() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from test_audit_refused where action = new.action) then
          raise exception 'audit insert refused (test)';
        end if;
        return new;
      end $$`),
  );
  await t.database.db.execute(
    sql`create trigger test_audit_refuse before insert on audit_log
          for each row execute function test_audit_refuse()`,
  );

  ward = await unitIdByCode(t.app, "46.19753");
  desk = await login(t.app, "tiepnhan.thuanhoa");
  const received = await call(
    t.app,
    desk,
    "POST",
    "/api/dossiers",
    {
      unitId: ward,
      procedureCode: "1.004873",
      applicant: { name: "Trần Văn Hải", idNumber: "046190004321", phone: "0912000111" },
    },
    key(),
  );
  expect(received.statusCode, received.body).toBe(201);
  dossierId = received.json().id;
  const uploaded = await t.app.inject({
    method: "POST",
    url: `/api/dossiers/${dossierId}/documents?name=${encodeURIComponent("Tờ khai.pdf")}&kind=digitized`,
    payload: await pdfBytes("Tờ khai của Trần Văn Hải"),
    headers: { cookie: desk.cookie, "x-csrf-token": desk.csrf, "content-type": "application/pdf", ...key() },
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  documentId = uploaded.json().id;

  const feedback = await call(
    t.app,
    null,
    "POST",
    "/api/public/feedback",
    {
      serviceCode: "desk",
      description: "Quầy 2 bắt tôi chờ 3 giờ mà không giải thích, ảnh chụp quầy đính kèm.",
      unit: "46.19753",
      consentPublish: false,
      fullName: "Nguyễn Văn Bình",
      phone: "0905123456",
    },
    key(),
  );
  expect(feedback.statusCode, feedback.body).toBe(201);
  const photo = await t.app.inject({
    method: "POST",
    url: `/api/public/feedback/${feedback.json().code}/photos`,
    payload: pngBytes(),
    headers: { "content-type": "image/png", "x-feedback-token": feedback.json().photoToken, ...key() },
  });
  expect(photo.statusCode, photo.body).toBe(201);
  const [item] = await queryRows<{ id: string; photo: string }>(
    t.database.db,
    sql`select i.id, p.id as photo from feedback_items i join feedback_photos p on p.feedback_id = i.id
         where i.code = ${feedback.json().code}`,
  );
  feedbackId = item!.id;
  photoId = item!.photo;
});

const today = vietnamDate(new Date());
const reads = () =>
  [
    {
      action: "report.tracking_book",
      url: `/api/v1/reports/tracking-book?unit=46.19753&from=${today}&to=${today}&format=pdf`,
      magic: "%PDF",
    },
    {
      action: "report.tracking_book",
      url: `/api/v1/reports/tracking-book?unit=46.19753&from=${today}&to=${today}&format=xlsx`,
      magic: "PK",
    },
    {
      action: "feedback.photo.read",
      url: `/api/v1/feedback/${feedbackId}/photos/${photoId}`,
      magic: "\x89PNG",
    },
    { action: "dossier.form", url: `/api/dossiers/${dossierId}/forms/receipt`, magic: "%PDF" },
    { action: "document.download", url: `/api/documents/${documentId}/content`, magic: "%PDF" },
  ] as const;

const refuse = (action: string) =>
  t.database.db.execute(
    sql`insert into test_audit_refused (action) values (${action}) on conflict do nothing`,
  );
const allow = () => t.database.db.execute(sql`delete from test_audit_refused`);
const auditRows = async (action: string) =>
  (
    await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = ${action} and outcome = 200`,
    )
  )[0]!.n;

describe("an audited file read whose audit row cannot be written", () => {
  const labels = [
    "the tracking book as PDF (sent by the handler)",
    "the tracking book as XLSX (sent by the handler)",
    "a feedback photo (sent by the handler)",
    "a dossier's receipt form (returned by the handler)",
    "a document download (returned by the handler)",
  ];
  it.each(labels.map((label, i) => [label, i] as const))(
    "%s: the client gets a problem and none of the file's bytes",
    async (_label, i) => {
      const read = reads()[i]!;
      await refuse(read.action);
      try {
        const before = await auditRows(read.action);
        const res = await call(t.app, desk, "GET", read.url);
        expect(res.statusCode, res.body.slice(0, 200)).toBeGreaterThanOrEqual(500);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        expect(res.headers["content-disposition"]).toBeUndefined();
        expect(res.rawPayload.includes(Buffer.from(read.magic, "latin1"))).toBe(false);
        expect(await auditRows(read.action)).toBe(before);
      } finally {
        await allow();
      }
    },
  );
});

describe("an audited file read", () => {
  it("comes with its audit row once the row can be written", async () => {
    for (const read of reads()) {
      const before = await auditRows(read.action);
      const res = await call(t.app, desk, "GET", read.url);
      expect(res.statusCode, `${read.url} ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.rawPayload.subarray(0, read.magic.length).toString("latin1"), read.url).toBe(read.magic);
      expect(await auditRows(read.action), read.url).toBe(before + 1);
    }
  });
});
