// The workload report as a real XLSX workbook (exceljs), headings in the reader's language.
import ExcelJS from "exceljs";
import type { WorkloadOut } from "./dashboard.schemas.ts";

const HEADINGS = {
  vi: {
    sheet: "Báo cáo cán bộ",
    title: "Báo cáo khối lượng công việc và trễ hạn theo cán bộ",
    period: "Kỳ báo cáo",
    columns: [
      "Cán bộ",
      "Đang xử lý",
      "Đến hạn hôm nay",
      "Quá hạn",
      "Bước đã xử lý trong kỳ",
      "Bước trễ hạn trong kỳ",
      "Tỷ lệ trễ (%)",
      "Thời gian TB mỗi bước (giờ)",
    ],
    total: "Tổng cộng",
  },
  en: {
    sheet: "Workload",
    title: "Workload and lateness by official",
    period: "Period",
    columns: [
      "Official",
      "Open",
      "Due today",
      "Overdue",
      "Steps handled in period",
      "Steps late in period",
      "Late share (%)",
      "Average hours per step",
    ],
    total: "Total",
  },
} as const;

export async function workloadWorkbook(report: WorkloadOut, lang: "vi" | "en"): Promise<Buffer> {
  const h = HEADINGS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = "motcua";
  const ws = wb.addWorksheet(h.sheet);
  ws.addRow([h.title]).font = { bold: true, size: 13 };
  ws.addRow([report.unit.name]);
  ws.addRow([`${h.period}: ${report.from} – ${report.to}`]);
  ws.addRow([]);
  const head = ws.addRow([...h.columns]);
  head.font = { bold: true };
  for (const r of report.items)
    ws.addRow([r.name, r.open, r.dueToday, r.overdue, r.handled, r.late, r.lateShare, r.avgStepHours]);
  const t = report.totals;
  ws.addRow([h.total, t.open, t.dueToday, t.overdue, t.handled, t.late, t.lateShare, null]).font = {
    bold: true,
  };
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 32 : 16;
  });
  ws.views = [{ state: "frozen", ySplit: 5 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
