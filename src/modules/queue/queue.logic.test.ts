import { describe, expect, it } from "vitest";
import {
  allowedActions,
  announcement,
  type Candidate,
  callRank,
  canMove,
  deskServes,
  median,
  nextTicket,
  percentile,
  queueStats,
  type StatTicket,
  sectorPrefix,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  TRANSITIONS,
  ticketLabel,
  ticketTimes,
} from "./queue.logic.ts";

const NOW = new Date("2026-03-02T02:00:00Z"); // 09:00 in Vietnam
const desk = { id: "d1", sectors: ["Hộ tịch"] };
const allDesk = { id: "d2", sectors: [] };
const ticket = (over: Partial<Candidate> & { number: number }): Candidate => ({
  id: `t${over.number}`,
  sector: "Hộ tịch",
  status: "waiting",
  deskId: null,
  priorityFrom: null,
  ...over,
});

describe("deskServes", () => {
  it("serves its sectors, every sector when it lists none, and tickets without a sector", () => {
    expect(deskServes(desk, "Hộ tịch")).toBe(true);
    expect(deskServes(desk, "Chứng thực")).toBe(false);
    expect(deskServes(desk, null)).toBe(true);
    expect(deskServes(allDesk, "Chứng thực")).toBe(true);
  });
});

describe("nextTicket", () => {
  it("calls waiting tickets in number order", () => {
    const tickets = [ticket({ number: 3 }), ticket({ number: 1 }), ticket({ number: 2 })];
    expect(nextTicket(tickets, desk, NOW)?.number).toBe(1);
  });

  it("skips tickets that are not waiting", () => {
    const tickets = [
      ticket({ number: 1, status: "called" }),
      ticket({ number: 2, status: "skipped" }),
      ticket({ number: 3, status: "served" }),
      ticket({ number: 4 }),
    ];
    expect(nextTicket(tickets, desk, NOW)?.number).toBe(4);
  });

  it("calls only the sectors the desk serves; a desk with no sectors serves all", () => {
    const tickets = [ticket({ number: 1, sector: "Chứng thực" }), ticket({ number: 2 })];
    expect(nextTicket(tickets, desk, NOW)?.number).toBe(2);
    expect(nextTicket(tickets, allDesk, NOW)?.number).toBe(1);
    expect(nextTicket([ticket({ number: 1, sector: "Chứng thực" })], desk, NOW)).toBeUndefined();
    expect(nextTicket([], desk, NOW)).toBeUndefined();
  });

  it("puts checked-in bookings whose slot has started first, by slot start", () => {
    const tickets = [
      ticket({ number: 1 }),
      ticket({ number: 5, priorityFrom: "2026-03-02T01:30:00Z" }),
      ticket({ number: 4, priorityFrom: "2026-03-02T01:00:00Z" }),
      ticket({ number: 2, deskId: "d1" }),
    ];
    expect(nextTicket(tickets, desk, NOW)?.number).toBe(4);
    const withoutFirst = tickets.filter((t) => t.number !== 4);
    expect(nextTicket(withoutFirst, desk, NOW)?.number).toBe(5);
  });

  it("treats a slot at exactly now as started", () => {
    const t = ticket({ number: 9, priorityFrom: NOW.toISOString() });
    expect(callRank(t, desk, NOW)).toBe(0);
  });

  it("lets an early booking wait like a walk-in, in number order", () => {
    const early = ticket({ number: 2, priorityFrom: "2026-03-02T03:00:00Z" });
    expect(callRank(early, desk, NOW)).toBe(2);
    expect(nextTicket([ticket({ number: 3 }), early], desk, NOW)?.number).toBe(2);
    expect(nextTicket([ticket({ number: 1 }), early], desk, NOW)?.number).toBe(1);
  });

  it("calls tickets transferred to this desk before walk-ins, whatever their sector", () => {
    const tickets = [ticket({ number: 1 }), ticket({ number: 7, deskId: "d1", sector: "Đất đai" })];
    expect(nextTicket(tickets, desk, NOW)?.number).toBe(7);
  });

  it("never calls a ticket transferred to another desk", () => {
    const tickets = [ticket({ number: 1, deskId: "d2" }), ticket({ number: 2 })];
    expect(nextTicket(tickets, desk, NOW)?.number).toBe(2);
    expect(nextTicket(tickets, allDesk, NOW)?.number).toBe(1);
    expect(callRank(ticket({ number: 1, deskId: "d2" }), desk, NOW)).toBeNull();
  });

  it("orders a started booking before a transfer, and a transfer before walk-ins", () => {
    const booking = ticket({ number: 10, priorityFrom: "2026-03-02T01:00:00Z" });
    const transfer = ticket({ number: 8, deskId: "d1" });
    const walkIn = ticket({ number: 1 });
    expect([walkIn, transfer, booking].map((t) => callRank(t, desk, NOW))).toEqual([2, 1, 0]);
  });
});

describe("status transitions", () => {
  it("allows exactly the moves of the table", () => {
    const table = Object.fromEntries(TICKET_STATUSES.map((s) => [s, allowedActions(s)]));
    expect(table).toEqual({
      waiting: [],
      called: ["recall", "skip", "transfer", "serve", "finish"],
      serving: ["transfer", "finish"],
      served: [],
      skipped: ["recall"],
      cancelled: [],
    });
    expect(canMove("waiting", "call")).toBe(true);
    for (const s of TICKET_STATUSES.filter((x) => x !== "waiting")) expect(canMove(s, "call")).toBe(false);
  });

  it("leaves each action's target status", () => {
    expect(Object.fromEntries(TICKET_ACTIONS.map((a) => [a, TRANSITIONS[a].to]))).toEqual({
      recall: "called",
      skip: "skipped",
      transfer: "waiting",
      serve: "serving",
      finish: "served",
    });
    expect(TRANSITIONS.call.to).toBe("called");
  });
});

describe("labels and announcements", () => {
  it("pads the number to four digits, with an optional prefix", () => {
    expect(ticketLabel(12)).toBe("0012");
    expect(ticketLabel(1)).toBe("0001");
    expect(ticketLabel(12345)).toBe("12345");
    expect(ticketLabel(12, "HT")).toBe("HT0012");
    expect(ticketLabel(12, null)).toBe("0012");
  });

  it("takes a sector's initials without diacritics", () => {
    expect(sectorPrefix("Hộ tịch")).toBe("HT");
    expect(sectorPrefix("Đất đai")).toBe("DD");
    expect(sectorPrefix("Chứng thực")).toBe("CT");
    expect(sectorPrefix(null)).toBe("");
  });

  it("announces in Vietnamese, and in English on request", () => {
    expect(announcement(12, 3)).toBe("Mời khách hàng số 12 đến quầy số 3");
    expect(announcement(7, 1, "en")).toBe("Ticket number 7, please go to counter 1");
  });
});

describe("statistics", () => {
  it("computes the median and the nearest-rank percentile", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([], 90)).toBeNull();
    const tens = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
    expect(percentile(tens, 90)).toBe(90);
    expect(percentile(tens, 100)).toBe(100);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });

  const at = (min: number) => new Date(Date.UTC(2026, 2, 2, 1, min)).toISOString();
  const ev = (kind: string, min: number, deskId = "d1", actorId = "u1") => ({
    kind,
    at: at(min),
    deskId,
    actorId,
  });

  it("measures waiting to the first call and serving from serving to served", () => {
    const t: StatTicket = {
      id: "a",
      sector: "Hộ tịch",
      issuedAt: at(0),
      events: [ev("issued", 0), ev("called", 5), ev("recalled", 6), ev("serving", 7), ev("served", 17)],
    };
    expect(ticketTimes(t)).toEqual({
      sector: "Hộ tịch",
      waitSeconds: 300,
      serveSeconds: 600,
      deskId: "d1",
      officialId: "u1",
    });
  });

  it("counts serving from the last call when finished without 'serving', and credits the finishing desk", () => {
    const t: StatTicket = {
      id: "b",
      sector: null,
      issuedAt: at(0),
      events: [
        ev("called", 2),
        ev("transferred", 3),
        ev("called", 8, "d2", "u2"),
        ev("served", 10, "d2", "u2"),
      ],
    };
    expect(ticketTimes(t)).toMatchObject({
      waitSeconds: 120,
      serveSeconds: 120,
      deskId: "d2",
      officialId: "u2",
    });
  });

  it("leaves times empty for tickets never called, and uses the calling desk for unserved ones", () => {
    expect(ticketTimes({ id: "c", sector: "X", issuedAt: at(0), events: [ev("issued", 0)] })).toEqual({
      sector: "X",
      waitSeconds: null,
      serveSeconds: null,
      deskId: null,
      officialId: null,
    });
    expect(
      ticketTimes({ id: "d", sector: "X", issuedAt: at(0), events: [ev("called", 1), ev("skipped", 3)] }),
    ).toMatchObject({ waitSeconds: 60, serveSeconds: null, deskId: "d1" });
  });

  it("groups figures per desk, sector and official", () => {
    const tickets: StatTicket[] = [
      { id: "1", sector: "A", issuedAt: at(0), events: [ev("called", 1), ev("served", 3)] },
      { id: "2", sector: "A", issuedAt: at(0), events: [ev("called", 3), ev("served", 4)] },
      {
        id: "3",
        sector: "B",
        issuedAt: at(0),
        events: [ev("called", 10, "d2", "u2"), ev("served", 20, "d2", "u2")],
      },
      { id: "4", sector: "B", issuedAt: at(0), events: [] },
    ];
    const s = queueStats(tickets);
    expect(s.total).toMatchObject({ tickets: 4, served: 3, waitMedian: 180, waitP90: 600 });
    expect(s.byDesk).toEqual([
      { key: "d1", tickets: 2, served: 2, waitMedian: 120, waitP90: 180, serveMedian: 90, serveP90: 120 },
      { key: "d2", tickets: 1, served: 1, waitMedian: 600, waitP90: 600, serveMedian: 600, serveP90: 600 },
    ]);
    expect(s.bySector.map((g) => [g.key, g.tickets, g.served])).toEqual([
      ["A", 2, 2],
      ["B", 2, 1],
    ]);
    expect(s.byOfficial.map((g) => g.key)).toEqual(["u1", "u2"]);
  });
});
