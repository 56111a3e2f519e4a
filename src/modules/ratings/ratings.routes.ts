// /api/portal/dossiers/:id/rating: the applicant rates a returned dossier (once) and reads the rating.
// /api/public/ratings/:token: the same through the signed link of the "returned" notification.
// /api/v1/ratings/desk: the desk's tablet (a receptionist opens the returned dossier by code).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idempotent } from "../../shared/idempotency.ts";
import {
  deskQuery,
  deskStatusOut,
  linkStatusOut,
  ratingBody,
  ratingCreatedOut,
  ratingParams,
  ratingStatusOut,
  tokenParams,
} from "./ratings.schemas.ts";
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

export const publicRatingRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["ratings"];
  const rateLimit = { max: app.config.lookupRatePerMinute, timeWindow: "1 minute" };
  app.get(
    "/ratings/:token",
    {
      schema: {
        tags,
        summary:
          "The dossier a rating link is for (code, procedure, unit, masked name) and whether it can still be rated; 404 forged, 410 expired",
        params: tokenParams,
        response: { 200: linkStatusOut },
      },
      config: { rateLimit },
    },
    async (request) => service.linkRatingStatus(request.ctx, request.params.token),
  );
  app.post(
    "/ratings/:token",
    {
      schema: {
        tags,
        summary:
          "Rate a returned dossier through the link in its notification (no sign-in; once per dossier)",
        headers: idempotencyHeaders,
        params: tokenParams,
        body: ratingBody,
        response: { 201: ratingCreatedOut },
      },
      config: { action: "rating.create", rateLimit },
    },
    async (request, reply) => {
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `rating.link:${request.params.token}`,
        request.body,
        () => service.rateByLink(request.ctx, request.params.token, request.body),
      );
      reply.status(201);
      return r;
    },
  );
};

export const deskRatingRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["ratings"];
  app.get(
    "/desk",
    {
      schema: {
        tags,
        summary:
          "The desk's tablet: a dossier received at one's unit, by code, and whether its applicant can rate it (dossier.receive)",
        querystring: deskQuery,
        response: { 200: deskStatusOut },
      },
    },
    async (request) => service.deskRatingStatus(request.ctx, request.query.code),
  );
  app.post(
    "/desk/:id",
    {
      schema: {
        tags,
        summary:
          "The applicant rates a returned dossier on the desk's tablet (channel desk; the receptionist is audited)",
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
        `rating.desk:${request.params.id}`,
        request.body,
        () => service.rateAtDesk(request.ctx, request.params.id, request.body),
      );
      reply.status(201);
      return r;
    },
  );
};
