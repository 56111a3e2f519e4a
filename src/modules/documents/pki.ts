// Certificates for signing: a small CA and a signing certificate issued by it, exported as a
// PKCS#12 file. Used to make the demo key (when no real key is configured) and by the tests,
// which create their own test CA. Keys come from node:crypto; node-forge builds the X.509
// certificates and the PKCS#12.
import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import forge from "node-forge";

export type CertificateInfo = {
  /** RFC 4514-style, most significant first: "C=VN, O=…, CN=…". */
  subject: string;
  issuer: string;
  /** Serial number, upper-case hex. */
  serial: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER certificate, lower-case hex. */
  fingerprintSha256: string;
};

/** Plain facts of a DER (or PEM) certificate. */
export function describeCertificate(cert: Buffer | string): CertificateInfo {
  const x = new X509Certificate(cert);
  const dn = (s: string) => s.split("\n").filter(Boolean).join(", ");
  return {
    subject: dn(x.subject),
    issuer: dn(x.issuer),
    serial: x.serialNumber.toUpperCase(),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    fingerprintSha256: x.fingerprint256.replaceAll(":", "").toLowerCase(),
  };
}

/** The CN of a distinguished name as describeCertificate writes it. */
export function commonName(dn: string): string {
  const cn = dn.split(", ").find((p) => p.startsWith("CN="));
  return cn ? cn.slice(3) : dn;
}

type Name = { commonName: string; organisation?: string; country?: string };

function forgeKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

function attrs(n: Name): forge.pki.CertificateField[] {
  const out: forge.pki.CertificateField[] = [{ shortName: "C", value: n.country ?? "VN" }];
  if (n.organisation) out.push({ shortName: "O", value: n.organisation });
  out.push({ shortName: "CN", value: n.commonName });
  return out;
}

function newCertificate(publicKey: forge.pki.PublicKey, validFrom: Date, days: number) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // Positive, 16 random bytes.
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = validFrom;
  cert.validity.notAfter = new Date(validFrom.getTime() + days * 86_400_000);
  return cert;
}

export type Pki = {
  /** PKCS#12 with the signing key, its certificate and the CA certificate. */
  p12: Buffer;
  caCertPem: string;
  certPem: string;
  keyPem: string;
};

export type PkiOptions = {
  ca: Name;
  signer: Name;
  passphrase: string;
  /** Days of validity of the signing certificate (the CA gets twice as long). */
  days?: number;
  validFrom?: Date;
};

/** A CA and a document-signing certificate issued by it, as a PKCS#12 file. */
export function createSigningPki(opts: PkiOptions): Pki {
  const days = opts.days ?? 3650;
  const validFrom = opts.validFrom ?? new Date(Date.now() - 3_600_000);
  const caKeys = forgeKeyPair();
  const ca = newCertificate(caKeys.publicKey, validFrom, days * 2);
  ca.setSubject(attrs(opts.ca));
  ca.setIssuer(attrs(opts.ca));
  ca.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const keys = forgeKeyPair();
  const cert = newCertificate(keys.publicKey, validFrom, days);
  cert.setSubject(attrs(opts.signer));
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "extKeyUsage", emailProtection: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());

  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, ca], opts.passphrase, {
    algorithm: "aes256",
    friendlyName: opts.signer.commonName,
  });
  return {
    p12: Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), "binary"),
    caCertPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
  };
}
