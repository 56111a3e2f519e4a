// Permission cases of the public transparency page (issue #7), merged by ./index.ts.
import type { Case } from "./types.ts";

export const transparencyCases: Record<string, Case> = {
  "GET /api/public/transparency": {
    public: true,
    reason: "aggregate resolution figures of units, published for everyone (no personal data)",
  },
};
