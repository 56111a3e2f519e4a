// The official one-stop forms (spec §7, legal-notes §5) as pdfmake documents, for the regime in
// force when the dossier was received: Circular 01/2018/TT-VPCP (forms 01–06) or Circular
// 03/2025/TT-VPCP (forms 01–07). The builders are pure; renderForm renders with src/shared/pdf.ts.
import type { Column, Content, ContentText, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { formatDateVi, renderPdf } from "../../../shared/pdf.ts";
import type {
  ApologyData,
  ControlRow,
  ControlSheetData,
  FormApplicant,
  FormDossier,
  FormHeader,
  FormKind,
  ReceiptData,
  RefusalData,
  Regime,
  StopData,
  SupplementData,
  TrackingBookData,
} from "./form-data.ts";

export type FormDataByKind = {
  receipt: ReceiptData;
  supplement: SupplementData;
  refusal: RefusalData;
  apology: ApologyData;
  stop: StopData;
  control: ControlSheetData;
  book: TrackingBookData;
};

// ---------------------------------------------------------------------------------------------
// Form numbers and titles per regime (the only place the two circulars differ in naming).

type FormName = { number: string; title: string };

const FORMS: Record<Regime, Partial<Record<FormKind, FormName>>> = {
  "2018": {
    receipt: { number: "01", title: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" },
    supplement: { number: "02", title: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" },
    refusal: { number: "03", title: "Phiếu từ chối tiếp nhận giải quyết hồ sơ" },
    apology: { number: "04", title: "Phiếu xin lỗi và hẹn lại ngày trả kết quả" },
    control: { number: "05", title: "Phiếu kiểm soát quá trình giải quyết hồ sơ" },
    book: { number: "06", title: "Sổ theo dõi hồ sơ" },
  },
  "2025": {
    receipt: { number: "01", title: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" },
    supplement: { number: "02", title: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" },
    refusal: { number: "03", title: "Phiếu từ chối tiếp nhận giải quyết hồ sơ" },
    apology: { number: "04", title: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" },
    stop: { number: "05", title: "Thông báo dừng giải quyết hồ sơ" },
    control: { number: "06", title: "Phiếu kiểm soát quá trình giải quyết hồ sơ" },
    book: { number: "07", title: "Sổ theo dõi hồ sơ" },
  },
};

const CIRCULARS: Record<Regime, string> = {
  "2018": "Circular 01/2018/TT-VPCP",
  "2025": "Circular 03/2025/TT-VPCP",
};

function formName(regime: Regime, kind: FormKind): FormName {
  const name = FORMS[regime][kind];
  if (!name)
    throw new Error(`Form "${kind}" does not exist under the ${regime} regime (${CIRCULARS[regime]})`);
  return name;
}

/** "01" … "07"; throws for a form the regime does not have (the stop notice before 2025). */
export const formNumber = (regime: Regime, kind: FormKind): string => formName(regime, kind).number;

/** Title in sentence case, e.g. "Sổ theo dõi hồ sơ"; printed in capitals on the form. */
export const formTitle = (regime: Regime, kind: FormKind): string => formName(regime, kind).title;

// ---------------------------------------------------------------------------------------------
// Vietnamese time texts. Vietnam is UTC+7 all year (no DST).

const VN_OFFSET_MS = 7 * 3_600_000;
const pad2 = (n: number) => String(n).padStart(2, "0");

function vnParts(iso: string) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Invalid instant: ${iso}`);
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

// Decree 30/2020/NĐ-CP (administrative documents): days below 10 and the months 1 and 2 take a
// leading zero ("ngày 05 tháng 02", "ngày 23 tháng 11", "ngày 01 tháng 7").
const dayMonthVi = (day: number, month: number) =>
  `ngày ${pad2(day)} tháng ${month < 3 ? pad2(month) : month}`;

/** "14 giờ 05 phút, ngày 23 tháng 11 năm 2026" in Vietnam time. */
export function timeTextVi(iso: string): string {
  const p = vnParts(iso);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ${dayMonthVi(p.day, p.month)} năm ${p.year}`;
}

/** "Thuận Hóa, ngày 23 tháng 11 năm 2026" (the date of the instant in Vietnam time). */
export function datelineVi(place: string, iso: string): string {
  const p = vnParts(iso);
  return `${place}, ${dayMonthVi(p.day, p.month)} năm ${p.year}`;
}

/** "23/11/2026": the calendar date of the instant in Vietnam time. */
export function dateVi(iso: string): string {
  const p = vnParts(iso);
  return formatDateVi(`${p.year}-${pad2(p.month)}-${pad2(p.day)}`);
}

/** "14:05 23/11/2026" in Vietnam time (compact, for table cells). */
export function shortTimeVi(iso: string): string {
  const p = vnParts(iso);
  return `${pad2(p.hour)}:${pad2(p.minute)} ${dateVi(iso)}`;
}

export const TIMELINESS_LABELS: Record<NonNullable<ControlRow["result"]>, string> = {
  early: "Trước hạn",
  on_time: "Đúng hạn",
  late: "Quá hạn",
};

const RESULT_DELIVERY: Record<ReceiptData["resultDelivery"], string> = {
  desk: "Bộ phận Một cửa",
  postal: "Qua dịch vụ bưu chính công ích",
  online: "Trực tuyến",
};

// ---------------------------------------------------------------------------------------------
// Shared layout pieces.

const DOTS = "…………………";
const orDots = (v: string | null | undefined) => (v?.trim() ? v : DOTS);
const upper = (s: string) => s.toLocaleUpperCase("vi");

/** A short centred rule under the header lines. */
const rule = (width: number): Content => ({
  canvas: [{ type: "line", x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }],
  alignment: "center",
  margin: [0, 2, 0, 0],
});

const dateline = (place: string, at: string): Content => ({
  text: datelineVi(place, at),
  italics: true,
  margin: [0, 8, 0, 0],
});

/**
 * The letterhead of a unit's own receipts (petitions, payments): the people's committee and the
 * unit on the left, the national motto and the dateline at the unit's place on the right.
 */
export function unitLetterhead(unitName: string, at: string): Content {
  const place = unitName.replace(/^(Phường|Xã|Thị trấn|Thành phố|Tỉnh|Quận|Huyện|Thị xã|UBND)\s+/u, "");
  return {
    columns: [
      {
        width: "*",
        stack: [{ text: "ỦY BAN NHÂN DÂN" }, { text: upper(unitName), bold: true }],
        alignment: "center",
      },
      {
        width: 260,
        stack: [
          { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, fontSize: 12 },
          { text: "Độc lập - Tự do - Hạnh phúc", bold: true, fontSize: 13 },
          { text: datelineVi(place, at), italics: true, margin: [0, 8, 0, 0] },
        ],
        alignment: "center",
      },
    ],
    columnGap: 8,
  };
}

/** Letterhead: governing body and issuer on the left, national motto (and dateline) on the right. */
function letterhead(h: FormHeader, datelineAt: string | null): Content {
  return {
    columns: [
      {
        width: "*",
        stack: [
          { text: upper(h.governingBody), fontSize: 11 },
          { text: upper(h.issuer), bold: true, fontSize: 11 },
          rule(70),
        ],
        alignment: "center",
      },
      {
        width: 260, // the motto line in 12 pt bold needs 249 pt
        stack: [
          { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, fontSize: 12 },
          { text: "Độc lập - Tự do - Hạnh phúc", bold: true, fontSize: 13 },
          rule(160),
          ...(datelineAt ? [dateline(h.place, datelineAt)] : []),
        ],
        alignment: "center",
      },
    ],
    columnGap: 8,
  };
}

/** "Mẫu số 01" in the top corner, the letterhead and the title in bold capitals. */
function formHead(regime: Regime, kind: FormKind, header: FormHeader, datelineAt: string | null): Content[] {
  return [
    {
      text: `Mẫu số ${formNumber(regime, kind)}`,
      bold: true,
      alignment: "right",
      fontSize: 11,
      margin: [0, 0, 0, 6],
    },
    letterhead(header, datelineAt),
    {
      text: upper(formTitle(regime, kind)),
      bold: true,
      fontSize: 14,
      alignment: "center",
      margin: [0, 18, 0, 2],
    },
  ];
}

const codeLine = (code: string, fontSize = 12): Content => ({
  text: ["Mã hồ sơ: ", { text: code, bold: true }],
  fontSize,
  alignment: "center",
  margin: [0, 0, 0, 10],
});

/** "Label: value" paragraph. */
const field = (label: string, value: string | ContentText, extra: Partial<ContentText> = {}): Content => ({
  text: [`${label}: `, value],
  margin: [0, 2, 0, 2],
  ...extra,
});

const applicantLines = (a: FormApplicant): Content[] => [
  field("Địa chỉ", orDots(a.address)),
  field("Số điện thoại", orDots(a.phone)),
  field("Email", orDots(a.email)),
];

type Signer = { title: string; hint: string; name: string };
const SIGN = "(Ký và ghi rõ họ tên)";
const SIGN_SEAL = "(Ký, ghi rõ họ tên và đóng dấu)";

/** Signature blocks side by side; a single block sits on the right as in official letters. */
function signatures(signers: Signer[]): Content {
  const block = (s: Signer): Column => ({
    width: "*",
    stack: [
      { text: upper(s.title), bold: true },
      { text: s.hint, italics: true, fontSize: 11 },
      { text: s.name, bold: true, margin: [0, 56, 0, 0] },
    ],
    alignment: "center",
  });
  const cols: Column[] =
    signers.length === 1 ? [{ width: "*", text: "" }, block(signers[0]!)] : signers.map(block);
  return { columns: cols, margin: [0, 16, 0, 0], unbreakable: true };
}

const tableLayout = {
  fillColor: (row: number, node: { table: { headerRows?: number } }) =>
    row < (node.table.headerRows ?? 0) ? "#eeeeee" : null,
};

const headCell = (text: string, extra: object = {}): TableCell => ({
  text,
  bold: true,
  alignment: "center",
  ...extra,
});

/** "Đường dây nóng: 0234 3 822 123 · Thư điện tử: …"; null when the unit has neither. */
export function contactLine(contact: FormHeader["contact"]): string | null {
  const parts = [
    contact?.hotline && `Đường dây nóng: ${contact.hotline}`,
    contact?.email && `Thư điện tử: ${contact.email}`,
  ].filter(Boolean);
  return parts.length ? parts.join("  ·  ") : null;
}

/** The A4 document around a form's content. */
function formDocument(
  regime: Regime,
  kind: FormKind,
  content: Content[],
  opts: { landscape?: boolean; subject?: string; contact?: FormHeader["contact"] } = {},
): TDocumentDefinitions {
  const contact = contactLine(opts.contact);
  const title = formTitle(regime, kind);
  const margin = opts.landscape ? 28 : 42;
  return {
    pageSize: "A4",
    pageOrientation: opts.landscape ? "landscape" : "portrait",
    // Decree 30/2020 margins: left 30 mm, right 15 mm, top and bottom 20 mm; 10 mm for the
    // landscape book, whose fourteen columns need the width.
    pageMargins: opts.landscape ? [margin, 40, margin, 40] : [85, 57, margin, 57],
    info: {
      title: opts.subject ? `${title} - ${opts.subject}` : title,
      subject: `Mẫu số ${formNumber(regime, kind)}`,
    },
    defaultStyle: { fontSize: 12, lineHeight: 1.15 },
    content,
    // Page numbers only where a form runs over several pages by nature (the book); the
    // receiving unit's hotline and e-mail on every page when it has them.
    footer:
      opts.landscape || contact
        ? (page: number, pages: number): Content => ({
            columns: [
              contact ? { text: contact, alignment: "left", width: "*" } : { text: "", width: "*" },
              ...(opts.landscape
                ? [{ text: `Trang ${page}/${pages}`, alignment: "right" as const, width: 80 }]
                : []),
            ],
            margin: opts.landscape ? [margin, 10, margin, 0] : [85, 20, margin, 0],
            fontSize: 9,
          })
        : undefined,
  };
}

/** A form about one dossier: head, dossier code, then the form's body. */
function dossierForm(kind: FormKind, d: FormDossier, datelineAt: string | null, body: Content[]) {
  return formDocument(
    d.regime,
    kind,
    [...formHead(d.regime, kind, d.header, datelineAt), codeLine(d.code), ...body],
    { subject: d.code, contact: d.header.contact },
  );
}

// ---------------------------------------------------------------------------------------------
// The forms.

export type ReceiptCopy = "file" | "applicant";
const RECEIPT_COPIES: Record<ReceiptCopy, string> = {
  file: "(Liên 1: Lưu tại Bộ phận Một cửa)",
  applicant: "(Liên 2: Giao người nộp hồ sơ)",
};

/** Form 01. One page per copy; both copies by default (the file's and the applicant's). */
export function buildReceipt(
  d: ReceiptData,
  copies: ReceiptCopy[] = ["file", "applicant"],
): TDocumentDefinitions {
  const documents: TableCell[][] = [
    [
      headCell("TT"),
      headCell("Tên loại giấy tờ"),
      headCell("Hình thức (bản chính, bản sao hoặc bản chụp)"),
      headCell("Số lượng"),
    ],
    ...d.documents.map((doc, i) => [
      { text: String(i + 1), alignment: "center" as const },
      doc.name,
      doc.form,
      { text: pad2(doc.count), alignment: "center" as const },
    ]),
  ];
  const delivery = [RESULT_DELIVERY[d.resultDelivery], d.resultPlace].filter(Boolean).join(": ");
  const copy = (c: ReceiptCopy): Content[] => [
    ...formHead(d.regime, "receipt", d.header, d.receivedAt),
    { text: RECEIPT_COPIES[c], italics: true, alignment: "center", fontSize: 11, margin: [0, 0, 0, 4] },
    codeLine(d.code, 15),
    {
      columns: [
        {
          width: "*",
          stack: [
            field("Tiếp nhận hồ sơ của", { text: d.applicant.name, bold: true }),
            ...applicantLines(d.applicant),
            field("Nội dung yêu cầu giải quyết", d.procedureName),
          ],
        },
        // Native pdfmake QR: vector squares, sharp at any print resolution; error correction M
        // survives a crease or a smudge. Modules are whole points, so the code is at most 111 pt.
        { width: 111, stack: [{ qr: d.lookupUrl, fit: 111, eccLevel: "M", alignment: "right" }] },
      ],
      columnGap: 12,
    },
    { text: `Tra cứu hồ sơ: ${d.lookupUrl}`, fontSize: 9, alignment: "right", margin: [0, 0, 0, 4] },
    field("1. Thành phần hồ sơ nộp gồm", ""),
    {
      table: { headerRows: 1, widths: [24, "*", 130, 46], body: documents },
      layout: tableLayout,
      fontSize: 11,
      margin: [0, 2, 0, 4],
    },
    field("2. Số lượng hồ sơ", `${pad2(d.sets)} (bộ)`),
    field("3. Thời gian giải quyết hồ sơ theo quy định", d.legalDeadlineText),
    field("4. Thời gian nhận hồ sơ", timeTextVi(d.receivedAt)),
    field("5. Thời gian trả kết quả giải quyết hồ sơ", { text: timeTextVi(d.dueAt), bold: true }),
    field("6. Đăng ký nhận kết quả tại", delivery),
    {
      text: `Vào Sổ theo dõi hồ sơ, Quyển số: ${d.bookRef?.volume ?? DOTS}, Số thứ tự: ${d.bookRef?.number ?? DOTS}`,
      italics: true,
      margin: [0, 4, 0, 0],
    },
    signatures([
      { title: "Người nộp hồ sơ", hint: SIGN, name: d.applicant.name },
      { title: "Người tiếp nhận hồ sơ", hint: SIGN, name: d.receivedBy },
    ]),
  ];
  // Each copy starts on a new page.
  const content: Content[] = copies.map((c, i) => ({
    stack: copy(c),
    pageBreak: i > 0 ? "before" : undefined,
  }));
  return formDocument(d.regime, "receipt", content, { subject: d.code, contact: d.header.contact });
}

/** Form 02. */
export function buildSupplement(d: SupplementData): TDocumentDefinitions {
  const contact = d.contact.phone ? `${d.contact.name}, số điện thoại ${d.contact.phone}` : d.contact.name;
  return dossierForm("supplement", d, d.issuedAt, [
    field("Hồ sơ của", { text: d.applicant.name, bold: true }),
    field("Nội dung yêu cầu giải quyết", d.procedureName),
    ...applicantLines(d.applicant),
    field("Thời gian nhận hồ sơ", timeTextVi(d.receivedAt)),
    { text: "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", margin: [0, 6, 0, 2] },
    // A copy: pdfmake rewrites list items in place.
    { ol: [...d.items], margin: [12, 0, 0, 4] },
    field("Lý do", orDots(d.reason)),
    {
      text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${contact} để được hướng dẫn.`,
      margin: [0, 4, 0, 0],
    },
    signatures([{ title: "Người hướng dẫn", hint: SIGN, name: d.signedBy }]),
  ]);
}

/** Form 03. */
export function buildRefusal(d: RefusalData): TDocumentDefinitions {
  return dossierForm("refusal", d, d.issuedAt, [
    field("Bộ phận Một cửa tiếp nhận hồ sơ của", { text: d.applicant.name, bold: true }),
    ...applicantLines(d.applicant),
    field("Nội dung yêu cầu giải quyết", d.procedureName),
    field("Thời gian nhận hồ sơ", timeTextVi(d.receivedAt)),
    {
      text: "Qua xem xét hồ sơ, Bộ phận Một cửa từ chối tiếp nhận, giải quyết hồ sơ này với lý do sau:",
      margin: [0, 6, 0, 2],
    },
    { text: d.reason, margin: [12, 0, 0, 4] },
    { text: "Xin thông báo cho Ông/Bà được biết và thực hiện./." },
    signatures([{ title: "Người tiếp nhận hồ sơ", hint: SIGN, name: d.signedBy }]),
  ]);
}

/** "Kính gửi", the reception date and the original appointment: the opening of letters 04 and 05. */
const letterOpening = (d: FormDossier): Content[] => [
  field("Kính gửi", { text: `Ông/Bà ${d.applicant.name}`, bold: true }, { margin: [40, 2, 0, 2] }),
  field("Địa chỉ", orDots(d.applicant.address), { margin: [40, 2, 0, 8] }),
  {
    text: `Ngày ${dateVi(d.receivedAt)}, Bộ phận Một cửa đã tiếp nhận hồ sơ của Ông/Bà.`,
    margin: [0, 2, 0, 2],
  },
  field("Nội dung yêu cầu giải quyết", d.procedureName),
  field("Thời gian hẹn trả kết quả theo quy định", timeTextVi(d.dueAt)),
];

// What the 2018 apology promises (a new appointment) and what the 2025 letter asks (an extension).
const APOLOGY_CLOSING: Record<Regime, (when: string) => string> = {
  "2018": (when) =>
    `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào ${when}.`,
  "2025": (when) =>
    `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà và đề nghị Ông/Bà đồng ý gia hạn thời gian giải quyết hồ sơ đến ${when}.`,
};

/** Form 04: apology with a new date (2018) / apology and request to extend (2025). */
export function buildApology(d: ApologyData): TDocumentDefinitions {
  return dossierForm("apology", d, d.issuedAt, [
    ...letterOpening(d),
    {
      text: "Tuy nhiên đến nay, hồ sơ của Ông/Bà chưa được giải quyết và trả kết quả.",
      margin: [0, 2, 0, 2],
    },
    field("Lý do", d.reason),
    { text: APOLOGY_CLOSING[d.regime](timeTextVi(d.newDueAt)), margin: [0, 2, 0, 2] },
    { text: "Xin trân trọng cảm ơn./." },
    signatures([{ title: d.signerTitle, hint: SIGN_SEAL, name: d.signedBy }]),
  ]);
}

/** Form 05 of the 2025 regime: notice of stopping processing. Throws under the 2018 regime. */
export function buildStop(d: StopData): TDocumentDefinitions {
  return dossierForm("stop", d, d.issuedAt, [
    ...letterOpening(d),
    field("Hồ sơ đã được giải quyết đến bước", d.stage),
    { text: "Nay thông báo dừng giải quyết hồ sơ của Ông/Bà với lý do sau:", margin: [0, 6, 0, 2] },
    { text: d.reason, margin: [12, 0, 0, 4] },
    field("Căn cứ dừng giải quyết", orDots(d.legalBasis)),
    field("Nghĩa vụ tài chính, hậu quả liên quan (nếu có)", d.financialConsequences ?? "Không"),
    { text: "Xin thông báo để Ông/Bà được biết./.", margin: [0, 4, 0, 0] },
    signatures([{ title: "Thủ trưởng cơ quan", hint: SIGN_SEAL, name: d.signedBy }]),
  ]);
}

/** One row of the control sheet table. */
function controlRow(r: ControlRow): TableCell[] {
  const [clock, date] = timeTextVi(r.at).split(", ");
  return [
    r.agency,
    {
      stack: [
        `1. Giao: ${r.handedBy}`,
        `2. Nhận: ${r.receivedBy}`,
        `${clock},`,
        `${date}`,
        {
          columns: [
            { text: "Người giao", italics: true },
            { text: "Người nhận", italics: true },
          ],
          alignment: "center",
          fontSize: 9,
          margin: [0, 3, 0, 18],
        },
      ],
    },
    { text: r.result ? TIMELINESS_LABELS[r.result] : "", alignment: "center" },
    r.note ?? "",
  ];
}

/** Form 05 (2018) / 06 (2025): control sheet, one row per hand-over. */
export function buildControlSheet(d: ControlSheetData): TDocumentDefinitions {
  const body: TableCell[][] = [
    [
      headCell("TÊN CƠ QUAN"),
      headCell("THỜI GIAN GIAO, NHẬN HỒ SƠ"),
      headCell("KẾT QUẢ GIẢI QUYẾT HỒ SƠ\n(Trước hạn/Đúng hạn/Quá hạn)"),
      headCell("GHI CHÚ"),
    ],
    ...d.rows.map(controlRow),
  ];
  return dossierForm("control", d, null, [
    {
      text: `(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: ${d.code})`,
      italics: true,
      alignment: "center",
      margin: [0, -8, 0, 8],
    },
    field("Người nộp hồ sơ", { text: d.applicant.name, bold: true }),
    field("Nội dung yêu cầu giải quyết", d.procedureName),
    field("Thời gian nhận hồ sơ", timeTextVi(d.receivedAt)),
    field("Thời gian hẹn trả kết quả", timeTextVi(d.dueAt)),
    field("Cơ quan (bộ phận) giải quyết hồ sơ", d.resolvingAgency),
    field("Cơ quan phối hợp giải quyết hồ sơ", d.coordinatingAgencies.join("; ") || "Không"),
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [100, "*", 80, 70], body },
      layout: tableLayout,
      fontSize: 10.5,
      margin: [0, 8, 0, 0],
    },
  ]);
}

const BOOK_COLUMNS = 14;

/** Form 06 (2018) / 07 (2025): the tracking book, A4 landscape, header rows repeated on each page. */
export function buildTrackingBook(d: TrackingBookData): TDocumentDefinitions {
  const when = (iso: string | null) => (iso ? shortTimeVi(iso).replace(" ", "\n") : "");
  const dates = [
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho cá nhân, tổ chức",
  ];
  const span2 = (text: string) => headCell(text, { rowSpan: 2 });
  const body: TableCell[][] = [
    [
      span2("STT"),
      span2("Mã hồ sơ"),
      span2("Tên thủ tục hành chính"),
      span2("Số lượng hồ sơ (bộ)"),
      span2("Tên cá nhân, tổ chức"),
      span2("Địa chỉ, số điện thoại"),
      span2("Cơ quan chủ trì giải quyết"),
      headCell("Ngày, tháng, năm", { colSpan: 5 }),
      {},
      {},
      {},
      {},
      span2("Ký nhận"),
      span2("Ghi chú"),
    ],
    [{}, {}, {}, {}, {}, {}, {}, ...dates.map((t) => headCell(t)), {}, {}],
    ...d.rows.map((r, i): TableCell[] => [
      { text: String(i + 1), alignment: "center" },
      r.code,
      r.procedureName,
      { text: pad2(r.sets), alignment: "center" },
      r.applicantName,
      r.applicantContact ?? "",
      r.leadAgency ?? "",
      ...[r.receivedAt, r.dueAt, r.transferredAt, r.resultBackAt, r.returnedAt].map(
        (t): TableCell => ({ text: when(t), alignment: "center" }),
      ),
      "",
      r.note ?? "",
    ]),
  ];
  if (d.rows.length === 0) {
    body.push([
      { text: "Không có hồ sơ trong kỳ.", colSpan: BOOK_COLUMNS, italics: true, alignment: "center" },
      ...Array.from({ length: BOOK_COLUMNS - 1 }, () => ({})),
    ]);
  }
  return formDocument(
    d.regime,
    "book",
    [
      ...formHead(d.regime, "book", d.header, null),
      {
        text: `(Từ ngày ${formatDateVi(d.from)} đến ngày ${formatDateVi(d.to)})`,
        italics: true,
        alignment: "center",
        margin: [0, 0, 0, 10],
      },
      {
        table: {
          headerRows: 2,
          dontBreakRows: true,
          widths: [16, 118, "*", 26, 84, 72, 56, 42, 42, 42, 42, 42, 30, 40],
          body,
        },
        layout: { ...tableLayout, paddingLeft: () => 2, paddingRight: () => 2 },
        fontSize: 8,
        lineHeight: 1.05,
      },
    ],
    {
      landscape: true,
      subject: `${formatDateVi(d.from)} - ${formatDateVi(d.to)}`,
      contact: d.header.contact,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Single entry point.

const BUILDERS: { [K in FormKind]: (data: FormDataByKind[K]) => TDocumentDefinitions } = {
  receipt: (d) => buildReceipt(d),
  supplement: buildSupplement,
  refusal: buildRefusal,
  apology: buildApology,
  stop: buildStop,
  control: buildControlSheet,
  book: buildTrackingBook,
};

/** The pdfmake document of a form; throws for a form the data's regime does not have. */
export function buildForm<K extends FormKind>(kind: K, data: FormDataByKind[K]): TDocumentDefinitions {
  formName(data.regime, kind); // fail early and clearly, before any layout work
  return BUILDERS[kind](data);
}

/** The form as an A4 PDF. */
export function renderForm<K extends FormKind>(kind: K, data: FormDataByKind[K]): Promise<Buffer> {
  return renderPdf(buildForm(kind, data));
}
