import { describe, expect, it } from "vitest";
import { DomainError } from "../../shared/errors.ts";
import { checkContent, checkName, contentDisposition, declaredType, XLSX } from "./files.ts";
import { jpegBytes, pdfBytes, pngBytes, xlsxBytes } from "./test-files.ts";

const refusal = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
};

describe("file names", () => {
  it("normalises to NFC and trims", () => {
    const decomposed = "  Giấy khai sinh.pdf ".normalize("NFD");
    expect(checkName(decomposed)).toBe("Giấy khai sinh.pdf");
    expect(checkName("a..b.pdf")).toBe("a..b.pdf");
  });

  it.each([
    ["../../etc/passwd", "document.name_path"],
    ["a/b.pdf", "document.name_path"],
    ["..\\boot.ini", "document.name_path"],
    ["..", "document.name_path"],
    [".", "document.name_path"],
    ["a\u0000.pdf", "document.name_control"],
    ["a\nb.pdf", "document.name_control"],
    ["hoso\u202Efdp.exe", "document.name_control"],
    ["x".repeat(201), "document.name_too_long"],
    ["   ", "document.name_required"],
    [undefined, "document.name_required"],
  ])("refuses %j (%s) as a field error on the query's name", async (name, code) => {
    const err = await refusal(() => checkName(name));
    expect(err.status).toBe(400);
    expect(err.fieldErrors[0]).toMatchObject({ path: "query.name", field: "name", code });
    expect(err.fieldErrors[0]!.message.vi.length).toBeGreaterThan(0);
    expect(err.fieldErrors[0]!.message.en.length).toBeGreaterThan(0);
  });
});

describe("content checks", () => {
  const MB = 1_048_576;
  it("accepts PDF, PNG, JPEG and XLSX by their content, declared or as octet-stream", async () => {
    expect(await checkContent(await pdfBytes(), "application/pdf", MB)).toBe("application/pdf");
    expect(await checkContent(pngBytes(), "image/png", MB)).toBe("image/png");
    expect(await checkContent(jpegBytes(), "image/jpg", MB)).toBe("image/jpeg");
    expect(await checkContent(pngBytes(), "application/octet-stream", MB)).toBe("image/png");
    expect(await checkContent(await xlsxBytes(), XLSX, MB)).toBe(XLSX);
    expect(await checkContent(await pdfBytes(), undefined, MB)).toBe("application/pdf");
  });

  it("refuses empty (400), oversized (413), unknown (415) and mislabelled (415) content", async () => {
    expect((await refusal(() => checkContent(Buffer.alloc(0), "application/pdf", MB))).status).toBe(400);
    expect((await refusal(() => checkContent(undefined, "application/pdf", MB))).code).toBe("document.empty");
    const big = await refusal(() => checkContent(Buffer.alloc(2 * MB, 1), "application/pdf", MB));
    expect([big.status, big.code, big.messages.en]).toEqual([
      413,
      "document.too_large",
      expect.stringContaining("1 MB"),
    ]);
    const text = await refusal(() => checkContent(Buffer.from("hello, world\n"), "text/plain", MB));
    expect([text.status, text.code]).toEqual([415, "document.unsupported_type"]);
    const mis = await refusal(() => checkContent(pngBytes(), "application/pdf", MB));
    expect([mis.status, mis.code]).toEqual([415, "document.type_mismatch"]);
    expect(mis.messages.vi).toContain("image/png");
    // A zip that is not an office file, and an executable, are not accepted.
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0)]);
    expect((await refusal(() => checkContent(exe, "application/octet-stream", MB))).status).toBe(415);
  });

  it("reads the media type of a Content-Type header", () => {
    expect(declaredType("Application/PDF; charset=binary")).toBe("application/pdf");
    expect(declaredType(undefined)).toBe("");
  });
});

describe("content-disposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name (RFC 5987)", () => {
    expect(contentDisposition("inline", 'Giấy "xác nhận" (bản 1).pdf')).toBe(
      `inline; filename="Giay _xac nhan_ (ban 1).pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20%22x%C3%A1c%20nh%E1%BA%ADn%22%20%28b%E1%BA%A3n%201%29.pdf`,
    );
    expect(contentDisposition("attachment", "Đơn.docx")).toContain('filename="Don.docx"');
  });
});
