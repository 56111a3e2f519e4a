// The permission matrix: every registered route × every principal (anonymous, the citizen, each
// role at the own, another and the parent unit: permissions/principals.ts), every cell asserted
// with its exact status. Each route's case (here and in permissions/*.ts) names its allowed cells
// and its refusal rule (permissions/types.ts); a route added without a case, a cell without a
// status or a stale docs/permission-matrix.md fails the first tests.
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../src/db/schema.ts";
import { ROLE_DEFS } from "../src/modules/auth/auth.policy.ts";
import { pdfBytes, pngBytes } from "../src/modules/documents/test-files.ts";
import { call, login, type Session, setupTestApp, unitIdByCode } from "./app.ts";
import { extraCases } from "./permissions/index.ts";
import { expectedCells, isPlainRefusal, type RoutedCase, renderMatrix } from "./permissions/matrix.ts";
import {
  at,
  cells,
  covering,
  ensurePrincipals,
  everywhere,
  freshStaff,
  PRINCIPALS,
  type Principal,
  SIGNED_IN,
  SUBTREE_ROLES,
  UNIT_STAFF,
  usernameOf,
} from "./permissions/principals.ts";
import { TRACKING_BOOK_READERS } from "./permissions/reports.ts";
import type { Case, Ids, Request } from "./permissions/types.ts";

// Uploaded files and the generated demo signing key go to a temporary data directory.
const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-perm-"));
// Every cell of the matrix is one request: the public routes' per-minute limits (feedback
// submissions, bookings, uploads that make the cases' records) would otherwise refuse them.
const t = setupTestApp({
  MOTCUA_DATA_DIR: dataDir,
  LOOKUP_RATE_PER_MINUTE: "100000",
  BOOKING_RATE_PER_MINUTE: "100000",
  UPLOAD_RATE_PER_MINUTE: "100000",
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Prefixes served by libraries, open to everyone by design.
const PUBLIC_PREFIXES = ["/docs"];

const scratchCounter = { n: 0 };
const cases: Record<string, Case> = {
  "GET /healthz": { public: true, reason: "liveness probe" },
  "GET /readyz": { public: true, reason: "readiness probe" },
  "POST /api/auth/login": { public: true, reason: "sign-in" },
  "POST /api/auth/register": { public: true, reason: "citizen registration" },
  "GET /api/auth/oidc/config": { public: true, reason: "tells the login page whether e-ID is on" },
  "GET /api/auth/oidc/login": { public: true, reason: "starts e-ID sign-in" },
  "GET /api/auth/oidc/callback": { public: true, reason: "e-ID provider returns here" },
  "GET /api/public/units": { public: true, reason: "public organisation tree" },
  "GET /api/public/procedures": { public: true, reason: "public catalog search" },
  "GET /api/public/procedures/:code": { public: true, reason: "public procedure page" },
  "GET /api/public/catalog/report": { public: true, reason: "catalog report is public information" },
  "GET /api/public/catalog/sectors": { public: true, reason: "public catalog filter values" },
  "GET /api/public/units/:id/calendar": { public: true, reason: "working days and holidays are public" },
  "GET /api/public/units/:id/calendar/due": { public: true, reason: "due dates are public arithmetic" },
  "GET /api/public/dossiers/:code": {
    public: true,
    reason: "status lookup by code: masked name, no personal data, rate limited",
  },
  "POST /api/dossiers": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/dossiers",
      payload: { unitId: ids.thuanHoa, procedureCode: "1.004873", applicant: { name: "Lê Văn Tám" } },
    }),
    allow: cells(covering("receptionist"), 201),
    sees: UNIT_STAFF,
  },
  "POST /api/dossiers/batch": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/dossiers/batch",
      payload: {
        unitId: ids.thuanHoa,
        items: [
          {
            procedureCode: "1.004873",
            applicant: { name: "Lê Văn Tám" },
            receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
          },
        ],
      },
    }),
    allow: cells(covering("receptionist"), 201),
    sees: UNIT_STAFF,
  },
  "GET /api/dossiers": {
    request: async (ids) => ({ method: "GET", url: `/api/dossiers?unitId=${ids.thuanHoa}` }),
    // System administrators run the system, not dossiers: no access to citizens' files.
    // The citizen lists their own dossiers. Without dossier.read anywhere the answer is 403
    // before the unit is looked at; with it elsewhere, the unit is hidden (404).
    allow: cells(
      [...covering("receptionist", "specialist", "leader", "clerk", "supervisor"), "citizen"],
      200,
    ),
    sees: everywhere("unit_admin", "system_admin"),
  },
  "GET /api/dossiers/:id": {
    request: async (ids) => ({ method: "GET", url: `/api/dossiers/${(await ids.dossier()).id}` }),
    allow: cells(covering("receptionist", "specialist", "leader", "clerk", "supervisor"), 200),
    sees: [],
  },
  "POST /api/dossiers/:id/commands": {
    request: async (ids) => {
      const d = await ids.dossier();
      return {
        method: "POST",
        url: `/api/dossiers/${d.id}/commands`,
        payload: { command: "forward", expectedVersion: d.version },
      };
    },
    allow: cells(covering("receptionist", "specialist", "leader", "clerk"), 200),
    sees: covering("supervisor"),
  },
  "GET /api/dossiers/book.pdf": {
    request: async (ids) => ({
      method: "GET",
      url: `/api/dossiers/book.pdf?unitId=${ids.thuanHoa}&from=2026-01-01&to=2026-12-31`,
    }),
    // The same readers as the reports' tracking book (specialists and clerks were let in: fixed).
    allow: cells(TRACKING_BOOK_READERS, 200),
    sees: UNIT_STAFF,
  },
  "GET /api/dossiers/:id/forms/:form": {
    request: async (ids) => ({
      method: "GET",
      url: `/api/dossiers/${(await ids.dossier()).id}/forms/receipt`,
    }),
    allow: cells(covering("receptionist", "specialist", "leader", "clerk"), 200),
    sees: covering("supervisor"),
  },
  "POST /api/portal/dossiers": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/portal/dossiers",
      payload: { unitId: ids.thuanHoa, procedureCode: "1.004873", applicant: { name: "Lê Văn Tám" } },
    }),
    allow: { citizen: 201 },
    sees: "all",
  },
  "GET /api/org/units/:id/processes/:code": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/processes/1.004873` }),
    allow: cells(UNIT_STAFF, 200),
    sees: UNIT_STAFF,
  },
  "POST /api/org/units/:id/processes/:code": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/processes/1.004873`,
      payload: {
        decisionRef: "1/QĐ",
        approvedOn: "2026-01-01",
        steps: [{ name: "Xử lý", role: "specialist", hours: 4 }],
      },
    }),
    allow: cells(covering("unit_admin", "system_admin"), 201),
    sees: UNIT_STAFF,
  },
  "PUT /api/org/units/:id/calendar": {
    request: async (ids) => ({
      method: "PUT",
      url: `/api/org/units/${ids.thuanHoa}/calendar`,
      payload: { config: {} },
    }),
    allow: cells(covering("unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "GET /api/public/units/:id/procedures.pdf": { public: true, reason: "the desk-wall listing is public" },
  "POST /api/catalog/decisions": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/catalog/decisions",
      payload: {
        decision: {
          number: `P-${++scratchCounter.n}`,
          signedOn: "2026-01-01",
          effectiveFrom: "2026-01-01",
          issuerUnitId: ids.thuanHoa,
        },
        changes: [
          {
            change: "added",
            record: {
              code: `1.98${String(scratchCounter.n).padStart(4, "0")}`,
              name: "Thủ tục thử quyền",
              sector: "Thử nghiệm",
              levels: ["commune"],
              channels: { online: "none" },
              deadline: { kind: "working_days", value: 2 },
            },
          },
        ],
      },
    }),
    allow: cells(covering("unit_admin", "system_admin"), 201),
    // The issuing unit is named in the body: one the caller does not see is a field error.
    sees: UNIT_STAFF,
    hidden: 400,
  },
  "GET /api/org/units/:id/procedures": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/procedures` }),
    allow: cells(UNIT_STAFF, 200),
    sees: UNIT_STAFF,
  },
  "PUT /api/org/units/:id/procedures/:code": {
    request: async (ids) => ({
      method: "PUT",
      url: `/api/org/units/${ids.thuanHoa}/procedures/1.001193`,
      payload: { localNotes: "Quầy 1" },
    }),
    allow: cells(covering("unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "DELETE /api/org/units/:id/procedures/:code": {
    request: async (ids, app) => {
      const admin = await login(app, "quantri.thuanhoa");
      await call(app, admin, "PUT", `/api/org/units/${ids.thuanHoa}/procedures/1.000656`, {});
      return { method: "DELETE", url: `/api/org/units/${ids.thuanHoa}/procedures/1.000656` };
    },
    allow: cells(covering("unit_admin", "system_admin"), 204),
    sees: UNIT_STAFF,
  },
  "POST /api/auth/logout": {
    request: async () => ({ method: "POST", url: "/api/auth/logout" }),
    freshSession: true,
    allow: cells(SIGNED_IN, 204),
    sees: "all",
  },
  "GET /api/auth/me": {
    request: async () => ({ method: "GET", url: "/api/auth/me" }),
    allow: cells(SIGNED_IN, 200),
    sees: "all",
  },
  "GET /api/org/units/:id": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}` }),
    allow: cells(UNIT_STAFF, 200),
    sees: UNIT_STAFF,
  },
  "POST /api/org/units": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/org/units",
      payload: {
        code: `46.9${String(++scratchCounter.n).padStart(4, "0")}`,
        name: "Xã Thử Nghiệm",
        level: "commune",
        parentId: ids.province,
        validFrom: "2026-01-01",
      },
    }),
    // The new unit goes under the province: the province's staff see it, its system admin acts.
    allow: { "system_admin@parent": 201 },
    sees: at("parent", ...ROLES),
  },
  "POST /api/org/units/:id/rename": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/rename`,
      payload: {
        name: "Phường Thuận Hóa",
        validFrom: `2030-01-${String((++scratchCounter.n % 28) + 1).padStart(2, "0")}`,
      },
    }),
    allow: cells(covering("unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "POST /api/org/units/:id/abolish": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${await ids.scratch()}/abolish`,
      payload: { effectiveDate: "2027-01-01" },
    }),
    // A new commune under the province: only the province's subtree roles see it.
    allow: { "system_admin@parent": 200 },
    sees: ["supervisor@parent"],
  },
  "POST /api/org/units/:id/agencies": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/agencies`,
      payload: { code: `AG.${++scratchCounter.n}`, name: "Phòng Văn hóa - Xã hội", kind: "internal" },
    }),
    allow: cells(covering("unit_admin", "system_admin"), 201),
    sees: UNIT_STAFF,
  },
  "GET /api/org/units/:id/staff": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/staff` }),
    allow: cells(covering("leader", "unit_admin", "supervisor", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "POST /api/org/units/:id/roles": {
    // A fresh account each time: granting to a matrix principal would change its column.
    request: async (ids, app) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/roles`,
      payload: { userId: await freshStaff(app), role: "specialist" },
    }),
    allow: cells(covering("unit_admin", "system_admin"), 201),
    sees: UNIT_STAFF,
  },
  "DELETE /api/org/units/:id/roles/:grantId": {
    request: async (ids, app) => {
      const admin = await login(app, "quantri.thuanhoa");
      const res = await call(app, admin, "POST", `/api/org/units/${ids.thuanHoa}/roles`, {
        userId: await freshStaff(app),
        role: "specialist",
      });
      return { method: "DELETE", url: `/api/org/units/${ids.thuanHoa}/roles/${res.json().id}` };
    },
    allow: cells(covering("unit_admin", "system_admin"), 204),
    sees: UNIT_STAFF,
  },
  "GET /api/audit": {
    request: async () => ({ method: "GET", url: "/api/audit" }),
    allow: cells(everywhere("supervisor", "system_admin"), 200),
    sees: "all",
  },
  "POST /api/dossiers/:id/documents": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/dossiers/${(await ids.dossier()).id}/documents?name=to-khai.pdf&kind=digitized`,
      payload: await pdfBytes(),
      headers: { "content-type": "application/pdf" },
    }),
    allow: cells(covering("receptionist", "specialist", "leader", "clerk"), 201),
    sees: covering("supervisor"),
  },
  "GET /api/dossiers/:id/documents": {
    request: async (ids) => ({ method: "GET", url: `/api/dossiers/${(await ids.dossier()).id}/documents` }),
    // Supervisors see dossiers masked: no documents.
    allow: cells(covering("receptionist", "specialist", "leader", "clerk"), 200),
    sees: covering("supervisor"),
  },
  "POST /api/dossiers/:id/documents/reuse": {
    request: async (ids, app) => {
      const citizen = await login(app, "congdan@motcua.example");
      const draft = async () =>
        (
          await call(
            app,
            citizen,
            "POST",
            "/api/portal/dossiers",
            {
              unitId: ids.thuanHoa,
              procedureCode: "1.004873",
              applicant: { name: "Lê Văn Tám" },
              draft: true,
            },
            { "idempotency-key": randomUUID() },
          )
        ).json().id as string;
      const first = await draft();
      const doc = await app.inject({
        method: "POST",
        url: `/api/dossiers/${first}/documents?name=cccd.png`,
        payload: pngBytes(),
        headers: {
          cookie: citizen.cookie,
          "x-csrf-token": citizen.csrf,
          "content-type": "image/png",
          "idempotency-key": randomUUID(),
        },
      });
      return {
        method: "POST",
        url: `/api/dossiers/${await draft()}/documents/reuse`,
        payload: { documentId: doc.json().id },
      };
    },
    // A citizen's draft is theirs alone.
    allow: { citizen: 201 },
    sees: [],
  },
  "POST /api/dossiers/:id/results": {
    request: async (ids, app) => {
      const d = await ids.dossier();
      await call(
        app,
        await login(app, "tiepnhan.thuanhoa"),
        "POST",
        `/api/dossiers/${d.id}/commands`,
        { command: "forward", expectedVersion: d.version },
        { "idempotency-key": randomUUID() },
      );
      return {
        method: "POST",
        url: `/api/dossiers/${d.id}/results?name=ket-qua.pdf`,
        payload: await pdfBytes(),
        headers: { "content-type": "application/pdf" },
      };
    },
    allow: cells(covering("leader", "clerk"), 201),
    sees: covering("receptionist", "specialist", "supervisor"),
  },
  "GET /api/documents/:docId/content": {
    request: async (ids, app) => {
      const d = await ids.dossier();
      const desk = await login(app, "tiepnhan.thuanhoa");
      const doc = await app.inject({
        method: "POST",
        url: `/api/dossiers/${d.id}/documents?name=a.png`,
        payload: pngBytes(),
        headers: {
          cookie: desk.cookie,
          "x-csrf-token": desk.csrf,
          "content-type": "image/png",
          "idempotency-key": randomUUID(),
        },
      });
      return { method: "GET", url: doc.json().contentUrl };
    },
    allow: cells(covering("receptionist", "specialist", "leader", "clerk"), 200),
    sees: covering("supervisor"),
  },
  "GET /api/portal/documents": {
    request: async () => ({ method: "GET", url: "/api/portal/documents" }),
    allow: { citizen: 200 },
    sees: "all",
  },
  "GET /api/public/dossiers/:code/results": {
    public: true,
    reason: "electronic results' hashes and signature status by dossier code: no personal data, rate limited",
  },
  "POST /api/public/verify": {
    public: true,
    reason: "anyone may check a signed PDF they hold; nothing stored, rate limited",
  },
  "GET /api/audit/verify": {
    request: async () => ({ method: "GET", url: "/api/audit/verify" }),
    allow: cells(everywhere("system_admin"), 200),
    sees: "all",
  },
  // Routes added with issue #6, one file per module (test/permissions/).
  ...extraCases,
};

const MATRIX_DOC = path.join(import.meta.dirname, "../docs/permission-matrix.md");
// Records every cell's actual status (one JSON line each) instead of asserting: a tool for
// writing a new route's case, never set in CI.
const RECORD = process.env.MOTCUA_MATRIX_RECORD;

describe("permission suite", () => {
  beforeAll(() => ensurePrincipals(t.database));

  it("has a case for every registered route, and a route for every case", () => {
    expect(t.app.registeredRoutes.length).toBeGreaterThan(15);
    const registered = t.app.registeredRoutes
      .map((r) => `${r.method} ${r.url.replace(/\/$/, "") || "/"}`)
      .filter((key) => !PUBLIC_PREFIXES.some((p) => key.split(" ")[1]!.startsWith(p)));
    expect(
      registered.filter((key) => !cases[key]),
      "routes without a case (test/permissions.db.test.ts, test/permissions/*.ts)",
    ).toEqual([]);
    expect(
      Object.keys(cases).filter((key) => !registered.includes(key)),
      "cases of routes that are not registered",
    ).toEqual([]);
  });

  it("models the policy's subtree roles", () => {
    expect(ROLES.filter((r) => ROLE_DEFS[r].subtree)).toEqual(SUBTREE_ROLES);
  });

  it("gives every route a status for every principal", () => {
    const routed = Object.entries(cases).filter((e): e is [string, RoutedCase] => !("public" in e[1]));
    for (const [key, c] of routed) expect(expectedCells(key, c).size, key).toBe(PRINCIPALS.length);
  });

  it.skipIf(RECORD)("keeps docs/permission-matrix.md in step with the cases", () => {
    const doc = renderMatrix(cases);
    if (process.env.MOTCUA_UPDATE_MATRIX === "1") writeFileSync(MATRIX_DOC, doc);
    expect(
      existsSync(MATRIX_DOC) && readFileSync(MATRIX_DOC, "utf8") === doc,
      "docs/permission-matrix.md is out of date: MOTCUA_UPDATE_MATRIX=1 npx vitest run test/permissions.db.test.ts",
    ).toBe(true);
  });

  const sessions = new Map<Principal, Session>();
  const as = async (p: Principal, fresh = false) => {
    const username = usernameOf(p);
    if (!username) return null;
    if (fresh) return login(t.app, username);
    if (!sessions.has(p)) sessions.set(p, await login(t.app, username));
    return sessions.get(p)!;
  };

  let units: Pick<Ids, "province" | "thuanHoa" | "phuXuan"> | undefined;
  for (const [key, c] of Object.entries(cases)) {
    if ("public" in c) continue;
    it(key, async () => {
      units ??= {
        province: await unitIdByCode(t.app, "46"),
        thuanHoa: await unitIdByCode(t.app, "46.19753"),
        phuXuan: await unitIdByCode(t.app, "46.19774"),
      };
      const { province } = units;
      const ids: Ids = {
        ...units,
        scratch: async () => {
          const admin = await as("system_admin@parent");
          const res = await call(t.app, admin, "POST", "/api/org/units", {
            code: `46.8${String(++scratchCounter.n).padStart(4, "0")}`,
            name: "Xã Tạm",
            level: "commune",
            parentId: province,
            validFrom: "2026-01-01",
          });
          return res.json().unit.id;
        },
        dossier: async () => {
          const res = await call(
            t.app,
            await as("receptionist@own"),
            "POST",
            "/api/dossiers",
            { unitId: ids.thuanHoa, procedureCode: "1.004873", applicant: { name: "Lê Văn Tám" } },
            { "idempotency-key": randomUUID() },
          );
          return res.json();
        },
      };
      const send = async (p: Principal, req: Request) =>
        call(t.app, await as(p, c.freshSession), req.method, req.url, req.payload, {
          "idempotency-key": randomUUID(),
          ...req.headers,
        });

      if (RECORD) {
        for (const p of PRINCIPALS) {
          const res = await send(p, await c.request(ids, t.app));
          const code = res.statusCode >= 400 ? (res.json().code ?? "") : "";
          appendFileSync(RECORD, `${JSON.stringify({ route: key, p, status: res.statusCode, code })}\n`);
        }
        return;
      }

      // Plain refusals change nothing, and neither does a read: they share one request, made
      // first; every allowed or excepted cell of a command gets a fresh one (its own dossier,
      // draft, set…).
      const expected = expectedCells(key, c);
      const order = [...PRINCIPALS].sort(
        (a, b) => Number(!isPlainRefusal(c, a)) - Number(!isPlainRefusal(c, b)),
      );
      const shared = await c.request(ids, t.app);
      const wrong: string[] = [];
      for (const p of order) {
        const req = isPlainRefusal(c, p) || shared.method === "GET" ? shared : await c.request(ids, t.app);
        const res = await send(p, req);
        // The request ended the principal's other sessions: the next route signs in afresh.
        if (c.endsOtherSessions) sessions.delete(p);
        const want = expected.get(p)!;
        if (res.statusCode !== want)
          wrong.push(`${p}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        else if (
          res.statusCode >= 400 &&
          !String(res.headers["content-type"]).includes("application/problem+json")
        )
          wrong.push(`${p}: ${res.statusCode} is not a problem document`);
      }
      expect(wrong, `${key}: cells that differ`).toEqual([]);
    });
  }

  // Statuses cannot show what a list holds: a system administrator's grant covers its unit's
  // subtree (auth.policy.ts), so one granted at a ward reads that ward's audit rows and feedback
  // only. Run last, when the cases above have filled both.
  it("confines the lists of a system administrator granted at a ward to its subtree", async () => {
    const phuXuan = await unitIdByCode(t.app, "46.19774");
    const ward = await as("system_admin@other");
    const audit = await call(t.app, ward, "GET", "/api/audit?pageSize=200");
    expect(audit.statusCode).toBe(200);
    const foreign = (audit.json().items as { seq: number; unitId: string | null }[]).filter(
      (i) => i.unitId !== phuXuan,
    );
    expect(foreign.map((i) => i.seq)).toEqual([]);
    const feedback = await call(t.app, ward, "GET", "/api/v1/feedback?pageSize=200");
    expect(feedback.statusCode).toBe(200);
    const items = feedback.json().items as { code: string; unit: { code: string } }[];
    expect(items.filter((i) => i.unit.code !== "46.19774").map((i) => i.code)).toEqual([]);
    // The province's system administrator still reads all of both.
    const province = await as("system_admin@parent");
    const all = (await call(t.app, province, "GET", "/api/audit?pageSize=200")).json().items;
    expect(all.some((i: { unitId: string | null }) => i.unitId !== phuXuan)).toBe(true);
    const allFeedback = (await call(t.app, province, "GET", "/api/v1/feedback?pageSize=200")).json().items;
    expect(allFeedback.some((i: { unit: { code: string } }) => i.unit.code === "46.19753")).toBe(true);
  });
});
