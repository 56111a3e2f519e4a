// Routes: the public portal loads eagerly; the back office is a separate chunk loaded on /admin.
import { lazy, type ReactNode, Suspense } from "react";
import { Route, Routes } from "react-router";
import { PageSpin } from "./components/PageSpin";
import { HomePage } from "./portal/HomePage";
import { LoginPage } from "./portal/LoginPage";
import { NotFoundPage } from "./portal/NotFoundPage";
import { PortalLayout } from "./portal/PortalLayout";
import { RegisterPage } from "./portal/RegisterPage";

const BackOffice = lazy(() => import("./backoffice/BackOffice"));
// The catalog pages use antd's Table, Select and Pagination: kept out of the home page's first load.
const ProcedureSearchPage = lazy(() => import("./portal/catalog/ProcedureSearchPage"));
const ProcedurePage = lazy(() => import("./portal/catalog/ProcedurePage"));
const LookupPage = lazy(() => import("./portal/dossiers/LookupPage"));
const MyDossiersPage = lazy(() => import("./portal/dossiers/MyDossiersPage"));
const FileOnlinePage = lazy(() => import("./portal/dossiers/FileOnlinePage"));
const VerifyPage = lazy(() => import("./portal/documents/VerifyPage"));
const MyDocumentsPage = lazy(() => import("./portal/documents/MyDocumentsPage"));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpin />}>{children}</Suspense>;
}

export function App() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route
          path="thu-tuc"
          element={
            <Lazy>
              <ProcedureSearchPage />
            </Lazy>
          }
        />
        <Route
          path="thu-tuc/:code"
          element={
            <Lazy>
              <ProcedurePage />
            </Lazy>
          }
        />
        <Route
          path="tra-cuu"
          element={
            <Lazy>
              <LookupPage />
            </Lazy>
          }
        />
        <Route
          path="tra-cuu/:code"
          element={
            <Lazy>
              <LookupPage />
            </Lazy>
          }
        />
        <Route
          path="ho-so-cua-toi"
          element={
            <Lazy>
              <MyDossiersPage />
            </Lazy>
          }
        />
        <Route
          path="giay-to-cua-toi"
          element={
            <Lazy>
              <MyDocumentsPage />
            </Lazy>
          }
        />
        <Route
          path="xac-thuc"
          element={
            <Lazy>
              <VerifyPage />
            </Lazy>
          }
        />
        <Route
          path="nop-truc-tuyen/:code"
          element={
            <Lazy>
              <FileOnlinePage />
            </Lazy>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route
        path="admin/*"
        element={
          <Lazy>
            <BackOffice />
          </Lazy>
        }
      />
    </Routes>
  );
}
