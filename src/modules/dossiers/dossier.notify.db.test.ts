// Notifications end to end: a dossier command enqueues in its own transaction, the outbox
// worker sends through a real SMTP server started here, and what arrives names the dossier.
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, login, setupTestApp, unitIdByCode } from "../../../test/app.ts";
import { type Smtp, startSmtp } from "../../../test/smtp.ts";
import { createLogSmsSender, createSmtpMailSender } from "../notifications/channels.ts";
import { createOutboxWorker } from "../notifications/outbox.worker.ts";

const t = setupTestApp();
let smtp: Smtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => smtp?.close());

describe("dossier notifications", () => {
  it("reception and supplement request reach the applicant by e-mail, once each", async () => {
    const logger = pino({ level: "silent" });
    const worker = createOutboxWorker({
      db: t.database.db,
      logger,
      mail: createSmtpMailSender({
        url: `smtp://127.0.0.1:${smtp.port}`,
        from: "Một cửa <no-reply@motcua.local>",
      }),
      sms: createLogSmsSender(logger),
      pollMs: 0,
    });
    // Messages the demo data queued are not this test's business: send them first.
    while ((await worker.runOnce()).sent > 0);
    smtp.messages.length = 0;

    const desk = await login(t.app, "tiepnhan.thuanhoa");
    const specialist = await login(t.app, "chuyenvien.thuanhoa");
    const email = `notify-${randomUUID().slice(0, 8)}@example.com`;
    const res = await call(
      t.app,
      desk,
      "POST",
      "/api/dossiers",
      {
        unitId: await unitIdByCode(t.app, "46.19753"),
        procedureCode: "1.004873",
        applicant: { name: "Đỗ Thị Kim Oanh", email },
      },
      { "idempotency-key": randomUUID() },
    );
    expect(res.statusCode).toBe(201);
    let d = res.json();
    const run = async (body: Record<string, unknown>, s = specialist) => {
      const r = await call(
        t.app,
        s,
        "POST",
        `/api/dossiers/${d.id}/commands`,
        { expectedVersion: d.version, ...body },
        {
          "idempotency-key": randomUUID(),
        },
      );
      expect(r.statusCode, r.body).toBe(200);
      d = r.json();
    };
    await run({ command: "forward" }, desk);
    await run({
      command: "request_supplement",
      items: ["Giấy xác nhận nơi cư trú"],
      reason: "Thiếu giấy tờ",
    });

    expect(await worker.runOnce()).toMatchObject({ sent: 2 });
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    const mine = smtp.messages.filter((m) => m.envelopeTo.includes(email));
    expect(mine).toHaveLength(2);
    expect(mine[0]!.text).toContain(d.code);
    expect(mine[0]!.subject).toContain(d.code);
    expect(mine[1]!.text).toContain("Giấy xác nhận nơi cư trú");
    expect(mine[1]!.text).toContain(`/tra-cuu/${encodeURIComponent(d.code)}`);
  });
});
