// Permission cases of the feedback routes and the Open311 API (issue #8), merged by ./index.ts.
// The back office needs feedback.handle at the item's unit (its receptionists, specialists,
// leader, administrator); the figures are also open to report readers. Citizens' routes and
// Open311 are public: no personal data leaves them, and photos need the submission's token.
import { randomUUID } from "node:crypto";
import type { App } from "../../src/app.ts";
import { pngBytes } from "../../src/modules/documents/test-files.ts";
import { vietnamDate } from "../../src/shared/dates.ts";
import { call, login } from "../app.ts";
import { cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

const UNIT = "46.19753";

/** A feedback item sent to Thuận Hóa (with consent to publish, a photo, and an answer if asked). */
async function item(app: App, opts: { answered?: boolean; photo?: boolean } = {}) {
  const sent = await call(
    app,
    null,
    "POST",
    "/api/public/feedback",
    { serviceCode: "place", description: "Bãi xe trước trụ sở bị ngập.", unit: UNIT, consentPublish: true },
    { "idempotency-key": randomUUID() },
  );
  const { code, photoToken } = sent.json();
  if (opts.photo)
    await app.inject({
      method: "POST",
      url: `/api/public/feedback/${code}/photos`,
      payload: pngBytes(),
      headers: {
        "content-type": "image/png",
        "x-feedback-token": photoToken,
        "idempotency-key": randomUUID(),
      },
    });
  const desk = await login(app, "tiepnhan.thuanhoa");
  const list = await call(app, desk, "GET", `/api/v1/feedback?unit=${UNIT}&q=${code}`);
  const id: string = list.json().items[0].id;
  if (opts.answered)
    await call(app, desk, "POST", `/api/v1/feedback/${id}/reply`, { reply: "Đã khơi thông cống." });
  return id;
}

/** feedback.handle at the item's unit: its desk, specialists, leader and administrator, and system administrators above. */
const HANDLERS = covering("receptionist", "specialist", "leader", "unit_admin", "system_admin");

const command = (path: string, payload: unknown, opts: { answered?: boolean } = {}): Case => ({
  request: async (_ids, app) => ({
    method: "POST",
    url: `/api/v1/feedback/${await item(app, opts)}/${path}`,
    payload,
  }),
  allow: cells(HANDLERS, 200),
  sees: UNIT_STAFF,
});

const open311 = (reason: string): Case => ({ public: true, reason: `Open311 GeoReport v2: ${reason}` });

export const feedbackCases: Record<string, Case> = {
  "GET /api/v1/feedback": {
    request: async () => ({ method: "GET", url: `/api/v1/feedback?unit=${UNIT}` }),
    allow: cells(HANDLERS, 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/feedback/:id": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/feedback/${await item(app)}` }),
    allow: cells(HANDLERS, 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/feedback/:id/photos/:photoId": {
    request: async (_ids, app) => {
      const id = await item(app, { photo: true });
      const detail = await call(app, await login(app, "tiepnhan.thuanhoa"), "GET", `/api/v1/feedback/${id}`);
      return { method: "GET", url: detail.json().photoList[0].url };
    },
    allow: cells(HANDLERS, 200),
    sees: UNIT_STAFF,
  },
  "POST /api/v1/feedback/:id/assign": command("assign", {}),
  "POST /api/v1/feedback/:id/reply": command("reply", { reply: "Đã khơi thông cống." }),
  "POST /api/v1/feedback/:id/close": command("close", {}, { answered: true }),
  "POST /api/v1/feedback/:id/reject": command("reject", { reason: "Trùng phản ánh." }),
  "POST /api/v1/feedback/:id/reroute": command("reroute", { unit: "46.19774", reason: "Thuộc Phú Xuân." }),
  "POST /api/v1/feedback/:id/publish": command(
    "publish",
    { publicText: "Bãi xe trước trụ sở bị ngập." },
    { answered: true },
  ),
  "GET /api/v1/feedback/stats": {
    request: async () => ({
      method: "GET",
      url: `/api/v1/feedback/stats?unit=${UNIT}&from=${vietnamDate()}&to=${vietnamDate()}`,
    }),
    // Report readers see the figures too: the unit's leader, the supervisor over the subtree.
    allow: cells(
      covering("receptionist", "specialist", "leader", "unit_admin", "supervisor", "system_admin"),
      200,
    ),
    sees: UNIT_STAFF,
  },
  "GET /api/public/feedback/services": { public: true, reason: "the kinds of feedback: public information" },
  "POST /api/public/feedback": {
    public: true,
    reason: "citizens send feedback without an account (a signed-in citizen is linked), rate limited",
  },
  "POST /api/public/feedback/:code/photos": {
    public: true,
    reason: "the token returned on submission proves the sender (see the feedback tests); rate limited",
  },
  "GET /api/public/feedback": {
    public: true,
    reason: "published feedback only: consented, reviewed text, personal data removed",
  },
  "GET /api/public/feedback/:code": {
    public: true,
    reason: "status and answer by code, no personal data, rate limited",
  },
  "GET /api/public/feedback/photos/:photoId": {
    public: true,
    reason: "only photos the official chose for a published item",
  },
  "GET /open311/v2/discovery.json": open311("discovery"),
  "GET /open311/v2/services.json": open311("the service list"),
  "GET /open311/v2/services/:file": open311("a service definition"),
  "POST /open311/v2/requests.json": open311("anyone may report, as on the portal; rate limited"),
  "GET /open311/v2/requests.json": open311("published requests, or the status of those named by code"),
  "GET /open311/v2/requests/:file": open311("the status of one request by code, no personal data"),
};
