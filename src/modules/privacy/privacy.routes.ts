// GET /api/v1/me/data-export: the signed-in person's own data as a JSON download.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { vietnamDate } from "../../shared/dates.ts";
import { dataExportOut } from "./privacy.schemas.ts";
import * as service from "./privacy.service.ts";

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/me/data-export",
    {
      schema: {
        tags: ["privacy"],
        summary:
          "Everything motcua holds about the signed-in account (profile, sessions, dossiers, files, ratings, payments, bookings, feedback, activity), as a JSON download",
        response: { 200: dataExportOut },
      },
      config: { action: "privacy.export", personalData: true },
    },
    async (request, reply) => {
      const out = await service.exportMyData(request.ctx);
      reply.header(
        "content-disposition",
        `attachment; filename="motcua-du-lieu-ca-nhan-${vietnamDate().replaceAll("-", "")}.json"`,
      );
      return out;
    },
  );
};
