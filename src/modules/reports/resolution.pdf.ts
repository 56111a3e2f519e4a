// The resolution report as an A4 landscape PDF in the layout of Form 06a (legal-notes §6):
// letterhead with the national motto, title and period, the two-level table (rowSpan/colSpan),
// the column numbers, one row per sector, the total, notes, place and date, and the signatures
// of the one who drew it up and of the head of the unit. Vietnamese only (the official form).
import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { renderPdf } from "../../shared/pdf.ts";
import { datelineVi } from "../dossiers/forms/forms.ts";
import type { ResolutionReport } from "./reports.schemas.ts";
import { COLUMN_NUMBERS, HEADINGS, rowValues, VALUE_COLUMNS } from "./resolution.layout.ts";

const LEVEL_WORDS = /^(Phường|Xã|Thị trấn|Đặc khu|Thành phố|Tỉnh|Quận|Huyện|Thị xã)\s+/u;
const upper = (s: string) => s.toLocaleUpperCase("vi-VN");
const lowerFirst = (s: string) => s.replace(/^(\p{Lu})/u, (c) => c.toLocaleLowerCase("vi-VN"));

/** "ỦY BAN NHÂN DÂN PHƯỜNG THUẬN HÓA" for "Phường Thuận Hóa". */
export const governingBody = (unitName: string) => upper(`Ủy ban nhân dân ${lowerFirst(unitName)}`);
/** "Thuận Hóa" for "Phường Thuận Hóa": the place in the dateline. */
export const placeName = (unitName: string) => unitName.replace(LEVEL_WORDS, "");

const rule = (width: number): Content => ({
  canvas: [{ type: "line", x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }],
  alignment: "center",
  margin: [0, 2, 0, 0],
});

const head = (text: string, extra: object = {}): TableCell => ({
  text,
  bold: true,
  alignment: "center",
  fontSize: 8,
  ...extra,
});

/** The table: three heading rows (repeated on each page), sectors, total. */
function table(report: ResolutionReport): Content {
  const h = HEADINGS.vi;
  const first: TableCell[] = [
    head(h.stt, { rowSpan: 2 }),
    head(h.sector, { rowSpan: 2 }),
    head(`${h.toHandle}`, { rowSpan: 2 }),
  ];
  const second: TableCell[] = [{}, {}, {}];
  for (const g of h.groups) {
    first.push(head(g.title, { colSpan: g.columns.length }));
    for (let i = 1; i < g.columns.length; i++) first.push({});
    second.push(...g.columns.map((c) => head(c)));
  }
  const numbers: TableCell[] = [
    { text: "", italics: true },
    { text: "", italics: true },
    ...COLUMN_NUMBERS.map((n): TableCell => ({ text: n, italics: true, alignment: "center" })),
  ];
  const values = (v: number[], bold = false): TableCell[] =>
    v.map((x): TableCell => ({ text: String(x), alignment: "center", bold }));
  const body: TableCell[][] = [
    first,
    second,
    numbers,
    ...report.sectors.map((s, i): TableCell[] => [
      { text: String(i + 1), alignment: "center" },
      s.sector,
      ...values(rowValues(s)),
    ]),
  ];
  if (report.sectors.length === 0)
    body.push([
      { text: h.none, colSpan: 2 + VALUE_COLUMNS, italics: true, alignment: "center" },
      ...Array.from({ length: 1 + VALUE_COLUMNS }, () => ({})),
    ]);
  body.push(["", { text: h.total, bold: true }, ...values(rowValues(report.total), true)]);
  return {
    table: {
      headerRows: 3,
      dontBreakRows: true,
      widths: [20, "*", ...Array.from({ length: VALUE_COLUMNS }, () => 40)],
      body,
    },
    layout: {
      fillColor: (row: number) => (row < 2 ? "#eeeeee" : null),
      paddingLeft: () => 2,
      paddingRight: () => 2,
    },
    fontSize: 9,
    lineHeight: 1.05,
  };
}

/** The pdfmake document (pure). */
export function buildResolutionPdf(report: ResolutionReport): TDocumentDefinitions {
  const h = HEADINGS.vi;
  const margin = 28;
  const content: Content[] = [
    {
      columns: [
        {
          width: "*",
          stack: [
            { text: governingBody(report.unit.name), bold: true, fontSize: 11 },
            rule(70),
            { text: h.form, italics: true, fontSize: 9, margin: [0, 4, 0, 0] },
          ],
          alignment: "center",
        },
        {
          width: 280,
          stack: [
            { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, fontSize: 12 },
            { text: "Độc lập - Tự do - Hạnh phúc", bold: true, fontSize: 13 },
            rule(160),
          ],
          alignment: "center",
        },
      ],
      columnGap: 8,
    },
    { text: h.title, bold: true, fontSize: 14, alignment: "center", margin: [0, 14, 0, 2] },
    { text: `${h.unitLabel}: ${report.unit.name}`, alignment: "center" },
    { text: `(${h.period(report.from, report.to)})`, italics: true, alignment: "center" },
    { text: h.measure, italics: true, fontSize: 9, alignment: "right", margin: [0, 4, 0, 2] },
    table(report),
    {
      stack: h.notes(report).map((n) => ({ text: `- ${n}`, margin: [0, 1, 0, 1] })),
      fontSize: 9,
      italics: true,
      margin: [0, 6, 0, 0],
    },
    {
      columns: [
        {
          width: "*",
          stack: [
            { text: " ", margin: [0, 0, 0, 2] },
            { text: "NGƯỜI LẬP BIỂU", bold: true },
            { text: "(Ký, ghi rõ họ tên)", italics: true, fontSize: 10 },
          ],
          alignment: "center",
        },
        {
          width: "*",
          stack: [
            {
              text: datelineVi(placeName(report.unit.name), report.generatedAt),
              italics: true,
              margin: [0, 0, 0, 2],
            },
            { text: "THỦ TRƯỞNG ĐƠN VỊ", bold: true },
            { text: "(Ký, ghi rõ họ tên và đóng dấu)", italics: true, fontSize: 10 },
          ],
          alignment: "center",
        },
      ],
      margin: [0, 12, 0, 0],
      unbreakable: true,
    },
  ];
  return {
    pageSize: "A4",
    pageOrientation: "landscape",
    pageMargins: [margin, 34, margin, 40],
    info: {
      title: `${h.title} - ${report.unit.name} - ${h.period(report.from, report.to)}`,
      subject: h.form,
    },
    defaultStyle: { fontSize: 12, lineHeight: 1.15 },
    content,
    footer: (page: number, pages: number) => ({
      text: `Trang ${page}/${pages}`,
      alignment: "right",
      margin: [0, 10, margin, 0],
      fontSize: 9,
    }),
  };
}

export function resolutionPdf(report: ResolutionReport): Promise<Buffer> {
  return renderPdf(buildResolutionPdf(report));
}
