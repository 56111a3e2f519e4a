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
const EformBuilderPage = lazy(() => import("./eforms/EformBuilderPage"));
const AssistedFilingPage = lazy(() => import("./eforms/AssistedFilingPage"));

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
            <Route path="bieu-mau" element={<EformBuilderPage />} />
            <Route path="nop-ho-tro" element={<AssistedFilingPage />} />
            <Route path="*" element={<NotFoundPage homePath="/admin" />} />
          </Routes>
        </Suspense>
      </AdminLayout>
    </SessionProvider>
  );
}
