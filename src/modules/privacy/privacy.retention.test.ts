import { describe, expect, it } from "vitest";
import { RETENTION_RULES, retentionCutoffs } from "./privacy.retention.ts";

const settings = { idempotencyDays: 30, outboxDays: 180, appointmentDays: 365, feedbackContactDays: 730 };

describe("retentionCutoffs", () => {
  it("counts whole days back from now", () => {
    const now = new Date("2026-11-24T05:00:00Z");
    const c = retentionCutoffs(now, settings);
    expect(c.idempotency.toISOString()).toBe("2026-10-25T05:00:00.000Z");
    expect(c.outbox.toISOString()).toBe("2026-05-28T05:00:00.000Z");
    expect(c.feedbackContacts.toISOString()).toBe("2024-11-24T05:00:00.000Z");
  });

  it("takes the bookings' day in Vietnam time (UTC+7), not the server's", () => {
    // 18:00 UTC on the 23rd is already the 24th in Vietnam.
    expect(retentionCutoffs(new Date("2026-11-23T18:00:00Z"), settings).appointmentsDay).toBe("2025-11-24");
    expect(retentionCutoffs(new Date("2026-11-23T16:59:59Z"), settings).appointmentsDay).toBe("2025-11-23");
  });

  it("has one rule per id", () => {
    const ids = RETENTION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
