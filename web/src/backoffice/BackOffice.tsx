// Entry of the lazily loaded back-office chunk: session, layout and the /admin/* routes.
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { PageSpin } from "../components/PageSpin";
import { NotFoundPage } from "../portal/NotFoundPage";
import { AdminLayout } from "./AdminLayout";
import { OverviewPage } from "./OverviewPage";
import { SessionProvider } from "./session";

const OrgPage = lazy(() => import("./org/OrgPage"));
const AuditPage = lazy(() => import("./AuditPage"));
const CatalogPage = lazy(() => import("./catalog/CatalogPage"));
const CalendarPage = lazy(() => import("./calendar/CalendarPage"));
const ProcessPage = lazy(() => import("./process/ProcessPage"));
const UnitProceduresPage = lazy(() => import("./unitProcedures/UnitProceduresPage"));
const DeskPage = lazy(() => import("./dossiers/DeskPage"));
const QueuePage = lazy(() => import("./dossiers/QueuePage"));
const DossierPage = lazy(() => import("./dossiers/DossierPage"));
const DashboardPage = lazy(() => import("./dashboard/DashboardPage"));
const WorkloadPage = lazy(() => import("./dashboard/WorkloadPage"));
const ServiceIndexPage = lazy(() => import("./serviceindex/ServiceIndexPage"));
const ResolutionReportPage = lazy(() => import("./reports/ResolutionReportPage"));
const EformBuilderPage = lazy(() => import("./eforms/EformBuilderPage"));
const AssistedFilingPage = lazy(() => import("./eforms/AssistedFilingPage"));
const ImportPage = lazy(() => import("./imports/ImportPage"));
const ParHomePage = lazy(() => import("./par/ParHomePage"));
const ParSetsPage = lazy(() => import("./par/ParSetsPage"));
const ParSetPage = lazy(() => import("./par/ParSetPage"));
const ParAssessmentPage = lazy(() => import("./par/ParAssessmentPage"));
const ParRankingPage = lazy(() => import("./par/ParRankingPage"));
const CounterPage = lazy(() => import("./queue/CounterPage"));
const QueueSettingsPage = lazy(() => import("./queue/QueueSettingsPage"));
const AppointmentsPage = lazy(() => import("./appointments/AppointmentsPage"));
const FeedbackAdminPage = lazy(() => import("./feedback/FeedbackAdminPage"));
const PetitionsPage = lazy(() => import("./petitions/PetitionsPage"));
const PetitionDetailPage = lazy(() => import("./petitions/PetitionDetailPage"));
const PaymentsAdminPage = lazy(() => import("./payments/PaymentsAdminPage"));
const ContactsPage = lazy(() => import("./contacts/ContactsPage"));
const DeskRatingPage = lazy(() => import("./ratings/DeskRatingPage"));
const StaffPage = lazy(() => import("./staff/StaffPage"));
const ChangePasswordPage = lazy(() => import("./ChangePasswordPage"));

export default function BackOffice() {
  return (
    <SessionProvider>
      <AdminLayout>
        <Suspense fallback={<PageSpin />}>
          <Routes>
            <Route index element={<OverviewPage />} />
            <Route path="org" element={<OrgPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="catalog" element={<CatalogPage />} />
            <Route path="calendar" element={<CalendarPage />} />
            <Route path="processes" element={<ProcessPage />} />
            <Route path="unit-procedures" element={<UnitProceduresPage />} />
            <Route path="tiep-nhan" element={<DeskPage />} />
            <Route path="ho-so" element={<QueuePage />} />
            <Route path="ho-so/:id" element={<DossierPage />} />
            <Route path="bang-dieu-khien" element={<DashboardPage />} />
            <Route path="bao-cao-can-bo" element={<WorkloadPage />} />
            <Route path="chi-so-766" element={<ServiceIndexPage />} />
            <Route path="bao-cao-giai-quyet" element={<ResolutionReportPage />} />
            <Route path="bieu-mau" element={<EformBuilderPage />} />
            <Route path="nop-ho-tro" element={<AssistedFilingPage />} />
            <Route path="nhap-ho-so" element={<ImportPage />} />
            <Route path="cai-cach-hanh-chinh" element={<ParHomePage />} />
            <Route path="cai-cach-hanh-chinh/bo-tieu-chi" element={<ParSetsPage />} />
            <Route path="cai-cach-hanh-chinh/bo-tieu-chi/:id" element={<ParSetPage />} />
            <Route path="cai-cach-hanh-chinh/danh-gia/:id" element={<ParAssessmentPage />} />
            <Route path="cai-cach-hanh-chinh/xep-hang" element={<ParRankingPage />} />
            <Route path="quay" element={<CounterPage />} />
            <Route path="quay/cau-hinh" element={<QueueSettingsPage />} />
            <Route path="lich-hen" element={<AppointmentsPage />} />
            <Route path="phan-anh" element={<FeedbackAdminPage />} />
            <Route path="don-thu" element={<PetitionsPage />} />
            <Route path="don-thu/:id" element={<PetitionDetailPage />} />
            <Route path="thanh-toan" element={<PaymentsAdminPage />} />
            <Route path="lien-he" element={<ContactsPage />} />
            <Route path="danh-gia-tai-quay" element={<DeskRatingPage />} />
            <Route path="can-bo" element={<StaffPage />} />
            <Route path="doi-mat-khau" element={<ChangePasswordPage />} />
            <Route path="*" element={<NotFoundPage homePath="/admin" />} />
          </Routes>
        </Suspense>
      </AdminLayout>
    </SessionProvider>
  );
}
