// Permission cases of the personal data routes (issue #10), merged by ./index.ts: everyone
// signed in exports their own data, and only their own (the route takes no identifier).
import { cells, SIGNED_IN } from "./principals.ts";
import type { Case } from "./types.ts";

export const privacyCases: Record<string, Case> = {
  "GET /api/v1/me/data-export": {
    request: async () => ({ method: "GET", url: "/api/v1/me/data-export" }),
    allow: cells(SIGNED_IN, 200),
    sees: "all",
  },
};
