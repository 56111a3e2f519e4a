// The permission suite: one case per registered route, each proving who is refused and who
// is allowed. A route added without a case here fails the first test.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pdfBytes, pngBytes } from "../src/modules/documents/test-files.ts";
import { call, login, type Session, setupTestApp, unitIdByCode } from "./app.ts";
import { extraCases } from "./permissions/index.ts";
import type { Case, Ids } from "./permissions/types.ts";

// Uploaded files and the generated demo signing key go to a temporary data directory.
const dataDir = mkdtempSync(path.join(tmpdir(), "motcua-perm-"));
const t = setupTestApp({ MOTCUA_DATA_DIR: dataDir });
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
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "chuyenvien.thuanhoa", status: 403 },
      { as: "quantri.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "tiepnhan.thuanhoa", status: 201 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "lanhdao.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "tiepnhan.thuanhoa", status: 201 },
    ],
  },
  "GET /api/dossiers": {
    request: async (ids) => ({ method: "GET", url: `/api/dossiers?unitId=${ids.thuanHoa}` }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "quantri.thuanhoa", status: 403 },
      { as: "tiepnhan.thuanhoa", status: 200 },
      { as: "vanthu.thuanhoa", status: 200 },
      { as: "giamsat", status: 200 },
      // System administrators run the system, not dossiers: no access to citizens' files.
      { as: "admin", status: 403 },
    ],
  },
  "GET /api/dossiers/:id": {
    request: async (ids) => ({ method: "GET", url: `/api/dossiers/${(await ids.dossier()).id}` }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "quantri.thuanhoa", status: 404 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "chuyenvien.thuanhoa", status: 200 },
      { as: "giamsat", status: 200 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "quantri.thuanhoa", status: 404 },
      { as: "giamsat", status: 403 },
      { as: "tiepnhan.thuanhoa", status: 200 },
      { as: "chuyenvien.thuanhoa", status: 200 },
    ],
  },
  "GET /api/dossiers/book.pdf": {
    request: async (ids) => ({
      method: "GET",
      url: `/api/dossiers/book.pdf?unitId=${ids.thuanHoa}&from=2026-01-01&to=2026-12-31`,
    }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "giamsat", status: 403 },
      { as: "quantri.thuanhoa", status: 403 },
      { as: "tiepnhan.thuanhoa", status: 200 },
    ],
  },
  "GET /api/dossiers/:id/forms/:form": {
    request: async (ids) => ({
      method: "GET",
      url: `/api/dossiers/${(await ids.dossier()).id}/forms/receipt`,
    }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "giamsat", status: 403 },
      { as: "vanthu.thuanhoa", status: 200 },
    ],
  },
  "POST /api/portal/dossiers": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/portal/dossiers",
      payload: { unitId: ids.thuanHoa, procedureCode: "1.004873", applicant: { name: "Lê Văn Tám" } },
    }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "congdan@motcua.example", status: 201 },
    ],
  },
  "GET /api/org/units/:id/processes/:code": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/processes/1.004873` }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "chuyenvien.thuanhoa", status: 200 },
      { as: "giamsat", status: 200 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "lanhdao.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "quantri.thuanhoa", status: 201 },
    ],
  },
  "PUT /api/org/units/:id/calendar": {
    request: async (ids) => ({
      method: "PUT",
      url: `/api/org/units/${ids.thuanHoa}/calendar`,
      payload: { config: {} },
    }),
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "lanhdao.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "quantri.thuanhoa", status: 200 },
      { as: "admin", status: 200 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 400 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "quantri.thuanhoa", status: 201 },
      { as: "admin", status: 201 },
    ],
  },
  "GET /api/org/units/:id/procedures": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/procedures` }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 200 },
    ],
  },
  "PUT /api/org/units/:id/procedures/:code": {
    request: async (ids) => ({
      method: "PUT",
      url: `/api/org/units/${ids.thuanHoa}/procedures/1.001193`,
      payload: { localNotes: "Quầy 1" },
    }),
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "lanhdao.thuanhoa", status: 403 },
      { as: "quantri.thuanhoa", status: 200 },
    ],
  },
  "DELETE /api/org/units/:id/procedures/:code": {
    request: async (ids, app) => {
      const admin = await login(app, "quantri.thuanhoa");
      await call(app, admin, "PUT", `/api/org/units/${ids.thuanHoa}/procedures/1.000656`, {});
      return { method: "DELETE", url: `/api/org/units/${ids.thuanHoa}/procedures/1.000656` };
    },
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "quantri.thuanhoa", status: 204 },
    ],
  },
  "POST /api/auth/logout": {
    request: async () => ({ method: "POST", url: "/api/auth/logout" }),
    checks: [{ as: null, status: 401 }],
  },
  "GET /api/auth/me": {
    request: async () => ({ method: "GET", url: "/api/auth/me" }),
    checks: [
      { as: null, status: 401 },
      { as: "vanthu.thuanhoa", status: 200 },
    ],
  },
  "GET /api/org/units/:id": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}` }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 200 },
      { as: "giamsat", status: 200 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "quantri.thuanhoa", status: 404 },
      { as: "giamsat", status: 403 },
      { as: "admin", status: 201 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "quantri.thuanhoa", status: 200 },
    ],
  },
  "POST /api/org/units/:id/abolish": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${await ids.scratch()}/abolish`,
      payload: { effectiveDate: "2027-01-01" },
    }),
    checks: [
      { as: null, status: 401 },
      { as: "quantri.thuanhoa", status: 404 },
      { as: "giamsat", status: 403 },
      { as: "admin", status: 200 },
    ],
  },
  "POST /api/org/units/:id/agencies": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/agencies`,
      payload: { code: `AG.${++scratchCounter.n}`, name: "Phòng Văn hóa - Xã hội", kind: "internal" },
    }),
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "lanhdao.thuanhoa", status: 403 },
      { as: "quantri.thuanhoa", status: 201 },
    ],
  },
  "GET /api/org/units/:id/staff": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/staff` }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "lanhdao.thuanhoa", status: 200 },
      { as: "giamsat", status: 200 },
    ],
  },
  "POST /api/org/units/:id/roles": {
    request: async (ids, app) => {
      const s = await login(app, "vanthu.thuanhoa");
      const roles = ["receptionist", "specialist", "leader"] as const;
      return {
        method: "POST",
        url: `/api/org/units/${ids.thuanHoa}/roles`,
        payload: { userId: s.userId, role: roles[scratchCounter.n++ % 3] },
      };
    },
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "lanhdao.thuanhoa", status: 403 },
      { as: "quantri.thuanhoa", status: 201 },
    ],
  },
  "DELETE /api/org/units/:id/roles/:grantId": {
    request: async (ids, app) => {
      const admin = await login(app, "quantri.thuanhoa");
      const clerk = await login(app, "vanthu.thuanhoa");
      const res = await call(app, admin, "POST", `/api/org/units/${ids.thuanHoa}/roles`, {
        userId: clerk.userId,
        role: "specialist",
      });
      const grantId =
        res.statusCode === 201
          ? res.json().id
          : (await call(app, admin, "GET", `/api/org/units/${ids.thuanHoa}/staff`))
              .json()
              .items.find(
                (i: { role: string; userId: string }) => i.role === "specialist" && i.userId === clerk.userId,
              ).grantId;
      return { method: "DELETE", url: `/api/org/units/${ids.thuanHoa}/roles/${grantId}` };
    },
    checks: [
      { as: null, status: 401 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "quantri.thuanhoa", status: 204 },
    ],
  },
  "GET /api/audit": {
    request: async () => ({ method: "GET", url: "/api/audit" }),
    checks: [
      { as: null, status: 401 },
      { as: "quantri.thuanhoa", status: 403 },
      { as: "giamsat", status: 200 },
      { as: "admin", status: 200 },
    ],
  },
  "POST /api/dossiers/:id/documents": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/dossiers/${(await ids.dossier()).id}/documents?name=to-khai.pdf&kind=digitized`,
      payload: await pdfBytes(),
      headers: { "content-type": "application/pdf" },
    }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "quantri.thuanhoa", status: 404 },
      { as: "giamsat", status: 403 },
      { as: "tiepnhan.thuanhoa", status: 201 },
      { as: "chuyenvien.thuanhoa", status: 201 },
    ],
  },
  "GET /api/dossiers/:id/documents": {
    request: async (ids) => ({ method: "GET", url: `/api/dossiers/${(await ids.dossier()).id}/documents` }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "congdan@motcua.example", status: 404 },
      // Supervisors see dossiers masked: no documents.
      { as: "giamsat", status: 403 },
      { as: "chuyenvien.thuanhoa", status: 200 },
    ],
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
    checks: [
      { as: null, status: 401 },
      // A citizen's draft is theirs alone.
      { as: "tiepnhan.thuanhoa", status: 404 },
      { as: "congdan@motcua.example", status: 201 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "chuyenvien.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "vanthu.thuanhoa", status: 201 },
      { as: "lanhdao.thuanhoa", status: 201 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.phuxuan", status: 404 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "giamsat", status: 403 },
      { as: "chuyenvien.thuanhoa", status: 200 },
    ],
  },
  "GET /api/portal/documents": {
    request: async () => ({ method: "GET", url: "/api/portal/documents" }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "congdan@motcua.example", status: 200 },
    ],
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
    checks: [
      { as: null, status: 401 },
      { as: "giamsat", status: 403 },
      { as: "admin", status: 200 },
    ],
  },
  // Routes added with issue #6, one file per module (test/permissions/).
  ...extraCases,
};

describe("permission suite", () => {
  it("has a case for every registered route", () => {
    expect(t.app.registeredRoutes.length).toBeGreaterThan(15);
    const missing = t.app.registeredRoutes
      .map((r) => `${r.method} ${r.url.replace(/\/$/, "") || "/"}`)
      .filter((key) => !cases[key] && !PUBLIC_PREFIXES.some((p) => key.split(" ")[1]!.startsWith(p)));
    expect(missing).toEqual([]);
  });

  const sessions = new Map<string, Session>();
  const as = async (username: string | null) => {
    if (!username) return null;
    if (!sessions.has(username)) sessions.set(username, await login(t.app, username));
    return sessions.get(username)!;
  };

  for (const [key, c] of Object.entries(cases)) {
    if ("public" in c) continue;
    it(`${key}: ${c.checks.map((ch) => `${ch.as ?? "anonymous"}→${ch.status}`).join(", ")}`, async () => {
      const province = await unitIdByCode(t.app, "46");
      const ids: Ids = {
        province,
        thuanHoa: await unitIdByCode(t.app, "46.19753"),
        phuXuan: await unitIdByCode(t.app, "46.19774"),
        scratch: async () => {
          const admin = await as("admin");
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
            await as("tiepnhan.thuanhoa"),
            "POST",
            "/api/dossiers",
            { unitId: ids.thuanHoa, procedureCode: "1.004873", applicant: { name: "Lê Văn Tám" } },
            { "idempotency-key": randomUUID() },
          );
          return res.json();
        },
      };
      for (const check of c.checks) {
        const req = await c.request(ids, t.app);
        const res = await call(t.app, await as(check.as), req.method, req.url, req.payload, {
          "idempotency-key": randomUUID(),
          ...req.headers,
        });
        expect(`${check.as ?? "anonymous"} → ${res.statusCode}`).toBe(
          `${check.as ?? "anonymous"} → ${check.status}`,
        );
        if (res.statusCode >= 400) expect(res.headers["content-type"]).toContain("application/problem+json");
      }
    });
  }
});
