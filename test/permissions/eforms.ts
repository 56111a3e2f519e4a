// Permission cases of the eforms routes added with issue #6 (merged by ./index.ts).

import { ROLES } from "../../src/db/schema.ts";
import { fieldsToForm } from "../../src/modules/eforms/eform.model.ts";
import { at, cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

/**
 * The builders (eform.service.ts authorizeBuilder): a unit administrator of the ward or of a unit
 * above it, whose forms are inherited below, and system administrators.
 */
const BUILDERS = [...covering("unit_admin", "system_admin"), ...at("parent", "unit_admin")];
/** Who sees the ward or a unit above it: refused with 403; another ward's staff get 404. */
const SEE_PATH = [...UNIT_STAFF, ...at("parent", ...ROLES)];

const form = fieldsToForm("Tờ khai thử", [
  { key: "fullName", kind: "text", label: { vi: "Họ tên", en: "Full name" }, required: true, width: "full" },
]);

export const eformsCases: Record<string, Case> = {
  "GET /api/public/procedures/:code/eform": {
    public: true,
    reason: "the application form of a procedure, shown on the portal before signing in",
  },
  "GET /api/portal/eforms/prefill": {
    request: async (ids) => ({
      method: "GET",
      url: `/api/portal/eforms/prefill?procedureCode=1.004873&unitId=${ids.thuanHoa}`,
    }),
    allow: { citizen: 200 },
    sees: "all",
  },
  "GET /api/org/units/:unitId/eforms": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/eforms` }),
    allow: cells(BUILDERS, 200),
    sees: SEE_PATH,
  },
  "GET /api/org/units/:unitId/eforms/:procedureCode": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/eforms/1.004873` }),
    allow: cells(BUILDERS, 200),
    sees: SEE_PATH,
  },
  "POST /api/org/units/:unitId/eforms": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/eforms`,
      payload: { procedureCode: "1.000656", title: "Tờ khai thử", ...form },
    }),
    allow: cells(BUILDERS, 201),
    sees: SEE_PATH,
  },
};
