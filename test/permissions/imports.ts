// Permission cases of the historical import (issue #7 item 6), merged by ./index.ts. Only system
// administrators import (history.import); citizens and other staff are refused.

import type { App } from "../../src/app.ts";
import { createRun } from "../../src/modules/imports/import.service.ts";
import { cells, everywhere } from "./principals.ts";
import type { Case } from "./types.ts";

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
    allow: cells(everywhere("system_admin"), 202),
    sees: "all",
  },
  "GET /api/v1/imports": {
    request: async () => ({ method: "GET", url: "/api/v1/imports" }),
    allow: cells(everywhere("system_admin"), 200),
    sees: "all",
  },
  "GET /api/v1/imports/:id": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/imports/${await run(app)}` }),
    allow: cells(everywhere("system_admin"), 200),
    sees: "all",
  },
  "GET /api/v1/imports/:id/errors.csv": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/imports/${await run(app)}/errors.csv` }),
    allow: cells(everywhere("system_admin"), 200),
    sees: "all",
  },
};
