import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setupTestApp, testConfig } from "../../test/app.ts";
import { buildApp } from "../app.ts";
import { queryRows } from "../db/client.ts";
import { hitWindow, sweepRateLimits } from "./rate-limit-store.ts";

const t = setupTestApp({ LOOKUP_RATE_PER_MINUTE: "4" });
const onPg = process.env.MOTCUA_TEST_DB === "pg";

describe("rate-limit counters in the database", () => {
  it("counts hits per key and window, reports what is left of the window, and sweeps expired windows", async () => {
    const first = await hitWindow(t.database.db, "test|a", 60_000);
    const second = await hitWindow(t.database.db, "test|a", 60_000);
    const other = await hitWindow(t.database.db, "test|b", 60_000);
    // The second hit may fall in the next window only if the minute turned between the two.
    expect(second.current === 2 || (second.current === 1 && second.ttl > first.ttl)).toBe(true);
    expect(other.current).toBe(1);
    expect(first.ttl).toBeGreaterThan(0);
    expect(first.ttl).toBeLessThanOrEqual(60_000);

    const short = await hitWindow(t.database.db, "test|short", 50);
    expect(short.ttl).toBeLessThanOrEqual(50);
    await new Promise((r) => setTimeout(r, 120));
    await sweepRateLimits(t.database.db);
    const left = await queryRows<{ key: string }>(t.database.db, sql`select key from rate_limit_hits`);
    const keys = left.map((r) => r.key);
    expect(keys).not.toContain("test|short");
    expect(keys).toContain("test|a");
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
