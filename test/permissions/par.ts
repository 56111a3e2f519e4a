// Permission cases of the PAR index (issue #7 item 4), merged by ./index.ts. Criteria sets:
// system administrators (par.manage); a unit's self-assessment: its administrator and leader
// (par.assess); appraisal: supervisors and system administrators from above (par.appraise);
// readers of assessments, rankings and comparisons: those plus report.read holders. A case's
// records are made once (a new set in a year of its own) and shared by its checks, whose refusals
// change nothing; where two allowed calls would collide, each check gets fresh records.
import type { App } from "../../src/app.ts";
import { pdfBytes } from "../../src/modules/documents/test-files.ts";
import { vietnamDate } from "../../src/shared/dates.ts";
import { login, type Session } from "../app.ts";
import { at, cells, covering, everywhere, UNIT_STAFF } from "./principals.ts";
import type { Case } from "./types.ts";

const sessions = new WeakMap<App, Map<string, Session>>();
async function as(app: App, username: string): Promise<Session> {
  const mine = sessions.get(app) ?? new Map<string, Session>();
  sessions.set(app, mine);
  if (!mine.has(username)) mine.set(username, await login(app, username));
  return mine.get(username)!;
}

async function api(
  app: App,
  username: string,
  method: "GET" | "POST" | "PUT",
  url: string,
  payload?: unknown,
) {
  const s = await as(app, username);
  const res = await app.inject({
    method,
    url,
    payload: payload as Record<string, unknown> | undefined,
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
  });
  if (res.statusCode >= 300)
    throw new Error(`${method} ${url} as ${username}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const CRITERIA = [
  { code: "1", title: "Chỉ đạo, điều hành", maxPoints: 60 },
  { code: "2", title: "Giải quyết đúng hạn", maxPoints: 40, autoSource: "on_time_share" },
];
const SCORES = {
  scores: [
    { code: "1", points: 50 },
    { code: "2", points: 30 },
  ],
};
/**
 * A year of its own for each new set: after the demo's (this year and the last), since the
 * wards exist only from 2025, up to the schema's 2100.
 */
const counter = { year: 0 };
const nextYear = () => {
  counter.year = Math.max(counter.year, Number(vietnamDate().slice(0, 4))) + 1;
  return counter.year;
};

/** One record per case (and app), made on the first check. */
const made = new WeakMap<App, Map<string, Promise<string>>>();
function once(app: App, key: string, make: (app: App) => Promise<string>): Promise<string> {
  const mine = made.get(app) ?? new Map<string, Promise<string>>();
  made.set(app, mine);
  if (!mine.has(key)) mine.set(key, make(app));
  return mine.get(key)!;
}

/** A new set of the city for its communes, in a year no other check uses. */
const newSet = async (app: App): Promise<string> =>
  (
    await api(app, "admin", "POST", "/api/v1/par/sets", {
      issuer: "46",
      year: nextYear(),
      level: "commune",
      title: "Bộ tiêu chí kiểm thử quyền",
      criteria: CRITERIA,
    })
  ).id;

/** A fresh draft of Phường Thuận Hóa. */
const draft = async (app: App): Promise<string> =>
  (
    await api(app, "quantri.thuanhoa", "POST", `/api/v1/par/sets/${await newSet(app)}/assessments`, {
      unit: "46.19753",
    })
  ).id;

const scoredDraft = async (app: App) => {
  const id = await draft(app);
  await api(app, "quantri.thuanhoa", "PUT", `/api/v1/par/assessments/${id}/self-scores`, SCORES);
  return id;
};

const submitted = async (app: App) => {
  const id = await scoredDraft(app);
  await api(app, "quantri.thuanhoa", "POST", `/api/v1/par/assessments/${id}/submit`);
  return id;
};

const evidence = async (app: App): Promise<string> => {
  const id = await draft(app);
  const s = await as(app, "quantri.thuanhoa");
  const res = await app.inject({
    method: "POST",
    url: `/api/v1/par/assessments/${id}/evidence?criterion=1&name=ke-hoach.pdf`,
    payload: await pdfBytes("Kế hoạch"),
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/pdf" },
  });
  return res.json().id;
};

/** The demo's set of this year and Thuận Hóa's demo draft against it. */
async function demoSet(app: App): Promise<string> {
  const year = vietnamDate().slice(0, 4);
  const sets = await api(app, "admin", "GET", `/api/v1/par/sets?year=${year}`);
  return sets.items.find((s: { issuer: { code: string } }) => s.issuer.code === "46").id;
}
async function demoDraft(app: App): Promise<string> {
  const units = await api(app, "quantri.thuanhoa", "GET", `/api/v1/par/sets/${await demoSet(app)}/units`);
  return units.items[0].assessment.id;
}

/** The ward's own assessors (par.assess) and those who appraise it from above (par.appraise). */
const ASSESSORS = covering("leader", "unit_admin");
const APPRAISERS = covering("supervisor", "system_admin");

export const parCases: Record<string, Case> = {
  "GET /api/v1/par/sets": {
    request: async () => ({ method: "GET", url: "/api/v1/par/sets" }),
    allow: cells(everywhere("leader", "unit_admin", "supervisor", "system_admin"), 200),
    sees: "all",
  },
  "POST /api/v1/par/sets": {
    request: async () => ({
      method: "POST",
      url: "/api/v1/par/sets",
      payload: {
        issuer: "46",
        year: nextYear(),
        level: "commune",
        title: "Bộ tiêu chí",
        criteria: CRITERIA,
      },
    }),
    allow: { "system_admin@parent": 201 },
    sees: at("parent", "receptionist", "specialist", "leader", "clerk", "unit_admin", "supervisor"),
  },
  "POST /api/v1/par/sets/import": {
    request: async () => ({
      method: "POST",
      url: `/api/v1/par/sets/import?issuer=46&level=commune&year=${nextYear()}&name=tieu-chi.csv`,
      payload: "code,title,max_points\n1,Chỉ đạo,60\n2,Thủ tục,40\n",
      headers: { "content-type": "text/csv" },
    }),
    allow: { "system_admin@parent": 201 },
    sees: at("parent", "receptionist", "specialist", "leader", "clerk", "unit_admin", "supervisor"),
  },
  "GET /api/v1/par/sets/:id": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/par/sets/${await demoSet(app)}` }),
    allow: cells(everywhere("leader", "unit_admin", "supervisor", "system_admin"), 200),
    sees: [],
  },
  "PUT /api/v1/par/sets/:id": {
    request: async (_ids, app) => ({
      method: "PUT",
      url: `/api/v1/par/sets/${await once(app, "put", newSet)}`,
      payload: { title: "Bộ tiêu chí (sửa)", criteria: CRITERIA },
    }),
    allow: { "system_admin@parent": 200 },
    sees: everywhere("leader", "unit_admin", "supervisor", "system_admin"),
  },
  "DELETE /api/v1/par/sets/:id": {
    request: async (_ids, app) => ({
      method: "DELETE",
      url: `/api/v1/par/sets/${await once(app, "delete", newSet)}`,
    }),
    allow: { "system_admin@parent": 204 },
    sees: everywhere("leader", "unit_admin", "supervisor", "system_admin"),
  },
  "GET /api/v1/par/sets/:id/units": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/par/sets/${await demoSet(app)}/units` }),
    allow: cells(everywhere("leader", "unit_admin", "supervisor", "system_admin"), 200),
    sees: [],
  },
  "GET /api/v1/par/sets/:id/ranking": {
    request: async (_ids, app) => ({
      method: "GET",
      url: `/api/v1/par/sets/${await demoSet(app)}/ranking?unit=46.19753`,
    }),
    allow: cells(covering("leader", "unit_admin", "supervisor", "system_admin"), 200),
    sees: [],
  },
  "POST /api/v1/par/sets/:id/assessments": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/v1/par/sets/${await newSet(app)}/assessments`,
      payload: { unit: "46.19753" },
    }),
    allow: cells(ASSESSORS, 201),
    sees: APPRAISERS,
  },
  "GET /api/v1/par/assessments/:id": {
    request: async (_ids, app) => ({ method: "GET", url: `/api/v1/par/assessments/${await demoDraft(app)}` }),
    allow: cells(covering("leader", "unit_admin", "supervisor", "system_admin"), 200),
    sees: [],
  },
  "PUT /api/v1/par/assessments/:id/self-scores": {
    request: async (_ids, app) => ({
      method: "PUT",
      url: `/api/v1/par/assessments/${await once(app, "self", draft)}/self-scores`,
      payload: SCORES,
    }),
    allow: cells(ASSESSORS, 200),
    sees: APPRAISERS,
  },
  "POST /api/v1/par/assessments/:id/self-scores/:code/auto": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/v1/par/assessments/${await demoDraft(app)}/self-scores/3.2/auto`,
    }),
    allow: cells(ASSESSORS, 200),
    sees: APPRAISERS,
  },
  "POST /api/v1/par/assessments/:id/submit": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/v1/par/assessments/${await scoredDraft(app)}/submit`,
    }),
    allow: cells(ASSESSORS, 200),
    sees: APPRAISERS,
  },
  "PUT /api/v1/par/assessments/:id/appraisal-scores": {
    request: async (_ids, app) => ({
      method: "PUT",
      url: `/api/v1/par/assessments/${await once(app, "appraisal", submitted)}/appraisal-scores`,
      payload: SCORES,
    }),
    allow: cells(at("parent", "supervisor", "system_admin"), 200),
    sees: covering("leader", "unit_admin", "supervisor", "system_admin"),
  },
  "POST /api/v1/par/assessments/:id/appraise": {
    request: async (_ids, app) => {
      const id = await submitted(app);
      await api(app, "giamsat", "PUT", `/api/v1/par/assessments/${id}/appraisal-scores`, SCORES);
      return { method: "POST", url: `/api/v1/par/assessments/${id}/appraise` };
    },
    allow: cells(at("parent", "supervisor", "system_admin"), 200),
    sees: covering("leader", "unit_admin", "supervisor", "system_admin"),
  },
  "POST /api/v1/par/assessments/:id/evidence": {
    request: async (_ids, app) => ({
      method: "POST",
      url: `/api/v1/par/assessments/${await once(app, "evidence", draft)}/evidence?criterion=1&name=ke-hoach.pdf`,
      payload: await pdfBytes("Kế hoạch"),
      headers: { "content-type": "application/pdf" },
    }),
    allow: cells(ASSESSORS, 201),
    sees: APPRAISERS,
  },
  "GET /api/v1/par/evidence/:id/content": {
    request: async (_ids, app) => ({
      method: "GET",
      url: `/api/v1/par/evidence/${await once(app, "content", evidence)}/content`,
    }),
    allow: cells([...ASSESSORS, ...APPRAISERS], 200),
    sees: [],
  },
  "DELETE /api/v1/par/evidence/:id": {
    request: async (_ids, app) => ({
      method: "DELETE",
      url: `/api/v1/par/evidence/${await evidence(app)}`,
    }),
    allow: cells(ASSESSORS, 204),
    sees: APPRAISERS,
  },
  "GET /api/v1/par/comparison": {
    request: async () => ({ method: "GET", url: "/api/v1/par/comparison?unit=46.19753" }),
    allow: cells(covering("leader", "unit_admin", "supervisor", "system_admin"), 200),
    sees: UNIT_STAFF,
  },
};
