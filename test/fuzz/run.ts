// The API fuzzer: reads the app's OpenAPI document and sends generated requests (valid, at the
// edges, hostile) to every route as every demo role, one at a time, checking each response:
// no 5xx, every 4xx a problem+json (Open311's own error array on its routes), and no database
// change from a refused request. On failure fast-check shrinks to a minimal request.
//
//   npm run test:fuzz                         embedded database, 100 000 requests, random seed
//   npm run test:fuzz -- --pg                 PostgreSQL (or DATABASE_URL / MOTCUA_TEST_DB=pg)
//   FUZZ_SEED=42 FUZZ_REQUESTS=5000 npm run test:fuzz
//   FUZZ_SEED=42 FUZZ_PATH=123:4:0 npm run test:fuzz      replay a failure (printed on failure)
//   FUZZ_KEEP_GOING=1 …                       collect every failure instead of shrinking the first
//   FUZZ_FAIL_ON_STATUS=409 …                 self-test: any 409 fails (shows shrinking and the replay line)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";

const argv = process.argv.slice(2);
const usePg = argv.includes("--pg") || process.env.MOTCUA_TEST_DB === "pg" || !!process.env.DATABASE_URL;
if (usePg) {
  process.env.MOTCUA_TEST_DB = "pg";
  // test/db.ts copies a template database on the server of DATABASE_URL (its own database name is not used).
  if (process.env.DATABASE_URL && !process.env.MOTCUA_TEST_PG_URL)
    process.env.MOTCUA_TEST_PG_URL = process.env.DATABASE_URL.replace(/\/[^/?]+(\?.*)?$/, "");
}
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const numRuns = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const replayPath = process.env.FUZZ_PATH || undefined;
const keepGoing = process.env.FUZZ_KEEP_GOING === "1";
// A self-test of the failure path (shrinking, replay line): treat this status as a failure.
const failOnStatus = process.env.FUZZ_FAIL_ON_STATUS ? Number(process.env.FUZZ_FAIL_ON_STATUS) : undefined;

// Imported after the environment is set: test/db.ts reads MOTCUA_TEST_PG_URL when loaded.
const { buildApp } = await import("../../src/app.ts");
const { default: globalSetup } = await import("../global-setup.ts");
const { openTestDatabase } = await import("../db.ts");
const { login, testConfig } = await import("../app.ts");
const { queryRows } = await import("../../src/db/client.ts");
const { sql } = await import("drizzle-orm");
const { installChangeCounters, changeTotal, changesByTable, changedTables, loadPools } = await import(
  "./fuzz-db.ts"
);
const { routesOf, requestArb } = await import("./requests.ts");
const { checkResponse } = await import("./checks.ts");
type FuzzRequest = import("./requests.ts").FuzzRequest;

export const OFFICIALS = [
  "admin",
  "giamsat",
  "quantri.thuanhoa",
  "tiepnhan.thuanhoa",
  "chuyenvien.thuanhoa",
  "lanhdao.thuanhoa",
  "vanthu.thuanhoa",
  "tiepnhan.phuxuan",
  "quantri.phuxuan",
];
const CITIZEN = "congdan@motcua.example";
const ROLES = ["anonymous", CITIZEN, ...OFFICIALS];

/**
 * Refused requests that change data by design, each with the tables it may change:
 * a refused sign-in counts the failed attempt (and may lock the account) on `users` — it runs
 * outside the request's transaction on purpose (auth.service.ts); so does a password change
 * refused for a wrong current password (account.service.ts), and a contact change refused for the
 * same reason (contact.service.ts).
 */
const REFUSALS_THAT_WRITE: Record<string, string[]> = {
  "POST /api/auth/login": ["users"],
  "POST /api/auth/password": ["users"],
  "POST /api/auth/contact": ["users"],
};

const started = Date.now();
const filesDir = mkdtempSync(path.join(tmpdir(), "motcua-fuzz-"));
// The template is made from migrations + demo seed exactly as for the test suite.
const teardown = (await globalSetup({ provide: () => {} } as never)) as () => Promise<void> | void;
const database = await openTestDatabase();
const db = database.db;
const config = testConfig({
  // High limits so the fuzz is not all 429, but rate limiting stays on (and the 404 limit of
  // 120 a minute per address is hit at times: requests come from 8 addresses).
  LOGIN_RATE_PER_MINUTE: "600",
  LOOKUP_RATE_PER_MINUTE: "600",
  // The fuzz signs in with real user names and wrong passwords: a lockout would turn its roles
  // anonymous for the rest of the run (lockout itself is tested in the auth module).
  LOGIN_MAX_ATTEMPTS: "1000000",
  // No background work: every change must belong to the request that was just sent.
  OUTBOX_POLL_MS: "0",
  REPORT_COMPACT_MS: "0",
  PAYMENTS_POLL_MS: "0",
  MOTCUA_DATA_DIR: filesDir,
});
const app = await buildApp({ database, config, logger: false });
await app.ready();

let exitCode = 0;
try {
  const doc = (await app.inject({ method: "GET", url: "/docs/json" })).json();
  const routes = routesOf(doc);
  const sessions = new Map<string, { cookie: string; csrf: string; userId: string }>();
  for (const role of ROLES.slice(1)) sessions.set(role, await login(app, role));
  const ownGrants = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from role_grants where user_id::text in (${sql.join(
      [...sessions.values()].map((s) => sql`${s.userId}`),
      sql`, `,
    )})`,
  );
  const pools = await loadPools(
    db,
    new Set([...ownGrants.map((g) => g.id), ...[...sessions.values()].map((s) => s.userId)]),
  );
  const tables = await installChangeCounters(db);
  const setupMs = Date.now() - started;
  console.log(
    `fuzz: ${routes.length} routes from /docs/json, ${ROLES.length} roles, ${tables.length} tables counted, ` +
      `${usePg ? "PostgreSQL" : "embedded database"}, seed ${seed}, setup ${(setupMs / 1000).toFixed(1)} s`,
  );

  const histogram = new Map<number, number>();
  const perRoute = new Map<string, Set<number>>();
  const failures = new Map<string, { request: FuzzRequest; status: number; problem: string }>();
  const counts = {
    sent: 0,
    shrinkSent: 0,
    fivexx: 0,
    nonProblem: 0,
    refusedWithChanges: 0,
    excused: 0,
    relogins: 0,
  };
  let total = await changeTotal(db);
  let byTable = await changesByTable(db);
  let shrinking = false;
  let previous = "none";
  // Where the time goes: per route (the app) and the change counter (the fuzz's own reads).
  const routeMs = new Map<string, number>();
  let counterMs = 0;
  const loopStart = Date.now();

  const relogin = async (role: string) => {
    counts.relogins++;
    sessions.set(role, await login(app, role));
  };

  const send = async (req: FuzzRequest): Promise<string | undefined> => {
    const session = sessions.get(req.role);
    const headers: Record<string, string> = { ...req.headers };
    if (session) {
      headers.cookie = session.cookie;
      if (!req.noCsrf) headers["x-csrf-token"] = session.csrf;
    }
    // The display's live feed never ends: take the head of the response, then hang up.
    const stream = req.route === "GET /api/public/queue/stream/{unitCode}";
    const t0 = performance.now();
    const res = await app.inject({
      method: req.method as "GET",
      url: req.url,
      headers,
      payload: req.body,
      remoteAddress: req.remoteAddress,
      ...(stream ? { payloadAsStream: true } : {}),
    });
    const body = stream && res.statusCode === 200 ? "" : stream ? await streamText(res.stream()) : res.body;
    if (stream) res.stream().destroy();
    const ms = performance.now() - t0;
    routeMs.set(req.route, (routeMs.get(req.route) ?? 0) + ms);
    if (shrinking) counts.shrinkSent++;
    else counts.sent++;
    const status = res.statusCode;
    histogram.set(status, (histogram.get(status) ?? 0) + 1);
    const seen = perRoute.get(req.route) ?? new Set<number>();
    seen.add(status);
    perRoute.set(req.route, seen);

    // An import runs in the background after its 202: wait for it, so its writes are not taken
    // for the next request's.
    if (req.route === "POST /api/v1/imports/dossiers" && status === 202)
      await waitForImport(JSON.parse(body).id);

    const t1 = performance.now();
    const after = await changeTotal(db);
    let changed: string[] = [];
    if (after !== total) {
      const now = await changesByTable(db);
      changed = changedTables(byTable, now);
      byTable = now;
      total = after;
    }

    counterMs += performance.now() - t1;
    const problems: string[] = [];
    const shape = checkResponse(req.url, status, String(res.headers["content-type"] ?? ""), body);
    if (status >= 500) {
      counts.fivexx++;
      problems.push(`5xx: ${status} ${body.slice(0, 300)}`);
    } else if (shape) {
      counts.nonProblem++;
      problems.push(`non-problem ${status}: ${shape}`);
    }
    if (status === failOnStatus) problems.push(`status ${status} (FUZZ_FAIL_ON_STATUS)`);
    if (status >= 400 && status < 500 && changed.length > 0) {
      const allowed = REFUSALS_THAT_WRITE[req.route] ?? [];
      if (changed.every((t) => allowed.includes(t))) counts.excused++;
      else {
        counts.refusedWithChanges++;
        // The change may belong to the request before, if it answered before committing.
        problems.push(
          `refused ${status} but changed ${changed.join(", ")} (the request before: ${previous}): ${body.slice(0, 200)}`,
        );
      }
    }

    // Keep the roles signed in: the fuzz may sign a role out (a valid request). A new sign-in
    // writes (sessions, users): the counters are read again after it.
    if (session && (status === 401 || (req.route === "POST /api/auth/logout" && status < 300))) {
      const me = await app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: { cookie: session.cookie },
      });
      if (me.statusCode === 401) {
        await relogin(req.role);
        total = await changeTotal(db);
        byTable = await changesByTable(db);
      }
    }
    previous = `${req.route} → ${status}`;
    if (problems.length === 0) return undefined;
    const key = `${req.route} ${status} ${problems[0]!.split(":")[0]}`;
    if (!failures.has(key)) failures.set(key, { request: req, status, problem: problems.join("; ") });
    return problems.join("; ");
  };

  const waitForImport = async (id: string) => {
    const admin = sessions.get("admin")!;
    for (let i = 0; i < 300; i++) {
      const run = await app.inject({
        method: "GET",
        url: `/api/v1/imports/${id}`,
        headers: { cookie: admin.cookie },
      });
      if (run.statusCode !== 200 || run.json().status !== "running") return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  const arbitrary = requestArb(routes, ROLES, pools.field, pools.path);
  let progressAt = Date.now();
  const property = fc.asyncProperty(arbitrary, async (req) => {
    const problem = await send(req);
    if (!shrinking && Date.now() - progressAt > 30_000) {
      progressAt = Date.now();
      const rate = counts.sent / ((Date.now() - loopStart) / 1000);
      console.log(`fuzz: ${counts.sent} requests, ${rate.toFixed(0)}/s`);
    }
    if (problem && !keepGoing) {
      shrinking = true;
      throw new Error(`${describe(req)}\n  → ${problem}`);
    }
  });
  let failure: string | undefined;
  try {
    await fc.assert(property, { seed, numRuns, path: replayPath, verbose: 0 });
  } catch (err) {
    // fast-check's report (seed, path, the shrunk counterexample), then what was wrong with it.
    const cause = (err as Error).cause;
    failure = `${(err as Error).message}\n${cause instanceof Error ? cause.message : ""}`;
  }

  const seconds = (Date.now() - loopStart) / 1000;
  const failed = counts.fivexx + counts.nonProblem + counts.refusedWithChanges > 0 || failures.size > 0;
  if (failure) {
    console.log(`\nfuzz: FAILED — fast-check's minimal request and replay values:\n${failure}`);
    const path = /path: "([^"]+)"/.exec(failure)?.[1] ?? "<path above>";
    console.log(`replay: FUZZ_SEED=${seed} FUZZ_PATH=${path} npm run test:fuzz${usePg ? " -- --pg" : ""}`);
  }
  if (keepGoing && failures.size > 0) {
    console.log(`\nfuzz: ${failures.size} distinct failures (route, status, kind):`);
    for (const [key, f] of failures) console.log(`- ${key}\n  ${describe(f.request)}\n  → ${f.problem}`);
  }
  const statuses = [...histogram].sort(([a], [b]) => a - b);
  console.log(`statuses: ${statuses.map(([s, n]) => `${s}×${n}`).join(" ")}`);
  perRoute.delete("(no such route)");
  const reached = [...perRoute.values()].filter((s) => [...s].some((x) => x < 300)).length;
  const beyondValidator = [...perRoute.values()].filter((s) =>
    [...s].some((x) => x !== 400 && x !== 429),
  ).length;
  console.log(
    `routes: ${perRoute.size}/${routes.length} sent, ${reached} answered 2xx at least once, ` +
      `${beyondValidator} answered something other than 400/429; ${counts.excused} refusals that write by design ` +
      `(${Object.keys(REFUSALS_THAT_WRITE).join(", ")}); ${counts.relogins} re-sign-ins; ${counts.shrinkSent} requests while shrinking`,
  );
  const appMs = [...routeMs.values()].reduce((a, b) => a + b, 0);
  const slowest = [...routeMs].sort(([, a], [, b]) => b - a).slice(0, 5);
  console.log(
    `time: app ${(appMs / 1000).toFixed(0)} s, change counter ${(counterMs / 1000).toFixed(0)} s, ` +
      `generation and checks ${(seconds - (appMs + counterMs) / 1000).toFixed(0)} s; slowest routes: ` +
      slowest.map(([r, t]) => `${r} ${(t / 1000).toFixed(1)} s`).join(", "),
  );
  console.log(
    `fuzz: ${counts.sent} requests, ${counts.fivexx} 5xx, ${counts.nonProblem} non-problem 4xx, ` +
      `${counts.refusedWithChanges} refused-with-changes (seed ${seed}, ${seconds.toFixed(0)} s, ` +
      `${(counts.sent / seconds).toFixed(0)} req/s, ${usePg ? "PostgreSQL" : "embedded"})`,
  );
  if (failed || failure) exitCode = 1;
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await app.close();
  await database.close();
  await teardown();
  rmSync(filesDir, { recursive: true, force: true });
}
process.exit(exitCode);

function describe(req: FuzzRequest): string {
  const body =
    req.body === undefined
      ? ""
      : typeof req.body === "string"
        ? req.body.slice(0, 300)
        : `<${req.body.length} bytes>`;
  const headers = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${v.slice(0, 80)}`)
    .join(", ");
  return `${req.role} ${req.method} ${req.url.slice(0, 400)}${headers ? ` [${headers}]` : ""}${
    req.noCsrf ? " (no CSRF token)" : ""
  }${body ? ` body ${body}` : ""}`;
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
