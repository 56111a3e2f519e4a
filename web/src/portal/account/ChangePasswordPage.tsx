// /doi-mat-khau: a signed-in citizen (or official on the portal) changes their password (they stay
// signed in afterwards), their e-mail or phone (through a link sent to the new one) and sees their
// sessions; signed out, the page asks them to sign in first.
import { Link, useNavigate } from "react-router";
import { flash } from "../../components/flash";
import { PageSpin } from "../../components/PageSpin";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import { usePortalSession } from "../portalSession";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { ContactCard } from "./ContactCard";
import { SessionsCard } from "./SessionsCard";

export default function ChangePasswordPage() {
  const t = useT();
  useDocumentTitle(t("accounts.changePassword.title"));
  const navigate = useNavigate();
  const { session, reload } = usePortalSession();
  return (
    <div className="panel auth-card">
      <div className="panel__body">
        <h1 className="page-title">{t("accounts.changePassword.heading")}</h1>
        {session.status === "loading" && <PageSpin />}
        {session.status === "error" && <ProblemAlert error={session.error} onRetry={reload} />}
        {session.status === "signedOut" && (
          <p data-testid="change-password-signed-out">
            {t("accounts.changePassword.signInFirst")}{" "}
            <Link to="/login?next=%2Fdoi-mat-khau">{t("accounts.changePassword.loginLink")}</Link>
          </p>
        )}
        {session.status === "signedIn" && (
          <>
            <p>{t("accounts.changePassword.intro")}</p>
            <ChangePasswordForm
              onDone={() => {
                reload();
                flash(t("accounts.changePassword.done"));
                navigate("/", { replace: true });
              }}
            />
            <p className="auth-links">
              <Link to="/quen-mat-khau">{t("accounts.changePassword.forgotLink")}</Link>
            </p>
            <ContactCard user={session.me.user} />
            <SessionsCard />
          </>
        )}
      </div>
    </div>
  );
}
