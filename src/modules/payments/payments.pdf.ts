// The receipt of an online fee payment (biên lai thu phí, lệ phí), A4 in Vietnamese: the unit's
// yearly receipt number, the payer, the dossier, the fee lines and the gateway's transaction. The
// builder is pure; rendering goes through src/shared/pdf.ts (pdfmake, Tinos).
import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { formatVnd, renderPdf } from "../../shared/pdf.ts";
import { timeTextVi, unitLetterhead } from "../dossiers/forms/forms.ts";
import type { PaymentReceiptData } from "./payments.service.ts";

const field = (label: string, value: string): Content => ({
  text: [`${label}: `, { text: value, bold: true }],
  margin: [0, 3, 0, 3],
});

export function buildPaymentReceipt(d: PaymentReceiptData): TDocumentDefinitions {
  const body: TableCell[][] = [
    [
      { text: "TT", bold: true, alignment: "center" },
      { text: "Khoản thu", bold: true },
      { text: "Số tiền", bold: true, alignment: "right" },
    ],
    ...d.lines.map((l, i): TableCell[] => [
      { text: String(i + 1), alignment: "center" },
      l.name,
      { text: formatVnd(l.amountVnd), alignment: "right" },
    ]),
    ["", { text: "Tổng cộng", bold: true }, { text: formatVnd(d.amountVnd), bold: true, alignment: "right" }],
  ];
  const content: Content[] = [
    unitLetterhead(d.unitName, d.paidAt),
    {
      text: "BIÊN LAI THU PHÍ, LỆ PHÍ",
      bold: true,
      fontSize: 14,
      alignment: "center",
      margin: [0, 20, 0, 2],
    },
    { text: "(Thanh toán trực tuyến)", italics: true, alignment: "center" },
    { text: ["Số: ", { text: d.receiptCode, bold: true }], alignment: "center", margin: [0, 4, 0, 12] },
    field("Người nộp", d.payerName),
    ...(d.dossierCode ? [field("Mã hồ sơ", d.dossierCode)] : []),
    ...(d.procedureName ? [field("Thủ tục hành chính", d.procedureName)] : []),
    {
      table: {
        headerRows: 1,
        widths: [24, "*", 110],
        body,
      },
      margin: [0, 8, 0, 8],
    },
    field("Hình thức thanh toán", `Trực tuyến qua cổng ${d.provider}`),
    field("Mã giao dịch", `${d.txnRef}${d.providerTxnNo ? ` (mã ${d.provider}: ${d.providerTxnNo})` : ""}`),
    ...(d.bankCode ? [field("Ngân hàng", d.bankCode)] : []),
    field("Thời điểm thanh toán", timeTextVi(d.paidAt)),
    ...(d.refundedVnd > 0 ? [field("Đã hoàn trả", formatVnd(d.refundedVnd))] : []),
    {
      columns: [
        { width: "*", text: "" },
        {
          width: "*",
          stack: [
            { text: "ĐƠN VỊ THU", bold: true },
            { text: "(Biên lai điện tử, không cần chữ ký)", italics: true, fontSize: 11 },
          ],
          alignment: "center",
        },
      ],
      margin: [0, 20, 0, 0],
      unbreakable: true,
    },
  ];
  return {
    pageSize: "A4",
    pageMargins: [70, 56, 56, 56],
    info: { title: `Biên lai ${d.receiptCode}` },
    content,
    defaultStyle: { fontSize: 13, lineHeight: 1.2 },
  };
}

export const renderPaymentReceipt = (d: PaymentReceiptData): Promise<Buffer> =>
  renderPdf(buildPaymentReceipt(d));
