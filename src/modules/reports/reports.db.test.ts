// The resolution report over the demo history (90 days of dossiers received, paused, resolved
// early, on time and late, some still pending), against counts taken straight from the dossiers.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { addDays } from "../dashboard/dashboard.logic.ts";
import { compactReportDeltas } from "./resolution.repository.ts";

const t = setupTestApp();
const WARD = "46.19753";
let leader: Session;
let supervisor: Session;
let wardId: string;

beforeAll(async () => {
  leader = await login(t.app, "lanhdao.thuanhoa");
  supervisor = await login(t.app, "giamsat");
  wardId = await unitIdByCode(t.app, WARD);
});

const report = async (session: Session | null, unit: string, from: string, to: string) =>
  call(t.app, session, "GET", `/api/v1/reports/resolution?unit=${unit}&from=${from}&to=${to}`);

/** The same figures counted from the dossier rows (what they hold now), for the ward. */
async function recount(from: string, to: string) {
  const start = `${from}T00:00:00+07:00`;
  const end = `${addDays(to, 1)}T00:00:00+07:00`;
  const [row] = await queryRows<Record<string, number>>(
    t.database.db,
    sql`select
      count(*) filter (where received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz and channel = 'in_person')::int as in_person,
      count(*) filter (where received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz and channel in ('online_full','online_partial'))::int as online,
      count(*) filter (where received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz and channel = 'postal')::int as postal,
      count(*) filter (where received_at < ${start}::timestamptz and (resolved_at is null or resolved_at >= ${start}::timestamptz))::int as carried,
      count(*) filter (where resolved_at >= ${start}::timestamptz and resolved_at < ${end}::timestamptz and timeliness = 'early')::int as early,
      count(*) filter (where resolved_at >= ${start}::timestamptz and resolved_at < ${end}::timestamptz and timeliness = 'on_time')::int as on_time,
      count(*) filter (where resolved_at >= ${start}::timestamptz and resolved_at < ${end}::timestamptz and timeliness = 'late')::int as late,
      count(*) filter (where resolved_at >= ${start}::timestamptz and resolved_at < ${end}::timestamptz and state in ('withdrawn','stopped','refused'))::int as ended,
      count(*) filter (where received_at < ${end}::timestamptz and (resolved_at is null or resolved_at >= ${end}::timestamptz))::int as pending
    from dossiers d join org_units u on u.id = d.handling_unit_id
    where u.code = ${WARD} and received_at is not null`,
  );
  return row!;
}

describe("resolution report", () => {
  it("adds up and equals the dossiers' own counts, for the last 30 days and the 90 days of demo history", async () => {
    const today = vietnamDate();
    for (const from of [addDays(today, -29), addDays(today, -89), addDays(today, -200)]) {
      const res = await report(leader, WARD, from, today);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      const c = await recount(from, today);
      expect(r.unit).toMatchObject({ code: WARD, id: wardId });
      expect(r.total.received).toMatchObject({
        inPerson: c.in_person,
        online: c.online,
        postal: c.postal,
        carriedOver: c.carried,
      });
      expect(r.total.resolved).toMatchObject({ early: c.early, onTime: c.on_time, late: c.late });
      expect(r.total.ended.total).toBe(c.ended);
      expect(r.total.pending.total).toBe(c.pending);
      expect(r.total.toHandle).toBe(r.total.resolved.total + r.total.ended.total + r.total.pending.total);
      // Per sector, the same identities; the sectors add up to the total.
      const sum = (f: (s: { toHandle: number; pending: { overdue: number } }) => number) =>
        r.sectors.reduce((n: number, s: never) => n + f(s), 0);
      expect(sum((s) => s.toHandle)).toBe(r.total.toHandle);
      expect(sum((s) => s.pending.overdue)).toBe(r.total.pending.overdue);
      for (const s of r.sectors) {
        expect(s.toHandle).toBe(s.resolved.total + s.ended.total + s.pending.total);
        expect(s.resolved.total).toBe(s.resolved.early + s.resolved.onTime + s.resolved.late);
        expect(s.pending.total).toBe(s.pending.withinDeadline + s.pending.overdue);
      }
    }
    // The demo history has dossiers of every kind in its 90 days.
    const r = (await report(leader, WARD, addDays(today, -89), today)).json();
    for (const v of [
      r.total.received.total,
      r.total.resolved.early,
      r.total.resolved.onTime,
      r.total.resolved.late,
    ])
      expect(v).toBeGreaterThan(0);
    expect(r.total.pending.overdue).toBeGreaterThan(0);
    expect(r.sectors.map((s: { sector: string }) => s.sector)).toEqual(
      expect.arrayContaining(["Hộ tịch", "Chứng thực"]),
    );
  });

  it("counts as overdue exactly the open dossiers whose clock runs past their due date", async () => {
    const today = vietnamDate();
    const end = `${addDays(today, 1)}T00:00:00+07:00`;
    const [row] = await queryRows<{ overdue: number; supplement: number }>(
      t.database.db,
      sql`select count(*) filter (where state not in ('supplement_requested','suspended') and due_at < ${end}::timestamptz)::int as overdue,
                 count(*) filter (where state = 'supplement_requested')::int as supplement
          from dossiers d join org_units u on u.id = d.handling_unit_id
          where u.code = ${WARD} and received_at is not null and resolved_at is null`,
    );
    const r = (await report(leader, WARD, addDays(today, -29), today)).json();
    // Paused dossiers that were already overdue when paused also count; the demo pauses none such.
    expect(r.total.pending.overdue).toBe(row!.overdue);
    expect(r.total.pending.awaitingSupplement).toBe(row!.supplement);
  });

  it("is the same before and after the deltas are folded into the facts", async () => {
    const today = vietnamDate();
    const before = (await report(leader, WARD, addDays(today, -60), today)).json();
    const moved = await t.database.db.transaction((tx) => compactReportDeltas(tx));
    expect(moved).toBeGreaterThan(0);
    const [left] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from report_deltas`,
    );
    expect(left!.n).toBe(0);
    const after = (await report(leader, WARD, addDays(today, -60), today)).json();
    expect({ ...after, generatedAt: null }).toEqual({ ...before, generatedAt: null });
  });

  it("for a period that has ended, does not change when dossiers are received and resolved later", async () => {
    const today = vietnamDate();
    const from = addDays(today, -40);
    const to = addDays(today, -1);
    const before = (await report(leader, WARD, from, to)).json();
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const received = await call(
      t.app,
      desk,
      "POST",
      "/api/dossiers",
      {
        unitId: wardId,
        procedureCode: "1.004873",
        applicant: {
          name: "Trần Văn Báo",
          idNumber: "046190009999",
          address: "1 Lê Lợi, Huế",
          phone: "0912000111",
        },
      },
      { "idempotency-key": randomUUID() },
    );
    expect(received.statusCode, received.body).toBe(201);
    // Resolve an overdue dossier of the period's end.
    const [late] = await queryRows<{ id: string; version: number; state: string }>(
      t.database.db,
      sql`select d.id, d.version, d.state from dossiers d join org_units u on u.id = d.handling_unit_id
          where u.code = ${WARD} and d.state = 'received' and d.resolved_at is null order by d.due_at limit 1`,
    );
    if (late) {
      const refused = await call(
        t.app,
        desk,
        "POST",
        `/api/dossiers/${late.id}/commands`,
        { expectedVersion: late.version, command: "refuse", reason: "Hồ sơ không đúng thẩm quyền" },
        { "idempotency-key": randomUUID() },
      );
      expect(refused.statusCode, refused.body).toBe(200);
    }
    const after = (await report(leader, WARD, from, to)).json();
    expect({ ...after, generatedAt: null }).toEqual({ ...before, generatedAt: null });
    // Today's report sees both.
    const now = (await report(leader, WARD, today, today)).json();
    expect(now.total.received.inPerson).toBeGreaterThanOrEqual(1);
    if (late) expect(now.total.ended.refused).toBeGreaterThanOrEqual(1);
  });

  it("rolls up the subtree: the province's figures are the sum of its wards'", async () => {
    const today = vietnamDate();
    const from = addDays(today, -89);
    const province = (await report(supervisor, "46", from, today)).json();
    expect(province.unit.units).toBeGreaterThan(2);
    const [row] = await queryRows<{ received: number; pending: number }>(
      t.database.db,
      sql`select count(*) filter (where received_at >= ${`${from}T00:00:00+07:00`}::timestamptz)::int as received,
                 count(*) filter (where resolved_at is null)::int as pending
          from dossiers where received_at is not null`,
    );
    expect(province.total.received.total).toBe(row!.received);
    expect(province.total.pending.total).toBe(row!.pending);
  });

  it("refuses who may not read it and explains bad input in both languages", async () => {
    const today = vietnamDate();
    const url = (unit: string, from: string, to: string) =>
      `/api/v1/reports/resolution?unit=${unit}&from=${from}&to=${to}`;
    const specialist = await login(t.app, "chuyenvien.thuanhoa");
    const otherDesk = await login(t.app, "tiepnhan.phuxuan");
    expect((await call(t.app, specialist, "GET", url(WARD, today, today))).statusCode).toBe(403);
    expect((await call(t.app, otherDesk, "GET", url(WARD, today, today))).statusCode).toBe(404);
    expect((await call(t.app, null, "GET", url(WARD, today, today))).statusCode).toBe(401);
    // A ward's leader may not read the province.
    expect((await call(t.app, leader, "GET", url("46", today, today))).statusCode).toBe(404);
    const reversed = await call(t.app, leader, "GET", url(WARD, today, addDays(today, -1)));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0]).toMatchObject({ field: "to", code: "report.range_order" });
    expect(reversed.json().errors[0].message.en).toMatch(/end date/);
    const unknown = await call(t.app, leader, "GET", url("99.99999", today, today));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: "unit", code: "report.unit_unknown" });
    const badDate = await call(t.app, leader, "GET", url(WARD, "2026-02-30", today));
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe("from");
  });
});

describe("reasons for lateness (Form 06c)", () => {
  it("lists the late dossiers of the period with their apology's reason, and counts the reasons", async () => {
    const today = vietnamDate();
    const r = (await report(leader, WARD, addDays(today, -89), today)).json();
    const { lateness } = r;
    expect(
      lateness.reasons.reduce((n: number, x: { count: number }) => n + x.count, 0) + lateness.withoutReason,
    ).toBe(r.total.resolved.late);
    // The demo history apologised for some of its late dossiers, with reasons.
    expect(lateness.reasons.length).toBeGreaterThan(0);
    expect(lateness.withoutReason).toBeGreaterThan(0);
    expect(lateness.dossiers.length).toBe(r.total.resolved.late);
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from dossier_events e join dossiers d on d.id = e.dossier_id
          join org_units u on u.id = d.handling_unit_id
          where u.code = ${WARD} and e.command = 'apologise' and d.timeliness = 'late'
            and d.resolved_at >= ${`${addDays(today, -89)}T00:00:00+07:00`}::timestamptz`,
    );
    expect(lateness.dossiers.filter((d: { reason: string | null }) => d.reason !== null)).toHaveLength(
      row!.n,
    );
    for (const d of lateness.dossiers) expect(new Date(d.resolvedAt) > new Date(d.dueAt)).toBe(true);
  });
});

describe("channel, service-mode, visits and satisfaction figures", () => {
  it("splits the period's dossiers by channel and mode, counts visits and ratings per unit and official", async () => {
    const today = vietnamDate();
    const from = addDays(today, -89);
    const res = await call(
      t.app,
      leader,
      "GET",
      `/api/v1/reports/service?unit=${WARD}&from=${from}&to=${today}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const r = (await report(leader, WARD, from, today)).json();
    // The channels are the resolution report's received column.
    expect(s.channels.received).toBe(r.total.received.total);
    expect(s.channels.inPerson).toBe(r.total.received.inPerson);
    expect(s.channels.onlineFull + s.channels.onlinePartial).toBe(r.total.received.online);
    expect(s.serviceModes.onTheSpot).toBe(r.total.serviceModes.onTheSpot);
    const shares = s.channels.shares;
    expect(shares.inPerson).toBe(Math.round((s.channels.inPerson / s.channels.received) * 1000) / 10);
    // Visits: every demo dossier was filed at the desk (1) and most collected there (2).
    const v = s.visits;
    expect(v.distribution.zero + v.distribution.one + v.distribution.two + v.distribution.threeOrMore).toBe(
      v.dossiers,
    );
    expect(v.distribution.one).toBeGreaterThan(0);
    expect(v.distribution.two).toBeGreaterThan(0);
    const [counted] = await queryRows<{ returned_at_desk: number; refused: number; received: number }>(
      t.database.db,
      sql`select count(*) filter (where d.return_method = 'in_person')::int as returned_at_desk,
                 count(*) filter (where d.state in ('refused','withdrawn','stopped'))::int as refused,
                 count(*)::int as received
          from dossiers d join org_units u on u.id = d.handling_unit_id
          where u.code = ${WARD} and d.received_at >= ${`${from}T00:00:00+07:00`}::timestamptz
            and d.channel = 'in_person' and d.service_mode = 'desk'`,
    );
    expect(v.dossiers).toBe(r.total.received.total - counted!.refused);
    expect(v.distribution.two + v.distribution.threeOrMore).toBeGreaterThanOrEqual(counted!.returned_at_desk);
    // Satisfaction: the ratings of the period, in total, per unit and per official.
    const [rated] = await queryRows<{ n: number; good: number }>(
      t.database.db,
      sql`select count(*)::int as n, count(*) filter (where r.level in ('very_satisfied','satisfied'))::int as good
          from dossier_ratings r join dossiers d on d.id = r.dossier_id join org_units u on u.id = d.handling_unit_id
          where u.code = ${WARD} and r.created_at >= ${`${from}T00:00:00+07:00`}::timestamptz`,
    );
    expect(s.satisfaction.total.rated).toBe(rated!.n);
    expect(s.satisfaction.total.rated).toBeGreaterThan(0);
    expect(s.satisfaction.total.satisfiedShare).toBe(Math.round((rated!.good / rated!.n) * 1000) / 10);
    const sum = (xs: { rated: number }[]) => xs.reduce((n, x) => n + x.rated, 0);
    expect(sum(s.satisfaction.byUnit)).toBe(rated!.n);
    expect(s.satisfaction.byUnit[0].unit.code).toBe(WARD);
    expect(sum(s.satisfaction.byOfficial)).toBeLessThanOrEqual(rated!.n);
    expect(s.satisfaction.byOfficial[0].official.name).not.toBe("");
  });
});
