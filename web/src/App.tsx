// Routes: the portal shell, home and procedure page (the landing pages) load eagerly and without
// antd (components/lite); every other page loads on demand with antd's providers (lazyWithAntd);
// the back office is a separate chunk loaded on /admin.
import { lazy, type ReactNode, Suspense } from "react";
import { Route, Routes } from "react-router";
import { PageSpin } from "./components/PageSpin";
import { lazyWithAntd } from "./components/withAntd";
import { RemountOnLink } from "./portal/account/RemountOnLink";
import ProcedurePage from "./portal/catalog/ProcedurePage";
import { HomePage } from "./portal/HomePage";
import { NotFoundPage } from "./portal/NotFoundPage";
import { PortalLayout } from "./portal/PortalLayout";

const BackOffice = lazyWithAntd(() => import("./backoffice/BackOffice").then((m) => m.default));
// Sign-in and registration use antd's Form (with its validator): not part of the home page's first load.
const LoginPage = lazyWithAntd(() => import("./portal/LoginPage").then((m) => m.LoginPage));
const RegisterPage = lazyWithAntd(() => import("./portal/RegisterPage").then((m) => m.RegisterPage));
// Accounts: a forgotten password, the link of an invitation or reset e-mail, a password change.
const ForgotPasswordPage = lazyWithAntd(() =>
  import("./portal/account/ForgotPasswordPage").then((m) => m.ForgotPasswordPage),
);
const SetPasswordPage = lazyWithAntd(() => import("./portal/account/SetPasswordPage").then((m) => m.default));
const ConfirmContactPage = lazyWithAntd(() =>
  import("./portal/account/ConfirmContactPage").then((m) => m.default),
);
const ChangePasswordPage = lazyWithAntd(() =>
  import("./portal/account/ChangePasswordPage").then((m) => m.default),
);
// The catalog pages use antd's Table, Select and Pagination: kept out of the home page's first load.
const ProcedureSearchPage = lazyWithAntd(() =>
  import("./portal/catalog/ProcedureSearchPage").then((m) => m.default),
);
const LookupPage = lazyWithAntd(() => import("./portal/dossiers/LookupPage").then((m) => m.default));
const MyDossiersPage = lazyWithAntd(() => import("./portal/dossiers/MyDossiersPage").then((m) => m.default));
const MyDossierPage = lazyWithAntd(() => import("./portal/dossiers/MyDossierPage").then((m) => m.default));
// The gateway sends the payer back here; the page waits for the IPN to land.
const PaymentReturnPage = lazyWithAntd(() => import("./payments/PaymentReturnPage").then((m) => m.default));
const FileOnlinePage = lazyWithAntd(() => import("./portal/dossiers/FileOnlinePage").then((m) => m.default));
const VerifyPage = lazyWithAntd(() => import("./portal/documents/VerifyPage").then((m) => m.default));
const MyDocumentsPage = lazyWithAntd(() =>
  import("./portal/documents/MyDocumentsPage").then((m) => m.default),
);
// The public transparency page: its charts (ECharts) are a further chunk of their own.
const TransparencyPage = lazyWithAntd(() =>
  import("./portal/transparency/TransparencyPage").then((m) => m.default),
);
// Appointments: book a visit, then view, move or cancel it.
const BookingPage = lazyWithAntd(() => import("./portal/appointments/BookingPage").then((m) => m.default));
const ManageBookingPage = lazyWithAntd(() =>
  import("./portal/appointments/ManageBookingPage").then((m) => m.default),
);
// The rating link of the "returned" notification (no sign-in).
const RatingLinkPage = lazyWithAntd(() => import("./portal/ratings/RatingLinkPage").then((m) => m.default));
// Feedback: send it, follow it by its code, the published list.
const FeedbackPage = lazyWithAntd(() => import("./portal/feedback/FeedbackPage").then((m) => m.default));
const FeedbackStatusPage = lazyWithAntd(() =>
  import("./portal/feedback/FeedbackStatusPage").then((m) => m.default),
);
const PublishedFeedbackPage = lazyWithAntd(() =>
  import("./portal/feedback/PublishedFeedbackPage").then((m) => m.default),
);
// The self-service kiosk: full screen, no portal header.
const KioskPage = lazyWithAntd(() => import("./kiosk/KioskPage").then((m) => m.default));
// The hall's display of called tickets (a TV): plain CSS, no antd.
const QueueDisplayPage = lazy(() => import("./queue/DisplayPage"));

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
          path="quen-mat-khau"
          element={
            <Lazy>
              <ForgotPasswordPage />
            </Lazy>
          }
        />
        <Route
          path="dat-mat-khau"
          element={
            <Lazy>
              <RemountOnLink>
                <SetPasswordPage />
              </RemountOnLink>
            </Lazy>
          }
        />
        <Route
          path="xac-nhan-lien-he"
          element={
            <Lazy>
              <RemountOnLink>
                <ConfirmContactPage />
              </RemountOnLink>
            </Lazy>
          }
        />
        <Route
          path="doi-mat-khau"
          element={
            <Lazy>
              <ChangePasswordPage />
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
        <Route path="thu-tuc/:code" element={<ProcedurePage />} />
        <Route
          path="dat-lich"
          element={
            <Lazy>
              <BookingPage />
            </Lazy>
          }
        />
        <Route
          path="dat-lich/:code"
          element={
            <Lazy>
              <ManageBookingPage />
            </Lazy>
          }
        />
        <Route
          path="danh-gia/:token"
          element={
            <Lazy>
              <RatingLinkPage />
            </Lazy>
          }
        />
        <Route
          path="phan-anh"
          element={
            <Lazy>
              <FeedbackPage />
            </Lazy>
          }
        />
        <Route
          path="phan-anh/cong-khai"
          element={
            <Lazy>
              <PublishedFeedbackPage />
            </Lazy>
          }
        />
        <Route
          path="phan-anh/:code"
          element={
            <Lazy>
              <FeedbackStatusPage />
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
          path="thanh-toan/ket-qua"
          element={
            <Lazy>
              <PaymentReturnPage />
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
        <Route
          path="minh-bach"
          element={
            <Lazy>
              <TransparencyPage />
            </Lazy>
          }
        />
        <Route
          path="minh-bach/:unitCode"
          element={
            <Lazy>
              <TransparencyPage />
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
        path="man-hinh/:unitCode"
        element={
          <Lazy>
            <QueueDisplayPage />
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
