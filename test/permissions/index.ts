// Every per-module case file of the permission suite, merged into the suite's table.
import { dashboardCases } from "./dashboard.ts";
import { dossiersCases } from "./dossiers.ts";
import { eformsCases } from "./eforms.ts";
import { ratingsCases } from "./ratings.ts";
import type { Case } from "./types.ts";

export const extraCases: Record<string, Case> = {
  ...eformsCases,
  ...dossiersCases,
  ...dashboardCases,
  ...ratingsCases,
};
