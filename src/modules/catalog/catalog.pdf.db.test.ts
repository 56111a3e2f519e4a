import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupTestApp, unitIdByCode } from "../../../test/app.ts";

const t = setupTestApp();

/** The PDF's text as poppler's pdftotext reads it back (the font must map glyphs to Unicode). */
function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "motcua-pdf-")), "listing.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

describe("desk-wall listing PDF", () => {
  it("lists the unit's procedures with Vietnamese text that extracts back", async () => {
    const unit = await unitIdByCode(t.app, "46.19753");
    const res = await t.app.inject({ url: `/api/public/units/${unit}/procedures.pdf?at=2026-01-15` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(res.rawPayload);
    expect(text).toContain("DANH MỤC THỦ TỤC HÀNH CHÍNH");
    expect(text).toContain("PHƯỜNG THUẬN HÓA");
    expect(text).toContain("1.001193");
    expect(text).toContain("Thủ tục đăng ký khai sinh");
    expect(text).toContain("Chứng thực");
    expect(text).toContain("15/01/2026");
  });

  it("says so when a unit serves nothing, and 404s for an unknown unit", async () => {
    const oldCommune = await unitIdByCode(t.app, "46.19891");
    const empty = await t.app.inject({ url: `/api/public/units/${oldCommune}/procedures.pdf` });
    expect(pdfText(empty.rawPayload)).toContain("Đơn vị chưa công bố thủ tục nào.");
    const missing = await t.app.inject({
      url: "/api/public/units/00000000-0000-4000-8000-000000000000/procedures.pdf",
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("sectors", () => {
  it("counts procedures in force per sector", async () => {
    const res = (await t.app.inject({ url: "/api/public/catalog/sectors" })).json();
    const civil = res.items.find((i: { sector: string }) => i.sector === "Hộ tịch");
    expect(civil.count).toBeGreaterThan(5);
    const total = res.items.reduce((a: number, i: { count: number }) => a + i.count, 0);
    expect(total).toBe((await t.app.inject({ url: "/api/public/procedures?pageSize=1" })).json().total);
  });
});
