// Permission cases of the official reports (issue #7), merged by ./index.ts.
import type { Case } from "./types.ts";

/** Readers of a ward's reports: its leader, the supervisor and the administrator (subtrees). */
export const reportReaders = [
  { as: null, status: 401 },
  { as: "tiepnhan.phuxuan", status: 404 },
  { as: "congdan@motcua.example", status: 404 },
  { as: "chuyenvien.thuanhoa", status: 403 },
  { as: "tiepnhan.thuanhoa", status: 403 },
  { as: "quantri.thuanhoa", status: 403 },
  { as: "lanhdao.thuanhoa", status: 200 },
  { as: "giamsat", status: 200 },
  { as: "admin", status: 200 },
];

/**
 * Readers of a unit's tracking book (applicants' personal data): its desk and its leader. Others
 * who see personal data of the dossiers they handle (specialists, clerks) do not read the whole
 * book; supervisors and administrators have no personal data at all. (The clerk vanthu.thuanhoa
 * is left out here: this suite grants it other roles; reports.export.db.test.ts checks its 403.)
 */
export const trackingBookReaders = [
  { as: null, status: 401 },
  { as: "tiepnhan.phuxuan", status: 404 },
  { as: "congdan@motcua.example", status: 404 },
  { as: "chuyenvien.thuanhoa", status: 403 },
  { as: "quantri.thuanhoa", status: 403 },
  { as: "giamsat", status: 403 },
  { as: "admin", status: 403 },
  { as: "tiepnhan.thuanhoa", status: 200 },
  { as: "lanhdao.thuanhoa", status: 200 },
];

export const reportsCases: Record<string, Case> = {
  "GET /api/v1/reports/resolution": {
    request: async () => ({
      method: "GET",
      url: "/api/v1/reports/resolution?unit=46.19753&from=2026-01-01&to=2026-03-31",
    }),
    checks: reportReaders,
  },
  "GET /api/v1/reports/tracking-book": {
    request: async () => ({
      method: "GET",
      url: "/api/v1/reports/tracking-book?unit=46.19753&from=2026-01-01&to=2026-03-31",
    }),
    checks: trackingBookReaders,
  },
  "GET /api/v1/reports/service": {
    request: async () => ({
      method: "GET",
      url: "/api/v1/reports/service?unit=46.19753&from=2026-01-01&to=2026-03-31",
    }),
    checks: reportReaders,
  },
};
