// The official layout of the resolution report (Form 06a, legal-notes §6), shared by the XLSX
// and the PDF: headings (Vietnamese official, English courtesy), the cells of a row in column
// order, and the notes printed under the table. Pure.
//
// Columns: STT | Lĩnh vực | (1) | received (2)–(4) | resolved (5)–(8) | pending (9)–(11), then a
// group outside the official form, (a)–(c): dossiers received that ended without a result
// (withdrawn, stopped, refused). They belong to (1) but to none of (5)–(11), so without them the
// table would not add up: (1) = (5) + (9) + (a) + (b) + (c). motcua keeps postal apart from in
// person; the official (3) is their sum, and the note under the table gives both.
import { formatDateVi } from "../../shared/pdf.ts";
import type { ResolutionCellsOut, ResolutionReport } from "./reports.schemas.ts";

export type Lang = "vi" | "en";

/** A heading group: one title over `columns` (a single column spans both heading rows). */
export type HeadGroup = { title: string; columns: string[] };

type Headings = {
  sheet: string;
  title: string;
  /** "Biểu số …": the form's reference, printed in the top corner. */
  form: string;
  unitLabel: string;
  period: (from: string, to: string) => string;
  measure: string;
  stt: string;
  sector: string;
  toHandle: string;
  groups: HeadGroup[];
  total: string;
  none: string;
  notes: (r: ResolutionReport) => string[];
};

/** Labels of the number row: "(1)" … "(11)" for the official columns, "(a)" … "(c)" after. */
export const COLUMN_NUMBERS = [
  ...Array.from({ length: 11 }, (_, i) => `(${i + 1})`),
  "(a)",
  "(b)",
  "(c)",
] as const;

/** Number of value columns (after STT and the sector): 11 official + 3 outside the form. */
export const VALUE_COLUMNS = COLUMN_NUMBERS.length;

export const HEADINGS: Record<Lang, Headings> = {
  vi: {
    sheet: "Biểu 06a",
    title: "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
    form: "Biểu số II.06a/VPCP/KSTT",
    unitLabel: "Đơn vị báo cáo",
    period: (from, to) => `Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}`,
    measure: "Đơn vị tính: số hồ sơ",
    stt: "STT",
    sector: "Lĩnh vực",
    toHandle: "Tổng số hồ sơ cần giải quyết",
    groups: [
      {
        title: "Số hồ sơ nhận giải quyết",
        columns: ["Trực tuyến", "Trực tiếp và dịch vụ bưu chính", "Từ kỳ trước chuyển qua"],
      },
      { title: "Số hồ sơ đã giải quyết", columns: ["Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn"] },
      { title: "Số hồ sơ đang giải quyết", columns: ["Tổng số", "Trong hạn", "Quá hạn"] },
      {
        title: "Ngoài biểu mẫu: kết thúc không có kết quả",
        columns: ["Rút hồ sơ", "Dừng giải quyết", "Từ chối"],
      },
    ],
    total: "Tổng cộng",
    none: "Không có hồ sơ trong kỳ.",
    notes: (r) => {
      const t = r.total;
      return [
        `Cột (2) gồm ${t.received.onlineFull} hồ sơ trực tuyến toàn trình và ${t.received.onlinePartial} hồ sơ trực tuyến một phần; cột (3) gồm ${t.received.inPerson} hồ sơ nộp trực tiếp và ${t.received.postal} hồ sơ qua dịch vụ bưu chính công ích.`,
        `Cột (9) gồm ${t.pending.awaitingSupplement} hồ sơ chờ bổ sung và ${t.pending.suspended} hồ sơ tạm dừng giải quyết.`,
        "Cột (a), (b), (c) không thuộc biểu mẫu: hồ sơ đã tiếp nhận nhưng kết thúc không có kết quả (người nộp rút hồ sơ, dừng giải quyết, từ chối giải quyết); (1) = (5) + (9) + (a) + (b) + (c).",
        ...(r.unit.units > 1
          ? [
              `Số liệu gồm ${r.unit.units} đơn vị: đơn vị báo cáo, các đơn vị trực thuộc và đơn vị đã sáp nhập vào.`,
            ]
          : []),
      ];
    },
  },
  en: {
    sheet: "Form 06a",
    title: "STATUS AND RESULTS OF HANDLING ADMINISTRATIVE PROCEDURES",
    form: "Form II.06a/VPCP/KSTT",
    unitLabel: "Reporting unit",
    period: (from, to) => `From ${from} to ${to}`,
    measure: "Unit: dossiers",
    stt: "No.",
    sector: "Sector",
    toHandle: "Dossiers to handle",
    groups: [
      {
        title: "Dossiers received",
        columns: ["Online", "In person and by post", "Carried over from the previous period"],
      },
      { title: "Dossiers resolved", columns: ["Total", "Early", "On time", "Late"] },
      { title: "Dossiers pending", columns: ["Total", "Within deadline", "Overdue"] },
      { title: "Outside the form: ended without a result", columns: ["Withdrawn", "Stopped", "Refused"] },
    ],
    total: "Total",
    none: "No dossiers in the period.",
    notes: (r) => {
      const t = r.total;
      return [
        `Column (2): ${t.received.onlineFull} fully online and ${t.received.onlinePartial} partly online; column (3): ${t.received.inPerson} in person and ${t.received.postal} by post.`,
        `Column (9) includes ${t.pending.awaitingSupplement} dossiers awaiting a supplement and ${t.pending.suspended} suspended.`,
        "Columns (a), (b), (c) are not part of the official form: dossiers received that ended without a result (withdrawn by the applicant, stopped, refused); (1) = (5) + (9) + (a) + (b) + (c).",
        ...(r.unit.units > 1
          ? [
              `The figures cover ${r.unit.units} units: the reporting unit, the units below it and those merged into it.`,
            ]
          : []),
      ];
    },
  },
};

/** The value cells of one row, in column order (1)–(11), (a)–(c). */
export function rowValues(c: ResolutionCellsOut): number[] {
  return [
    c.toHandle,
    c.received.online,
    c.received.inPerson + c.received.postal,
    c.received.carriedOver,
    c.resolved.total,
    c.resolved.early,
    c.resolved.onTime,
    c.resolved.late,
    c.pending.total,
    c.pending.withinDeadline,
    c.pending.overdue,
    c.ended.withdrawn,
    c.ended.stopped,
    c.ended.refused,
  ];
}
