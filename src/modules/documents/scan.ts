// The malware scan of uploaded files, run after the type check and before anything is stored
// (blob or row). A scanner is chosen by MALWARE_SCANNER:
//   off   (default) no scan;
//   eicar the EICAR test scanner: flags the standard antivirus test string anywhere in the file.
//         It finds no real malware; it proves the wiring (refusal, audit, nothing stored) in a
//         deployment and in the tests.
// A real engine (e.g. ClamAV's clamd INSTREAM, or an ICAP service) plugs in with
// `setMalwareScanner(config, scanner)` at start-up: implement `MalwareScanner`.
import type { Config } from "../../config.ts";
import type { Ctx } from "../../plugins/context.ts";
import { DomainError } from "../../shared/errors.ts";
import { sha256Of } from "./blob-store.ts";

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

export interface MalwareScanner {
  /** A short name for the audit log, e.g. "clamd". */
  readonly name: string;
  /** Throws when the scanner cannot answer: the upload then fails (500), it is never let through. */
  scan(bytes: Buffer): Promise<ScanVerdict>;
}

/**
 * The standard test file of antivirus vendors (eicar.org), harmless by design. Joined at run time
 * so that an antivirus on a developer's machine or in CI does not quarantine this source file.
 */
export const EICAR = [
  String.raw`X5O!P%@AP[4\PZX54(P^)7CC)7}$`,
  "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*",
].join("");

export const eicarScanner: MalwareScanner = {
  name: "eicar",
  async scan(bytes) {
    return bytes.includes(EICAR, 0, "latin1")
      ? { clean: false, signature: "EICAR-Test-File" }
      : { clean: true };
  },
};

const scanners = new WeakMap<Config, MalwareScanner | null>();

export function malwareScannerOf(config: Config): MalwareScanner | null {
  if (!scanners.has(config))
    scanners.set(config, config.files.malwareScanner === "eicar" ? eicarScanner : null);
  return scanners.get(config)!;
}

/** Wires a scanner in code (a real engine at start-up); null turns scanning off. */
export function setMalwareScanner(config: Config, scanner: MalwareScanner | null) {
  scanners.set(config, scanner);
}

export const malwareFound = () =>
  new DomainError("upload.malware", 422, {
    vi: "Tệp bị từ chối: phát hiện mã độc hoặc tệp thử nghiệm chống vi-rút. Tệp không được lưu.",
    en: "The file was refused: malware or an antivirus test file was found. Nothing was stored.",
  });

/**
 * Scans an upload whose type is already checked. A flagged file is refused with a 422; the
 * refusal is audited (the request's audit row gets the signature and the file's hash).
 */
export async function scanUpload(ctx: Ctx, bytes: Buffer): Promise<void> {
  const scanner = malwareScannerOf(ctx.config);
  if (!scanner) return;
  const verdict = await scanner.scan(bytes);
  if (verdict.clean) return;
  ctx.audit.details = {
    ...ctx.audit.details,
    malware: verdict.signature,
    scanner: scanner.name,
    sha256: sha256Of(bytes),
    size: bytes.length,
  };
  throw malwareFound();
}
