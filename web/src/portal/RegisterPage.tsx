// Citizen self-registration; the server's field errors appear under the matching fields.
import { Button, Form, Input } from "antd";
import { Link, useNavigate } from "react-router";
import { auth } from "../api/endpoints";
import { flash } from "../components/flash";
import { ProblemAlert } from "../components/ProblemAlert";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useFormSubmit } from "../components/useFormSubmit";
import { useT } from "../i18n";
import { usePortalSession } from "./portalSession";

interface RegisterValues {
  fullName: string;
  email?: string;
  phone?: string;
  password: string;
  confirm: string;
}

const FIELDS = ["fullName", "email", "phone", "password"] as const;

function register(values: RegisterValues) {
  const email = values.email?.trim();
  const phone = values.phone?.trim();
  return auth.register({
    fullName: values.fullName.trim(),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    password: values.password,
  });
}

export function RegisterPage() {
  const t = useT();
  useDocumentTitle(t("register.title"));
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const { reload } = usePortalSession();
  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, register, (me) => {
    reload();
    flash(t("register.success", { name: me.user.fullName }));
    navigate("/", { replace: true });
  });

  return (
    <div className="panel auth-card">
      <div className="panel__body">
        <h1 className="page-title">{t("register.heading")}</h1>
        <p>{t("register.intro")}</p>
        <ProblemAlert error={error} fields={FIELDS} />
        <Form form={form} name="register" layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="fullName"
            label={t("register.fullName")}
            rules={[{ required: true, whitespace: true, message: t("register.fullNameRequired") }]}
          >
            <Input data-testid="register-full-name" autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t("register.email")}
            dependencies={["phone"]}
            rules={[
              { type: "email", message: t("register.emailInvalid") },
              ({ getFieldValue }) => ({
                validator: (_, value?: string) =>
                  value?.trim() || getFieldValue("phone")?.trim()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("register.contactRequired"))),
              }),
            ]}
          >
            <Input data-testid="register-email" type="email" autoComplete="email" />
          </Form.Item>
          <Form.Item name="phone" label={t("register.phone")}>
            <Input data-testid="register-phone" type="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("register.password")}
            rules={[{ required: true, message: t("register.passwordRequired") }]}
          >
            <Input.Password data-testid="register-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t("register.confirm")}
            dependencies={["password"]}
            rules={[
              { required: true, message: t("register.confirmRequired") },
              ({ getFieldValue }) => ({
                validator: (_, value?: string) =>
                  !value || value === getFieldValue("password")
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("register.confirmMismatch"))),
              }),
            ]}
          >
            <Input.Password data-testid="register-confirm" autoComplete="new-password" />
          </Form.Item>
          <Button data-testid="register-submit" type="primary" htmlType="submit" block loading={submitting}>
            {t("register.submit")}
          </Button>
        </Form>
        <p className="auth-links">
          {t("register.haveAccount")} <Link to="/login">{t("register.loginLink")}</Link>
        </p>
      </div>
    </div>
  );
}
