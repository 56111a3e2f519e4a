// /api/dossiers (back office), /api/portal/dossiers (citizens), /api/public/dossiers (lookup).
// Commands carry an Idempotency-Key header: a retried request replays the first response.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idempotent } from "../../shared/idempotency.ts";
import * as forms from "./dossier.forms.ts";
import {
  assistedBody,
  batchBody,
  batchOut,
  bookQuery,
  commandBody,
  dossierOut,
  draftBody,
  formParams,
  idParams,
  listOut,
  listQuery,
  lookupOut,
  lookupParams,
  onlineBody,
  receiveBody,
} from "./dossier.schemas.ts";
import * as service from "./dossier.service.ts";

const idempotencyHeaders = z.object({
  "idempotency-key": z.string().optional().describe("A new random key per action (8–100 characters)"),
});

export const dossierRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["dossiers"];
  app.post(
    "/",
    {
      schema: {
        tags,
        summary:
          "Receive a dossier at the desk (in person or postal); on-the-spot procedures can be decided and returned at once",
        headers: idempotencyHeaders,
        body: receiveBody,
        response: { 201: dossierOut },
      },
      config: { action: "dossier.receive", personalData: true },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        "dossier.receive",
        request.body,
        () => service.receive(request.ctx, request.body),
      );
      reply.status(201);
      return r;
    },
  );
  app.post(
    "/batch",
    {
      schema: {
        tags,
        summary:
          "Enter a mobile team's batch of dossiers received off-site, with their real reception times (all or nothing)",
        headers: idempotencyHeaders,
        body: batchBody,
        response: { 201: batchOut },
      },
      config: { action: "dossier.receive_batch" },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        "dossier.batch",
        request.body,
        () => service.receiveBatch(request.ctx, request.body),
      );
      reply.status(201);
      return r;
    },
  );
  app.post(
    "/assisted",
    {
      schema: {
        tags,
        summary:
          "File online on the applicant's behalf (assisted filing at the desk): submitted at once, linked to the citizen's account",
        headers: idempotencyHeaders,
        body: assistedBody,
        response: { 201: dossierOut },
      },
      config: { action: "dossier.file_assisted", personalData: true },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        "dossier.assisted",
        request.body,
        () => service.fileAssisted(request.ctx, request.body),
      );
      reply.status(201);
      return r;
    },
  );
  app.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "Work queues: open, mine (my role's step), due today, due soon, overdue, closed; search, sort, paging",
        querystring: listQuery,
        response: { 200: listOut },
      },
      // Lists carry applicants' names: each read is audited (spec §11).
      config: { action: "dossier.list", personalData: true },
    },
    async (request) => service.listDossiers(request.ctx, request.query),
  );
  app.get(
    "/book.pdf",
    {
      schema: {
        tags,
        summary: "The tracking book (Form 06 / 07) of a receiving unit for a period, as a PDF",
        querystring: bookQuery,
      },
      config: { action: "dossier.book", personalData: true },
    },
    async (request, reply) => {
      const pdf = await forms.trackingBook(request.ctx, request.query);
      reply.type("application/pdf").header("content-disposition", 'inline; filename="so-theo-doi-ho-so.pdf"');
      return pdf;
    },
  );
  app.get(
    "/:id/forms/:form",
    {
      schema: {
        tags,
        summary:
          "An official form of the dossier as a PDF (receipt, supplement, refusal, apology, stop, control)",
        params: formParams,
      },
      config: { action: "dossier.form", personalData: true },
    },
    async (request, reply) => {
      const pdf = await forms.dossierForm(request.ctx, request.params.id, request.params.form);
      reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="${request.params.form}.pdf"`);
      return pdf;
    },
  );
  app.get(
    "/:id",
    {
      schema: {
        tags,
        summary: "A dossier with its history, the commands the reader may run, and printable forms",
        params: idParams,
        response: { 200: dossierOut },
      },
      config: { action: "dossier.read", personalData: true },
    },
    async (request) => service.getDossier(request.ctx, request.params.id),
  );
  app.post(
    "/:id/commands",
    {
      schema: {
        tags,
        summary:
          "Run a lifecycle command (forward, request_supplement, transfer, approve, issue_result, return_result, …)",
        headers: idempotencyHeaders,
        params: idParams,
        body: commandBody,
        response: { 200: dossierOut },
      },
      config: { action: "dossier.command", personalData: true },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `dossier.command:${request.params.id}`,
        request.body,
        () => service.runCommand(request.ctx, request.params.id, request.body),
      );
      reply.status(200);
      return r;
    },
  );
};

export const portalDossierRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["dossiers"];
  app.post(
    "/dossiers",
    {
      schema: {
        tags,
        summary: "File a dossier online (citizen), or save it as a draft",
        headers: idempotencyHeaders,
        body: onlineBody,
        response: { 201: dossierOut },
      },
      config: { action: "dossier.file_online", personalData: true },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        "dossier.online",
        request.body,
        () => service.fileOnline(request.ctx, request.body),
      );
      reply.status(201);
      return r;
    },
  );
  app.put(
    "/dossiers/:id",
    {
      schema: {
        tags,
        summary: "Change one's draft (form data checked only when it is submitted); 409 once submitted",
        headers: idempotencyHeaders,
        params: idParams,
        body: draftBody,
        response: { 200: dossierOut },
      },
      config: { action: "dossier.edit_draft", personalData: true },
    },
    async (request) =>
      idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `dossier.edit_draft:${request.params.id}`,
        request.body,
        () => service.updateDraft(request.ctx, request.params.id, request.body),
      ),
  );
};

export const publicDossierRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/dossiers/:code",
    {
      schema: {
        tags: ["dossiers"],
        summary: "Public status lookup by dossier code (masked name, no personal data)",
        params: lookupParams,
        response: { 200: lookupOut },
      },
      config: {
        replicaRead: true,
        rateLimit: { max: app.config.lookupRatePerMinute, timeWindow: "1 minute" },
      },
    },
    async (request) => service.lookup(request.ctx, request.params.code),
  );
};
