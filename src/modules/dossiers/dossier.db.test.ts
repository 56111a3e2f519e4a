import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { demoMaritalStatusData } from "../../demo/demo-eforms.ts";

const t = setupTestApp();
// 1.004873 marital status certificate: 3 working days, location-independent, in person/online/postal.
const CERT = "1.004873";
// 1.001193 birth registration: same day, on the spot.
const BIRTH = "1.001193";

const applicant = {
  name: "Nguyễn Thị Hồng Nhung",
  idNumber: "046190001234",
  birthDate: "1995-04-12",
  address: "12 Lê Lợi, phường Thuận Hóa, thành phố Huế",
  phone: "0912345678",
  email: "nhung@example.com",
};

const key = () => ({ "idempotency-key": randomUUID() });
let ward: string;
let phuXuan: string;
let desk: Session;
let specialist: Session;
let leader: Session;
let clerk: Session;

beforeAll(async () => {
  ward = await unitIdByCode(t.app, "46.19753");
  phuXuan = await unitIdByCode(t.app, "46.19774");
  desk = await login(t.app, "tiepnhan.thuanhoa");
  specialist = await login(t.app, "chuyenvien.thuanhoa");
  leader = await login(t.app, "lanhdao.thuanhoa");
  clerk = await login(t.app, "vanthu.thuanhoa");
});

async function receive(body: Record<string, unknown> = {}, session = desk) {
  return call(
    t.app,
    session,
    "POST",
    "/api/dossiers",
    { unitId: ward, procedureCode: CERT, applicant, ...body },
    key(),
  );
}

async function command(session: Session, id: string, version: number, body: Record<string, unknown>) {
  return call(
    t.app,
    session,
    "POST",
    `/api/dossiers/${id}/commands`,
    { expectedVersion: version, ...body },
    key(),
  );
}

describe("reception at the desk", () => {
  it("assigns the official code, the procedure version, the due date and the first event", async () => {
    const res = await receive();
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(2, 10).replaceAll("-", "");
    expect(d.code).toMatch(new RegExp(`^000\\.19\\.753\\.H57-${today}-\\d{4}$`));
    expect(d).toMatchObject({
      state: "received",
      ruleSet: "2025",
      version: 1,
      procedure: { code: CERT },
      channel: "in_person",
      applicant: { name: applicant.name, idNumber: applicant.idNumber },
      masked: false,
    });
    expect(d.documents.length).toBeGreaterThan(0);
    expect(new Date(d.dueAt).getTime()).toBeGreaterThan(new Date(d.receivedAt).getTime());
    expect(d.events).toHaveLength(1);
    expect(d.events[0]).toMatchObject({ command: "receive", toState: "received", fromState: null });
    expect(d.commands).toContain("forward");
    expect(d.lookupUrl).toContain(encodeURIComponent(d.code));
  });

  it("numbers the receiving agency's dossiers in sequence within the day", async () => {
    const a = (await receive()).json().code as string;
    const b = (await receive()).json().code as string;
    const seq = (c: string) => Number(c.split("-").pop());
    expect(seq(b)).toBe(seq(a) + 1);
    expect(a.slice(0, -4)).toBe(b.slice(0, -4));
  });

  it("a retried request with the same idempotency key returns the first dossier and creates nothing", async () => {
    const headers = key();
    const body = { unitId: ward, procedureCode: CERT, applicant };
    const first = await call(t.app, desk, "POST", "/api/dossiers", body, headers);
    const again = await call(t.app, desk, "POST", "/api/dossiers", body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().code).toBe(first.json().code);
    const [n] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from dossiers where code = ${first.json().code}`,
    );
    expect(n!.n).toBe(1);
    const other = await call(t.app, desk, "POST", "/api/dossiers", { ...body, sets: 2 }, headers);
    expect(other.statusCode).toBe(422);
    const none = await call(t.app, desk, "POST", "/api/dossiers", body);
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe("idempotency-key");
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const before = await countDossiers();
    const cases: [Record<string, unknown>, string][] = [
      [{ procedureCode: "9.999999" }, "procedureCode"],
      [{ procedureCode: "abc" }, "procedureCode"],
      [{ applicant: { ...applicant, idNumber: "12ab" } }, "applicant.idNumber"],
      [{ applicant: { ...applicant, name: "" } }, "applicant.name"],
      [{ channel: "online_full" }, "channel"],
      [{ procedureCode: "2.000815", channel: "postal" }, "channel"],
      [{ procedureCode: "1.010803" }, "procedureCode"],
      [{ onTheSpot: { decision: "approved" } }, "onTheSpot"],
    ];
    for (const [body, field] of cases) {
      const res = await receive(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const problem = res.json();
      expect(problem.message.vi.length).toBeGreaterThan(0);
      expect(problem.message.en.length).toBeGreaterThan(0);
      expect(problem.errors.map((e: { path: string }) => e.path).join(" "), JSON.stringify(body)).toContain(
        field,
      );
    }
    expect(await countDossiers()).toBe(before);
  });

  it("a procedure that is not location-independent cannot be handled by another unit", async () => {
    const res = await receive({ procedureCode: "2.000815", handlingUnitId: phuXuan });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("handlingUnitId");
  });

  it("a location-independent procedure received at one desk is handled by the competent unit, visible to both", async () => {
    const other = await login(t.app, "tiepnhan.phuxuan");
    const res = await receive({ handlingUnitId: phuXuan });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.unit.id).toBe(ward);
    expect(d.handlingUnit.id).toBe(phuXuan);
    expect((await call(t.app, other, "GET", `/api/dossiers/${d.id}`)).statusCode).toBe(200);
    const list = await call(t.app, other, "GET", `/api/dossiers?unitId=${phuXuan}&queue=all&pageSize=200`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(d.id);
  });

  it("an on-the-spot rejection needs its reason", async () => {
    const res = await receive({ procedureCode: BIRTH, onTheSpot: { decision: "rejected" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("body.onTheSpot.reason");
  });

  it("an on-the-spot procedure is received, decided and returned in one request", async () => {
    const res = await receive({ procedureCode: BIRTH, onTheSpot: { decision: "approved" } });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ state: "returned", decision: "approved", returnMethod: "in_person" });
    expect(d.timeliness).toMatch(/early|on_time/);
    expect(d.events.map((e: { command: string }) => e.command)).toEqual([
      "receive",
      "forward",
      "approve",
      "issue_result",
      "return_result",
    ]);
  });
});

describe("the lifecycle", () => {
  it("goes from reception through a supplement, a transfer, approval and return", async () => {
    let d = (await receive({ applicant: { ...applicant, email: "nhung@example.com" } })).json();
    const due0 = d.dueAt;
    // the desk forwards to processing; the first step gets its due time
    d = (await command(desk, d.id, d.version, { command: "forward" })).json();
    expect(d).toMatchObject({ state: "processing", stepIndex: 0 });
    expect(d.stepDueAt).not.toBeNull();
    // a specialist asks for a supplement: the clock stops
    const sup = await command(specialist, d.id, d.version, {
      command: "request_supplement",
      items: ["Bản sao trích lục ghi chú ly hôn", "Tờ khai có xác nhận"],
      reason: "Thiếu giấy tờ",
    });
    expect(sup.statusCode, sup.body).toBe(200);
    d = sup.json();
    expect(d).toMatchObject({ state: "supplement_requested", supplementCount: 1 });
    expect(d.pausedAt).not.toBeNull();
    expect(d.forms).toContain("supplement");
    // the applicant brings the documents to the desk
    d = (await command(desk, d.id, d.version, { command: "resubmit" })).json();
    expect(d).toMatchObject({ state: "processing", stepIndex: 0, pausedAt: null });
    expect(new Date(d.dueAt).getTime()).toBeGreaterThanOrEqual(new Date(due0).getTime());
    // a second supplement request is refused
    const second = await command(specialist, d.id, d.version, {
      command: "request_supplement",
      items: ["x"],
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe("dossier.supplement_once");
    // transfer to the ward police and back
    const [police] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from agencies where code = '000.19.753.CA.H57'`,
    );
    d = (await command(specialist, d.id, d.version, { command: "transfer", agencyId: police!.id })).json();
    expect(d).toMatchObject({ state: "transferred", transferAgency: { name: "Công an phường Thuận Hóa" } });
    d = (await command(specialist, d.id, d.version, { command: "return_from_transfer" })).json();
    expect(d.state).toBe("processing");
    // only a leader approves
    const byClerk = await command(clerk, d.id, d.version, { command: "approve" });
    expect(byClerk.statusCode).toBe(403);
    d = (await command(leader, d.id, d.version, { command: "approve" })).json();
    expect(d.decision).toBe("approved");
    // a one-step process: no forward from its last step, and the clerk may now issue
    expect(d.commands).not.toContain("forward");
    d = (await command(clerk, d.id, d.version, { command: "issue_result" })).json();
    expect(d.state).toBe("result_ready");
    expect(d.timeliness).toMatch(/early|on_time/);
    d = (await command(desk, d.id, d.version, { command: "return_result", method: "in_person" })).json();
    expect(d.state).toBe("returned");
    expect(d.events.map((e: { seq: number }) => e.seq)).toEqual(
      d.events.map((_: unknown, i: number) => i + 1),
    );
    expect(d.events.map((e: { command: string }) => e.command)).toEqual([
      "receive",
      "forward",
      "request_supplement",
      "resubmit",
      "transfer",
      "return_from_transfer",
      "approve",
      "issue_result",
      "return_result",
    ]);
    // control sheet rows carry each handed-over step's timeliness
    expect(d.events.find((e: { command: string }) => e.command === "transfer").stepResult).toMatch(
      /early|on_time/,
    );
    // notifications were queued in the same transactions: reception, supplement, result, and
    // the rating link once it was handed over
    const mail = await queryRows<{ template: string }>(
      t.database.db,
      sql`select template from outbox where payload->>'code' = ${d.code} and channel = 'email' order by id`,
    );
    expect(mail.map((m) => m.template)).toEqual([
      "dossier.received",
      "dossier.supplement_requested",
      "dossier.result_ready",
      "dossier.returned",
    ]);
  });

  it("a stale version gets a 409 and the winner's change stands", async () => {
    const d = (await receive()).json();
    const a = await command(desk, d.id, d.version, { command: "forward" });
    const b = await command(desk, d.id, d.version, { command: "refuse", reason: "Không thuộc thẩm quyền" });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(409);
    expect(b.json().code).toBe("dossier.stale");
    const now = (await call(t.app, desk, "GET", `/api/dossiers/${d.id}`)).json();
    expect(now).toMatchObject({ state: "processing", version: 2 });
  });

  it("two officials acting at the same moment: one wins, the other gets a 409", async () => {
    const d = (await receive()).json();
    const [a, b] = await Promise.all([
      command(desk, d.id, d.version, { command: "forward" }),
      command(specialist, d.id, d.version, { command: "request_supplement", items: ["Tờ khai"] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = await queryRows<{ seq: number }>(
      t.database.db,
      sql`select seq from dossier_events where dossier_id = ${d.id} order by seq`,
    );
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it("concurrent receptions get distinct consecutive codes", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => receive()));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const seqs = results.map((r) => Number((r.json().code as string).split("-").pop())).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(8);
    expect(seqs[7]! - seqs[0]!).toBe(7);
  });

  it("invalid transitions are refused with 409 and a clear message", async () => {
    const d = (await receive()).json();
    const res = await command(clerk, d.id, d.version, { command: "issue_result" });
    expect(res.statusCode).toBe(409);
    expect(res.json().message.vi).toContain("Không thể");
    const noReason = await command(desk, d.id, d.version, { command: "refuse" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe("reason");
  });

  it("refusal, suspension and resume, apology once, stop notice", async () => {
    const refused = (await receive()).json();
    const r = (
      await command(desk, refused.id, 1, { command: "refuse", reason: "Hồ sơ không thuộc thẩm quyền" })
    ).json();
    expect(r).toMatchObject({ state: "refused" });
    expect(r.forms).toContain("refusal");

    let d = (await receive()).json();
    d = (await command(desk, d.id, d.version, { command: "forward" })).json();
    d = (
      await command(specialist, d.id, d.version, { command: "suspend", reason: "Chờ kết quả xác minh" })
    ).json();
    expect(d.state).toBe("suspended");
    d = (await command(specialist, d.id, d.version, { command: "resume" })).json();
    expect(d.state).toBe("processing");
    const newDueAt = new Date(new Date(d.dueAt).getTime() + 5 * 86_400_000).toISOString();
    const ap = await command(specialist, d.id, d.version, {
      command: "apologise",
      reason: "Cần xác minh thêm",
      newDueAt,
    });
    expect(ap.statusCode, ap.body).toBe(200);
    d = ap.json();
    expect(d.promisedAt).toBe(newDueAt);
    const again = await command(specialist, d.id, d.version, { command: "apologise", reason: "x", newDueAt });
    expect(again.statusCode).toBe(409);
    d = (
      await command(leader, d.id, d.version, { command: "stop", reason: "Người nộp không bổ sung" })
    ).json();
    expect(d.state).toBe("stopped");
    expect(d.forms).toEqual(expect.arrayContaining(["apology", "stop"]));
  });
});

describe("online filing and the portal", () => {
  it("a citizen files online; the desk receives it and the code is assigned then", async () => {
    const citizen = await login(t.app, "congdan@motcua.example");
    const res = await call(
      t.app,
      citizen,
      "POST",
      "/api/portal/dossiers",
      {
        unitId: ward,
        procedureCode: CERT,
        applicant,
        channel: "online_full",
        formData: demoMaritalStatusData,
      },
      key(),
    );
    expect(res.statusCode, res.body).toBe(201);
    let d = res.json();
    expect(d).toMatchObject({ state: "submitted", code: null });
    const mine = await call(t.app, citizen, "GET", "/api/dossiers");
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(d.id);
    const received = await command(desk, d.id, d.version, { command: "receive" });
    expect(received.statusCode, received.body).toBe(200);
    d = received.json();
    expect(d.state).toBe("received");
    expect(d.code).toMatch(/^000\.19\.753\.H57-\d{6}-\d{4}$/);
    // the citizen sees it, the other ward's desk does not
    expect((await call(t.app, citizen, "GET", `/api/dossiers/${d.id}`)).statusCode).toBe(200);
    const other = await login(t.app, "tiepnhan.phuxuan");
    expect((await call(t.app, other, "GET", `/api/dossiers/${d.id}`)).statusCode).toBe(404);
  });

  it("staff cannot file as a citizen and citizens cannot receive", async () => {
    const res = await call(
      t.app,
      desk,
      "POST",
      "/api/portal/dossiers",
      { unitId: ward, procedureCode: CERT, applicant },
      key(),
    );
    expect(res.statusCode).toBe(403);
    const citizen = await login(t.app, "congdan@motcua.example");
    expect((await receive({}, citizen)).statusCode).toBe(404);
  });

  it("public lookup shows status and masked name only", async () => {
    const d = (await receive()).json();
    const res = await call(t.app, null, "GET", `/api/public/dossiers/${d.code}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: d.code, state: "received", applicantName: "N*** T*** H*** Nhung" });
    expect(body.timeline).toEqual([
      {
        at: d.receivedAt,
        state: "received",
        stateLabel: { vi: "Đã tiếp nhận", en: "Received" },
        stepName: null,
      },
    ]);
    expect(body.unitName).toBe("Phường Thuận Hóa");
    expect(res.body).not.toContain(applicant.idNumber);
    expect(res.body).not.toContain(applicant.phone);
    expect(res.body).not.toContain("Lê Lợi");
    expect((await call(t.app, null, "GET", "/api/public/dossiers/NOPE-000000-0000")).statusCode).toBe(404);
  });
});

describe("work queues and masking", () => {
  it("lists open dossiers with counts, search without diacritics, and masks names for supervisors", async () => {
    await receive({ applicant: { ...applicant, name: "Trần Văn Bình" } });
    const res = await call(t.app, desk, "GET", `/api/dossiers?unitId=${ward}&q=tran van binh`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].applicantName).toBe("Trần Văn Bình");
    expect(res.json().counts.open).toBeGreaterThan(0);
    const sup = await login(t.app, "giamsat");
    const masked = await call(t.app, sup, "GET", `/api/dossiers?unitId=${ward}&q=tran van binh`);
    expect(masked.statusCode).toBe(200);
    expect(masked.json().items[0].applicantName).toBe("T*** V*** Bình");
    const detail = await call(t.app, sup, "GET", `/api/dossiers/${masked.json().items[0].id}`);
    expect(detail.json()).toMatchObject({ masked: true, applicant: { idNumber: null, address: null } });
    expect(detail.json().commands).toEqual([]);
  });

  it("a unit filter covers the units below it", async () => {
    const sup = await login(t.app, "giamsat");
    const city = await unitIdByCode(t.app, "46");
    const res = await call(t.app, sup, "GET", `/api/dossiers?unitId=${city}&queue=all&pageSize=200`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThan(0);
    expect(new Set(res.json().items.map((i: { unitName: string }) => i.unitName))).toContain(
      "Phường Thuận Hóa",
    );
  });

  it("reading a work queue is audited with who read which unit's list", async () => {
    await call(t.app, desk, "GET", `/api/dossiers?unitId=${ward}&queue=open`);
    const [row] = await queryRows<{ action: string; unit_id: string; actor_user_id: string }>(
      t.database.db,
      sql`select action, unit_id, actor_user_id from audit_log where action = 'dossier.list' order by seq desc limit 1`,
    );
    expect(row).toMatchObject({ action: "dossier.list", unit_id: ward, actor_user_id: desk.userId });
  });

  it("the other ward sees none of this ward's dossiers", async () => {
    const other = await login(t.app, "tiepnhan.phuxuan");
    const res = await call(t.app, other, "GET", `/api/dossiers?unitId=${ward}`);
    expect(res.statusCode).toBe(404);
  });

  it("history rows cannot be changed", async () => {
    await expect(t.database.db.execute(sql`update dossier_events set note = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from dossier_events`)).rejects.toThrow();
  });
});

async function countDossiers() {
  const [n] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from dossiers`);
  return n!.n;
}
