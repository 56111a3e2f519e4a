import { describe, expect, it } from "vitest";
import { PETITION_STATUSES } from "../../db/schema.voice.ts";
import { createWorkingCalendar } from "../calendar/calendar.ts";
import { getEpochDay, isoWeekday } from "../calendar/dates.ts";
import {
  acceptDue,
  acceptPeriod,
  allowedCommands,
  checkExtension,
  confidentialLabel,
  dueState,
  endOfDay,
  nextRegisterNumber,
  nextStatus,
  PETITION_COMMANDS,
  type PetitionCommand,
  type PetitionFact,
  type PetitionStatus,
  periodEnd,
  petitionFigures,
  registerCode,
  resolveDue,
  resolveRule,
} from "./petitions.logic.ts";

/** Monday to Friday, with 2026-03-10 as a day off. */
const weekdays = (day: string) => isoWeekday(getEpochDay(day)) <= 5 && day !== "2026-03-10";
const real = createWorkingCalendar();
const national = (day: string) => real.isWorkingDay(day);
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

describe("deadlines", () => {
  it("ends a period at the end of its last Vietnam day", () => {
    expect(endOfDay("2026-03-12")).toBe("2026-03-12T16:59:59.999Z");
  });

  it("counts calendar days from the day after the event and moves a day off to the next working day", () => {
    // Civil Code Art. 147: the day of receipt is not counted.
    expect(periodEnd(vn("2026-03-02T10:00:00"), { days: 10, count: "calendar" }, weekdays)).toBe(
      endOfDay("2026-03-12"),
    );
    // Late in the evening Vietnam time is still that day (UTC is the day before's afternoon).
    expect(periodEnd(vn("2026-03-02T23:30:00"), { days: 10, count: "calendar" }, weekdays)).toBe(
      endOfDay("2026-03-12"),
    );
    // Art. 148: ends on Saturday 14 → Monday 16.
    expect(periodEnd(vn("2026-03-04T09:00:00"), { days: 10, count: "calendar" }, weekdays)).toBe(
      endOfDay("2026-03-16"),
    );
    // Ends on the day off (Tuesday 10) → Wednesday 11.
    expect(periodEnd(vn("2026-02-28T09:00:00"), { days: 10, count: "calendar" }, weekdays)).toBe(
      endOfDay("2026-03-11"),
    );
  });

  it("counts working days only on working days", () => {
    // Mon 2 → 3,4,5,6,9,(10 off),11,12: the seventh is Thursday 12.
    expect(periodEnd(vn("2026-03-02T10:00:00"), { days: 7, count: "working" }, weekdays)).toBe(
      endOfDay("2026-03-12"),
    );
    // Received on a Saturday: 9, 11, 12, 13, 16, 17, 18.
    expect(periodEnd(vn("2026-03-07T10:00:00"), { days: 7, count: "working" }, weekdays)).toBe(
      endOfDay("2026-03-18"),
    );
  });

  it("uses each kind's legal time to decide on acceptance", () => {
    expect(acceptPeriod("complaint")).toEqual({ days: 10, count: "calendar" });
    expect(acceptPeriod("denunciation")).toEqual({ days: 7, count: "working" });
    expect(acceptPeriod("recommendation")).toEqual({ days: 10, count: "working" });
    const at = vn("2026-03-02T10:00:00");
    expect(acceptDue("complaint", at, weekdays)).toBe(endOfDay("2026-03-12"));
    expect(acceptDue("denunciation", at, weekdays)).toBe(endOfDay("2026-03-12"));
    // 3,4,5,6,9,11,12,13,16,17
    expect(acceptDue("recommendation", at, weekdays)).toBe(endOfDay("2026-03-17"));
  });

  it("follows the national calendar's holidays (30 April and 1 May 2026)", () => {
    expect(national("2026-04-30")).toBe(false);
    expect(national("2026-05-01")).toBe(false);
    // A complaint received on 20 April: day ten is 30 April, a holiday, then 1 May, then the weekend.
    expect(acceptDue("complaint", vn("2026-04-20T08:00:00"), national)).toBe(endOfDay("2026-05-04"));
    // A denunciation received on 28 April: 29, 4, 5, 6, 7, 8, 11 May.
    expect(acceptDue("denunciation", vn("2026-04-28T08:00:00"), national)).toBe(endOfDay("2026-05-11"));
  });

  it("gives complaints 30/45 days (first time), 45/60 (second time), longer in remote areas", () => {
    expect(resolveRule("complaint")).toEqual({ days: 30, maxExtensions: 1, daysPerExtension: 15 });
    expect(resolveRule("complaint", { round: 1, remoteArea: true })).toEqual({
      days: 45,
      maxExtensions: 1,
      daysPerExtension: 15,
    });
    expect(resolveRule("complaint", { round: 2, remoteArea: false })).toEqual({
      days: 45,
      maxExtensions: 1,
      daysPerExtension: 15,
    });
    expect(resolveRule("complaint", { round: 2, remoteArea: true })).toEqual({
      days: 60,
      maxExtensions: 1,
      daysPerExtension: 10,
    });
    expect(resolveRule("denunciation")).toEqual({ days: 30, maxExtensions: 2, daysPerExtension: 30 });
    expect(resolveRule("recommendation")).toEqual({ days: 30, maxExtensions: 0, daysPerExtension: 0 });
  });

  it("counts the resolution from acceptance in calendar days", () => {
    expect(resolveDue(vn("2026-03-02T10:00:00"), 30, weekdays)).toBe(endOfDay("2026-04-01"));
    // 30 + 30 days: 1 May 2026 is a holiday, then the weekend.
    expect(resolveDue(vn("2026-03-02T10:00:00"), 60, national)).toBe(endOfDay("2026-05-04"));
  });
});

describe("extensions", () => {
  const first = { round: 1, remoteArea: false } as const;
  it("allows a complaint one extension up to the complex case's time", () => {
    expect(checkExtension("complaint", first, 0, 15, "complex")).toBeNull();
    expect(checkExtension("complaint", first, 0, 16, "complex")?.code).toBe("petition.extension_days");
    expect(checkExtension("complaint", first, 1, 5, "very_complex")?.code).toBe("petition.extension_limit");
  });

  it("allows a denunciation one extension when complex and two when very complex, 30 days each", () => {
    expect(checkExtension("denunciation", first, 0, 30, "complex")).toBeNull();
    const refused = checkExtension("denunciation", first, 1, 30, "complex");
    expect(refused?.code).toBe("petition.extension_limit");
    expect(refused?.vi).toContain("đặc biệt phức tạp");
    expect(refused?.en).toContain("very complex");
    expect(checkExtension("denunciation", first, 1, 30, "very_complex")).toBeNull();
    expect(checkExtension("denunciation", first, 2, 10, "very_complex")?.code).toBe(
      "petition.extension_limit",
    );
    expect(checkExtension("denunciation", first, 0, 31, "complex")?.code).toBe("petition.extension_days");
    expect(checkExtension("denunciation", first, 0, 0, "complex")?.code).toBe("petition.extension_days");
  });

  it("never extends a recommendation", () => {
    const r = checkExtension("recommendation", first, 0, 5, "complex");
    expect(r?.code).toBe("petition.extension_not_allowed");
    expect(r?.vi).toBeTruthy();
    expect(r?.en).toBeTruthy();
  });
});

describe("status machine", () => {
  const allowed: Record<PetitionStatus, PetitionCommand[]> = {
    received: ["accept", "not_accept", "forward", "assign", "withdraw"],
    accepted: ["assign", "withdraw"],
    in_progress: ["assign", "extend", "decide", "withdraw"],
    decided: ["close"],
    not_accepted: [],
    forwarded: [],
    closed: [],
    withdrawn: [],
  };

  it.each(PETITION_STATUSES)("allows exactly the listed commands from %s", (status) => {
    for (const c of PETITION_COMMANDS)
      expect(nextStatus(status, c, false) !== null, `${status} ${c}`).toBe(allowed[status].includes(c));
    expect(allowedCommands(status, false)).toEqual(allowed[status]);
  });

  it("moves through the lifecycle", () => {
    expect(nextStatus("received", "accept", false)).toBe("accepted");
    expect(nextStatus("received", "accept", true)).toBe("in_progress");
    expect(nextStatus("received", "assign", false)).toBe("received");
    expect(nextStatus("received", "not_accept", false)).toBe("not_accepted");
    expect(nextStatus("received", "forward", true)).toBe("forwarded");
    expect(nextStatus("accepted", "assign", false)).toBe("in_progress");
    expect(nextStatus("in_progress", "extend", true)).toBe("in_progress");
    expect(nextStatus("in_progress", "decide", true)).toBe("decided");
    expect(nextStatus("decided", "close", true)).toBe("closed");
    for (const s of ["received", "accepted", "in_progress"] as const)
      expect(nextStatus(s, "withdraw", true)).toBe("withdrawn");
  });
});

describe("register numbers", () => {
  it("numbers per year with six digits", () => {
    expect(registerCode(2026, 7)).toBe("2026/000007");
    expect(registerCode(2026, 1234567)).toBe("2026/1234567");
  });
  it("continues after the year's highest number, ignoring other years and other shapes", () => {
    expect(nextRegisterNumber([], 2026)).toBe(1);
    expect(nextRegisterNumber(["2026/000002", "2026/000010", "2025/000099", "X-1"], 2026)).toBe(11);
    expect(nextRegisterNumber(["2025/000099"], 2026)).toBe(1);
  });
});

describe("due state", () => {
  const p = {
    status: "received" as PetitionStatus,
    acceptDueAt: endOfDay("2026-03-12"),
    resolveDueAt: null as string | null,
  };
  it("shows the acceptance deadline while received, then the resolution's", () => {
    expect(dueState(p, new Date(vn("2026-03-02T09:00:00")))).toEqual({
      phase: "accept",
      dueAt: p.acceptDueAt,
      level: "ok",
      daysLeft: 10,
    });
    expect(dueState(p, new Date(vn("2026-03-10T09:00:00"))).level).toBe("soon");
    expect(dueState(p, new Date(vn("2026-03-12T23:00:00")))).toMatchObject({ level: "soon", daysLeft: 0 });
    expect(dueState(p, new Date(vn("2026-03-13T00:00:01")))).toMatchObject({
      level: "overdue",
      daysLeft: -1,
    });
    const accepted = { ...p, status: "in_progress" as PetitionStatus, resolveDueAt: endOfDay("2026-04-01") };
    expect(dueState(accepted, new Date(vn("2026-03-13T00:00:01")))).toMatchObject({
      phase: "resolve",
      level: "ok",
      daysLeft: 19,
    });
  });
  it("has nothing due once ended", () => {
    for (const status of ["decided", "closed", "not_accepted", "forwarded", "withdrawn"] as const)
      expect(dueState({ ...p, status }, new Date(vn("2026-05-01T00:00:00"))).level).toBe("none");
  });
});

describe("figures", () => {
  const start = vn("2026-03-01T00:00:00");
  const end = vn("2026-04-01T00:00:00");
  const fact = (kind: PetitionFact["kind"], receivedAt: string, events: PetitionFact["events"]) => ({
    kind,
    receivedAt: vn(receivedAt),
    acceptDueAt: endOfDay(
      receivedAt.slice(0, 8) + String(Number(receivedAt.slice(8, 10)) + 7).padStart(2, "0"),
    ),
    events: [{ kind: "received", at: vn(receivedAt) }, ...events],
  });
  const facts: PetitionFact[] = [
    // Carried over from February, decided in March on time.
    fact("complaint", "2026-02-10T08:00:00", [
      { kind: "accepted", at: vn("2026-02-12T08:00:00"), resolveDueAt: endOfDay("2026-03-14") },
      { kind: "decided", at: vn("2026-03-10T08:00:00") },
    ]),
    // Received and accepted in March, extended, decided after the first deadline but by the extended one.
    fact("denunciation", "2026-03-02T08:00:00", [
      { kind: "assigned", at: vn("2026-03-02T09:00:00") },
      { kind: "accepted", at: vn("2026-03-03T08:00:00"), resolveDueAt: endOfDay("2026-03-05") },
      { kind: "extended", at: vn("2026-03-04T08:00:00"), resolveDueAt: endOfDay("2026-03-20") },
      { kind: "decided", at: vn("2026-03-18T08:00:00") },
      { kind: "closed", at: vn("2026-03-19T08:00:00") },
    ]),
    // Decided late.
    fact("denunciation", "2026-03-03T08:00:00", [
      { kind: "accepted", at: vn("2026-03-04T08:00:00"), resolveDueAt: endOfDay("2026-03-06") },
      { kind: "decided", at: vn("2026-03-09T08:00:00") },
    ]),
    // Not accepted, forwarded, withdrawn in March.
    fact("recommendation", "2026-03-05T08:00:00", [{ kind: "not_accepted", at: vn("2026-03-06T08:00:00") }]),
    fact("recommendation", "2026-03-05T09:00:00", [{ kind: "forwarded", at: vn("2026-03-06T08:00:00") }]),
    fact("complaint", "2026-03-05T10:00:00", [{ kind: "withdrawn", at: vn("2026-03-06T08:00:00") }]),
    // Pending at the end: never accepted and past its acceptance deadline (overdue).
    fact("complaint", "2026-03-10T08:00:00", []),
    // Pending, accepted, within its deadline.
    fact("complaint", "2026-03-20T08:00:00", [
      { kind: "accepted", at: vn("2026-03-21T08:00:00"), resolveDueAt: endOfDay("2026-04-20") },
    ]),
    // Pending at the end, decided after the period (still pending in March, overdue at the end).
    fact("denunciation", "2026-03-11T08:00:00", [
      { kind: "accepted", at: vn("2026-03-12T08:00:00"), resolveDueAt: endOfDay("2026-03-25") },
      { kind: "decided", at: vn("2026-04-03T08:00:00") },
    ]),
    // Received after the period: not counted at all.
    fact("complaint", "2026-04-02T08:00:00", []),
  ];

  it("counts what happened in the period and what was pending at its end", () => {
    const f = petitionFigures(facts, start, end);
    expect(f.complaint).toEqual({
      received: 3,
      accepted: 1,
      notAccepted: 0,
      forwarded: 0,
      withdrawn: 1,
      resolved: 1,
      resolvedOnTime: 1,
      resolvedLate: 0,
      pending: 2,
      pendingWithinDeadline: 1,
      pendingOverdue: 1,
    });
    expect(f.denunciation).toEqual({
      received: 3,
      accepted: 3,
      notAccepted: 0,
      forwarded: 0,
      withdrawn: 0,
      resolved: 2,
      resolvedOnTime: 1,
      resolvedLate: 1,
      pending: 1,
      pendingWithinDeadline: 0,
      pendingOverdue: 1,
    });
    expect(f.recommendation).toMatchObject({ received: 2, notAccepted: 1, forwarded: 1, pending: 0 });
  });

  it("judges pending petitions at asOf when the period has not ended", () => {
    const f = petitionFigures(facts, start, end, vn("2026-03-15T00:00:00"));
    // On 15 March the one never accepted (due 17 March) and the denunciation due 25 March are not late yet.
    expect(f.complaint).toMatchObject({ pending: 2, pendingOverdue: 0, pendingWithinDeadline: 2 });
    expect(f.denunciation).toMatchObject({ pending: 1, pendingOverdue: 0, pendingWithinDeadline: 1 });
  });
});

describe("identity", () => {
  it("labels a confidential petitioner by kind", () => {
    expect(confidentialLabel("denunciation").vi).toBe("Người tố cáo (bảo mật)");
    expect(confidentialLabel("complaint").en).toBe("Petitioner (confidential)");
  });
});
