import { describe, expect, it } from "vitest";
import { vietnamDate } from "./dates.ts";

describe("vietnamDate", () => {
  it("is already tomorrow from 17:00 UTC (00:00 in Vietnam)", () => {
    expect(vietnamDate(new Date("2026-07-01T16:59:59Z"))).toBe("2026-07-01");
    expect(vietnamDate(new Date("2026-07-01T17:00:00Z"))).toBe("2026-07-02");
  });
});
