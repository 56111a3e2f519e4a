// Liveness and readiness probes.
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["ops"],
        summary: "Liveness",
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
      config: { noAudit: true },
    },
    async () => ({ status: "ok" as const }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        tags: ["ops"],
        summary: "Readiness: the database answers",
        response: { 200: z.object({ status: z.literal("ready"), database: z.enum(["pglite", "postgres"]) }) },
      },
      config: { noAudit: true },
    },
    async () => {
      await app.db.execute(sql`select 1`);
      return { status: "ready" as const, database: app.database.kind };
    },
  );
};
