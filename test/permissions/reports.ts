// Permission cases of the official reports (issue #7), merged by ./index.ts.
import { cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

/** Readers of a ward's reports (report.read): its leader, the supervisor and the administrator (subtrees). */
export const REPORT_READERS = covering("leader", "supervisor", "system_admin");

/**
 * Readers of a unit's tracking book (applicants' personal data): its desk and its leader. Others
 * who see personal data of the dossiers they handle (specialists, clerks) do not read the whole
 * book; supervisors and administrators have no personal data at all.
 */
export const TRACKING_BOOK_READERS = covering("receptionist", "leader");

export const reportsCases: Record<string, Case> = {
  "GET /api/v1/reports/resolution": {
    request: async () => ({
      method: "GET",
      url: "/api/v1/reports/resolution?unit=46.19753&from=2026-01-01&to=2026-03-31",
    }),
    allow: cells(REPORT_READERS, 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/reports/tracking-book": {
    request: async () => ({
      method: "GET",
      url: "/api/v1/reports/tracking-book?unit=46.19753&from=2026-01-01&to=2026-03-31",
    }),
    allow: cells(TRACKING_BOOK_READERS, 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/reports/service": {
    request: async () => ({
      method: "GET",
      url: "/api/v1/reports/service?unit=46.19753&from=2026-01-01&to=2026-03-31",
    }),
    allow: cells(REPORT_READERS, 200),
    sees: UNIT_STAFF,
  },
};
