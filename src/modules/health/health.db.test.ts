import { describe, expect, it } from "vitest";
import { setupTestApp } from "../../../test/app.ts";

const t = setupTestApp();

describe("operations endpoints", () => {
  it("answers liveness and readiness with the database kind", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = (await t.app.inject({ url: "/readyz" })).json();
    expect(ready).toEqual({
      status: "ready",
      database: process.env.MOTCUA_TEST_DB === "pg" ? "postgres" : "pglite",
    });
  });

  it("publishes an OpenAPI 3.1 document generated from the zod schemas", async () => {
    const res = await t.app.inject({ url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/auth/login", "/api/org/units/{id}/rename", "/api/audit/verify"]),
    );
    const rename = doc.paths["/api/org/units/{id}/rename"].post;
    expect(rename.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["name", "validFrom"]),
    );
    expect((await t.app.inject({ url: "/docs" })).statusCode).toBeLessThan(400);
  });

  it("answers unknown API paths with a problem, not a stack trace", async () => {
    const res = await t.app.inject({ url: "/api/does-not-exist" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({
      code: "route_not_found",
      message: { vi: "Không tìm thấy địa chỉ này." },
    });
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("bad_json");
    expect(res.body).not.toContain("at ");
  });
});
