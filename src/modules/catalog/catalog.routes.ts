// /api/public/procedures (search, detail, report: no login) and /api/catalog (publishing).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { vietnamDate } from "../../shared/dates.ts";
import { renderPdf } from "../../shared/pdf.ts";
import { isoDate, unitIdParams } from "../org/org.schemas.ts";
import { buildListingDocument } from "./catalog.pdf.ts";
import { catalogReport } from "./catalog.report.ts";
import { sectorsInForce } from "./catalog.repository.ts";
import {
  CHANGE_KINDS,
  procedureCode,
  procedureRecordOut,
  procedureSummary,
  publishDecisionBody,
  searchQuery,
} from "./catalog.schemas.ts";
import { searchProcedures } from "./catalog.search.ts";
import * as service from "./catalog.service.ts";

const tags = ["catalog"];

export const publicCatalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/procedures",
    {
      schema: {
        tags,
        summary: "Search procedures in force (diacritics-free, typo-tolerant), with filters and paging",
        querystring: searchQuery,
        response: {
          200: z.object({
            items: z.array(procedureSummary),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            correctedQuery: z.string().optional(),
          }),
        },
      },
    },
    async (request) => searchProcedures(request.ctx.tx, request.query),
  );

  app.get(
    "/procedures/:code",
    {
      schema: {
        tags,
        summary: "A procedure as in force on a date, with its version history and the units serving it",
        params: z.object({ code: procedureCode }),
        querystring: z.object({ at: isoDate.optional() }).strict(),
        response: {
          200: z.object({
            procedure: procedureRecordOut.extend({
              version: z.number(),
              effectiveFrom: z.string(),
              decisionNumber: z.string(),
            }),
            abolished: z.boolean(),
            history: z.array(
              z.object({
                version: z.number(),
                change: z.enum(CHANGE_KINDS),
                effectiveFrom: z.string(),
                decisionNumber: z.string(),
                decisionSignedOn: z.string(),
                name: z.string(),
              }),
            ),
            units: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (request) => service.getProcedure(request.ctx, request.params.code, request.query.at),
  );

  app.get(
    "/catalog/report",
    {
      schema: {
        tags,
        summary: "Procedures in force per level and sector on a date; added, amended, abolished in a period",
        querystring: z
          .object({ at: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional() })
          .strict(),
      },
    },
    async (request) => {
      const at = request.query.at ?? vietnamDate();
      return catalogReport(request.ctx.tx, {
        at,
        from: request.query.from ?? `${at.slice(0, 4)}-01-01`,
        to: request.query.to ?? at,
      });
    },
  );
};

export const publicCatalogExtraRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/catalog/sectors",
    {
      schema: {
        tags,
        summary: "Sectors with the number of procedures in force on a date",
        querystring: z.object({ at: isoDate.optional() }).strict(),
        response: { 200: z.object({ items: z.array(z.object({ sector: z.string(), count: z.number() })) }) },
      },
    },
    async (request) => ({ items: await sectorsInForce(request.ctx.tx, request.query.at ?? vietnamDate()) }),
  );

  app.get(
    "/units/:id/procedures.pdf",
    {
      schema: {
        tags,
        summary: "Printable listing (PDF, A4 landscape) of the procedures a unit serves",
        params: unitIdParams,
        querystring: z.object({ at: isoDate.optional() }).strict(),
      },
    },
    async (request, reply) => {
      const listing = await service.unitListing(request.ctx, request.params.id, request.query.at);
      const pdf = await renderPdf(buildListingDocument(listing));
      reply
        .type("application/pdf")
        .header("content-disposition", `inline; filename="danh-muc-thu-tuc-${listing.date}.pdf"`);
      return pdf;
    },
  );
};

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/decisions",
    {
      schema: {
        tags,
        summary: "Publish a decision that adds, amends or abolishes procedures",
        body: publishDecisionBody,
        response: {
          201: z.object({
            id: z.string().uuid(),
            number: z.string(),
            effectiveFrom: z.string(),
            added: z.number(),
            amended: z.number(),
            abolished: z.number(),
          }),
        },
      },
      config: { action: "catalog.decision.publish" },
    },
    async (request, reply) => {
      const result = await service.publishDecision(request.ctx, request.body);
      reply.status(201);
      return result;
    },
  );
};

export const unitCatalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const params = unitIdParams.extend({ code: procedureCode });
  app.get(
    "/units/:id/procedures",
    {
      schema: {
        tags,
        summary: "The procedures a unit serves, with its local details (including ones since abolished)",
        params: unitIdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                sector: z.string(),
                deadline: z.object({
                  kind: z.enum(["working_days", "working_hours", "same_day", "calendar_days"]),
                  value: z.number().nullable(),
                  note: z.string().nullable(),
                }),
                inForce: z.boolean(),
                localNotes: z.string().nullable(),
                receptionAddress: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await service.listUnitProcedures(request.ctx, request.params.id) }),
  );
  app.put(
    "/units/:id/procedures/:code",
    {
      schema: {
        tags,
        summary: "The unit serves this procedure (with local details)",
        params,
        body: z
          .object({
            localNotes: z.string().trim().max(4000).nullish(),
            receptionAddress: z.string().trim().max(500).nullish(),
          })
          .strict(),
      },
      config: { action: "catalog.unit.select" },
    },
    async (request) =>
      service.selectForUnit(request.ctx, request.params.id, request.params.code, request.body),
  );
  app.delete(
    "/units/:id/procedures/:code",
    {
      schema: {
        tags,
        summary: "The unit no longer serves this procedure",
        params,
        response: { 204: z.null() },
      },
      config: { action: "catalog.unit.unselect" },
    },
    async (request, reply) => {
      await service.unselectForUnit(request.ctx, request.params.id, request.params.code);
      reply.status(204);
      return null;
    },
  );
};
