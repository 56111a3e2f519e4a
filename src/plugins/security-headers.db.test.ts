// The security headers on an API route, a refusal, the web app's HTML (a file and the SPA
// fallback) and Swagger UI: parsed, so a weakened directive fails by name.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { setupTestApp } from "../../test/app.ts";
import { webDist } from "../app.ts";

const t = setupTestApp({ MOTCUA_SERVE_WEB: "1", PUBLIC_URL: "https://motcua.example.gov.vn" });

function csp(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe("string");
  const directives = new Map<string, string[]>();
  for (const part of String(header).split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function expectCommonHeaders(headers: Record<string, unknown>) {
  expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  const permissions = String(headers["permissions-policy"]);
  for (const feature of ["camera=()", "microphone=()", "geolocation=()", "payment=()"])
    expect(permissions).toContain(feature);
  expect(headers["x-powered-by"]).toBeUndefined();
}

function expectStrictWebPolicy(header: unknown) {
  const d = csp(header);
  expect(d.get("default-src")).toEqual(["'self'"]);
  expect(d.get("script-src")).toEqual(["'self'"]);
  expect(d.get("script-src-attr")).toEqual(["'none'"]);
  expect(d.get("object-src")).toEqual(["'none'"]);
  expect(d.get("base-uri")).toEqual(["'self'"]);
  expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  expect(d.get("form-action")).toEqual(["'self'"]);
  expect(d.get("connect-src")).toEqual(["'self'"]);
  expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  // Served over https (PUBLIC_URL), mixed content is upgraded.
  expect(d.has("upgrade-insecure-requests")).toBe(true);
  for (const sources of d.values()) {
    expect(sources).not.toContain("'unsafe-eval'");
    expect(sources).not.toContain("*");
  }
}

describe("security headers", () => {
  it("API responses carry them, refusals included", async () => {
    const ok = await t.app.inject({ method: "GET", url: "/api/public/units" });
    expect(ok.statusCode).toBe(200);
    expectCommonHeaders(ok.headers);
    expectStrictWebPolicy(ok.headers["content-security-policy"]);

    const refused = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { origin: "https://evil.example" },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expectCommonHeaders(refused.headers);
    expectStrictWebPolicy(refused.headers["content-security-policy"]);
  });

  it.skipIf(!existsSync(webDist))("the web app's HTML has the strict policy", async () => {
    for (const url of ["/", "/tra-cuu", "/backoffice/dossiers"]) {
      const res = await t.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expectCommonHeaders(res.headers);
      expectStrictWebPolicy(res.headers["content-security-policy"]);
      // Nothing inline that script-src 'self' would block: no inline scripts, no handlers.
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(res.body).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });

  it("Swagger UI has its own working policy", async () => {
    const page = await t.app.inject({ method: "GET", url: "/docs" });
    expect(page.statusCode).toBe(200);
    expectCommonHeaders(page.headers);
    const d = csp(page.headers["content-security-policy"]);
    expect(d.get("script-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    // Every script the page loads is a file under 'self', none inline.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    const init = await t.app.inject({ method: "GET", url: "/docs/static/swagger-initializer.js" });
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain("SwaggerUIBundle");
    expect(csp(init.headers["content-security-policy"]).get("script-src")).toEqual(["'self'"]);
  });
});
