// /api/v1/imports: the historical import of dossiers (system administrators). The file is sent as
// the raw request body (as document uploads are: Content-Type the file's type or
// application/octet-stream, the name in ?name=), streamed to a temporary file, then imported in
// the background of this process; the client polls the run for its progress.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DomainError, Errors, fieldError } from "../../shared/errors.ts";
import { uploadRateLimit } from "../documents/upload-limit.ts";
import { formatOf, type ImportFormat } from "./import.parse.ts";
import { listQuery, runDetailOut, runListOut, runParams, startedOut, uploadQuery } from "./import.schemas.ts";
import * as service from "./import.service.ts";

/** The largest file accepted (a million rows of CSV is about 130 MB). */
export const IMPORT_MAX_BYTES = 512 * 1_048_576;

const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;
export const tooLarge = (limit: number) =>
  new DomainError(
    "import.too_large",
    413,
    {
      vi: `Tệp quá lớn: dung lượng tối đa ${mb(limit)}.`,
      en: `The file is too large: at most ${mb(limit)}.`,
    },
    [],
    { maxBytes: limit },
  );
const emptyFile = () => new DomainError("import.empty", 400, { vi: "Tệp rỗng.", en: "The file is empty." });
const notThisType = (format: ImportFormat) =>
  new DomainError("import.unsupported_type", 415, {
    vi: `Nội dung tệp không phải ${format.toUpperCase()}.`,
    en: `The file's content is not ${format.toUpperCase()}.`,
  });

/**
 * Streams a request body to a new temporary file (nothing kept in memory), with its size and
 * SHA-256; refuses more than `maxBytes` (the rest of the body is left unread) and removes the
 * file on any failure.
 */
export async function receiveUpload(body: Readable, maxBytes: number) {
  const dir = await mkdtemp(path.join(tmpdir(), "motcua-import-"));
  const file = path.join(dir, "upload");
  const out = createWriteStream(file);
  const hash = createHash("sha256");
  let size = 0;
  let head: Buffer | null = null;
  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      head ??= chunk.subarray(0, 4096);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  } catch (err) {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, file, size, sha256: hash.digest("hex"), head: head ?? Buffer.alloc(0) };
}

export const importRoutes: FastifyPluginAsyncZod<{ maxBytes?: number }> = async (app, opts) => {
  const tags = ["imports"];
  const maxBytes = opts.maxBytes ?? IMPORT_MAX_BYTES;
  const jobs = new service.ImportJobs();
  app.addHook("onClose", async () => jobs.stopAll());
  // On the embedded database this process is the only importer: a run still "running" was cut
  // off by a crash or a kill.
  if (app.database.kind === "pglite") app.addHook("onReady", async () => service.failAbandonedRuns(app.db));
  // In this plugin only: a body of any type is left unread for the handler to stream (after it
  // has authorized the caller).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null));

  app.post(
    "/dossiers",
    {
      schema: {
        tags,
        summary:
          "Import dossiers of earlier systems from a CSV or XLSX file (raw body; columns in README); 202 with the run, processed in the background",
        consumes: [
          "text/csv",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/octet-stream",
        ],
        querystring: uploadQuery,
        response: { 202: startedOut },
      },
      // The body may take a while to arrive: no transaction is held open while it does.
      config: { action: "import.dossiers", transaction: false, rateLimit: uploadRateLimit(app.config) },
    },
    async (request, reply) => {
      const scope = await service.authorizeImport(request.ctx);
      const format = formatOf(request.query.name);
      if (!format)
        throw Errors.invalid([
          fieldError(
            "name",
            "import.unsupported_name",
            { vi: "Chỉ nhận tệp .csv hoặc .xlsx.", en: "Only .csv and .xlsx files are accepted." },
            "query",
          ),
        ]);
      const declared = Number(request.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
      const upload = await receiveUpload(request.raw, maxBytes);
      const drop = () => rm(upload.dir, { recursive: true, force: true });
      try {
        if (upload.size === 0) throw emptyFile();
        const zip = upload.head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
        if ((format === "xlsx") !== zip || (format === "csv" && upload.head.includes(0)))
          throw notThisType(format);
      } catch (err) {
        await drop();
        throw err;
      }
      const id = await service.createRun(app.db, {
        fileName: request.query.name,
        sha256: upload.sha256,
        startedBy: request.actor?.userId ?? null,
      });
      request.ctx.audit.target = id;
      request.ctx.audit.details = { file: request.query.name, bytes: upload.size, sha256: upload.sha256 };
      jobs.start(
        app.db,
        id,
        { file: upload.file, format, scope },
        {
          cleanup: drop,
          onError: (err) => app.log.error({ err, importRun: id }, "historical import failed"),
        },
      );
      reply.status(202);
      return { id, status: "running" as const };
    },
  );

  app.get(
    "/",
    {
      schema: {
        tags,
        summary: "Recent import runs, newest first",
        querystring: listQuery,
        response: { 200: runListOut },
      },
    },
    async (request) => service.listRuns(request.ctx, request.query, jobs),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags,
        summary: "An import run: progress, counts (inserted, duplicates, failed), status, the first errors",
        params: runParams,
        response: { 200: runDetailOut },
      },
    },
    async (request) => service.getRun(request.ctx, request.params.id, jobs),
  );

  app.get(
    "/:id/errors.csv",
    {
      schema: {
        tags,
        summary: "The run's error report as CSV: row, field, code, message_vi, message_en",
        params: runParams,
      },
    },
    async (request, reply) => {
      const { fileName, csv } = await service.errorsCsv(request.ctx, request.params.id);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "private, no-store")
        .send(csv);
    },
  );
};
