// Every English message, loaded on demand (i18n.tsx `loadLang`) when a user picks English: the
// Vietnamese-only first load stays about half the size. Typed as the Vietnamese catalog, so a key
// missing here fails the type check.
import type { Messages } from "../i18n";
import accountsEn from "./accounts.en.json";
import appointmentsEn from "./appointments.en.json";
import contactsEn from "./contacts.en.json";
import dashboardEn from "./dashboard.en.json";
import eformEn from "./eform.en.json";
import coreEn from "./en.json";
import feedbackEn from "./feedback.en.json";
import filingEn from "./filing.en.json";
import importsEn from "./imports.en.json";
import kioskEn from "./kiosk.en.json";
import parEn from "./par.en.json";
import paymentsEn from "./payments.en.json";
import petitionsEn from "./petitions.en.json";
import ratingsEn from "./ratings.en.json";
import reportsEn from "./reports.en.json";
import serviceIndexEn from "./serviceIndex.en.json";
import ticketQueueEn from "./ticketQueue.en.json";
import transparencyEn from "./transparency.en.json";

const en: Messages = {
  ...coreEn,
  ...eformEn,
  ...filingEn,
  ...dashboardEn,
  ...kioskEn,
  ...parEn,
  ...petitionsEn,
  ...ticketQueueEn,
  ...reportsEn,
  ...serviceIndexEn,
  ...importsEn,
  ...transparencyEn,
  ...appointmentsEn,
  ...feedbackEn,
  ...contactsEn,
  ...ratingsEn,
  ...paymentsEn,
  ...accountsEn,
};
export default en;
