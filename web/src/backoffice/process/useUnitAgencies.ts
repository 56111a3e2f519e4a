// Agencies a process step may name, grouped by unit for the Select: the server lists them with
// the process (the unit's own and those of the units above it, e.g. vertical agencies).
import type { ProcessView } from "../../api/types";

export interface AgencyGroup {
  label: string;
  options: { value: string; label: string }[];
}

export function agencyGroups(agencies: ProcessView["agencies"]): AgencyGroup[] {
  const groups = new Map<string, AgencyGroup>();
  for (const a of agencies) {
    const group = groups.get(a.unitName) ?? { label: a.unitName, options: [] };
    group.options.push({ value: a.id, label: a.name });
    groups.set(a.unitName, group);
  }
  return [...groups.values()];
}
