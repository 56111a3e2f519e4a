import { describe, expect, it } from "vitest";
import { setupTestApp } from "../../../test/app.ts";

const t = setupTestApp({ LOGIN_RATE_PER_MINUTE: "3" });

describe("sign-in rate limit", () => {
  it("limits per client address and ignores X-Forwarded-For unless a proxy is trusted", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { "x-forwarded-for": `203.0.113.${i}` },
        payload: { username: "nobody", password: "wrong-password-1" },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
