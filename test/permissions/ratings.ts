// Permission cases of the ratings routes added with issue #6 (merged by ./index.ts).
// Only the citizen who filed a dossier may see or rate it; everyone else gets 404. The demo
// citizen's dossiers are not returned, so the owner's rating is refused with 409. The desk's
// tablet is for the receiving unit's receptionists; the link's routes are proven by the token.
import type { App } from "../../src/app.ts";
import { call, login } from "../app.ts";
import { cells, covering } from "./principals.ts";
import type { Case } from "./types.ts";

async function citizensDossier(app: App): Promise<string> {
  const citizen = await login(app, "congdan@motcua.example");
  const res = await call(app, citizen, "GET", "/api/dossiers?queue=all");
  return res.json().items[0].id;
}

export const ratingsCases: Record<string, Case> = {
  "GET /api/public/ratings/:token": {
    public: true,
    reason:
      "the link in the notification: an HMAC-signed, expiring token bound to one dossier (ratings.db.test.ts)",
  },
  "POST /api/public/ratings/:token": {
    public: true,
    reason:
      "rating through the notification's signed link; forged or expired tokens refused (ratings.db.test.ts)",
  },
  "GET /api/v1/ratings/desk": {
    request: async (ids) => ({
      method: "GET",
      url: `/api/v1/ratings/desk?code=${encodeURIComponent((await ids.dossier()).code)}`,
    }),
    allow: cells(covering("receptionist"), 200),
    sees: [],
  },
  "POST /api/v1/ratings/desk/:id": {
    // A dossier just received: the receptionist reaches the rule (409, not returned yet).
    request: async (ids) => ({
      method: "POST",
      url: `/api/v1/ratings/desk/${(await ids.dossier()).id}`,
      payload: { level: "satisfied" },
    }),
    allow: { "receptionist@own": 409 },
    sees: [],
  },
  "POST /api/portal/dossiers/:id/rating": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/portal/dossiers/${await citizensDossier(app)}/rating`,
      payload: { level: "satisfied" },
    }),
    // The citizen's dossier is not returned yet: the owner reaches the rule (409).
    allow: { citizen: 409 },
    sees: [],
  },
  "GET /api/portal/dossiers/:id/rating": {
    request: async (_ids, app) => ({
      method: "GET",
      url: `/api/portal/dossiers/${await citizensDossier(app)}/rating`,
    }),
    allow: { citizen: 200 },
    sees: [],
  },
};
