// /quen-mat-khau: asks for a reset link by e-mail, phone or user name. The server answers 202
// whether or not an account matches, so the page says the same neutral thing whatever the answer,
// except a refusal of the request itself (too many requests, an invalid field) or no answer at all.
import { Button, Form, Input } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../../api/client";
import { auth } from "../../api/endpoints";
import { Alert } from "../../components/lite/Alert";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useFormSubmit } from "../../components/useFormSubmit";
import { type Lang, useI18n } from "../../i18n";

interface Values {
  login: string;
}

const FIELDS = ["login"] as const;

/** Refusals the user can act on; every other answer gets the neutral confirmation. */
const SHOWN = new Set([0, 400, 422, 429]);

async function requestReset(values: Values, lang: Lang): Promise<void> {
  try {
    await auth.requestPasswordReset({ login: values.login.trim(), locale: lang });
  } catch (error) {
    if (error instanceof ApiError && SHOWN.has(error.status)) throw error;
  }
}

export function ForgotPasswordPage() {
  const { lang, t } = useI18n();
  useDocumentTitle(t("accounts.forgot.title"));
  const [form] = Form.useForm<Values>();
  const [sent, setSent] = useState(false);
  const { onFinish, submitting, error } = useFormSubmit(
    form,
    FIELDS,
    (values: Values) => requestReset(values, lang),
    () => setSent(true),
  );

  return (
    <div className="panel auth-card">
      <div className="panel__body">
        <h1 className="page-title">{t("accounts.forgot.heading")}</h1>
        {sent ? (
          <>
            <Alert
              type="info"
              title={t("accounts.forgot.sentHeading")}
              description={t("accounts.forgot.sent")}
              data-testid="forgot-sent"
            />
            <p className="auth-links">
              <Button
                data-testid="forgot-again"
                onClick={() => {
                  form.resetFields();
                  setSent(false);
                }}
              >
                {t("accounts.forgot.again")}
              </Button>
            </p>
            <p className="auth-links">
              <Link to="/login">{t("accounts.forgot.backToLogin")}</Link>
            </p>
          </>
        ) : (
          <>
            <p>{t("accounts.forgot.intro")}</p>
            <div aria-live="polite">
              <ProblemAlert error={error} fields={FIELDS} />
            </div>
            <Form<Values>
              form={form}
              name="forgot-password"
              layout="vertical"
              onFinish={onFinish}
              requiredMark={false}
            >
              <Form.Item
                name="login"
                label={t("accounts.forgot.login")}
                rules={[{ required: true, whitespace: true, message: t("accounts.forgot.loginRequired") }]}
              >
                <Input data-testid="forgot-login" autoComplete="username" maxLength={200} autoFocus />
              </Form.Item>
              <Button data-testid="forgot-submit" type="primary" htmlType="submit" block loading={submitting}>
                {t("accounts.forgot.submit")}
              </Button>
            </Form>
            <p className="auth-links">
              <Link to="/login">{t("accounts.forgot.backToLogin")}</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
