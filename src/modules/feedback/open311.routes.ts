// /open311/v2: the Open311 GeoReport v2 API (discovery, services, service definitions, POST and
// GET requests) in JSON. Bodies may be form-encoded (as most Open311 clients send them) or JSON.
// Errors use the standard's own format, an array of {code, description}, in the language the
// Accept-Language header asks for (Vietnamese by default).
import type { FastifyError, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { toDomainError } from "../../plugins/errors.ts";
import { idempotent } from "../../shared/idempotency.ts";
import {
  discoveryOut,
  fileParams,
  open311Error,
  open311PostBody,
  open311PostOut,
  requestsOut,
  requestsQuery,
  serviceDefinitionOut,
  servicesOut,
  servicesQuery,
} from "./open311.schemas.ts";
import * as open311 from "./open311.service.ts";

const tags = ["open311"];

/** Vietnamese unless the first language asked for is not (English for everyone else). */
export function localeOf(request: FastifyRequest): open311.Locale {
  const first = (request.headers["accept-language"] ?? "").split(",")[0]!.trim().toLowerCase();
  return first === "" || first.startsWith("vi") ? "vi" : "en";
}

const errors = { 400: open311Error, 404: open311Error };

/** `PA-7K3M9Q2X.json` → "PA-7K3M9Q2X"; any other format is not served. */
function jsonName(file: string): string {
  const m = /^(.+)\.json$/i.exec(file);
  if (!m) throw new Open311NotFound();
  return m[1]!;
}
class Open311NotFound extends Error {
  statusCode = 404;
}

export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const rateLimit = { max: app.config.lookupRatePerMinute, timeWindow: "1 minute" };
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) fields[k] = v;
      done(null, fields);
    },
  );
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const locale = localeOf(request);
    const domain = err instanceof Open311NotFound ? undefined : toDomainError(err);
    const status = err instanceof Open311NotFound ? 404 : (domain?.status ?? 500);
    request.problemCode = domain?.code ?? (status === 404 ? "not_found" : "internal");
    if (status >= 500) request.log.error({ err }, "open311 error");
    const body =
      domain && domain.fieldErrors.length > 0
        ? domain.fieldErrors.map((f) => ({ code: status, description: `${f.field}: ${f.message[locale]}` }))
        : [
            {
              code: status,
              description:
                status === 404 && !domain
                  ? locale === "vi"
                    ? "Không có tài nguyên này (chỉ hỗ trợ định dạng .json)."
                    : "No such resource (only the .json format is served)."
                  : domain && status < 500
                    ? domain.messages[locale]
                    : locale === "vi"
                      ? "Lỗi hệ thống. Vui lòng thử lại."
                      : "Something went wrong on our side. Try again.",
            },
          ];
    return reply.status(status).type("application/json; charset=utf-8").send(body);
  });

  app.get(
    "/discovery.json",
    {
      schema: {
        tags,
        summary: "Open311 discovery: the endpoint, specification and formats",
        response: { 200: discoveryOut },
      },
      config: { rateLimit },
    },
    async (request) => open311.discovery(request.ctx),
  );
  app.get(
    "/services.json",
    {
      schema: {
        tags,
        summary: "Open311 GET services: the kinds of feedback (metadata false, type realtime)",
        querystring: servicesQuery,
        response: { 200: servicesOut, ...errors },
      },
      config: { rateLimit },
    },
    async (request) => open311.services(request.ctx, localeOf(request)),
  );
  app.get(
    "/services/:file",
    {
      schema: {
        tags,
        summary: "Open311 GET service definition ({service_code}.json): no extra attributes",
        params: fileParams,
        response: { 200: serviceDefinitionOut, ...errors },
      },
      config: { rateLimit },
    },
    async (request) => open311.serviceDefinition(request.ctx, jsonName(request.params.file)),
  );
  app.post(
    "/requests.json",
    {
      schema: {
        tags,
        summary:
          "Open311 POST service request (form-encoded or JSON): service_code, lat+long or address_string, description, sender fields; jurisdiction_id is a unit's code",
        consumes: ["application/x-www-form-urlencoded", "application/json"],
        body: open311PostBody,
        response: { 200: open311PostOut, ...errors },
      },
      config: { action: "feedback.open311.submit", rateLimit },
    },
    async (request) => {
      const body = request.body as open311.PostBody;
      const key = request.headers["idempotency-key"];
      const locale = localeOf(request);
      // The standard has no idempotency; a client that sends the header gets it.
      if (key === undefined) return open311.postRequest(request.ctx, body, locale, null);
      const k = Array.isArray(key) ? key[0] : key;
      return idempotent(request.ctx, key, "feedback.open311.submit", body, () =>
        open311.postRequest(request.ctx, body, locale, `${request.ctx.actor?.userId ?? "anonymous"}:${k}`),
      );
    },
  );
  app.get(
    "/requests.json",
    {
      schema: {
        tags,
        summary:
          "Open311 GET service requests: published ones (last 90 days by default, at most 1000), or those named by service_request_id (their status)",
        querystring: requestsQuery,
        response: { 200: requestsOut, ...errors },
      },
      config: { rateLimit },
    },
    async (request) => open311.getRequests(request.ctx, request.query),
  );
  app.get(
    "/requests/:file",
    {
      schema: {
        tags,
        summary: "Open311 GET service request ({service_request_id}.json): an array of one",
        params: fileParams,
        response: { 200: requestsOut, ...errors },
      },
      config: { rateLimit },
    },
    async (request) => open311.getRequest(request.ctx, jsonName(request.params.file)),
  );
};
