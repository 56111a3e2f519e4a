import { describe, expect, it } from "vitest";
import { call, login, setupTestApp, unitIdByCode } from "../../../test/app.ts";

const t = setupTestApp();
// 1.004873 (marital status certificate): 3 working days = 22.5 working hours at 7.5 h a day.
const CODE = "1.004873";

const steps = [
  { name: "Tiếp nhận, chuyển hồ sơ", kind: "step", role: "receptionist", hours: 2 },
  { name: "Thẩm định", kind: "step", role: "specialist", hours: 8 },
  { name: "Lấy ý kiến Công an", kind: "opinion", role: "specialist", hours: 6, parallelGroup: "y-kien" },
  { name: "Lấy ý kiến Tư pháp", kind: "opinion", role: "specialist", hours: 4, parallelGroup: "y-kien" },
  { name: "Phê duyệt", kind: "step", role: "leader", hours: 4 },
  { name: "Trả kết quả", kind: "step", role: "clerk", hours: 2 },
];

describe("internal processes", () => {
  it("a unit administrator approves a process that fits the deadline; versions are kept", async () => {
    const ward = await unitIdByCode(t.app, "46.19753");
    const admin = await login(t.app, "quantri.thuanhoa");
    const first = await call(t.app, admin, "POST", `/api/org/units/${ward}/processes/${CODE}`, {
      decisionRef: "12/QĐ-UBND",
      approvedOn: "2026-01-05",
      steps,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      deadlineHours: 22.5,
      workingHoursPerDay: 7.5,
      current: { version: 1, totalHours: 22 },
    });
    expect(first.json().current.steps.map((s: { startHours: number }) => s.startHours)).toEqual([
      0, 2, 10, 10, 16, 20,
    ]);
    const second = await call(t.app, admin, "POST", `/api/org/units/${ward}/processes/${CODE}`, {
      decisionRef: "30/QĐ-UBND",
      approvedOn: "2026-03-01",
      steps: steps.filter((s) => s.kind === "step"),
    });
    expect(
      second.json().history.map((h: { version: number; totalHours: number }) => [h.version, h.totalHours]),
    ).toEqual([
      [2, 16],
      [1, 22],
    ]);
    const reader = await login(t.app, "tiepnhan.thuanhoa");
    const view = await call(t.app, reader, "GET", `/api/org/units/${ward}/processes/${CODE}`);
    expect(view.json()).toMatchObject({ current: { version: 2 }, abilities: { canEdit: false } });
  });

  it("refuses a process longer than the legal deadline with a clear 400, writing nothing", async () => {
    const ward = await unitIdByCode(t.app, "46.19753");
    const admin = await login(t.app, "quantri.thuanhoa");
    const res = await call(t.app, admin, "POST", `/api/org/units/${ward}/processes/${CODE}`, {
      decisionRef: "31/QĐ-UBND",
      approvedOn: "2026-03-02",
      steps: [...steps, { name: "Thêm", kind: "step", role: "leader", hours: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      field: "steps",
      message: { en: "The steps take 23 working hours, more than the legal deadline (22.5 working hours)." },
    });
    const view = await call(t.app, admin, "GET", `/api/org/units/${ward}/processes/${CODE}`);
    expect(view.json().current.version).toBe(2);
  });

  it("refuses steps without a role or agency, parallel non-opinion steps, hours under 0.01 (a 500 the fuzzer found) and foreign agencies", async () => {
    const ward = await unitIdByCode(t.app, "46.19753");
    const admin = await login(t.app, "quantri.thuanhoa");
    const res = await call(t.app, admin, "POST", `/api/org/units/${ward}/processes/${CODE}`, {
      decisionRef: "",
      approvedOn: "2026-03-02",
      steps: [
        { name: "A", kind: "step", hours: 1 },
        { name: "B", kind: "step", role: "leader", hours: 0.000001, parallelGroup: "g" },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["decisionRef", "steps.0.role", "steps.1.hours", "steps.1.parallelGroup"].sort());
    const detail = await call(
      t.app,
      await login(t.app, "admin"),
      "GET",
      `/api/org/units/${await unitIdByCode(t.app, "46.19774")}`,
    );
    const foreignAgency = detail.json().agencies[0].id;
    const foreign = await call(t.app, admin, "POST", `/api/org/units/${ward}/processes/${CODE}`, {
      decisionRef: "32/QĐ-UBND",
      approvedOn: "2026-03-02",
      steps: [{ name: "Chuyển Công an phường khác", kind: "transfer", agencyId: foreignAgency, hours: 2 }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe("steps.0.agencyId");
  });

  it("lists the agencies a step may name: the unit's and those above it; refuses procedures the unit does not serve", async () => {
    const ward = await unitIdByCode(t.app, "46.19753");
    const admin = await login(t.app, "quantri.thuanhoa");
    const view = (await call(t.app, admin, "GET", `/api/org/units/${ward}/processes/${CODE}`)).json();
    const units = new Set(view.agencies.map((a: { unitName: string }) => a.unitName));
    expect(units).toEqual(new Set(["Phường Thuận Hóa", "Thành phố Huế"]));
    expect(view.agencies[0].unitName).toBe("Phường Thuận Hóa");
    const provincial = await call(t.app, admin, "POST", `/api/org/units/${ward}/processes/2.001610`, {
      decisionRef: "40/QĐ-UBND",
      approvedOn: "2026-03-02",
      steps: [{ name: "Xử lý", role: "specialist", hours: 4 }],
    });
    expect(provincial.statusCode).toBe(409);
    expect(provincial.json().code).toBe("process.not_served");
  });

  it("keeps units apart and needs a procedure in force", async () => {
    const ward = await unitIdByCode(t.app, "46.19753");
    const other = await login(t.app, "quantri.phuxuan");
    expect((await call(t.app, other, "GET", `/api/org/units/${ward}/processes/${CODE}`)).statusCode).toBe(
      404,
    );
    const admin = await login(t.app, "quantri.thuanhoa");
    expect((await call(t.app, admin, "GET", `/api/org/units/${ward}/processes/1.999999`)).statusCode).toBe(
      404,
    );
  });
});
