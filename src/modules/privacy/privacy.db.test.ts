// Personal data: the data map matches the live schema, a person's export holds their own rows
// and nobody else's, and retention removes or reduces exactly what its rules say (on both
// databases).
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, login, setupTestApp } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";
import { DATA_MAP, NOT_PERSONAL, PERSONAL_NAME } from "./privacy.datamap.ts";
import { runRetention } from "./privacy.service.ts";

const t = setupTestApp();
const q = <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);

describe("data map", () => {
  it("names every column that looks personal, and only columns that exist", async () => {
    const columns = await q<{ col: string }>(sql`
      select c.relname || '.' || a.attname as col
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
         and a.attnum > 0 and not a.attisdropped`);
    const live = new Set(columns.map((r) => r.col));
    const mapped = new Set(DATA_MAP.flatMap((e) => e.columns.map((c) => `${e.table}.${c}`)));
    const unaccounted = [...live]
      .filter((c) => PERSONAL_NAME.test(c.split(".")[1] ?? ""))
      .filter((c) => !mapped.has(c) && !(c in NOT_PERSONAL));
    expect(unaccounted, "personal-looking columns missing from DATA_MAP / NOT_PERSONAL").toEqual([]);
    const stale = [...mapped, ...Object.keys(NOT_PERSONAL)].filter((c) => !live.has(c));
    expect(stale, "DATA_MAP / NOT_PERSONAL names columns that do not exist").toEqual([]);
  });
});

describe("GET /api/v1/me/data-export", () => {
  it("refuses anonymous requests", async () => {
    const res = await call(t.app, null, "GET", "/api/v1/me/data-export");
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("gives the citizen their own account, dossiers with history, and nobody else's", async () => {
    const citizen = await login(t.app, "congdan@motcua.example");
    const res = await call(t.app, citizen, "GET", "/api/v1/me/data-export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="motcua-du-lieu-ca-nhan-\d{8}\.json"$/,
    );
    const body = res.json();
    expect(body.account.email).toBe("congdan@motcua.example");
    const [own] = await q<{ n: number }>(
      sql`select count(*)::int as n from dossiers where applicant_user_id = ${citizen.userId}`,
    );
    expect(own?.n).toBeGreaterThan(0);
    expect(body.dossiers).toHaveLength(own?.n ?? -1);
    const ids = new Set(body.dossiers.map((d: { id: string }) => d.id));
    const [other] = await q<{ id: string }>(
      sql`select id from dossiers where applicant_user_id is distinct from ${citizen.userId} limit 1`,
    );
    expect(other && ids.has(other.id)).toBe(false);
    expect(body.dossiers.every((d: { events: unknown[] }) => d.events.length > 0)).toBe(true);
    expect(body.sessions.length).toBeGreaterThan(0);
    expect(body.about.map((a: { section: string }) => a.section)).toContain("dossiers");
    // The export is itself a read of personal data: audited, against the account.
    const [audit] = await q<{ target: string; details: Record<string, number> }>(
      sql`select target, details from audit_log where action = 'privacy.export' order by seq desc limit 1`,
    );
    expect(audit?.target).toBe(citizen.userId);
    expect(audit?.details.dossiers).toBe(own?.n);
  });

  it("gives an official their own account and activity, not the dossiers they handled", async () => {
    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const body = (await call(t.app, desk, "GET", "/api/v1/me/data-export")).json();
    expect(body.account.username).toBe("tiepnhan.thuanhoa");
    expect(body.dossiers).toEqual([]);
    expect(body.activity.length).toBeGreaterThan(0);
  });
});

describe("retention", () => {
  const now = new Date();
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  const settings = { idempotencyDays: 30, outboxDays: 180, appointmentDays: 365, feedbackContactDays: 730 };

  it("deletes and reduces exactly what is past its period; a second run finds nothing; dry run changes nothing", async () => {
    const db = t.database.db;
    const [user] = await q<{ id: string }>(sql`select id from users where username = 'tiepnhan.thuanhoa'`);
    await db.execute(sql`insert into sessions (id, user_id, csrf_token, expires_at)
      values ('retention-old', ${user?.id}, 'x', ${daysAgo(1)}), ('retention-live', ${user?.id}, 'x', ${daysAgo(-1)})`);
    await db.execute(sql`insert into idempotency_keys (scope, key, request_hash, created_at)
      values ('retention', 'old', 'h', ${daysAgo(31)}), ('retention', 'new', 'h', ${daysAgo(29)})`);
    await db.execute(sql`insert into account_tokens (user_id, purpose, token_hash, created_at, expires_at, used_at)
      values (${user?.id}, 'reset', ${"a".repeat(64)}, ${daysAgo(40)}, ${daysAgo(39)}, ${daysAgo(39)}),
             (${user?.id}, 'reset', ${"b".repeat(64)}, ${daysAgo(40)}, ${daysAgo(39)}, null),
             (${user?.id}, 'reset', ${"c".repeat(64)}, ${daysAgo(20)}, ${daysAgo(19)}, ${daysAgo(19)}),
             (${user?.id}, 'invite', ${"d".repeat(64)}, ${daysAgo(1)}, ${daysAgo(-6)}, null)`);
    await db.execute(sql`insert into outbox (channel, template, recipient, payload, dedupe_key, status, created_at, sent_at)
      values ('email', 't', 'a@b.vn', '{}', 'retention-sent-old', 'sent', ${daysAgo(200)}, ${daysAgo(190)}),
             ('email', 't', 'a@b.vn', '{}', 'retention-sent-new', 'sent', ${daysAgo(10)}, ${daysAgo(10)}),
             ('email', 't', 'a@b.vn', '{}', 'retention-pending-old', 'pending', ${daysAgo(200)}, null)`);
    const [appointment] = await q<{ id: string }>(
      sql`select id from appointments order by created_at limit 1`,
    );
    expect(appointment, "the demo has bookings").toBeDefined();
    await db.execute(sql`update appointments set day = ${daysAgo(400).slice(0, 10)}::date,
      full_name = 'Nguyễn Văn An', phone = '0912345678', email = 'an@example.vn' where id = ${appointment?.id}`);
    // Feedback answered long ago, with its sender's name and contacts (the test demo has no feedback).
    const [service] = await q<{ code: string }>(sql`select code from feedback_services limit 1`);
    const [unit] = await q<{ id: string }>(sql`select id from org_units where code = '46.19753'`);
    const [feedback] = await q<{ id: string }>(sql`insert into feedback_items
        (code, service_code, unit_id, description, status, due_at, created_at, updated_at,
         first_name, last_name, phone, email, device_id)
      values ('PA-RETENTION', ${service?.code}, ${unit?.id}, 'Đèn hỏng trước cổng', 'closed',
              ${daysAgo(790)}, ${daysAgo(800)}, ${daysAgo(800)}, 'An', 'Nguyễn', '0912345678', 'an@example.vn', 'device-1')
      returning id`);
    const before = await q(
      sql`select (select count(*)::int from dossiers) as dossiers, (select count(*)::int from audit_log) as audit`,
    );

    const dry = await runRetention(db, settings, { now, dryRun: true });
    expect(dry.sessions).toBeGreaterThanOrEqual(1);
    expect((await q(sql`select 1 from sessions where id = 'retention-old'`)).length).toBe(1);

    const counts = await runRetention(db, settings, { now });
    expect(counts).toMatchObject({ idempotency: 1, outbox: 1, "account-tokens": 2 });
    const tokens = await q<{ token_hash: string }>(
      sql`select token_hash from account_tokens where user_id = ${user?.id} order by token_hash`,
    );
    expect(tokens.map((x) => x.token_hash[0])).toEqual(["c", "d"]);
    expect(counts.sessions).toBeGreaterThanOrEqual(1);
    expect(counts.appointments).toBeGreaterThanOrEqual(1);
    expect(counts["feedback-contacts"]).toBeGreaterThanOrEqual(1);

    const sessions = await q<{ id: string }>(
      sql`select id from sessions where id like 'retention-%' order by id`,
    );
    expect(sessions.map((s) => s.id)).toEqual(["retention-live"]);
    const keys = await q<{ key: string }>(sql`select key from idempotency_keys where scope = 'retention'`);
    expect(keys.map((k) => k.key)).toEqual(["new"]);
    const outbox = await q<{ dedupe_key: string }>(
      sql`select dedupe_key from outbox where dedupe_key like 'retention-%' order by dedupe_key`,
    );
    expect(outbox.map((o) => o.dedupe_key)).toEqual(["retention-pending-old", "retention-sent-new"]);
    const [a] = await q(
      sql`select full_name, phone, email, person_key from appointments where id = ${appointment?.id}`,
    );
    expect(a).toEqual({
      full_name: "N. V. A.",
      phone: "",
      email: null,
      person_key: `erased:${appointment?.id}`,
    });
    const [f] = await q(
      sql`select first_name, last_name, phone, email, description from feedback_items where id = ${feedback?.id}`,
    );
    expect(f).toMatchObject({ first_name: null, last_name: null, phone: null, email: null });
    expect(f?.description).toBeTruthy();

    // What the archive keeps is untouched; the run is audited.
    const after = await q(sql`select (select count(*)::int from dossiers) as dossiers`);
    expect(after[0]?.dossiers).toBe(before[0]?.dossiers);
    const [audit] = await q<{ details: Record<string, number>; actor_label: string }>(
      sql`select details, actor_label from audit_log where action = 'privacy.retention' order by seq desc limit 1`,
    );
    expect(audit?.actor_label).toBe("system:retention");
    expect(audit?.details.outbox).toBe(1);

    const again = await runRetention(db, settings, { now });
    expect(again).toMatchObject({
      idempotency: 0,
      "account-tokens": 0,
      outbox: 0,
      appointments: 0,
      "feedback-contacts": 0,
    });
  });
});
