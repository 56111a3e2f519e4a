// Finding the driver's error inside the errors that wrap it (Drizzle's "Failed query").
import { describe, expect, it } from "vitest";
import { causeMatching, uniqueViolation } from "./errors.ts";

const wrap = (cause: unknown) => Object.assign(new Error("Failed query"), { cause });

describe("causeMatching / uniqueViolation", () => {
  it("finds a unique violation and its constraint in the error or one it wraps", () => {
    const pg = Object.assign(new Error("duplicate key"), { code: "23505", constraint: "users_email_key" });
    expect(uniqueViolation(pg)).toBe("users_email_key");
    expect(uniqueViolation(wrap(wrap(pg)))).toBe("users_email_key");
    expect(uniqueViolation(wrap({ code: "23505" }))).toBe("");
  });

  it("is undefined for other errors, and stops after five levels", () => {
    expect(uniqueViolation(wrap({ code: "23503", constraint: "fk" }))).toBeUndefined();
    expect(uniqueViolation(null)).toBeUndefined();
    const deep = wrap(wrap(wrap(wrap(wrap({ code: "23505" })))));
    expect(uniqueViolation(deep)).toBeUndefined();
    const isEnospc = (e: unknown) => (e as { code?: string }).code === "ENOSPC";
    expect(causeMatching(wrap({ code: "ENOSPC" }), isEnospc)).toEqual({ code: "ENOSPC" });
  });
});
