// Permission cases of the eforms routes added with issue #6 (merged by ./index.ts).
import { fieldsToForm } from "../../src/modules/eforms/eform.model.ts";
import type { Case, Check } from "./types.ts";

const builderChecks = (ok: number): Check[] => [
  { as: null, status: 401 },
  { as: "congdan@motcua.example", status: 404 },
  // Sees the unit, may not build its forms.
  { as: "tiepnhan.thuanhoa", status: 403 },
  { as: "giamsat", status: 403 },
  // Another ward's administrator does not see Thuận Hóa.
  { as: "quantri.phuxuan", status: 404 },
  { as: "quantri.thuanhoa", status: ok },
  { as: "admin", status: ok },
];

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
    checks: [
      { as: null, status: 401 },
      { as: "tiepnhan.thuanhoa", status: 403 },
      { as: "congdan@motcua.example", status: 200 },
    ],
  },
  "GET /api/org/units/:unitId/eforms": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/eforms` }),
    checks: builderChecks(200),
  },
  "GET /api/org/units/:unitId/eforms/:procedureCode": {
    request: async (ids) => ({ method: "GET", url: `/api/org/units/${ids.thuanHoa}/eforms/1.004873` }),
    checks: builderChecks(200),
  },
  "POST /api/org/units/:unitId/eforms": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/eforms`,
      payload: { procedureCode: "1.000656", title: "Tờ khai thử", ...form },
    }),
    checks: builderChecks(201),
  },
};
