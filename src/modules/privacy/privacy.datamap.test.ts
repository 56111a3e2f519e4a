import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataMapMarkdown } from "./privacy.datamap.ts";

describe("SECURITY.md", () => {
  it("carries the data map exactly as the code has it", () => {
    const doc = readFileSync(new URL("../../../SECURITY.md", import.meta.url), "utf8");
    expect(doc, `SECURITY.md must contain:\n${dataMapMarkdown()}`).toContain(dataMapMarkdown());
  });
});
