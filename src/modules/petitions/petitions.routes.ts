// /api/v1/petitions (staff): the register of complaints, denunciations and recommendations, a
// petition's detail and handling, its receipt, and the figures. Reads that can return a
// petitioner's identity are audited as personal-data reads.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { renderReceipt } from "./petitions.pdf.ts";
import {
  commandBody,
  idParams,
  listOut,
  listQuery,
  petitionDetail,
  registerBody,
  statsOut,
  statsQuery,
} from "./petitions.schemas.ts";
import * as service from "./petitions.service.ts";

export const petitionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["petitions"];

  app.post(
    "/",
    {
      schema: {
        tags,
        summary:
          "Register a received petition (petition.register): its register number and the deadline to decide on acceptance",
        body: registerBody,
        response: { 201: petitionDetail },
      },
      config: { action: "petition.register", personalData: true },
    },
    async (request, reply) => {
      reply.status(201);
      return service.register(request.ctx, request.body);
    },
  );

  app.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "The unit's register (petition.read): filters, search, paging; a confidential petitioner shows as “Người tố cáo (bảo mật)”",
        querystring: listQuery,
        response: { 200: listOut },
      },
      config: { action: "petition.list", personalData: true },
    },
    async (request) => service.list(request.ctx, request.query),
  );

  app.get(
    "/stats",
    {
      schema: {
        tags,
        summary:
          "Figures of the petitions of a unit, its subtree and the units merged into it, for a period by kind (report.read): received, accepted, resolved on time or late, pending within the deadline or overdue at the period's end",
        querystring: statsQuery,
        response: { 200: statsOut },
      },
    },
    async (request) => service.stats(request.ctx, request.query),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags,
        summary:
          "A petition with its history; a confidential petitioner's identity only for the assigned handler and the unit's leaders (each read audited)",
        params: idParams,
        response: { 200: petitionDetail },
      },
      config: { action: "petition.read", personalData: true },
    },
    async (request) => service.detail(request.ctx, request.params.id),
  );

  app.post(
    "/:id/commands",
    {
      schema: {
        tags,
        summary:
          "Handle a petition: accept, not accept (reason), forward to another unit, assign the handler (leaders), extend (within the legal limit), decide, close, withdraw; 409 names the status and the commands allowed",
        params: idParams,
        body: commandBody,
        response: { 200: petitionDetail },
      },
      config: { action: "petition.command", personalData: true },
    },
    async (request) => service.command(request.ctx, request.params.id, request.body),
  );

  app.get(
    "/:id/receipt.pdf",
    {
      schema: {
        tags,
        summary: "The receipt handed to the petitioner (A4 PDF, Vietnamese)",
        params: idParams,
      },
      config: { action: "petition.receipt", personalData: true },
    },
    async (request, reply) => {
      const data = await service.receiptData(request.ctx, request.params.id);
      const pdf = await renderReceipt(data);
      reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="bien-nhan-don-${data.code.replace("/", "-")}.pdf"`);
      return pdf;
    },
  );
};
