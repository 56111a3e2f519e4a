// The tracking book as an XLSX workbook: the columns of the official form (Form 06 / 07), the
// five dates under one merged heading, times in Vietnam time. Vietnamese, like the form.
import ExcelJS from "exceljs";
import { formatDateVi } from "../../shared/pdf.ts";
import { shortTimeVi } from "../dossiers/forms/forms.ts";
import type { TrackingBookOut } from "./reports.schemas.ts";

const SINGLE = [
  "STT",
  "Mã hồ sơ",
  "Tên thủ tục hành chính",
  "Số lượng hồ sơ (bộ)",
  "Tên cá nhân, tổ chức",
  "Địa chỉ, số điện thoại",
  "Cơ quan chủ trì giải quyết",
];
const DATES = [
  "Nhận hồ sơ",
  "Hẹn trả kết quả",
  "Chuyển hồ sơ đến cơ quan giải quyết",
  "Nhận kết quả từ cơ quan giải quyết",
  "Trả kết quả cho cá nhân, tổ chức",
];
const AFTER = ["Ký nhận", "Ghi chú"];
const WIDTHS = [6, 26, 40, 9, 24, 30, 24, 16, 16, 16, 16, 16, 12, 30];
const COLUMNS = SINGLE.length + DATES.length + AFTER.length;
const HEAD = 5;

const thin = { style: "thin" } as const;
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function trackingBookWorkbook(book: TrackingBookOut): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "motcua";
  const ws = wb.addWorksheet(`Mẫu số ${book.form.number}`, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const line = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.getCell(row, 1).value = text;
    ws.getCell(row, 1).font = font;
    ws.getCell(row, 1).alignment = { horizontal: "center" };
    ws.mergeCells(row, 1, row, COLUMNS);
  };
  line(1, `Mẫu số ${book.form.number}`, { bold: true });
  ws.getCell(1, 1).alignment = { horizontal: "right" };
  line(2, "SỔ THEO DÕI HỒ SƠ", { bold: true, size: 13 });
  line(3, [book.unit.desk, book.unit.name].filter(Boolean).join(" - "), { bold: true });
  line(4, `(Từ ngày ${formatDateVi(book.from)} đến ngày ${formatDateVi(book.to)})`, { italic: true });

  SINGLE.forEach((text, i) => {
    ws.getCell(HEAD, i + 1).value = text;
    ws.mergeCells(HEAD, i + 1, HEAD + 1, i + 1);
  });
  const firstDate = SINGLE.length + 1;
  ws.getCell(HEAD, firstDate).value = "Ngày, tháng, năm";
  ws.mergeCells(HEAD, firstDate, HEAD, firstDate + DATES.length - 1);
  DATES.forEach((text, i) => {
    ws.getCell(HEAD + 1, firstDate + i).value = text;
  });
  AFTER.forEach((text, i) => {
    const c = firstDate + DATES.length + i;
    ws.getCell(HEAD, c).value = text;
    ws.mergeCells(HEAD, c, HEAD + 1, c);
  });
  for (const r of [HEAD, HEAD + 1]) ws.getRow(r).font = { bold: true };
  ws.getRow(HEAD + 1).height = 45;

  const when = (iso: string | null) => (iso ? shortTimeVi(iso) : "");
  for (const r of book.rows)
    ws.addRow([
      r.no,
      r.code,
      r.procedure.name,
      r.sets,
      r.applicant.name,
      [r.applicant.address, r.applicant.phone].filter(Boolean).join("; "),
      r.leadAgency,
      when(r.receivedAt),
      when(r.dueAt),
      when(r.transferredAt),
      when(r.resultBackAt),
      when(r.returnedAt),
      "",
      r.note ?? "",
    ]);
  const last = HEAD + 1 + book.rows.length;
  for (let r = HEAD; r <= last; r++)
    for (let c = 1; c <= COLUMNS; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      cell.alignment =
        r <= HEAD + 1
          ? { horizontal: "center", vertical: "middle", wrapText: true }
          : { vertical: "top", wrapText: true };
    }
  if (book.rows.length === 0) line(last + 2, "Không có hồ sơ trong kỳ.", { italic: true });
  ws.columns.forEach((c, i) => {
    c.width = WIDTHS[i] ?? 14;
  });
  ws.views = [{ state: "frozen", ySplit: HEAD + 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
