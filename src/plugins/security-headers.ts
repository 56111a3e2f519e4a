// Security headers on every response (API, web app, problems, /docs) with @fastify/helmet.
//
// The web app is a static SPA (web/dist): its only script is the hashed module bundle, so
// scripts are 'self' only — no inline script, no eval. Styles are 'self' 'unsafe-inline' on
// purpose: antd 6 (CSS-in-JS) injects <style> elements at run time and rc-components set
// style attributes. A nonce would need index.html rendered per response (it is a static,
// precompressed file) and, once a nonce is present, browsers ignore 'unsafe-inline', which
// would also block those style attributes. Injected CSS cannot run code, so the risk left is
// small next to scripts.
//
// Swagger UI (/docs) gets its own policy from @fastify/swagger-ui (`docsContentSecurityPolicy`).
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Browser features no page uses: the kiosk and queue display speak (speechSynthesis needs no permission). */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=(self)",
  "camera=()",
  "display-capture=()",
  "fullscreen=(self)",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "hid=()",
  "interest-cohort=()",
].join(", ");

/** The web app's policy directives (helmet's form: names in camelCase, lists of sources). */
export function webCspDirectives(secure: boolean): Record<string, string[] | null> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "blob:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    // No page embeds frames or starts workers.
    frameSrc: ["'none'"],
    workerSrc: ["'self'"],
    mediaSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    // Payments leave by navigation (window.location) to the gateway, never by a form post.
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // Over plain HTTP (development, the e2e server) upgrading would break every request.
    upgradeInsecureRequests: secure ? [] : null,
  };
}

/** Swagger UI: its bundle and initializer are files under /docs/static; it styles inline. */
export const docsContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export default fp(
  async function securityHeaders(app: FastifyInstance) {
    const secure = app.config.cookieSecure;
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: webCspDirectives(secure) },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      frameguard: { action: "deny" },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginOpenerPolicy: { policy: "same-origin" },
      // Same-site only: the gateway simulator and other sites must not embed our files.
      crossOriginResourcePolicy: { policy: "same-site" },
      // COEP would need every embedded resource to opt in; nothing here needs cross-origin isolation.
      crossOriginEmbedderPolicy: false,
      xContentTypeOptions: true,
    });
    app.addHook("onRequest", async (_request, reply) => {
      reply.header("permissions-policy", PERMISSIONS_POLICY);
    });
  },
  { name: "security-headers", dependencies: ["errors"] },
);
