// Permission cases of the ratings routes added with issue #6 (merged by ./index.ts).
// Only the citizen who filed a dossier may see or rate it; everyone else gets 404. The demo
// citizen's dossiers are not returned, so the owner's rating is refused with 409.
import type { App } from "../../src/app.ts";
import { call, login } from "../app.ts";
import type { Case } from "./types.ts";

async function citizensDossier(app: App): Promise<string> {
  const citizen = await login(app, "congdan@motcua.example");
  const res = await call(app, citizen, "GET", "/api/dossiers?queue=all");
  return res.json().items[0].id;
}

export const ratingsCases: Record<string, Case> = {
  "POST /api/portal/dossiers/:id/rating": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/portal/dossiers/${await citizensDossier(app)}/rating`,
      payload: { level: "satisfied" },
    }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.thuanhoa", status: 404 },
      { as: "giamsat", status: 404 },
      { as: "congdan@motcua.example", status: 409 },
    ],
  },
  "GET /api/portal/dossiers/:id/rating": {
    request: async (_ids, app) => ({
      method: "GET",
      url: `/api/portal/dossiers/${await citizensDossier(app)}/rating`,
    }),
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.thuanhoa", status: 404 },
      { as: "congdan@motcua.example", status: 200 },
    ],
  },
};
