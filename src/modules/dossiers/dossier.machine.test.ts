import { describe, expect, it } from "vitest";
import {
  available,
  COMMANDS,
  type Command,
  type CommandArgs,
  DOSSIER_STATES,
  type DossierState,
  decide,
  formatDossierCode,
  type MachineDossier,
  NATIONAL_STATUS,
  ruleSetAt,
  ruleSetById,
} from "./dossier.machine.ts";

// The lifecycle of spec §5, restated independently of the implementation's table:
// for each command, the states it may start from.
const ALLOWED: Record<Command, DossierState[]> = {
  submit: ["draft"],
  receive: ["submitted"],
  refuse: ["submitted", "received"],
  request_supplement: ["received", "processing"],
  resubmit: ["supplement_requested"],
  forward: ["received", "processing"],
  transfer: ["processing"],
  return_from_transfer: ["transferred"],
  approve: ["processing"],
  reject: ["processing"],
  issue_result: ["processing"],
  return_result: ["result_ready"],
  withdraw: [
    "draft",
    "submitted",
    "received",
    "processing",
    "transferred",
    "supplement_requested",
    "suspended",
  ],
  suspend: ["received", "processing", "transferred"],
  resume: ["suspended"],
  apologise: ["received", "processing", "transferred", "supplement_requested", "suspended"],
  stop: ["received", "processing", "transferred", "supplement_requested", "suspended"],
};

// Arguments that satisfy every command's own requirements, so only the state decides.
const FULL_ARGS: CommandArgs = {
  reason: "Lý do",
  items: ["Bản sao giấy chứng sinh"],
  agencyId: "agency-1",
  newDueAt: "2026-12-01T09:00:00.000Z",
  method: "in_person",
};

const dossier = (state: DossierState, over: Partial<MachineDossier> = {}): MachineDossier => ({
  state,
  stepIndex: state === "processing" || state === "transferred" ? 0 : null,
  stepCount: 3,
  supplementCount: 0,
  apologyCount: 0,
  // issue_result needs a decision; approve/reject need none: the state-only matrix uses a
  // decision exactly for issue_result below.
  decision: null,
  resumeState:
    state === "supplement_requested" || state === "suspended" || state === "transferred"
      ? "processing"
      : null,
  ...over,
});

const r2018 = ruleSetById("2018");
const r2025 = ruleSetById("2025");

describe("every state × command pair", () => {
  for (const rules of [r2018, r2025]) {
    for (const state of DOSSIER_STATES) {
      for (const command of COMMANDS) {
        const inRegime = rules.id === "2025" || command !== "stop";
        const expected = inRegime && ALLOWED[command].includes(state);
        it(`${rules.id}: ${command} from ${state} is ${expected ? "allowed" : "refused"}`, () => {
          const d = dossier(state, command === "issue_result" ? { decision: "approved" } : {});
          const result = decide(rules, d, command, FULL_ARGS);
          expect(result.ok).toBe(expected);
          if (!result.ok) {
            expect(result.refusal.status).toBe(409);
            expect(result.refusal.code).toBe(
              inRegime ? "dossier.invalid_transition" : "dossier.command_not_in_regime",
            );
            expect(result.refusal.vi.length).toBeGreaterThan(10);
            expect(result.refusal.en.length).toBeGreaterThan(10);
          }
          expect(available(rules, d).includes(command)).toBe(expected);
        });
      }
    }
  }
});

describe("targets and effects", () => {
  const ok = (d: MachineDossier, c: Command, args: CommandArgs = FULL_ARGS, rules = r2025) => {
    const result = decide(rules, d, c, args);
    if (!result.ok) throw new Error(result.refusal.en);
    return result.outcome;
  };

  it("walks the happy path from draft to returned", () => {
    let d = dossier("draft");
    const path: [Command, DossierState][] = [
      ["submit", "submitted"],
      ["receive", "received"],
      ["forward", "processing"],
      ["forward", "processing"],
      ["approve", "processing"],
      ["issue_result", "result_ready"],
      ["return_result", "returned"],
    ];
    for (const [c, to] of path) {
      const o = ok(d, c);
      expect(o.to).toBe(to);
      d = { ...d, ...o, state: o.to };
    }
    expect(d.stepIndex).toBe(1);
    expect(d.decision).toBe("approved");
  });

  it("forward goes to step 0 from reception and refuses past the last step", () => {
    expect(ok(dossier("received"), "forward").stepIndex).toBe(0);
    expect(ok(dossier("processing", { stepIndex: 1 }), "forward").stepIndex).toBe(2);
    const last = decide(r2025, dossier("processing", { stepIndex: 2 }), "forward");
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.refusal.code).toBe("dossier.last_step");
  });

  it("a supplement pauses the clock, saves the state, and is allowed once", () => {
    const o = ok(dossier("processing", { stepIndex: 1 }), "request_supplement");
    expect(o).toMatchObject({
      to: "supplement_requested",
      resumeState: "processing",
      clock: "pause",
      supplementCount: 1,
    });
    expect(o.stepIndex).toBe(1);
    const back = ok({ ...dossier("supplement_requested"), ...o, state: o.to }, "resubmit");
    expect(back).toMatchObject({ to: "processing", resumeState: null, clock: "resume", stepIndex: 1 });
    const second = decide(
      r2025,
      { ...dossier("processing"), supplementCount: 1 },
      "request_supplement",
      FULL_ARGS,
    );
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.refusal.code).toBe("dossier.supplement_once");
  });

  it("resubmitting a supplement requested at reception returns to received", () => {
    const o = ok(dossier("received"), "request_supplement");
    expect(o.resumeState).toBe("received");
    const back = ok({ ...dossier("supplement_requested"), ...o, state: o.to }, "resubmit");
    expect(back.to).toBe("received");
    expect(back.stepIndex).toBeNull();
  });

  it("a supplement must list its items", () => {
    for (const items of [[], ["  "]]) {
      const r = decide(r2025, dossier("processing"), "request_supplement", { items });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal).toMatchObject({ status: 400, field: "items" });
    }
  });

  it("transfer and return keep the step", () => {
    const o = ok(dossier("processing", { stepIndex: 1 }), "transfer");
    expect(o).toMatchObject({ to: "transferred", resumeState: "processing", stepIndex: 1 });
    const back = ok({ ...dossier("transferred"), ...o, state: o.to }, "return_from_transfer");
    expect(back).toMatchObject({ to: "processing", stepIndex: 1, resumeState: null });
    const noAgency = decide(r2025, dossier("processing"), "transfer", {});
    expect(noAgency.ok).toBe(false);
  });

  it("suspension saves the state and resume returns to it", () => {
    const o = ok(dossier("transferred"), "suspend");
    expect(o).toMatchObject({ to: "suspended", resumeState: "transferred", clock: "pause" });
    expect(ok({ ...dossier("suspended"), ...o, state: o.to }, "resume").to).toBe("transferred");
  });

  it("reasons are required where the law asks for them", () => {
    for (const c of ["refuse", "reject", "suspend", "stop", "apologise"] as Command[]) {
      const from = ALLOWED[c].find((s) => s !== "draft")!;
      const r = decide(r2025, dossier(from), c, { ...FULL_ARGS, reason: "   " });
      expect(r.ok, c).toBe(false);
      if (!r.ok) expect(r.refusal).toMatchObject({ status: 400, field: "reason" });
    }
  });

  it("approve or reject once, and a result needs a decision", () => {
    expect(ok(dossier("processing"), "reject").decision).toBe("rejected");
    const twice = decide(r2025, dossier("processing", { decision: "approved" }), "reject", FULL_ARGS);
    expect(twice.ok).toBe(false);
    const undecided = decide(r2025, dossier("processing"), "issue_result");
    expect(undecided.ok).toBe(false);
    if (!undecided.ok) expect(undecided.refusal.code).toBe("dossier.not_decided");
    expect(ok(dossier("processing", { decision: "rejected" }), "issue_result")).toMatchObject({
      to: "result_ready",
      clock: "finish",
    });
  });

  it("an apology is allowed once and needs a new date", () => {
    expect(ok(dossier("processing"), "apologise")).toMatchObject({ to: "processing", apologyCount: 1 });
    const again = decide(r2025, dossier("processing", { apologyCount: 1 }), "apologise", FULL_ARGS);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.refusal.code).toBe("dossier.apology_once");
    const noDate = decide(r2025, dossier("processing"), "apologise", { reason: "x" });
    expect(noDate.ok).toBe(false);
  });

  it("return needs a method", () => {
    const r = decide(r2025, dossier("result_ready"), "return_result", {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.field).toBe("method");
  });
});

describe("rule sets", () => {
  it("picks the regime in force on the reception date", () => {
    expect(ruleSetAt("2025-06-30").id).toBe("2018");
    expect(ruleSetAt("2025-07-01").id).toBe("2025");
    expect(ruleSetAt("2026-11-23").id).toBe("2025");
    expect(ruleSetAt("2019-01-01").id).toBe("2018");
    expect(ruleSetAt("2010-01-01").id).toBe("2018");
  });

  it("only the 2025 regime can stop processing with a notice", () => {
    expect(ruleSetById("2018").commands).not.toContain("stop");
    expect(ruleSetById("2025").commands).toContain("stop");
    expect(() => ruleSetById("1999")).toThrow();
  });

  it("maps every state to a national portal status", () => {
    for (const s of DOSSIER_STATES) expect(NATIONAL_STATUS[s]).toBeGreaterThanOrEqual(1);
    expect(NATIONAL_STATUS.returned).toBe(10);
    expect(NATIONAL_STATUS.supplement_requested).toBe(5);
  });
});

describe("dossier codes", () => {
  it("fills the template with the agency, the Vietnam date and a 4-digit sequence", () => {
    const t = ruleSetById("2025").codeTemplate;
    expect(formatDossierCode(t, "000.00.12.H12", "2025-07-01", 1)).toBe("000.00.12.H12-250701-0001");
    expect(formatDossierCode(t, "46.19753", "2026-11-23", 12)).toBe("46.19753-261123-0012");
    expect(formatDossierCode(t, "46", "2026-11-23", 12345)).toBe("46-261123-12345");
    expect(() => formatDossierCode(t, "46", "2026-11-23", 0)).toThrow();
  });
});
