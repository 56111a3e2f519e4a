import { describe, expect, it } from "vitest";
import { presetOf, presetRange } from "./periods";

describe("report period presets", () => {
  it("end today and start where the period starts", () => {
    expect(presetRange("days90", "2025-05-20")).toEqual({ from: "2025-02-20", to: "2025-05-20" });
    expect(presetRange("month", "2025-05-20")).toEqual({ from: "2025-05-01", to: "2025-05-20" });
    expect(presetRange("quarter", "2025-05-20")).toEqual({ from: "2025-04-01", to: "2025-05-20" });
    expect(presetRange("quarter", "2025-12-31").from).toBe("2025-10-01");
    expect(presetRange("half", "2025-05-20").from).toBe("2025-01-01");
    expect(presetRange("half", "2025-07-01").from).toBe("2025-07-01");
    expect(presetRange("year", "2025-05-20")).toEqual({ from: "2025-01-01", to: "2025-05-20" });
  });

  it("runs the official year from 15 December to 14 December", () => {
    expect(presetRange("officialYear", "2025-05-20")).toEqual({ from: "2024-12-15", to: "2025-05-20" });
    expect(presetRange("officialYear", "2025-12-14")).toEqual({ from: "2024-12-15", to: "2025-12-14" });
    expect(presetRange("officialYear", "2025-12-15")).toEqual({ from: "2025-12-15", to: "2025-12-15" });
  });

  it("recognises a preset from its range", () => {
    expect(presetOf("2025-05-01", "2025-05-20", "2025-05-20")).toBe("month");
    expect(presetOf("2025-05-02", "2025-05-20", "2025-05-20")).toBeUndefined();
  });
});
