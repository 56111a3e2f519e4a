import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loggerOptions } from "./logger.ts";
import { maskEmail, maskLogin, maskName, maskPhone } from "./mask.ts";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: pino(loggerOptions("info"), stream), lines };
}

describe("log redaction", () => {
  it("redacts personal data and secrets at any of the usual depths", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        email: "an@example.vn",
        user: { phone: "0912345678", idNumber: "001203004567" },
        body: { user: { password: "secret-1" } },
      },
      "x",
    );
    logger.info(
      {
        req: {
          headers: { cookie: "motcua_sid=abc", "x-csrf-token": "tok" },
          method: "GET",
          url: "/api/x?phone=0912345678",
          id: "1",
        },
      },
      "y",
    );
    const out = lines.join("\n");
    for (const secret of [
      "an@example.vn",
      "0912345678",
      "001203004567",
      "secret-1",
      "motcua_sid=abc",
      'tok"',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("[redacted]");
  });

  it("redacts outbox recipients, snake-case ID numbers and the national portal's identity fields", () => {
    const { logger, lines } = capture();
    logger.info({ recipient: "binh@example.vn", party: { id_number: "046090001234" } }, "a");
    logger.info({ row: { recipient: "0905123456" } }, "b");
    logger.info({ message: { data: { MaDoiTuong: "001203004567", SoDienThoai: "0987654321" } } }, "c");
    logger.info({ data: { MaDoiTuong: "079203009999" }, SoDienThoai: "0977000111" }, "d");
    const out = lines.join("\n");
    for (const secret of [
      "binh@example.vn",
      "046090001234",
      "0905123456",
      "001203004567",
      "0987654321",
      "079203009999",
      "0977000111",
    ])
      expect(out).not.toContain(secret);
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged[0]).toMatchObject({ recipient: "[redacted]", party: { id_number: "[redacted]" } });
    expect(logged[2].message.data).toEqual({ MaDoiTuong: "[redacted]", SoDienThoai: "[redacted]" });
    expect(logged[3]).toMatchObject({ data: { MaDoiTuong: "[redacted]" }, SoDienThoai: "[redacted]" });
  });
});

describe("masking", () => {
  it("keeps data recognisable but unreadable", () => {
    expect(maskEmail("nguyenvanan@example.vn")).toBe("ng***@example.vn");
    expect(maskPhone("0912345678")).toBe("091****678");
    expect(maskName("Nguyễn Văn An")).toBe("N*** V*** An");
    expect(maskLogin("tiepnhan.thuanhoa")).toBe("tiepnhan.thuanhoa");
    expect(maskLogin("0912345678")).toBe("091****678");
  });
});
