// Permission cases of the dossiers routes added with issue #6 (merged by ./index.ts).
import { randomUUID } from "node:crypto";
import { demoMaritalStatusData } from "../../src/demo/demo-eforms.ts";
import { call, login } from "../app.ts";
import { cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

// E-forms (helper A): the demo's procedure 1.004873 has an e-form, so filing sends its data.
const applicant = { name: "Lê Văn Tám" };
const filing = (unitId: string) => ({ unitId, procedureCode: "1.004873", applicant });

export const dossiersCases: Record<string, Case> = {
  "POST /api/dossiers/bulk": {
    request: async (ids) => {
      const d = await ids.dossier();
      return {
        method: "POST",
        url: "/api/dossiers/bulk",
        payload: { command: "forward", items: [{ id: d.id, expectedVersion: d.version }] },
      };
    },
    allow: cells(covering("receptionist", "specialist", "leader", "clerk"), 200),
    sees: [...covering("supervisor"), "citizen"],
  },
  // Replaces the core table's case, which files without form data.
  "POST /api/portal/dossiers": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/portal/dossiers",
      payload: { ...filing(ids.thuanHoa), formData: demoMaritalStatusData },
    }),
    allow: { citizen: 201 },
    sees: "all",
  },
  "POST /api/dossiers/assisted": {
    request: async (ids) => ({
      method: "POST",
      url: "/api/dossiers/assisted",
      payload: { ...filing(ids.thuanHoa), formData: demoMaritalStatusData },
    }),
    // Sees the ward's dossiers, but does not receive them.
    allow: cells(covering("receptionist"), 201),
    sees: UNIT_STAFF,
  },
  "PUT /api/portal/dossiers/:id": {
    // A fresh draft of the demo citizen for each check.
    request: async (ids, app) => {
      const citizen = await login(app, "congdan@motcua.example");
      const res = await call(
        app,
        citizen,
        "POST",
        "/api/portal/dossiers",
        { ...filing(ids.thuanHoa), draft: true },
        { "idempotency-key": randomUUID() },
      );
      return {
        method: "PUT",
        url: `/api/portal/dossiers/${res.json().id}`,
        payload: { ...filing(ids.thuanHoa), expectedVersion: 1, formData: { subjectName: "Lê Văn Tám" } },
      };
    },
    // A draft is the citizen's alone: the ward's desk does not see it.
    allow: { citizen: 200 },
    sees: [],
  },
};
