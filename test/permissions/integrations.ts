// Permission cases of the exchanges with other systems (issue #9), merged by ./index.ts: the
// national portal exchange's status is for system administrators only (integration.read).
import { cells, everywhere } from "./principals.ts";
import type { Case } from "./types.ts";

export const integrationsCases: Record<string, Case> = {
  "GET /api/v1/integrations/national-portal/status": {
    request: async () => ({ method: "GET", url: "/api/v1/integrations/national-portal/status" }),
    allow: cells(everywhere("system_admin"), 200),
    sees: "all",
  },
};
