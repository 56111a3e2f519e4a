// The national portal exchange end to end against the local simulator (a real HTTP server on
// 127.0.0.1) and the real database: dossiers pulled with their files, handled at the desk, and
// every status, the result and the rating pushed back through the outbox exactly once; the
// portal down for a while; replays and malformed messages; a crash between send and mark.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../../test/app.ts";
import type { Config } from "../../../config.ts";
import { queryRows } from "../../../db/client.ts";
import { loggerOptions } from "../../../shared/logger.ts";
import { createBlobStore, sha256Of } from "../../documents/blob-store.ts";
import { pdfBytes, pngBytes, testPki } from "../../documents/test-files.ts";
import { createLogMailSender, createLogSmsSender } from "../../notifications/channels.ts";
import { createOutboxWorker, type OutboxWorker } from "../../notifications/outbox.worker.ts";
import { createNationalPortalClient } from "./national-portal.client.ts";
import { createNationalPortalPuller, type NationalPortalPuller } from "./national-portal.inbound.ts";
import { createNationalPortalSender, NATIONAL_PORTAL_CHANNEL } from "./national-portal.outbound.ts";
import {
  type PortalSimulator,
  type SimDossier,
  simulatorSettings,
  startPortalSimulator,
} from "./national-portal.simulator.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-np-"));
const pki = testPki("test-pass");
const p12Path = path.join(dataDir, "signer.p12");
writeFileSync(p12Path, pki.p12);
const MAX = 300_000;
const t = setupTestApp({
  MOTCUA_DATA_DIR: dataDir,
  UPLOAD_MAX_BYTES: String(MAX),
  SIGNING_P12_PATH: p12Path,
  SIGNING_P12_PASSPHRASE: "test-pass",
});

const lines: string[] = [];
const logger = pino(
  loggerOptions("info"),
  new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  }),
);
const logged = (level: number, text: string) =>
  lines.map((l) => JSON.parse(l)).filter((l) => l.level === level && String(l.msg).includes(text));

// 1.004194 (temporary residence) is fully online at Thuận Hóa and has no demo e-form.
const PROCEDURE = "1.004194";
const WARD = "46.19753";
const key = () => ({ "idempotency-key": randomUUID() });

let sim: PortalSimulator;
let puller: NationalPortalPuller;
let worker: OutboxWorker;
let pdf: Buffer;
let desk: Session;
let leader: Session;
let clerk: Session;
let citizen: Session;
let admin: Session;

beforeAll(async () => {
  sim = await startPortalSimulator();
  const config: Config = { ...t.config, nationalPortal: simulatorSettings(sim) };
  const client = createNationalPortalClient(config.nationalPortal!);
  puller = createNationalPortalPuller({ db: t.database.db, config, client, logger, batchSize: 10 });
  worker = createOutboxWorker({
    db: t.database.db,
    logger,
    mail: createLogMailSender(logger),
    sms: createLogSmsSender(logger),
    senders: {
      [NATIONAL_PORTAL_CHANNEL]: createNationalPortalSender({
        client,
        publicUrl: config.publicUrl,
        blobs: createBlobStore(config.files),
        logger,
      }),
    },
    backoffBaseMs: 1,
    backoffCapMs: 1,
    maxAttempts: 1000,
  });
  pdf = await pdfBytes("Tờ khai đăng ký tạm trú");
  desk = await login(t.app, "tiepnhan.thuanhoa");
  leader = await login(t.app, "lanhdao.thuanhoa");
  clerk = await login(t.app, "vanthu.thuanhoa");
  citizen = await login(t.app, "congdan@motcua.example");
  admin = await login(t.app, "admin");
});

afterAll(async () => {
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const dossierOf = (nationalCode: string, over: Partial<SimDossier> = {}): SimDossier => ({
  nationalCode,
  procedureCode: PROCEDURE,
  unitCode: WARD,
  applicant: { name: "Nguyễn Văn Công Dân", email: "congdan@motcua.example", phone: "0912000111" },
  files: [
    { name: "Tờ khai.pdf", bytes: pdf, contentType: "application/pdf" },
    { name: "Ảnh giấy tờ.png", bytes: pngBytes() },
  ],
  ...over,
});

/** Runs the outbox worker until nothing is due (or `rounds` runs). */
async function drain(rounds = 50) {
  const total = { sent: 0, failed: 0, retried: 0 };
  for (let i = 0; i < rounds; i++) {
    const r = await worker.runOnce();
    total.sent += r.sent;
    total.failed += r.failed;
    total.retried += r.retried;
    if (r.sent + r.failed + r.retried === 0) {
      // A row that was just retried may be due a moment later.
      const [w] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from outbox where channel = ${NATIONAL_PORTAL_CHANNEL} and status in ('pending','sending')`,
      );
      if (w!.n === 0 || i > rounds - 2) break;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return total;
}

async function dossierByNationalCode(code: string) {
  const rows = await queryRows<{
    id: string;
    state: string;
    channel: string;
    version: number;
    applicant_user_id: string | null;
  }>(
    t.database.db,
    sql`select id, state, channel, version, applicant_user_id from dossiers where national_code = ${code}`,
  );
  return rows;
}

async function command(session: Session, id: string, body: Record<string, unknown>) {
  const current = await call(t.app, session, "GET", `/api/dossiers/${id}`);
  const res = await call(
    t.app,
    session,
    "POST",
    `/api/dossiers/${id}/commands`,
    { expectedVersion: current.json().version, ...body },
    key(),
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const eventsOf = (id: string) =>
  queryRows<{ seq: number; to_state: string }>(
    t.database.db,
    sql`select seq, to_state from dossier_events where dossier_id = ${id} order by seq`,
  );

const keysSentTwice = () => [...sim.keys.entries()].filter(([, n]) => n > 1).map(([k]) => k);

describe("end to end: the portal files three dossiers, one is handled to the end", () => {
  const codes = ["G22-250701-000001", "G22-250701-000002", "G22-250701-000003"];
  let a: string;

  it("pulls them as online dossiers with their national codes and files, and acknowledges each", async () => {
    const messages = codes.map((c) => sim.publishDossier(dossierOf(c)));
    const r = await puller.pollOnce();
    expect(r).toMatchObject({ fetched: 3, accepted: 3, rejected: 0, error: null });
    for (const [i, c] of codes.entries()) {
      const [d] = await dossierByNationalCode(c);
      expect(d).toMatchObject({ state: "submitted", channel: "online_full" });
      // Linked to the citizen account with the same e-mail: it shows in their portal.
      expect(d!.applicant_user_id).toBe(citizen.userId);
      const docs = await call(t.app, desk, "GET", `/api/dossiers/${d!.id}/documents`);
      expect(docs.statusCode).toBe(200);
      const items = docs
        .json()
        .items.map((x: { name: string; contentType: string }) => [x.name, x.contentType]);
      expect(items.sort()).toEqual([
        ["Tờ khai.pdf", "application/pdf"],
        ["Ảnh giấy tờ.png", "image/png"],
      ]);
      const id = messages[i]!.messageId as string;
      expect(sim.acks.get(id)).toEqual([
        expect.objectContaining({ status: "accepted", MaHoSo: c, dossierId: d!.id }),
      ]);
    }
    a = (await dossierByNationalCode(codes[0]!))[0]!.id;
    // The portal's system actor wrote the history and the audit row.
    const detail = await call(t.app, desk, "GET", `/api/dossiers/${a}`);
    expect(detail.json()).toMatchObject({ nationalCode: codes[0], state: "submitted" });
    expect(detail.json().events[0].actor).toBe("Cổng Dịch vụ công quốc gia");
    const [audit] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'national-portal.dossier.receive'`,
    );
    expect(audit!.n).toBe(3);
  });

  it("the system actor cannot sign in", async () => {
    const res = await call(t.app, null, "POST", "/api/auth/login", {
      username: "system.national-portal",
      password: "anything-at-all-1",
    });
    expect(res.statusCode).toBe(401);
  });

  it("received, processed, returned with a result and rated: the portal has every status in order, the result and the rating, once", async () => {
    await command(desk, a, { command: "receive" });
    await command(desk, a, { command: "forward" });
    await command(leader, a, { command: "approve" });
    const issued = await t.app.inject({
      method: "POST",
      url: `/api/dossiers/${a}/results?name=${encodeURIComponent("Xác nhận tạm trú.pdf")}`,
      payload: await pdfBytes("Xác nhận đăng ký tạm trú"),
      headers: {
        cookie: clerk.cookie,
        "x-csrf-token": clerk.csrf,
        "content-type": "application/pdf",
        ...key(),
      },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    await command(clerk, a, { command: "issue_result" });
    await command(desk, a, { command: "return_result", method: "online" });
    const rated = await call(
      t.app,
      citizen,
      "POST",
      `/api/portal/dossiers/${a}/rating`,
      { level: "very_satisfied" },
      key(),
    );
    expect(rated.statusCode, rated.body).toBe(201);

    const out = await drain();
    expect(out.failed).toBe(0);
    const events = await eventsOf(a);
    expect(events.at(-1)!.to_state).toBe("returned");
    // Every event, in order, each applied once.
    expect(sim.statuses.get(codes[0]!)!.map((s) => [s.seq, s.state])).toEqual(
      events.map((e) => [e.seq, e.to_state]),
    );
    expect(sim.statuses.get(codes[0]!)!.map((s) => s.TrangThaiHoSo)).toEqual(
      expect.arrayContaining([1, 2, 4, 9, 10]),
    );
    expect(sim.statuses.get(codes[0]!)!.at(-1)!.TrangThaiHoSo).toBe(10);
    const [result] = sim.results.get(codes[0]!)! as {
      DanhSachGiayToKetQua: {
        MaHash: string;
        TenGiayTo: string;
        DuongDanTepTinKetQua: string;
        NoiDungTepTin: string;
      }[];
    }[];
    // The file itself travels with the result: the portal cannot sign in to the link.
    const sent = Buffer.from(result!.DanhSachGiayToKetQua[0]!.NoiDungTepTin, "base64");
    expect(sha256Of(sent)).toBe(issued.json().sha256);
    expect(sent.subarray(0, 5).toString()).toBe("%PDF-");
    expect(sim.results.get(codes[0]!)).toHaveLength(1);
    expect(result!.DanhSachGiayToKetQua[0]).toMatchObject({
      TenGiayTo: "Xác nhận tạm trú.pdf",
      MaHash: issued.json().sha256,
      DuongDanTepTinKetQua: expect.stringContaining(`/api/documents/${issued.json().id}/content`),
    });
    expect(sim.ratings.get(codes[0]!)).toEqual([
      expect.objectContaining({ level: "very_satisfied", MucDoHaiLong: 1 }),
    ]);
    // The two others: created and submitted, nothing more.
    for (const c of codes.slice(1)) expect(sim.statuses.get(c)!.map((s) => s.seq)).toEqual([1, 2]);
    expect(keysSentTwice()).toEqual([]);
    // Nothing left to send; a second drain sends nothing.
    const before = sim.requests.length;
    await drain(3);
    expect(sim.requests.length).toBe(before);
  });

  it("the status view shows the inbox and the outbox of the channel (system administrators only)", async () => {
    const res = await call(t.app, admin, "GET", "/api/v1/integrations/national-portal/status");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      inbox: { accepted: 3, rejected: 0 },
      outbox: { pending: 0, failed: 0 },
    });
    expect(res.json().outbox.sent).toBeGreaterThan(10);
    expect((await call(t.app, desk, "GET", "/api/v1/integrations/national-portal/status")).statusCode).toBe(
      403,
    );
  });
});

describe("the portal down for a while", () => {
  it("retries the outbox and the pull, loses nothing, and sends nothing twice once it is back", async () => {
    const [b] = await dossierByNationalCode("G22-250701-000002");
    sim.publishDossier(dossierOf("G22-250701-000004"));

    await sim.down("503");
    await command(desk, b!.id, { command: "receive" });
    const down503 = await puller.pollOnce();
    expect(down503.accepted).toBe(0);
    expect(down503.error).toContain("503");
    expect((await worker.runOnce()).retried).toBeGreaterThan(0);

    await sim.down("refuse");
    await command(desk, b!.id, { command: "forward" });
    const refused = await puller.pollOnce();
    expect(refused.error).toMatch(/PortalUnavailableError/);
    const r = await worker.runOnce();
    expect(r.sent).toBe(0);
    expect(r.retried).toBeGreaterThan(0);
    expect(logged(40, "national portal unreachable").length).toBeGreaterThanOrEqual(2);
    expect(logged(40, "will retry").length).toBeGreaterThan(0);
    expect(await dossierByNationalCode("G22-250701-000004")).toEqual([]);

    await sim.up();
    expect((await puller.pollOnce()).accepted).toBe(1);
    expect(await dossierByNationalCode("G22-250701-000004")).toHaveLength(1);
    await drain();
    const events = await eventsOf(b!.id);
    expect(sim.statuses.get("G22-250701-000002")!.at(-1)!.seq).toBe(events.at(-1)!.seq);
    expect(sim.statuses.get("G22-250701-000004")!.map((s) => s.seq)).toEqual([1, 2]);
    const [left] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from outbox where channel = ${NATIONAL_PORTAL_CHANNEL} and status <> 'sent'`,
    );
    expect(left!.n).toBe(0);
    expect(keysSentTwice()).toEqual([]);
  });
});

describe("replayed messages", () => {
  let original: Record<string, unknown>;

  beforeAll(async () => {
    original = sim.publishDossier(dossierOf("G22-250701-000005"));
    expect((await puller.pollOnce()).accepted).toBe(1);
  });

  it("same id, same content: acknowledged again, nothing applied", async () => {
    sim.publish(original);
    expect(await puller.pollOnce()).toMatchObject({ replayed: 1, accepted: 0 });
    expect(await dossierByNationalCode("G22-250701-000005")).toHaveLength(1);
    const acks = sim.acks.get(original.messageId as string)!;
    expect(acks).toHaveLength(2);
    expect(acks[1]).toEqual(acks[0]);
  });

  it("same id, other content: refused, logged at error level, never applied, not acknowledged", async () => {
    const data = original.data as Record<string, unknown>;
    sim.publish({ ...original, data: { ...data, ChuHoSo: "Người Khác" } });
    expect(await puller.pollOnce()).toMatchObject({ conflicts: 1, accepted: 0 });
    expect(logged(50, "known message id with other content")).toHaveLength(1);
    expect(sim.acks.get(original.messageId as string)).toHaveLength(2);
    const [d] = await dossierByNationalCode("G22-250701-000005");
    const detail = await call(t.app, desk, "GET", `/api/dossiers/${d!.id}`);
    expect(detail.json().applicant.name).toBe("Nguyễn Văn Công Dân");
    const status = await call(t.app, admin, "GET", "/api/v1/integrations/national-portal/status");
    expect(status.json().alerts[0]).toMatchObject({
      code: "national_portal.message_conflict",
      messageId: original.messageId,
    });
  });

  it("same national code under a new id: no second dossier, rejected with the reason", async () => {
    const again = sim.publishDossier(dossierOf("G22-250701-000005"));
    expect(await puller.pollOnce()).toMatchObject({ rejected: 1, accepted: 0 });
    const rows = await dossierByNationalCode("G22-250701-000005");
    expect(rows).toHaveLength(1);
    expect(sim.acks.get(again.messageId as string)).toEqual([
      expect.objectContaining({
        status: "rejected",
        reason: expect.objectContaining({ code: "national_portal.already_received" }),
      }),
    ]);
    const [inbox] = await queryRows<{ status: string; dossier_id: string }>(
      t.database.db,
      sql`select status, dossier_id from national_portal_inbox where message_id = ${again.messageId as string}`,
    );
    expect(inbox).toEqual({ status: "rejected", dossier_id: rows[0]!.id });
  });
});

describe("malformed messages are rejected with reasons, nothing created", () => {
  async function rejectedWith(message: Record<string, unknown>) {
    const before = await queryRows<{ d: number; docs: number }>(
      t.database.db,
      sql`select (select count(*)::int from dossiers) as d, (select count(*)::int from documents) as docs`,
    );
    sim.publish(message);
    expect(await puller.pollOnce()).toMatchObject({ rejected: 1, accepted: 0, error: null });
    const after = await queryRows<{ d: number; docs: number }>(
      t.database.db,
      sql`select (select count(*)::int from dossiers) as d, (select count(*)::int from documents) as docs`,
    );
    expect(after).toEqual(before);
    const acks = sim.acks.get(message.messageId as string)!;
    expect(acks).toHaveLength(1);
    const ack = acks[0] as {
      status: string;
      reason: {
        code: string;
        errors: { field: string; code: string; message: { vi: string; en: string } }[];
      };
    };
    expect(ack.status).toBe("rejected");
    const [row] = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from national_portal_inbox where message_id = ${message.messageId as string}`,
    );
    expect(row!.status).toBe("rejected");
    return ack.reason;
  }

  /** A well-formed message built by the simulator (its files held there), not yet published. */
  const valid = (code: string, over: Partial<SimDossier> = {}) => sim.buildDossier(dossierOf(code, over));

  it("missing fields: one error per field, in Vietnamese and English", async () => {
    const reason = await rejectedWith({
      messageId: randomUUID(),
      kind: "dossier",
      data: { MaHoSo: "G22-BAD-1" },
    });
    expect(reason.code).toBe("validation");
    expect(reason.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(["data.MaTTHC", "data.MaDonVi", "data.ChuHoSo"]),
    );
    expect(reason.errors[0]!.message.vi).toBeTruthy();
    expect(reason.errors[0]!.message.en).toBeTruthy();
  });

  it("an unknown procedure or unit", async () => {
    const procedure = await rejectedWith(valid("G22-BAD-2", { procedureCode: "9.999999" }));
    expect(procedure.errors).toEqual([
      expect.objectContaining({ field: "data.MaTTHC", code: "dossier.unknown_procedure" }),
    ]);
    const unit = await rejectedWith(valid("G22-BAD-3", { unitCode: "99.00000" }));
    expect(unit.errors).toEqual([
      expect.objectContaining({ field: "data.MaDonVi", code: "national_portal.unknown_unit" }),
    ]);
  });

  it("a bad file hash, a wrong size, an oversized file, a file of a type not accepted", async () => {
    const hash = await rejectedWith(
      valid("G22-BAD-4", { files: [{ name: "a.pdf", bytes: pdf, declaredSha256: "0".repeat(64) }] }),
    );
    expect(hash.errors).toEqual([
      expect.objectContaining({ field: "data.TaiLieuNop.0.MaHash", code: "national_portal.hash_mismatch" }),
    ]);
    const size = await rejectedWith(
      valid("G22-BAD-5", { files: [{ name: "a.pdf", bytes: pdf, declaredSize: pdf.length + 1 }] }),
    );
    expect(size.errors).toEqual([
      expect.objectContaining({
        field: "data.TaiLieuNop.0.KichThuoc",
        code: "national_portal.size_mismatch",
      }),
    ]);
    const big = Buffer.concat([pdf, Buffer.alloc(MAX)]);
    const oversized = await rejectedWith(valid("G22-BAD-6", { files: [{ name: "big.pdf", bytes: big }] }));
    expect(oversized.errors).toEqual([
      expect.objectContaining({ field: "data.TaiLieuNop.0.KichThuoc", code: "document.too_large" }),
    ]);
    const exe = await rejectedWith(
      valid("G22-BAD-7", { files: [{ name: "run.exe", bytes: Buffer.from("MZ this is not a document") }] }),
    );
    expect(exe.errors).toEqual([
      expect.objectContaining({ field: "data.TaiLieuNop.0.LoaiTep", code: "document.unsupported_type" }),
    ]);
  });

  it("a kind not supported yet", async () => {
    const reason = await rejectedWith({
      messageId: randomUUID(),
      kind: "withdrawal",
      data: { MaHoSo: "G22-250701-000003" },
    });
    expect(reason.code).toBe("national_portal.kind_not_supported");
  });

  it("the status view lists the rejections with their fields", async () => {
    const res = await call(t.app, admin, "GET", "/api/v1/integrations/national-portal/status");
    expect(res.json().inbox.rejected).toBeGreaterThanOrEqual(8);
    expect(res.json().lastRejections[0]).toMatchObject({ code: "national_portal.kind_not_supported" });
  });
});

describe("delivery failures", () => {
  it("a crash between send and mark: the portal sees the same Idempotency-Key twice and applies it once", async () => {
    const [c] = await dossierByNationalCode("G22-250701-000003");
    await command(desk, c!.id, { command: "receive" });
    const events = await eventsOf(c!.id);
    const seq = events.at(-1)!.seq;
    const dedupeKey = `np:status:${c!.id}:${seq}`;
    await drain();
    expect(sim.keys.get(dedupeKey)).toBe(1);
    // As if the process died after the portal answered and before the row was marked: the row
    // is still 'sending' and its lease has run out.
    await t.database.db.execute(
      sql`update outbox set status = 'sending', sent_at = null, provider_id = null,
            locked_until = now() - interval '1 second'
          where dedupe_key = ${dedupeKey}`,
    );
    expect((await worker.runOnce()).sent).toBe(1);
    expect(sim.keys.get(dedupeKey)).toBe(2);
    const applied = sim.statuses.get("G22-250701-000003")!.filter((s) => s.seq === seq);
    expect(applied).toHaveLength(1);
    const sends = sim.requests.filter((r) => r.idempotencyKey === dedupeKey);
    expect(sends.map((r) => r.outcome)).toEqual(["applied", "duplicate"]);
  });

  it("an older status arriving after a newer one (held back by a retry) is acknowledged and ignored (seq)", async () => {
    const code = "G22-250701-000004";
    const [d] = await dossierByNationalCode(code);
    await command(desk, d!.id, { command: "receive" });
    await command(desk, d!.id, { command: "forward" });
    const events = await eventsOf(d!.id);
    const [older, newer] = events.slice(-2).map((e) => `np:status:${d!.id}:${e.seq}`);
    // The older one failed once and waits for its retry; the newer one goes first.
    await t.database.db.execute(
      sql`update outbox set next_attempt_at = now() + interval '1 hour' where dedupe_key = ${older!}`,
    );
    await drain(3);
    expect(sim.requests.filter((r) => r.idempotencyKey === newer).map((r) => r.outcome)).toEqual(["applied"]);
    await t.database.db.execute(sql`update outbox set next_attempt_at = now() where dedupe_key = ${older!}`);
    expect((await drain()).sent).toBe(1);
    expect(sim.requests.filter((r) => r.idempotencyKey === older).map((r) => r.outcome)).toEqual(["stale"]);
    expect(sim.statuses.get(code)!.at(-1)!.seq).toBe(events.at(-1)!.seq);
    expect(sim.statuses.get(code)!.map((s) => s.seq)).not.toContain(events.at(-2)!.seq);
  });

  it("a 4xx refusal fails the row for good, logged at error level, shown in the status view", async () => {
    const [c] = await dossierByNationalCode("G22-250701-000003");
    sim.refuseDossier("G22-250701-000003", 422);
    await command(desk, c!.id, { command: "forward" });
    const out = await drain();
    expect(out.failed).toBe(1);
    expect(logged(50, "national portal refused a message")).toHaveLength(1);
    expect(logged(50, "notification failed for good").length).toBeGreaterThanOrEqual(1);
    const res = await call(t.app, admin, "GET", "/api/v1/integrations/national-portal/status");
    expect(res.json().outbox.failed).toBe(1);
    expect(res.json().outbox.lastErrors[0]).toMatchObject({
      status: "failed",
      template: "national-portal.status",
    });
  });
});
