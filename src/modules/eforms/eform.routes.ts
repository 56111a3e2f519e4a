// /api/public/procedures/:code/eform (anyone), /api/portal/eforms/prefill (citizens),
// /api/org/units/:unitId/eforms (the builder: unit administrators).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  eformCreatedOut,
  eformResultOut,
  prefillOut,
  prefillQuery,
  publicParams,
  saveEformBody,
  unitEformOut,
  unitEformsOut,
  unitParams,
  unitProcedureParams,
  unitQuery,
} from "./eform.schemas.ts";
import * as service from "./eform.service.ts";

const tags = ["eforms"];

export const publicEformRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/procedures/:code/eform",
    {
      schema: {
        tags,
        summary: "The e-form in force for a procedure at a unit (inherited from the units above), or null",
        params: publicParams,
        querystring: unitQuery,
        response: { 200: eformResultOut },
      },
    },
    async (request) => service.publicEform(request.ctx, request.params.code, request.query.unitId),
  );
};

export const portalEformRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/eforms/prefill",
    {
      schema: {
        tags,
        summary:
          "The e-form with the signed-in citizen's known data filled in (profile, latest applicant data, earlier answers)",
        querystring: prefillQuery,
        response: { 200: prefillOut },
      },
      config: { action: "eform.prefill", personalData: true },
    },
    async (request) => service.prefill(request.ctx, request.query.procedureCode, request.query.unitId),
  );
};

export const eformRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/units/:unitId/eforms",
    {
      schema: {
        tags,
        summary:
          "Procedures served in the unit's subtree with the e-form in force at the unit (own or inherited)",
        params: unitParams,
        response: { 200: unitEformsOut },
      },
    },
    async (request) => service.listUnitEforms(request.ctx, request.params.unitId),
  );
  app.get(
    "/units/:unitId/eforms/:procedureCode",
    {
      schema: {
        tags,
        summary: "The e-form in force for a procedure at the unit and the unit's own revisions",
        params: unitProcedureParams,
        response: { 200: unitEformOut },
      },
    },
    async (request) => service.getUnitEform(request.ctx, request.params.unitId, request.params.procedureCode),
  );
  app.post(
    "/units/:unitId/eforms",
    {
      schema: {
        tags,
        summary: "Save a new revision of the unit's e-form for a procedure (JSON Schema subset + UI layout)",
        params: unitParams,
        body: saveEformBody,
        response: { 201: eformCreatedOut },
      },
      config: { action: "eform.save" },
    },
    async (request, reply) => {
      const r = await service.saveEform(request.ctx, request.params.unitId, request.body);
      reply.status(201);
      return r;
    },
  );
};
