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
