import { describe, expect, it } from "vitest";
import { createWorkingCalendar } from "../calendar/calendar.ts";
import {
  allowedCommands,
  CODE_ALPHABET,
  feedbackCells,
  feedbackDueAt,
  findPersonalData,
  isOverdue,
  newFeedbackCode,
  nextStatus,
  normaliseFeedbackCode,
  open311Status,
  open311Window,
  parseOpen311Date,
  REDACTED,
  redactPersonalData,
  routeFeedback,
  senderNames,
  splitFullName,
  statusesOfOpen311,
  toOpen311Request,
  toOpen311Service,
  w3cVietnam,
} from "./feedback.logic.ts";

describe("codes", () => {
  it("draws PA- and 8 symbols of the unambiguous alphabet", () => {
    for (let i = 0; i < 200; i++)
      expect(newFeedbackCode()).toMatch(/^PA-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(CODE_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(newFeedbackCode(() => 0)).toBe("PA-22222222");
  });
  it("reads a code as typed", () => {
    expect(normaliseFeedbackCode("pa-7k3m 9q2x")).toBe("PA-7K3M9Q2X");
    expect(normaliseFeedbackCode("7K3M9Q2X")).toBe("PA-7K3M9Q2X");
    expect(normaliseFeedbackCode("PA-7K3M9Q2")).toBeUndefined();
    expect(normaliseFeedbackCode("PA-0K3M9Q2X")).toBeUndefined();
    expect(normaliseFeedbackCode("LH-7K3M9Q2X")).toBeUndefined();
  });
});

describe("routing", () => {
  const base = { defaultUnitId: "root" };
  it("sends desk feedback to the desk's unit, refusing another chosen unit", () => {
    expect(routeFeedback({ ...base, deskUnitId: "a" })).toEqual({ unitId: "a", via: "desk" });
    expect(routeFeedback({ ...base, deskUnitId: "a", chosenUnitId: "a" })).toEqual({
      unitId: "a",
      via: "desk",
    });
    expect(routeFeedback({ ...base, deskUnitId: "a", chosenUnitId: "b" })).toEqual({
      refused: "desk_unit_mismatch",
    });
  });
  it("sends procedure feedback to the unit serving it", () => {
    expect(routeFeedback({ ...base, procedureUnitIds: ["a"] })).toEqual({ unitId: "a", via: "procedure" });
    expect(routeFeedback({ ...base, procedureUnitIds: ["a", "b"], chosenUnitId: "b" })).toEqual({
      unitId: "b",
      via: "procedure",
    });
    expect(routeFeedback({ ...base, procedureUnitIds: ["a", "b"] })).toEqual({
      refused: "procedure_ambiguous",
    });
    expect(routeFeedback({ ...base, procedureUnitIds: ["a"], chosenUnitId: "c" })).toEqual({
      refused: "procedure_not_served",
    });
    expect(routeFeedback({ ...base, procedureUnitIds: [] })).toEqual({ refused: "procedure_not_served" });
  });
  it("otherwise uses the chosen unit, then the default", () => {
    expect(routeFeedback({ ...base, chosenUnitId: "c" })).toEqual({ unitId: "c", via: "chosen" });
    expect(routeFeedback(base)).toEqual({ unitId: "root", via: "default" });
  });
});

describe("deadline", () => {
  it("counts working days of the unit's calendar (weekends and Tết skipped)", () => {
    const cal = createWorkingCalendar();
    // Friday 2026-01-09 10:00 + 2 working days = Tuesday 2026-01-13 10:00 (Vietnam time).
    expect(feedbackDueAt(cal, new Date("2026-01-09T10:00:00+07:00"), 2).toISOString()).toBe(
      new Date("2026-01-13T10:00:00+07:00").toISOString(),
    );
    // Received on Saturday: counted from Monday morning's opening.
    const due = feedbackDueAt(cal, new Date("2026-01-10T10:00:00+07:00"), 1);
    expect(due.getTime()).toBeGreaterThan(new Date("2026-01-13T00:00:00+07:00").getTime());
    expect(due.getTime()).toBeLessThan(new Date("2026-01-14T00:00:00+07:00").getTime());
  });
});

describe("status machine", () => {
  it("moves through assign, reply, close and refuses the rest", () => {
    expect(nextStatus("open", "assign")).toBe("in_progress");
    expect(nextStatus("in_progress", "reply")).toBe("answered");
    expect(nextStatus("answered", "close")).toBe("closed");
    expect(nextStatus("answered", "publish")).toBe("answered");
    expect(nextStatus("closed", "publish")).toBe("closed");
    expect(nextStatus("open", "close")).toBeUndefined();
    expect(nextStatus("rejected", "reply")).toBeUndefined();
    expect(nextStatus("answered", "reroute")).toBeUndefined();
    expect(nextStatus("in_progress", "reroute")).toBe("open");
  });
  it("offers publish only with consent and once", () => {
    expect(allowedCommands("answered", { consentPublish: true, published: false })).toContain("publish");
    expect(allowedCommands("answered", { consentPublish: false, published: false })).not.toContain("publish");
    expect(allowedCommands("closed", { consentPublish: true, published: true })).toEqual([]);
    // A published answer is not rewritten.
    expect(allowedCommands("answered", { consentPublish: true, published: true })).toEqual(["close"]);
    expect(allowedCommands("open")).toEqual(["assign", "reply", "reject", "reroute"]);
  });
  it("flags overdue items", () => {
    const dueAt = new Date("2026-01-10T00:00:00Z");
    const now = new Date("2026-01-11T00:00:00Z");
    expect(isOverdue({ status: "open", dueAt, repliedAt: null }, now)).toBe(true);
    expect(isOverdue({ status: "open", dueAt, repliedAt: null }, new Date("2026-01-09T00:00:00Z"))).toBe(
      false,
    );
    expect(isOverdue({ status: "answered", dueAt, repliedAt: new Date("2026-01-09T00:00:00Z") }, now)).toBe(
      false,
    );
    expect(isOverdue({ status: "answered", dueAt, repliedAt: new Date("2026-01-10T01:00:00Z") }, now)).toBe(
      true,
    );
    expect(isOverdue({ status: "rejected", dueAt, repliedAt: null }, now)).toBe(false);
  });
});

describe("redaction", () => {
  const names = senderNames({ firstName: "An", lastName: "Nguyễn Văn" });
  it("removes phone numbers, e-mails, ID numbers and the sender's name", () => {
    const text =
      "Tôi là Nguyễn Văn An, CCCD 046090001234, CMND 191 234 567, gọi 0901 234 567 hoặc +84 912.345.678, e-mail an.nguyen@example.vn. Ông Nguyen Van An đã chờ 3 giờ ở quầy 2 ngày 12/3/2026.";
    const out = redactPersonalData(text, names);
    expect(out).not.toMatch(/Nguy[eễ]n V[aă]n An/i);
    expect(out).not.toContain("046090001234");
    expect(out).not.toContain("191 234 567");
    expect(out).not.toContain("0901 234 567");
    expect(out).not.toContain("912.345.678");
    expect(out).not.toContain("example.vn");
    // What is not personal stays: the desk, the wait, the date.
    expect(out).toContain("quầy 2");
    expect(out).toContain("3 giờ");
    expect(out).toContain("12/3/2026");
    expect(out.split(REDACTED).length - 1).toBe(7);
    expect(findPersonalData(out, names)).toEqual([]);
  });
  it("finds what it would remove", () => {
    const found = findPersonalData("Liên hệ Nguyễn An qua 0987654321", names);
    expect(found.map((f) => f.kind).sort()).toEqual(["name", "phone"]);
  });
  it("removes the given name after a form of address", () => {
    expect(redactPersonalData("Kính gửi ông An: đã chấn chỉnh. Gửi chị An.", names)).toBe(
      `Kính gửi ${REDACTED}: đã chấn chỉnh. Gửi ${REDACTED}.`,
    );
  });
  it("keeps a common given name alone and ordinary numbers", () => {
    expect(redactPersonalData("Phường An Hòa, 12 tầng, năm 2026", names)).toBe(
      "Phường An Hòa, 12 tầng, năm 2026",
    );
  });
  it("splits a Vietnamese full name with the given name last", () => {
    expect(splitFullName("  Nguyễn Văn  An ")).toEqual({ firstName: "An", lastName: "Nguyễn Văn" });
    expect(splitFullName("An")).toEqual({ firstName: "An", lastName: null });
  });
});

describe("Open311 mapping", () => {
  const service = {
    code: "procedure",
    nameVi: "Thủ tục hành chính",
    nameEn: "Administrative procedure",
    descriptionVi: "Phản ánh về thủ tục",
    descriptionEn: "Feedback on a procedure",
    groupName: "Thủ tục",
    keywords: ["thu tuc", "ho so"],
    answerDays: 10,
    active: true,
  };
  it("maps a service with metadata false and realtime type", () => {
    expect(toOpen311Service(service, "en")).toEqual({
      service_code: "procedure",
      service_name: "Administrative procedure",
      description: "Feedback on a procedure",
      metadata: false,
      type: "realtime",
      keywords: "thu tuc,ho so",
      group: "Thủ tục",
    });
    expect(toOpen311Service(service, "vi").service_name).toBe("Thủ tục hành chính");
  });
  const item = {
    code: "PA-7K3M9Q2X",
    status: "answered" as const,
    serviceCode: "procedure",
    serviceName: "Thủ tục hành chính",
    unitName: "UBND phường Thuận Hóa",
    createdAt: new Date("2026-03-02T02:30:00Z"),
    updatedAt: new Date("2026-03-03T02:30:00Z"),
    dueAt: new Date("2026-03-16T02:30:00Z"),
    reply: "Đã chấn chỉnh.",
    published: false,
    publicText: null,
    lat: 16.46,
    long: 107.59,
    address: "Số 1 Lê Lợi",
    mediaUrl: "https://x/p.jpg",
  };
  it("maps an unpublished item to status fields only", () => {
    const r = toOpen311Request(item);
    expect(r).toMatchObject({
      service_request_id: "PA-7K3M9Q2X",
      status: "closed",
      status_notes: "Đã chấn chỉnh.",
      description: null,
      agency_responsible: "UBND phường Thuận Hóa",
      requested_datetime: "2026-03-02T09:30:00+07:00",
      expected_datetime: "2026-03-16T09:30:00+07:00",
      lat: null,
      long: null,
      address: null,
      media_url: null,
    });
  });
  it("shows the published text, place and photo", () => {
    const r = toOpen311Request({ ...item, published: true, publicText: "Chờ lâu ở quầy 2." });
    expect(r).toMatchObject({
      description: "Chờ lâu ở quầy 2.",
      lat: 16.46,
      long: 107.59,
      media_url: "https://x/p.jpg",
    });
  });
  it("maps statuses both ways", () => {
    expect(open311Status("open")).toBe("open");
    expect(open311Status("in_progress")).toBe("open");
    expect(open311Status("rejected")).toBe("closed");
    expect(statusesOfOpen311("closed")).toEqual(["answered", "closed", "rejected"]);
  });
  it("reads W3C dates and defaults to the last 90 days", () => {
    expect(parseOpen311Date("2026-03-01")?.toISOString()).toBe("2026-02-28T17:00:00.000Z");
    expect(parseOpen311Date("2026-03-01T10:00:00Z")?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(parseOpen311Date("2026-03-01T10:00:00-0500")?.toISOString()).toBe("2026-03-01T15:00:00.000Z");
    expect(parseOpen311Date("yesterday")).toBeUndefined();
    const now = new Date("2026-06-01T00:00:00Z");
    expect(open311Window(now).start.toISOString()).toBe("2026-03-03T00:00:00.000Z");
    expect(w3cVietnam(new Date("2026-01-01T20:00:00Z"))).toBe("2026-01-02T03:00:00+07:00");
  });
});

describe("figures", () => {
  it("counts received, on time, late, pending overdue, rejected and published", () => {
    const due = new Date("2026-01-10T00:00:00Z");
    const now = new Date("2026-01-20T00:00:00Z");
    const row = (
      status: "open" | "answered" | "rejected" | "closed",
      repliedAt: string | null,
      published = false,
    ) => ({
      status,
      createdAt: new Date("2026-01-01T00:00:00Z"),
      dueAt: due,
      repliedAt: repliedAt ? new Date(repliedAt) : null,
      publishedAt: published ? now : null,
    });
    expect(
      feedbackCells(
        [
          row("answered", "2026-01-05T00:00:00Z", true),
          row("closed", "2026-01-12T00:00:00Z"),
          row("open", null),
          row("rejected", null),
        ],
        now,
      ),
    ).toEqual({
      received: 4,
      answered: 2,
      answeredOnTime: 1,
      answeredLate: 1,
      pending: 1,
      pendingOverdue: 1,
      rejected: 1,
      published: 1,
    });
  });
});
