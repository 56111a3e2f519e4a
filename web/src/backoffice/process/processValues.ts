// The process builder's form values and the POST body they become. Field paths match the server's
// ("steps.2.hours", "steps.0.role", "steps.1.agencyId"), so its errors land on fields; the
// over-deadline refusal ("steps") is shown in the alert next to the deadline indicator.
import type { ProcessView, SaveProcessBody, StepKind, StepRole } from "../../api/types";
import { todayIso } from "../../components/unitTree";

export interface StepValues {
  name?: string;
  kind: StepKind;
  role?: StepRole | null;
  agencyId?: string | null;
  hours?: number | null;
  parallelGroup?: string | null;
}

export interface ProcessFormValues {
  decisionRef?: string;
  approvedOn?: string;
  steps: StepValues[];
}

export function emptyStep(): StepValues {
  return { name: "", kind: "step", role: "specialist", hours: 4 };
}

export function toFormValues(view: ProcessView): ProcessFormValues {
  return {
    decisionRef: "",
    approvedOn: todayIso(),
    steps: view.current
      ? view.current.steps.map((step) => ({
          name: step.name,
          kind: step.kind,
          role: step.role ?? null,
          agencyId: step.agencyId ?? null,
          hours: step.hours,
          parallelGroup: step.parallelGroup ?? null,
        }))
      : [
          { name: "", kind: "step", role: "receptionist", hours: 4 },
          { name: "", kind: "step", role: "specialist", hours: 8 },
          { name: "", kind: "step", role: "leader", hours: 4 },
        ],
  };
}

/** A parallel group counts only on opinion steps (the server refuses it elsewhere). */
export function effectiveGroup(step: Pick<StepValues, "kind" | "parallelGroup">): string | undefined {
  const group = step.parallelGroup?.trim();
  return step.kind === "opinion" && group ? group : undefined;
}

export function toBody(values: ProcessFormValues): SaveProcessBody {
  return {
    decisionRef: values.decisionRef?.trim() ?? "",
    approvedOn: values.approvedOn ?? "",
    steps: values.steps.map((step) => {
      const group = effectiveGroup(step);
      return {
        name: step.name?.trim() ?? "",
        kind: step.kind,
        ...(step.role ? { role: step.role } : {}),
        ...(step.agencyId ? { agencyId: step.agencyId } : {}),
        hours: step.hours ?? 0,
        ...(group ? { parallelGroup: group } : {}),
      };
    }),
  };
}

const FORM_FIELDS = [
  /^(decisionRef|approvedOn)$/,
  /^steps\.\d+\.(name|kind|role|agencyId|hours|parallelGroup)$/,
];

export function isProcessField(field: string): boolean {
  return FORM_FIELDS.some((pattern) => pattern.test(field));
}
