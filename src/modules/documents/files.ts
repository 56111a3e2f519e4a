// What an upload must be before anything is stored: a display name without path tricks, some
// bytes, and a type sniffed from the bytes that is on the allowed list and agrees with the
// declared Content-Type. Each refusal is a DomainError with a vi/en message.
import { fileTypeFromBuffer } from "file-type";
import { DomainError, Errors, fieldError } from "../../shared/errors.ts";

export const PDF = "application/pdf";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Sniffed types accepted, with the extension used when a name has none. */
export const ALLOWED_TYPES: Record<string, string> = {
  [PDF]: "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  [DOCX]: "docx",
  [XLSX]: "xlsx",
};

/** Declared types that mean "I don't know": the sniffed type decides. */
const GENERIC = new Set(["application/octet-stream", "binary/octet-stream", ""]);
const ALIASES: Record<string, string> = { "image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg" };

export const NAME_MAX = 200;

const nameError = (code: string, vi: string, en: string) =>
  Errors.invalid([fieldError("name", code, { vi, en }, "query")]);

/**
 * The display name of a file: Unicode NFC, trimmed, at most NAME_MAX characters. Path tricks are
 * refused, not cleaned up: separators, "." and "..", NUL and control characters, and the
 * bidirectional controls that can disguise an extension ("hoso\u202Efdp.exe").
 */
export function checkName(input: string | undefined | null): string {
  const name = (input ?? "").normalize("NFC").trim();
  if (name.length === 0)
    throw nameError("document.name_required", "Cần nhập tên tệp.", "The file name is required.");
  if (name.length > NAME_MAX)
    throw nameError(
      "document.name_too_long",
      `Tên tệp dài tối đa ${NAME_MAX} ký tự.`,
      `The file name may be at most ${NAME_MAX} characters long.`,
    );
  if (/[/\\]/.test(name) || name === "." || name === "..")
    throw nameError(
      "document.name_path",
      "Tên tệp không được chứa đường dẫn (/, \\, .., .).",
      "The file name must not contain a path (/, \\, .., .).",
    );
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(name))
    throw nameError(
      "document.name_control",
      "Tên tệp chứa ký tự điều khiển không hợp lệ.",
      "The file name contains control characters.",
    );
  return name;
}

const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

export const tooLarge = (limit: number) =>
  new DomainError(
    "document.too_large",
    413,
    {
      vi: `Tệp quá lớn: dung lượng tối đa ${mb(limit)}.`,
      en: `The file is too large: at most ${mb(limit)}.`,
    },
    [],
    { maxBytes: limit },
  );

export const emptyFile = () =>
  new DomainError("document.empty", 400, {
    vi: "Tệp rỗng: không có nội dung để lưu.",
    en: "The file is empty: there is nothing to store.",
  });

const allowedList = "PDF, JPEG, PNG, DOCX, XLSX";

export const unsupportedType = () =>
  new DomainError(
    "document.unsupported_type",
    415,
    {
      vi: `Loại tệp không được chấp nhận hoặc không nhận biết được. Chỉ nhận ${allowedList}.`,
      en: `The file type is not accepted or cannot be recognised. Accepted: ${allowedList}.`,
    },
    [],
    { allowed: Object.keys(ALLOWED_TYPES) },
  );

export const mislabelled = (declared: string, sniffed: string) =>
  new DomainError(
    "document.type_mismatch",
    415,
    {
      vi: `Nội dung tệp là ${sniffed}, không khớp với kiểu khai báo ${declared}.`,
      en: `The file's content is ${sniffed}, not the declared ${declared}.`,
    },
    [],
    { declared, sniffed },
  );

export const notPdf = () =>
  new DomainError("document.not_pdf", 415, {
    vi: "Kết quả điện tử phải là tệp PDF.",
    en: "An electronic result must be a PDF file.",
  });

/** The media type of a Content-Type header, lower case, without parameters. */
export function declaredType(header: string | undefined): string {
  const t = (header ?? "").split(";")[0]!.trim().toLowerCase();
  return ALIASES[t] ?? t;
}

/** Checks the bytes and returns the sniffed (stored) content type. */
export async function checkContent(
  bytes: Buffer | undefined,
  contentTypeHeader: string | undefined,
  maxBytes: number,
): Promise<string> {
  if (!bytes || bytes.length === 0) throw emptyFile();
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime as string | undefined;
  if (!sniffed || !(sniffed in ALLOWED_TYPES)) throw unsupportedType();
  const declared = declaredType(contentTypeHeader);
  if (!GENERIC.has(declared) && declared !== sniffed) throw mislabelled(declared, sniffed);
  return sniffed;
}

/** RFC 6266 / 5987 Content-Disposition with an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(disposition: "inline" | "attachment", name: string): string {
  const ascii =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\]/g, "_") || "file";
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
