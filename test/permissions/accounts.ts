// Permission cases of account administration, merged by ./index.ts: one's own password (everyone
// signed in; the request carries a wrong current password, so no principal's password changes
// and each cell is answered 400 once allowed), the public reset routes, and a unit's officials
// (created, invited again, corrected, disabled, enabled) by the unit's administrators.
import { randomUUID } from "node:crypto";
import type { App } from "../../src/app.ts";
import { call, login } from "../app.ts";
import { cells, covering, SIGNED_IN, UNIT_STAFF } from "./principals.ts";
import type { Case, Ids } from "./types.ts";

const newStaff = () => {
  const n = randomUUID().slice(0, 8);
  return {
    username: `matrix.invited.${n}`,
    fullName: `Cán bộ mời ${n}`,
    email: `matrix.invited.${n}@motcua.example`,
    role: "specialist",
  };
};

/** An official invited at Thuận Hóa by its administrator, not yet active. */
async function invited(ids: Ids, app: App): Promise<string> {
  const admin = await login(app, "quantri.thuanhoa");
  const res = await call(app, admin, "POST", `/api/org/units/${ids.thuanHoa}/staff/accounts`, newStaff());
  if (res.statusCode !== 201) throw new Error(`invite: ${res.statusCode} ${res.body}`);
  return res.json().userId;
}

const managers = covering("unit_admin", "system_admin");

export const accountsCases: Record<string, Case> = {
  "POST /api/auth/password": {
    request: async () => ({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: "not-the-password-1", newPassword: "Sen-Hue-2027-xanh" },
    }),
    allow: cells(SIGNED_IN, 400),
    sees: "all",
  },
  "GET /api/auth/sessions": {
    request: async () => ({ method: "GET", url: "/api/auth/sessions" }),
    allow: cells(SIGNED_IN, 200),
    sees: "all",
  },
  "DELETE /api/auth/sessions/:id": {
    // Someone else's (or no) session: not found for everyone signed in; ending one's own is in
    // accounts.db.test.ts.
    request: async () => ({ method: "DELETE", url: `/api/auth/sessions/${"0".repeat(64)}` }),
    allow: cells(SIGNED_IN, 404),
    sees: "all",
  },
  "POST /api/auth/sessions/end-others": {
    request: async () => ({ method: "POST", url: "/api/auth/sessions/end-others" }),
    freshSession: true,
    endsOtherSessions: true,
    allow: cells(SIGNED_IN, 200),
    sees: "all",
  },
  "POST /api/auth/contact": {
    // A wrong current password: no principal's contact changes; each allowed cell answers 400.
    request: async () => ({
      method: "POST",
      url: "/api/auth/contact",
      payload: { currentPassword: "not-the-password-1", email: "ma.tran@motcua.example" },
    }),
    allow: cells(SIGNED_IN, 400),
    sees: "all",
  },
  "POST /api/auth/contact/inspect": {
    public: true,
    reason: "the confirmation page reads what its link would set (masked); the token is the credential",
  },
  "POST /api/auth/contact/confirm": {
    public: true,
    reason:
      "confirms a new e-mail or phone through the single-use link sent to it; the token is the credential",
  },
  "POST /api/auth/password-reset": {
    public: true,
    reason: "forgot password: the same 202 whether or not an account matches, rate limited",
  },
  "POST /api/auth/account-token": {
    public: true,
    reason: "the set-password page reads what its link is for; the token is the credential",
  },
  "POST /api/auth/password-reset/confirm": {
    public: true,
    reason: "sets a password through a mailed single-use link; the token is the credential",
  },
  "POST /api/org/units/:id/staff/accounts": {
    request: async (ids) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/staff/accounts`,
      payload: newStaff(),
    }),
    allow: cells(managers, 201),
    sees: UNIT_STAFF,
  },
  "POST /api/org/units/:id/staff/:userId/invitation": {
    request: async (ids, app) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/staff/${await invited(ids, app)}/invitation`,
    }),
    allow: cells(managers, 202),
    sees: UNIT_STAFF,
  },
  "PATCH /api/org/units/:id/staff/:userId": {
    request: async (ids, app) => ({
      method: "PATCH",
      url: `/api/org/units/${ids.thuanHoa}/staff/${await invited(ids, app)}`,
      payload: { fullName: `Cán bộ đổi tên ${randomUUID().slice(0, 8)}` },
    }),
    allow: cells(managers, 200),
    sees: UNIT_STAFF,
  },
  "POST /api/org/units/:id/staff/:userId/disable": {
    request: async (ids, app) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/staff/${await invited(ids, app)}/disable`,
    }),
    allow: cells(managers, 200),
    sees: UNIT_STAFF,
  },
  "POST /api/org/units/:id/staff/:userId/enable": {
    request: async (ids, app) => ({
      method: "POST",
      url: `/api/org/units/${ids.thuanHoa}/staff/${await invited(ids, app)}/enable`,
    }),
    allow: cells(managers, 200),
    sees: UNIT_STAFF,
  },
};
