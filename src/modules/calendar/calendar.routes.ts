// /api/public/units/:id/calendar (read, due dates) and /api/org/units/:id/calendar (save).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { vietnamDate } from "../../shared/dates.ts";
import { msg } from "../../shared/messages.ts";
import { unitIdParams } from "../org/org.schemas.ts";
import { workingCalendarConfigSchema } from "./calendar.schemas.ts";
import * as service from "./calendar.service.ts";

const tags = ["calendar"];
const yearQuery = z
  .object({
    year: z.coerce
      .number()
      .int()
      .min(1900)
      .max(2100)
      .default(() => Number(vietnamDate().slice(0, 4))),
  })
  .strict();

export const publicCalendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/units/:id/calendar",
    {
      schema: {
        tags,
        summary:
          "A unit's working calendar in force (own, inherited or national default) and its days off in a year",
        params: unitIdParams,
        querystring: yearQuery,
      },
    },
    async (request) => service.getUnitCalendar(request.ctx, request.params.id, request.query.year),
  );

  app.get(
    "/units/:id/calendar/due",
    {
      schema: {
        tags,
        summary:
          "Due instant from a start instant: N working days, N working hours, or same day (15:00 cut-off)",
        params: unitIdParams,
        querystring: z
          .object({
            from: z.iso.datetime({ offset: true, error: msg("datetime_format") }),
            workingDays: z.coerce.number().int().min(0).max(3650).optional(),
            workingHours: z.coerce.number().min(0).max(100_000).optional(),
            sameDay: z
              .enum(["true", "false"])
              .optional()
              .transform((v) => v === "true"),
          })
          .strict(),
        response: { 200: z.object({ from: z.string(), due: z.string(), workingHoursBetween: z.number() }) },
      },
    },
    async (request) => service.dueDate(request.ctx, request.params.id, request.query),
  );
};

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    "/units/:id/calendar",
    {
      schema: {
        tags,
        summary: "Save a unit's working calendar (a new version; history is kept)",
        params: unitIdParams,
        body: z
          .object({ config: workingCalendarConfigSchema, note: z.string().trim().max(500).optional() })
          .strict(),
      },
      config: { action: "calendar.save" },
    },
    async (request) => service.saveUnitCalendar(request.ctx, request.params.id, request.body),
  );
};
