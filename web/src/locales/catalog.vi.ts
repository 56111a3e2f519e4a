// Every Vietnamese message: the core catalog plus one file per feature area, each under its own
// top-level key. Vietnamese is the default language: this module is part of the first load.
import accountsVi from "./accounts.vi.json";
import appointmentsVi from "./appointments.vi.json";
import contactsVi from "./contacts.vi.json";
import dashboardVi from "./dashboard.vi.json";
import eformVi from "./eform.vi.json";
import feedbackVi from "./feedback.vi.json";
import filingVi from "./filing.vi.json";
import importsVi from "./imports.vi.json";
import kioskVi from "./kiosk.vi.json";
import parVi from "./par.vi.json";
import paymentsVi from "./payments.vi.json";
import petitionsVi from "./petitions.vi.json";
import ratingsVi from "./ratings.vi.json";
import reportsVi from "./reports.vi.json";
import serviceIndexVi from "./serviceIndex.vi.json";
import ticketQueueVi from "./ticketQueue.vi.json";
import transparencyVi from "./transparency.vi.json";
import coreVi from "./vi.json";

const vi = {
  ...coreVi,
  ...eformVi,
  ...filingVi,
  ...dashboardVi,
  ...kioskVi,
  ...parVi,
  ...petitionsVi,
  ...ticketQueueVi,
  ...reportsVi,
  ...serviceIndexVi,
  ...importsVi,
  ...transparencyVi,
  ...appointmentsVi,
  ...feedbackVi,
  ...contactsVi,
  ...ratingsVi,
  ...paymentsVi,
  ...accountsVi,
};
export default vi;
