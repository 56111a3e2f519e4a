import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot, repoRoot } from "./paths.ts";

describe("repoRoot", () => {
  it("is the checkout that holds this module, its migrations and its package.json", () => {
    expect(path.isAbsolute(repoRoot)).toBe(true);
    expect(JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).name).toBe("motcua");
    expect(existsSync(fromRoot("src", "shared", "paths.ts"))).toBe(true);
    expect(existsSync(fromRoot("db", "migrations", "meta", "_journal.json"))).toBe(true);
  });
});
