// What every refused request must answer: an RFC 9457 problem (src/plugins/errors.ts), except
// where a standard the route implements mandates its own error shape.

/**
 * Routes whose 4xx bodies follow another standard, and why:
 * - /open311/v2/…: Open311 GeoReport v2 ("Errors" in the specification) answers errors with an
 *   array of {code, description} objects in the requested format, and its clients parse that
 *   array; the routes' own error handler (feedback/open311.routes.ts) writes it. A path under the
 *   prefix that matches no route gets the app's ordinary problem (the not-found handler).
 */
const OPEN311 = /^\/open311\/v2\//;

/** Why a response is not an acceptable refusal, or undefined when it is (or is not a 4xx). */
export function checkResponse(
  url: string,
  status: number,
  contentType: string,
  body: string,
): string | undefined {
  if (status < 400 || status >= 500) return undefined;
  if (OPEN311.test(url) && /^application\/json\b/.test(contentType)) return open311Error(body, status);
  if (!/^application\/problem\+json\b/.test(contentType)) return `content-type ${contentType || "(none)"}`;
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(body);
  } catch {
    return "a problem+json body that is not JSON";
  }
  if (typeof p !== "object" || p === null || Array.isArray(p)) return "a problem that is not an object";
  if (typeof p.type !== "string" || typeof p.title !== "string" || typeof p.code !== "string")
    return "a problem without type, title or code";
  if (p.status !== status)
    return `a problem whose status ${String(p.status)} is not the response's ${status}`;
  const m = p.message as Record<string, unknown> | undefined;
  if (typeof m?.vi !== "string" || typeof m?.en !== "string" || !m.vi || !m.en)
    return "a problem without its vi and en messages";
  return undefined;
}

function open311Error(body: string, status: number): string | undefined {
  let errors: unknown;
  try {
    errors = JSON.parse(body);
  } catch {
    return "an Open311 error that is not JSON";
  }
  if (!Array.isArray(errors) || errors.length === 0) return "an Open311 error that is not a non-empty array";
  for (const e of errors as Record<string, unknown>[])
    if (e?.code !== status || typeof e.description !== "string" || !e.description)
      return "an Open311 error entry without its code and description";
  return undefined;
}
