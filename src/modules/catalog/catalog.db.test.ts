import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, login, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import type { ProcedureRecordInput } from "./catalog.schemas.ts";

const t = setupTestApp();
const search = async (query: string) =>
  (await t.app.inject({ url: `/api/public/procedures?${query}` })).json();
const codes = (r: { items: { code: string }[] }) => r.items.map((i) => i.code);

const record = (over: Partial<ProcedureRecordInput> = {}): ProcedureRecordInput => ({
  code: "1.999001",
  name: "Cấp giấy phép thử nghiệm kiểm thử",
  sector: "Thử nghiệm",
  levels: ["commune"],
  channels: { inPerson: true, online: "partly", postal: true },
  deadline: { kind: "working_days", value: 5 },
  fees: [{ name: "Lệ phí", amountVnd: 50000 }],
  documents: [{ name: "Đơn đề nghị", form: "original", count: 1 }],
  ...over,
});

describe("catalog search (public, no login)", () => {
  it.each([
    ["dang ky khai sinh", "1.001193"],
    ["khai sinh", "1.001193"],
    ["Đăng ký khai sinh", "1.001193"],
    ["chung thuc ban sao", "2.000815"],
    ["dang ky khai snh", "1.001193"],
    ["tam tru", "1.004194"],
    ["1.00119", "1.001193"],
  ])("%s → %s first", async (q, code) => {
    const r = await search(`q=${encodeURIComponent(q)}`);
    expect(codes(r)[0]).toBe(code);
  });

  it("says which query it used when it corrected a typo", async () => {
    const r = await search("q=khai+snh");
    expect(r.correctedQuery).toBe("khai sinh");
    expect(r.total).toBeGreaterThan(0);
    expect((await search("q=khai+sinh")).correctedQuery).toBeUndefined();
  });

  it("filters by sector, level, channel and unit, and pages", async () => {
    const civil = await search(`sector=${encodeURIComponent("Hộ tịch")}&pageSize=100`);
    expect(civil.total).toBeGreaterThan(2);
    expect(civil.items.every((i: { sector: string }) => i.sector === "Hộ tịch")).toBe(true);
    const fully = await search("channel=fully_online&pageSize=100");
    expect(fully.items.every((i: { online: string }) => i.online === "fully")).toBe(true);
    const commune = await search("level=commune&pageSize=100");
    expect(commune.items.every((i: { levels: string[] }) => i.levels.includes("commune"))).toBe(true);
    const ward = await unitIdByCode(t.app, "46.19753");
    expect((await search(`unitId=${ward}&pageSize=100`)).total).toBe(commune.total);
    const oldCommune = await unitIdByCode(t.app, "46.19891");
    expect((await search(`unitId=${oldCommune}`)).total).toBe(0);
    const page1 = await search("pageSize=2&page=1&sort=code");
    const page2 = await search("pageSize=2&page=2&sort=code");
    expect(page1.items).toHaveLength(2);
    expect(codes(page1)[1]! < codes(page2)[0]!).toBe(true);
  });

  it("returns an empty page, not an error, when nothing matches; refuses bad filters", async () => {
    expect(await search("q=zzzzqqqq")).toMatchObject({ items: [], total: 0 });
    const bad = await t.app.inject({ url: "/api/public/procedures?level=village&pageSize=1000" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["level", "pageSize"]);
  });
});

describe("versions by decision", () => {
  it("a unit administrator publishes, then amends; both versions stay visible in history", async () => {
    const admin = await login(t.app, "admin");
    const province = await unitIdByCode(t.app, "46");
    const added = await call(t.app, admin, "POST", "/api/catalog/decisions", {
      decision: {
        number: "10/QĐ-UBND",
        signedOn: "2026-01-05",
        effectiveFrom: "2026-01-10",
        issuerUnitId: province,
      },
      changes: [{ change: "added", record: record() }],
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ added: 1, amended: 0, abolished: 0 });

    const wardAdmin = await login(t.app, "quantri.thuanhoa");
    const ward = await unitIdByCode(t.app, "46.19753");
    const amended = await call(t.app, wardAdmin, "POST", "/api/catalog/decisions", {
      decision: {
        number: "55/QĐ-UBND",
        signedOn: "2026-03-01",
        effectiveFrom: "2026-03-15",
        issuerUnitId: ward,
      },
      changes: [{ change: "amended", record: record({ deadline: { kind: "working_days", value: 3 } }) }],
    });
    expect(amended.statusCode).toBe(201);

    const nowRes = await t.app.inject({ url: "/api/public/procedures/1.999001" });
    expect(nowRes.body).toContain("procedure");
    const now = nowRes.json();
    expect(now.procedure).toMatchObject({ version: 2, deadline: { value: 3 }, decisionNumber: "55/QĐ-UBND" });
    expect(now.history.map((h: { version: number; change: string }) => [h.version, h.change])).toEqual([
      [1, "added"],
      [2, "amended"],
    ]);
    const before = (await t.app.inject({ url: "/api/public/procedures/1.999001?at=2026-02-01" })).json();
    expect(before.procedure).toMatchObject({ version: 1, deadline: { value: 5 } });
    expect((await t.app.inject({ url: "/api/public/procedures/1.999001?at=2025-12-31" })).statusCode).toBe(
      404,
    );
  });

  it("abolishes: gone from search after the date, still in history", async () => {
    const admin = await login(t.app, "admin");
    const province = await unitIdByCode(t.app, "46");
    const res = await call(t.app, admin, "POST", "/api/catalog/decisions", {
      decision: {
        number: "99/QĐ-UBND",
        signedOn: "2026-05-01",
        effectiveFrom: "2026-06-01",
        issuerUnitId: province,
      },
      changes: [{ change: "abolished", code: "1.999001" }],
    });
    expect(res.statusCode).toBe(201);
    expect(codes(await search("q=thu+nghiem+kiem+thu&at=2026-05-31"))).toContain("1.999001");
    expect(codes(await search("q=thu+nghiem+kiem+thu&at=2026-06-01"))).not.toContain("1.999001");
    const detail = (await t.app.inject({ url: "/api/public/procedures/1.999001?at=2026-07-01" })).json();
    expect(detail.abolished).toBe(true);
    expect(detail.history).toHaveLength(3);
  });

  it("reports in force per level and sector, and changes in a period", async () => {
    const r = (
      await t.app.inject({ url: "/api/public/catalog/report?at=2026-04-01&from=2026-01-01&to=2026-12-31" })
    ).json();
    const test = r.inForce.find((x: { sector: string }) => x.sector === "Thử nghiệm");
    expect(test).toMatchObject({ level: "commune", total: 1, partlyOnline: 1, postal: 1 });
    expect(r.changes.find((x: { sector: string }) => x.sector === "Thử nghiệm")).toEqual({
      sector: "Thử nghiệm",
      added: 1,
      amended: 1,
      abolished: 1,
    });
    expect(r.totals.inForce).toBeGreaterThan(5);
    // Totals count a procedure once even when it applies at two levels.
    const perLevel = r.inForce.reduce((a: number, x: { total: number }) => a + x.total, 0);
    const twoLevels = (await search("pageSize=100&at=2026-04-01")).items.filter(
      (i: { levels: string[] }) => i.levels.length > 1,
    ).length;
    expect(r.totals.inForce).toBe(perLevel - twoLevels);
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const admin = await login(t.app, "admin");
    const province = await unitIdByCode(t.app, "46");
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from procedure_versions`,
    );
    const res = await call(t.app, admin, "POST", "/api/catalog/decisions", {
      decision: { number: "", signedOn: "2026-05-01", effectiveFrom: "2026-04-01", issuerUnitId: province },
      changes: [
        {
          change: "added",
          record: {
            ...record({ code: "1.23" }),
            deadline: { kind: "working_days", value: -2 },
            documents: [{ name: "" }],
          },
        },
        { change: "added", record: { ...record({ code: "1.999002" }), deadline: { kind: "working_days" } } },
      ],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "decision.number",
        "changes.0.record.code",
        "changes.0.record.deadline.value",
        "changes.0.record.documents.0.name",
        "changes.1.record.deadline.value",
      ]),
    );
    const codeError = res.json().errors.find((e: { field: string }) => e.field === "changes.0.record.code");
    expect(codeError.message.vi).toContain("1.001193");
    const conflict = await call(t.app, admin, "POST", "/api/catalog/decisions", {
      decision: {
        number: "100/QĐ-UBND",
        signedOn: "2026-05-01",
        effectiveFrom: "2026-05-01",
        issuerUnitId: province,
      },
      changes: [
        { change: "added", record: record({ code: "1.999003" }) },
        { change: "added", record: record({ code: "1.001193" }) },
      ],
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().errors[0].field).toBe("changes.1.record.code");
    const after = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from procedure_versions`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await t.app.inject({ url: "/api/public/procedures/1.999003" })).statusCode).toBe(404);
  });
});

describe("records stored by older versions", () => {
  it("are read with today's defaults for fields they lack (as migration 0004 wrote them)", async () => {
    await t.database.db.execute(sql`with d as (insert into procedure_decisions (number, signed_on, effective_from)
        values ('CU-1', '2025-07-01', '2025-07-01') returning id),
      p as (insert into procedures (code) values ('1.555555') returning id)
      insert into procedure_versions (procedure_id, version, decision_id, change, effective_from, name, sector, levels,
        online, postal, in_person, deadline_kind, deadline_value, has_fee, record)
      select p.id, 1, d.id, 'added', '2025-07-01', 'Thủ tục cũ', 'Cũ', array['commune'], 'none', false, true,
        'working_days', 2, false,
        '{"code":"1.555555","name":"Thủ tục cũ","sector":"Cũ","levels":["commune"],"channels":{"inPerson":true,"online":"none","postal":false},"deadline":{"kind":"working_days","value":2,"note":null},"fees":[],"documents":[],"legalBasis":[],"onTheSpot":false}'::jsonb
      from p, d`);
    const res = await t.app.inject({ url: "/api/public/procedures/1.555555" });
    expect(res.statusCode).toBe(200);
    expect(res.json().procedure).toMatchObject({
      executingAgency: null,
      resultType: null,
      locationIndependent: null,
      source: null,
    });
  });
});

describe("a unit's own list", () => {
  it("adds a procedure with local details and removes it again", async () => {
    const admin = await login(t.app, "quantri.phuxuan");
    const unit = await unitIdByCode(t.app, "46.19774");
    const res = await call(t.app, admin, "PUT", `/api/org/units/${unit}/procedures/1.999001`, {
      localNotes: "x",
    });
    expect(res.statusCode).toBe(409); // abolished by now
    const provincial = await search("level=province&pageSize=1");
    if (provincial.total > 0) {
      const code = provincial.items[0].code;
      const put = await call(t.app, admin, "PUT", `/api/org/units/${unit}/procedures/${code}`, {
        receptionAddress: "Quầy 3",
      });
      expect(put.statusCode).toBe(200);
      expect(codes(await search(`unitId=${unit}&q=${code}`))).toEqual([code]);
      expect(
        (await call(t.app, admin, "DELETE", `/api/org/units/${unit}/procedures/${code}`)).statusCode,
      ).toBe(204);
    }
    expect(
      (await call(t.app, admin, "DELETE", `/api/org/units/${unit}/procedures/1.999001`)).statusCode,
    ).toBe(404);
  });
});
