// /api/audit: page through the audit log (scoped to the units the actor supervises) and verify the chain.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import * as service from "./audit.service.ts";

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: ["audit"],
        summary: "Audit log, newest first",
        querystring: z
          .object({
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
            action: z.string().max(120).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                seq: z.number(),
                at: z.string(),
                actorName: z.string().nullable(),
                action: z.string(),
                outcome: z.number(),
                target: z.string().nullable(),
                unitId: z.string().nullable(),
              }),
            ),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => service.pageAudit(request.ctx, request.query),
  );

  app.get(
    "/verify",
    {
      schema: {
        tags: ["audit"],
        summary: "Check the hash chain: detects edited and deleted rows",
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBadSeq: z.number().nullable(),
            reason: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => service.verify(request.ctx),
  );
};
