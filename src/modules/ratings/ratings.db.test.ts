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

/** The rating link of the dossier's "returned" e-mail, as the outbox holds it. */
async function ratingLink(dossierId: string): Promise<string> {
  const rows = await queryRows<{ payload: { ratingUrl: string; code: string }; channel: string }>(
    t.database.db,
    sql`select o.payload, o.channel from outbox o join dossiers d on d.code = o.payload->>'code'
        where d.id = ${dossierId} and o.template = 'dossier.returned' order by o.id`,
  );
  expect(rows.map((r) => r.channel).sort()).toEqual(["email"]);
  return rows[0]!.payload.ratingUrl;
}
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
const publicRate = (token: string, body: unknown, headers = key()) =>
  t.app.inject({ method: "POST", url: `/api/public/ratings/${token}`, payload: body as object, headers });

/** Thuận Hóa's service figures for today (Vietnam), as the reports compute them. */
async function satisfaction() {
  const leader = await login(t.app, "lanhdao.thuanhoa");
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const res = await call(
    t.app,
    leader,
    "GET",
    `/api/v1/reports/service?unit=46.19753&from=${today}&to=${today}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().satisfaction as { total: { rated: number; verySatisfied: number; dissatisfied: number } };
}

describe("ratings (link in the notification)", () => {
  it("sends a signed link when the result is returned; it rates once, with no sign-in, and feeds the figures", async () => {
    const before = await satisfaction();
    const d = await returnedDossier();
    const url = await ratingLink(d.id);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/danh-gia\/[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{22}$/);
    const token = tokenOf(url);

    const status = await t.app.inject({ method: "GET", url: `/api/public/ratings/${token}` });
    expect(status.statusCode, status.body).toBe(200);
    const s = status.json();
    expect(s).toMatchObject({ rating: null, canRate: true, dossier: { unitName: "Phường Thuận Hóa" } });
    expect(s.dossier.applicantName).not.toBe("Nguyễn Văn Công Dân"); // masked
    const days = (Date.parse(s.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const res = await publicRate(token, { level: "very_satisfied", reasons: ["Đúng hẹn"] });
    expect(res.statusCode, res.body).toBe(201);
    // The link is used: a second rating is refused, whatever the channel.
    const again = await publicRate(token, { level: "dissatisfied" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("rating.already_rated");
    const citizen = await login(t.app, "congdan@motcua.example");
    expect((await rate(citizen, d.id, { level: "normal" })).statusCode).toBe(409);

    const [row] = await queryRows<{ channel: string; rated_by: string | null; official: string }>(
      t.database.db,
      sql`select r.channel, r.rated_by, o.username as official from dossier_ratings r
          join users o on o.id = r.official_id where r.dossier_id = ${d.id}`,
    );
    expect(row).toEqual({ channel: "link", rated_by: null, official: "tiepnhan.thuanhoa" });
    const after = await satisfaction();
    expect(after.total.rated).toBe(before.total.rated + 1);
    expect(after.total.verySatisfied).toBe(before.total.verySatisfied + 1);
  });

  it("refuses forged, altered, other dossiers' and expired tokens, storing nothing", async () => {
    const d = await returnedDossier();
    const token = tokenOf(await ratingLink(d.id));
    const [body, sig] = token.split(".") as [string, string];
    const { signRatingToken, ratingLinkKey } = await import("./ratings.link.ts");
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
    const other = await returnedDossier();
    const otherToken = tokenOf(await ratingLink(other.id));
    const forged = [
      `${flip(body, 5)}.${sig}`, // another dossier id under the old signature
      `${body}.${flip(sig, 3)}`,
      `${body}.${otherToken.split(".")[1]}`, // another dossier's signature
      signRatingToken(Buffer.alloc(32, 7), d.id, new Date(Date.now() + 86_400_000)), // wrong key
      "not-a-token",
      `${body}.${sig}x`,
    ];
    for (const bad of forged) {
      const res = await publicRate(bad, { level: "dissatisfied" });
      expect(res.statusCode, bad).toBe(404);
      expect(res.json().code).toBe("rating.link_invalid");
      expect((await t.app.inject({ method: "GET", url: `/api/public/ratings/${bad}` })).statusCode).toBe(404);
    }
    const expired = signRatingToken(ratingLinkKey(t.app.config), d.id, new Date(Date.now() - 1000));
    const late = await publicRate(expired, { level: "dissatisfied" });
    expect(late.statusCode).toBe(410);
    expect(late.json().message.vi).toMatch(/hết hạn/);
    const [{ n }] = (await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from dossier_ratings where dossier_id in (${d.id}, ${other.id})`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });
});

describe("ratings (desk tablet)", () => {
  it("lets the receptionist open the returned dossier by code for its applicant to rate once (channel desk)", async () => {
    const before = await satisfaction();
    const d = await returnedDossier();
    const { code } = (
      await queryRows<{ code: string }>(t.database.db, sql`select code from dossiers where id = ${d.id}`)
    )[0]!;
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const status = await call(t.app, desk, "GET", `/api/v1/ratings/desk?code=${encodeURIComponent(code)}`);
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toMatchObject({ dossier: { id: d.id, code }, rating: null, canRate: true });

    const res = await call(
      t.app,
      desk,
      "POST",
      `/api/v1/ratings/desk/${d.id}`,
      { level: "dissatisfied", comment: "Chờ lâu" },
      key(),
    );
    expect(res.statusCode, res.body).toBe(201);
    const again = await call(
      t.app,
      desk,
      "POST",
      `/api/v1/ratings/desk/${d.id}`,
      { level: "satisfied" },
      key(),
    );
    expect(again.statusCode).toBe(409);
    const shown = await call(t.app, desk, "GET", `/api/v1/ratings/desk?code=${encodeURIComponent(code)}`);
    expect(shown.json()).toMatchObject({
      rating: { level: "dissatisfied", channel: "desk" },
      canRate: false,
    });

    const [row] = await queryRows<{ channel: string; rated_by: string | null; actor: string }>(
      t.database.db,
      sql`select r.channel, r.rated_by,
            (select u.username from audit_log a join users u on u.id = a.actor_user_id
              where a.action = 'rating.create' and a.target = ${d.id} order by a.seq desc limit 1) as actor
          from dossier_ratings r where r.dossier_id = ${d.id}`,
    );
    expect(row).toEqual({ channel: "desk", rated_by: null, actor: "tiepnhan.thuanhoa" });
    const after = await satisfaction();
    expect(after.total.rated).toBe(before.total.rated + 1);
    expect(after.total.dissatisfied).toBe(before.total.dissatisfied + 1);
  });

  it("refuses a dossier not returned (409), another unit's staff and non-receptionists (404)", async () => {
    const d = await returnedDossier("return_result");
    const { code } = (
      await queryRows<{ code: string }>(t.database.db, sql`select code from dossiers where id = ${d.id}`)
    )[0]!;
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const status = await call(t.app, desk, "GET", `/api/v1/ratings/desk?code=${encodeURIComponent(code)}`);
    expect(status.json()).toMatchObject({ canRate: false, rating: null });
    const early = await call(t.app, desk, "POST", `/api/v1/ratings/desk/${d.id}`, { level: "normal" }, key());
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("rating.not_returned");
    for (const who of ["tiepnhan.phuxuan", "chuyenvien.thuanhoa", "giamsat"]) {
      const s = await login(t.app, who);
      expect(
        (await call(t.app, s, "GET", `/api/v1/ratings/desk?code=${encodeURIComponent(code)}`)).statusCode,
        who,
      ).toBe(404);
      expect(
        (await call(t.app, s, "POST", `/api/v1/ratings/desk/${d.id}`, { level: "normal" }, key())).statusCode,
        who,
      ).toBe(404);
    }
    expect((await call(t.app, null, "GET", `/api/v1/ratings/desk?code=${code}`)).statusCode).toBe(401);
    expect((await call(t.app, desk, "GET", "/api/v1/ratings/desk?code=NOPE")).statusCode).toBe(404);
  });
});
