// CSRF on every state-changing route: walks the app's route table and, for each route that is
// not GET/HEAD/OPTIONS, sends a signed-in request (1) without the x-csrf-token and (2) with the
// token but a foreign Origin. Both must be refused with a 403 problem before any handler runs.
// A new route fails here unless it is protected or listed in EXEMPT with the reason.
import { describe, expect, it } from "vitest";
import { login, type Session, setupTestApp } from "./app.ts";

const t = setupTestApp();

/**
 * Routes outside the cookie session by design: the session plugin loads a session only under
 * /api/, so a browser's cookie gives these no authority and there is nothing to forge. Each
 * still refuses a foreign Origin (checked below).
 */
const EXEMPT_FROM_TOKEN: Record<string, string> = {
  "POST /open311/v2/requests.json":
    "Open311 GeoReport v2: an anonymous public submission by other systems; outside /api/ no cookie session is read, so a forged request carries no one's authority",
};
/** Routes that answer in another standard's error format (Open311's array), still a 403. */
const FOREIGN_FORMAT = new Set(["POST /open311/v2/requests.json"]);

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const UUID = "00000000-0000-4000-8000-000000000000";

/** A concrete URL for a route pattern: every parameter becomes a UUID (the refusal comes first). */
const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, UUID).replace(/\*$/, "x") || "/";

describe("CSRF: every state-changing route", () => {
  let session: Session;
  const routes = () =>
    t.app.registeredRoutes
      .filter((r) => !SAFE.has(r.method))
      .map((r) => ({ method: r.method as "POST" | "PUT" | "PATCH" | "DELETE", url: r.url }));

  it("the route table has the state-changing routes", () => {
    expect(routes().length).toBeGreaterThan(50);
    // Every exemption names a real route: a stale entry would hide a new route of that name.
    const keys = new Set(routes().map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(EXEMPT_FROM_TOKEN)) expect(keys, key).toContain(key);
  });

  it("a signed-in request without the token is refused on each route", async () => {
    session = await login(t.app, "admin");
    const accepted: string[] = [];
    for (const r of routes()) {
      const key = `${r.method} ${r.url}`;
      if (EXEMPT_FROM_TOKEN[key]) continue;
      const res = await t.app.inject({
        method: r.method,
        url: concrete(r.url),
        headers: { cookie: session.cookie, "content-type": "application/json" },
        payload: "{}",
      });
      if (
        res.statusCode !== 403 ||
        !String(res.headers["content-type"]).startsWith("application/problem+json") ||
        res.json().code !== "auth.csrf"
      )
        accepted.push(`${key} → ${res.statusCode}`);
    }
    expect(accepted).toEqual([]);
  });

  it("a signed-in request with the token but a foreign Origin is refused on each route", async () => {
    session ??= await login(t.app, "admin");
    const accepted: string[] = [];
    for (const r of routes()) {
      const res = await t.app.inject({
        method: r.method,
        url: concrete(r.url),
        headers: {
          cookie: session.cookie,
          "x-csrf-token": session.csrf,
          origin: "https://evil.example",
          "content-type": "application/json",
        },
        payload: "{}",
      });
      const key = `${r.method} ${r.url}`;
      const refused = res.statusCode === 403 && (FOREIGN_FORMAT.has(key) || res.json().code === "auth.csrf");
      if (!refused) accepted.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(accepted).toEqual([]);
  });

  it("the session is still usable: the same request with the token reaches the route", async () => {
    // Guards the walk above against a session that was never valid (everything would be 403).
    session ??= await login(t.app, "admin");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: {
        cookie: session.cookie,
        "x-csrf-token": session.csrf,
        host: "motcua.test",
        origin: "http://motcua.test",
      },
    });
    expect(res.statusCode).toBe(204);
  });
});
