// Every per-module case file of the permission suite, merged into the suite's table.
import { accountsCases } from "./accounts.ts";
import { appointmentsCases } from "./appointments.ts";
import { contactsCases } from "./contacts.ts";
import { dashboardCases } from "./dashboard.ts";
import { dossiersCases } from "./dossiers.ts";
import { eformsCases } from "./eforms.ts";
import { feedbackCases } from "./feedback.ts";
import { importsCases } from "./imports.ts";
import { integrationsCases } from "./integrations.ts";
import { parCases } from "./par.ts";
import { paymentsCases } from "./payments.ts";
import { petitionsCases } from "./petitions.ts";
import { privacyCases } from "./privacy.ts";
import { queueCases } from "./queue.ts";
import { ratingsCases } from "./ratings.ts";
import { reportsCases } from "./reports.ts";
import { serviceIndexCases } from "./serviceindex.ts";
import { transparencyCases } from "./transparency.ts";
import type { Case } from "./types.ts";

export const extraCases: Record<string, Case> = {
  ...eformsCases,
  ...dossiersCases,
  ...dashboardCases,
  ...ratingsCases,
  ...reportsCases,
  ...serviceIndexCases,
  ...transparencyCases,
  ...importsCases,
  ...parCases,
  ...appointmentsCases,
  ...queueCases,
  ...feedbackCases,
  ...petitionsCases,
  ...contactsCases,
  ...paymentsCases,
  ...integrationsCases,
  ...privacyCases,
  ...accountsCases,
};
