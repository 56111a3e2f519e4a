// Internal process arithmetic (spec §4), pure: the working time a process takes, with
// parallel-opinion steps of one group counted once (the longest of them), and how it
// compares with the procedure's legal deadline.
export type ProcessStep = {
  name: string;
  kind: "step" | "transfer" | "opinion";
  role?: "receptionist" | "specialist" | "leader" | "clerk" | null;
  agencyId?: string | null;
  hours: number;
  /** Opinion steps sharing a group run at the same time. */
  parallelGroup?: string | null;
};

/** Total working hours: sequential steps add up; each parallel group adds its longest step. */
export function totalHours(steps: readonly ProcessStep[]): number {
  let total = 0;
  const groups = new Map<string, number>();
  for (const s of steps) {
    if (s.parallelGroup) groups.set(s.parallelGroup, Math.max(groups.get(s.parallelGroup) ?? 0, s.hours));
    else total += s.hours;
  }
  for (const h of groups.values()) total += h;
  return Math.round(total * 100) / 100;
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

/** Steps' due offsets from reception, in working hours (parallel steps share their group's start). */
export function stepSchedule(steps: readonly ProcessStep[]): { startHours: number; endHours: number }[] {
  let clock = 0;
  const groupStart = new Map<string, number>();
  const groupEnd = new Map<string, number>();
  const result: { startHours: number; endHours: number }[] = [];
  for (const s of steps) {
    if (s.parallelGroup) {
      if (!groupStart.has(s.parallelGroup)) groupStart.set(s.parallelGroup, clock);
      const start = groupStart.get(s.parallelGroup)!;
      groupEnd.set(s.parallelGroup, Math.max(groupEnd.get(s.parallelGroup) ?? start, start + s.hours));
      result.push({ startHours: start, endHours: start + s.hours });
    } else {
      for (const [g, end] of groupEnd) {
        clock = Math.max(clock, end);
        groupEnd.delete(g);
      }
      result.push({ startHours: clock, endHours: clock + s.hours });
      clock += s.hours;
    }
  }
  return result;
}
