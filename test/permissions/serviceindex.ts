// Permission cases of the service index (Decision 766, issue #7), merged by ./index.ts: the same
// readers as the resolution report (a unit's leaders, supervisors and administrators over their
// subtrees).
import { cells, UNIT_STAFF } from "./principals.ts";
import { REPORT_READERS } from "./reports.ts";
import type { Case } from "./types.ts";

const period = "unit=46.19753&from=2026-01-01&to=2026-03-31";

export const serviceIndexCases: Record<string, Case> = {
  "GET /api/v1/service-index": {
    request: async () => ({ method: "GET", url: `/api/v1/service-index?${period}` }),
    allow: cells(REPORT_READERS, 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/service-index/ranking": {
    request: async () => ({ method: "GET", url: `/api/v1/service-index/ranking?${period}` }),
    allow: cells(REPORT_READERS, 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/service-index/drill": {
    request: async () => ({
      method: "GET",
      url: `/api/v1/service-index/drill?${period}&indicator=progress.on_time&part=denominator`,
    }),
    allow: cells(REPORT_READERS, 200),
    sees: UNIT_STAFF,
  },
};
