// Streaming readers of import files (CSV, XLSX) and the upload receiver.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { cellText, FileFormatError, formatOf, readRows, type SourceRow } from "./import.parse.ts";
import { receiveUpload } from "./import.routes.ts";

async function collect(input: Readable, format: "csv" | "xlsx", onHeader?: (c: string[]) => void) {
  const rows: SourceRow[] = [];
  for await (const r of readRows(input, format, { onHeader })) rows.push(r);
  return rows;
}
const text = (s: string) => Readable.from([Buffer.from(s, "utf8")]);

describe("readRows (CSV)", () => {
  it("normalises the header, keeps the file's row numbers and skips blank lines", async () => {
    let header: string[] = [];
    const rows = await collect(
      text(
        '\uFEFF Dossier_Code ,Received At,EXTRA\r\nA-1,2026-01-05,x\r\n\r\n"B-2","2026-01-06\nnote",\r\n,,\r\nC-3,2026-01-07\r\n',
      ),
      "csv",
      (h) => {
        header = h;
      },
    );
    expect(header).toEqual(["dossier_code", "received_at", "extra"]);
    expect(rows).toEqual([
      { rowNumber: 2, record: { dossier_code: "A-1", received_at: "2026-01-05", extra: "x" } },
      // Row 3 is blank; a record spanning two lines is numbered by its first line.
      { rowNumber: 4, record: { dossier_code: "B-2", received_at: "2026-01-06\nnote", extra: "" } },
      // Row 6 has only separators; a short row gets empty cells.
      { rowNumber: 7, record: { dossier_code: "C-3", received_at: "2026-01-07", extra: "" } },
    ]);
  });

  it("reads a semicolon-separated file", async () => {
    const rows = await collect(text("dossier_code;unit_code\nA;46.19753\n"), "csv");
    expect(rows).toEqual([{ rowNumber: 2, record: { dossier_code: "A", unit_code: "46.19753" } }]);
  });

  it("stops on a malformed file, naming the row where it breaks", async () => {
    const rows: SourceRow[] = [];
    const error = await (async () => {
      for await (const r of readRows(text('a,b\n1,2\n3,"4\n5,6\n'), "csv")) rows.push(r);
    })().catch((e) => e);
    // (Rows parsed from the same chunk as the fault may be dropped with it.)
    expect(rows.length).toBeLessThanOrEqual(1);
    expect(error).toBeInstanceOf(FileFormatError);
    expect(error.code).toBe("import.csv_invalid");
    expect(error.row).toBeGreaterThanOrEqual(3);
  });

  it("refuses a file without a header, and lets onHeader stop the read", async () => {
    await expect(collect(text(""), "csv")).rejects.toMatchObject({ code: "import.file_empty", row: 1 });
    await expect(collect(text("\n\n"), "csv")).rejects.toMatchObject({ code: "import.file_empty" });
    const stop = new Error("stop");
    await expect(
      collect(text("a\n1\n"), "csv", () => {
        throw stop;
      }),
    ).rejects.toBe(stop);
  });

  it("reads lazily: a consumer that stops early leaves the rest of the source unread", async () => {
    let produced = 0;
    const source = Readable.from(
      (function* () {
        yield "code\n";
        for (let i = 0; i < 1_000_000; i++) {
          produced++;
          yield `row-${i}\n`;
        }
      })(),
    );
    let n = 0;
    for await (const _ of readRows(source, "csv")) if (++n === 10) break;
    expect(produced).toBeLessThan(100_000);
  });
});

describe("readRows (XLSX)", () => {
  it("reads the first sheet: header, typed cells as text, dates as Vietnam time, row numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Hồ sơ");
    ws.addRow(["Dossier_Code", "received_at", "due_at", "procedure_code", "rating"]);
    ws.addRow([
      "A-1",
      new Date(Date.UTC(2026, 0, 5, 8, 30)),
      new Date(Date.UTC(2026, 0, 8)),
      "1.004873",
      null,
    ]);
    ws.addRow([]);
    ws.addRow([
      { richText: [{ text: "B-" }, { text: "2" }] },
      "2026-01-06T09:00:00+07:00",
      { formula: "1+1", result: 2 },
      1.004873,
      "satisfied",
    ]);
    wb.addWorksheet("Khác").addRow(["not", "read"]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await collect(Readable.from([bytes]), "xlsx");
    expect(rows).toEqual([
      {
        rowNumber: 2,
        record: {
          dossier_code: "A-1",
          received_at: "2026-01-05T08:30:00",
          due_at: "2026-01-08",
          procedure_code: "1.004873",
          rating: "",
        },
      },
      {
        rowNumber: 4,
        record: {
          dossier_code: "B-2",
          received_at: "2026-01-06T09:00:00+07:00",
          due_at: "2",
          procedure_code: "1.004873",
          rating: "satisfied",
        },
      },
    ]);
  });

  it("reads the first tab whatever the order of the zip's entries (worksheets before the workbook)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Hồ sơ").addRows([["dossier_code"], ["A-1"], ["A-2"]]);
    wb.addWorksheet("Khác").addRows([["other"], ["x"]]);
    const original = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const names = Object.keys(original.files).filter((name) => !original.files[name]!.dir);
    expect(names).toContain("xl/workbook.xml");
    // The second tab's sheet first, then the first's, the workbook last.
    const order = [
      ...names.filter((n) => !n.startsWith("xl/worksheets/") && n !== "xl/workbook.xml"),
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet1.xml",
      "xl/workbook.xml",
    ];
    const shuffled = new JSZip();
    for (const name of order) shuffled.file(name, await original.file(name)!.async("uint8array"));
    const bytes = await shuffled.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const rows = await collect(Readable.from([bytes]), "xlsx");
    expect(rows.map((r) => r.record.dossier_code)).toEqual(["A-1", "A-2"]);
  });

  it("refuses bytes that are not a workbook", async () => {
    await expect(collect(text("dossier_code\nA\n"), "xlsx")).rejects.toMatchObject({
      code: "import.xlsx_invalid",
    });
  });

  it("turns cell values into text", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(12)).toBe("12");
    expect(cellText(true)).toBe("true");
    expect(cellText(new Date("2026-01-05T00:00:00Z"))).toBe("2026-01-05");
    expect(cellText(new Date("2026-01-05T07:05:09Z"))).toBe("2026-01-05T07:05:09");
    expect(cellText({ text: "link", hyperlink: "http://x" })).toBe("link");
    expect(cellText({ error: "#N/A" })).toBe("");
  });
});

describe("formatOf", () => {
  it("goes by the extension", () => {
    expect(formatOf("ho-so.CSV")).toBe("csv");
    expect(formatOf("Hồ sơ 2024.xlsx")).toBe("xlsx");
    expect(formatOf("ho-so.xls")).toBeNull();
    expect(formatOf("csv")).toBeNull();
  });
});

describe("receiveUpload", () => {
  it("streams the body to a temporary file with its size and SHA-256", async () => {
    const r = await receiveUpload(Readable.from([Buffer.from("abc"), Buffer.from("def")]), 10);
    expect(readFileSync(r.file, "utf8")).toBe("abcdef");
    expect(r).toMatchObject({
      size: 6,
      sha256: "bef57ec7f53a6d40beb640a780a639c83bc29ac8a9816f1fc6c5c6dcd93c4721",
    });
    expect(path.dirname(r.file)).toBe(r.dir);
    rmSync(r.dir, { recursive: true, force: true });
  });

  it("refuses a body over the limit and leaves nothing behind", async () => {
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith("motcua-import-")));
    const source = Readable.from([Buffer.alloc(6), Buffer.alloc(6)]);
    const err = await receiveUpload(source, 10).catch((e) => e);
    expect(err).toMatchObject({ code: "import.too_large", status: 413 });
    const left = readdirSync(tmpdir()).filter((n) => n.startsWith("motcua-import-") && !before.has(n));
    expect(left).toEqual([]);
    // Exactly the limit is accepted.
    const r = await receiveUpload(Readable.from([Buffer.alloc(10)]), 10);
    expect(r.size).toBe(10);
    expect(existsSync(r.dir)).toBe(true);
    rmSync(r.dir, { recursive: true, force: true });
  });
});
