// /api/dossiers/{id}/documents|results, /api/documents/{docId}/content, /api/portal/documents,
// /api/public/dossiers/{code}/results, /api/public/verify. Registered under /api.
// Files are sent as the raw request body (Content-Type: the file's type, or
// application/octet-stream; the name in ?name=), up to UPLOAD_MAX_BYTES.
import type { FastifyError } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idempotent } from "../../shared/idempotency.ts";
import { sha256Of } from "./blob-store.ts";
import {
  codeParams,
  documentListOut,
  documentOut,
  documentParams,
  dossierParams,
  fileBody,
  idempotencyHeaders,
  publicResultsOut,
  resultQuery,
  reuseBody,
  storeOut,
  storeQuery,
  uploadQuery,
  verifyOut,
} from "./document.schemas.ts";
import * as service from "./document.service.ts";
import { ALLOWED_TYPES, contentDisposition, tooLarge } from "./files.ts";
import { uploadRateLimit } from "./upload-limit.ts";

const FILE_TYPES = [...Object.keys(ALLOWED_TYPES), "application/octet-stream"];

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["documents"];
  const maxBytes = app.config.files.uploadMaxBytes;
  // In this plugin only: any body that is not JSON arrives as the raw bytes of a file (text
  // included, so that a text file is refused for its content, not taken for an empty body).
  app.removeContentTypeParser(["text/plain"]);
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  // Fastify refuses an oversized body before the handler runs; say so with the limit, in vi/en.
  app.setErrorHandler((err: FastifyError, request) => {
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") throw tooLarge(request.routeOptions.bodyLimit ?? maxBytes);
    throw err;
  });
  // A body Fastify parsed as JSON goes back to bytes, to be refused for its content like any other.
  const bytesOf = (body: unknown): Buffer | undefined =>
    body === undefined || body === null
      ? undefined
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(JSON.stringify(body));

  app.post(
    "/dossiers/:id/documents",
    {
      bodyLimit: maxBytes,
      schema: {
        tags,
        summary:
          "Upload a file to a dossier (raw body; PDF, JPEG, PNG, DOCX, XLSX; type sniffed from the content)",
        consumes: FILE_TYPES,
        body: fileBody,
        headers: idempotencyHeaders,
        params: dossierParams,
        querystring: uploadQuery,
        response: { 201: documentOut },
      },
      config: { action: "document.upload", rateLimit: uploadRateLimit(app.config) },
    },
    async (request, reply) => {
      const bytes = bytesOf(request.body);
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `document.upload:${request.params.id}`,
        { ...request.query, sha256: bytes ? sha256Of(bytes) : null },
        () =>
          service.upload(request.ctx, {
            dossierId: request.params.id,
            name: request.query.name,
            kind: request.query.kind,
            contentType: request.headers["content-type"],
            bytes,
          }),
      );
      reply.status(201);
      return r;
    },
  );

  app.get(
    "/dossiers/:id/documents",
    {
      schema: {
        tags,
        summary: "The documents of a dossier",
        params: dossierParams,
        response: { 200: documentListOut },
      },
      config: { action: "document.list", personalData: true },
    },
    async (request) => service.listForDossier(request.ctx, request.params.id),
  );

  app.post(
    "/dossiers/:id/documents/reuse",
    {
      schema: {
        tags,
        summary:
          "Attach a document from the applicant's document store to their dossier (once-only: no new upload)",
        headers: idempotencyHeaders,
        params: dossierParams,
        body: reuseBody,
        response: { 201: documentOut },
      },
      config: { action: "document.reuse" },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `document.reuse:${request.params.id}`,
        request.body,
        () => service.reuse(request.ctx, request.params.id, request.body.documentId),
      );
      reply.status(201);
      return r;
    },
  );

  app.post(
    "/dossiers/:id/results",
    {
      bodyLimit: maxBytes,
      schema: {
        tags,
        summary:
          "Issue an electronic result: the PDF (raw body) is digitally signed by the server (PAdES-basic) and kept as a new result",
        consumes: ["application/pdf", "application/octet-stream"],
        body: fileBody,
        headers: idempotencyHeaders,
        params: dossierParams,
        querystring: resultQuery,
        response: { 201: documentOut },
      },
      config: { action: "document.issue_result", rateLimit: uploadRateLimit(app.config) },
    },
    async (request, reply) => {
      const bytes = bytesOf(request.body);
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `document.result:${request.params.id}`,
        { ...request.query, sha256: bytes ? sha256Of(bytes) : null },
        () =>
          service.issueElectronicResult(
            request.ctx,
            request.params.id,
            bytes,
            request.query.name,
            request.headers["content-type"],
          ),
      );
      reply.status(201);
      return r;
    },
  );

  app.get(
    "/documents/:docId/content",
    {
      schema: { tags, summary: "Download a document (its stored bytes and type)", params: documentParams },
      config: { action: "document.download", personalData: true },
    },
    async (request, reply) => {
      const { doc, bytes } = await service.content(request.ctx, request.params.docId);
      const inline = doc.contentType === "application/pdf" || doc.contentType.startsWith("image/");
      reply
        .type(doc.contentType)
        .header("content-disposition", contentDisposition(inline ? "inline" : "attachment", doc.name))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .header("etag", `"${doc.sha256}"`);
      return bytes;
    },
  );

  app.get(
    "/portal/documents",
    {
      schema: {
        tags,
        summary: "The citizen's document store: their uploads and the results and papers of their dossiers",
        querystring: storeQuery,
        response: { 200: storeOut },
      },
      config: { action: "document.store", personalData: true },
    },
    async (request) => service.myStore(request.ctx, request.query),
  );

  const rateLimit = { max: app.config.lookupRatePerMinute, timeWindow: "1 minute" };
  app.get(
    "/public/dossiers/:code/results",
    {
      schema: {
        tags,
        summary:
          "Public: the electronic results of a dossier with their hash and live signature check (no personal data)",
        params: codeParams,
        response: { 200: publicResultsOut },
      },
      config: { rateLimit },
    },
    async (request) => service.publicResults(request.ctx, request.params.code),
  );

  app.post(
    "/public/verify",
    {
      bodyLimit: maxBytes + 1_048_576,
      schema: {
        tags,
        summary:
          "Public: verify a signed PDF (raw body) — signature, hash, and whether it is exactly a result motcua issued",
        consumes: ["application/pdf", "application/octet-stream"],
        body: fileBody,
        response: { 200: verifyOut },
      },
      // A pure check of the caller's own file: nothing is stored, nothing personal is read.
      config: { rateLimit: uploadRateLimit(app.config), noAudit: true },
    },
    async (request) =>
      service.verifyFile(request.ctx, bytesOf(request.body), request.headers["content-type"]),
  );
};
