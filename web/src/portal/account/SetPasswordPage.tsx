// /dat-mat-khau#t=<token>: the link of an invitation e-mail (activate a new official's account) or
// of a password reset. The token travels in the fragment so it never reaches a server log; the
// page reads it once, takes it out of the address bar, asks the server whom it is for, then sets
// the password and sends the user to sign in.
import { Button, Form, Input, Spin } from "antd";
import { Link, useNavigate } from "react-router";
import { auth } from "../../api/endpoints";
import { formatVnDateTime } from "../../components/dossierFormat";
import { flash } from "../../components/flash";
import { Alert } from "../../components/lite/Alert";
import { NewPasswordFields } from "../../components/NewPasswordFields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { isDeadLink, useMailedLink } from "./useMailedLink";

interface Values {
  newPassword: string;
  confirm: string;
}

const FIELDS = ["newPassword"] as const;

export default function SetPasswordPage() {
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const { token, state: link, retry, markInvalid } = useMailedLink((token) => auth.accountToken({ token }));
  const [form] = Form.useForm<Values>();

  const setPassword = async (values: Values) => {
    try {
      await auth.confirmPasswordReset({ token, newPassword: values.newPassword, locale: lang });
    } catch (error) {
      if (isDeadLink(error)) markInvalid();
      throw error;
    }
  };
  const invite = link.status === "ready" && link.link.purpose === "invite";
  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, setPassword, () => {
    flash(t(invite ? "accounts.setPassword.activated" : "accounts.setPassword.resetDone"));
    navigate("/login", { replace: true });
  });

  const heading =
    link.status === "invalid"
      ? t("accounts.setPassword.invalidHeading")
      : link.status === "ready"
        ? t(invite ? "accounts.setPassword.inviteHeading" : "accounts.setPassword.resetHeading")
        : t("accounts.setPassword.title");
  useDocumentTitle(heading);

  return (
    <div className="panel auth-card" data-testid="set-password-page" data-state={link.status}>
      <div className="panel__body">
        <h1 className="page-title">{heading}</h1>
        {link.status === "checking" && <Spin description={t("accounts.setPassword.checking")} />}
        {link.status === "error" && <ProblemAlert error={link.error} onRetry={retry} />}
        {link.status === "invalid" && (
          <>
            <Alert
              type="error"
              title={t("accounts.setPassword.invalidText")}
              data-testid="set-password-invalid"
            />
            <p className="auth-links">
              <Link to="/quen-mat-khau" data-testid="set-password-request-new">
                {t("accounts.setPassword.requestNew")}
              </Link>
            </p>
          </>
        )}
        {link.status === "ready" && (
          <>
            <p data-testid="set-password-intro">
              {t(invite ? "accounts.setPassword.inviteIntro" : "accounts.setPassword.resetIntro", {
                name: link.link.fullName,
              })}
            </p>
            <p className="text-secondary">
              {t("accounts.setPassword.expires", { at: formatVnDateTime(link.link.expiresAt) })}
            </p>
            <div aria-live="polite">
              <ProblemAlert error={error} fields={FIELDS} />
            </div>
            <Form<Values>
              form={form}
              name="set-password"
              layout="vertical"
              onFinish={onFinish}
              requiredMark={false}
            >
              {link.link.username && (
                // Read-only, and there for password managers to save with the new password.
                <Form.Item label={t("accounts.setPassword.username")} htmlFor="set-password-username">
                  <Input
                    id="set-password-username"
                    data-testid="set-password-username"
                    autoComplete="username"
                    value={link.link.username}
                    readOnly
                  />
                </Form.Item>
              )}
              <NewPasswordFields testIdPrefix="set-password" />
              <Button
                data-testid="set-password-submit"
                type="primary"
                htmlType="submit"
                block
                loading={submitting}
              >
                {t(invite ? "accounts.setPassword.submitInvite" : "accounts.setPassword.submitReset")}
              </Button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
