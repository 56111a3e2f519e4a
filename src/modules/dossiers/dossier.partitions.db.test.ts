// Dossier history partitioned by Vietnam year (migration 0020): where rows land, a year added
// after the fact, and the insert-only guard on every partition.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { receptionBody } from "../../../bench/lib/http.ts";
import { call, login, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { queryRows } from "../../db/client.ts";

const t = setupTestApp();
/** The database's own message (drizzle wraps it in "Failed query: …"). */
const dbError = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: { cause?: { message?: string }; message?: string }) => e,
  );
  return String(err?.cause?.message ?? err?.message ?? "no error");
};
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.database.db, q);

async function receiveOne() {
  const s = await login(t.app, "tiepnhan.thuanhoa");
  const ward = await unitIdByCode(t.app, "46.19753");
  const res = await call(t.app, s, "POST", "/api/dossiers", receptionBody(ward, 1), {
    "idempotency-key": randomUUID(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string };
}

describe("dossier history partitioned by year", () => {
  it("writes each event into the partition of its Vietnam year, and the demo's years have theirs", async () => {
    const d = await receiveOne();
    const [ev] = await rows<{ part: string; year: number }>(
      sql`select tableoid::regclass::text as part, extract(year from at at time zone 'Asia/Ho_Chi_Minh')::int as year
            from dossier_events where dossier_id = ${d.id}`,
    );
    expect(ev?.part).toBe(`dossier_events_${ev?.year}`);
    // Nothing of a year 2000–2200 is left in the default partition after the demo load.
    const [left] = await rows<{ n: number }>(sql`select count(*)::int as n from dossier_events_default`);
    expect(left?.n).toBe(0);
    const [all] = await rows<{ n: number }>(sql`select count(*)::int as n from dossier_events`);
    expect(all?.n).toBeGreaterThan(10);
  });

  it("keeps a far year in the default partition until its partition is added, then moves it there", async () => {
    const d = await receiveOne();
    const at = "2041-03-02T03:00:00Z";
    await t.database.db.execute(
      sql`insert into dossier_events (dossier_id, seq, at, actor_label, command, to_state)
          values (${d.id}, 99, ${at}, 'test', 'note', 'received')`,
    );
    const where = async () =>
      (
        await rows<{ part: string }>(
          sql`select tableoid::regclass::text as part from dossier_events where dossier_id = ${d.id} and seq = 99`,
        )
      )[0]?.part;
    expect(await where()).toBe("dossier_events_default");
    const [made] = await rows<{ n: number }>(sql`select dossier_events_maintain() as n`);
    expect(made?.n).toBeGreaterThanOrEqual(1);
    expect(await where()).toBe("dossier_events_2041");
    // Idempotent.
    const [again] = await rows<{ n: number }>(sql`select dossier_events_maintain() as n`);
    expect(again?.n).toBe(0);
    // Vietnam year: 31 December 2041 at 18:00 UTC is already 2042 in Hà Nội.
    await t.database.db.execute(
      sql`insert into dossier_events (dossier_id, seq, at, actor_label, command, to_state)
          values (${d.id}, 100, '2041-12-31T18:00:00Z', 'test', 'note', 'received')`,
    );
    const [late] = await rows<{ part: string }>(
      sql`select tableoid::regclass::text as part from dossier_events where dossier_id = ${d.id} and seq = 100`,
    );
    expect(late?.part).toBe("dossier_events_default");
  });

  it("refuses to change or delete history in any partition, and a second event with the same number", async () => {
    const d = await receiveOne();
    const [ev] = await rows<{ part: string }>(
      sql`select tableoid::regclass::text as part from dossier_events where dossier_id = ${d.id}`,
    );
    expect(
      await dbError(
        t.database.db.execute(sql`update dossier_events set note = 'x' where dossier_id = ${d.id}`),
      ),
    ).toMatch(/insert-only/);
    expect(
      await dbError(t.database.db.execute(sql.raw(`delete from ${ev?.part} where dossier_id = '${d.id}'`))),
    ).toMatch(/insert-only/);
    expect(
      await dbError(
        t.database.db.execute(
          sql`insert into dossier_events (dossier_id, seq, at, actor_label, command, to_state)
              select dossier_id, seq, at, actor_label, command, to_state from dossier_events where dossier_id = ${d.id}`,
        ),
      ),
    ).toMatch(/duplicate key/);
  });
});
