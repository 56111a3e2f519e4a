// Verification of a signed PDF, with no trust in what the file says about itself:
// 1. the signature dictionary's /ByteRange must cover the whole file except the /Contents hex;
// 2. /Contents is a CMS/PKCS#7 SignedData; its messageDigest attribute must equal the hash of
//    the signed byte ranges;
// 3. the signature over the DER of the signed attributes must verify with the public key of the
//    signer's certificate (found in the PKCS#7 by issuer and serial, or key identifier).
// Pure (node:crypto and a small DER reader); the certificate is described, not trusted: whether
// motcua issued the file is answered by its SHA-256 (see document.service.ts).
import {
  createHash,
  constants as cryptoConstants,
  verify as cryptoVerify,
  X509Certificate,
} from "node:crypto";
import { type CertificateInfo, describeCertificate } from "./pki.ts";

export type Problem = { code: string; vi: string; en: string };

export type VerifyResult = {
  /** The file has a signature at all. */
  signed: boolean;
  /** The signature is intact, made by the certificate's key, and covers the whole file. */
  valid: boolean;
  /** SHA-256 of the whole file, lower-case hex. */
  sha256: string;
  size: number;
  signer: CertificateInfo | null;
  /** The signingTime attribute (or the dictionary's /M), ISO 8601. */
  signedAt: string | null;
  /** The signature dictionary's /Reason and /Location. */
  reason: string | null;
  location: string | null;
  subFilter: string | null;
  digestAlgorithm: string | null;
  coversWholeDocument: boolean;
  /** Number of signatures in the file (the last one is checked and described). */
  signatures: number;
  /** Why it is not valid; null when valid. */
  problem: Problem | null;
};

const P = {
  notPdf: { code: "verify.not_pdf", vi: "Tệp không phải PDF.", en: "The file is not a PDF." },
  unsigned: {
    code: "verify.unsigned",
    vi: "Tệp PDF không có chữ ký số.",
    en: "The PDF carries no digital signature.",
  },
  malformed: {
    code: "verify.malformed",
    vi: "Chữ ký số trong tệp bị hỏng hoặc không đọc được.",
    en: "The signature in the file is damaged or cannot be read.",
  },
  unsupported: {
    code: "verify.unsupported_algorithm",
    vi: "Thuật toán chữ ký chưa được hỗ trợ kiểm tra.",
    en: "The signature algorithm is not supported by this check.",
  },
  noSignerCert: {
    code: "verify.no_signer_certificate",
    vi: "Không tìm thấy chứng thư số của người ký trong chữ ký.",
    en: "The signer's certificate is not in the signature.",
  },
  digestMismatch: {
    code: "verify.digest_mismatch",
    vi: "Nội dung tệp đã bị thay đổi sau khi ký (mã băm không khớp).",
    en: "The file was changed after it was signed (the digest does not match).",
  },
  badSignature: {
    code: "verify.bad_signature",
    vi: "Chữ ký số không khớp với chứng thư số của người ký.",
    en: "The signature does not verify with the signer's certificate.",
  },
  certificateTampered: {
    code: "verify.certificate_tampered",
    vi: "Chứng thư số của người ký đã bị sửa (không khớp chữ ký của tổ chức cấp).",
    en: "The signer's certificate was altered (it does not verify against its issuer).",
  },
  partial: {
    code: "verify.not_whole_document",
    vi: "Chữ ký không bao trùm toàn bộ tệp: có nội dung được thêm hoặc sửa sau khi ký.",
    en: "The signature does not cover the whole file: content was added or changed after signing.",
  },
} satisfies Record<string, Problem>;

// ---------------------------------------------------------------------------------------------
// DER

type Node = { tag: number; start: number; contentStart: number; end: number };

function readNode(buf: Buffer, offset: number, limit = buf.length): Node {
  if (offset + 2 > limit) throw new Error("truncated");
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new Error("high tag numbers are not used in CMS");
  const first = buf[offset + 1]!;
  let pos = offset + 2;
  if (first === 0x80) {
    // BER indefinite length (constructed only): children up to an end-of-contents 00 00.
    if (!(tag & 0x20)) throw new Error("indefinite length on a primitive");
    let p = pos;
    while (true) {
      if (p + 2 > limit) throw new Error("truncated");
      if (buf[p] === 0 && buf[p + 1] === 0) return { tag, start: offset, contentStart: pos, end: p + 2 };
      p = readNode(buf, p, limit).end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4 || pos + n > limit) throw new Error("bad length");
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos + i]!;
    pos += n;
  }
  if (pos + length > limit) throw new Error("truncated");
  return { tag, start: offset, contentStart: pos, end: pos + length };
}

function children(buf: Buffer, node: Node): Node[] {
  const out: Node[] = [];
  let p = node.contentStart;
  const indefinite = buf[node.start + 1] === 0x80;
  const limit = indefinite ? node.end - 2 : node.end;
  while (p < limit) {
    const child = readNode(buf, p, limit);
    out.push(child);
    p = child.end;
  }
  return out;
}

const content = (buf: Buffer, n: Node) =>
  buf.subarray(n.contentStart, buf[n.start + 1] === 0x80 ? n.end - 2 : n.end);
const raw = (buf: Buffer, n: Node) => buf.subarray(n.start, n.end);

function oid(buf: Buffer, n: Node): string {
  const b = content(buf, n);
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < b.length; i++) {
    value = value * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      if (parts.length === 0)
        parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

/** An OCTET STRING's bytes, also when BER splits it into constructed pieces. */
function octets(buf: Buffer, n: Node): Buffer {
  if (n.tag & 0x20) return Buffer.concat(children(buf, n).map((c) => octets(buf, c)));
  return content(buf, n);
}

function derTime(buf: Buffer, n: Node): Date | null {
  const s = content(buf, n).toString("latin1");
  const m =
    n.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) return null;
  let year = Number(m[1]);
  if (n.tag === 0x17) year += year >= 50 ? 1900 : 2000;
  return new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)),
  );
}

const DIGESTS: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};
const RSA = new Set([
  "1.2.840.113549.1.1.1",
  "1.2.840.113549.1.1.5",
  "1.2.840.113549.1.1.11",
  "1.2.840.113549.1.1.12",
  "1.2.840.113549.1.1.13",
]);
const ECDSA = new Set([
  "1.2.840.10045.2.1",
  "1.2.840.10045.4.3.2",
  "1.2.840.10045.4.3.3",
  "1.2.840.10045.4.3.4",
]);
const OID = {
  signedData: "1.2.840.113549.1.7.2",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  subjectKeyIdentifier: "2.5.29.14",
};

type Cert = { der: Buffer; issuer: Buffer; subject: Buffer; serial: Buffer; ski: Buffer | null };

function parseCert(buf: Buffer, n: Node): Cert {
  const tbs = children(buf, children(buf, n)[0]!);
  let i = 0;
  if (tbs[0]!.tag === 0xa0) i++; // [0] version
  const serial = content(buf, tbs[i]!);
  const issuer = raw(buf, tbs[i + 2]!);
  const subject = raw(buf, tbs[i + 4]!);
  let ski: Buffer | null = null;
  const ext = tbs.find((t) => t.tag === 0xa3);
  if (ext) {
    for (const e of children(buf, children(buf, ext)[0]!)) {
      const parts = children(buf, e);
      if (oid(buf, parts[0]!) !== OID.subjectKeyIdentifier) continue;
      const inner = octets(buf, parts[parts.length - 1]!);
      ski = content(inner, readNode(inner, 0));
    }
  }
  return { der: Buffer.from(raw(buf, n)), issuer, subject, serial, ski };
}

const stripZeros = (b: Buffer) => {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
};

type Cms = {
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signature: Buffer;
  signedAttributes: Buffer | null;
  messageDigest: Buffer | null;
  signingTime: Date | null;
  signer: Cert | null;
  /** The certificate that issued the signer's, when the PKCS#7 includes it. */
  issuer: Cert | null;
};

function parseCms(der: Buffer): Cms {
  const root = readNode(der, 0);
  const [type, explicit] = children(der, root);
  if (!type || oid(der, type) !== OID.signedData || !explicit) throw new Error("not SignedData");
  const signedData = children(der, children(der, explicit)[0]!);
  const certsNode = signedData.find((c) => c.tag === 0xa0);
  const certs = certsNode
    ? children(der, certsNode)
        .filter((c) => c.tag === 0x30)
        .map((c) => parseCert(der, c))
    : [];
  const signerInfos = signedData[signedData.length - 1]!;
  const infos = children(der, signerInfos);
  if (infos.length === 0) throw new Error("no signer");
  const fields = children(der, infos[0]!);
  const sid = fields[1]!;
  const digestAlgorithm = oid(der, children(der, fields[2]!)[0]!);
  let i = 3;
  let signedAttributes: Buffer | null = null;
  let messageDigest: Buffer | null = null;
  let signingTime: Date | null = null;
  if (fields[i]!.tag === 0xa0) {
    const attrs = fields[i]!;
    // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] in the file.
    signedAttributes = Buffer.from(raw(der, attrs));
    signedAttributes[0] = 0x31;
    for (const attr of children(der, attrs)) {
      const [t, values] = children(der, attr);
      const value = children(der, values!)[0];
      if (!t || !value) continue;
      const id = oid(der, t);
      if (id === OID.messageDigest) messageDigest = Buffer.from(octets(der, value));
      if (id === OID.signingTime) signingTime = derTime(der, value);
    }
    i++;
  }
  const signatureAlgorithm = oid(der, children(der, fields[i]!)[0]!);
  const signature = Buffer.from(octets(der, fields[i + 1]!));
  let signer: Cert | null = null;
  if (sid.tag === 0x30) {
    const [issuer, serial] = children(der, sid);
    const issuerRaw = raw(der, issuer!);
    const serialRaw = stripZeros(content(der, serial!));
    signer = certs.find((c) => c.issuer.equals(issuerRaw) && stripZeros(c.serial).equals(serialRaw)) ?? null;
  } else if (sid.tag === 0x80) {
    const keyId = content(der, sid);
    signer = certs.find((c) => c.ski?.equals(keyId)) ?? null;
  }
  const issuer = signer ? (certs.find((c) => c.subject.equals(signer!.issuer)) ?? null) : null;
  return {
    digestAlgorithm,
    signatureAlgorithm,
    signature,
    signedAttributes,
    messageDigest,
    signingTime,
    signer,
    issuer,
  };
}

// ---------------------------------------------------------------------------------------------
// PDF

/** A PDF string literal "(…)" or hex string "<…>" at `pos`, decoded (PDFDocEncoding or UTF-16BE). */
function pdfString(s: string, pos: number): string | null {
  let bytes: number[] = [];
  if (s[pos] === "<") {
    const end = s.indexOf(">", pos);
    if (end < 0) return null;
    const hex = s.slice(pos + 1, end).replace(/\s+/g, "");
    for (let i = 0; i < hex.length; i += 2)
      bytes.push(Number.parseInt(hex.slice(i, i + 2).padEnd(2, "0"), 16));
  } else if (s[pos] === "(") {
    let depth = 0;
    for (let i = pos; i < s.length; i++) {
      const c = s[i]!;
      if (c === "\\") {
        const n = s[++i]!;
        const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
        if (n in esc) bytes.push(esc[n]!);
        else if (/[0-7]/.test(n)) {
          const m = /^[0-7]{1,3}/.exec(s.slice(i, i + 3))![0];
          bytes.push(Number.parseInt(m, 8) & 0xff);
          i += m.length - 1;
        } else if (n === "\r" || n === "\n") {
          if (n === "\r" && s[i + 1] === "\n") i++;
        } else bytes.push(n.charCodeAt(0));
        continue;
      }
      if (c === "(") {
        depth++;
        if (depth === 1) continue;
      }
      if (c === ")") {
        depth--;
        if (depth === 0) break;
      }
      bytes.push(c.charCodeAt(0) & 0xff);
    }
  } else return null;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    bytes = bytes.slice(2);
    return Buffer.from(bytes).swap16().toString("utf16le");
  }
  return Buffer.from(bytes).toString("latin1");
}

/** Values of the signature dictionary around one /ByteRange (best effort: informational only). */
function dictionaryValues(s: string, byteRangePos: number, contentsEnd: number) {
  const start = s.lastIndexOf("<<", byteRangePos);
  const before = s.slice(Math.max(0, start), byteRangePos);
  const after = s.slice(contentsEnd, contentsEnd + 4000);
  const find = (key: string) => {
    for (const [text, base] of [
      [before, Math.max(0, start)],
      [after, contentsEnd],
    ] as const) {
      const m = new RegExp(`/${key}\\s*([(<])`).exec(text);
      if (m) return pdfString(s, base + m.index + m[0].length - 1);
    }
    return null;
  };
  const sub = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(before + after);
  return { reason: find("Reason"), location: find("Location"), m: find("M"), subFilter: sub?.[1] ?? null };
}

/** D:YYYYMMDDHHmmSS+07'00' → ISO 8601 */
function pdfDate(d: string | null): string | null {
  const m = d && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(d);
  if (!m) return null;
  const offset = m[7] && m[7] !== "Z" && m[7] !== "z" ? `${m[7]}${m[8] ?? "00"}:${m[9] ?? "00"}` : "Z";
  const iso = `${m[1]}-${m[2] ?? "01"}-${m[3] ?? "01"}T${m[4] ?? "00"}:${m[5] ?? "00"}:${m[6] ?? "00"}${offset}`;
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Verifies the last signature of a PDF. Never throws on bad input: the result says what is wrong. */
export function verifyPdf(pdf: Buffer): VerifyResult {
  const base: VerifyResult = {
    signed: false,
    valid: false,
    sha256: sha256Hex(pdf),
    size: pdf.length,
    signer: null,
    signedAt: null,
    reason: null,
    location: null,
    subFilter: null,
    digestAlgorithm: null,
    coversWholeDocument: false,
    signatures: 0,
    problem: null,
  };
  if (pdf.subarray(0, 1024).indexOf("%PDF-") < 0) return { ...base, problem: P.notPdf };
  const s = pdf.toString("latin1");
  const ranges = [...s.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (ranges.length === 0) return { ...base, problem: P.unsigned };
  const last = ranges[ranges.length - 1]!;
  const br = last.slice(1, 5).map(Number) as [number, number, number, number];
  const out: VerifyResult = { ...base, signed: true, signatures: ranges.length };
  const [a, aLen, b, bLen] = br;
  const contentsStart = a + aLen;
  if (a !== 0 || contentsStart >= b || b + bLen > pdf.length || s[contentsStart] !== "<" || s[b - 1] !== ">")
    return { ...out, problem: P.malformed };
  const dict = dictionaryValues(s, last.index, b);
  out.reason = dict.reason;
  out.location = dict.location;
  out.subFilter = dict.subFilter;
  out.signedAt = pdfDate(dict.m);
  out.coversWholeDocument = b + bLen === pdf.length;

  let cms: Cms;
  try {
    const hex = s.slice(contentsStart + 1, b - 1).replace(/\s+/g, "");
    const der = Buffer.from(hex.length % 2 ? `${hex}0` : hex, "hex");
    // The hex is zero-padded to the placeholder's size: the DER length says where it ends.
    cms = parseCms(der.subarray(0, readNode(der, 0).end));
  } catch {
    return { ...out, problem: P.malformed };
  }
  const hash = DIGESTS[cms.digestAlgorithm];
  out.digestAlgorithm = hash ?? cms.digestAlgorithm;
  if (cms.signingTime) out.signedAt = cms.signingTime.toISOString();
  if (!cms.signer) return { ...out, problem: P.noSignerCert };
  out.signer = describeCertificate(cms.signer.der);
  if (!hash) return { ...out, problem: P.unsupported };

  const signedBytes = Buffer.concat([pdf.subarray(a, a + aLen), pdf.subarray(b, b + bLen)]);
  const digest = createHash(hash).update(signedBytes).digest();
  let data: Buffer;
  if (cms.signedAttributes) {
    if (!cms.messageDigest?.equals(digest)) return { ...out, problem: P.digestMismatch };
    data = cms.signedAttributes;
  } else data = signedBytes;

  const signerCert = new X509Certificate(cms.signer.der);
  // Trust is not decided here, but a certificate edited inside the PKCS#7 is caught.
  if (cms.issuer && !signerCert.verify(new X509Certificate(cms.issuer.der).publicKey))
    return { ...out, problem: P.certificateTampered };
  const key = signerCert.publicKey;
  let ok: boolean;
  try {
    if (RSA.has(cms.signatureAlgorithm))
      ok = cryptoVerify(hash, data, { key, padding: cryptoConstants.RSA_PKCS1_PADDING }, cms.signature);
    else if (ECDSA.has(cms.signatureAlgorithm))
      ok = cryptoVerify(hash, data, { key, dsaEncoding: "der" }, cms.signature);
    else return { ...out, problem: P.unsupported };
  } catch {
    ok = false;
  }
  if (!ok) return { ...out, problem: cms.signedAttributes ? P.badSignature : P.digestMismatch };
  if (!out.coversWholeDocument) return { ...out, problem: P.partial };
  return { ...out, valid: true };
}
