// What the browser can tell about a file before sending it: its size and its declared type or
// extension. The server checks again (and sniffs the bytes); this only spares a useless upload.
import type { MessageKey } from "../../i18n";

/** The server's default UPLOAD_MAX_BYTES (20 MB); a larger server limit is still refused here. */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

const TYPES: Record<string, string[]> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/png": ["png"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
};

/** The file picker's hint. */
export const UPLOAD_ACCEPT = [
  ...Object.keys(TYPES),
  ...Object.values(TYPES)
    .flat()
    .map((e) => `.${e}`),
].join(",");

/** Names sent for a checklist item start with its number: "(2) giay-khai-sinh.pdf". */
export const itemName = (index: number, name: string) => `(${index + 1}) ${name}`;

/** The checklist item (0-based) a stored name belongs to, or null. */
export function itemOfName(name: string): number | null {
  const match = /^\((\d{1,3})\) /.exec(name);
  return match ? Number(match[1]) - 1 : null;
}

/** A file refused in the browser, with the message to show. */
export class FileRefusal extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number>,
  ) {
    super(key);
    this.name = "FileRefusal";
  }
}

export function checkFile(
  file: Pick<File, "name" | "size" | "type">,
  maxBytes = UPLOAD_MAX_BYTES,
): FileRefusal | null {
  if (file.size === 0) return new FileRefusal("filing.documents.refusedEmpty", { name: file.name });
  if (file.size > maxBytes)
    return new FileRefusal("filing.documents.refusedSize", {
      name: file.name,
      max: Math.round(maxBytes / 1_048_576),
    });
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const declared = file.type.toLowerCase().replace("image/jpg", "image/jpeg");
  const knownType = declared !== "" && declared !== "application/octet-stream";
  const ok = knownType ? declared in TYPES : Object.values(TYPES).some((exts) => exts.includes(extension));
  return ok ? null : new FileRefusal("filing.documents.refusedType", { name: file.name });
}
