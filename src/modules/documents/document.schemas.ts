// Document API contracts. Uploads are raw bodies (the file's bytes, its type in Content-Type,
// its name in ?name=), so only their query strings have schemas; names are checked in the
// service (files.ts) to give path tricks their own vi/en messages.
import { z } from "zod";
import { DOCUMENT_KINDS } from "../../db/schema.ts";

export const dossierParams = z.object({ id: z.uuid() });
export const documentParams = z.object({ docId: z.uuid() });
export const codeParams = z.object({ code: z.string().trim().min(1).max(80) });

export const uploadQuery = z.object({
  name: z.string().max(1000).optional().describe("Display name of the file, e.g. 'CCCD mặt trước.jpg'"),
  kind: z
    .enum(["submitted", "digitized"])
    .default("submitted")
    .describe("submitted: a document of the dossier as filed; digitized: a scan of a paper document"),
});
export type UploadQuery = z.output<typeof uploadQuery>;

export const resultQuery = z.object({
  name: z.string().max(1000).optional().describe("Display name of the result, e.g. 'Giấy xác nhận.pdf'"),
});

/** A raw file body: documentation only (the bytes are checked by files.ts, not by a schema). */
export const fileBody = z
  .any()
  .meta({ type: "string", format: "binary", description: "The file's bytes, as they are" });

export const reuseBody = z.object({ documentId: z.uuid() });

export const storeQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const idempotencyHeaders = z.object({
  "idempotency-key": z.string().optional().describe("A new random key per action (8–100 characters)"),
});

const certificateOut = z.object({
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprintSha256: z.string(),
});

export const signatureOut = z.object({
  signer: certificateOut,
  signedAt: z.string(),
  reason: z.string(),
  location: z.string(),
  subFilter: z.string(),
  digestAlgorithm: z.string(),
});
export type SignatureInfo = z.output<typeof signatureOut>;

export const documentOut = z.object({
  id: z.uuid(),
  dossierId: z.uuid().nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  signed: z.boolean(),
  signature: signatureOut.nullable(),
  reusedFrom: z.uuid().nullable(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
  contentUrl: z.string(),
});
export type DocumentOut = z.output<typeof documentOut>;

export const documentListOut = z.object({ items: z.array(documentOut) });

export const storeItemOut = documentOut.extend({
  dossierCode: z.string().nullable(),
  procedureName: z.string().nullable(),
});
export const storeOut = z.object({
  items: z.array(storeItemOut),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

const problemOut = z.object({ code: z.string(), vi: z.string(), en: z.string() });

export const publicResultsOut = z.object({
  code: z.string(),
  items: z.array(
    z.object({
      /** A neutral name (the stored name may carry personal data). */
      name: z.string(),
      version: z.number(),
      issuedAt: z.string(),
      sha256: z.string(),
      size: z.number(),
      signed: z.boolean(),
      signer: z.string().nullable(),
      signerFingerprintSha256: z.string().nullable(),
      signedAt: z.string().nullable(),
      valid: z.boolean(),
      problem: problemOut.nullable(),
    }),
  ),
});

export const verifyOut = z.object({
  signed: z.boolean(),
  valid: z.boolean(),
  sha256: z.string(),
  size: z.number(),
  signer: certificateOut.nullable(),
  signedAt: z.string().nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  subFilter: z.string().nullable(),
  digestAlgorithm: z.string().nullable(),
  coversWholeDocument: z.boolean(),
  signatures: z.number(),
  problem: problemOut.nullable(),
  /** The file is, byte for byte, a result motcua issued. */
  issuedByMotcua: z.boolean(),
  dossierCode: z.string().nullable(),
  issuedAt: z.string().nullable(),
});
