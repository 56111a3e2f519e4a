import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { loggerOptions } from "../../shared/logger.ts";
import { createChannels } from "./channels.ts";

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

describe("notification settings and drivers", () => {
  it("defaults: no SMTP (e-mail to the log), SMS to the log, worker polling every 2 s", () => {
    expect(loadConfig({}).notifications).toEqual({
      smtpUrl: undefined,
      mailFrom: "Một cửa <no-reply@motcua.local>",
      smsDriver: "log",
      outboxPollMs: 2000,
      outboxLeaseMs: 600_000,
    });
    expect(loadConfig({ SMTP_URL: "" }).notifications.smtpUrl).toBeUndefined();
    expect(loadConfig({ SMTP_URL: "smtps://u:p@mail.example.vn:465" }).notifications.smtpUrl).toBe(
      "smtps://u:p@mail.example.vn:465",
    );
    expect(loadConfig({ OUTBOX_POLL_MS: "0" }).notifications.outboxPollMs).toBe(0);
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.vn" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMS_DRIVER: "viettel" })).toThrow(/SMS_DRIVER/);
    expect(() => loadConfig({ OUTBOX_POLL_MS: "-1" })).toThrow(/OUTBOX_POLL_MS/);
  });

  it("without SMTP_URL, e-mail and SMS are logged with the address and phone masked", async () => {
    const { logger, lines } = capture();
    const { mail, sms } = createChannels(loadConfig({}).notifications, logger);
    const sent = await mail.send({
      to: "nguyenvanan@example.vn",
      subject: "Đã tiếp nhận hồ sơ X-1",
      text: "t",
      html: "<p>t</p>",
      messageId: "<outbox-1@motcua>",
    });
    expect(sent.providerId).toMatch(/^log-/);
    expect((await sms.send({ to: "0912345678", text: "Hồ sơ X-1" })).providerId).toMatch(/^log-/);
    const [m, s] = lines.map((l) => JSON.parse(l));
    expect(m).toMatchObject({ channel: "email", to: "ng***@example.vn", messageId: "<outbox-1@motcua>" });
    expect(s).toMatchObject({ channel: "sms", to: "091****678", text: "Hồ sơ X-1" });
    expect(lines.join("")).not.toMatch(/nguyenvanan|0912345678/);
  });
});
