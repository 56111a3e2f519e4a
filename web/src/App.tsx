// Routes: the public portal loads eagerly; the back office is a separate chunk loaded on /admin.
import { lazy, type ReactNode, Suspense } from "react";
import { Route, Routes } from "react-router";
import { PageSpin } from "./components/PageSpin";
import { HomePage } from "./portal/HomePage";
import { NotFoundPage } from "./portal/NotFoundPage";
import { PortalLayout } from "./portal/PortalLayout";

const BackOffice = lazy(() => import("./backoffice/BackOffice"));
// Sign-in and registration use antd's Form (with its validator): not part of the home page's first load.
const LoginPage = lazy(() => import("./portal/LoginPage").then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import("./portal/RegisterPage").then((m) => ({ default: m.RegisterPage })));
// The catalog pages use antd's Table, Select and Pagination: kept out of the home page's first load.
const ProcedureSearchPage = lazy(() => import("./portal/catalog/ProcedureSearchPage"));
const ProcedurePage = lazy(() => import("./portal/catalog/ProcedurePage"));
const LookupPage = lazy(() => import("./portal/dossiers/LookupPage"));
const MyDossiersPage = lazy(() => import("./portal/dossiers/MyDossiersPage"));
const MyDossierPage = lazy(() => import("./portal/dossiers/MyDossierPage"));
const FileOnlinePage = lazy(() => import("./portal/dossiers/FileOnlinePage"));
const VerifyPage = lazy(() => import("./portal/documents/VerifyPage"));
const MyDocumentsPage = lazy(() => import("./portal/documents/MyDocumentsPage"));
// The self-service kiosk: full screen, no portal header.
const KioskPage = lazy(() => import("./kiosk/KioskPage"));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpin />}>{children}</Suspense>;
}

export function App() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<HomePage />} />
        <Route
          path="login"
          element={
            <Lazy>
              <LoginPage />
            </Lazy>
          }
        />
        <Route
          path="register"
          element={
            <Lazy>
              <RegisterPage />
            </Lazy>
          }
        />
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
          path="ho-so-cua-toi/:id"
          element={
            <Lazy>
              <MyDossierPage />
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
        path="kiosk"
        element={
          <Lazy>
            <KioskPage />
          </Lazy>
        }
      />
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
