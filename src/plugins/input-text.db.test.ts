// Regressions found by the API fuzzer (test/fuzz): input the router or PostgreSQL refuses must
// come back as a problem (never a 500, never Fastify's own JSON), and its refusal is audited.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../test/app.ts";
import { queryRows } from "../db/client.ts";
import { nulPaths } from "./input-text.ts";

const t = setupTestApp();
let admin: Session;
beforeAll(async () => {
  admin = await login(t.app, "admin");
});

const expectProblem = (res: {
  statusCode: number;
  headers: Record<string, unknown>;
  json: () => unknown;
}) => {
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const p = res.json() as {
    status: number;
    code: string;
    message: { vi: string; en: string };
    errors?: { path: string; code: string }[];
  };
  expect(p.status).toBe(res.statusCode);
  expect(p.message.vi).toBeTruthy();
  expect(p.message.en).toBeTruthy();
  return p;
};

describe("text with a NUL character", () => {
  it("is found in keys and values, nested", () => {
    expect(nulPaths({ a: "x", b: ["ok", "n\u0000"], c: { "k\u0000": 1 } })).toEqual(["b.1", "c.k\\0"]);
    expect(nulPaths("\u0000")).toEqual(["(root)"]);
    expect(nulPaths({ a: "fine", b: Buffer.from([0]) })).toEqual([]);
  });

  it("in a path parameter: a 400 problem, and the refusal audited (it was a 500)", async () => {
    // The request the fuzzer shrank to: the audit row's target was the raw parameter.
    const res = await call(t.app, admin, "POST", "/api/org/units/%00/abolish", {
      effectiveDate: "2030-06-21",
    });
    expect(res.statusCode).toBe(400);
    const p = expectProblem(res);
    expect(p.errors?.[0]).toMatchObject({ path: "params.id", code: "nul_character" });
    const audited = await queryRows<{ target: string; outcome: number; details: { problem?: string } }>(
      t.database.db,
      sql`select target, outcome, details from audit_log order by seq desc limit 1`,
    );
    expect(audited[0]).toMatchObject({ target: "\uFFFD", outcome: 400, details: { problem: "validation" } });
  });

  it("in a query string or a JSON body: a 400 problem naming the field (a 500 where it reached SQL)", async () => {
    const q = await call(t.app, null, "GET", "/api/public/units/a%00b/contacts");
    expect(q.statusCode).toBe(400);
    expect(expectProblem(q).errors?.[0]?.path).toBe("params.id");
    const search = await call(t.app, null, "GET", "/api/public/procedures?q=a%00b");
    expect(search.statusCode).toBe(400);
    expect(expectProblem(search).errors?.[0]?.path).toBe("query.q");
    const body = await call(t.app, admin, "POST", "/api/org/units", { name: "Phường\u0000", code: "x" });
    expect(body.statusCode).toBe(400);
    expect(expectProblem(body).errors?.map((e) => e.path)).toContain("body.name");
  });
});

describe("addresses the router refuses", () => {
  it("a malformed percent-encoding: a 400 problem, not Fastify's JSON", async () => {
    for (const url of ["/api/dossiers/%zz", "/api/public/procedures/%", "/open311/v2/requests/%c0%ae.json"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(400);
      expect(expectProblem(res).code).toBe("bad_url");
    }
  });

  it("a path parameter over 100 characters: a 414 problem", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/public/procedures/${"A".repeat(101)}` });
    expect(res.statusCode).toBe(414);
    expect(expectProblem(res).code).toBe("uri_too_long");
  });
});
