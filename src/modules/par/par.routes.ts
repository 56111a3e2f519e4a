// /api/v1/par: the PAR index. Criteria sets (list, create, import from a file, edit, delete),
// the units a set assesses with their assessments, the ranking of peers; assessments (self
// scores, automatic scores, evidence, submission, appraisal); a unit's year-on-year comparison.
// Files (a criteria file, an evidence file) are sent as the raw request body, as document uploads
// are: Content-Type the file's type or application/octet-stream, the name in ?name=.
import type { FastifyError } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { contentDisposition, tooLarge } from "../documents/files.ts";
import { uploadRateLimit } from "../documents/upload-limit.ts";
import { CRITERIA_FILE_MAX_BYTES } from "./par.import.ts";
import {
  assessmentCreateBody,
  assessmentOut,
  autoParams,
  comparisonOut,
  comparisonQuery,
  evidenceOut,
  evidenceQuery,
  fileBody,
  idParams,
  importQuery,
  rankingOut,
  rankingQuery,
  scoresBody,
  setCreateBody,
  setListOut,
  setListQuery,
  setOut,
  setUnitsOut,
  setUpdateBody,
} from "./par.schemas.ts";
import * as service from "./par.service.ts";

export const parRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["par"];

  app.get(
    "/sets",
    {
      schema: {
        tags,
        summary:
          "Criteria sets the caller may see (issued at, above or below their units), newest year first",
        querystring: setListQuery,
        response: { 200: setListOut },
      },
    },
    async (request) => service.listSets(request.ctx, request.query.year),
  );

  app.post(
    "/sets",
    {
      schema: {
        tags,
        summary:
          "Create a criteria set (par.manage at the issuer): the criteria as a tree by code and parent; top-level maximum points add up to 100, sub-criteria to their parent's maximum",
        body: setCreateBody,
        response: { 201: setOut },
      },
      config: { action: "par.set.create" },
    },
    async (request, reply) => {
      const r = await service.createSet(request.ctx, request.body);
      reply.status(201);
      return r;
    },
  );

  app.get(
    "/sets/:id",
    {
      schema: {
        tags,
        summary: "A criteria set with its criteria in tree order",
        params: idParams,
        response: { 200: setOut },
      },
    },
    async (request) => service.getSet(request.ctx, request.params.id),
  );

  app.put(
    "/sets/:id",
    {
      schema: {
        tags,
        summary:
          "Replace the title and criteria of a set (while none of its assessments is submitted; 409 afterwards). Drafts keep the scores of codes that stay",
        params: idParams,
        body: setUpdateBody,
        response: { 200: setOut },
      },
      config: { action: "par.set.update" },
    },
    async (request) => service.updateSet(request.ctx, request.params.id, request.body),
  );

  app.delete(
    "/sets/:id",
    {
      schema: { tags, summary: "Delete a set no unit has started assessing", params: idParams },
      config: { action: "par.set.delete" },
    },
    async (request, reply) => {
      await service.deleteSet(request.ctx, request.params.id);
      // Returned, not sent: reply.send() here would answer before the audit wrapper commits.
      reply.status(204);
      return null;
    },
  );

  app.get(
    "/sets/:id/units",
    {
      schema: {
        tags,
        summary: "The units the set assesses that the caller may read, each with its assessment or none",
        params: idParams,
        response: { 200: setUnitsOut },
      },
    },
    async (request) => service.setUnits(request.ctx, request.params.id),
  );

  app.get(
    "/sets/:id/ranking",
    {
      schema: {
        tags,
        summary:
          "Ranking of the units assessed against the set: appraised total, or the self total (provisional) once submitted; equal scores share a rank. ?unit= highlights a unit (its readers may ask)",
        params: idParams,
        querystring: rankingQuery,
        response: { 200: rankingOut },
      },
    },
    async (request) => service.ranking(request.ctx, request.params.id, request.query.unit),
  );

  app.post(
    "/sets/:id/assessments",
    {
      schema: {
        tags,
        summary: "Start a unit's self-assessment (a draft) against the set (par.assess at the unit)",
        params: idParams,
        body: assessmentCreateBody,
        response: { 201: assessmentOut },
      },
      config: { action: "par.assessment.create" },
    },
    async (request, reply) => {
      const r = await service.createAssessment(request.ctx, request.params.id, request.body.unit);
      reply.status(201);
      return r;
    },
  );

  app.get(
    "/assessments/:id",
    {
      schema: {
        tags,
        summary: "An assessment: criteria with maximum, self and appraised points, notes, evidence; totals",
        params: idParams,
        response: { 200: assessmentOut },
      },
    },
    async (request) => service.getAssessment(request.ctx, request.params.id),
  );

  app.put(
    "/assessments/:id/self-scores",
    {
      schema: {
        tags,
        summary: "Save the unit's own points and notes of criteria (a draft; par.assess)",
        params: idParams,
        body: scoresBody,
        response: { 200: assessmentOut },
      },
      config: { action: "par.assessment.self_scores" },
    },
    async (request) => service.saveSelfScores(request.ctx, request.params.id, request.body),
  );

  app.post(
    "/assessments/:id/self-scores/:code/auto",
    {
      schema: {
        tags,
        summary:
          "Fill a criterion with an automatic source from motcua's figures for the unit and year (points = maximum × ratio; the figure is kept)",
        params: autoParams,
        response: { 200: assessmentOut },
      },
      config: { action: "par.assessment.auto" },
    },
    async (request) => service.autoFill(request.ctx, request.params.id, request.params.code),
  );

  app.post(
    "/assessments/:id/submit",
    {
      schema: {
        tags,
        summary: "Submit the self-assessment to the higher level (every criterion scored)",
        params: idParams,
        response: { 200: assessmentOut },
      },
      config: { action: "par.assessment.submit" },
    },
    async (request) => service.submit(request.ctx, request.params.id),
  );

  app.put(
    "/assessments/:id/appraisal-scores",
    {
      schema: {
        tags,
        summary:
          "Save the appraiser's points and notes (a submitted assessment; par.appraise from a higher level, never one's own unit's assessment)",
        params: idParams,
        body: scoresBody,
        response: { 200: assessmentOut },
      },
      config: { action: "par.assessment.appraisal_scores" },
    },
    async (request) => service.saveAppraisalScores(request.ctx, request.params.id, request.body),
  );

  app.post(
    "/assessments/:id/appraise",
    {
      schema: {
        tags,
        summary:
          "Finish the appraisal (every criterion appraised): the appraised total becomes the unit's score",
        params: idParams,
        response: { 200: assessmentOut },
      },
      config: { action: "par.assessment.appraise" },
    },
    async (request) => service.finishAppraisal(request.ctx, request.params.id),
  );

  app.get(
    "/evidence/:id/content",
    {
      schema: { tags, summary: "Download an evidence file (its stored bytes and type)", params: idParams },
      config: { action: "par.evidence.download" },
    },
    async (request, reply) => {
      const { evidence, bytes } = await service.evidenceContent(request.ctx, request.params.id);
      const inline = evidence.contentType === "application/pdf" || evidence.contentType.startsWith("image/");
      reply
        .type(evidence.contentType)
        .header("content-disposition", contentDisposition(inline ? "inline" : "attachment", evidence.name))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .header("etag", `"${evidence.sha256}"`);
      return bytes;
    },
  );

  app.delete(
    "/evidence/:id",
    {
      schema: { tags, summary: "Remove an evidence file from a draft", params: idParams },
      config: { action: "par.evidence.delete" },
    },
    async (request, reply) => {
      await service.deleteEvidence(request.ctx, request.params.id);
      // Returned, not sent: reply.send() here would answer before the audit wrapper commits.
      reply.status(204);
      return null;
    },
  );

  app.get(
    "/comparison",
    {
      schema: {
        tags,
        summary:
          "A unit's PAR score this year against the previous year, overall and per top-level group (appraised points, else self points)",
        querystring: comparisonQuery,
        response: { 200: comparisonOut },
      },
    },
    async (request) => service.comparison(request.ctx, request.query.unit, request.query.year),
  );

  // Raw file bodies, in a plugin of their own: any body that is not JSON arrives as its bytes,
  // and a JSON criteria file too (it is parsed with its row numbers, not by Fastify).
  const fileRoutes: FastifyPluginAsyncZod = async (files) => {
    const uploadMax = app.config.files.uploadMaxBytes;
    files.removeAllContentTypeParsers();
    files.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
    files.setErrorHandler((err: FastifyError, request) => {
      if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE")
        throw tooLarge(request.routeOptions.bodyLimit ?? uploadMax);
      throw err;
    });
    const bytesOf = (body: unknown) => (Buffer.isBuffer(body) ? body : undefined);

    files.post(
      "/sets/import",
      {
        bodyLimit: CRITERIA_FILE_MAX_BYTES,
        schema: {
          tags,
          summary:
            "Import a criteria set from a file (raw body: JSON, CSV or XLSX; columns code, parent_code, title, title_en, max_points, auto_source, guidance). Refused whole with every row's problems (row number, column, vi/en); ?replace=1 replaces the criteria of the existing set while none of its assessments is submitted",
          consumes: [
            "application/json",
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/octet-stream",
          ],
          body: fileBody,
          querystring: importQuery,
          response: { 200: setOut, 201: setOut },
        },
        config: { action: "par.set.import", rateLimit: uploadRateLimit(app.config) },
      },
      async (request, reply) => {
        const r = await service.importSet(request.ctx, request.query, bytesOf(request.body));
        reply.status(r.created ? 201 : 200);
        return r.set;
      },
    );

    files.post(
      "/assessments/:id/evidence",
      {
        bodyLimit: uploadMax,
        schema: {
          tags,
          summary:
            "Attach an evidence file to a criterion of a draft (raw body; PDF, JPEG, PNG, DOCX, XLSX; type sniffed from the content; the same file twice is kept once)",
          consumes: ["application/pdf", "image/jpeg", "image/png", "application/octet-stream"],
          body: fileBody,
          params: idParams,
          querystring: evidenceQuery,
          response: { 201: evidenceOut },
        },
        config: { action: "par.evidence.upload", rateLimit: uploadRateLimit(app.config) },
      },
      async (request, reply) => {
        const r = await service.uploadEvidence(request.ctx, request.params.id, {
          criterion: request.query.criterion,
          name: request.query.name,
          contentType: request.headers["content-type"],
          bytes: bytesOf(request.body),
        });
        reply.status(201);
        return r;
      },
    );
  };
  await app.register(fileRoutes);
};
