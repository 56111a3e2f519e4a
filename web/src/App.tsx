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
