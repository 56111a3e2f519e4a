// Permission cases of the dashboard routes added with issue #6 (merged by ./index.ts).
import { cells, UNIT_STAFF } from "./principals.ts";
import { REPORT_READERS } from "./reports.ts";
import type { Case } from "./types.ts";

export const dashboardCases: Record<string, Case> = {
  "GET /api/dashboard/summary": {
    request: async (ids) => ({ method: "GET", url: `/api/dashboard/summary?unitId=${ids.thuanHoa}` }),
    allow: cells(REPORT_READERS, 200),
    sees: UNIT_STAFF,
  },
  "GET /api/dashboard/workload": {
    request: async (ids) => ({ method: "GET", url: `/api/dashboard/workload?unitId=${ids.thuanHoa}` }),
    allow: cells(REPORT_READERS, 200),
    sees: UNIT_STAFF,
  },
};
