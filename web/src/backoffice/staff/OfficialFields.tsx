// An official's full name, e-mail and phone: the same fields when an official is added and when
// their details are corrected. `testIdPrefix` names the inputs (`<prefix>-full-name`, …).
import { Form, Input } from "antd";
import { useT } from "../../i18n";

interface Props {
  testIdPrefix: string;
  /** The e-mail can be corrected but not removed (where the invitation and notices go). */
  emailRequired: boolean;
  autoFocusName?: boolean;
}

export function OfficialFields({ testIdPrefix, emailRequired, autoFocusName = false }: Props) {
  const t = useT();
  return (
    <>
      <Form.Item
        name="fullName"
        label={t("accounts.staff.form.fullName")}
        rules={[{ required: true, whitespace: true, message: t("accounts.staff.form.fullNameRequired") }]}
      >
        <Input
          data-testid={`${testIdPrefix}-full-name`}
          autoComplete="off"
          maxLength={200}
          autoFocus={autoFocusName}
        />
      </Form.Item>
      <Form.Item
        name="email"
        label={t("accounts.staff.form.email")}
        rules={[
          { required: emailRequired, whitespace: true, message: t("accounts.staff.form.emailRequired") },
          { type: "email", message: t("accounts.staff.form.emailInvalid") },
        ]}
      >
        <Input data-testid={`${testIdPrefix}-email`} type="email" autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item name="phone" label={t("accounts.staff.form.phone")}>
        <Input data-testid={`${testIdPrefix}-phone`} type="tel" autoComplete="off" maxLength={20} />
      </Form.Item>
    </>
  );
}
