// /api/org/units/:id/processes/:code: a procedure's internal process in a unit.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { processParams, processView, saveProcessBody } from "./process.schemas.ts";
import * as service from "./process.service.ts";

export const processRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["process"];
  app.get(
    "/units/:id/processes/:code",
    {
      schema: {
        tags,
        summary: "The internal process in force, its versions, and the deadline it must fit",
        params: processParams,
        response: { 200: processView },
      },
    },
    async (request) => service.getProcess(request.ctx, request.params.id, request.params.code),
  );
  app.post(
    "/units/:id/processes/:code",
    {
      schema: {
        tags,
        summary: "Approve a new version of the internal process (must fit the legal deadline)",
        params: processParams,
        body: saveProcessBody,
        response: { 201: processView },
      },
      config: { action: "process.save" },
    },
    async (request, reply) => {
      const view = await service.saveProcess(
        request.ctx,
        request.params.id,
        request.params.code,
        request.body,
      );
      reply.status(201);
      return view;
    },
  );
};
