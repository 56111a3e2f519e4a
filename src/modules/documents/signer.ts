// Signing of electronic results: a PDF goes in, the same PDF with an embedded detached PKCS#7
// signature (PAdES-basic, SubFilter adbe.pkcs7.detached, SHA-256) comes out. Drivers:
// - p12: a software key in a PKCS#12 file (SIGNING_P12_PATH); without one, and with demo
//   data on, a demo CA and key generated once into the data directory;
// - pkcs11 (hardware token / HSM) and remote (a signing service, e.g. a CA's remote signing
//   API): interface only for now, they refuse with "not configured".
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { P12Signer } from "@signpdf/signer-p12";
import { SignPdf } from "@signpdf/signpdf";
import forge from "node-forge";
import type { Config } from "../../config.ts";
import { DomainError } from "../../shared/errors.ts";
import { type CertificateInfo, createSigningPki, describeCertificate } from "./pki.ts";

export type SignInfo = {
  /** Why it is signed, e.g. "Ban hành kết quả giải quyết thủ tục hành chính". */
  reason: string;
  /** Where: the issuing unit. */
  location: string;
  /** Who signs (shown by PDF readers next to the signature). */
  name: string;
  contactInfo?: string;
};

export interface Signer {
  /** Returns the signed PDF: the input plus a signature dictionary and a detached PKCS#7. */
  sign(pdf: Buffer, info: SignInfo): Promise<Buffer>;
  /** The signing certificate. */
  certificate(): CertificateInfo;
}

/** 503: no usable signer. `cause` (the log sees it, the client does not) says why. */
export function signingNotConfigured(cause: string | Error): DomainError {
  const err = new DomainError("signing.not_configured", 503, {
    vi: "Chưa cấu hình chữ ký số cho kết quả điện tử. Liên hệ quản trị hệ thống.",
    en: "Digital signing of electronic results is not configured. Contact the system administrator.",
  });
  err.cause = typeof cause === "string" ? new Error(cause) : cause;
  return err;
}

export const unsignablePdf = () =>
  new DomainError("document.pdf_not_signable", 422, {
    vi: "Không ký được tệp PDF này (cấu trúc PDF không hỗ trợ, ví dụ bảng tham chiếu nén, tệp đã mã hóa hoặc đã ký). Hãy xuất lại PDF (PDF/A hoặc tương thích PDF 1.4) rồi tải lên.",
    en: "This PDF cannot be signed (unsupported structure, e.g. compressed cross-reference streams, encryption or an existing signature). Export it again (PDF/A or PDF 1.4 compatible) and upload it.",
  });

/**
 * PDF strings written by the placeholder library are corrupted above ASCII (it UTF-8-encodes
 * a UTF-16 byte string), so the signature dictionary gets ASCII text: Vietnamese without
 * diacritics. The full text is kept in the document's signature record.
 */
export function pdfAscii(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "?");
}

/** A software key in a PKCS#12 file. */
export class P12FileSigner implements Signer {
  private readonly info: CertificateInfo;
  private readonly certsDerLength: number;

  constructor(
    private readonly p12: Buffer,
    private readonly passphrase: string,
  ) {
    // Read once now so that a wrong passphrase or a file without a key fails at start-up.
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString("binary")), false, passphrase);
    const keyBags = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[
      forge.pki.oids.pkcs8ShroudedKeyBag!
    ];
    const key = keyBags?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
    if (!key) throw new Error("the PKCS#12 file holds no private key");
    const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
      .map((b) => b.cert)
      .filter((c): c is forge.pki.Certificate => !!c);
    const mine = certs.find((c) => {
      const pub = c.publicKey as forge.pki.rsa.PublicKey;
      return pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
    });
    if (!mine) throw new Error("the PKCS#12 file holds no certificate for its private key");
    const der = (c: forge.pki.Certificate) =>
      Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), "binary");
    this.info = describeCertificate(der(mine));
    this.certsDerLength = certs.reduce((n, c) => n + der(c).length, 0);
  }

  certificate(): CertificateInfo {
    return this.info;
  }

  async sign(pdf: Buffer, info: SignInfo): Promise<Buffer> {
    const signingTime = new Date();
    let prepared: Buffer;
    try {
      prepared = plainAddPlaceholder({
        pdfBuffer: pdf,
        reason: pdfAscii(info.reason),
        location: pdfAscii(info.location),
        name: pdfAscii(info.name),
        contactInfo: pdfAscii(info.contactInfo ?? ""),
        signingTime,
        // The PKCS#7 carries the certificates: room for them, the signed attributes and the signature.
        signatureLength: this.certsDerLength + 4096,
        appName: "motcua",
      });
    } catch {
      throw unsignablePdf();
    }
    const signer = new P12Signer(this.p12, { passphrase: this.passphrase });
    return new SignPdf().sign(prepared, signer, signingTime);
  }
}

/** Hardware token or HSM through PKCS#11: to be written (see README). */
export class Pkcs11Signer implements Signer {
  certificate(): CertificateInfo {
    throw signingNotConfigured("pkcs11 driver is not implemented yet");
  }
  async sign(): Promise<Buffer> {
    throw signingNotConfigured("pkcs11 driver is not implemented yet");
  }
}

/** A remote signing service (the CA signs a hash sent to it): to be written (see README). */
export class RemoteSigner implements Signer {
  certificate(): CertificateInfo {
    throw signingNotConfigured("remote signing driver is not implemented yet");
  }
  async sign(): Promise<Buffer> {
    throw signingNotConfigured("remote signing driver is not implemented yet");
  }
}

export const DEMO_P12_PASSPHRASE = "motcua-demo";
export const demoP12Path = (config: Pick<Config, "dataDir">) =>
  path.join(config.dataDir, "signing", "demo-signing.p12");

/** The demo key: generated on first use, then read from the data directory. */
function demoP12(config: Pick<Config, "dataDir">): Buffer {
  const file = demoP12Path(config);
  if (existsSync(file)) return readFileSync(file);
  const pki = createSigningPki({
    ca: { commonName: "motcua DEMO CA - NOT FOR REAL USE", organisation: "motcua demo" },
    signer: {
      commonName: "motcua DEMO signing key - NOT FOR REAL USE",
      organisation: "motcua demo (self-signed, no legal value)",
    },
    passphrase: DEMO_P12_PASSPHRASE,
  });
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, pki.p12, { mode: 0o600 });
  renameSync(tmp, file);
  return pki.p12;
}

/** The configured signer, or undefined when none is configured (issuing results then refuses). */
export function loadSigner(config: Pick<Config, "signing" | "demo" | "dataDir">): Signer | undefined {
  const s = config.signing;
  if (s.driver === "pkcs11") return new Pkcs11Signer();
  if (s.driver === "remote") return new RemoteSigner();
  if (s.p12Path) return new P12FileSigner(readFileSync(s.p12Path), s.p12Passphrase);
  if (config.demo) return new P12FileSigner(demoP12(config), DEMO_P12_PASSPHRASE);
  return undefined;
}
