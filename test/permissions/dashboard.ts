// Permission cases of the dashboard routes added with issue #6 (merged by ./index.ts).
import type { Case } from "./types.ts";

const readers = [
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

export const dashboardCases: Record<string, Case> = {
  "GET /api/dashboard/summary": {
    request: async (ids) => ({ method: "GET", url: `/api/dashboard/summary?unitId=${ids.thuanHoa}` }),
    checks: readers,
  },
  "GET /api/dashboard/workload": {
    request: async (ids) => ({ method: "GET", url: `/api/dashboard/workload?unitId=${ids.thuanHoa}` }),
    checks: readers,
  },
};
