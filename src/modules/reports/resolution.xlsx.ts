// The resolution report as an XLSX workbook (exceljs) in the layout of Form 06a: title rows, a
// two-level merged header, the column numbers, one row per sector, the total, notes under the
// table. Columns and texts come from resolution.layout.ts (the PDF uses the same).
import ExcelJS from "exceljs";
import type { ResolutionReport } from "./reports.schemas.ts";
import { COLUMN_NUMBERS, HEADINGS, type Lang, rowValues, VALUE_COLUMNS } from "./resolution.layout.ts";

/** Rows of the sheet (1-based): title block, the two heading rows, the number row, then data. */
export const XLSX_ROWS = {
  title: 1,
  unit: 2,
  period: 3,
  form: 4,
  head: 5,
  sub: 6,
  numbers: 7,
  data: 8,
} as const;

const COLUMNS = 2 + VALUE_COLUMNS;
const thin = { style: "thin" } as const;
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function resolutionWorkbook(report: ResolutionReport, lang: Lang): Promise<Buffer> {
  const h = HEADINGS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = "motcua";
  wb.title = h.title;
  const ws = wb.addWorksheet(h.sheet, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const R = XLSX_ROWS;
  const last = COLUMNS;
  const mergeRow = (row: number, from = 1, to = last) => ws.mergeCells(row, from, row, to);

  // Title block.
  ws.getCell(R.title, 1).value = h.title;
  ws.getCell(R.title, 1).font = { bold: true, size: 13 };
  ws.getCell(R.unit, 1).value = `${h.unitLabel}: ${report.unit.name}`;
  ws.getCell(R.unit, 1).font = { bold: true };
  ws.getCell(R.period, 1).value = h.period(report.from, report.to);
  ws.getCell(R.period, 1).font = { italic: true };
  for (const row of [R.title, R.unit, R.period]) {
    mergeRow(row);
    ws.getCell(row, 1).alignment = { horizontal: "center" };
  }
  ws.getCell(R.form, 1).value = h.form;
  ws.getCell(R.form, 1).font = { italic: true, size: 9 };
  mergeRow(R.form, 1, 8);
  ws.getCell(R.form, 9).value = h.measure;
  ws.getCell(R.form, 9).font = { italic: true, size: 9 };
  ws.getCell(R.form, 9).alignment = { horizontal: "right" };
  mergeRow(R.form, 9, last);

  // Two heading rows: STT, sector and (1) span both; each group spans its columns.
  const spanning = [h.stt, h.sector, h.toHandle];
  spanning.forEach((text, i) => {
    ws.getCell(R.head, i + 1).value = text;
    ws.mergeCells(R.head, i + 1, R.sub, i + 1);
  });
  let col = spanning.length + 1;
  for (const g of h.groups) {
    ws.getCell(R.head, col).value = g.title;
    ws.mergeCells(R.head, col, R.head, col + g.columns.length - 1);
    g.columns.forEach((text, i) => {
      ws.getCell(R.sub, col + i).value = text;
    });
    col += g.columns.length;
  }
  COLUMN_NUMBERS.forEach((label, i) => {
    ws.getCell(R.numbers, 3 + i).value = label;
  });
  for (const row of [R.head, R.sub, R.numbers]) {
    ws.getRow(row).font = row === R.numbers ? { italic: true } : { bold: true };
    for (let c = 1; c <= last; c++)
      ws.getCell(row, c).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  }
  ws.getRow(R.head).height = 32;
  ws.getRow(R.sub).height = 48;

  // One row per sector, then the total.
  let row = R.data;
  report.sectors.forEach((s, i) => {
    ws.getRow(row).values = [i + 1, s.sector, ...rowValues(s)];
    row++;
  });
  ws.getRow(row).values = ["", h.total, ...rowValues(report.total)];
  ws.getRow(row).font = { bold: true };
  const totalRow = row;
  for (let r = R.head; r <= totalRow; r++)
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      if (r >= R.data && c !== 2) cell.alignment = { horizontal: "center" };
    }

  // Notes under the table (merged across, wrapped).
  row = totalRow + 2;
  const notes = report.sectors.length === 0 ? [h.none, ...h.notes(report)] : h.notes(report);
  for (const note of notes) {
    ws.getCell(row, 1).value = note;
    ws.getCell(row, 1).alignment = { wrapText: true, vertical: "top" };
    ws.getCell(row, 1).font = { italic: true, size: 10 };
    mergeRow(row);
    ws.getRow(row).height = 28;
    row++;
  }

  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 6 : i === 1 ? 30 : 12;
  });
  ws.views = [{ state: "frozen", ySplit: R.numbers, xSplit: 2 }];
  lateSheet(wb, report, lang);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LATE = {
  vi: {
    sheet: "Lý do quá hạn",
    title: "LÝ DO QUÁ HẠN (Biểu 06c)",
    reason: "Lý do",
    count: "Số hồ sơ",
    none: "Không ghi lý do (không có văn bản xin lỗi; hồ sơ nhập từ hệ thống cũ)",
    list: ["Mã hồ sơ", "Thủ tục", "Lĩnh vực", "Hạn giải quyết", "Ngày giải quyết", "Lý do"],
    truncated: "Danh sách chỉ gồm 200 hồ sơ gần nhất.",
  },
  en: {
    sheet: "Reasons for lateness",
    title: "REASONS FOR LATENESS (Form 06c)",
    reason: "Reason",
    count: "Dossiers",
    none: "No reason recorded (no apology; dossiers imported from earlier systems)",
    list: ["Dossier code", "Procedure", "Sector", "Due", "Resolved", "Reason"],
    truncated: "The list holds the 200 most recent dossiers only.",
  },
} as const;

/** A second sheet: each reason for lateness with its count, then the late dossiers. */
function lateSheet(wb: ExcelJS.Workbook, report: ResolutionReport, lang: Lang) {
  const t = LATE[lang];
  const ws = wb.addWorksheet(t.sheet);
  const day = (iso: string) =>
    new Date(new Date(iso).getTime() + 7 * 3_600_000)
      .toISOString()
      .slice(0, 10)
      .split("-")
      .reverse()
      .join("/");
  ws.addRow([t.title]).font = { bold: true, size: 13 };
  ws.addRow([]);
  ws.addRow([t.reason, t.count]).font = { bold: true };
  for (const r of report.lateness.reasons) ws.addRow([r.reason, r.count]);
  ws.addRow([t.none, report.lateness.withoutReason]);
  ws.addRow([]);
  ws.addRow([...t.list]).font = { bold: true };
  for (const d of report.lateness.dossiers)
    ws.addRow([d.code, d.procedure, d.sector, day(d.dueAt), day(d.resolvedAt), d.reason ?? ""]);
  if (report.lateness.truncated) ws.addRow([t.truncated]).font = { italic: true };
  ws.columns.forEach((c, i) => {
    c.width = [30, 40, 20, 14, 14, 50][i] ?? 12;
  });
}
