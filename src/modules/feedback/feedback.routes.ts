// /api/public/feedback (citizens: kinds, send, add photos, status by code, the published list and
// its photos; no login needed, rate limited per address) and /api/v1/feedback (back office: list,
// detail, photos, assign, reply, close, reject, reroute, publish, figures).
// Photos are sent as the raw request body (as documents are), with the token given on submission.
import type { FastifyError } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idempotent } from "../../shared/idempotency.ts";
import { sha256Of } from "../documents/blob-store.ts";
import { tooLarge } from "../documents/files.ts";
import { uploadRateLimit } from "../documents/upload-limit.ts";
import { feedbackStats } from "./feedback.figures.ts";
import * as pub from "./feedback.public.ts";
import {
  assignBody,
  closeBody,
  codeParams,
  detailOut,
  idParams,
  listOut,
  listQuery,
  lookupOut,
  MAX_PHOTO_BYTES,
  photoHeaders,
  photoOut,
  photoParams,
  publicPhotoParams,
  publishBody,
  publishedOut,
  publishedQuery,
  reasonBody,
  replyBody,
  rerouteBody,
  servicesOut,
  statsOut,
  statsQuery,
  submitBody,
  submitOut,
} from "./feedback.schemas.ts";
import * as service from "./feedback.service.ts";

const tags = ["feedback"];
const idempotencyHeaders = z.object({
  "idempotency-key": z.string().optional().describe("A new random key per action (8–100 characters)"),
});
const firstOf = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

export const publicFeedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const rateLimit = { max: app.config.lookupRatePerMinute, timeWindow: "1 minute" };
  app.get(
    "/feedback/services",
    {
      schema: { tags, summary: "The kinds of feedback one may send", response: { 200: servicesOut } },
      config: { rateLimit },
    },
    async (request) => pub.services(request.ctx),
  );
  app.post(
    "/feedback",
    {
      schema: {
        tags,
        summary:
          "Send feedback or a suggestion about a procedure, a desk or a place (no login needed; a signed-in citizen is linked). Returns its code, deadline and a token to add photos",
        headers: idempotencyHeaders,
        body: submitBody,
        response: { 201: submitOut },
      },
      config: { action: "feedback.submit", rateLimit },
    },
    async (request, reply) => {
      const key = request.headers["idempotency-key"];
      const r = await idempotent(request.ctx, key, "feedback.submit", request.body, () =>
        pub.submit(request.ctx, request.body, firstOf(key)),
      );
      reply.status(201);
      return r;
    },
  );
  app.get(
    "/feedback",
    {
      schema: {
        tags,
        summary:
          "Published feedback (the sender consented; personal data removed), of a unit and those below it",
        querystring: publishedQuery,
        response: { 200: publishedOut },
      },
      config: { rateLimit },
    },
    async (request) => pub.publishedList(request.ctx, request.query),
  );
  app.get(
    "/feedback/:code",
    {
      schema: {
        tags,
        summary: "The status of feedback by its code, and the answer once given (no personal data)",
        params: codeParams,
        response: { 200: lookupOut },
      },
      config: { rateLimit },
    },
    async (request) => pub.lookup(request.ctx, request.params.code),
  );
  app.get(
    "/feedback/photos/:photoId",
    {
      schema: { tags, summary: "A photo shown with a published item", params: publicPhotoParams },
      config: { rateLimit },
    },
    async (request, reply) => {
      const { photo, bytes } = await pub.publicPhoto(request.ctx, request.params.photoId);
      return reply
        .type(photo.contentType)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=3600")
        .send(bytes);
    },
  );
};

/** The photo upload, in its own scope: its body is the raw bytes of the image. */
export const publicFeedbackPhotoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.removeContentTypeParser(["text/plain"]);
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  app.setErrorHandler((err: FastifyError) => {
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") throw tooLarge(MAX_PHOTO_BYTES);
    throw err;
  });
  const bytesOf = (body: unknown): Buffer | undefined =>
    body === undefined || body === null
      ? undefined
      : Buffer.isBuffer(body)
        ? body
        : Buffer.from(JSON.stringify(body));
  app.post(
    "/feedback/:code/photos",
    {
      bodyLimit: MAX_PHOTO_BYTES,
      schema: {
        tags,
        summary:
          "Add a photo to feedback just sent (raw body; JPEG, PNG or WebP sniffed from the content; at most 10 MB, 5 photos; the X-Feedback-Token from the submission)",
        consumes: ["image/jpeg", "image/png", "image/webp", "application/octet-stream"],
        headers: photoHeaders,
        params: codeParams,
        response: { 201: photoOut },
      },
      config: { action: "feedback.photo.add", rateLimit: uploadRateLimit(app.config) },
    },
    async (request, reply) => {
      const bytes = bytesOf(request.body);
      const r = await idempotent(
        request.ctx,
        request.headers["idempotency-key"],
        `feedback.photo:${request.params.code}`,
        { sha256: bytes ? sha256Of(bytes) : null },
        () =>
          pub.addPhoto(
            request.ctx,
            request.params.code,
            request.headers["x-feedback-token"],
            bytes,
            request.headers["content-type"],
          ),
      );
      reply.status(201);
      return r;
    },
  );
};

export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags,
        summary:
          "Feedback of the units one handles: filter by unit, status, kind, overdue, assignee; search code, text or sender; sort and page",
        querystring: listQuery,
        response: { 200: listOut },
      },
      config: { action: "feedback.list", personalData: true },
    },
    async (request) => service.list(request.ctx, request.query),
  );
  app.get(
    "/stats",
    {
      schema: {
        tags,
        summary:
          "Feedback figures per unit (the unit and those below it) for items received in a period: answered on time or late, pending and overdue, rejected, published",
        querystring: statsQuery,
        response: { 200: statsOut },
      },
    },
    async (request) => feedbackStats(request.ctx, request.query),
  );
  app.get(
    "/:id",
    {
      schema: {
        tags,
        summary:
          "One item with the sender's data, photos, history, allowed commands and the proposed public text",
        params: idParams,
        response: { 200: detailOut },
      },
      config: { action: "feedback.read", personalData: true },
    },
    async (request) => service.detail(request.ctx, request.params.id),
  );
  app.get(
    "/:id/photos/:photoId",
    {
      schema: { tags, summary: "A photo of an item", params: photoParams },
      config: { action: "feedback.photo.read", personalData: true },
    },
    async (request, reply) => {
      const { photo, bytes } = await service.photoContent(
        request.ctx,
        request.params.id,
        request.params.photoId,
      );
      return reply
        .type(photo.contentType)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  );
  const cmd = (summary: string) => ({ tags, summary, params: idParams, response: { 200: detailOut } });
  app.post(
    "/:id/assign",
    {
      schema: { ...cmd("Assign the item (to oneself by default)"), body: assignBody },
      config: { action: "feedback.assign" },
    },
    async (request) => service.assign(request.ctx, request.params.id, request.body.assigneeId),
  );
  app.post(
    "/:id/reply",
    {
      schema: { ...cmd("Answer the item (the sender sees it with the code)"), body: replyBody },
      config: { action: "feedback.reply" },
    },
    async (request) => service.reply(request.ctx, request.params.id, request.body.reply),
  );
  app.post(
    "/:id/close",
    { schema: { ...cmd("Close an answered item"), body: closeBody }, config: { action: "feedback.close" } },
    async (request) => service.close(request.ctx, request.params.id),
  );
  app.post(
    "/:id/reject",
    {
      schema: {
        ...cmd("Reject the item (not feedback, duplicate, abusive), with the reason the sender sees"),
        body: reasonBody,
      },
      config: { action: "feedback.reject" },
    },
    async (request) => service.reject(request.ctx, request.params.id, request.body.reason),
  );
  app.post(
    "/:id/reroute",
    {
      schema: {
        ...cmd("Send the item to the unit responsible (it starts again there, unassigned)"),
        body: rerouteBody,
      },
      config: { action: "feedback.reroute" },
    },
    async (request) =>
      service.reroute(request.ctx, request.params.id, request.body.unit, request.body.reason),
  );
  app.post(
    "/:id/publish",
    {
      schema: {
        ...cmd(
          "Publish an answered item the sender consented to: the reviewed text (no personal data) and chosen photos",
        ),
        body: publishBody,
      },
      config: { action: "feedback.publish" },
    },
    async (request) =>
      service.publish(request.ctx, request.params.id, request.body.publicText, request.body.publicPhotoIds),
  );
};
