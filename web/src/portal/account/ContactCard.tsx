// One's own e-mail and phone (back office and portal): what the account has, and a form to change
// one of them. The server asks for the current password and sends a link to the new address;
// nothing changes until that link is opened (ConfirmContactPage).
import { Button, Form, Input, Radio } from "antd";
import { useState } from "react";
import { auth } from "../../api/endpoints";
import type { ContactChangeSent, ContactKind, Me } from "../../api/types";
import { formatVnDateTime } from "../../components/dossierFormat";
import { Alert } from "../../components/lite/Alert";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import "./account.css";

interface Values {
  kind: ContactKind;
  email?: string;
  phone?: string;
  currentPassword: string;
}

const FIELDS = ["currentPassword", "email", "phone"] as const;

export function ContactCard({ user }: { user: Me["user"] }) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [sent, setSent] = useState<ContactChangeSent | null>(null);
  const kind = Form.useWatch("kind", form) ?? "email";
  const request = (values: Values) =>
    auth.requestContactChange({
      currentPassword: values.currentPassword,
      [values.kind]: (values[values.kind] ?? "").trim(),
      locale: lang,
    });
  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, request, (result) => {
    form.resetFields(["email", "phone", "currentPassword"]);
    setSent(result);
  });

  return (
    <section aria-labelledby="contact-heading" data-testid="contact-card">
      <h2 id="contact-heading">{t("accounts.contact.heading")}</h2>
      <dl className="contact-current">
        <dt>{t("accounts.contact.email")}</dt>
        <dd data-testid="contact-current-email">{user.email ?? t("accounts.contact.none")}</dd>
        <dt>{t("accounts.contact.phone")}</dt>
        <dd data-testid="contact-current-phone">{user.phone ?? t("accounts.contact.none")}</dd>
      </dl>
      {!user.hasPassword ? (
        <p className="text-secondary" data-testid="contact-no-password">
          {t("accounts.contact.noPassword")}
        </p>
      ) : (
        <>
          <p className="text-secondary">{t("accounts.contact.intro")}</p>
          <div aria-live="polite">
            {sent && (
              <Alert
                type="success"
                title={t(
                  sent.kind === "email" ? "accounts.contact.sentEmail" : "accounts.contact.sentPhone",
                  {
                    to: sent.sentTo,
                    at: formatVnDateTime(sent.expiresAt),
                  },
                )}
                data-testid="contact-sent"
              />
            )}
            <ProblemAlert error={error} fields={FIELDS} />
          </div>
          <Form<Values>
            form={form}
            name="change-contact"
            layout="vertical"
            onFinish={onFinish}
            requiredMark={false}
            initialValues={{ kind: "email" }}
            onValuesChange={() => setSent(null)}
          >
            <Form.Item name="kind" label={t("accounts.contact.which")}>
              <Radio.Group
                data-testid="contact-kind"
                options={[
                  { value: "email", label: t("accounts.contact.email") },
                  { value: "phone", label: t("accounts.contact.phone") },
                ]}
              />
            </Form.Item>
            {/* One input, named as the server names its field, so its errors land under it. */}
            <Form.Item
              key={kind}
              name={kind}
              label={t(kind === "email" ? "accounts.contact.newEmail" : "accounts.contact.newPhone")}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t(
                    kind === "email" ? "accounts.contact.emailRequired" : "accounts.contact.phoneRequired",
                  ),
                },
                kind === "email"
                  ? { type: "email", message: t("accounts.contact.emailInvalid") }
                  : { pattern: /^\s*0\d{9}\s*$/, message: t("accounts.contact.phoneInvalid") },
              ]}
            >
              <Input
                data-testid="contact-value"
                type={kind === "email" ? "email" : "tel"}
                autoComplete={kind === "email" ? "email" : "tel"}
                maxLength={200}
              />
            </Form.Item>
            <Form.Item
              name="currentPassword"
              label={t("accounts.changePassword.current")}
              rules={[{ required: true, message: t("accounts.changePassword.currentRequired") }]}
            >
              <Input.Password
                data-testid="contact-password"
                autoComplete="current-password"
                maxLength={200}
              />
            </Form.Item>
            <Button data-testid="contact-submit" htmlType="submit" loading={submitting}>
              {t("accounts.contact.submit")}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}
