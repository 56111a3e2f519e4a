// The rate limit of every route that takes a file (UPLOAD_RATE_PER_MINUTE): counted per signed-in
// user, so officials of one office behind one NAT address do not share a budget, and per client
// address when anonymous (feedback photos, PDF verification). The route-level limit runs after
// the session plugin's onRequest hook, so the actor is known.
import type { FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";

export const uploadRateLimit = (config: Config) => ({
  max: config.uploadRatePerMinute,
  timeWindow: "1 minute",
  keyGenerator: (request: FastifyRequest) =>
    request.actor ? `upload:user:${request.actor.userId}` : `upload:ip:${request.ip}`,
});
