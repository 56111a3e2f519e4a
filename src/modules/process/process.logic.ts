// Internal process arithmetic (spec §4), pure and shared by the server and the web app's live
// draft (web/src/backoffice/process/processMath.ts): the working time a process takes and when
// each step runs. A parallel group is a run of consecutive opinion steps with the same group
// name: they start together and the run lasts as long as its longest step.
export type ProcessStep = {
  name: string;
  kind: "step" | "transfer" | "opinion";
  role?: "receptionist" | "specialist" | "leader" | "clerk" | null;
  agencyId?: string | null;
  hours: number;
  /** Consecutive opinion steps sharing a group run at the same time. */
  parallelGroup?: string | null;
};

/** What the arithmetic needs; a draft may still have a missing number (counted as 0). */
export type Timed = { hours?: number | null; parallelGroup?: string | null };

const hoursOf = (s: Timed) => (typeof s.hours === "number" && Number.isFinite(s.hours) ? s.hours : 0);
const groupOf = (s: Timed) => s.parallelGroup?.trim() || null;

/** Each step's start and end, in working hours from reception. */
export function stepSchedule(steps: readonly Timed[]): { startHours: number; endHours: number }[] {
  let clock = 0;
  let open: { name: string; start: number; end: number } | null = null;
  return steps.map((s) => {
    const group = groupOf(s);
    if (open && open.name !== group) {
      clock = open.end;
      open = null;
    }
    if (group) {
      open ??= { name: group, start: clock, end: clock };
      open.end = Math.max(open.end, open.start + hoursOf(s));
      return { startHours: open.start, endHours: open.start + hoursOf(s) };
    }
    const slot = { startHours: clock, endHours: clock + hoursOf(s) };
    clock += hoursOf(s);
    return slot;
  });
}

/** Total working hours: when the last step (or parallel run) ends. */
export function totalHours(steps: readonly Timed[]): number {
  const end = stepSchedule(steps).reduce((a, s) => Math.max(a, s.endHours), 0);
  return Math.round(end * 100) / 100;
}

export type Deadline = {
  kind: "working_days" | "working_hours" | "same_day" | "calendar_days";
  value: number | null;
};

/**
 * The legal deadline in working hours of the unit. Working days count full days of the unit's
 * schedule; "same day" is one working day; calendar days are an upper bound (every day counted
 * as a working day), since which of them are working days depends on when the dossier arrives.
 */
export function deadlineHours(deadline: Deadline, hoursPerDay: number): number {
  switch (deadline.kind) {
    case "working_hours":
      return deadline.value ?? 0;
    case "same_day":
      return hoursPerDay;
    default:
      return (deadline.value ?? 0) * hoursPerDay;
  }
}
