import { describe, expect, it } from "vitest";
import type { FormKind, Regime } from "./form-data.ts";
import { sampleForms } from "./forms.fixtures.ts";
import {
  buildForm,
  buildReceipt,
  datelineVi,
  dateVi,
  formNumber,
  formTitle,
  shortTimeVi,
  TIMELINESS_LABELS,
  timeTextVi,
} from "./forms.ts";

/** Every node of a document definition (depth first) that satisfies the predicate. */
function findAll<T>(node: unknown, pred: (n: Record<string, unknown>) => boolean): T[] {
  if (Array.isArray(node)) return node.flatMap((n) => findAll<T>(n, pred));
  if (node === null || typeof node !== "object") return [];
  const obj = node as Record<string, unknown>;
  return [...(pred(obj) ? [obj as T] : []), ...Object.values(obj).flatMap((v) => findAll<T>(v, pred))];
}

/** The printed strings of a document definition, in order (style properties left out). */
const TEXT_KEYS = ["content", "text", "stack", "columns", "ol", "ul", "table", "body"];
const textOf = (node: unknown): string =>
  typeof node === "string"
    ? node
    : Array.isArray(node)
      ? node.map(textOf).join(" ")
      : node && typeof node === "object"
        ? Object.entries(node)
            .filter(([k]) => TEXT_KEYS.includes(k))
            .map(([, v]) => textOf(v))
            .join(" ")
        : "";

type Table = { headerRows?: number; body: unknown[][] };
const tablesOf = (doc: unknown) => findAll<{ table: Table }>(doc, (n) => "table" in n).map((n) => n.table);

describe("form numbers and titles", () => {
  it("follow Circular 01/2018 and Circular 03/2025", () => {
    const numbers = (regime: Regime, kinds: FormKind[]) => kinds.map((k) => formNumber(regime, k));
    expect(numbers("2018", ["receipt", "supplement", "refusal", "apology", "control", "book"])).toEqual([
      "01",
      "02",
      "03",
      "04",
      "05",
      "06",
    ]);
    expect(
      numbers("2025", ["receipt", "supplement", "refusal", "apology", "stop", "control", "book"]),
    ).toEqual(["01", "02", "03", "04", "05", "06", "07"]);
    expect(formTitle("2018", "apology")).toBe("Phiếu xin lỗi và hẹn lại ngày trả kết quả");
    expect(formTitle("2025", "apology")).toBe("Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết");
    expect(formTitle("2025", "stop")).toBe("Thông báo dừng giải quyết hồ sơ");
    for (const regime of ["2018", "2025"] as const) {
      expect(formTitle(regime, "receipt")).toBe("Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
      expect(formTitle(regime, "control")).toBe("Phiếu kiểm soát quá trình giải quyết hồ sơ");
      expect(formTitle(regime, "book")).toBe("Sổ theo dõi hồ sơ");
    }
  });

  it("refuses the stop notice under the 2018 regime", () => {
    expect(() => formNumber("2018", "stop")).toThrow(/"stop" does not exist under the 2018 regime/);
    expect(() => formTitle("2018", "stop")).toThrow(/Circular 01\/2018/);
    expect(() => buildForm("stop", sampleForms("2018").stop)).toThrow(/2018 regime/);
  });

  it("prints the form number in the corner and the title in capitals", () => {
    const text = textOf(buildForm("apology", sampleForms("2025").apology));
    expect(text).toContain("Mẫu số 04");
    expect(text).toContain("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    // The header is printed in capitals whatever case it is stored in.
    expect(textOf(buildForm("refusal", sampleForms("2018").refusal))).toContain(
      "ỦY BAN NHÂN DÂN QUẬN THUẬN HÓA",
    );
  });

  it("types buildForm's data by kind", () => {
    const s = sampleForms("2025");
    // @ts-expect-error: a refusal's data is not a receipt's
    expect(() => buildForm("receipt", s.refusal)).toThrow();
    expect(buildForm("book", s.book).pageOrientation).toBe("landscape");
  });
});

describe("Vietnamese time texts (UTC+7, no DST)", () => {
  it("prints hours and minutes of the Vietnam clock", () => {
    expect(timeTextVi("2026-11-23T07:05:00Z")).toBe("14 giờ 05 phút, ngày 23 tháng 11 năm 2026");
    expect(timeTextVi("2026-11-23T14:05:00+07:00")).toBe("14 giờ 05 phút, ngày 23 tháng 11 năm 2026");
  });

  it("moves to the next day, month and year across Vietnam's midnight", () => {
    expect(timeTextVi("2026-11-23T18:30:00Z")).toBe("01 giờ 30 phút, ngày 24 tháng 11 năm 2026");
    expect(timeTextVi("2026-11-23T16:59:00Z")).toBe("23 giờ 59 phút, ngày 23 tháng 11 năm 2026");
    expect(timeTextVi("2026-12-31T17:00:00Z")).toBe("00 giờ 00 phút, ngày 01 tháng 01 năm 2027");
    expect(timeTextVi("2025-06-30T17:00:00Z")).toBe("00 giờ 00 phút, ngày 01 tháng 7 năm 2025");
    expect(dateVi("2026-11-23T18:30:00Z")).toBe("24/11/2026");
    expect(shortTimeVi("2026-11-23T18:30:00Z")).toBe("01:30 24/11/2026");
  });

  it("writes the dateline with the Vietnam date, zero-padding days below 10 and months 1–2", () => {
    expect(datelineVi("Thuận Hóa", "2026-11-23T18:30:00Z")).toBe("Thuận Hóa, ngày 24 tháng 11 năm 2026");
    expect(datelineVi("Thuận Hóa", "2026-02-04T03:00:00Z")).toBe("Thuận Hóa, ngày 04 tháng 02 năm 2026");
    expect(datelineVi("Huế", "2026-09-09T03:00:00Z")).toBe("Huế, ngày 09 tháng 9 năm 2026");
  });

  it("rejects an invalid instant", () => {
    expect(() => timeTextVi("not a date")).toThrow(/Invalid instant/);
  });

  it("labels timeliness", () => {
    expect(TIMELINESS_LABELS).toEqual({ early: "Trước hạn", on_time: "Đúng hạn", late: "Quá hạn" });
  });
});

describe("receipt", () => {
  const data = sampleForms("2025").receipt;

  it("lists the submitted documents in a table under a header row", () => {
    const [table] = tablesOf(buildReceipt(data, ["file"]));
    expect(table!.headerRows).toBe(1);
    expect(table!.body).toHaveLength(1 + data.documents.length);
    expect(textOf(table!.body[2])).toContain("Trích lục bản án ly hôn đã có hiệu lực pháp luật");
    expect(textOf(table!.body[2])).toContain("Bản sao có chứng thực");
  });

  it("carries the dossier code, the times and a QR code of the lookup URL", () => {
    const doc = buildReceipt(data, ["applicant"]);
    const text = textOf(doc);
    expect(text).toContain("46.19753-261123-0001");
    expect(text).toContain("14 giờ 05 phút, ngày 23 tháng 11 năm 2026");
    expect(text).toContain("16 giờ 00 phút, ngày 26 tháng 11 năm 2026");
    expect(text).toContain("Quyển số: 03, Số thứ tự: 125");
    expect(text).toContain("(Liên 2: Giao người nộp hồ sơ)");
    expect(findAll<{ qr: string }>(doc, (n) => "qr" in n).map((n) => n.qr)).toEqual([data.lookupUrl]);
  });

  it("prints one page per copy, both copies by default", () => {
    const doc = buildForm("receipt", data);
    const copies = doc.content as { pageBreak?: string }[];
    expect(copies.map((c) => c.pageBreak)).toEqual([undefined, "before"]);
    expect(textOf(doc)).toContain("(Liên 1: Lưu tại Bộ phận Một cửa)");
    expect(findAll(doc, (n) => "qr" in n)).toHaveLength(2);
  });

  it("leaves dots for missing contact details and book reference", () => {
    const text = textOf(
      buildReceipt({ ...data, applicant: { ...data.applicant, email: null }, bookRef: null }, ["file"]),
    );
    expect(text).toContain("Email:  …………………");
    expect(text).toContain("Quyển số: …………………");
  });
});

describe("control sheet", () => {
  it("has one row per hand-over with the step's result", () => {
    const data = sampleForms("2018").control;
    const [table] = tablesOf(buildForm("control", data));
    expect(table!.body).toHaveLength(1 + data.rows.length);
    const rows = table!.body.slice(1).map(textOf);
    expect(rows[0]).toContain("1. Giao: Lê Văn Hùng");
    expect(rows[0]).toContain("2. Nhận: Trần Thị Mai");
    expect(rows[0]).toContain("16 giờ 30 phút,");
    expect(rows[0]).toContain("ngày 14 tháng 3 năm 2025");
    expect(rows[1]).toContain("09 giờ 15 phút,");
    expect(rows[1]).toContain("ngày 15 tháng 3 năm 2025");
    expect(table!.body.slice(1).map((r) => textOf(r[2]))).toEqual(["", "Trước hạn", "Đúng hạn", "Quá hạn"]);
    expect(rows[3]).toContain("Trả qua bưu chính");
  });
});

describe("tracking book", () => {
  it("has two header rows (repeated on each page) and one row per dossier", () => {
    const data = sampleForms("2025").book;
    const doc = buildForm("book", data);
    const [table] = tablesOf(doc);
    expect(table!.headerRows).toBe(2);
    expect(table!.body).toHaveLength(2 + data.rows.length);
    expect(table!.body.every((r) => r.length === 14)).toBe(true);
    const first = table!.body[2]!.map(textOf);
    expect(first.slice(0, 5)).toEqual([
      "1",
      "46.19753-261123-0001",
      "Cấp Giấy xác nhận tình trạng hôn nhân",
      "01",
      "Nguyễn Thị Hồng Nhung",
    ]);
    expect(first.slice(7, 12)).toEqual([
      "14:05\n23/11/2026",
      "16:00\n26/11/2026",
      "16:30\n23/11/2026",
      "15:00\n25/11/2026",
      "09:00\n26/11/2026",
    ]);
    expect(textOf(table!.body[3]![11])).toBe("");
    expect(textOf(doc)).toContain("(Từ ngày 01/11/2026 đến ngày 30/11/2026)");
  });

  it("says so when the period has no dossier", () => {
    const [table] = tablesOf(buildForm("book", { ...sampleForms("2025").book, rows: [] }));
    expect(table!.body).toHaveLength(3);
    expect(textOf(table!.body[2])).toContain("Không có hồ sơ trong kỳ.");
  });
});

describe("letters", () => {
  it("the 2018 apology sets a new date; the 2025 letter asks for an extension", () => {
    const t2018 = textOf(buildForm("apology", sampleForms("2018").apology));
    expect(t2018).toContain("hẹn trả kết quả giải quyết hồ sơ vào 09 giờ 30 phút, ngày 20 tháng 3 năm 2025");
    const t2025 = textOf(buildForm("apology", sampleForms("2025").apology));
    expect(t2025).toContain(
      "gia hạn thời gian giải quyết hồ sơ đến 09 giờ 30 phút, ngày 29 tháng 11 năm 2026",
    );
    expect(t2025).toContain("Kính gửi:  Ông/Bà Nguyễn Thị Hồng Nhung");
  });

  it("the stop notice gives the stage, reason, basis and financial consequences", () => {
    const text = textOf(buildForm("stop", sampleForms("2025").stop));
    for (const s of [
      "Thẩm định hồ sơ",
      "Người yêu cầu có văn bản đề nghị rút hồ sơ",
      "Đơn đề nghị rút hồ sơ của người yêu cầu",
      "Lệ phí đã nộp không được hoàn trả",
    ])
      expect(text).toContain(s);
  });

  it("the supplement request numbers what to complete", () => {
    const doc = buildForm("supplement", sampleForms("2025").supplement);
    const [list] = findAll<{ ol: string[] }>(doc, (n) => "ol" in n);
    expect(list!.ol).toEqual([
      "Bản sao Giấy chứng nhận kết hôn có chứng thực",
      "Ghi đầy đủ nơi cư trú trước đây trong tờ khai",
    ]);
    expect(textOf(doc)).toContain("liên hệ với Lê Văn Hùng, số điện thoại 0234 3822 123");
  });
});
