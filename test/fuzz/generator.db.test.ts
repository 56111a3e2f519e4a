// The fuzzer's OpenAPI → arbitrary generator: valid values pass the routes' own schemas (as the
// OpenAPI document states them, and as the app validates them), hostile ones are produced and
// refused, and whole requests cover every route with the hostile cases the fuzz promises.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { login, setupTestApp } from "../app.ts";
import { hostileValue } from "./hostile.ts";
import { type FuzzRoute, requestArb, routesOf } from "./requests.ts";
import { hostileOf, type JsonSchema, validOf } from "./schema-arb.ts";

const t = setupTestApp();
let routes: FuzzRoute[];
beforeAll(async () => {
  routes = routesOf((await t.app.inject({ method: "GET", url: "/docs/json" })).json());
});

// ajv-formats is CommonJS: its function is the default export's default under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

function compiler() {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addFormat("binary", true);
  return ajv;
}

/** Every schema the routes declare: path and query parameters, JSON bodies. */
function schemasOf(rs: FuzzRoute[]): { where: string; schema: JsonSchema; required: boolean }[] {
  return rs.flatMap((r) => [
    ...[...r.params, ...r.query].map((p) => ({
      where: `${r.method} ${r.path} ${p.in} ${p.name}`,
      schema: p.schema,
      required: true,
    })),
    ...(r.body?.schema
      ? [{ where: `${r.method} ${r.path} body`, schema: r.body.schema, required: true }]
      : []),
  ]);
}

describe("the generator", () => {
  it("reads every route of the OpenAPI document, with their parameters and bodies", () => {
    expect(routes.length).toBeGreaterThan(150);
    expect(routes.find((r) => r.path === "/api/dossiers/{id}/commands")).toMatchObject({
      method: "POST",
      params: [expect.objectContaining({ name: "id" })],
      body: expect.objectContaining({ types: ["application/json"] }),
    });
  });

  it("makes valid values that every schema accepts", () => {
    const ajv = compiler();
    const schemas = schemasOf(routes);
    expect(schemas.length).toBeGreaterThan(300);
    for (const { where, schema } of schemas) {
      const validate = ajv.compile(schema);
      for (const value of fc.sample(validOf(schema), { numRuns: 15, seed: 7 }))
        expect(
          validate(value),
          `${where}: ${JSON.stringify(value)?.slice(0, 300)} ${ajv.errorsText(validate.errors)}`,
        ).toBe(true);
    }
  });

  it("makes hostile values that the schemas mostly refuse", () => {
    const ajv = compiler();
    let refused = 0;
    let total = 0;
    for (const { schema } of schemasOf(routes).filter(
      (s) => s.schema.type === "object" || s.schema.format === "uuid",
    )) {
      const validate = ajv.compile(schema);
      for (const value of fc.sample(hostileOf(schema), { numRuns: 10, seed: 9 })) {
        total++;
        if (!validate(value)) refused++;
      }
    }
    // Some hostile values are valid on purpose (a prototype key where extra keys are allowed).
    expect(refused / total).toBeGreaterThan(0.6);
  });

  it("makes the hostile inputs it promises", () => {
    const texts = fc.sample(hostileValue(), { numRuns: 3000, seed: 3 }).map((v) => JSON.stringify(v) ?? "");
    const has = (re: RegExp) => texts.some((s) => re.test(s));
    expect(has(/\\ud800|\\udfff/i)).toBe(true); // lone surrogates
    expect(has(/\\u0000/)).toBe(true); // NUL
    expect(has(/\u202e/)).toBe(true); // right-to-left override
    expect(has(/\u0301\u0301/)).toBe(true); // combining marks
    expect(has(/👨‍👩‍👧‍👦/u)).toBe(true); // emoji sequences
    expect(has(/DROP TABLE/)).toBe(true);
    expect(has(/<script>/)).toBe(true);
    expect(has(/\.\.\/\.\.\//)).toBe(true);
    expect(has(/"__proto__":/)).toBe(true);
    expect(texts.some((s) => s.length > 100_000)).toBe(true); // huge strings

    const requests = fc.sample(
      requestArb(
        routes,
        ["anonymous", "admin"],
        () => undefined,
        () => undefined,
      ),
      {
        numRuns: 4000,
        seed: 5,
      },
    );
    expect(new Set(requests.map((r) => r.route)).size).toBeGreaterThan(routes.length * 0.9);
    expect(requests.some((r) => r.url.includes("%zz") || r.url.includes("/../"))).toBe(true); // hostile paths
    expect(requests.some((r) => r.url.includes("__proto__"))).toBe(true); // hostile query keys
    expect(requests.some((r) => r.headers["content-type"] === "text/plain")).toBe(true); // wrong type
    expect(requests.some((r) => r.noCsrf)).toBe(true);
  });
});

describe("valid requests pass the app's own validation", () => {
  it("GET routes with valid parameters are never refused as invalid input", async () => {
    const admin = await login(t.app, "admin");
    // A real unit for `{id}`-style parameters, so the request gets past the validator and the lookup.
    const refusedAsInvalid: string[] = [];
    for (const route of routes.filter((r) => r.method === "GET" && !r.path.includes("/stream/"))) {
      const arb = fc.record({
        params: fc.tuple(...route.params.map((p) => validOf(p.schema, () => undefined, p.name))),
        query: fc.tuple(
          ...route.query.map((q) =>
            q.required
              ? validOf(q.schema, () => undefined, q.name)
              : fc.option(validOf(q.schema), { nil: undefined }),
          ),
        ),
      });
      for (const sample of fc.sample(arb, { numRuns: 3, seed: 11 })) {
        let i = 0;
        const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(sample.params[i++])));
        const query = route.query
          .map((q, j) =>
            sample.query[j] === undefined
              ? undefined
              : `${q.name}=${encodeURIComponent(String(sample.query[j]))}`,
          )
          .filter(Boolean)
          .join("&");
        const res = await t.app.inject({
          method: "GET",
          url: `${path}${query ? `?${query}` : ""}`,
          headers: { cookie: admin.cookie },
        });
        const body = res.headers["content-type"]?.toString().includes("json") ? res.json() : {};
        // Schema keywords only: `custom` (a zod refinement the OpenAPI document cannot state) and
        // the services' own checks (codes with a dot, such as `appointment.unit_unknown`) are not
        // the generator's to satisfy.
        const fields = ((body as { errors?: { path: string; code: string }[] }).errors ?? []).filter(
          (e) => /^(params|query)\./.test(e.path) && e.code !== "custom" && !e.code.includes("."),
        );
        if (res.statusCode === 400 && (body as { code?: string }).code === "validation" && fields.length > 0)
          refusedAsInvalid.push(`${route.path}?${query}: ${JSON.stringify(fields)}`);
      }
    }
    expect(refusedAsInvalid).toEqual([]);
  });
});
