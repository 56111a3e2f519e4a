// Petitions on the real database through the real HTTP stack: registering, the lifecycle with its
// deadlines, illegal moves (409 in vi/en), extensions within the law's limits, forwarding, the
// receipt, the confidentiality of a denouncer's identity (who sees it, and the audit of each
// read), and the figures' query against the brute-force recount.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, testConfig, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { decryptField } from "../../db/encrypted.ts";
import type { Ctx } from "../../plugins/context.ts";
import { findUserByLogin, loadActor } from "../auth/auth.repository.ts";
import { createWorkingCalendar } from "../calendar/calendar.ts";
import { reportUnits } from "../reports/resolution.repository.ts";
import { acceptDue, petitionFigures, resolveDue } from "./petitions.logic.ts";
import * as repo from "./petitions.repository.ts";
import * as service from "./petitions.service.ts";

const t = setupTestApp();
const WARD = "46.19753";
const DENOUNCER = "Nguyễn Văn Tố Giác";
const national = (d: string) => createWorkingCalendar().isWorkingDay(d);
const db = () => t.database.db;

/** A staff user with the given grants (password and hash copied from the demo administrator). */
async function staff(username: string, fullName: string, grants: { role: string; unit: string }[]) {
  const [u] = await queryRows<{ id: string }>(
    db(),
    sql`insert into users (kind, username, full_name, password_hash)
        select 'staff', ${username}, ${fullName}, password_hash from users where username = 'admin'
        returning id`,
  );
  for (const g of grants)
    await db().execute(
      sql`insert into role_grants (user_id, unit_id, role) values (${u!.id}, (select id from org_units where code = ${g.unit}), ${g.role})`,
    );
  return u!.id;
}

let desk: Session;
let leader: Session;
let handler: Session;
let otherSpecialist: Session;
let supervisor: Session;
let otherLeader: Session;
let cityLeader: Session;
let handlerId: string;

beforeAll(async () => {
  await staff("chuyenvien2.thuanhoa", "Lê Thị Chuyên Viên Hai", [{ role: "specialist", unit: WARD }]);
  await staff("lanhdao.phuxuan", "Trần Lãnh Đạo Phú Xuân", [{ role: "leader", unit: "46.19774" }]);
  await staff("lanhdao.thanhpho", "Võ Lãnh Đạo Thành Phố", [{ role: "leader", unit: "46" }]);
  desk = await login(t.app, "tiepnhan.thuanhoa");
  leader = await login(t.app, "lanhdao.thuanhoa");
  handler = await login(t.app, "chuyenvien.thuanhoa");
  otherSpecialist = await login(t.app, "chuyenvien2.thuanhoa");
  supervisor = await login(t.app, "giamsat");
  otherLeader = await login(t.app, "lanhdao.phuxuan");
  cityLeader = await login(t.app, "lanhdao.thanhpho");
  handlerId = handler.userId;
});

const denunciation = {
  unit: WARD,
  kind: "denunciation",
  channel: "in_person",
  subject: "Tố cáo cán bộ địa chính nhận tiền",
  content: "Cán bộ địa chính phường nhận tiền khi xác nhận hồ sơ đất đai.",
  concerns: "Cán bộ địa chính phường",
  petitioner: { fullName: DENOUNCER, idNumber: "046090001234", phone: "0905123456", address: "12 Lê Lợi" },
};

const register = (body: Record<string, unknown>, as: Session = desk) =>
  call(t.app, as, "POST", "/api/v1/petitions", body);
const act = (id: string, body: Record<string, unknown>, as: Session) =>
  call(t.app, as, "POST", `/api/v1/petitions/${id}/commands`, body);
const read = (id: string, as: Session) => call(t.app, as, "GET", `/api/v1/petitions/${id}`);

describe("petitions: demo data", () => {
  it("gives the demo ward petitions in every state, one past its acceptance deadline", async () => {
    const res = await call(t.app, leader, "GET", `/api/v1/petitions?unit=${WARD}&pageSize=100`);
    const items = res.json().items as {
      status: string;
      kind: string;
      channel: string;
      due: { level: string };
    }[];
    expect(new Set(items.map((i) => i.status))).toEqual(
      new Set(["received", "in_progress", "closed", "not_accepted", "forwarded"]),
    );
    expect(items.some((i) => i.kind === "recommendation" && i.due.level === "overdue")).toBe(true);
    const there = await call(t.app, otherLeader, "GET", "/api/v1/petitions?unit=46.19774");
    expect(there.json().items.map((i: { channel: string }) => i.channel)).toEqual(["forwarded"]);
  });
});

describe("petitions: register", () => {
  it("refuses the signed-out, other roles and bad fields (vi/en)", async () => {
    expect((await register(denunciation, null as unknown as Session)).statusCode).toBe(401);
    expect((await register(denunciation, handler)).statusCode).toBe(403);
    expect((await register(denunciation, await login(t.app, "tiepnhan.phuxuan"))).statusCode).toBe(404);
    const bad = await register({ ...denunciation, subject: " ", receivedAt: "2099-01-01T00:00:00+07:00" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain("subject");
    const future = await register({ ...denunciation, receivedAt: "2099-01-01T00:00:00+07:00" });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0]).toMatchObject({
      field: "receivedAt",
      code: "petition.received_future",
      message: { vi: expect.stringContaining("tương lai"), en: expect.stringContaining("future") },
    });
  });

  it("numbers per unit and year and sets the acceptance deadline from the calendar", async () => {
    const receivedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const a = await register({ ...denunciation, receivedAt });
    expect(a.statusCode, a.body).toBe(201);
    const b = await register({ ...denunciation, kind: "complaint", receivedAt });
    const year = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4);
    const [na, nb] = [a.json().code, b.json().code].map((c: string) => Number(c.split("/")[1]));
    expect(a.json().code).toMatch(new RegExp(`^${year}/\\d{6}$`));
    expect(nb).toBe(na! + 1);
    expect(a.json().acceptDueAt).toBe(acceptDue("denunciation", receivedAt, national));
    expect(b.json().acceptDueAt).toBe(acceptDue("complaint", receivedAt, national));
    // A denunciation is always confidential; the receptionist does not get the identity back.
    expect(a.json()).toMatchObject({
      status: "received",
      confidential: true,
      petitioner: null,
      petitionerLabel: "Người tố cáo (bảo mật)",
    });
    expect(a.body).not.toContain(DENOUNCER);
    expect(b.json()).toMatchObject({ confidential: false, petitionerLabel: DENOUNCER });
  });
});

describe("petitions: lifecycle and confidentiality", () => {
  let id: string;
  it("registers, assigns, and shows the identity only to the handler and leaders, auditing each read", async () => {
    const res = await register(denunciation);
    id = res.json().id;

    const list = await call(t.app, desk, "GET", `/api/v1/petitions?unit=${WARD}&kind=denunciation`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((i: { id: string }) => i.id === id).petitionerLabel).toBe(
      "Người tố cáo (bảo mật)",
    );
    expect(list.body).not.toContain(DENOUNCER);

    // Before assignment, only leaders see the identity.
    expect((await read(id, handler)).json().petitioner).toBeNull();
    const byLeader = await read(id, leader);
    expect(byLeader.json().petitioner).toMatchObject({ fullName: DENOUNCER, idNumber: "046090001234" });
    expect(byLeader.json().actions).toEqual(["accept", "not_accept", "forward", "assign", "withdraw"]);
    expect(byLeader.json().handlers.map((h: { id: string }) => h.id)).toContain(handlerId);

    // The receptionist may not assign; the leader assigns the specialist.
    expect((await act(id, { command: "assign", handlerId }, desk)).statusCode).toBe(403);
    const bad = await act(id, { command: "assign", handlerId: desk.userId }, leader);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("handlerId");
    const assigned = await act(id, { command: "assign", handlerId }, leader);
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: "received", handler: { id: handlerId } });

    // At rest the ID and phone numbers are ciphertexts without their digits; the handler reads them.
    const [party] = await queryRows<{ id_number: string; phone: string }>(
      db(),
      sql`select id_number, phone from petition_parties where petition_id = ${id}`,
    );
    expect(party!.id_number).toMatch(/^v1\./);
    expect(party!.phone).toMatch(/^v1\./);
    expect(party!.id_number.replace(/\D/g, "")).not.toContain("090001234");
    expect(party!.phone.replace(/\D/g, "")).not.toContain("5123456");
    expect(decryptField(party!.id_number, "petition_parties.id_number")).toBe("046090001234");
    expect(decryptField(party!.phone, "petition_parties.phone")).toBe("0905123456");
    expect((await read(id, handler)).json().petitioner).toMatchObject({
      fullName: DENOUNCER,
      idNumber: "046090001234",
      phone: "0905123456",
    });

    // The matrix: handler, the unit's leader and a leader above see it; nobody else does.
    const matrix: [Session, number, boolean][] = [
      [handler, 200, true],
      [leader, 200, true],
      [cityLeader, 200, true],
      [desk, 200, false],
      [otherSpecialist, 200, false],
      [supervisor, 200, false],
      [otherLeader, 404, false],
    ];
    for (const [who, status, sees] of matrix) {
      const r = await read(id, who);
      expect(r.statusCode, r.body).toBe(status);
      if (status === 200) expect(r.json().petitioner !== null).toBe(sees);
      expect(r.body.includes(DENOUNCER)).toBe(sees);
    }
    const audit = await queryRows<{ actor_user_id: string; shown: string }>(
      db(),
      sql`select actor_user_id, details->>'identityShown' as shown from audit_log
          where action = 'petition.read' and target = ${id} and outcome = 200 order by seq`,
    );
    expect(audit.filter((a) => a.shown === "true").map((a) => a.actor_user_id)).toEqual(
      expect.arrayContaining([handler.userId, leader.userId, cityLeader.userId]),
    );
    expect(audit.find((a) => a.actor_user_id === desk.userId)?.shown).toBe("false");
    expect(audit.find((a) => a.actor_user_id === otherSpecialist.userId)?.shown).toBe("false");
  });

  it("accepts, extends within the law's limits, decides and closes; illegal moves are 409 in vi/en", async () => {
    expect((await act(id, { command: "accept" }, otherSpecialist)).statusCode).toBe(403);
    const before = Date.now();
    const accepted = await act(id, { command: "accept" }, handler);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const body = accepted.json();
    expect(body.status).toBe("in_progress");
    expect([
      resolveDue(new Date(before).toISOString(), 30, national),
      resolveDue(new Date().toISOString(), 30, national),
    ]).toContain(body.resolveDueAt);

    const ext = (complexity: string, days?: number) =>
      act(id, { command: "extend", reason: "Cần xác minh thêm", complexity, days }, handler);
    const once = await ext("complex");
    expect(once.statusCode, once.body).toBe(200);
    expect(once.json().extensions).toBe(1);
    expect(once.json().resolveDueAt).toBe(resolveDue(body.acceptedAt, 60, national));
    const refused = await ext("complex");
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: "petition.extension_limit",
      message: {
        vi: expect.stringContaining("đặc biệt phức tạp"),
        en: expect.stringContaining("very complex"),
      },
    });
    const twice = await ext("very_complex", 20);
    expect(twice.statusCode, twice.body).toBe(200);
    expect(twice.json().resolveDueAt).toBe(resolveDue(body.acceptedAt, 80, national));
    expect((await ext("very_complex", 5)).json().code).toBe("petition.extension_limit");

    const decided = await act(
      id,
      { command: "decide", decision: "Tố cáo đúng một phần; xử lý kỷ luật." },
      handler,
    );
    expect(decided.json()).toMatchObject({ status: "decided", actions: ["close"] });
    const closed = await act(id, { command: "close", note: "Đã thông báo kết quả" }, leader);
    expect(closed.json().status).toBe("closed");
    expect(closed.json().events.map((e: { kind: string }) => e.kind)).toEqual([
      "received",
      "assigned",
      "accepted",
      "extended",
      "extended",
      "decided",
      "closed",
    ]);

    const illegal = await act(id, { command: "withdraw", reason: "Rút đơn" }, leader);
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({
      code: "petition.invalid_transition",
      petitionStatus: "closed",
      allowedCommands: [],
      message: { vi: expect.stringContaining("đã kết thúc"), en: expect.stringContaining("closed") },
    });
  });

  it("refuses to extend a recommendation and lets a receptionist record a withdrawal", async () => {
    const r = (
      await register({ ...denunciation, kind: "recommendation", subject: "Kiến nghị sửa đường" })
    ).json();
    await act(r.id, { command: "assign", handlerId }, leader);
    expect((await act(r.id, { command: "accept" }, handler)).json().status).toBe("in_progress");
    const ext = await act(r.id, { command: "extend", reason: "x", complexity: "complex" }, handler);
    expect(ext.statusCode).toBe(409);
    expect(ext.json().code).toBe("petition.extension_not_allowed");
    const w = await act(r.id, { command: "withdraw", reason: "Công dân rút đơn" }, desk);
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().status).toBe("withdrawn");
  });

  it("forwards to the competent unit, which gets it in its register with the identity kept", async () => {
    const c = (await register({ ...denunciation, subject: "Tố cáo việc ở phường khác" })).json();
    const badUnit = await act(c.id, { command: "forward", toUnit: WARD, reason: "x" }, leader);
    expect(badUnit.statusCode).toBe(400);
    const f = await act(
      c.id,
      { command: "forward", toUnit: "46.19774", reason: "Không thuộc thẩm quyền" },
      leader,
    );
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json().status).toBe("forwarded");
    const to = f.json().events.at(-1).data;
    const there = await read(to.petitionId, await login(t.app, "tiepnhan.phuxuan"));
    expect(there.json()).toMatchObject({ channel: "forwarded", confidential: true, petitioner: null });
    expect((await read(to.petitionId, otherLeader)).json().petitioner.fullName).toBe(DENOUNCER);
  });

  it("prints the receipt for the desk that received it, with the petitioner's name", async () => {
    const r = await call(t.app, desk, "GET", `/api/v1/petitions/${id}/receipt.pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain("application/pdf");
    expect(r.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(
      (await call(t.app, otherSpecialist, "GET", `/api/v1/petitions/${id}/receipt.pdf`)).statusCode,
    ).toBe(403);
    const [row] = await queryRows<{ shown: string }>(
      db(),
      sql`select details->>'identityShown' as shown from audit_log where action = 'petition.receipt' and target = ${id} and outcome = 200`,
    );
    expect(row?.shown).toBe("true");
  });

  it("filters, searches, sorts and pages the register", async () => {
    const old = await register({
      ...denunciation,
      kind: "complaint",
      subject: "Khiếu nại quyết định thu hồi đất XYZQ",
      receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
    const overdue = await call(t.app, desk, "GET", `/api/v1/petitions?unit=${WARD}&due=overdue`);
    expect(overdue.json().items.map((i: { id: string }) => i.id)).toContain(old.json().id);
    expect(overdue.json().items.every((i: { due: { level: string } }) => i.due.level === "overdue")).toBe(
      true,
    );
    const found = await call(t.app, desk, "GET", `/api/v1/petitions?unit=${WARD}&q=xyzq`);
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([old.json().id]);
    const page = await call(t.app, desk, "GET", `/api/v1/petitions?unit=${WARD}&pageSize=2&page=2&sort=code`);
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBeGreaterThanOrEqual(6);
    const codes = page.json().items.map((i: { code: string }) => i.code);
    expect([...codes].sort()).toEqual(codes);
    const mine = await call(t.app, handler, "GET", `/api/v1/petitions?unit=${WARD}&mine=true`);
    expect(mine.json().items.length).toBeGreaterThan(0);
    expect(mine.json().items.every((i: { handler: { id: string } }) => i.handler.id === handlerId)).toBe(
      true,
    );
    expect((await call(t.app, otherLeader, "GET", `/api/v1/petitions?unit=${WARD}`)).statusCode).toBe(404);
  });
});

describe("petitions: figures", () => {
  it("equal the brute-force recount for several periods", async () => {
    const unitId = await unitIdByCode(t.app, "46.19900");
    await staff("lanhdao.phubai", "Lãnh Đạo Phú Bài", [
      { role: "leader", unit: "46.19900" },
      { role: "receptionist", unit: "46.19900" },
      // The same official also registers at Thuận Hóa, for the city's figures over two wards.
      { role: "leader", unit: WARD },
      { role: "receptionist", unit: WARD },
    ]);
    const user = await findUserByLogin(db(), "lanhdao.phubai");
    const ctx = async (): Promise<Ctx> => ({
      actor: await loadActor(db(), user!),
      tx: db(),
      audit: {},
      config: testConfig(),
    });
    const vn = (s: string) => new Date(`${s}+07:00`);
    const kinds = ["complaint", "denunciation", "recommendation"] as const;
    // 18 petitions over January–March 2026 in every state, handled at various times; then 6 more
    // at Thuận Hóa for the city's figures.
    for (let n = 0; n < 24; n++) {
      const [i, unitCode] = n < 18 ? [n, "46.19900"] : [n - 18, WARD];
      const kind = kinds[i % 3]!;
      const day = 2 + ((i * 5) % 80);
      const received = new Date(vn("2026-01-01T08:00:00").getTime() + day * 86_400_000);
      const at = (d: number) => new Date(received.getTime() + d * 86_400_000);
      const p = await service.register(
        await ctx(),
        {
          ...denunciation,
          unit: unitCode,
          kind,
          channel: "postal",
          round: 1,
          remoteArea: false,
          receivedAt: received.toISOString(),
          concerns: null,
          petitioner: { ...denunciation.petitioner, email: null, confidential: false },
        },
        received,
      );
      const step = i % 6;
      if (step === 5) {
        await service.command(
          await ctx(),
          p.id,
          { command: "not_accept", reason: "Không đủ điều kiện" },
          at(3),
        );
        continue;
      }
      if (step === 0) continue; // never handled
      await service.command(await ctx(), p.id, { command: "assign", handlerId: user!.id }, at(1));
      await service.command(await ctx(), p.id, { command: "accept" }, at(1 + (i % 12)));
      if (step === 1) continue; // in progress
      if (step === 4 && kind !== "recommendation")
        await service.command(
          await ctx(),
          p.id,
          { command: "extend", reason: "Phức tạp", complexity: "complex" },
          at(20),
        );
      if (step === 2) {
        await service.command(await ctx(), p.id, { command: "withdraw", reason: "Rút" }, at(15));
        continue;
      }
      // Decided on day 25 or late on day 50.
      await service.command(
        await ctx(),
        p.id,
        { command: "decide", decision: "Đã giải quyết" },
        at(i % 4 === 3 ? 50 : 25),
      );
    }
    const facts = await repo.factsOfUnit(db(), unitId);
    expect(facts).toHaveLength(18);
    const leaderPb = await login(t.app, "lanhdao.phubai");
    let resolvedLate = 0;
    for (const [from, to] of [
      ["2026-01-01", "2026-01-31"],
      ["2026-02-01", "2026-02-28"],
      ["2026-03-01", "2026-03-31"],
      ["2026-01-15", "2026-04-30"],
      ["2026-01-01", "2026-12-31"],
    ] as const) {
      const res = await call(
        t.app,
        leaderPb,
        "GET",
        `/api/v1/petitions/stats?unit=46.19900&from=${from}&to=${to}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json();
      const expected = petitionFigures(facts, `${from}T00:00:00+07:00`, endOf(to), s.asOf);
      for (const k of kinds)
        expect(
          s.byKind.find((r: { kind: string }) => r.kind === k),
          `${from}..${to} ${k}`,
        ).toEqual({
          kind: k,
          ...expected[k],
        });
      resolvedLate += s.total.resolvedLate;
    }
    // The scenario has late decisions and overdue pending petitions, so the comparison means something.
    expect(resolvedLate).toBeGreaterThan(0);
    const year = (
      await call(
        t.app,
        leaderPb,
        "GET",
        "/api/v1/petitions/stats?unit=46.19900&from=2026-01-01&to=2026-03-31",
      )
    ).json();
    expect(year.total.received).toBe(18);
    expect(year.total.pendingOverdue).toBeGreaterThan(0);
    expect(year.total.notAccepted).toBe(3);

    // The city: its own petitions, both wards' and every other unit below it or merged into it,
    // as the reports count them; equal to the recount over all of those units.
    const cityUnits = await reportUnits(db(), await unitIdByCode(t.app, "46"));
    const cityFacts = await repo.factsOfUnits(db(), cityUnits);
    const wardId = await unitIdByCode(t.app, WARD);
    expect(cityUnits).toEqual(expect.arrayContaining([unitId, wardId]));
    for (const [from, to] of [
      ["2026-01-01", "2026-03-31"],
      ["2026-02-01", "2026-02-28"],
      ["2026-01-01", "2026-12-31"],
    ] as const) {
      const res = await call(
        t.app,
        cityLeader,
        "GET",
        `/api/v1/petitions/stats?unit=46&from=${from}&to=${to}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json();
      const expected = petitionFigures(cityFacts, `${from}T00:00:00+07:00`, endOf(to), s.asOf);
      for (const k of kinds)
        expect(
          s.byKind.find((r: { kind: string }) => r.kind === k),
          `city ${from}..${to} ${k}`,
        ).toEqual({ kind: k, ...expected[k] });
    }
    const city = (
      await call(t.app, cityLeader, "GET", "/api/v1/petitions/stats?unit=46&from=2026-01-01&to=2026-03-31")
    ).json();
    const ward = (
      await call(t.app, leaderPb, "GET", `/api/v1/petitions/stats?unit=${WARD}&from=2026-01-01&to=2026-03-31`)
    ).json();
    expect(ward.total.received).toBe(6);
    expect(city.total.received).toBe(24);
    for (const f of Object.keys(city.total)) expect(city.total[f], f).toBe(year.total[f] + ward.total[f]);
    // Receptionists do not read reports.
    expect((await call(t.app, desk, "GET", `/api/v1/petitions/stats?unit=${WARD}`)).statusCode).toBe(403);
  });
});

/** The exclusive end of a Vietnam day (the start of the next). */
function endOf(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + 86_400_000).toISOString();
}
