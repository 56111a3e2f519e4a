import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setupTestApp, testConfig } from "../../test/app.ts";
import { buildApp } from "../app.ts";
import { queryRows } from "../db/client.ts";
import { addHits, sharedCounter, sweepRateLimits, windowOf } from "./rate-limit-store.ts";

const t = setupTestApp({ LOOKUP_RATE_PER_MINUTE: "4" });
const onPg = process.env.MOTCUA_TEST_DB === "pg";

describe("rate-limit counters in the database", () => {
  it("counts each process's hits locally and adds them to the shared row once a second, or at every hit past half the limit", async () => {
    let clock = windowOf(Date.now(), 60_000) + 1_000; // early in a window
    const a = sharedCounter(t.database.db, () => clock);
    const b = sharedCounter(t.database.db, () => clock);
    const shared = async () =>
      (
        await queryRows<{ hits: number }>(
          t.database.db,
          sql`select hits from rate_limit_hits where key = 'k'`,
        )
      )[0]?.hits ?? 0;
    const seen: number[] = [];
    const hit = async (p: typeof a) => seen.push((await p("k", 60_000, 10)).current);

    await hit(a); // first hit: added at once
    await hit(a);
    await hit(a); // within the second, far from the limit: counted locally
    expect(await shared()).toBe(1);
    await hit(b); // another process: adds its hit, sees the shared total
    expect(await shared()).toBe(2);
    clock += 1_001;
    await hit(a); // a second later: a adds its three
    expect(await shared()).toBe(5);
    // Past half the limit every hit is added, whichever process takes it: the limit is exact.
    for (const p of [b, a, b, a, b, a]) await hit(p);
    expect(await shared()).toBe(11);
    expect(seen).toEqual([1, 2, 3, 2, 5, 6, 7, 8, 9, 10, 11]);
    // Past the limit: answered from memory, no more writes.
    await hit(b);
    await hit(a);
    expect(seen.slice(-2).every((n) => n > 10)).toBe(true);
    expect(await shared()).toBe(11);
    // A new window starts from zero.
    clock += 60_000;
    expect((await a("k", 60_000, 10)).current).toBe(1);
  });

  it("deletes expired windows", async () => {
    const start = windowOf(Date.now(), 50);
    await addHits(t.database.db, "test|short", start, 50, 1);
    await addHits(t.database.db, "test|long", windowOf(Date.now(), 3_600_000), 3_600_000, 1);
    await new Promise((r) => setTimeout(r, 120));
    await sweepRateLimits(t.database.db);
    const left = await queryRows<{ key: string }>(t.database.db, sql`select key from rate_limit_hits`);
    const keys = left.map((r) => r.key);
    expect(keys).not.toContain("test|short");
    expect(keys).toContain("test|long");
  });

  it.runIf(onPg)(
    "makes two app processes on one PostgreSQL database share a limit: the fifth lookup is refused whichever process serves it",
    async () => {
      const second = await buildApp({
        database: t.database,
        config: testConfig({ LOOKUP_RATE_PER_MINUTE: "4" }),
        logger: false,
      });
      await second.ready();
      try {
        // Windows are aligned on the minute: start well inside one so all six calls share it.
        const intoMinute = Date.now() % 60_000;
        if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
        const apps = [t.app, second, t.app, second, t.app, second];
        const codes: number[] = [];
        for (const app of apps) {
          const res = await app.inject({
            method: "GET",
            url: "/api/public/dossiers/NO-SUCH-CODE",
            remoteAddress: "203.0.113.9",
          });
          codes.push(res.statusCode);
        }
        // Each process alone has seen three: only a shared count refuses the fifth and sixth.
        expect(codes).toEqual([404, 404, 404, 404, 429, 429]);
        // Another address has its own count.
        const fresh = await second.inject({
          method: "GET",
          url: "/api/public/dossiers/NO-SUCH-CODE",
          remoteAddress: "203.0.113.10",
        });
        expect(fresh.statusCode).not.toBe(429);
      } finally {
        await second.close();
      }
    },
  );
});
