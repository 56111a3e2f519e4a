// /api/public/transparency: the public transparency page's figures (no login, rate-limited like
// the public lookup, cacheable for five minutes: the figures are aggregates, the same for everyone).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { transparencyOut, transparencyQuery } from "./transparency.schemas.ts";
import { transparency } from "./transparency.service.ts";

export const publicTransparencyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/transparency",
    {
      schema: {
        tags: ["reports"],
        summary:
          "Public transparency figures of a unit (with its subtree and merged units) for a calendar year: received, resolved on time, online share, pending, satisfaction, service index, month by month, and per direct child unit; no personal data",
        querystring: transparencyQuery,
        response: { 200: transparencyOut },
      },
      config: {
        replicaRead: true,
        rateLimit: { max: app.config.lookupRatePerMinute, timeWindow: "1 minute" },
      },
    },
    async (request, reply) => {
      const figures = await transparency(request.ctx, request.query);
      reply.header("cache-control", "public, max-age=300");
      return figures;
    },
  );
};
