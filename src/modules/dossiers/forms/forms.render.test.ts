// Renders every form of both regimes and reads the PDFs back with poppler (pdftotext, pdfinfo,
// pdftoppm). Page 1 of each is also written to test-output/forms/<regime>-<kind>.png for review.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import type { FormKind, Regime } from "./form-data.ts";
import { sampleForms } from "./forms.fixtures.ts";
import {
  datelineVi,
  dateVi,
  type FormDataByKind,
  formNumber,
  formTitle,
  renderForm,
  TIMELINESS_LABELS,
  timeTextVi,
} from "./forms.ts";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const PNG_DIR = path.join(ROOT, "test-output", "forms");
const TMP = mkdtempSync(path.join(tmpdir(), "motcua-forms-"));

type Rendered = { pdf: Buffer; file: string; text: string; flat: string; pages: number; size: number[] };

async function render<K extends FormKind>(
  regime: Regime,
  kind: K,
  data: FormDataByKind[K],
  name = `${regime}-${kind}`,
  png = true,
) {
  const pdf = await renderForm(kind, data);
  const file = path.join(TMP, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/
    .exec(info)!
    .slice(1)
    .map((n) => Math.round(Number(n)));
  if (png) {
    mkdirSync(PNG_DIR, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "60", "-singlefile", file, path.join(PNG_DIR, name)]);
  }
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  // Words wrapped onto the next line still read as one phrase once whitespace is collapsed.
  return { pdf, file, text, flat: text.replace(/\s+/g, " "), pages, size } satisfies Rendered;
}

/** What each form must say, beyond the head (number, title, dossier code, applicant). */
const SPECIFIC: { [K in FormKind]: (d: FormDataByKind[K]) => string[] } = {
  receipt: (d) => [
    datelineVi(d.header.place, d.receivedAt),
    ...d.documents.flatMap((doc) => [doc.name, doc.form]),
    "2. Số lượng hồ sơ: 01 (bộ)",
    `3. Thời gian giải quyết hồ sơ theo quy định: ${d.legalDeadlineText}`,
    `4. Thời gian nhận hồ sơ: ${timeTextVi(d.receivedAt)}`,
    `5. Thời gian trả kết quả giải quyết hồ sơ: ${timeTextVi(d.dueAt)}`,
    `6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích: ${d.resultPlace}`,
    "Vào Sổ theo dõi hồ sơ, Quyển số: 03, Số thứ tự: 125",
    `Tra cứu hồ sơ: ${d.lookupUrl}`,
    "(Liên 1: Lưu tại Bộ phận Một cửa)",
    "(Liên 2: Giao người nộp hồ sơ)",
    "NGƯỜI NỘP HỒ SƠ",
    "NGƯỜI TIẾP NHẬN HỒ SƠ",
    d.receivedBy,
  ],
  supplement: (d) => [
    datelineVi(d.header.place, d.issuedAt),
    ...d.items.map((item, i) => `${i + 1}. ${item}`),
    `Lý do: ${d.reason}`,
    `liên hệ với ${d.contact.name}, số điện thoại ${d.contact.phone}`,
    "NGƯỜI HƯỚNG DẪN",
  ],
  refusal: (d) => [
    datelineVi(d.header.place, d.issuedAt),
    `Thời gian nhận hồ sơ: ${timeTextVi(d.receivedAt)}`,
    "từ chối tiếp nhận, giải quyết hồ sơ này với lý do sau:",
    d.reason,
    d.signedBy,
  ],
  apology: (d) => [
    datelineVi(d.header.place, d.issuedAt),
    `Thời gian hẹn trả kết quả theo quy định: ${timeTextVi(d.dueAt)}`,
    `Lý do: ${d.reason}`,
    timeTextVi(d.newDueAt),
    d.regime === "2018" ? "hẹn trả kết quả giải quyết hồ sơ vào" : "đề nghị Ông/Bà đồng ý gia hạn",
    d.signerTitle.toLocaleUpperCase("vi"),
    d.signedBy,
  ],
  stop: (d) => [
    datelineVi(d.header.place, d.issuedAt),
    `Thời gian hẹn trả kết quả theo quy định: ${timeTextVi(d.dueAt)}`,
    `Hồ sơ đã được giải quyết đến bước: ${d.stage}`,
    d.reason,
    `Căn cứ dừng giải quyết: ${d.legalBasis}`,
    `Nghĩa vụ tài chính, hậu quả liên quan (nếu có): ${d.financialConsequences}`,
    "THỦ TRƯỞNG CƠ QUAN",
  ],
  control: (d) => [
    `(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: ${d.code})`,
    `Thời gian hẹn trả kết quả: ${timeTextVi(d.dueAt)}`,
    `Cơ quan (bộ phận) giải quyết hồ sơ: ${d.resolvingAgency}`,
    `Cơ quan phối hợp giải quyết hồ sơ: ${d.coordinatingAgencies.join("; ")}`,
  ],
  book: (d) => d.rows.flatMap((r) => [r.code, r.applicantName, dateVi(r.receivedAt), dateVi(r.dueAt)]),
};

const KINDS: Record<Regime, FormKind[]> = {
  "2018": ["receipt", "supplement", "refusal", "apology", "control", "book"],
  "2025": ["receipt", "supplement", "refusal", "apology", "stop", "control", "book"],
};

describe.each(["2018", "2025"] as const)("forms of the %s regime", (regime) => {
  const data = sampleForms(regime);

  it.each(KINDS[regime])("renders %s as a readable A4 PDF", async (kind) => {
    const d = data[kind];
    const r = await render(regime, kind, d as never);
    expect(r.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(r.size).toEqual(kind === "book" ? [842, 595] : [595, 842]);
    expect(r.pages).toBe(kind === "receipt" ? 2 : 1);
    expect(
      readFileSync(path.join(PNG_DIR, `${regime}-${kind}.png`))
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");

    const expected = [
      `Mẫu số ${formNumber(regime, kind)}`,
      formTitle(regime, kind).toLocaleUpperCase("vi"),
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      ...(kind === "book"
        ? []
        : [`Mã hồ sơ: ${data.receipt.code}`, data.receipt.applicant.name, data.receipt.procedureName]),
      ...(SPECIFIC[kind] as (x: typeof d) => string[])(d),
    ];
    for (const s of expected) expect(r.flat).toContain(s);
  });

  it("prints each control row's hand-over and the step's result on the same line", async () => {
    const d = data.control;
    const lines = (await render(regime, "control", d, `${regime}-control-rows`, false)).text.split("\n");
    let at = 0;
    for (const row of d.rows) {
      at = lines.findIndex((l, i) => i >= at && l.includes(`1. Giao: ${row.handedBy}`));
      expect(at, row.handedBy).toBeGreaterThan(0);
      const labels = Object.values(TIMELINESS_LABELS).filter((l) => lines[at]!.includes(l));
      expect(labels).toEqual(row.result ? [TIMELINESS_LABELS[row.result]] : []);
      const [clock, date] = timeTextVi(row.at).split(", ");
      expect(lines[at + 1]).toContain(`2. Nhận: ${row.receivedBy}`);
      expect(lines[at + 2]).toContain(`${clock},`);
      expect(lines[at + 3]).toContain(date);
      at += 1;
    }
  });
});

describe("tracking book over several pages", () => {
  it("repeats the header rows and numbers the pages", async () => {
    const book = sampleForms("2025").book;
    const rows = Array.from({ length: 40 }, (_, i) => ({
      ...book.rows[i % book.rows.length]!,
      code: `46.19753-261123-${String(i + 1).padStart(4, "0")}`,
    }));
    const r = await render("2025", "book", { ...book, rows }, "2025-book-long", false);
    expect(r.pages).toBeGreaterThan(1);
    const pages = r.text.split("\f").filter((p) => p.trim());
    expect(pages).toHaveLength(r.pages);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain("Mã hồ sơ");
      expect(page).toContain("Ngày, tháng, năm");
      expect(page).toContain("Hẹn trả kết");
      expect(page).toContain(`Trang ${i + 1}/${r.pages}`);
    }
    expect(r.text).toContain("46.19753-261123-0040");
  });
});

/** The decompressed content streams of a PDF (pdfkit compresses them with Flate). */
function contentStreams(pdf: Buffer): string[] {
  const raw = pdf.toString("latin1");
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    if (raw.slice(m.index - 3, m.index) === "end") continue;
    const start = m.index + m[0].length;
    try {
      out.push(inflateSync(pdf.subarray(start, raw.indexOf("endstream", start))).toString("latin1"));
    } catch {
      // not Flate-compressed: not a pdfkit page content stream
    }
  }
  return out;
}

/** The QR code drawn on a page, read back from its filled squares (pdfmake draws one per dark module). */
function qrMatrixFromPdf(pdf: Buffer): boolean[][] | null {
  for (const stream of contentStreams(pdf)) {
    const squares = [...stream.matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re/g)]
      .map((m) => m.slice(1).map(Number) as [number, number, number, number])
      .filter(([, , w, h]) => w === h && w <= 4);
    if (squares.length < 50) continue;
    const size = squares[0]![2];
    const x0 = Math.min(...squares.map((s) => s[0]));
    const y0 = Math.min(...squares.map((s) => s[1]));
    const n = Math.round((Math.max(...squares.map((s) => s[0])) - x0) / size) + 1;
    const grid = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
    for (const [x, y] of squares) grid[Math.round((y - y0) / size)]![Math.round((x - x0) / size)] = true;
    return grid;
  }
  return null;
}

describe("receipt QR code", () => {
  it("encodes the lookup URL (checked against an independent encoder)", async () => {
    const d = sampleForms("2025").receipt;
    const drawn = qrMatrixFromPdf(await renderForm("receipt", d));
    expect(drawn, "no QR code drawn on the receipt").not.toBeNull();
    // The same payload, byte mode, error correction M, under each of the 8 masks: one must match.
    const candidates = ([0, 1, 2, 3, 4, 5, 6, 7] as const).map((maskPattern) => {
      const { size, data } = QRCode.create([{ data: Buffer.from(d.lookupUrl), mode: "byte" }], {
        errorCorrectionLevel: "M",
        maskPattern,
      }).modules;
      return Array.from({ length: size }, (_, i) =>
        Array.from({ length: size }, (_, j) => data[i * size + j] === 1),
      );
    });
    expect(candidates).toContainEqual(drawn);
    // …and a receipt for another dossier draws another code.
    const other = qrMatrixFromPdf(await renderForm("receipt", { ...d, lookupUrl: `${d.lookupUrl}9` }));
    expect(other).not.toEqual(drawn);
  });

  it("is absent from forms without one", async () => {
    expect(qrMatrixFromPdf(await renderForm("refusal", sampleForms("2025").refusal))).toBeNull();
  });
});

describe("the receiving unit's contact line", () => {
  const contact = { hotline: "0234 3 822 123", email: "motcua@thuanhoa.hue.gov.vn" };

  it("is printed in the footer of every page of the receipt, the other forms and the book", async () => {
    const forms = sampleForms("2025");
    const receipt = await render(
      "2025",
      "receipt",
      { ...forms.receipt, header: { ...forms.receipt.header, contact } },
      "2025-receipt-contact",
      false,
    );
    expect(receipt.pages).toBe(2);
    for (const page of receipt.text.split("\f").filter((p) => p.trim())) {
      expect(page.replace(/\s+/g, " ")).toContain(
        "Đường dây nóng: 0234 3 822 123 · Thư điện tử: motcua@thuanhoa.hue.gov.vn",
      );
    }
    const refusal = await render(
      "2025",
      "refusal",
      {
        ...forms.refusal,
        header: { ...forms.refusal.header, contact: { hotline: null, email: contact.email } },
      },
      "2025-refusal-contact",
      false,
    );
    expect(refusal.flat).toContain("Thư điện tử: motcua@thuanhoa.hue.gov.vn");
    expect(refusal.flat).not.toContain("Đường dây nóng");
    const book = await render(
      "2025",
      "book",
      { ...forms.book, header: { ...forms.book.header, contact } },
      "2025-book-contact",
      false,
    );
    expect(book.flat).toContain("Đường dây nóng: 0234 3 822 123");
    expect(book.flat).toMatch(/Trang 1\/\d/);
  });

  it("is absent when the unit has no hotline or e-mail", async () => {
    const forms = sampleForms("2018");
    const receipt = await render("2018", "receipt", forms.receipt, "2018-receipt-nocontact", false);
    expect(receipt.flat).not.toContain("Đường dây nóng");
    expect(receipt.flat).not.toContain("Thư điện tử");
  });
});
