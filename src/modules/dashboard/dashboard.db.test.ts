// The dashboard and workload report over the demo history (src/demo/demo-history.ts).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { call, login, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { vietnamDate } from "../../shared/dates.ts";
import { addDays } from "./dashboard.logic.ts";

const t = setupTestApp();
const get = async (username: string | null, url: string) =>
  call(t.app, username ? await login(t.app, username) : null, "GET", url);

describe("dashboard summary", () => {
  it("gives a leader the unit's figures over time, by sector and official, satisfaction and overdue list", async () => {
    const unitId = await unitIdByCode(t.app, "46.19753");
    const res = await get("lanhdao.thuanhoa", `/api/dashboard/summary?unitId=${unitId}&granularity=week`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.unit).toMatchObject({ id: unitId, subtree: false });
    expect(s.to).toBe(vietnamDate());
    expect(s.from).toBe(addDays(s.to, -89));
    // The demo history: ~60 dossiers over 90 days, resolved early, on time and late.
    expect(s.totals.received).toBeGreaterThanOrEqual(55);
    for (const k of ["resolved", "early", "onTime", "late", "open", "overdue", "ratings"])
      expect(s.totals[k], k).toBeGreaterThan(0);
    expect(s.totals.resolved).toBe(s.totals.early + s.totals.onTime + s.totals.late);
    expect(s.series.length).toBeGreaterThanOrEqual(13);
    const sum = (k: string) => s.series.reduce((n: number, b: Record<string, number>) => n + b[k]!, 0);
    expect(sum("received")).toBe(s.totals.received);
    expect(sum("late")).toBe(s.totals.late);
    expect(s.bySector.map((x: { sector: string }) => x.sector)).toEqual(
      expect.arrayContaining(["Hộ tịch", "Chứng thực", "Đăng ký cư trú", "Bảo trợ xã hội"]),
    );
    const names = s.byOfficial.map((o: { name: string }) => o.name);
    expect(names).toEqual(expect.arrayContaining(["Phạm Văn Chuyên", "Hoàng Minh Lãnh", "Đỗ Thị Văn"]));
    expect(s.satisfaction.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(s.totals.ratings);
    expect(s.overdueTotal).toBe(s.totals.overdue);
    const first = s.overdue[0];
    expect(first.daysOverdue).toBeGreaterThan(0);
    expect(first.official).toMatchObject({ name: "Phạm Văn Chuyên" });
    // A leader handles the unit's dossiers: applicants' names in full.
    expect(s.overdue.some((o: { applicantName: string }) => o.applicantName.includes("***"))).toBe(false);
  });

  it("gives a supervisor the city's subtree with applicants' names masked", async () => {
    const province = await unitIdByCode(t.app, "46");
    const res = await get("giamsat", `/api/dashboard/summary?unitId=${province}&granularity=month`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.unit.subtree).toBe(true);
    expect(s.totals.received).toBeGreaterThanOrEqual(55);
    expect(s.series.length).toBeGreaterThanOrEqual(3);
    expect(s.overdue.length).toBeGreaterThan(0);
    for (const o of s.overdue) expect(o.applicantName).toMatch(/\*\*\*/);
  });

  it("refuses specialists (403), other units (404), anonymous (401); admin may read", async () => {
    const unitId = await unitIdByCode(t.app, "46.19753");
    const url = `/api/dashboard/summary?unitId=${unitId}`;
    expect((await get("chuyenvien.thuanhoa", url)).statusCode).toBe(403);
    expect((await get("tiepnhan.phuxuan", url)).statusCode).toBe(404);
    expect((await get(null, url)).statusCode).toBe(401);
    expect((await get("admin", url)).statusCode).toBe(200);
  });

  it("validates the period and granularity", async () => {
    const unitId = await unitIdByCode(t.app, "46.19753");
    const base = `/api/dashboard/summary?unitId=${unitId}`;
    const reversed = await get("lanhdao.thuanhoa", `${base}&from=2026-05-02&to=2026-05-01`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0]).toMatchObject({ field: "to", code: "dashboard.range_order" });
    const long = await get("lanhdao.thuanhoa", `${base}&from=2023-01-01&to=2026-01-02`);
    expect(long.json().errors[0]).toMatchObject({ field: "to", code: "dashboard.range_too_long" });
    expect(long.json().errors[0].message.vi).toMatch(/2 năm/);
    const g = await get("lanhdao.thuanhoa", `${base}&granularity=year`);
    expect(g.statusCode).toBe(400);
    expect(g.json().errors[0].field).toBe("granularity");
    const bad = await get("lanhdao.thuanhoa", `${base}&from=2026-02-30`);
    expect(bad.statusCode).toBe(400);
  });
});

describe("workload report", () => {
  it("reports per official: open, overdue, steps handled and late, average step time", async () => {
    const unitId = await unitIdByCode(t.app, "46.19753");
    const res = await get("lanhdao.thuanhoa", `/api/dashboard/workload?unitId=${unitId}`);
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    const byName = Object.fromEntries(w.items.map((r: { name: string }) => [r.name, r]));
    expect(byName["Phạm Văn Chuyên"].open).toBeGreaterThan(0);
    expect(byName["Phạm Văn Chuyên"].overdue).toBeGreaterThan(0);
    // The clerk issues the results: each issue hands the dossier's last step over.
    const clerk = byName["Đỗ Thị Văn"];
    expect(clerk.handled).toBeGreaterThan(10);
    expect(clerk.late).toBeGreaterThan(0);
    expect(clerk.lateShare).toBeCloseTo((clerk.late / clerk.handled) * 100, 0);
    expect(clerk.avgStepHours).toBeGreaterThan(0);
    expect(w.totals.handled).toBe(w.items.reduce((n: number, r: { handled: number }) => n + r.handled, 0));
    // Officials without work are listed too (the whole team).
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(["Nguyễn Thị Tiếp", "Hoàng Minh Lãnh"]));
  });

  it("exports a real XLSX workbook with the same rows", async () => {
    const unitId = await unitIdByCode(t.app, "46.19753");
    const json = (await get("lanhdao.thuanhoa", `/api/dashboard/workload?unitId=${unitId}`)).json();
    const res = await get("lanhdao.thuanhoa", `/api/dashboard/workload?unitId=${unitId}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="bao-cao-can-bo-.*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Báo cáo cán bộ")!;
    expect(ws.getRow(5).getCell(1).value).toBe("Cán bộ");
    const rows = json.items.map((_: unknown, i: number) => ws.getRow(6 + i));
    expect(rows.map((r: ExcelJS.Row) => r.getCell(1).value)).toEqual(
      json.items.map((r: { name: string }) => r.name),
    );
    expect(rows.map((r: ExcelJS.Row) => r.getCell(5).value)).toEqual(
      json.items.map((r: { handled: number }) => r.handled),
    );
    expect(ws.getRow(6 + json.items.length).getCell(1).value).toBe("Tổng cộng");
    const en = await get("lanhdao.thuanhoa", `/api/dashboard/workload?unitId=${unitId}&format=xlsx&lang=en`);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.getWorksheet("Workload")!.getRow(5).getCell(1).value).toBe("Official");
  });
});
