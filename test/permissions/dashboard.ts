// Permission cases of the dashboard routes added with issue #6 (merged by ./index.ts).
import type { Case } from "./types.ts";

export const dashboardCases: Record<string, Case> = {};
