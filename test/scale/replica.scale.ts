// Reads served by the streaming replica, writes by the primary, and a browser never shown
// something older than it has seen (src/plugins/replica.ts), on a real primary + replica pair.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { receptionBody } from "../../bench/lib/http.ts";
import { LSN_COOKIE } from "../../src/plugins/replica.ts";
import { login } from "../app.ts";
import {
  cluster,
  PRIMARY_PORT,
  queryAt,
  queryOne,
  REPLICA_PORT,
  replicaCaughtUp,
  setupClusterApp,
} from "./cluster.ts";

const t = setupClusterApp(4);

const lsnOf = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === LSN_COOKIE)?.value;

async function receive(n: number) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/dossiers",
    payload: receptionBody(t.ward, n),
    headers: {
      cookie: t.receptionist.cookie,
      "x-csrf-token": t.receptionist.csrf,
      "idempotency-key": randomUUID(),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { code: res.json().code as string, lsn: lsnOf(res) };
}

const lookup = (code: string, lsn?: string) =>
  t.app.inject({
    method: "GET",
    url: `/api/public/dossiers/${code}`,
    cookies: lsn ? { [LSN_COOKIE]: lsn } : {},
  });

describe("streaming replica", () => {
  it("serves public lookups and reports from the replica once it has what the browser has seen", async () => {
    const first = await receive(1);
    expect(first.lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    await replicaCaughtUp();

    const res = await lookup(first.code, first.lsn);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["x-motcua-read"]).toBe("replica");

    const leader = await login(t.app, "lanhdao.thuanhoa");
    const report = await t.app.inject({
      method: "GET",
      url: "/api/v1/reports/resolution?unit=46.19753&from=2026-01-01&to=2026-12-31",
      headers: { cookie: leader.cookie },
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.headers["x-motcua-read"]).toBe("replica");

    // The replica really is a standby: a write there is refused by PostgreSQL itself.
    await expect(
      queryAt(REPLICA_PORT, "insert into integration_state (key, value) values ('x', '1')"),
    ).rejects.toThrow(/read-only transaction/);
  });

  it("reads from the primary while the replica lags behind what the browser wrote or saw (read-your-writes, monotonic reads)", async () => {
    // Hold the replica back: it keeps receiving WAL (the commit is still acknowledged), but
    // replays none of it until resumed.
    await queryAt(REPLICA_PORT, "select pg_wal_replay_pause()");
    try {
      const just = await receive(2);

      // The receptionist's browser, carrying the position of its write: the primary answers.
      const mine = await lookup(just.code, just.lsn);
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.headers["x-motcua-read"]).toBe("primary");
      const seen = lsnOf(mine) ?? just.lsn;

      // A browser that has seen nothing: the replica answers, and does not have it yet.
      const stranger = await lookup(just.code);
      expect(stranger.headers["x-motcua-read"]).toBe("replica");
      expect(stranger.statusCode).toBe(404);

      // Having seen the status from the primary, the browser keeps reading there (never an
      // older status) while the replica is behind — for any dossier.
      const again = await lookup(just.code, seen);
      expect(again.headers["x-motcua-read"]).toBe("primary");
      expect(again.statusCode).toBe(200);
    } finally {
      await queryAt(REPLICA_PORT, "select pg_wal_replay_resume()");
    }
    await replicaCaughtUp();
    const { n } = await queryOne<{ n: string }>(PRIMARY_PORT, "select count(*) as n from dossiers");
    const { n: onReplica } = await queryOne<{ n: string }>(
      REPLICA_PORT,
      "select count(*) as n from dossiers",
    );
    expect(onReplica).toBe(n);
  });

  it("falls back to the primary when the replica is down", async () => {
    const d = await receive(3);
    cluster("stop-replica");
    const res = await lookup(d.code);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["x-motcua-read"]).toBe("primary");
  });
});
