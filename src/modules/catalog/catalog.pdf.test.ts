import { describe, expect, it } from "vitest";
import { buildListingDocument, deadlineText, feeText } from "./catalog.pdf.ts";

describe("listing texts", () => {
  it("formats deadlines", () => {
    expect(deadlineText({ kind: "working_days", value: 3, note: null })).toBe("3 ngày làm việc");
    expect(deadlineText({ kind: "same_day", value: null, note: "sau 15 giờ: ngày hôm sau" })).toBe(
      "Trong ngày (sau 15 giờ: ngày hôm sau)",
    );
    expect(deadlineText({ kind: "calendar_days", value: 30, note: null })).toBe("30 ngày");
    expect(deadlineText({ kind: "working_hours", value: 4, note: null })).toBe("4 giờ làm việc");
  });

  it("formats fees in đồng", () => {
    expect(feeText([])).toBe("Không");
    expect(feeText([{ name: "Lệ phí", amountVnd: 15000, note: "7.000 đ khi nộp trực tuyến" }])).toBe(
      "Lệ phí: 15.000 đ: 7.000 đ khi nộp trực tuyến",
    );
    expect(feeText([{ name: "Phí", amountVnd: null, note: null }])).toBe("Phí");
  });

  it("numbers rows within one table sorted by sector then code", () => {
    const row = (code: string, sector: string) => ({
      code,
      name: code,
      sector,
      deadline: { kind: "working_days", value: 1, note: null },
      fees: [],
      online: "none" as const,
      postal: false,
    });
    const doc = buildListingDocument({
      unitName: "Xã A",
      date: "2026-01-02",
      rows: [row("2.0", "Hộ tịch"), row("1.0", "Chứng thực")],
    });
    const table = (doc.content as { table?: { body: unknown[][] } }[]).find((c) => c.table)!.table!;
    expect(table.body.map((r) => r[1])).toEqual([expect.anything(), "1.0", "2.0"]);
  });
});
