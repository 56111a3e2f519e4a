// Maps every error to an RFC 9457 problem (application/problem+json) with messages in
// Vietnamese and English and, for bad input, one entry per field. Unknown errors become a
// generic 500 that names the request id only.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { en as zodEn, vi as zodVi } from "zod/locales";
import { isConnectionLost } from "../db/client.ts";
import { causeMatching, DomainError, Errors, type FieldError, type Message } from "../shared/errors.ts";
import { lookupFieldMessage } from "../shared/messages.ts";

const localeVi = zodVi();
const localeEn = zodEn();

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  message: Message;
  instance?: string;
  errors?: FieldError[];
  [k: string]: unknown;
};

export function problemOf(err: DomainError, instance?: string): Problem {
  return {
    type: `https://motcua.dev/problems/${err.code}`,
    title: err.messages.en,
    status: err.status,
    code: err.code,
    detail: err.messages.vi,
    message: err.messages,
    instance,
    ...(err.fieldErrors.length > 0 ? { errors: err.fieldErrors } : {}),
    ...err.extra,
  };
}

function localise(issue: Record<string, unknown>): Message {
  const custom = lookupFieldMessage(issue.message as string | undefined);
  if (custom) return custom;
  const asText = (r: unknown) => (typeof r === "string" ? r : ((r as { message?: string })?.message ?? ""));
  // biome-ignore lint/suspicious/noExplicitAny: zod's locale functions take its raw issue shape
  const raw = issue as any;
  return {
    vi: asText(localeVi.localeError(raw)) || String(issue.message),
    en: asText(localeEn.localeError(raw)) || String(issue.message),
  };
}

const contextName: Record<string, string> = {
  querystring: "query",
  params: "params",
  headers: "headers",
  body: "body",
};

function validationProblem(err: FastifyError & { validation: unknown[] }): DomainError {
  const location = contextName[(err as { validationContext?: string }).validationContext ?? "body"] ?? "body";
  const fields = (
    err.validation as Array<{
      instancePath: string;
      keyword: string;
      message?: string;
      params: Record<string, unknown>;
    }>
  ).map((v) => {
    const path = v.instancePath.replace(/^\//, "").split("/").filter(Boolean);
    const field = path.join(".") || "(root)";
    return {
      path: `${location}.${field}`,
      field,
      code: v.keyword,
      message: localise({ ...v.params, code: v.keyword, message: v.message, path }),
    };
  });
  return Errors.invalid(fields);
}

/** The error or one it wraps (Drizzle's "Failed query" wraps the driver's) passes `test`. */
const anyCause = (err: unknown, test: (e: unknown) => boolean) => causeMatching(err, test) !== undefined;

const NO_SPACE = new Set(["ENOSPC", "EDQUOT"]);

/** Seconds a client is asked to wait before retrying a 503 (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

export function toDomainError(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  if (anyCause(err, isConnectionLost)) return Errors.databaseUnavailable();
  // A full disk under the file store (or a quota): a clear 507, not a request-id-only 500.
  if (anyCause(err, (e) => NO_SPACE.has((e as { code?: string }).code ?? ""))) return Errors.storageFull();
  if (hasZodFastifySchemaValidationErrors(err)) return validationProblem(err);
  const e = err as FastifyError;
  if (e?.statusCode === 429) return Errors.rateLimited();
  if (
    e?.code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
    e?.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
    e instanceof SyntaxError
  ) {
    return new DomainError("bad_json", 400, {
      vi: "Nội dung JSON không hợp lệ.",
      en: "The JSON body is malformed.",
    });
  }
  if (e?.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return new DomainError("unsupported_media_type", 415, {
      vi: "Kiểu nội dung không được hỗ trợ; hãy gửi JSON.",
      en: "Unsupported content type; send JSON.",
    });
  }
  if (e?.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new DomainError("body_too_large", 413, {
      vi: "Nội dung gửi lên quá lớn.",
      en: "The request body is too large.",
    });
  }
  if (typeof e?.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    return new DomainError("bad_request", e.statusCode, { vi: "Yêu cầu không hợp lệ.", en: "Bad request." });
  }
  return undefined;
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.status(problem.status).type("application/problem+json; charset=utf-8").send(problem);
}

/**
 * The problem an error becomes (logged when it is ours: 5xx); also used where an error happens
 * after the error handler, such as a refusal whose audit row cannot be written.
 */
export function problemForError(err: unknown, request: FastifyRequest): Problem {
  const domain = toDomainError(err);
  if (domain) {
    request.problemCode = domain.code;
    if (domain.status >= 500) request.log.error({ err }, "domain error");
    return problemOf(domain, request.url);
  }
  request.log.error({ err }, "unhandled error");
  request.problemCode = "internal";
  return {
    type: "https://motcua.dev/problems/internal",
    title: "Internal error",
    status: 500,
    code: "internal",
    detail: "Lỗi hệ thống. Vui lòng thử lại; nếu còn lỗi, báo mã yêu cầu cho quản trị.",
    message: {
      vi: "Lỗi hệ thống. Vui lòng thử lại; nếu còn lỗi, báo mã yêu cầu cho quản trị.",
      en: "Something went wrong on our side. Try again; if it persists, give the request id to support.",
    },
    requestId: request.id,
  };
}

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((err, request: FastifyRequest, reply) => {
      const problem = problemForError(err, request);
      if (problem.status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, problem);
    });
  },
  { name: "errors" },
);

declare module "fastify" {
  interface FastifyRequest {
    problemCode?: string;
  }
}
