// The mapping of infrastructure failures to problems (issue #10, fault tests in test/faults/):
// a database that went away is a 503 a client may retry, a full disk a 507 — both in vi/en —
// whether the error comes bare or wrapped by Drizzle; anything else stays an internal error.
import { describe, expect, it } from "vitest";
import { toDomainError } from "./errors.ts";

/** What Drizzle throws: "Failed query: …" with the driver's error as its cause. */
const wrapped = (cause: unknown) =>
  Object.assign(new Error("Failed query: insert into audit_log …"), { cause });

describe("infrastructure errors as problems", () => {
  it.each([
    [
      "connection refused",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    ],
    ["connection terminated", new Error("Connection terminated unexpectedly")],
    [
      "admin shutdown (57P01)",
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    ],
    [
      "starting up (57P03)",
      Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
    ],
  ])("a lost database (%s), bare or wrapped, is 503 database_unavailable", (_name, err) => {
    for (const e of [err, wrapped(err)]) {
      const d = toDomainError(e);
      expect(d?.status).toBe(503);
      expect(d?.code).toBe("database_unavailable");
      expect(d?.messages.vi).toMatch(/cơ sở dữ liệu/);
      expect(d?.messages.en).toMatch(/database/);
    }
  });

  it("a full disk (ENOSPC, EDQUOT), bare or wrapped, is 507 storage_full", () => {
    for (const code of ["ENOSPC", "EDQUOT"]) {
      const err = Object.assign(new Error(`${code}: no space left on device, write`), { code });
      for (const e of [err, wrapped(err)]) {
        const d = toDomainError(e);
        expect(d?.status).toBe(507);
        expect(d?.code).toBe("storage_full");
        expect(d?.messages.vi).toMatch(/đầy/);
        expect(d?.messages.en).toMatch(/full/);
      }
    }
  });

  it("other failures stay internal (no guess from an unrelated message)", () => {
    expect(toDomainError(new Error("boom"))).toBeUndefined();
    expect(
      toDomainError(wrapped(Object.assign(new Error("duplicate key"), { code: "23505" }))),
    ).toBeUndefined();
    expect(toDomainError(Object.assign(new Error("permission denied"), { code: "EACCES" }))).toBeUndefined();
  });
});
