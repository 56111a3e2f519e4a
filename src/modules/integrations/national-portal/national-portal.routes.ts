// GET /api/v1/integrations/national-portal/status: the exchange's state, for system administrators.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { statusOut } from "./national-portal.schemas.ts";
import { exchangeStatus } from "./national-portal.service.ts";

export const nationalPortalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/national-portal/status",
    {
      schema: {
        tags: ["integrations"],
        summary:
          "National public service portal exchange: inbox counts, last rejections and alerts, outbox backlog (integration.read)",
        response: { 200: statusOut },
      },
    },
    async (request) => exchangeStatus(request.ctx),
  );
};
