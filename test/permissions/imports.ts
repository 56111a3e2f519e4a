// Permission cases of the historical import (issue #7 item 6), merged by ./index.ts. Only system
// administrators import (history.import); citizens and other staff are refused.

import type { App } from "../../src/app.ts";
import { createRun } from "../../src/modules/imports/import.service.ts";
import type { Case } from "./types.ts";

const importers = [
  { as: null, status: 401 },
  { as: "congdan@motcua.example", status: 403 },
  { as: "giamsat", status: 403 },
  { as: "lanhdao.thuanhoa", status: 403 },
  { as: "quantri.thuanhoa", status: 403 },
];

/** A finished run to read (created directly: no file to process). */
const run = (app: App) => createRun(app.db, { fileName: "lich-su.csv", sha256: null, startedBy: null });

const CSV =
  "dossier_code,procedure_code,unit_code,channel,received_at,due_at,resolved_at,returned_at,outcome,rating\n" +
  "PERM-1,1.004873,46.19753,in_person,2026-01-05,2026-01-08,2026-01-07,,returned,\n";

export const importsCases: Record<string, Case> = {
  "POST /api/v1/imports/dossiers": {
    request: async () => ({
      method: "POST",
      url: "/api/v1/imports/dossiers?name=lich-su.csv",
      payload: CSV,
      headers: { "content-type": "text/csv" },
    }),
    checks: [...importers, { as: "admin", status: 202 }],
  },
  "GET /api/v1/imports": {
    request: async () => ({ method: "GET", url: "/api/v1/imports" }),
    checks: [...importers, { as: "admin", status: 200 }],
  },
  "GET /api/v1/imports/:id": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/imports/${await run(app)}` }),
    checks: [...importers, { as: "admin", status: 200 }],
  },
  "GET /api/v1/imports/:id/errors.csv": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/imports/${await run(app)}/errors.csv` }),
    checks: [...importers, { as: "admin", status: 200 }],
  },
};
