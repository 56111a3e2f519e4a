// Rate limits on every route that takes a file (UPLOAD_RATE_PER_MINUTE, per signed-in user or
// per client address) and on appointment booking (BOOKING_RATE_PER_MINUTE): the request past
// the limit gets a 429 problem in vi/en. The limit runs before the body is looked at, so bad
// requests count too (a flood of junk is limited like a flood of files).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { login, type Session, setupTestApp } from "../../../test/app.ts";
import { pngBytes } from "./test-files.ts";

const LIMIT = 3;
const t = setupTestApp({
  UPLOAD_RATE_PER_MINUTE: String(LIMIT),
  BOOKING_RATE_PER_MINUTE: String(LIMIT),
});
const UUID = "00000000-0000-4000-8000-000000000000";

function post(
  session: Session | null,
  url: string,
  type = "image/png",
  payload: Buffer | string = pngBytes(),
) {
  return t.app.inject({
    method: "POST",
    url,
    payload,
    headers: {
      ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrf } : {}),
      "content-type": type,
      "idempotency-key": randomUUID(),
    },
  });
}

async function expectLimited(session: Session | null, url: string, type?: string, payload?: Buffer | string) {
  for (let i = 0; i < LIMIT; i++) {
    const res = await post(session, url, type, payload);
    expect(res.statusCode, `${url} #${i + 1}: ${res.body}`).not.toBe(429);
  }
  const res = await post(session, url, type, payload);
  expect(res.statusCode, url).toBe(429);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  const problem = res.json();
  expect(problem.code).toBe("rate_limited");
  expect(problem.message.vi).toBeTruthy();
  expect(problem.message.en).toBeTruthy();
}

describe("upload routes are rate limited", () => {
  it.each([
    ["dossier documents", `/api/dossiers/${UUID}/documents?name=a.png&kind=digitized`],
    ["electronic results", `/api/dossiers/${UUID}/results?name=a.pdf`],
    ["PAR evidence", `/api/v1/par/assessments/${UUID}/evidence?criterion=1&name=a.png`],
    ["PAR criteria import", "/api/v1/par/sets/import?issuer=46&level=commune&year=2042&name=a.csv"],
    ["historical dossier import", "/api/v1/imports/dossiers?name=a.csv"],
  ])("%s (per signed-in user)", async (_name, url) => {
    const admin = await login(t.app, "admin");
    await expectLimited(admin, url);
    // Another official (maybe behind the same office address) has a budget of their own.
    const other = await login(t.app, "giamsat");
    expect((await post(other, url)).statusCode).not.toBe(429);
  });

  it("feedback photos and PDF verification (anonymous: per client address)", async () => {
    await expectLimited(null, "/api/public/feedback/PA-AAAAAAAA/photos");
    await expectLimited(null, "/api/public/verify", "application/pdf");
  });
});

describe("appointment booking is rate limited", () => {
  it.each([
    ["book", "/api/public/appointments", { slotId: UUID, fullName: "Hồ Văn Nam", phone: "0912345678" }],
    ["cancel", "/api/public/appointments/LH-AAAAAAAA/cancel", { phone: "0912345678" }],
    ["reschedule", "/api/public/appointments/LH-AAAAAAAA/reschedule", { phone: "0912345678", slotId: UUID }],
  ])("%s", async (_name, url, body) => {
    await expectLimited(null, url, "application/json", JSON.stringify(body));
  });

  it("reading slots is not held to the booking limit", async () => {
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await t.app.inject({ method: "GET", url: "/api/public/appointments/units" });
      expect(res.statusCode).not.toBe(429);
    }
  });
});
