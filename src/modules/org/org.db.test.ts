import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, login, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { rollupUnit } from "./org.repository.ts";

const t = setupTestApp();
const count = async (table: string) =>
  Number(
    (await queryRows<{ n: string }>(t.database.db, sql.raw(`select count(*) as n from ${table}`)))[0]!.n,
  );

describe("public organisation tree", () => {
  it("lists today's units and, with history, the abolished district and its communes", async () => {
    const now = (await t.app.inject({ url: "/api/public/units" })).json().items;
    expect(now.map((u: { code: string }) => u.code)).toContain("46.19753");
    expect(now.some((u: { level: string }) => u.level === "district")).toBe(false);
    const all = (await t.app.inject({ url: "/api/public/units?history=true" })).json().items;
    const district = all.find((u: { code: string }) => u.code === "46.479");
    expect(district).toMatchObject({ name: "Thị xã Hương Thủy", level: "district", validTo: "2025-06-30" });
    const before = (await t.app.inject({ url: "/api/public/units?at=2025-06-30" })).json().items;
    expect(before.some((u: { code: string }) => u.code === "46.479")).toBe(true);
    expect(before.some((u: { code: string }) => u.code === "46.19753")).toBe(false);
  });

  it("rejects a malformed date with a field message", async () => {
    const res = await t.app.inject({ url: "/api/public/units?at=2025-13-45" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      path: "query.at",
      message: { vi: "Ngày phải có dạng YYYY-MM-DD." },
    });
  });
});

describe("effective-dated changes", () => {
  it("renames from a date, keeps both names, and shows the name in force on each date", async () => {
    const id = await unitIdByCode(t.app, "46.19774");
    const admin = await login(t.app, "quantri.phuxuan");
    const res = await call(t.app, admin, "POST", `/api/org/units/${id}/rename`, {
      name: "Phường Phú Xuân Mới",
      validFrom: "2026-01-01",
      decisionRef: "123/NQ-UBTVQH15",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().names).toEqual([
      { name: "Phường Phú Xuân", validFrom: "2025-07-01", decisionRef: null },
      { name: "Phường Phú Xuân Mới", validFrom: "2026-01-01", decisionRef: "123/NQ-UBTVQH15" },
    ]);
    expect(res.json().unit.name).toBe("Phường Phú Xuân Mới");
    const old = (await t.app.inject({ url: "/api/public/units?at=2025-08-01" })).json().items;
    expect(old.find((u: { id: string }) => u.id === id).name).toBe("Phường Phú Xuân");
  });

  it("refuses a second name on the same date (409) and a date before the unit existed (400), writing nothing", async () => {
    const id = await unitIdByCode(t.app, "46.19774");
    const admin = await login(t.app, "quantri.phuxuan");
    const names = await count("org_unit_names");
    const dup = await call(t.app, admin, "POST", `/api/org/units/${id}/rename`, {
      name: "X",
      validFrom: "2026-01-01",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe("validFrom");
    const early = await call(t.app, admin, "POST", `/api/org/units/${id}/rename`, {
      name: "X",
      validFrom: "2020-01-01",
    });
    expect(early.statusCode).toBe(400);
    const blank = await call(t.app, admin, "POST", `/api/org/units/${id}/rename`, {
      name: "   ",
      validFrom: "2027-01-01",
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0]).toMatchObject({
      field: "name",
      message: { en: "The name must not be empty." },
    });
    expect(await count("org_unit_names")).toBe(names);
  });

  it("merges a unit into a successor; its history rolls up there", async () => {
    const admin = await login(t.app, "admin");
    const province = await unitIdByCode(t.app, "46");
    const created = await call(t.app, admin, "POST", "/api/org/units", {
      code: "46.20100",
      name: "Xã Hương Phong",
      level: "commune",
      parentId: province,
      validFrom: "2025-07-01",
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().unit.id;
    const successor = await unitIdByCode(t.app, "46.19753");
    const merged = await call(t.app, admin, "POST", `/api/org/units/${id}/abolish`, {
      effectiveDate: "2026-03-01",
      successorId: successor,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().unit).toMatchObject({
      validTo: "2026-02-28",
      successorId: successor,
      successorName: "Phường Thuận Hóa",
    });
    expect(await rollupUnit(t.database.db, id, "2026-02-01")).toBe(id);
    expect(await rollupUnit(t.database.db, id, "2026-06-01")).toBe(successor);
    // An old commune rolls up twice: through the 2025 merger.
    const old = await unitIdByCode(t.app, "46.19891");
    expect(await rollupUnit(t.database.db, old, "2026-01-01")).toBe(await unitIdByCode(t.app, "46.19900"));
    const again = await call(t.app, admin, "POST", `/api/org/units/${id}/abolish`, {
      effectiveDate: "2026-04-01",
    });
    expect(again.statusCode).toBe(409);
  });

  it("refuses to abolish a unit that still has units in force below it", async () => {
    const admin = await login(t.app, "admin");
    const res = await call(
      t.app,
      admin,
      "POST",
      `/api/org/units/${await unitIdByCode(t.app, "46")}/abolish`,
      { effectiveDate: "2026-12-01" },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("org.has_children");
  });

  it("refuses a child unit at the same level as its parent and a duplicate code", async () => {
    const admin = await login(t.app, "admin");
    const ward = await unitIdByCode(t.app, "46.19753");
    const lvl = await call(t.app, admin, "POST", "/api/org/units", {
      code: "46.30000",
      name: "Tổ",
      level: "commune",
      parentId: ward,
      validFrom: "2026-01-01",
    });
    expect(lvl.statusCode).toBe(400);
    expect(lvl.json().errors[0].field).toBe("level");
    const dup = await call(t.app, admin, "POST", "/api/org/units", {
      code: "46.19753",
      name: "Trùng",
      level: "commune",
      parentId: await unitIdByCode(t.app, "46"),
      validFrom: "2026-01-01",
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ field: "code", message: { vi: "Mã này đã được dùng." } });
    const bad = await call(t.app, admin, "POST", "/api/org/units", {
      code: "x y!",
      name: "A",
      level: "village",
      parentId: ward,
      validFrom: "2026-02-30",
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["code", "level", "validFrom"]);
  });
});

describe("audit of org changes", () => {
  it("writes the successful rename and the refused cross-unit attempt to the audit log", async () => {
    const id = await unitIdByCode(t.app, "46.19753");
    const intruder = await login(t.app, "quantri.phuxuan");
    const refused = await call(t.app, intruder, "POST", `/api/org/units/${id}/rename`, {
      name: "Chiếm",
      validFrom: "2027-05-05",
    });
    expect(refused.statusCode).toBe(404);
    const rows = await queryRows<{ action: string; outcome: number; actor_user_id: string; target: string }>(
      t.database.db,
      sql`select action, outcome, actor_user_id, target from audit_log where action = 'org.unit.rename' order by seq desc limit 1`,
    );
    expect(rows[0]).toMatchObject({ outcome: 404, actor_user_id: intruder.userId, target: id });
    const admin = await login(t.app, "admin");
    const audit = await call(t.app, admin, "GET", "/api/audit?action=org.unit.rename&pageSize=5");
    expect(audit.json().items[0]).toMatchObject({
      action: "org.unit.rename",
      outcome: 404,
      actorName: "Bùi Văn Phú",
    });
  });

  it("audits reads of personal data (staff list)", async () => {
    const leader = await login(t.app, "lanhdao.thuanhoa");
    const res = await call(
      t.app,
      leader,
      "GET",
      `/api/org/units/${await unitIdByCode(t.app, "46.19753")}/staff`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(3);
    const rows = await queryRows<{ n: string }>(
      t.database.db,
      sql`select count(*) as n from audit_log where action = 'org.staff.read' and actor_user_id = ${leader.userId} and outcome = 200`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
