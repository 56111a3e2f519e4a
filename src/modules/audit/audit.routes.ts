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
            action: z
              .string()
              .trim()
              .min(1)
              .max(120)
              .optional()
              .describe("An action or its start, e.g. dossier."),
            actor: z
              .string()
              .trim()
              .min(1)
              .max(120)
              .optional()
              .describe("Part of the actor's name or user name"),
            target: z.string().trim().min(1).max(200).optional().describe("The entity's id or code, exactly"),
            unit: z.uuid().optional(),
            from: z.iso.date().optional().describe("First Vietnam day, inclusive"),
            to: z.iso.date().optional().describe("Last Vietnam day, inclusive"),
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
    async (request) => {
      const { unit, ...q } = request.query;
      return service.pageAudit(request.ctx, { ...q, unitId: unit });
    },
  );

  app.get(
    "/verify",
    {
      schema: {
        tags: ["audit"],
        summary:
          "Check the hash chain and its signed checkpoints: detects edited, deleted and truncated rows and a rewritten chain",
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().describe("Audit rows checked by the hash chain"),
            firstBadSeq: z.number().nullable(),
            reason: z.string().nullable(),
            problem: z
              .object({
                source: z.enum(["chain", "checkpoint", "anchor"]),
                reason: z.string(),
                seq: z.number().nullable(),
                checkpointId: z.number().nullable(),
                line: z.number().nullable().describe("Anchor file only: the line that does not match"),
              })
              .nullable(),
            checkpoints: z.object({
              status: z
                .enum(["on", "demo_key", "off"])
                .describe("off: AUDIT_SIGNING_KEYS unset, the chain is unanchored"),
              checked: z.number(),
              newest: z.object({ id: z.number(), seq: z.number(), at: z.string() }).nullable(),
              unanchoredRows: z.number().describe("Audit rows after the newest checkpoint"),
              anchor: z.object({ lines: z.number(), found: z.boolean() }).nullable(),
            }),
          }),
        },
      },
    },
    async (request) => service.verify(request.ctx),
  );
};
