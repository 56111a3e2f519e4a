// The dossier lifecycle (spec §5) as data plus pure functions: states, commands, who may
// perform each, and the effective-dated rule sets of the 2018 and 2025 regimes. No I/O: the
// service loads the dossier, asks `decide`, and writes the result and its event in one
// transaction. Shared with the web app (which shows only the commands `available` returns).

export const DOSSIER_STATES = [
  "draft",
  "submitted",
  "received",
  "processing",
  "transferred",
  "supplement_requested",
  "suspended",
  "result_ready",
  "returned",
  "refused",
  "withdrawn",
  "stopped",
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const FINAL_STATES: readonly DossierState[] = ["returned", "refused", "withdrawn", "stopped"];

export const COMMANDS = [
  "submit",
  "receive",
  "refuse",
  "request_supplement",
  "resubmit",
  "forward",
  "transfer",
  "return_from_transfer",
  "approve",
  "reject",
  "issue_result",
  "return_result",
  "withdraw",
  "suspend",
  "resume",
  "apologise",
  "stop",
] as const;
export type Command = (typeof COMMANDS)[number];

/** Who performs a command: the applicant (online) or an official in one of these capacities. */
export type Performer = "applicant" | "receptionist" | "specialist" | "leader" | "clerk";

/** What happens to the deadline clock. */
export type ClockEffect = "none" | "pause" | "resume" | "finish" | "end";

type Transition = {
  from: readonly DossierState[];
  /** The next state; "resume" returns to the state saved when the dossier was paused. */
  to: DossierState | "same" | "resume";
  performers: readonly Performer[];
  clock: ClockEffect;
  /** Saves the current state to return to later (supplement, suspension, transfer). */
  saveState?: boolean;
};

const ACTIVE: readonly DossierState[] = ["received", "processing", "transferred"];
const OPEN: readonly DossierState[] = [...ACTIVE, "supplement_requested", "suspended"];
const STAFF_PROCESSING: readonly Performer[] = ["specialist", "leader"];

export const TRANSITIONS: Record<Command, Transition> = {
  submit: { from: ["draft"], to: "submitted", performers: ["applicant"], clock: "none" },
  receive: { from: ["submitted"], to: "received", performers: ["receptionist"], clock: "none" },
  refuse: { from: ["submitted", "received"], to: "refused", performers: ["receptionist"], clock: "end" },
  request_supplement: {
    from: ["received", "processing"],
    to: "supplement_requested",
    performers: ["receptionist", "specialist", "leader"],
    clock: "pause",
    saveState: true,
  },
  resubmit: {
    from: ["supplement_requested"],
    to: "resume",
    performers: ["applicant", "receptionist"],
    clock: "resume",
  },
  forward: {
    from: ["received", "processing"],
    to: "processing",
    performers: ["receptionist", "specialist", "leader", "clerk"],
    clock: "none",
  },
  transfer: {
    from: ["processing"],
    to: "transferred",
    performers: STAFF_PROCESSING,
    clock: "none",
    saveState: true,
  },
  return_from_transfer: {
    from: ["transferred"],
    to: "resume",
    performers: STAFF_PROCESSING,
    clock: "none",
  },
  approve: { from: ["processing"], to: "same", performers: ["leader"], clock: "none" },
  reject: { from: ["processing"], to: "same", performers: ["leader"], clock: "none" },
  issue_result: {
    from: ["processing"],
    to: "result_ready",
    performers: ["clerk", "leader"],
    clock: "finish",
  },
  return_result: {
    from: ["result_ready"],
    to: "returned",
    performers: ["receptionist"],
    clock: "none",
  },
  withdraw: {
    from: ["draft", "submitted", ...OPEN],
    to: "withdrawn",
    performers: ["applicant", "receptionist"],
    clock: "end",
  },
  suspend: {
    from: ACTIVE,
    to: "suspended",
    performers: STAFF_PROCESSING,
    clock: "pause",
    saveState: true,
  },
  resume: { from: ["suspended"], to: "resume", performers: STAFF_PROCESSING, clock: "resume" },
  apologise: { from: OPEN, to: "same", performers: STAFF_PROCESSING, clock: "none" },
  stop: { from: OPEN, to: "stopped", performers: STAFF_PROCESSING, clock: "end" },
};

// ---------------------------------------------------------------------------------------------
// Rule sets

export type RuleSetId = "2018" | "2025";

export type RuleSet = {
  id: RuleSetId;
  /** First day (Vietnam date) a dossier received falls under this rule set. */
  effectiveFrom: string;
  /** Last day, inclusive; null while in force. */
  effectiveTo: string | null;
  legalBasis: string;
  formsCircular: string;
  /** Commands this regime knows (the 2018 regime has no stop notice). */
  commands: readonly Command[];
  /** Dossier code: `{agency}`, `{yyMMdd}`, `{seq4}` (zero-padded, grows past 9999). */
  codeTemplate: string;
  maxSupplements: number;
  maxApologies: number;
  /** After a supplement: the due date moves by the paused working time, or the count restarts. */
  supplementClock: "resume" | "restart";
  /** Vietnam time after which "same day" rolls to the next working day, and paper counts from it. */
  afternoonCutoff: string;
  /** A paper dossier received after the cutoff counts from the next working day's opening. */
  paperAfterCutoffNextDay: boolean;
  /** The apology must be issued at least this many working days before the due date. */
  apologyLeadWorkingDays: number;
  /** Early / on time / late compared by Vietnam date or by instant. */
  timelinessGranularity: "date" | "instant";
  /** How far back a mobile team may enter a batch received off-site. */
  batchMaxAgeDays: number;
};

const BASE_COMMANDS = COMMANDS.filter((c) => c !== "stop");

/** What both regimes share today; each rule set may override any of it. */
const SHARED_RULES = {
  codeTemplate: "{agency}-{yyMMdd}-{seq4}",
  maxSupplements: 1,
  maxApologies: 1,
  supplementClock: "resume",
  afternoonCutoff: "15:00",
  paperAfterCutoffNextDay: true,
  apologyLeadWorkingDays: 1,
  timelinessGranularity: "date",
  batchMaxAgeDays: 7,
} as const satisfies Partial<RuleSet>;

export const RULE_SETS: readonly RuleSet[] = [
  {
    id: "2018",
    effectiveFrom: "2018-06-21",
    effectiveTo: "2025-06-30",
    legalBasis: "Nghị định 61/2018/NĐ-CP, sửa đổi bởi Nghị định 107/2021/NĐ-CP",
    formsCircular: "Thông tư 01/2018/TT-VPCP",
    commands: BASE_COMMANDS,
    ...SHARED_RULES,
  },
  {
    id: "2025",
    effectiveFrom: "2025-07-01",
    effectiveTo: null,
    legalBasis: "Nghị định 118/2025/NĐ-CP",
    formsCircular: "Thông tư 03/2025/TT-VPCP",
    commands: COMMANDS,
    ...SHARED_RULES,
  },
];

/** The rule set in force on a Vietnam date (YYYY-MM-DD); the earliest one before its start. */
export function ruleSetAt(date: string): RuleSet {
  const found = RULE_SETS.find(
    (r) => r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo),
  );
  return found ?? RULE_SETS[0]!;
}

export function ruleSetById(id: string): RuleSet {
  const found = RULE_SETS.find((r) => r.id === id);
  if (!found) throw new Error(`unknown rule set ${id}`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Deciding a command

/** The part of a dossier the machine reads. */
export type MachineDossier = {
  state: DossierState;
  /** Index of the current process step while processing, else null. */
  stepIndex: number | null;
  stepCount: number;
  supplementCount: number;
  apologyCount: number;
  decision: "approved" | "rejected" | null;
  resumeState: DossierState | null;
};

export type CommandArgs = {
  reason?: string | null;
  items?: readonly string[];
  agencyId?: string | null;
  newDueAt?: string | null;
  method?: "in_person" | "postal" | "online" | null;
};

export type Refusal = { code: string; vi: string; en: string; status: 409 | 400; field?: string };

export type Outcome = {
  to: DossierState;
  stepIndex: number | null;
  resumeState: DossierState | null;
  decision: "approved" | "rejected" | null;
  supplementCount: number;
  apologyCount: number;
  clock: ClockEffect;
};

export type Decision = { ok: true; outcome: Outcome } | { ok: false; refusal: Refusal };

const STATE_LABELS: Record<DossierState, { vi: string; en: string }> = {
  draft: { vi: "Bản nháp", en: "Draft" },
  submitted: { vi: "Đã nộp, chờ tiếp nhận", en: "Submitted, awaiting reception" },
  received: { vi: "Đã tiếp nhận", en: "Received" },
  processing: { vi: "Đang xử lý", en: "Processing" },
  transferred: { vi: "Đang chuyển cơ quan khác", en: "Transferred to another agency" },
  supplement_requested: { vi: "Chờ bổ sung hồ sơ", en: "Supplement requested" },
  suspended: { vi: "Tạm dừng", en: "Suspended" },
  result_ready: { vi: "Có kết quả, chờ trả", en: "Result ready" },
  returned: { vi: "Đã trả kết quả", en: "Result returned" },
  refused: { vi: "Từ chối tiếp nhận", en: "Refused" },
  withdrawn: { vi: "Đã rút hồ sơ", en: "Withdrawn" },
  stopped: { vi: "Dừng giải quyết", en: "Processing stopped" },
};
export const stateLabel = (s: DossierState) => STATE_LABELS[s];

const COMMAND_LABELS: Record<Command, { vi: string; en: string }> = {
  submit: { vi: "Nộp hồ sơ", en: "Submit" },
  receive: { vi: "Tiếp nhận", en: "Receive" },
  refuse: { vi: "Từ chối tiếp nhận", en: "Refuse" },
  request_supplement: { vi: "Yêu cầu bổ sung", en: "Request a supplement" },
  resubmit: { vi: "Nộp bổ sung", en: "Resubmit" },
  forward: { vi: "Chuyển bước tiếp theo", en: "Forward to the next step" },
  transfer: { vi: "Chuyển cơ quan khác", en: "Transfer to another agency" },
  return_from_transfer: { vi: "Nhận lại từ cơ quan khác", en: "Return from the other agency" },
  approve: { vi: "Phê duyệt", en: "Approve" },
  reject: { vi: "Không phê duyệt", en: "Reject" },
  issue_result: { vi: "Ban hành kết quả", en: "Issue the result" },
  return_result: { vi: "Trả kết quả", en: "Return the result" },
  withdraw: { vi: "Rút hồ sơ", en: "Withdraw" },
  suspend: { vi: "Tạm dừng", en: "Suspend" },
  resume: { vi: "Tiếp tục", en: "Resume" },
  apologise: { vi: "Xin lỗi, hẹn lại", en: "Apologise with a new date" },
  stop: { vi: "Dừng giải quyết", en: "Stop processing" },
};
export const commandLabel = (c: Command) => COMMAND_LABELS[c];

const refuse = (code: string, vi: string, en: string, status: 409 | 400 = 409, field?: string): Decision => ({
  ok: false,
  refusal: { code, vi, en, status, ...(field ? { field } : {}) },
});

/** Commands the law requires a written reason for. */
const REASON_REQUIRED = new Set<Command>(["refuse", "reject", "suspend", "stop", "apologise"]);

const hasText = (s: string | null | undefined) => typeof s === "string" && s.trim().length > 0;

/**
 * May `command` run on `dossier` under `rules`, with `args`? Returns the new state and counters,
 * or a refusal: 409 for a command the state does not allow, 400 for missing arguments.
 * Who performs it is checked separately (`performersOf`), against the actor's roles.
 */
export function decide(
  rules: RuleSet,
  dossier: MachineDossier,
  command: Command,
  args: CommandArgs = {},
): Decision {
  const t = TRANSITIONS[command];
  const label = COMMAND_LABELS[command];
  if (!rules.commands.includes(command))
    return refuse(
      "dossier.command_not_in_regime",
      `Thao tác "${label.vi}" không áp dụng với hồ sơ theo ${rules.legalBasis}.`,
      `"${label.en}" does not exist under the rules of ${rules.legalBasis}.`,
    );
  if (!t.from.includes(dossier.state)) {
    const s = STATE_LABELS[dossier.state];
    return refuse(
      "dossier.invalid_transition",
      `Không thể "${label.vi}" khi hồ sơ ở trạng thái "${s.vi}".`,
      `Cannot "${label.en}" a dossier in state "${s.en}".`,
    );
  }
  const out: Outcome = {
    to: dossier.state,
    stepIndex: dossier.stepIndex,
    resumeState: dossier.resumeState,
    decision: dossier.decision,
    supplementCount: dossier.supplementCount,
    apologyCount: dossier.apologyCount,
    clock: t.clock,
  };
  if (REASON_REQUIRED.has(command) && !hasText(args.reason))
    return refuse(
      "dossier.reason_required",
      "Cần nêu rõ lý do.",
      "A written reason is required.",
      400,
      "reason",
    );
  switch (command) {
    case "request_supplement":
      if (dossier.supplementCount >= rules.maxSupplements)
        return refuse(
          "dossier.supplement_once",
          "Hồ sơ đã được yêu cầu bổ sung một lần; chỉ được yêu cầu bổ sung một lần.",
          "A supplement was already requested; it may be requested only once per dossier.",
        );
      if (!args.items || args.items.filter(hasText).length === 0)
        return refuse(
          "dossier.supplement_items",
          "Cần liệt kê đầy đủ các nội dung phải bổ sung.",
          "List every item that must be supplied.",
          400,
          "items",
        );
      out.supplementCount += 1;
      break;
    case "apologise":
      if (dossier.apologyCount >= rules.maxApologies)
        return refuse(
          "dossier.apology_once",
          "Hồ sơ đã được hẹn lại ngày trả một lần; chỉ được hẹn lại một lần.",
          "A new date was already set; it may be set only once.",
        );
      if (!hasText(args.newDueAt))
        return refuse(
          "dossier.new_due_required",
          "Cần nêu ngày hẹn trả mới.",
          "A new due date is required.",
          400,
          "newDueAt",
        );
      out.apologyCount += 1;
      break;
    case "transfer":
      if (!hasText(args.agencyId))
        return refuse(
          "dossier.agency_required",
          "Cần chọn cơ quan nhận hồ sơ chuyển.",
          "Choose the agency to transfer to.",
          400,
          "agencyId",
        );
      break;
    case "forward": {
      const next = dossier.state === "received" ? 0 : (dossier.stepIndex ?? -1) + 1;
      if (next >= dossier.stepCount)
        return refuse(
          "dossier.last_step",
          "Hồ sơ đang ở bước cuối của quy trình; hãy ban hành kết quả.",
          "The dossier is at the last step of its process; issue the result.",
        );
      out.stepIndex = next;
      break;
    }
    case "approve":
    case "issue_result":
      break;
    case "return_result":
      if (!args.method)
        return refuse(
          "dossier.method_required",
          "Cần chọn hình thức trả kết quả.",
          "Choose how the result is returned.",
          400,
          "method",
        );
      break;
  }
  if ((command === "approve" || command === "reject") && dossier.decision !== null)
    return refuse(
      "dossier.already_decided",
      "Hồ sơ đã có ý kiến phê duyệt.",
      "The dossier has already been decided.",
    );
  if (command === "approve") out.decision = "approved";
  if (command === "reject") out.decision = "rejected";
  if (command === "issue_result" && dossier.decision === null)
    return refuse(
      "dossier.not_decided",
      "Lãnh đạo chưa phê duyệt hoặc từ chối hồ sơ.",
      "A leader has not approved or rejected the dossier yet.",
    );

  if (t.saveState) out.resumeState = dossier.state;
  if (t.to === "same") out.to = dossier.state;
  else if (t.to === "resume") {
    out.to = dossier.resumeState ?? "processing";
    out.resumeState = null;
  } else out.to = t.to;
  if (out.to === "received") out.stepIndex = null;
  if ((FINAL_STATES as DossierState[]).includes(out.to) || out.to === "result_ready") out.resumeState = null;
  return { ok: true, outcome: out };
}

export const performersOf = (command: Command): readonly Performer[] => TRANSITIONS[command].performers;

/** Arguments that satisfy every command, to ask whether the dossier itself allows it. */
const ANY_ARGS: CommandArgs = {
  reason: "-",
  items: ["-"],
  agencyId: "-",
  newDueAt: "-",
  method: "in_person",
};

/**
 * Commands the dossier allows now under the rule set (before checking who asks): the state
 * permits them and no rule of the dossier refuses them (last step, one supplement, undecided…).
 */
export function available(rules: RuleSet, dossier: MachineDossier): Command[] {
  return rules.commands.filter((c) => decide(rules, dossier, c, ANY_ARGS).ok);
}

export const isFinal = (s: DossierState) => FINAL_STATES.includes(s);

/** Status codes used with the national public service portal (legal-notes §3). */
export const NATIONAL_STATUS: Record<DossierState, number> = {
  draft: 1,
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  transferred: 4,
  supplement_requested: 5,
  suspended: 4,
  withdrawn: 7,
  stopped: 8,
  result_ready: 9,
  returned: 10,
};

// ---------------------------------------------------------------------------------------------
// Dossier codes

/** Fill the rule set's template: `{agency}-{yyMMdd}-{seq4}` → `46.19753-261123-0001`. */
export function formatDossierCode(
  template: string,
  agency: string,
  vietnamDate: string,
  seq: number,
): string {
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`bad sequence ${seq}`);
  const yyMMdd = vietnamDate.slice(2, 4) + vietnamDate.slice(5, 7) + vietnamDate.slice(8, 10);
  return template
    .replaceAll("{agency}", agency)
    .replaceAll("{yyMMdd}", yyMMdd)
    .replaceAll("{seq4}", String(seq).padStart(4, "0"));
}

/** The shape every code we issue has (agency identifier, date, sequence). */
export const DOSSIER_CODE = /^[A-Za-z0-9.]{1,40}-\d{6}-\d{4,6}$/;
