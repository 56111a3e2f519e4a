// Hostile inputs for the API fuzzer: strings and values that have broken web services before
// (encodings, injections, traversal, prototype keys, sizes, numbers at the edges of their types).
import fc from "fast-check";

/** Strings a careless parser, database driver, renderer or file system trips over. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800", // lone high surrogate: not encodable as UTF-8
  "\uDFFF", // lone low surrogate
  "x\uD83Dy",
  "\u202Eevil\u202C", // right-to-left override
  "\u200B\u200C\u200D\uFEFF", // zero-width characters and a BOM
  `e${"\u0301".repeat(200)}`, // a pile of combining marks
  "Nguyễn Văn Ả\u0309", // Vietnamese, precomposed and combining
  "👨‍👩‍👧‍👦🇻🇳🏳️‍🌈",
  "\r\n\t\u000b\u000c\u001b[31m",
  "\u2028\u2029",
  "Ｆｕｌｌｗｉｄｔｈ",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "1; SELECT pg_sleep(10)--",
  "\\",
  "%",
  "_",
  "%_%",
  "' UNION SELECT NULL, NULL--",
  "$1",
  "E'\\x00'",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, on purpose
  "${7*7}",
  "=cmd|' /C calc'!A0", // spreadsheet formula injection
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "..\\..\\windows\\win.ini",
  "%00",
  "....//....//",
  "/",
  ".",
  "..",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "9007199254740993",
  "0x10",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31T23:59:59Z",
  "-271821-04-20T00:00:00Z",
  "2026-01-01T25:61:61Z",
  "00000000-0000-0000-0000-000000000000",
  "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
  "not-a-uuid",
  "a@b",
  "@",
  "motcua_sid=forged",
];

/** Object keys that pollute prototypes when merged naively. */
export const HOSTILE_KEYS: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "",
  "$where",
  "a.b",
  "a[b]",
  "\u0000",
  "\uD800",
];

/** A huge string built by repetition (fast even at hundreds of kilobytes). */
export const hugeString = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom("A", "é", "😀", "\u0301", "' OR 1=1 --", "<b>"),
      fc.integer({ min: 1_000, max: 300_000 }),
    )
    .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 1, arbitrary: hugeString() },
  );

/** An object with own enumerable keys, including "__proto__" (kept by JSON.stringify, unlike a literal). */
export function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Any JSON value of the wrong kind: other types, edge numbers, deep nesting, prototype keys. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileString() },
    {
      weight: 3,
      arbitrary: fc.constantFrom<unknown>(
        null,
        true,
        false,
        0,
        -0,
        -1,
        1.5,
        1e308,
        -1e308,
        Number.MAX_SAFE_INTEGER + 2,
        2 ** 31,
        -(2 ** 63),
        [],
        {},
        [null],
        [[[[[]]]]],
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 2 }))
        .map(([k, v]) => objectOf([[k, v]])),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 50, max: 1_000 }).map((depth) => {
        let v: unknown = 1;
        for (let i = 0; i < depth; i++) v = [v];
        return v;
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.jsonValue({ maxDepth: 1 }), fc.integer({ min: 1000, max: 3000 }))
        .map(([v, n]) => Array.from({ length: n }, () => v)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
