// The application as a Fastify plugin tree: infrastructure plugins, then modules.
// The server entry (server.ts), the CLI and the tests all build it with buildApp().
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { appointmentRoutes, publicAppointmentRoutes } from "./modules/appointments/appointments.routes.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import authRoutes from "./modules/auth/auth.routes.ts";
import { oidcRoutes } from "./modules/auth/oidc.routes.ts";
import { calendarRoutes, publicCalendarRoutes } from "./modules/calendar/calendar.routes.ts";
import {
  catalogRoutes,
  publicCatalogExtraRoutes,
  publicCatalogRoutes,
  unitCatalogRoutes,
} from "./modules/catalog/catalog.routes.ts";
import { contactRoutes, publicContactRoutes } from "./modules/contacts/contacts.routes.ts";
import { dashboardRoutes } from "./modules/dashboard/dashboard.routes.ts";
import { documentRoutes } from "./modules/documents/document.routes.ts";
import { dossierBulkRoutes } from "./modules/dossiers/dossier.bulk.ts";
import {
  dossierRoutes,
  portalDossierRoutes,
  publicDossierRoutes,
} from "./modules/dossiers/dossier.routes.ts";
import { eformRoutes, portalEformRoutes, publicEformRoutes } from "./modules/eforms/eform.routes.ts";
import {
  feedbackRoutes,
  publicFeedbackPhotoRoutes,
  publicFeedbackRoutes,
} from "./modules/feedback/feedback.routes.ts";
import { open311Routes } from "./modules/feedback/open311.routes.ts";
import { healthRoutes } from "./modules/health/health.routes.ts";
import { importRoutes } from "./modules/imports/import.routes.ts";
import { nationalPortalRoutes } from "./modules/integrations/national-portal/national-portal.routes.ts";
import { orgRoutes, publicOrgRoutes } from "./modules/org/org.routes.ts";
import { parRoutes } from "./modules/par/par.routes.ts";
import { paymentRoutes, publicPaymentRoutes } from "./modules/payments/payments.routes.ts";
import { petitionRoutes } from "./modules/petitions/petitions.routes.ts";
import { privacyRoutes } from "./modules/privacy/privacy.routes.ts";
import { processRoutes } from "./modules/process/process.routes.ts";
import { publicQueueRoutes, queueRoutes } from "./modules/queue/queue.routes.ts";
import {
  deskRatingRoutes,
  portalRatingRoutes,
  publicRatingRoutes,
} from "./modules/ratings/ratings.routes.ts";
import { reportRoutes } from "./modules/reports/reports.routes.ts";
import { serviceIndexRoutes } from "./modules/serviceindex/index.routes.ts";
import { publicTransparencyRoutes } from "./modules/transparency/transparency.routes.ts";
import auditPlugin from "./plugins/audit.ts";
import { withRouteHints } from "./plugins/routeHints.ts";
import "./plugins/context.ts";
import errorsPlugin, { problemOf, sendProblem } from "./plugins/errors.ts";
import inputTextPlugin from "./plugins/input-text.ts";
import { pgRateLimitStore } from "./plugins/rate-limit-store.ts";
import replicaPlugin from "./plugins/replica.ts";
import securityHeaders, { docsContentSecurityPolicy } from "./plugins/security-headers.ts";
import sessionPlugin from "./plugins/session.ts";
import { DomainError } from "./shared/errors.ts";
import { loggerOptions } from "./shared/logger.ts";
import { fromRoot } from "./shared/paths.ts";

export const webDist = fromRoot("web/dist");

export type BuildOptions = { database: Database; config: Config; logger?: FastifyServerOptions["logger"] };

export async function buildApp({ database, config, logger }: BuildOptions) {
  const options: FastifyServerOptions = {
    logger: logger ?? loggerOptions(config.logLevel),
    // Only behind a known proxy may X-Forwarded-For set the client address (rate limits, audit).
    trustProxy: config.trustProxy,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 10_000,
    bodyLimit: 1_048_576,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed percent-encoding or a path parameter over 100 characters is refused by the
    // router before any hook or error handler runs: answer with a problem too, not Fastify's JSON.
    frameworkErrors: (err, request, reply) => {
      const tooLong = err.code === "FST_ERR_MAX_PARAM_LENGTH";
      const problem = tooLong
        ? new DomainError("uri_too_long", 414, { vi: "Địa chỉ quá dài.", en: "The address is too long." })
        : new DomainError("bad_url", 400, { vi: "Địa chỉ không hợp lệ.", en: "The address is malformed." });
      request.problemCode = problem.code;
      return sendProblem(reply, problemOf(problem, request.url));
    },
  };
  const app = Fastify(options).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("database", database);
  app.decorate("db", database.db);
  app.decorate("config", config);
  // Every route registered, for the permission suite that must cover each one.
  const registeredRoutes: FastifyInstance["registeredRoutes"] = [];
  app.decorate("registeredRoutes", registeredRoutes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat())
      if (method !== "HEAD") registeredRoutes.push({ method, url: route.url, config: route.config ?? {} });
  });

  await app.register(errorsPlugin);
  await app.register(inputTextPlugin);
  // Before the session plugin, so refusals (CSRF, 401) carry the headers too.
  await app.register(securityHeaders);
  // N processes on one PostgreSQL database share their counters; the embedded database has one process.
  await app.register(rateLimit, {
    global: false,
    ...(database.kind === "postgres" ? { store: pgRateLimitStore(database.db) } : {}),
  });
  await app.register(sessionPlugin);
  await app.register(auditPlugin);
  await app.register(replicaPlugin);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "motcua API", description: "One-stop e-government system (một cửa)", version: "0.1.0" },
      tags: [
        { name: "auth", description: "Sign-in, sessions, registration" },
        { name: "org", description: "Organisation tree and agencies" },
        { name: "audit", description: "Tamper-evident audit log" },
        { name: "process", description: "Internal processes of procedures in units" },
        { name: "calendar", description: "Working calendars of units and due dates" },
        { name: "catalog", description: "Procedure catalog: search, versions by decision, units' choices" },
        {
          name: "dossiers",
          description: "Dossier lifecycle: reception, commands, work queues, forms, public lookup",
        },
        {
          name: "documents",
          description: "Uploads, citizens' document stores, signed electronic results, verification",
        },
        { name: "dashboard", description: "Dashboards and workload reports of units" },
        { name: "ratings", description: "Applicants' satisfaction ratings of returned dossiers" },
        { name: "eforms", description: "E-forms of procedures: builder, public form, prefill" },
        { name: "appointments", description: "Appointment slots and bookings (đặt lịch hẹn)" },
        { name: "contacts", description: "Units' contact channels: hotline, e-mail, Zalo, Facebook" },
        {
          name: "petitions",
          description: "Complaints, denunciations and recommendations (đơn thư) with their legal deadlines",
        },
        { name: "feedback", description: "Feedback and suggestions (phản ánh, kiến nghị)" },
        { name: "open311", description: "Open311 GeoReport v2 over feedback" },
        { name: "payments", description: "Online fee payments (VNPAY): receipts, refunds, reconciliation" },
        {
          name: "integrations",
          description: "Exchanges with other systems: the national public service portal",
        },
        { name: "ops", description: "Health and readiness" },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: { docExpansion: "list", validatorUrl: null },
    staticCSP: docsContentSecurityPolicy,
  });

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: "/api/auth" });
  await app.register(oidcRoutes, { prefix: "/api/auth/oidc" });
  await app.register(publicOrgRoutes, { prefix: "/api/public" });
  await app.register(orgRoutes, { prefix: "/api/org" });
  await app.register(auditRoutes, { prefix: "/api/audit" });
  await app.register(publicCatalogRoutes, { prefix: "/api/public" });
  await app.register(publicCatalogExtraRoutes, { prefix: "/api/public" });
  await app.register(catalogRoutes, { prefix: "/api/catalog" });
  await app.register(unitCatalogRoutes, { prefix: "/api/org" });
  await app.register(publicCalendarRoutes, { prefix: "/api/public" });
  await app.register(calendarRoutes, { prefix: "/api/org" });
  await app.register(processRoutes, { prefix: "/api/org" });
  await app.register(dossierRoutes, { prefix: "/api/dossiers" });
  await app.register(portalDossierRoutes, { prefix: "/api/portal" });
  await app.register(publicDossierRoutes, { prefix: "/api/public" });
  await app.register(documentRoutes, { prefix: "/api" });
  await app.register(publicEformRoutes, { prefix: "/api/public" });
  await app.register(portalEformRoutes, { prefix: "/api/portal" });
  await app.register(eformRoutes, { prefix: "/api/org" });
  await app.register(dossierBulkRoutes, { prefix: "/api/dossiers" });
  await app.register(portalRatingRoutes, { prefix: "/api/portal" });
  await app.register(dashboardRoutes, { prefix: "/api/dashboard" });
  await app.register(reportRoutes, { prefix: "/api/v1/reports" });
  await app.register(serviceIndexRoutes, { prefix: "/api/v1/service-index" });
  await app.register(publicTransparencyRoutes, { prefix: "/api/public" });
  await app.register(importRoutes, { prefix: "/api/v1/imports" });
  await app.register(parRoutes, { prefix: "/api/v1/par" });
  await app.register(appointmentRoutes, { prefix: "/api/v1/appointments" });
  await app.register(publicAppointmentRoutes, { prefix: "/api/public" });
  await app.register(queueRoutes, { prefix: "/api/v1/queue" });
  await app.register(petitionRoutes, { prefix: "/api/v1/petitions" });
  await app.register(publicQueueRoutes, { prefix: "/api/public" });
  await app.register(feedbackRoutes, { prefix: "/api/v1/feedback" });
  await app.register(publicFeedbackRoutes, { prefix: "/api/public" });
  await app.register(publicFeedbackPhotoRoutes, { prefix: "/api/public" });
  await app.register(open311Routes, { prefix: "/open311/v2" });
  await app.register(contactRoutes, { prefix: "/api/v1" });
  await app.register(publicContactRoutes, { prefix: "/api/public" });
  await app.register(publicRatingRoutes, { prefix: "/api/public" });
  await app.register(deskRatingRoutes, { prefix: "/api/v1/ratings" });
  await app.register(paymentRoutes, { prefix: "/api/v1/payments" });
  await app.register(publicPaymentRoutes, { prefix: "/api/public" });
  await app.register(nationalPortalRoutes, { prefix: "/api/v1/integrations" });
  await app.register(privacyRoutes, { prefix: "/api/v1" });

  const serveWeb = config.serveWeb && existsSync(webDist);
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      // The build writes .br and .gz twins of each text file (web/vite.config.ts); the one the
      // browser accepts is sent, with Vary: Accept-Encoding.
      preCompressed: true,
      // Files under /assets have content hashes in their names: cached for a year, never revalidated.
      // Everything else (index.html, the favicon) is revalidated, so a release shows at once.
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header(
          "cache-control",
          /[\\/]assets[\\/]/.test(filePath) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  }

  const notFound = (url: string) =>
    problemOf(
      new DomainError("route_not_found", 404, { vi: "Không tìm thấy địa chỉ này.", en: "No such address." }),
      url,
    );
  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: 120, timeWindow: "1 minute" }) },
    async (request, reply) => {
      // Client-side routes of the web app fall back to index.html; API paths get a problem.
      if (
        serveWeb &&
        request.method === "GET" &&
        !request.url.startsWith("/api/") &&
        request.headers.accept?.includes("text/html")
      ) {
        const html = await readFile(path.join(webDist, "index.html"), "utf8");
        return reply
          .header("cache-control", "no-cache")
          .type("text/html; charset=utf-8")
          .send(withRouteHints(html, request.url));
      }
      return sendProblem(reply, notFound(request.url));
    },
  );
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
