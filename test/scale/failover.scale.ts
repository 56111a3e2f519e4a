// The failover drill (issue #9): receptions run while the primary crashes (pg_ctl -m immediate)
// and the synchronous replica is promoted. The app, started with both hosts in DATABASE_URL, finds
// the new primary by itself (no restart); requests caught in the gap fail and are retried with the
// same Idempotency-Key, as a client does. Then: every acknowledged dossier is on the new primary,
// no key made two dossiers, no code was given twice.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { receptionBody } from "../../bench/lib/http.ts";
import { cluster, queryAt, queryOne, REPLICA_PORT, setupClusterApp } from "./cluster.ts";

const t = setupClusterApp(8);

const CLIENTS = 6;
const LOAD_MS = 6_000;
const KILL_AT_MS = 1_500;
const PROMOTE_AFTER_MS = 500;

it("loses no acknowledged dossier when the primary crashes and the replica is promoted, and the app reconnects by itself", async () => {
  const acknowledged = new Map<string, { id: string; code: string }>(); // key → dossier
  const pending: { key: string; n: number }[] = [];
  let failures = 0;
  let firstAfterPromote: number | undefined;
  let promotedAt: number | undefined;
  let n = 0;

  const post = (key: string, i: number) =>
    t.app.inject({
      method: "POST",
      url: "/api/dossiers",
      payload: receptionBody(t.ward, i),
      headers: { cookie: t.receptionist.cookie, "x-csrf-token": t.receptionist.csrf, "idempotency-key": key },
    });

  const started = Date.now();
  const client = async () => {
    while (Date.now() - started < LOAD_MS) {
      const key = randomUUID();
      const i = n++;
      const res = await post(key, i).catch(() => undefined);
      if (res?.statusCode === 201) {
        const body = res.json();
        acknowledged.set(key, { id: body.id, code: body.code });
        if (promotedAt && firstAfterPromote === undefined) firstAfterPromote = Date.now() - promotedAt;
      } else {
        failures++;
        pending.push({ key, n: i });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const drill = async () => {
    await new Promise((r) => setTimeout(r, KILL_AT_MS));
    cluster("kill-primary");
    await new Promise((r) => setTimeout(r, PROMOTE_AFTER_MS));
    cluster("promote");
    promotedAt = Date.now();
  };
  await Promise.all([drill(), ...Array.from({ length: CLIENTS }, client)]);

  // The clients retry what failed, with the same key and body.
  for (const p of pending) {
    const res = await post(p.key, p.n);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    acknowledged.set(p.key, { id: body.id, code: body.code });
  }

  expect(failures).toBeGreaterThan(0); // the crash was felt …
  expect(firstAfterPromote).toBeDefined(); // … and the app served again without a restart
  expect(cluster("status")).toMatch(new RegExp(`127.0.0.1:${REPLICA_PORT} primary`));

  const ids = [...acknowledged.values()].map((a) => a.id);
  const found = await queryAt<{ id: string; code: string }>(
    REPLICA_PORT,
    "select id, code from dossiers where id = any($1::uuid[])",
    [ids],
  );
  expect(found.length).toBe(ids.length);
  const codes = new Map(found.map((f) => [f.id, f.code]));
  for (const a of acknowledged.values()) expect(codes.get(a.id)).toBe(a.code);
  // One dossier per key: the dossiers of this run are exactly the acknowledged ones.
  const { count } = await queryOne<{ count: string }>(
    REPLICA_PORT,
    "select count(*) from dossiers where applicant_name like 'Nguyễn Thị Hồng Nhung %'",
  );
  expect(Number(count)).toBe(acknowledged.size);
  const { dup } = await queryOne<{ dup: string }>(
    REPLICA_PORT,
    "select count(*) - count(distinct code) as dup from dossiers where code is not null",
  );
  expect(Number(dup)).toBe(0);
  console.log(
    `failover drill: ${acknowledged.size} dossiers acknowledged, ${failures} requests failed during the failover and were retried, first success ${firstAfterPromote} ms after the promotion, none lost`,
  );
});
