// The printable listing of a unit's procedures for the desk wall (A4 landscape).
// buildListingDocument is pure; the route renders it with src/shared/pdf.ts.
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { formatDateVi, formatVnd } from "../../shared/pdf.ts";

export type ListingRow = {
  code: string;
  name: string;
  sector: string;
  deadline: { kind: string; value: number | null; note: string | null };
  fees: { name: string; amountVnd: number | null; note: string | null }[];
  online: "fully" | "partly" | "none";
  postal: boolean;
};

const DEADLINE_UNITS: Record<string, string> = {
  working_days: "ngày làm việc",
  working_hours: "giờ làm việc",
  calendar_days: "ngày",
};

export function deadlineText(d: ListingRow["deadline"]): string {
  const main =
    d.kind === "same_day" ? "Trong ngày" : `${d.value ?? "?"} ${DEADLINE_UNITS[d.kind] ?? ""}`.trim();
  return d.note ? `${main} (${d.note})` : main;
}

export function feeText(fees: ListingRow["fees"]): string {
  if (fees.length === 0) return "Không";
  return fees
    .map((f) =>
      [f.name, f.amountVnd != null ? formatVnd(f.amountVnd) : null, f.note].filter(Boolean).join(": "),
    )
    .join("; ");
}

const CHANNELS = { fully: "Toàn trình", partly: "Một phần", none: "Không" } as const;

export function buildListingDocument(input: {
  unitName: string;
  date: string;
  rows: ListingRow[];
}): TDocumentDefinitions {
  const header = [
    "STT",
    "Mã thủ tục",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Trực tuyến",
    "Bưu chính",
  ];
  const bySector = [...input.rows].sort(
    (a, b) => a.sector.localeCompare(b.sector, "vi") || a.code.localeCompare(b.code),
  );
  const body: Content[][] = [
    header.map((h) => ({ text: h, bold: true, alignment: "center" as const })),
    ...bySector.map((r, i) => [
      { text: String(i + 1), alignment: "center" as const },
      r.code,
      r.name,
      r.sector,
      deadlineText(r.deadline),
      feeText(r.fees),
      CHANNELS[r.online],
      r.postal ? "Có" : "Không",
    ]),
  ];
  return {
    pageSize: "A4",
    pageOrientation: "landscape",
    pageMargins: [36, 40, 36, 40],
    info: { title: `Danh mục thủ tục hành chính - ${input.unitName}` },
    content: [
      { text: input.unitName.toUpperCase(), bold: true, alignment: "center" },
      {
        text: "DANH MỤC THỦ TỤC HÀNH CHÍNH TIẾP NHẬN TẠI BỘ PHẬN MỘT CỬA",
        bold: true,
        fontSize: 14,
        alignment: "center",
        margin: [0, 8, 0, 2],
      },
      {
        text: `(Cập nhật ngày ${formatDateVi(input.date)}; ${input.rows.length} thủ tục)`,
        italics: true,
        alignment: "center",
        margin: [0, 0, 0, 10],
      },
      input.rows.length === 0
        ? { text: "Đơn vị chưa công bố thủ tục nào.", italics: true }
        : {
            table: { headerRows: 1, widths: [24, 52, "*", 80, 110, 120, 52, 44], body },
            layout: { fillColor: (row: number) => (row === 0 ? "#eeeeee" : null) },
            fontSize: 9.5,
          },
    ],
    footer: (page: number, pages: number) => ({
      text: `Trang ${page}/${pages}`,
      alignment: "right",
      margin: [0, 10, 36, 0],
      fontSize: 9,
    }),
  };
}
