import { describe, expect, it } from "vitest";
import { hostUrls, isConnectionLost } from "../db/client.ts";
import { lsnValue, newerLsn } from "./replica.ts";

describe("WAL positions", () => {
  it("reads X/Y as a number, refusing anything else", () => {
    expect(lsnValue("0/0")).toBe(0n);
    expect(lsnValue("0/16B3748")).toBe(0x16b3748n);
    expect(lsnValue("1/0")).toBe(1n << 32n);
    expect(lsnValue("FFFFFFFF/FFFFFFFF")).toBe((1n << 64n) - 1n);
    for (const bad of [
      undefined,
      null,
      "",
      "16B3748",
      "0/",
      "/1",
      "0/1/2",
      "G/1",
      "0/123456789",
      " 0/1",
      "0/1;drop",
    ])
      expect(lsnValue(bad)).toBeNull();
  });

  it("keeps the newer position, comparing numbers not strings", () => {
    expect(newerLsn("0/9", "0/10")).toBe("0/10"); // as strings "0/9" > "0/10"
    expect(newerLsn("1/0", "0/FFFFFFFF")).toBe("1/0");
    expect(newerLsn("0/5", "0/5")).toBe("0/5");
    expect(newerLsn(undefined, "0/5")).toBe("0/5");
    expect(newerLsn("0/5", "garbage")).toBe("0/5");
    expect(newerLsn("garbage", null)).toBeNull();
  });
});

describe("several hosts in DATABASE_URL", () => {
  it("gives one URL per host, keeping user, database and parameters", () => {
    expect(hostUrls("postgres://app:s%40crt@10.0.0.1:5432,10.0.0.2:5433/motcua?sslmode=require")).toEqual([
      "postgres://app:s%40crt@10.0.0.1:5432/motcua?sslmode=require",
      "postgres://app:s%40crt@10.0.0.2:5433/motcua?sslmode=require",
    ]);
    expect(hostUrls("postgresql://db.example:5432/motcua")).toEqual(["postgresql://db.example:5432/motcua"]);
  });

  it("knows the errors that mean the server is gone or is not the primary", () => {
    expect(isConnectionLost({ code: "ECONNREFUSED" })).toBe(true);
    expect(isConnectionLost({ code: "57P01" })).toBe(true); // admin shutdown
    expect(isConnectionLost({ code: "25006" })).toBe(true); // read-only transaction (a standby)
    expect(isConnectionLost(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionLost({ code: "23505" })).toBe(false); // unique violation: a real answer
    expect(isConnectionLost(new Error("syntax error"))).toBe(false);
    expect(isConnectionLost(undefined)).toBe(false);
  });
});
