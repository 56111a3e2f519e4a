// Documents of dossiers (spec: components, digitized papers, electronic results) and citizens'
// document stores. Every method authorizes first against the dossier loaded from the database
// (accessTo), then checks the file (files.ts), then stores the bytes (content-addressed) and
// inserts the row, in the caller's transaction. A refused upload stores nothing.
import type { Config } from "../../config.ts";
import type { Ctx } from "../../plugins/context.ts";
import { DomainError, Errors } from "../../shared/errors.ts";
import type { DossierRow } from "../dossiers/dossier.repository.ts";
import * as dossierRepo from "../dossiers/dossier.repository.ts";
import { accessTo } from "../dossiers/dossier.service.ts";
import { enqueueNationalResult } from "../integrations/national-portal/national-portal.outbound.ts";
import { type BlobStore, createBlobStore } from "./blob-store.ts";
import * as repo from "./document.repository.ts";
import type { DocumentOut, SignatureInfo } from "./document.schemas.ts";
import { checkContent, checkName, notPdf, PDF } from "./files.ts";
import { commonName } from "./pki.ts";
import { scanUpload } from "./scan.ts";
import { loadSigner, type Signer, signingNotConfigured } from "./signer.ts";
import { verifyPdf } from "./verify.ts";

// ---------------------------------------------------------------------------------------------
// Services per configuration (the app's, or a test's)

type Services = { store: BlobStore; signer: () => Signer };
const services = new WeakMap<Config, Services>();

export function documentServices(config: Config): Services {
  let s = services.get(config);
  if (!s) {
    let signer: Signer | undefined;
    s = {
      store: createBlobStore(config.files),
      // Loaded on first use: reading a PKCS#12 (or making the demo key) is not free.
      signer: () => {
        try {
          signer ??= loadSigner(config);
        } catch (err) {
          // A missing file or a wrong passphrase: refused as "not configured"; the log has the cause.
          throw signingNotConfigured(err as Error);
        }
        if (!signer) throw signingNotConfigured("no signing key: set SIGNING_P12_PATH (see README)");
        return signer;
      },
    };
    services.set(config, s);
  }
  return s;
}

/** Replaces the blob store or signer of a configuration (tests, or a driver wired in code). */
export function setDocumentServices(config: Config, override: { store?: BlobStore; signer?: Signer }) {
  const current = documentServices(config);
  services.set(config, {
    store: override.store ?? current.store,
    signer: override.signer ? () => override.signer! : current.signer,
  });
}

// ---------------------------------------------------------------------------------------------
// Authorization

const DOSSIER = { vi: "Hồ sơ", en: "Dossier" };
const DOCUMENT = { vi: "Tài liệu", en: "Document" };
const HANDLING = ["dossier.receive", "dossier.process", "dossier.decide", "dossier.issue"] as const;
/** States in which the applicant may still add documents. */
const APPLICANT_OPEN: DossierRow["state"][] = ["draft", "submitted", "supplement_requested"];
/** States in which an electronic result may be issued (or a corrected version added). */
const RESULT_STATES: DossierRow["state"][] = ["processing", "result_ready", "returned"];

type Access = Awaited<ReturnType<typeof accessTo>>;

async function loadDossier(ctx: Ctx, id: string): Promise<{ d: DossierRow; access: Access }> {
  if (!ctx.actor) throw Errors.unauthenticated();
  const d = await dossierRepo.findDossier(ctx.tx, id);
  if (!d) throw Errors.notFound(DOSSIER);
  const access = await accessTo(ctx, d);
  ctx.audit.unitId = d.handlingUnitId;
  ctx.audit.target = d.id;
  return { d, access };
}

const handles = (access: Access) => access.personal && HANDLING.some((a) => access.abilities.has(a));

const applicantClosed = () =>
  Errors.conflict("document.dossier_closed", {
    vi: "Hồ sơ đã được tiếp nhận xử lý; chỉ bổ sung tài liệu khi được yêu cầu bổ sung.",
    en: "The dossier is being processed; documents can be added only when a supplement is requested.",
  });

function authorizeUpload(ctx: Ctx, d: DossierRow, access: Access, kind: "submitted" | "digitized") {
  if (ctx.actor!.kind === "staff") {
    if (!handles(access)) throw Errors.forbidden();
    return;
  }
  if (!access.owner || kind !== "submitted") throw Errors.forbidden();
  if (!APPLICANT_OPEN.includes(d.state)) throw applicantClosed();
}

// ---------------------------------------------------------------------------------------------
// Presentation

export function present(row: repo.DocumentWithUploader): DocumentOut {
  return {
    id: row.id,
    dossierId: row.dossierId,
    kind: row.kind,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    signed: row.signed,
    signature: (row.signature as SignatureInfo | null) ?? null,
    reusedFrom: row.reusedFrom,
    uploadedBy: row.uploaderName,
    createdAt: new Date(row.createdAt).toISOString(),
    contentUrl: `/api/documents/${row.id}/content`,
  };
}

// ---------------------------------------------------------------------------------------------
// Commands

export type UploadInput = {
  dossierId: string;
  name: string | undefined;
  kind: "submitted" | "digitized";
  contentType: string | undefined;
  bytes: Buffer | undefined;
};

/** A file uploaded to a dossier by its applicant (submitted) or by staff handling it. */
export async function upload(ctx: Ctx, input: UploadInput): Promise<DocumentOut> {
  const { d, access } = await loadDossier(ctx, input.dossierId);
  authorizeUpload(ctx, d, access, input.kind);
  const name = checkName(input.name);
  const contentType = await checkContent(input.bytes, input.contentType, ctx.config.files.uploadMaxBytes);
  await scanUpload(ctx, input.bytes!);
  const ref = await documentServices(ctx.config).store.put(input.bytes!);
  const row = await repo.insertDocument(ctx.tx, {
    dossierId: d.id,
    ownerUserId: d.applicantUserId,
    kind: input.kind,
    name,
    contentType,
    size: ref.size,
    sha256: ref.sha256,
    uploadedBy: ctx.actor!.userId,
  });
  ctx.audit.details = { document: row.id, kind: row.kind, sha256: ref.sha256, size: ref.size, contentType };
  return present(row);
}

/**
 * Once-only: the applicant attaches a document from their store (an earlier upload or result)
 * to a dossier of theirs without uploading it again: a new row, the same blob.
 */
export async function reuse(ctx: Ctx, dossierId: string, documentId: string): Promise<DocumentOut> {
  const { d, access } = await loadDossier(ctx, dossierId);
  if (!access.owner) throw Errors.forbidden();
  if (!APPLICANT_OPEN.includes(d.state)) throw applicantClosed();
  const source = await repo.findDocument(ctx.tx, documentId);
  // Someone else's document does not exist, as far as this citizen can tell.
  if (!source || source.ownerUserId !== ctx.actor!.userId) throw Errors.notFound(DOCUMENT);
  ctx.audit.details = { document: source.id, sha256: source.sha256 };
  const already = await repo.findAttached(ctx.tx, d.id, source.sha256);
  if (already) return present(already);
  if (!(await documentServices(ctx.config).store.has(source.sha256)))
    throw new DomainError("document.content_missing", 500, {
      vi: "Không tìm thấy nội dung tệp trong kho lưu trữ.",
      en: "The file's content is missing from storage.",
    });
  const row = await repo.insertDocument(ctx.tx, {
    dossierId: d.id,
    ownerUserId: ctx.actor!.userId,
    kind: "submitted",
    name: source.name,
    contentType: source.contentType,
    size: source.size,
    sha256: source.sha256,
    reusedFrom: source.reusedFrom ?? source.id,
    uploadedBy: ctx.actor!.userId,
    signed: source.signed,
    signature: source.signature,
  });
  ctx.audit.details = { ...ctx.audit.details, created: row.id };
  return present(row);
}

const REASON = "Ban hành kết quả giải quyết thủ tục hành chính";

/**
 * Issues an electronic result: the clerk's or leader's PDF, signed by the configured signer,
 * stored as a new `result` document (never overwriting an earlier one).
 */
export async function issueElectronicResult(
  ctx: Ctx,
  dossierId: string,
  pdf: Buffer | undefined,
  name: string | undefined,
  contentType: string | undefined = PDF,
): Promise<DocumentOut> {
  const { d, access } = await loadDossier(ctx, dossierId);
  if (!access.abilities.has("dossier.issue")) throw Errors.forbidden();
  if (!RESULT_STATES.includes(d.state))
    throw Errors.conflict("document.result_state", {
      vi: "Chỉ ban hành kết quả khi hồ sơ đang giải quyết hoặc đã có kết quả.",
      en: "A result can be issued only while the dossier is being processed or has a result.",
    });
  const checkedName = checkName(name);
  const type = await checkContent(pdf, contentType, ctx.config.files.uploadMaxBytes);
  if (type !== PDF) throw notPdf();
  await scanUpload(ctx, pdf!);
  return attachSignedResult(ctx, d, pdf!, checkedName);
}

/**
 * Signs and stores a result PDF for a dossier the caller has already authorized (e.g. a result
 * the system renders itself when the result is issued). `name` must be a checked name.
 */
export async function attachSignedResult(
  ctx: Ctx,
  d: DossierRow,
  pdf: Buffer,
  name: string,
): Promise<DocumentOut> {
  const { store, signer: getSigner } = documentServices(ctx.config);
  const signer = getSigner();
  const cert = signer.certificate();
  const n = await dossierRepo.names(ctx.tx, d);
  const reason = d.code ? `${REASON} - hồ sơ ${d.code}` : REASON;
  const signedPdf = await signer.sign(pdf, {
    reason,
    location: n.handling_name,
    name: commonName(cert.subject),
  });
  const check = verifyPdf(signedPdf);
  if (!check.valid) throw new Error(`the signer produced an invalid signature: ${check.problem?.code}`);
  const ref = await store.put(signedPdf);
  const signature: SignatureInfo = {
    signer: cert,
    signedAt: check.signedAt ?? new Date().toISOString(),
    reason,
    location: n.handling_name,
    subFilter: check.subFilter ?? "adbe.pkcs7.detached",
    digestAlgorithm: check.digestAlgorithm ?? "sha256",
  };
  const row = await repo.insertDocument(ctx.tx, {
    dossierId: d.id,
    ownerUserId: d.applicantUserId,
    kind: "result",
    name,
    contentType: PDF,
    size: ref.size,
    sha256: ref.sha256,
    uploadedBy: ctx.actor?.userId ?? null,
    signed: true,
    signature,
  });
  // A dossier filed through the national portal: the portal gets the result (through the outbox).
  await enqueueNationalResult(ctx.tx, d, row);
  ctx.audit.details = {
    ...ctx.audit.details,
    document: row.id,
    kind: "result",
    sha256: ref.sha256,
    signer: cert.fingerprintSha256,
  };
  return present(row);
}

/**
 * For the issue_result command: a dossier whose result is delivered online needs a signed
 * electronic result before the result is issued (409 otherwise).
 */
export async function requireElectronicResult(ctx: Ctx, d: Pick<DossierRow, "id">): Promise<void> {
  if ((await repo.resultsOf(ctx.tx, d.id)).length > 0) return;
  throw Errors.conflict("document.result_missing", {
    vi: "Trả kết quả trực tuyến: cần ban hành kết quả điện tử (tệp PDF được ký số) trước khi trả kết quả.",
    en: "Returning the result online: issue the electronic result (a signed PDF) first.",
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listForDossier(ctx: Ctx, dossierId: string): Promise<{ items: DocumentOut[] }> {
  const { access } = await loadDossier(ctx, dossierId);
  if (!access.personal) throw Errors.forbidden();
  return { items: (await repo.listByDossier(ctx.tx, dossierId)).map(present) };
}

/** Summaries of a dossier's documents for a caller that has already authorized the reader. */
export async function documentsOf(ctx: Ctx, dossierId: string): Promise<DocumentOut[]> {
  return (await repo.listByDossier(ctx.tx, dossierId)).map(present);
}

/** The bytes of a document, for those who may see its dossier's personal data or own it. */
export async function content(ctx: Ctx, documentId: string) {
  if (!ctx.actor) throw Errors.unauthenticated();
  const doc = await repo.findDocument(ctx.tx, documentId);
  if (!doc) throw Errors.notFound(DOCUMENT);
  const ownDocument = ctx.actor.kind === "citizen" && doc.ownerUserId === ctx.actor.userId;
  if (doc.dossierId && !ownDocument) {
    const { access } = await loadDossier(ctx, doc.dossierId).catch((err) => {
      // Not allowed to see the dossier: the document does not exist for this reader.
      if (err instanceof DomainError && err.status === 404) throw Errors.notFound(DOCUMENT);
      throw err;
    });
    if (!access.personal) throw Errors.forbidden();
  } else if (!ownDocument) throw Errors.notFound(DOCUMENT);
  ctx.audit.target = doc.id;
  ctx.audit.details = { dossier: doc.dossierId, sha256: doc.sha256 };
  const bytes = await documentServices(ctx.config).store.get(doc.sha256);
  return { doc, bytes };
}

/** The citizen's document store: their uploads and the results and papers of their dossiers. */
export async function myStore(ctx: Ctx, q: { page: number; pageSize: number }) {
  if (!ctx.actor) throw Errors.unauthenticated();
  if (ctx.actor.kind !== "citizen") throw Errors.forbidden();
  const { items, total } = await repo.listByOwner(ctx.tx, ctx.actor.userId, q.page, q.pageSize);
  return {
    items: items.map((r) => ({ ...present(r), dossierCode: r.dossierCode, procedureName: r.procedureName })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------------------------------------------------------------------------------------------
// Public

/** The results of a dossier, checked live: the stored bytes against their hash and signature. */
export async function publicResults(ctx: Ctx, code: string) {
  const d = await dossierRepo.findDossierByCode(ctx.tx, code.trim());
  if (!d?.code) throw Errors.notFound(DOSSIER);
  const { store } = documentServices(ctx.config);
  const rows = await repo.resultsOf(ctx.tx, d.id);
  const items = [];
  for (const [i, row] of rows.entries()) {
    const stored = row.signature as SignatureInfo | null;
    const bytes = await store.get(row.sha256).catch(() => undefined);
    const v = bytes ? verifyPdf(bytes) : undefined;
    const missing = {
      code: "verify.content_missing",
      vi: "Không đọc được tệp lưu trữ.",
      en: "The stored file cannot be read.",
    };
    items.push({
      name: `ket-qua-${d.code.replace(/[^A-Za-z0-9.-]/g, "_")}-${i + 1}.pdf`,
      version: i + 1,
      issuedAt: new Date(row.createdAt).toISOString(),
      sha256: row.sha256,
      size: row.size,
      signed: row.signed,
      signer: v?.signer?.subject ?? stored?.signer.subject ?? null,
      signerFingerprintSha256: v?.signer?.fingerprintSha256 ?? stored?.signer.fingerprintSha256 ?? null,
      signedAt: v?.signedAt ?? stored?.signedAt ?? null,
      valid: !!v?.valid && v.sha256 === row.sha256,
      problem: v ? v.problem : missing,
    });
  }
  return { code: d.code, items };
}

/** Anyone may check a PDF: is the signature intact, and is this exactly a result motcua issued? */
export async function verifyFile(ctx: Ctx, bytes: Buffer | undefined, contentType: string | undefined) {
  const type = await checkContent(bytes, contentType, ctx.config.files.uploadMaxBytes + 1_048_576);
  if (type !== PDF) throw notPdf();
  const v = verifyPdf(bytes!);
  const issued = await repo.findIssuedResult(ctx.tx, v.sha256);
  return {
    ...v,
    issuedByMotcua: !!issued,
    dossierCode: issued?.dossierCode ?? null,
    issuedAt: issued?.issuedAt ?? null,
  };
}
