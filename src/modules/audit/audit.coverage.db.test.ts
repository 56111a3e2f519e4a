// What the audit log covers: every state-changing route names its audit action, nothing leaves
// the log without a stated reason, reads that return personal data are flagged so they are
// audited, and such a read really writes its row. A new route that forgets any of this fails here.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";

const t = setupTestApp();

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

// Routes not audited at all, and why. Anything else with `noAudit` fails.
const NOT_AUDITED: Record<string, string> = {
  "GET /healthz": "liveness probe, polled every few seconds; no data",
  "GET /readyz": "readiness probe, polled every few seconds; no data",
  "POST /api/public/verify":
    "checks the caller's own PDF against its signature: stores nothing, reads nothing personal (a POST only for the body)",
};

// Routes that manage their own transaction and are audited by the onSend hook instead.
const OWN_TRANSACTION: Record<string, string> = {
  "POST /api/auth/login": "the failed-attempt counter must survive a refused sign-in",
  "POST /api/auth/password": "a wrong current password counts towards the lockout, as a refused sign-in",
  "POST /api/auth/contact": "a wrong current password counts towards the lockout, as a password change",
  "POST /api/v1/imports/dossiers": "a long streamed import commits in batches, with its run's progress",
};

// Response fields that carry a person's data. A GET whose 200 response has one of them must be
// flagged `personalData` (so the read is audited), or be listed below with the reason it need not.
const PERSONAL_FIELDS = new Set([
  "applicant",
  "applicantName",
  "idNumber",
  "birthDate",
  "dateOfBirth",
  "phone",
  "email",
  "address",
  "postalAddress",
  "fullName",
]);
const PERSONAL_BUT_NOT_AUDITED: Record<string, string> = {
  "GET /api/auth/me": "the signed-in user's own account",
  "GET /api/public/dossiers/{code}": "public lookup: the applicant's name is masked (maskName)",
  "GET /api/public/ratings/{token}": "rating link: the applicant's name is masked",
  "GET /api/v1/ratings/desk": "desk tablet: the applicant's name is masked",
  "GET /api/v1/units/{id}/contacts": "a unit's official hotline, e-mail and address, not a person's",
  "GET /api/public/units/{id}/contacts": "a unit's official hotline, e-mail and address, not a person's",
  "GET /open311/v2/requests.json":
    "published feedback: the address is where the problem is; no reporter data",
  "GET /open311/v2/requests/{file}":
    "published feedback: the address is where the problem is; no reporter data",
};

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** Property names anywhere in a JSON schema (objects, arrays, unions, references inlined). */
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, into);
  else if (schema && typeof schema === "object") {
    const props = (schema as { properties?: Record<string, unknown> }).properties;
    if (props) for (const k of Object.keys(props)) into.add(k);
    for (const v of Object.values(schema)) propertyNames(v, into);
  }
  return into;
}

describe("audit coverage of the route table", () => {
  it("every state-changing route declares its audit action; unaudited ones are listed with a reason", () => {
    const routes = t.app.registeredRoutes;
    expect(routes.length).toBeGreaterThan(80);
    const commands = routes.filter((r) => !SAFE.has(r.method));
    expect(commands.length).toBeGreaterThan(50);
    // Action names as the audit log and its search use them: dotted, lower case.
    const unnamed = commands
      .filter((r) => !r.config.noAudit)
      .filter((r) => !/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(r.config.action ?? ""))
      .map(key);
    expect(unnamed, "commands without config.action (the audit log would show METHOD /url)").toEqual([]);
    const silent = routes.filter((r) => r.config.noAudit).map(key);
    expect(silent.sort(), "routes with noAudit: add them to NOT_AUDITED with a reason").toEqual(
      Object.keys(NOT_AUDITED).sort(),
    );
    const own = routes.filter((r) => r.config.transaction === false).map(key);
    expect(own.sort(), "routes with transaction: false: add them to OWN_TRANSACTION with a reason").toEqual(
      Object.keys(OWN_TRANSACTION).sort(),
    );
    // Reads flagged personalData are audited, so they need an action too.
    const personalUnnamed = routes
      .filter((r) => SAFE.has(r.method) && r.config.personalData && !r.config.action)
      .map(key);
    expect(personalUnnamed).toEqual([]);
  });

  it("every read whose response carries personal data is flagged personalData, or listed with a reason", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const config = new Map(t.app.registeredRoutes.map((r) => [key(r), r.config]));
    const unflagged: string[] = [];
    let flagged = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      const fields = [...propertyNames(op.responses?.["200"])].filter((f) => PERSONAL_FIELDS.has(f));
      if (fields.length === 0) continue;
      const route = `GET ${p}`;
      const cfg = config.get(`GET ${p.replace(/\{(\w+)\}/g, ":$1")}`);
      expect(cfg, `${route} is in the OpenAPI document but not in the route table`).toBeDefined();
      if (cfg?.personalData) flagged++;
      else if (!(route in PERSONAL_BUT_NOT_AUDITED)) unflagged.push(`${route} (${fields.join(", ")})`);
    }
    expect(unflagged, "reads returning personal data without config.personalData").toEqual([]);
    // The check sees the flagged reads too (it would be vacuous if the schema walk found nothing).
    expect(flagged).toBeGreaterThan(5);
    // The exemptions still exist, so the list cannot rot into excusing nothing.
    for (const route of Object.keys(PERSONAL_BUT_NOT_AUDITED))
      expect(doc.paths[route.slice(4)]?.get, route).toBeDefined();
  });
});

describe("reads of personal data are audited", () => {
  let desk: Session;
  let other: Session;
  let dossierId: string;
  beforeAll(async () => {
    desk = await login(t.app, "tiepnhan.thuanhoa");
    other = await login(t.app, "tiepnhan.phuxuan");
    const list = await call(t.app, desk, "GET", "/api/dossiers?pageSize=1");
    expect(list.statusCode).toBe(200);
    dossierId = list.json().items[0].id;
  });

  const auditRows = (action: string, target: string) =>
    queryRows<{ actor_user_id: string | null; outcome: number; unit_id: string | null }>(
      t.database.db,
      sql`select actor_user_id, outcome, unit_id from audit_log where action = ${action} and target = ${target} order by seq`,
    );

  it("a dossier's detail read writes a dossier.read row with the reader and the unit", async () => {
    expect(await auditRows("dossier.read", dossierId)).toEqual([]);
    const res = await call(t.app, desk, "GET", `/api/dossiers/${dossierId}`);
    expect(res.statusCode).toBe(200);
    const rows = await auditRows("dossier.read", dossierId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: desk.userId, outcome: 200 });
    expect(rows[0]!.unit_id).not.toBeNull();
  });

  it("a refused read of the same dossier is audited too, with its 404", async () => {
    const res = await call(t.app, other, "GET", `/api/dossiers/${dossierId}`);
    expect(res.statusCode).toBe(404);
    const rows = await auditRows("dossier.read", dossierId);
    expect(rows.map((r) => [r.actor_user_id, r.outcome])).toEqual([
      [desk.userId, 200],
      [other.userId, 404],
    ]);
  });

  it("a work queue (names of applicants) writes a dossier.list row", async () => {
    const [before] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'dossier.list' and actor_user_id = ${desk.userId}`,
    );
    expect((await call(t.app, desk, "GET", "/api/dossiers?pageSize=5")).statusCode).toBe(200);
    const [after] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'dossier.list' and actor_user_id = ${desk.userId}`,
    );
    expect(after!.n).toBe(before!.n + 1);
  });
});
