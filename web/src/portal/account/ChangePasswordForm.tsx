// The signed-in user's password change (back office and portal): current password, new one twice.
// The server ends the user's other sessions and sets a new cookie and CSRF token for this one.
import { Button, Form, Input } from "antd";
import { auth } from "../../api/endpoints";
import type { Me } from "../../api/types";
import { NewPasswordFields } from "../../components/NewPasswordFields";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import "./account.css";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ["currentPassword", "newPassword"] as const;

export function ChangePasswordForm({ onDone }: { onDone: (me: Me) => void }) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<Values>();
  // The "password changed" e-mail goes out in the language the user reads.
  const change = (values: Values) =>
    auth.changePassword({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
      locale: lang,
    });
  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, change, (me) => {
    form.resetFields();
    onDone(me);
  });
  return (
    <>
      <div aria-live="polite">
        <ProblemAlert error={error} fields={FIELDS} />
      </div>
      <Form<Values>
        form={form}
        name="change-password"
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        data-testid="change-password-form"
      >
        <Form.Item
          name="currentPassword"
          label={t("accounts.changePassword.current")}
          rules={[{ required: true, message: t("accounts.changePassword.currentRequired") }]}
        >
          <Input.Password
            data-testid="change-password-current"
            autoComplete="current-password"
            maxLength={200}
            autoFocus
          />
        </Form.Item>
        <NewPasswordFields testIdPrefix="change-password" />
        <Button data-testid="change-password-submit" type="primary" htmlType="submit" loading={submitting}>
          {t("accounts.changePassword.submit")}
        </Button>
      </Form>
    </>
  );
}
