// Display helpers for files: a short type label from the stored content type, a size in kB/MB
// in the reader's language, the first characters of a SHA-256, and a certificate's common name.
import type { Lang } from "../i18n";

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
};

/** What the upload controls offer in the file picker (the server sniffs the bytes anyway). */
export const UPLOAD_ACCEPT = [
  ".pdf",
  ".jpg",
  ".jpeg",
  ".png",
  ".docx",
  ".xlsx",
  ...Object.keys(TYPE_LABELS),
].join(",");
export const PDF_ACCEPT = ".pdf,application/pdf";

export function typeLabel(contentType: string): string {
  return TYPE_LABELS[contentType] ?? contentType;
}

/** "12,3 kB" / "12.3 kB"; bytes under 1 kB as "512 B". */
export function formatBytes(bytes: number, lang: Lang): string {
  const number = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${number.format(bytes)} B`;
  if (bytes < 1_048_576) return `${number.format(bytes / 1024)} kB`;
  return `${number.format(bytes / 1_048_576)} MB`;
}

/** The first 12 hexadecimal digits: enough to compare by eye, the full value is copied. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** "C=VN, O=…, CN=UBND phường X" → "UBND phường X" (the whole name when it has no CN). */
export function commonName(subject: string): string {
  const cn = subject.split(/,\s*/).find((part) => part.startsWith("CN="));
  return cn ? cn.slice(3) : subject;
}
