import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, login, type Session, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";

const t = setupTestApp();
const key = () => ({ "idempotency-key": randomUUID() });

type Dossier = { id: string; version: number; state: string };

/** A dossier filed online by the demo citizen and taken through to `returned` by the desk. */
async function returnedDossier(stopAt?: string): Promise<Dossier> {
  const citizen = await login(t.app, "congdan@motcua.example");
  const unitId = await unitIdByCode(t.app, "46.19753");
  const filed = await call(
    t.app,
    citizen,
    "POST",
    "/api/portal/dossiers",
    {
      unitId,
      // A procedure without a demo e-form: no form data needed.
      procedureCode: "1.004194",
      channel: "online_full",
      applicant: { name: "Nguyễn Văn Công Dân", email: "congdan@motcua.example" },
      resultDelivery: "desk",
    },
    key(),
  );
  expect(filed.statusCode, filed.body).toBe(201);
  let d: Dossier = filed.json();
  const run = async (username: string, command: string, extra: Record<string, unknown> = {}) => {
    const res = await call(
      t.app,
      await login(t.app, username),
      "POST",
      `/api/dossiers/${d.id}/commands`,
      { command, expectedVersion: d.version, ...extra },
      key(),
    );
    expect(res.statusCode, res.body).toBe(200);
    d = res.json();
  };
  for (const [who, command, extra] of [
    ["tiepnhan.thuanhoa", "receive", {}],
    ["tiepnhan.thuanhoa", "forward", {}],
    ["lanhdao.thuanhoa", "approve", {}],
    ["vanthu.thuanhoa", "issue_result", {}],
    ["tiepnhan.thuanhoa", "return_result", { method: "in_person" }],
  ] as const) {
    if (command === stopAt) break;
    await run(who, command, extra);
  }
  return d;
}

const rate = (s: Session | null, id: string, body: unknown, headers = key()) =>
  call(t.app, s, "POST", `/api/portal/dossiers/${id}/rating`, body, headers);

describe("ratings (portal)", () => {
  it("lets the applicant rate a returned dossier once, storing unit and returning official", async () => {
    const citizen = await login(t.app, "congdan@motcua.example");
    const d = await returnedDossier();
    expect(d.state).toBe("returned");

    const before = await call(t.app, citizen, "GET", `/api/portal/dossiers/${d.id}/rating`);
    expect(before.json()).toEqual({ rating: null, canRate: true });

    const headers = key();
    const body = { level: "satisfied", reasons: ["Đúng hẹn", " Cán bộ tận tình "], comment: "Cảm ơn" };
    const res = await rate(citizen, d.id, body, headers);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rating).toMatchObject({
      level: "satisfied",
      reasons: ["Đúng hẹn", "Cán bộ tận tình"],
      comment: "Cảm ơn",
    });

    // The same request again replays the first answer; a new one is refused.
    const replay = await rate(citizen, d.id, body, headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(res.json());
    const second = await rate(citizen, d.id, { level: "dissatisfied" });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe("rating.already_rated");
    expect(second.json().message.vi).toMatch(/đã được đánh giá/);

    const after = await call(t.app, citizen, "GET", `/api/portal/dossiers/${d.id}/rating`);
    expect(after.json()).toMatchObject({ rating: { level: "satisfied" }, canRate: false });

    const [row] = await queryRows<{ channel: string; unit_code: string; official: string; rated_by: string }>(
      t.database.db,
      sql`select r.channel, u.code as unit_code, o.username as official, r.rated_by
          from dossier_ratings r join org_units u on u.id = r.unit_id join users o on o.id = r.official_id
          where r.dossier_id = ${d.id}`,
    );
    expect(row).toEqual({
      channel: "portal",
      unit_code: "46.19753",
      official: "tiepnhan.thuanhoa",
      rated_by: citizen.userId,
    });
  });

  it("refuses a dossier not yet returned (409), others' and staff (404), anonymous (401)", async () => {
    const citizen = await login(t.app, "congdan@motcua.example");
    const d = await returnedDossier("return_result");
    expect(d.state).toBe("result_ready");
    const early = await rate(citizen, d.id, { level: "normal" });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("rating.not_returned");
    expect((await call(t.app, citizen, "GET", `/api/portal/dossiers/${d.id}/rating`)).json()).toEqual({
      rating: null,
      canRate: false,
    });

    const staff = await login(t.app, "tiepnhan.thuanhoa");
    expect((await rate(staff, d.id, { level: "normal" })).statusCode).toBe(404);
    expect((await call(t.app, staff, "GET", `/api/portal/dossiers/${d.id}/rating`)).statusCode).toBe(404);
    expect((await rate(citizen, randomUUID(), { level: "normal" })).statusCode).toBe(404);
    expect((await rate(null, d.id, { level: "normal" })).statusCode).toBe(401);
  });

  it("validates the level, reasons and comment, and needs an Idempotency-Key", async () => {
    const citizen = await login(t.app, "congdan@motcua.example");
    const id = randomUUID();
    const bad = await rate(citizen, id, { level: "great", comment: "x".repeat(2001) });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["comment", "level"]);
    const tooMany = await rate(citizen, id, { level: "normal", reasons: Array(11).fill("a") });
    expect(tooMany.statusCode).toBe(400);
    const noKey = await rate(citizen, id, { level: "normal" }, {} as ReturnType<typeof key>);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors[0].field).toBe("idempotency-key");
  });
});
