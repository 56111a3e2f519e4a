// Staff and citizen sign-in, with the way to a forgotten password. Shows the server's problem message (bad credentials, lockout, field errors) in the
// current language; the OpenID Connect button appears only when the server has it configured.
import { LoginOutlined } from "@ant-design/icons";
import { Button, Divider, Form, Input } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router";
import { auth } from "../api/endpoints";
import { flash } from "../components/flash";
import { ProblemAlert } from "../components/ProblemAlert";
import { useApiQuery } from "../components/useApiQuery";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useFormSubmit } from "../components/useFormSubmit";
import { useT } from "../i18n";
import { usePortalSession } from "./portalSession";

interface LoginValues {
  username: string;
  password: string;
}

const FIELDS = ["username", "password"] as const;

/** Only back-office paths are accepted as a return target, so ?next= cannot send users elsewhere. */
function safeNext(next: string | null): string {
  return next && /^\/admin(\/|$|\?)/.test(next) ? next : "/admin";
}

/** A citizen returns to a portal page they came from (online filing, my dossiers), else home. */
function safeCitizenNext(next: string | null): string {
  return next && /^\/(nop-truc-tuyen|ho-so-cua-toi|tra-cuu|doi-mat-khau)(\/|$|\?)/.test(next) ? next : "/";
}

export function LoginPage() {
  const t = useT();
  useDocumentTitle(t("login.title"));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const oidc = useApiQuery("oidc-config", (signal) => auth.oidcConfig(signal));
  const { reload } = usePortalSession();

  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, auth.login, (me) => {
    reload();
    if (me.user.kind === "staff") {
      navigate(safeNext(params.get("next")), { replace: true });
    } else {
      flash(t("login.signedIn", { name: me.user.fullName }));
      navigate(safeCitizenNext(params.get("next")), { replace: true });
    }
  });

  return (
    <div className="panel auth-card">
      <div className="panel__body">
        <h1 className="page-title">{t("login.heading")}</h1>
        <ProblemAlert error={error} fields={FIELDS} />
        <Form form={form} name="login" layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="username"
            label={t("login.username")}
            rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
          >
            <Input data-testid="login-username" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password data-testid="login-password" autoComplete="current-password" />
          </Form.Item>
          <Button
            data-testid="login-submit"
            type="primary"
            htmlType="submit"
            block
            loading={submitting}
            icon={<LoginOutlined aria-hidden />}
          >
            {t("login.submit")}
          </Button>
        </Form>

        {oidc.data?.enabled && (
          <>
            <Divider plain>{t("login.or")}</Divider>
            <Button data-testid="login-oidc" block href={auth.oidcLoginUrl}>
              {t("login.oidc")}
            </Button>
          </>
        )}

        <p className="auth-links">
          <Link to="/quen-mat-khau" data-testid="login-forgot">
            {t("accounts.forgot.link")}
          </Link>
        </p>
        <p className="auth-links">
          {t("login.noAccount")} <Link to="/register">{t("login.registerLink")}</Link>
        </p>
      </div>
    </div>
  );
}
