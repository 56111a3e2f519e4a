// /api/dashboard: a unit's figures over time, by sector and official, satisfaction and the
// overdue list; the officials' workload report (JSON or XLSX).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { summaryOut, summaryQuery, workloadOut, workloadQuery } from "./dashboard.schemas.ts";
import * as service from "./dashboard.service.ts";
import { workloadWorkbook } from "./dashboard.xlsx.ts";

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["dashboard"];
  app.get(
    "/summary",
    {
      schema: {
        tags,
        summary:
          "A unit's (and its subtree's) dossiers over time, by sector and official, satisfaction, overdue list",
        querystring: summaryQuery,
        response: { 200: summaryOut },
      },
      // The overdue list names applicants (masked for supervisors): audited like other reads of them.
      config: { action: "dashboard.summary", personalData: true },
    },
    async (request) => service.dashboardSummary(request.ctx, request.query),
  );
  app.get(
    "/workload",
    {
      schema: {
        tags,
        summary:
          "Workload and lateness per official (open, due today, overdue, steps handled and late); ?format=xlsx",
        querystring: workloadQuery,
        response: { 200: workloadOut },
      },
      config: { action: "dashboard.workload" },
    },
    async (request, reply) => {
      const report = await service.workloadReport(request.ctx, request.query);
      if (request.query.format !== "xlsx") return report;
      const file = await workloadWorkbook(report, request.query.lang);
      // A Buffer bypasses the JSON serializer (hence the cast past the JSON response type).
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename="bao-cao-can-bo-${report.from}-${report.to}.xlsx"`,
        )
        .send(file as never);
    },
  );
};
