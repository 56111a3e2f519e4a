// Permission cases of the exchanges with other systems (issue #9), merged by ./index.ts: the
// national portal exchange's status is for system administrators only (integration.read).
import type { Case } from "./types.ts";

export const integrationsCases: Record<string, Case> = {
  "GET /api/v1/integrations/national-portal/status": {
    request: async () => ({ method: "GET", url: "/api/v1/integrations/national-portal/status" }),
    checks: [
      { as: null, status: 401 },
      { as: "congdan@motcua.example", status: 403 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "quantri.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "admin", status: 200 },
    ],
  },
};
