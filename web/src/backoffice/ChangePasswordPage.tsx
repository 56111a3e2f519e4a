// /admin/doi-mat-khau (from the user menu): the official changes their password and stays
// signed in (their other sessions end), changes their e-mail or phone (through a link sent to the
// new one) and sees their sessions.
import { Card, Typography } from "antd";
import { useNavigate } from "react-router";
import { flash } from "../components/flash";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useT } from "../i18n";
import { ChangePasswordForm } from "../portal/account/ChangePasswordForm";
import { ContactCard } from "../portal/account/ContactCard";
import { SessionsCard } from "../portal/account/SessionsCard";
import { useSession } from "./session";

export default function ChangePasswordPage() {
  const t = useT();
  useDocumentTitle(t("accounts.changePassword.title"));
  const navigate = useNavigate();
  const { me } = useSession();
  return (
    <div className="account-page">
      <Typography.Title level={1}>{t("accounts.changePassword.heading")}</Typography.Title>
      <Typography.Paragraph>{t("accounts.changePassword.intro")}</Typography.Paragraph>
      <Card className="section-card">
        <ChangePasswordForm
          onDone={() => {
            flash(t("accounts.changePassword.done"));
            navigate("/admin", { replace: true });
          }}
        />
      </Card>
      <Card className="section-card">
        <ContactCard user={me.user} />
      </Card>
      <Card className="section-card">
        <SessionsCard />
      </Card>
    </div>
  );
}
