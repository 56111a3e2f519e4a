// The "new password" and "repeat it" fields of the forms that set a password (change, reset,
// invitation). The policy is the server's (field errors come back under "newPassword"); the hint
// says it up front.
import { Form, Input } from "antd";
import { useT } from "../i18n";

export function NewPasswordFields({ testIdPrefix }: { testIdPrefix: string }) {
  const t = useT();
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t("accounts.password.new")}
        extra={t("accounts.password.newHint")}
        rules={[{ required: true, message: t("accounts.password.newRequired") }]}
      >
        <Input.Password data-testid={`${testIdPrefix}-new`} autoComplete="new-password" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("accounts.password.confirm")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("accounts.password.confirmRequired") },
          ({ getFieldValue }) => ({
            validator: (_, value?: string) =>
              !value || value === getFieldValue("newPassword")
                ? Promise.resolve()
                : Promise.reject(new Error(t("accounts.password.confirmMismatch"))),
          }),
        ]}
      >
        <Input.Password data-testid={`${testIdPrefix}-confirm`} autoComplete="new-password" maxLength={200} />
      </Form.Item>
    </>
  );
}
