// /api/v1/service-index: the service index of Decision 766 for a unit and a period, the ranking
// of its peers, and the dossiers (or procedures) behind each count.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { drillOut, drillQuery, indexOut, indexQuery, rankingOut, rankingQuery } from "./index.schemas.ts";
import * as service from "./index.service.ts";

export const serviceIndexRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["service-index"];
  app.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "Service index (Decision 766/QĐ-TTg) of a unit with its subtree and merged units for a period (default: this year to today): six groups, each indicator's numerator, denominator, ratio and points; the total out of 100 and out of the measured maximum, and its band",
        querystring: indexQuery,
        response: { 200: indexOut },
      },
      config: { action: "service_index.read" },
    },
    async (request) => service.serviceIndex(request.ctx, request.query),
  );
  app.get(
    "/ranking",
    {
      schema: {
        tags,
        summary:
          "The unit's peers (same parent and level, in existence in the period) or, with ?level=, its descendants of that level, ranked by score (percent of the measured maximum); same score, same rank",
        querystring: rankingQuery,
        response: { 200: rankingOut },
      },
      config: { action: "service_index.ranking" },
    },
    async (request) => service.ranking(request.ctx, request.query),
  );
  app.get(
    "/drill",
    {
      schema: {
        tags,
        summary:
          "The dossiers (live and imported, newest reception first) or procedures behind an indicator's numerator or denominator, paged; no personal data",
        querystring: drillQuery,
        response: { 200: drillOut },
      },
      config: { action: "service_index.drill" },
    },
    async (request) => service.drill(request.ctx, request.query),
  );
};
