// /api/portal/dossiers/:id/rating: the applicant rates a returned dossier (once) and reads the rating.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idempotent } from "../../shared/idempotency.ts";
import { ratingBody, ratingCreatedOut, ratingParams, ratingStatusOut } from "./ratings.schemas.ts";
import * as service from "./ratings.service.ts";

const idempotencyHeaders = z.object({
  "idempotency-key": z.string().optional().describe("A new random key per action (8–100 characters)"),
});

export const portalRatingRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["ratings"];
  app.post(
    "/dossiers/:id/rating",
    {
      schema: {
        tags,
        summary: "Rate a returned dossier (its applicant, once): satisfaction level, reasons, comment",
        headers: idempotencyHeaders,
        params: ratingParams,
        body: ratingBody,
        response: { 201: ratingCreatedOut },
      },
      config: { action: "rating.create" },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `rating.create:${request.params.id}`,
        request.body,
        () => service.rateOnPortal(request.ctx, request.params.id, request.body),
      );
      reply.status(201);
      return r;
    },
  );
  app.get(
    "/dossiers/:id/rating",
    {
      schema: {
        tags,
        summary: "The applicant's rating of a dossier, and whether it can still be rated",
        params: ratingParams,
        response: { 200: ratingStatusOut },
      },
    },
    async (request) => service.portalRatingStatus(request.ctx, request.params.id),
  );
};
