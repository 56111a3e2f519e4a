// The reconciliation report as a real XLSX workbook (exceljs), headings in the reader's language.
import ExcelJS from "exceljs";
import type { ReconOut } from "./payments.schemas.ts";

const HEADINGS = {
  vi: {
    sheet: "Đối soát",
    title: "Đối soát giao dịch thanh toán trực tuyến (VNPAY)",
    period: "Kỳ đối soát",
    summary: ["Khớp", "Chỉ có ở hệ thống", "Chỉ có ở cổng thanh toán", "Lệch số tiền"],
    columns: [
      "Kết quả",
      "Mã giao dịch",
      "Mã hồ sơ",
      "Số tiền (hệ thống)",
      "Số tiền (cổng)",
      "Trạng thái",
      "Mã GD cổng",
      "Thời điểm thanh toán",
    ],
    categories: {
      matched: "Khớp",
      only_ours: "Chỉ có ở hệ thống",
      only_theirs: "Chỉ có ở cổng",
      amount_mismatch: "Lệch số tiền",
    },
  },
  en: {
    sheet: "Reconciliation",
    title: "Reconciliation of online payments (VNPAY)",
    period: "Period",
    summary: ["Matched", "Only ours", "Only the gateway's", "Amount mismatch"],
    columns: [
      "Result",
      "Reference",
      "Dossier",
      "Amount (ours)",
      "Amount (gateway)",
      "Status",
      "Gateway no.",
      "Paid at",
    ],
    categories: {
      matched: "Matched",
      only_ours: "Only ours",
      only_theirs: "Only the gateway's",
      amount_mismatch: "Amount mismatch",
    },
  },
} as const;

export async function reconciliationWorkbook(
  report: ReconOut,
  unitName: string,
  lang: "vi" | "en",
): Promise<Buffer> {
  const h = HEADINGS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = "motcua";
  const ws = wb.addWorksheet(h.sheet);
  ws.addRow([h.title]).font = { bold: true, size: 13 };
  ws.addRow([unitName]);
  ws.addRow([`${h.period}: ${report.from} – ${report.to}`]);
  const s = report.summary;
  ws.addRow([...h.summary]).font = { bold: true };
  ws.addRow([s.matched, s.onlyOurs, s.onlyTheirs, s.amountMismatch]);
  ws.addRow([]);
  ws.addRow([...h.columns]).font = { bold: true };
  for (const r of report.rows)
    ws.addRow([
      h.categories[r.category],
      r.txnRef,
      r.dossierCode,
      r.ourAmountVnd,
      r.theirAmountVnd,
      r.ourStatus,
      r.providerTxnNo,
      r.paidAt,
    ]);
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 24 : 18;
  });
  ws.views = [{ state: "frozen", ySplit: 7 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
