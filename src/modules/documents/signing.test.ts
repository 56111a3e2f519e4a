// Signing with a test CA made here (CA + signing certificate issued by it, exported as PKCS#12),
// verification by verify.ts and, independently, by poppler's pdfsig; tampering is detected.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_FIELD_KEYS } from "../../../test/field-keys.ts";
import { loadConfig } from "../../config.ts";
import { DomainError } from "../../shared/errors.ts";
import { documentServices } from "./document.service.ts";
import { describeCertificate } from "./pki.ts";
import { demoP12Path, loadSigner, P12FileSigner, Pkcs11Signer, pdfAscii, RemoteSigner } from "./signer.ts";
import { pdfBytes, testPki } from "./test-files.ts";
import { verifyPdf } from "./verify.ts";

const dir = mkdtempSync(path.join(tmpdir(), "motcua-sign-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pki = testPki("s3cret");
const info = { reason: "Ban hành kết quả", location: "Phường Thuận Hóa", name: "Văn thư" };
let original: Buffer;
let signed: Buffer;

function pdfsig(bytes: Buffer): string {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  try {
    return execFileSync("pdfsig", [file], { encoding: "utf8" });
  } catch (err) {
    // pdfsig exits non-zero for invalid signatures; its report is still on stdout.
    return String((err as { stdout?: string }).stdout ?? "");
  }
}

beforeAll(async () => {
  original = await pdfBytes();
  signed = await new P12FileSigner(pki.p12, "s3cret").sign(original, info);
});

describe("P12FileSigner", () => {
  it("describes its certificate: issued by the test CA", () => {
    const signer = new P12FileSigner(pki.p12, "s3cret");
    const cert = signer.certificate();
    expect(cert).toEqual(describeCertificate(pki.certPem));
    expect(cert.subject).toBe("C=VN, O=motcua tests, CN=UBND Phuong Thuan Hoa (test)");
    expect(cert.issuer).toBe("C=VN, O=motcua tests, CN=motcua Test Root CA");
    expect(cert.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a wrong passphrase at load time", () => {
    expect(() => new P12FileSigner(pki.p12, "wrong")).toThrow();
  });

  it("produces a PDF whose PKCS#7 signature verify.ts accepts, covering the whole file", () => {
    expect(signed.subarray(0, original.length - 10).equals(original.subarray(0, original.length - 10))).toBe(
      true,
    );
    const v = verifyPdf(signed);
    expect(v).toMatchObject({
      signed: true,
      valid: true,
      coversWholeDocument: true,
      subFilter: "adbe.pkcs7.detached",
      digestAlgorithm: "sha256",
      reason: "Ban hanh ket qua",
      location: "Phuong Thuan Hoa",
      signatures: 1,
      problem: null,
    });
    expect(v.signer?.subject).toContain("CN=UBND Phuong Thuan Hoa (test)");
    expect(Math.abs(new Date(v.signedAt!).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("is accepted by poppler's pdfsig (an independent implementation)", () => {
    const out = pdfsig(signed);
    expect(out).toContain("Signature Validation: Signature is Valid.");
    expect(out).toContain("Signer Certificate Common Name: UBND Phuong Thuan Hoa (test)");
    expect(out).toContain("Total document signed");
  });

  it("a flipped byte inside the signed range is detected by both", () => {
    const tampered = Buffer.from(signed);
    const at = Math.floor(original.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const v = verifyPdf(tampered);
    expect(v.valid).toBe(false);
    expect(v.problem?.code).toBe("verify.digest_mismatch");
    expect(pdfsig(tampered)).not.toContain("Signature is Valid");
  });

  it("content appended after signing (an incremental update) is reported", () => {
    const appended = Buffer.concat([signed, Buffer.from("\n% added later\n")]);
    const v = verifyPdf(appended);
    expect([v.valid, v.coversWholeDocument, v.problem?.code]).toEqual([
      false,
      false,
      "verify.not_whole_document",
    ]);
  });

  it("a damaged signature, an unsigned PDF and a non-PDF are reported, not thrown", () => {
    const s = signed.toString("latin1");
    const start = s.lastIndexOf("/Contents <") + "/Contents <".length;
    const hex = s.slice(start, s.indexOf(">", start)).replace(/(00)+$/, "");
    // The RSA signature value ends the PKCS#7: change a byte of it.
    const broken = Buffer.from(signed);
    const at = start + hex.length - 40;
    broken.write(s.slice(at, at + 2) === "ff" ? "fe" : "ff", at, "latin1");
    expect(verifyPdf(broken)).toMatchObject({ valid: false, problem: { code: "verify.bad_signature" } });
    // The signer's certificate edited inside the PKCS#7 (its name) no longer verifies against its CA.
    const ubnd = Buffer.from("UBND").toString("hex");
    const renamed = Buffer.from(s.replace(ubnd, Buffer.from("UBNE").toString("hex")), "latin1");
    expect(verifyPdf(renamed)).toMatchObject({
      valid: false,
      problem: { code: "verify.certificate_tampered" },
    });
    expect(verifyPdf(original)).toMatchObject({
      signed: false,
      valid: false,
      problem: { code: "verify.unsigned" },
    });
    expect(verifyPdf(Buffer.from("hello"))).toMatchObject({
      valid: false,
      problem: { code: "verify.not_pdf" },
    });
  });

  it("refuses a PDF it cannot sign with a 422 in vi/en", async () => {
    const signer = new P12FileSigner(pki.p12, "s3cret");
    const err = await signer
      .sign(Buffer.from("%PDF-1.7\n1 0 obj << /Type /XRef >> endobj\n"), info)
      .catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect([err.status, err.code]).toEqual([422, "document.pdf_not_signable"]);
  });

  it("writes ASCII into the PDF's signature dictionary (the full text is kept in the database)", () => {
    expect(pdfAscii("Ủy ban nhân dân phường Đông Ba")).toBe("Uy ban nhan dan phuong Dong Ba");
  });
});

describe("loadSigner", () => {
  const base = { demo: true, dataDir: dir };
  it("reads SIGNING_P12_PATH with its passphrase", () => {
    const file = path.join(dir, "key.p12");
    writeFileSync(file, pki.p12);
    const s = loadSigner({ ...base, signing: { driver: "p12", p12Path: file, p12Passphrase: "s3cret" } });
    expect(s?.certificate().fingerprintSha256).toBe(describeCertificate(pki.certPem).fingerprintSha256);
  });

  it("without a key: a demo key (generated once, kept in the data directory) when demo is on, none otherwise", () => {
    const cfg = { ...base, signing: { driver: "p12" as const, p12Path: undefined, p12Passphrase: "" } };
    const first = loadSigner(cfg)!;
    expect(first.certificate().subject).toContain("DEMO");
    expect(first.certificate().subject).toContain("NOT FOR REAL USE");
    expect(existsSync(demoP12Path(cfg))).toBe(true);
    const again = loadSigner(cfg)!;
    expect(again.certificate().fingerprintSha256).toBe(first.certificate().fingerprintSha256);
    expect(readFileSync(demoP12Path(cfg)).length).toBeGreaterThan(1000);
    expect(loadSigner({ ...cfg, demo: false })).toBeUndefined();
  });

  it("hardware token and remote signing drivers are declared but refuse with 'not configured' (503)", async () => {
    for (const driver of ["pkcs11", "remote"] as const) {
      const s = loadSigner({ ...base, signing: { driver, p12Path: undefined, p12Passphrase: "" } })!;
      expect(s).toBeInstanceOf(driver === "pkcs11" ? Pkcs11Signer : RemoteSigner);
      const err = await s.sign(original, info).catch((e) => e);
      expect([err.status, err.code]).toEqual([503, "signing.not_configured"]);
      expect(() => s.certificate()).toThrow(DomainError);
    }
  });

  it("the service refuses with 503 'not configured' without a key or with a wrong passphrase", () => {
    const file = path.join(dir, "key2.p12");
    writeFileSync(file, pki.p12);
    const settings = [
      { MOTCUA_DEMO: "0", ...TEST_FIELD_KEYS },
      { SIGNING_P12_PATH: file, SIGNING_P12_PASSPHRASE: "wrong" },
      { SIGNING_P12_PATH: path.join(dir, "missing.p12") },
    ];
    for (const env of settings) {
      const config = loadConfig({
        MOTCUA_DATA_DIR: mkdtempSync(path.join(dir, "nosign-")),
        ...env,
      });
      let err: unknown;
      try {
        documentServices(config).signer();
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(env)).toBeInstanceOf(DomainError);
      expect((err as DomainError).status).toBe(503);
      expect((err as DomainError).cause).toBeInstanceOf(Error);
    }
  });
});
