// /api/v1/reports: the official reports of a unit and its subtree.
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  resolutionOut,
  resolutionQuery,
  serviceFiguresOut,
  serviceFiguresQuery,
  trackingBookOut,
  trackingBookQuery,
} from "./reports.schemas.ts";
import * as service from "./reports.service.ts";
import { resolutionPdf } from "./resolution.pdf.ts";
import { resolutionWorkbook } from "./resolution.xlsx.ts";
import { serviceFigures } from "./service.figures.ts";
import { trackingBookPdf } from "./tracking-book.pdf.ts";
import { trackingBook } from "./tracking-book.service.ts";
import { trackingBookWorkbook } from "./tracking-book.xlsx.ts";

const TYPES = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** A file download; a Buffer bypasses the JSON serializer (hence the cast past the JSON response type). */
function sendFile(reply: FastifyReply, format: keyof typeof TYPES, name: string, file: Buffer) {
  return reply
    .type(TYPES[format])
    .header("content-disposition", `attachment; filename="${name.replace(/[^\w.-]/g, "_")}.${format}"`)
    .send(file as never);
}

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["reports"];
  app.get(
    "/resolution",
    {
      schema: {
        tags,
        summary:
          "Resolution report (Form 06a layout) of a unit with its subtree and merged units, per sector, for a period: received (online, in person, postal, carried over), resolved (early, on time, late), pending at the end (within deadline, overdue); ?format=xlsx|pdf (&lang=vi|en for the XLSX headings)",
        querystring: resolutionQuery,
        response: { 200: resolutionOut },
      },
      config: { action: "report.resolution", replicaRead: true },
    },
    async (request, reply) => {
      const q = request.query;
      const report = await service.resolutionReport(request.ctx, q);
      request.ctx.audit.details = { ...request.ctx.audit.details, format: q.format };
      if (q.format === "json") return report;
      const file =
        q.format === "xlsx" ? await resolutionWorkbook(report, q.lang) : await resolutionPdf(report);
      return sendFile(reply, q.format, `bao-cao-giai-quyet-${report.unit.code}-${q.from}-${q.to}`, file);
    },
  );
  app.get(
    "/tracking-book",
    {
      schema: {
        tags,
        summary:
          "Tracking book (Form 06 / 07) of a unit's desk: every dossier received at the unit in the period, with applicants' contacts and the dates of reception, appointment, transfer, result back and return; ?format=pdf|xlsx",
        querystring: trackingBookQuery,
        response: { 200: trackingBookOut },
      },
      // Applicants' names, addresses and phones: audited like every read of personal data.
      config: { action: "report.tracking_book", personalData: true },
    },
    async (request, reply) => {
      const q = request.query;
      const book = await trackingBook(request.ctx, q);
      request.ctx.audit.details = { ...request.ctx.audit.details, format: q.format };
      if (q.format === "json") return book;
      const file = q.format === "xlsx" ? await trackingBookWorkbook(book) : await trackingBookPdf(book);
      return sendFile(reply, q.format, `so-theo-doi-ho-so-${book.unit.code}-${q.from}-${q.to}`, file);
    },
  );
  app.get(
    "/service",
    {
      schema: {
        tags,
        summary:
          "Channel and service-mode figures (online fully/partly, in person, postal; on the spot, mobile team, at home), visits per dossier, and satisfaction per unit and official, for a unit with its subtree and a period",
        querystring: serviceFiguresQuery,
        response: { 200: serviceFiguresOut },
      },
      config: { action: "report.service", replicaRead: true },
    },
    async (request) => serviceFigures(request.ctx, request.query),
  );
};
