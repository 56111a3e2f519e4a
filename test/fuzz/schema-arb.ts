// JSON Schema (as the app's OpenAPI document states it, from the zod schemas) → fast-check
// arbitraries: values the schema accepts, and values near or past its edges.
import fc from "fast-check";
import { hostileString, hostileValue, objectOf } from "./hostile.ts";

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  [k: string]: unknown;
};

/** Real values a parameter or field may take (ids and codes from the database), by field name. */
export type Pools = (field: string) => readonly string[] | undefined;

const noPools: Pools = () => undefined;

const LOOKAROUND_CANDIDATES = [
  "Fuzz-Motcua-2026!",
  "Tieng Viet 2026 Hue",
  "abcdefghij1234567890",
  "A1b2C3d4E5",
];

const dateTime = () =>
  fc
    .date({
      min: new Date("2000-01-01T00:00:00Z"),
      max: new Date("2035-12-31T23:59:59Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString());

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  // Free text is kept short unless the schema says more; a pattern decides its own length (a
  // 43-character token under a default of 40 would be filtered out forever: a hang, not a test).
  const max = s.maxLength ?? (s.pattern ? Number.POSITIVE_INFINITY : Math.max(min, 40));
  const fits = (v: string) => v.length >= min && v.length <= max;
  switch (s.format) {
    case "uuid":
      return fc.uuid({ version: [4, 7] });
    case "date-time":
      return dateTime();
    case "date":
      return dateTime().map((d) => d.slice(0, 10));
    case "email":
      return fc
        .tuple(
          fc.stringMatching(/^[a-z0-9]{1,12}$/),
          fc.constantFrom("motcua.example", "hue.gov.vn", "gmail.com"),
        )
        .map(([user, domain]) => `${user}@${domain}`)
        .filter(fits);
    case "binary":
      return fc.string({ maxLength: 64 });
  }
  if (s.pattern) {
    try {
      const re = new RegExp(s.pattern, "u");
      // fast-check ignores lookarounds (a password's "a letter and a digit"): such patterns get
      // strings known to suit common rules instead.
      if (/\(\?<?[=!]/.test(s.pattern)) {
        const suitable = LOOKAROUND_CANDIDATES.filter((c) => re.test(c) && fits(c));
        if (suitable.length > 0) return fc.constantFrom(...suitable);
      }
      return fc.stringMatching(re).filter(fits);
    } catch {
      // A pattern fast-check cannot generate from: fall back to plain strings.
    }
  }
  // Mostly readable Vietnamese-like text, sometimes any unicode: both must be accepted.
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 60) }) },
      {
        weight: 2,
        arbitrary: fc
          .array(fc.constantFrom("Nguyễn", "Văn", "Ánh", "Huế", "phường", "Thuận", "Hóa", "123", "a"), {
            minLength: 1,
            maxLength: 6,
          })
          .map((w) => w.join(" ")),
      },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 30) }) },
    )
    .filter(fits);
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  let min = s.minimum ?? (integer ? -1_000_000 : -1e9);
  let max = s.maximum ?? (integer ? 1_000_000 : 1e9);
  if (typeof s.exclusiveMinimum === "number") min = s.exclusiveMinimum + (integer ? 1 : 1e-6);
  if (typeof s.exclusiveMaximum === "number") max = s.exclusiveMaximum - (integer ? 1 : 1e-6);
  if (integer) {
    const lo = Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER);
    const hi = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
    // Bounds are where the bugs are: pick them (and small values) often.
    const small = fc.integer({ min: Math.max(lo, -5), max: Math.max(Math.min(hi, 50), Math.max(lo, -5)) });
    return fc.oneof(fc.constantFrom(lo, hi), small, fc.integer({ min: lo, max: hi }));
  }
  return fc.oneof(
    fc.constantFrom(min, max),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  );
}

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ["object"];
  if (s.items) return ["array"];
  return [];
}

/**
 * Values that satisfy the schema. `field` names the property for the pools of real values
 * (a `unitId` gets a real unit's id part of the time).
 */
export function validOf(s: JsonSchema, pools: Pools = noPools, field = "", depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf ?? s.oneOf)
    return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => validOf(x, pools, field, depth)));
  if (s.allOf) return validOf(Object.assign({}, ...s.allOf) as JsonSchema, pools, field, depth);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => validOf({ ...s, type: t }, pools, field, depth)));
  switch (types[0]) {
    case "string": {
      const base = stringArb(s);
      const real = pools(field)?.filter(
        (v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY),
      );
      return real && real.length > 0
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, base)
        : base;
    }
    case "integer":
      return numberArb(s, true);
    case "number":
      return numberArb(s, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 4, depth > 2 ? minLength : 4));
      return fc.array(validOf(s.items ?? {}, pools, field, depth + 1), { minLength, maxLength });
    }
    case "object": {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const keys = Object.keys(props);
      if (keys.length === 0) {
        if (s.additionalProperties === false) return fc.constant({});
        // A record (propertyNames/additionalProperties): a few entries.
        const value = typeof s.additionalProperties === "object" ? s.additionalProperties : {};
        const key = s.propertyNames ? (validOf(s.propertyNames, pools) as fc.Arbitrary<string>) : fc.string();
        return fc
          .array(fc.tuple(key, validOf(value, pools, "", depth + 1)), { maxLength: depth > 1 ? 0 : 3 })
          .map((entries) => objectOf(entries));
      }
      return fc.record(Object.fromEntries(keys.map((k) => [k, validOf(props[k]!, pools, k, depth + 1)])), {
        requiredKeys: keys.filter((k) => required.has(k)),
      });
    }
  }
  return fc.jsonValue({ maxDepth: 2 });
}

/** Strings just outside a string schema's bounds or format. */
function edgeString(s: JsonSchema): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [hostileString()];
  if (s.maxLength !== undefined) options.push(fc.constant("x".repeat(s.maxLength + 1)));
  if (s.minLength) options.push(fc.constant("x".repeat(s.minLength - 1)));
  if (s.format === "uuid") options.push(fc.constantFrom("1", "zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz", "{}"));
  return fc.oneof(...options);
}

/**
 * Values that break the schema somewhere: the wrong type, a bound passed by one, a required field
 * dropped, prototype keys added, or a hostile value deep inside an otherwise valid object.
 */
export function hostileOf(s: JsonSchema, pools: Pools = noPools, depth = 0): fc.Arbitrary<unknown> {
  const types = typesOf(s);
  const options: fc.Arbitrary<unknown>[] = [hostileValue()];
  if (types.includes("string")) options.push(edgeString(s));
  if (types.includes("integer") || types.includes("number")) {
    const edges: unknown[] = ["1", 0.5, Number.MAX_SAFE_INTEGER + 1, -Number.MAX_SAFE_INTEGER - 2];
    if (s.minimum !== undefined) edges.push(s.minimum - 1);
    if (s.maximum !== undefined) edges.push(s.maximum + 1);
    options.push(fc.constantFrom(...edges));
  }
  if (types.includes("array") && depth < 3) {
    const item = s.items ?? {};
    options.push(
      fc.array(fc.oneof(validOf(item, pools), hostileOf(item, pools, depth + 1)), { maxLength: 4 }),
    );
    if (s.maxItems !== undefined && s.maxItems < 2000)
      options.push(validOf(item, pools).map((v) => Array.from({ length: s.maxItems! + 1 }, () => v)));
  }
  if (s.properties && Object.keys(s.properties).length > 0 && depth < 3) {
    const keys = Object.keys(s.properties);
    const valid = validOf(s, pools) as fc.Arbitrary<Record<string, unknown>>;
    // One field replaced by a hostile value of its own schema.
    options.push(
      fc
        .tuple(valid, fc.constantFrom(...keys))
        .chain(([v, k]) =>
          hostileOf(s.properties![k]!, pools, depth + 1).map((bad) =>
            objectOf([...Object.entries(v), [k, bad]]),
          ),
        ),
    );
    // A required field missing.
    if (s.required?.length)
      options.push(
        fc.tuple(valid, fc.constantFrom(...s.required)).map(([v, k]) => {
          const { [k]: _dropped, ...rest } = v;
          return rest;
        }),
      );
    // Extra and prototype-polluting keys.
    options.push(
      fc
        .tuple(
          valid,
          fc.array(
            fc.tuple(fc.constantFrom("__proto__", "constructor", "extra", "isAdmin"), hostileValue()),
            { minLength: 1, maxLength: 3 },
          ),
        )
        .map(([v, extra]) => objectOf([...Object.entries(v), ...extra])),
    );
  }
  if (s.anyOf ?? s.oneOf)
    options.push(fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => hostileOf(x, pools, depth + 1))));
  return fc.oneof(...options);
}

/** Mostly valid, often hostile: the mix one fuzzed field gets. */
export function fieldOf(
  s: JsonSchema,
  pools: Pools,
  field: string,
  hostileWeight = 1,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: validOf(s, pools, field) },
    { weight: hostileWeight, arbitrary: hostileOf(s, pools) },
  );
}
