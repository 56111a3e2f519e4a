// Routes: the public portal loads eagerly; the back office is a separate chunk loaded on /admin.
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { PageSpin } from "./components/PageSpin";
import { HomePage } from "./portal/HomePage";
import { LoginPage } from "./portal/LoginPage";
import { NotFoundPage } from "./portal/NotFoundPage";
import { PortalLayout } from "./portal/PortalLayout";
import { RegisterPage } from "./portal/RegisterPage";

const BackOffice = lazy(() => import("./backoffice/BackOffice"));

export function App() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route
        path="admin/*"
        element={
          <Suspense fallback={<PageSpin />}>
            <BackOffice />
          </Suspense>
        }
      />
    </Routes>
  );
}
