import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { importProcedures, readImportFile } from "./catalog.import.ts";

const t = setupTestApp();
const dir = mkdtempSync(path.join(tmpdir(), "motcua-import-"));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const decisions = async () =>
  Number(
    (await queryRows<{ n: string }>(t.database.db, sql`select count(*) as n from procedure_decisions`))[0]!.n,
  );

const CSV = `code,name,sector,level,deadline_days
1.777001,Cấp giấy phép nhập thử nghiệm,Thử nghiệm,commune,5
1.777002,Xác nhận nhập thử nghiệm,Thử nghiệm,"province,commune",0
1.77,Mã sai,Thử nghiệm,commune,3
1.777004,,Thử nghiệm,commune,3
1.777005,Thời hạn âm,Thử nghiệm,commune,-2
1.777006,Cấp sai,Thử nghiệm,village,2
`;

describe("catalog import", () => {
  it("loads a plain CSV, reports each bad row with its line and fields, and writes nothing of them", async () => {
    const rows = await readImportFile(file("a.csv", CSV));
    const progress: number[] = [];
    const report = await importProcedures(
      t.database.db,
      rows,
      { number: "IMP-1", effectiveFrom: "2026-02-01" },
      (d) => progress.push(d),
    );
    expect(report).toMatchObject({ total: 6, added: 2, amended: 0, unchanged: 0, decision: "IMP-1" });
    expect(report.errors.map((e) => [e.line, e.fields])).toEqual([
      [4, ["code"]],
      [5, ["name"]],
      [6, ["deadline.value"]],
      [7, ["levels.0"]],
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    const found = (await t.app.inject({ url: "/api/public/procedures/1.777002" })).json();
    expect(found.procedure).toMatchObject({
      levels: ["province", "commune"],
      deadline: { kind: "same_day" },
    });
    expect((await t.app.inject({ url: "/api/public/procedures/1.777004" })).statusCode).toBe(404);
  });

  it("is idempotent: the same file again changes nothing and leaves no empty decision", async () => {
    const before = await decisions();
    const report = await importProcedures(t.database.db, await readImportFile(file("a.csv", CSV)), {
      number: "IMP-2",
      effectiveFrom: "2026-03-01",
    });
    expect(report).toMatchObject({ added: 0, amended: 0, unchanged: 2, decision: null });
    expect(await decisions()).toBe(before);
  });

  it("amends what changed, from an XLSX workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Thủ tục");
    sheet.addRow(["Code", "Name", "Sector", "Level", "Deadline days", "Fee VND", "Online", "Documents"]);
    sheet.addRow([
      "1.777001",
      "Cấp giấy phép nhập thử nghiệm",
      "Thử nghiệm",
      "commune",
      3,
      "50.000",
      "toàn trình",
      "Đơn đề nghị|original|1; Bản sao CCCD|copy|1",
    ]);
    const p = path.join(dir, "b.xlsx");
    await workbook.xlsx.writeFile(p);
    const report = await importProcedures(t.database.db, await readImportFile(p), {
      number: "IMP-3",
      effectiveFrom: "2026-04-01",
    });
    expect(report).toMatchObject({ added: 0, amended: 1, unchanged: 0, errors: [] });
    const detail = (await t.app.inject({ url: "/api/public/procedures/1.777001" })).json();
    expect(detail.procedure).toMatchObject({
      deadline: { kind: "working_days", value: 3 },
      fees: [{ amountVnd: 50000 }],
      channels: { online: "fully" },
      documents: [
        { name: "Đơn đề nghị", form: "original", count: 1 },
        { name: "Bản sao CCCD", form: "copy", count: 1 },
      ],
    });
    expect(detail.history.map((h: { change: string }) => h.change)).toEqual(["added", "amended"]);
  });

  it("reads the JSON layout of db/seed/procedures.json: the demo catalog is already there, unchanged", async () => {
    const rows = await readImportFile(path.resolve("db/seed/procedures.json"));
    const report = await importProcedures(t.database.db, rows, {
      number: "IMP-4",
      effectiveFrom: "2026-05-01",
    });
    expect(report.added + report.amended).toBe(0);
    expect(report.unchanged + report.errors.length).toBe(rows.length);
  });

  it("refuses every row of a file with the wrong columns, naming the missing fields", async () => {
    const rows = await readImportFile(file("wrong.csv", "ma,ten,linh_vuc\n1.777009,Thủ tục,Hộ tịch\n"));
    const report = await importProcedures(t.database.db, rows, { number: "IMP-WRONG" });
    expect(report).toMatchObject({ added: 0, decision: null });
    expect(report.errors[0]!.fields).toEqual(expect.arrayContaining(["code", "name", "sector", "levels"]));
    expect(report.errors[0]!.message).toContain("missing or invalid");
  });

  it("refuses an unknown file type and a decision number already used", async () => {
    await expect(readImportFile(file("c.txt", "x"))).rejects.toThrow("unsupported file type");
    await expect(
      importProcedures(t.database.db, await readImportFile(file("a.csv", CSV)), { number: "IMP-1" }),
    ).rejects.toThrow("already exists");
  });
});
