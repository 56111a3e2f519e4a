// The app's OpenAPI document → one fast-check arbitrary of whole HTTP requests (route, role,
// path, query, headers, body), valid, at the edges, and hostile.
import fc from "fast-check";
import { hostileString, hugeString } from "./hostile.ts";
import { fieldOf, type JsonSchema, type Pools, validOf } from "./schema-arb.ts";

type Parameter = { in: "path" | "query" | "header"; name: string; required?: boolean; schema: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
};
export type OpenApiDoc = { paths: Record<string, Record<string, Operation>> };

export type FuzzRoute = {
  method: string;
  /** The OpenAPI path, e.g. /api/dossiers/{id}. */
  path: string;
  params: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  body?: { required: boolean; types: string[]; schema?: JsonSchema };
};

export function routesOf(doc: OpenApiDoc): FuzzRoute[] {
  const routes: FuzzRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      // A parameter without a usable schema is taken as any string. (The VNPAY callbacks' record
      // querystring comes out of the zod → OpenAPI transform as bogus parameters named `type`
      // (schema "object"), `propertyNames` and `additionalProperties`.)
      const ps = (op.parameters ?? []).map((p) => ({
        ...p,
        schema: typeof p.schema === "object" && p.schema !== null ? p.schema : { type: "string" },
      }));
      const content = op.requestBody?.content ?? {};
      const types = Object.keys(content);
      routes.push({
        method: method.toUpperCase(),
        path,
        params: ps.filter((p) => p.in === "path"),
        query: ps.filter((p) => p.in === "query"),
        headers: ps.filter((p) => p.in === "header"),
        body:
          types.length > 0
            ? {
                required: op.requestBody?.required ?? false,
                types,
                schema:
                  content["application/json"]?.schema ?? content["application/x-www-form-urlencoded"]?.schema,
              }
            : undefined,
      });
    }
  return routes;
}

export type FuzzRequest = {
  role: string;
  method: string;
  /** The route it was made for (OpenAPI path), for reports. */
  route: string;
  url: string;
  headers: Record<string, string>;
  /** Raw body text or bytes, sent as is. */
  body?: string | Buffer;
  /** Client address: spread so per-address rate limits stay on without refusing almost everything. */
  remoteAddress: string;
  /** Drop the CSRF token of a signed-in role (the request must then be refused). */
  noCsrf: boolean;
};

/** Real ids and codes for the route's path parameters: chosen by the segment before each one. */
export type PathPools = (route: string, param: string) => readonly string[] | undefined;

/** Text of any generated value (objects may carry a hostile own `toString`: JSON for them). */
const text = (v: unknown): string => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
const queryValue = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : [text(v)]);

const hostileSegment = () =>
  fc.oneof(
    hostileString().map((s) => encodeURIComponent(safeText(s))),
    // Raw (not encoded) segments: traversal, bad percent-encoding, nested paths.
    fc.constantFrom(
      "..",
      "../..",
      "%",
      "%zz",
      "%c0%ae%c0%ae",
      "a/b",
      "%2e%2e%2f",
      "%00",
      "%ED%A0%80",
      "%F0%9F%98%80",
    ),
  );

/**
 * Text for a URL: lone surrogates (which encodeURIComponent refuses; the raw-byte cases cover
 * them) replaced, and at most 16 000 characters — a real client cannot send more through
 * Node's 16 KB header limit; bodies still get the huge strings.
 */
export function safeText(s: string): string {
  return s
    .slice(0, 16_000)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function pathArb(route: FuzzRoute, pathPools: PathPools): fc.Arbitrary<string> {
  const parts = route.params.map((p) => {
    const real = pathPools(route.path, p.name);
    const valid = validOf(p.schema).map((v) => encodeURIComponent(safeText(String(v))));
    return fc.oneof(
      ...(real && real.length > 0
        ? [{ weight: 6, arbitrary: fc.constantFrom(...real).map((v) => encodeURIComponent(v)) }]
        : []),
      { weight: 2, arbitrary: valid },
      { weight: 2, arbitrary: hostileSegment() },
    );
  });
  return fc.tuple(...parts).map((values) => {
    let i = 0;
    return route.path.replace(/\{[^}]+\}/g, () => values[i++]!);
  });
}

function queryArb(route: FuzzRoute, pools: Pools): fc.Arbitrary<string> {
  const fields = route.query.map((q) =>
    fc.oneof(
      // Optional parameters are often left out; required ones sometimes (must be refused).
      { weight: q.required ? 1 : 4, arbitrary: fc.constant(undefined) },
      { weight: 6, arbitrary: fieldOf(q.schema, pools, q.name) },
    ),
  );
  const extras = fc.array(
    fc.tuple(
      fc.constantFrom(
        "__proto__[admin]",
        "constructor[prototype][x]",
        "extra",
        "unitId",
        "limit",
        "q",
        "a[]",
      ),
      hostileString().map(safeText),
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...fields), extras, fc.integer({ min: 0, max: 19 }))
    .map(([values, extra, dup]) => {
      const pairs: [string, string][] = [];
      route.query.forEach((q, i) => {
        if (values[i] === undefined) return;
        for (const v of queryValue(values[i])) pairs.push([q.name, v]);
        // The same key twice: an array where a string was expected.
        if (dup === 0) pairs.push([q.name, "1"]);
      });
      pairs.push(...extra);
      if (pairs.length === 0) return "";
      return `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(safeText(v))}`).join("&")}`;
    });
}

const FILE_HEADS: Record<string, string> = {
  "application/pdf": "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF",
  "image/png": "\u0089PNG\r\n\u001a\n",
  "image/jpeg": "\u00ff\u00d8\u00ff\u00e0",
  "text/csv": "code,procedure_code,received_at\nA,B,2026-01-01\n",
};

function bodyArb(route: FuzzRoute, pools: Pools): fc.Arbitrary<{ type?: string; body?: string | Buffer }> {
  const b = route.body;
  const options: fc.Arbitrary<{ type?: string; body?: string | Buffer }>[] = [];
  if (b?.schema) {
    const isForm = !b.types.includes("application/json");
    options.push(
      fieldOf(b.schema, pools, "", 1).map((v) =>
        isForm
          ? { type: "application/x-www-form-urlencoded", body: formEncode(v) }
          : { type: "application/json", body: JSON.stringify(v) ?? "null" },
      ),
    );
    if (b.types.includes("application/x-www-form-urlencoded"))
      options.push(
        validOf(b.schema, pools).map((v) => ({
          type: "application/x-www-form-urlencoded",
          body: formEncode(v),
        })),
      );
  }
  if (b && !b.schema) {
    // Raw uploads: a plausible file head, random bytes, or nothing.
    options.push(
      fc.tuple(fc.constantFrom(...b.types), fc.uint8Array({ maxLength: 2048 })).map(([type, bytes]) => ({
        type,
        body: Buffer.concat([Buffer.from(FILE_HEADS[type] ?? "", "latin1"), Buffer.from(bytes)]),
      })),
    );
  }
  // The same for every route: malformed JSON, the wrong content type, a body where none is
  // expected, an empty one, a body past the 1 MB limit.
  options.push(
    fc.constantFrom(
      { type: "application/json", body: '{"a":' },
      { type: "application/json", body: "" },
      {
        type: "application/json",
        body: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
      },
      { type: "application/json", body: "\uFEFF{}" },
      { type: "application/json", body: "[]" },
      { type: "application/json", body: "null" },
      { type: "application/json", body: '"\\ud800"' },
      { type: "application/json; charset=utf-16", body: "{}" },
      { type: "text/plain", body: "hello" },
      {
        type: "application/xml",
        body: "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a SYSTEM 'file:///etc/passwd'>]><x>&a;</x>",
      },
      {
        type: "multipart/form-data; boundary=x",
        body: "--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--",
      },
      { type: undefined, body: undefined },
    ),
    hugeString().map((s) => ({ type: "application/json", body: JSON.stringify({ a: s.repeat(4) }) })),
  );
  const weights = options.map((_, i) => (i === 0 && b ? 8 : 1));
  return fc.oneof(...options.map((arbitrary, i) => ({ weight: weights[i]!, arbitrary })));
}

function formEncode(v: unknown): string {
  if (typeof v !== "object" || v === null) return encodeURIComponent(safeText(text(v)));
  return Object.entries(v)
    .map(([k, x]) => `${encodeURIComponent(safeText(k))}=${encodeURIComponent(safeText(text(x)))}`)
    .join("&");
}

function headersArb(route: FuzzRoute): fc.Arbitrary<Record<string, string>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: hostileString().map((s) => safeText(s.slice(0, 500)).replace(/[^\x20-\x7e]/g, "?")),
    },
  );
  const known = route.headers.map((h) =>
    fc.option(
      h.name === "idempotency-key"
        ? key
        : fc.oneof(fc.uuid(), fc.string({ maxLength: 120 })).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
      { freq: 3 },
    ),
  );
  const origin = fc.constantFrom(undefined, undefined, undefined, undefined, "https://evil.example", "null");
  return fc.tuple(fc.tuple(...known), origin).map(([values, o]) => {
    const out: Record<string, string> = {};
    route.headers.forEach((h, i) => {
      if (values[i] !== null && values[i] !== undefined) out[h.name] = values[i]!;
    });
    if (o) out.origin = o;
    return out;
  });
}

// Client addresses: the per-address limits stay on (sign-in, lookups) without refusing most requests.
const addresses = Array.from({ length: 8 }, (_, i) => (i === 7 ? "2001:db8::7" : `10.${i}.0.1`));

export function requestArb(
  routes: FuzzRoute[],
  roles: readonly string[],
  pools: Pools,
  pathPools: PathPools,
): fc.Arbitrary<FuzzRequest> {
  const perRoute = routes.map((route) =>
    fc
      .record({
        role: fc.constantFrom(...roles),
        path: pathArb(route, pathPools),
        query: queryArb(route, pools),
        headers: headersArb(route),
        body:
          route.method === "GET" || route.method === "DELETE"
            ? fc.oneof(
                { weight: 9, arbitrary: fc.constant({}) },
                { weight: 1, arbitrary: bodyArb(route, pools) },
              )
            : bodyArb(route, pools),
        remoteAddress: fc.constantFrom(...addresses),
        dropCsrf: fc.integer({ min: 0, max: 29 }).map((n) => n === 0),
      })
      .map(
        (r): FuzzRequest => ({
          role: r.role,
          method: route.method,
          route: `${route.method} ${route.path}`,
          url: r.path + r.query,
          headers: {
            ...r.headers,
            ...("type" in r.body && r.body.type ? { "content-type": r.body.type } : {}),
          },
          body: "body" in r.body ? r.body.body : undefined,
          remoteAddress: r.remoteAddress,
          noCsrf: r.dropCsrf,
        }),
      ),
  );
  // Addresses no route has (and methods a route lacks): the not-found handler and its limit of
  // 120 a minute per client, reached at the fuzz's pace from the one address these come from.
  const unknown = fc
    .record({
      role: fc.constantFrom(...roles),
      method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"),
      prefix: fc.constantFrom("/api/", "/api/v1/", "/api/public/", "/", "/open311/v2/", "/docs/"),
      segment: hostileSegment(),
    })
    .map(
      (r): FuzzRequest => ({
        role: r.role,
        method: r.method,
        route: "(no such route)",
        url: `${r.prefix}${r.segment}`,
        headers: {},
        remoteAddress: "10.99.0.1",
        noCsrf: false,
      }),
    );
  return fc.oneof(...perRoute, { weight: 10, arbitrary: unknown });
}
