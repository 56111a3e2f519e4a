// Permission cases of petitions (issue #8), merged by ./index.ts. The unit's staff read its
// register (a confidential identity stays hidden: petitions.db.test.ts checks who sees it),
// receptionists and unit administrators register, leaders lead the handling, the assigned handler
// handles; another unit's staff get 404; system administrators run the system, not petitions.
import type { App } from "../../src/app.ts";
import { call, login } from "../app.ts";
import { cells, covering, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

const thuanHoa = "46.19753";

const body = (kind = "denunciation") => ({
  unit: thuanHoa,
  kind,
  channel: "in_person",
  subject: "Đơn thử quyền",
  content: "Nội dung đơn thử quyền.",
  petitioner: { fullName: "Người Thử Quyền" },
});

/** A petition just registered at Thuận Hóa's desk. */
async function petition(app: App, kind = "denunciation"): Promise<string> {
  const desk = await login(app, "tiepnhan.thuanhoa");
  const res = await call(app, desk, "POST", "/api/v1/petitions", body(kind));
  return res.json().id;
}

/** A petition assigned to Thuận Hóa's specialist and accepted (in progress). */
async function inProgress(app: App): Promise<string> {
  const id = await petition(app);
  const leader = await login(app, "lanhdao.thuanhoa");
  const specialist = await login(app, "chuyenvien.thuanhoa");
  await call(app, leader, "POST", `/api/v1/petitions/${id}/commands`, {
    command: "assign",
    handlerId: specialist.userId,
  });
  await call(app, specialist, "POST", `/api/v1/petitions/${id}/commands`, { command: "accept" });
  return id;
}

export const petitionsCases: Record<string, Case> = {
  "POST /api/v1/petitions": {
    request: async () => ({ method: "POST", url: "/api/v1/petitions", payload: body() }),
    allow: cells(covering("receptionist", "unit_admin"), 201),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/petitions": {
    request: async () => ({ method: "GET", url: `/api/v1/petitions?unit=${thuanHoa}` }),
    allow: cells(
      [
        ...covering("receptionist", "specialist", "leader", "clerk", "unit_admin", "supervisor"),
        "leader@parent",
      ],
      200,
    ),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/petitions/stats": {
    request: async () => ({ method: "GET", url: `/api/v1/petitions/stats?unit=${thuanHoa}` }),
    allow: cells(covering("leader", "supervisor", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
  "GET /api/v1/petitions/:id": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/petitions/${await petition(app)}` }),
    allow: cells(
      [
        ...covering("receptionist", "specialist", "leader", "clerk", "unit_admin", "supervisor"),
        "leader@parent",
      ],
      200,
    ),
    sees: [],
  },
  "POST /api/v1/petitions/:id/commands": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/v1/petitions/${await inProgress(app)}/commands`,
      payload: { command: "decide", decision: "Kết luận nội dung tố cáo." },
    }),
    allow: cells([...covering("specialist", "leader"), "leader@parent"], 200),
    sees: covering("receptionist", "clerk", "unit_admin", "supervisor"),
  },
  "GET /api/v1/petitions/:id/receipt.pdf": {
    request: async (_ids, app) => ({
      method: "GET",
      url: `/api/v1/petitions/${await petition(app, "complaint")}/receipt.pdf`,
    }),
    allow: cells([...covering("receptionist", "leader", "unit_admin"), "leader@parent"], 200),
    sees: covering("specialist", "clerk", "supervisor"),
  },
};
