// Permission cases of the units' contact channels (issue #8, merged by ./index.ts): whoever sees
// a unit reads them; its administrators and system administrators change them (contacts.manage);
// another unit's staff get 404. The portal's view is public.
import { cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

const body = { hotline: "0234 3 800 999", email: null, zalo: null, facebook: null, address: null };

export const contactsCases: Record<string, Case> = {
  "GET /api/v1/units/:id/contacts": {
    request: async (ids) => ({ method: "GET", url: `/api/v1/units/${ids.thuanHoa}/contacts` }),
    allow: cells(UNIT_STAFF, 200),
    sees: UNIT_STAFF,
  },
  "PUT /api/v1/units/:id/contacts": {
    request: async (ids) => ({ method: "PUT", url: `/api/v1/units/${ids.thuanHoa}/contacts`, payload: body }),
    allow: cells(covering("unit_admin", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "GET /api/public/units/:id/contacts": {
    public: true,
    reason: "a unit's hotline, e-mail, Zalo and Facebook are published on the portal",
  },
};
