// Permission cases of the units' contact channels (issue #8, merged by ./index.ts): whoever sees
// a unit reads them; its administrators and system administrators change them (contacts.manage);
// another unit's staff get 404. The portal's view is public.
import type { Case } from "./types.ts";

const body = { hotline: "0234 3 800 999", email: null, zalo: null, facebook: null, address: null };

export const contactsCases: Record<string, Case> = {
  "GET /api/v1/units/:id/contacts": {
    request: async (ids) => ({ method: "GET", url: `/api/v1/units/${ids.thuanHoa}/contacts` }),
    checks: [
      { as: null, status: 401 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 200 },
      { as: "giamsat", status: 200 },
    ],
  },
  "PUT /api/v1/units/:id/contacts": {
    request: async (ids) => ({ method: "PUT", url: `/api/v1/units/${ids.thuanHoa}/contacts`, payload: body }),
    checks: [
      { as: null, status: 401 },
      { as: "congdan@motcua.example", status: 404 },
      { as: "quantri.phuxuan", status: 404 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "giamsat", status: 403 },
      { as: "quantri.thuanhoa", status: 200 },
      { as: "admin", status: 200 },
    ],
  },
  "GET /api/public/units/:id/contacts": {
    public: true,
    reason: "a unit's hotline, e-mail, Zalo and Facebook are published on the portal",
  },
};
