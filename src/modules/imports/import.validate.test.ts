// The historical import's row rules, one by one: required columns and values, every enum value,
// instants and time zones, the future, the order of instants, units, procedures in force.
import { describe, expect, it } from "vitest";
import {
  checkHeader,
  IMPORT_CHANNELS,
  IMPORT_OUTCOMES,
  IMPORT_RATINGS,
  type Lookups,
  parseInstant,
  type RowResult,
  type VersionRef,
  validateRow,
  versionInForce,
} from "./import.validate.ts";

const NOW = new Date("2026-06-30T10:00:00+07:00");
const versions: VersionRef[] = [
  { id: "v1", version: 1, effectiveFrom: "2025-07-01", change: "added", sector: "Hộ tịch" },
  { id: "v2", version: 2, effectiveFrom: "2026-03-01", change: "amended", sector: "Hộ tịch (mới)" },
];
const lookups: Lookups = {
  now: NOW,
  unit: (code) =>
    ({ "46.19753": { id: "u1", inScope: true }, "46.19774": { id: "u2", inScope: false } })[code],
  procedure: (code) =>
    ({
      "1.004873": { id: "p1", versions },
      "1.000001": {
        id: "p2",
        versions: [
          {
            id: "w1",
            version: 1,
            effectiveFrom: "2025-07-01",
            change: "added" as const,
            sector: "Chứng thực",
          },
          {
            id: "w2",
            version: 2,
            effectiveFrom: "2026-01-01",
            change: "abolished" as const,
            sector: "Chứng thực",
          },
        ],
      },
    })[code],
};

const good = {
  dossier_code: "H57-260105-0001",
  procedure_code: "1.004873",
  unit_code: "46.19753",
  channel: "in_person",
  received_at: "2026-01-05T08:30:00+07:00",
  due_at: "2026-01-08T17:00:00+07:00",
  resolved_at: "2026-01-07T10:00:00+07:00",
  returned_at: "2026-01-07T15:00:00+07:00",
  outcome: "returned",
  rating: "satisfied",
};
const row = (over: Record<string, string> = {}) => validateRow(7, { ...good, ...over }, lookups);
const errorsOf = (r: RowResult) => (r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`));
const okRow = (r: RowResult) => {
  if (!r.ok) throw new Error(`expected a valid row, got ${JSON.stringify(r.errors)}`);
  return r.row;
};

describe("parseInstant", () => {
  it("reads a date as 00:00 Vietnam time", () => {
    expect(parseInstant("2026-01-05")?.toISOString()).toBe("2026-01-04T17:00:00.000Z");
  });
  it("reads a date-time without an offset as Vietnam time, with T or a space, with or without seconds", () => {
    expect(parseInstant("2026-01-05T08:30")?.toISOString()).toBe("2026-01-05T01:30:00.000Z");
    expect(parseInstant("2026-01-05 08:30:15")?.toISOString()).toBe("2026-01-05T01:30:15.000Z");
    expect(parseInstant("2026-01-05T08:30:15.250")?.toISOString()).toBe("2026-01-05T01:30:15.250Z");
    // Just after midnight in Vietnam is still the previous day in UTC.
    expect(parseInstant("2026-01-05T03:00")?.toISOString()).toBe("2026-01-04T20:00:00.000Z");
  });
  it("honours an explicit offset or Z", () => {
    expect(parseInstant("2026-01-05T08:30:00Z")?.toISOString()).toBe("2026-01-05T08:30:00.000Z");
    expect(parseInstant("2026-01-05T08:30:00+07:00")?.toISOString()).toBe("2026-01-05T01:30:00.000Z");
    expect(parseInstant("2026-01-05T08:30:00+0700")?.toISOString()).toBe("2026-01-05T01:30:00.000Z");
    expect(parseInstant("2026-01-05T08:30:00-05")?.toISOString()).toBe("2026-01-05T13:30:00.000Z");
    expect(parseInstant("2026-01-05T08:30:00+05:30")?.toISOString()).toBe("2026-01-05T03:00:00.000Z");
    expect(parseInstant(" 2026-01-05T08:30:00z ")?.toISOString()).toBe("2026-01-05T08:30:00.000Z");
  });
  it("refuses what is not an instant", () => {
    for (const bad of [
      "",
      "05/01/2026",
      "2026-1-5",
      "2026-02-30",
      "2025-02-29",
      "2026-13-01",
      "2026-01-05T24:00",
      "2026-01-05T08:60",
      "2026-01-05T08:30:61",
      "2026-01-05T08:30+15:00",
      "2026-01-05+07:00",
      "1899-12-31",
      "yesterday",
    ])
      expect(parseInstant(bad), bad).toBeNull();
    expect(parseInstant("2024-02-29")?.toISOString()).toBe("2024-02-28T17:00:00.000Z");
  });
});

describe("versionInForce", () => {
  it("takes the latest version in force on the day, higher number on a tie, none before the first or after abolition", () => {
    expect(versionInForce(versions, "2025-06-30")).toBeNull();
    expect(versionInForce(versions, "2025-07-01")?.id).toBe("v1");
    expect(versionInForce(versions, "2026-02-28")?.id).toBe("v1");
    expect(versionInForce(versions, "2026-03-01")?.id).toBe("v2");
    const tie = [...versions, { ...versions[1]!, id: "v3", version: 3 }];
    expect(versionInForce(tie, "2026-03-01")?.id).toBe("v3");
    const abolished: VersionRef[] = [
      ...versions,
      { id: "v4", version: 4, effectiveFrom: "2026-05-01", change: "abolished", sector: "Hộ tịch" },
    ];
    expect(versionInForce(abolished, "2026-04-30")?.id).toBe("v2");
    expect(versionInForce(abolished, "2026-05-01")).toBeNull();
  });
});

describe("validateRow", () => {
  it("turns a good row into a HistoricalRow with ids, sector and instants", () => {
    expect(okRow(row())).toEqual({
      code: "H57-260105-0001",
      procedureId: "p1",
      procedureVersionId: "v1",
      unitId: "u1",
      sector: "Hộ tịch",
      channel: "in_person",
      serviceMode: "desk",
      receivedAt: new Date("2026-01-05T01:30:00Z"),
      dueAt: new Date("2026-01-08T10:00:00Z"),
      resolvedAt: new Date("2026-01-07T03:00:00Z"),
      returnedAt: new Date("2026-01-07T08:00:00Z"),
      outcome: "returned",
      rating: "satisfied",
    });
  });

  it("trims values and reads enums whatever their case", () => {
    const r = okRow(
      row({
        dossier_code: "  X-1 ",
        channel: " ONLINE_FULL ",
        outcome: "Returned",
        rating: "Very_Satisfied",
      }),
    );
    expect(r).toMatchObject({
      code: "X-1",
      channel: "online_full",
      outcome: "returned",
      rating: "very_satisfied",
    });
  });

  it("maps every channel: mobile and at_home are in person with their service mode", () => {
    const seen = IMPORT_CHANNELS.map((channel) => {
      const r = okRow(row({ channel }));
      return `${channel}→${r.channel}/${r.serviceMode}`;
    });
    expect(seen).toEqual([
      "in_person→in_person/desk",
      "online_full→online_full/desk",
      "online_partial→online_partial/desk",
      "postal→postal/desk",
      "mobile→in_person/mobile_team",
      "at_home→in_person/at_home",
    ]);
    expect(errorsOf(row({ channel: "kiosk" }))).toEqual(["channel:import.invalid_value"]);
    expect(errorsOf(row({ channel: "" }))).toEqual(["channel:import.required"]);
  });

  it("reads every rating; empty and a blank cell mean no rating", () => {
    for (const rating of IMPORT_RATINGS)
      expect(okRow(row({ rating })).rating).toBe(rating === "empty" ? null : rating);
    expect(okRow(row({ rating: "" })).rating).toBeNull();
    expect(okRow(validateRow(2, { ...good, rating: undefined } as never, lookups)).rating).toBeNull();
    expect(errorsOf(row({ rating: "happy" }))).toEqual(["rating:import.invalid_value"]);
  });

  it("reads every outcome, each with what it needs", () => {
    const base = { resolved_at: "", returned_at: "", due_at: "" };
    // returned: resolved_at and due_at
    expect(errorsOf(row({ ...base, outcome: "returned" }))).toEqual([
      "due_at:import.required",
      "resolved_at:import.required",
    ]);
    // pending: due_at; no resolved_at, no returned_at
    expect(errorsOf(row({ ...base, outcome: "pending" }))).toEqual(["due_at:import.required"]);
    const pending = okRow(row({ ...base, outcome: "pending", due_at: "2026-01-08" }));
    expect(pending).toMatchObject({ outcome: "pending", resolvedAt: null, returnedAt: null });
    expect(errorsOf(row({ outcome: "pending" }))).toEqual([
      "resolved_at:import.pending_resolved",
      "returned_at:import.pending_resolved",
    ]);
    // refused and withdrawn: no due date needed; returned_at stands in for resolved_at
    for (const outcome of ["refused", "withdrawn"]) {
      expect(errorsOf(row({ ...base, outcome }))).toEqual(["resolved_at:import.required"]);
      const r = okRow(row({ ...base, outcome, returned_at: "2026-01-06T09:00" }));
      expect(r).toMatchObject({ outcome, dueAt: null, resolvedAt: new Date("2026-01-06T02:00:00Z") });
      expect(r.returnedAt).toEqual(r.resolvedAt);
      expect(okRow(row({ ...base, outcome, resolved_at: "2026-01-06" })).resolvedAt).toEqual(
        new Date("2026-01-05T17:00:00Z"),
      );
    }
    // A returned row does not take returned_at for resolved_at.
    expect(errorsOf(row({ resolved_at: "" }))).toEqual(["resolved_at:import.required"]);
    expect(IMPORT_OUTCOMES.length).toBe(4);
    expect(errorsOf(row({ outcome: "done" }))).toEqual(["outcome:import.invalid_value"]);
    expect(errorsOf(row({ outcome: "" }))).toEqual(["outcome:import.required"]);
  });

  it("requires the code, the procedure, the unit and received_at", () => {
    expect(errorsOf(row({ dossier_code: " ", procedure_code: "", unit_code: "", received_at: "" }))).toEqual([
      "dossier_code:import.required",
      "received_at:import.required",
      "unit_code:import.required",
      "procedure_code:import.required",
    ]);
    expect(errorsOf(row({ dossier_code: "X".repeat(101) }))).toEqual(["dossier_code:import.too_long"]);
    expect(okRow(row({ dossier_code: "X".repeat(100) })).code).toHaveLength(100);
  });

  it("refuses unreadable instants in every instant column", () => {
    for (const field of ["received_at", "due_at", "resolved_at", "returned_at"])
      expect(errorsOf(row({ [field]: "13/01/2026" })), field).toEqual([`${field}:import.date_invalid`]);
  });

  it("refuses events in the future, but not a deadline ahead", () => {
    const pending = { outcome: "pending", resolved_at: "", returned_at: "" };
    expect(
      okRow(row({ ...pending, received_at: "2026-06-30T09:59:59+07:00", due_at: "2026-07-10" })).dueAt,
    ).toEqual(new Date("2026-07-09T17:00:00Z"));
    expect(
      errorsOf(row({ ...pending, received_at: "2026-06-30T10:00:01+07:00", due_at: "2026-07-10" })),
    ).toEqual(["received_at:import.future"]);
    // Today's date alone is 00:00 today: not in the future; tomorrow is.
    expect(okRow(row({ ...pending, received_at: "2026-06-30", due_at: "2026-07-10" })).receivedAt).toEqual(
      new Date("2026-06-29T17:00:00Z"),
    );
    expect(errorsOf(row({ ...pending, received_at: "2026-07-01", due_at: "2026-07-10" }))).toEqual([
      "received_at:import.future",
    ]);
    expect(errorsOf(row({ resolved_at: "2026-07-01T00:00:00Z", returned_at: "2026-07-02" }))).toEqual([
      "resolved_at:import.future",
      "returned_at:import.future",
    ]);
  });

  it("refuses instants before the reception, and takes equal ones", () => {
    expect(
      errorsOf(
        row({
          due_at: "2026-01-05T08:29:59+07:00",
          resolved_at: "2026-01-05T01:29:59Z",
          returned_at: "2026-01-04",
        }),
      ),
    ).toEqual([
      "due_at:import.before_received",
      "resolved_at:import.before_received",
      "returned_at:import.before_received",
    ]);
    const same = "2026-01-05T01:30:00Z";
    expect(okRow(row({ due_at: same, resolved_at: same, returned_at: same })).resolvedAt).toEqual(
      new Date(same),
    );
    // Withdrawn with only returned_at: reported once, on returned_at.
    expect(errorsOf(row({ outcome: "withdrawn", resolved_at: "", returned_at: "2026-01-01" }))).toEqual([
      "returned_at:import.before_received",
    ]);
  });

  it("compares instants across offsets", () => {
    // 08:30 in Vietnam is 01:30 UTC: a resolution at 02:00 UTC is after it.
    expect(okRow(row({ resolved_at: "2026-01-05T02:00:00Z", returned_at: "" })).resolvedAt).toEqual(
      new Date("2026-01-05T02:00:00Z"),
    );
    expect(errorsOf(row({ resolved_at: "2026-01-05T08:00", returned_at: "" }))).toEqual([
      "resolved_at:import.before_received",
    ]);
  });

  it("requires a known unit in the importer's scope", () => {
    expect(errorsOf(row({ unit_code: "99.99999" }))).toEqual(["unit_code:import.unit_unknown"]);
    expect(errorsOf(row({ unit_code: "46.19774" }))).toEqual(["unit_code:import.unit_out_of_scope"]);
  });

  it("requires a known procedure with a version in force on the Vietnam day of reception, and takes its sector", () => {
    expect(errorsOf(row({ procedure_code: "9.999999" }))).toEqual([
      "procedure_code:import.procedure_unknown",
    ]);
    // 2025-06-30 23:30 in Vietnam: the day before the first version.
    const early = {
      received_at: "2025-06-30T16:30:00Z",
      due_at: "2025-07-03",
      resolved_at: "2025-07-02",
      returned_at: "",
    };
    const r = row(early);
    expect(errorsOf(r)).toEqual(["procedure_code:import.procedure_not_in_force"]);
    expect(r.ok ? null : r.errors[0]!.message.en).toContain("2025-06-30");
    // 2025-06-30T17:00Z is 2025-07-01 00:00 in Vietnam: in force.
    expect(okRow(row({ ...early, received_at: "2025-06-30T17:00:00Z" })).procedureVersionId).toBe("v1");
    expect(
      okRow(
        row({ received_at: "2026-03-01", due_at: "2026-03-04", resolved_at: "2026-03-02", returned_at: "" }),
      ),
    ).toMatchObject({ procedureVersionId: "v2", sector: "Hộ tịch (mới)" });
    // Abolished on 2026-01-01.
    expect(errorsOf(row({ procedure_code: "1.000001" }))).toEqual([
      "procedure_code:import.procedure_not_in_force",
    ]);
    expect(
      okRow(
        row({
          procedure_code: "1.000001",
          received_at: "2025-12-31",
          due_at: "2026-01-02",
          resolved_at: "2026-01-02",
          returned_at: "",
        }),
      ).sector,
    ).toBe("Chứng thực");
  });

  it("gives every error its row, field, code and a message in both languages", () => {
    const r = validateRow(12, { ...good, channel: "fax", received_at: "x" }, lookups);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const e of r.errors) {
      expect(e.row).toBe(12);
      expect(e.message.vi.length).toBeGreaterThan(5);
      expect(e.message.en.length).toBeGreaterThan(5);
    }
    expect(r.errors.find((e) => e.field === "channel")!.message.en).toContain("in_person, online_full");
  });
});

describe("checkHeader", () => {
  it("names each required column that is missing, at row 1", () => {
    expect(checkHeader(Object.keys(good))).toEqual([]);
    expect(
      checkHeader(["dossier_code", "procedure_code", "unit_code", "channel", "received_at", "outcome"]),
    ).toEqual([]);
    expect(
      checkHeader(["dossier_code", "unit_code", "extra"]).map((e) => `${e.row}:${e.field}:${e.code}`),
    ).toEqual([
      "1:procedure_code:import.column_missing",
      "1:channel:import.column_missing",
      "1:received_at:import.column_missing",
      "1:outcome:import.column_missing",
    ]);
  });
});
