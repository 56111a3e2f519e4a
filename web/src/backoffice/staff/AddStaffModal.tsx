// "Add an official": a new staff account with one role at the unit; the server mails the
// invitation to set a password. The server's field errors (a user name or e-mail already taken,
// a malformed one) appear under their fields.
import { Form, Input } from "antd";
import { staff } from "../../api/endpoints";
import type { NewStaffAccount, RoleName } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { LabelledSelect } from "../../components/LabelledSelect";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useT } from "../../i18n";
import { OfficialFields } from "./OfficialFields";

interface Values {
  username: string;
  fullName: string;
  email: string;
  phone?: string;
  role: RoleName;
}

const FIELDS = ["username", "fullName", "email", "phone", "role"] as const;

interface Props {
  unitId: string;
  roles: readonly RoleName[];
  onClose: () => void;
  onCreated: (account: NewStaffAccount) => void;
}

export function AddStaffModal({ unitId, roles, onClose, onCreated }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = (values: Values) =>
    staff.create(unitId, {
      username: values.username.trim(),
      fullName: values.fullName.trim(),
      email: values.email.trim(),
      phone: values.phone?.trim() || null,
      role: values.role,
    });
  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, create, onCreated);

  return (
    <FormModal
      title={t("accounts.staff.form.title")}
      form={form}
      onClose={onClose}
      cancelLabel={t("accounts.staff.cancel")}
      submitLabel={t("accounts.staff.form.submit")}
      submitting={submitting}
      testId="staff-form"
      error={error}
      fields={FIELDS}
      intro={<p>{t("accounts.staff.form.intro")}</p>}
    >
      <Form<Values>
        form={form}
        name="add-official"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ role: roles[0] }}
      >
        <Form.Item
          name="username"
          label={t("accounts.staff.form.username")}
          extra={t("accounts.staff.form.usernameHint")}
          rules={[{ required: true, whitespace: true, message: t("accounts.staff.form.usernameRequired") }]}
        >
          <Input
            data-testid="staff-form-username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={100}
            autoFocus
          />
        </Form.Item>
        <OfficialFields testIdPrefix="staff-form" emailRequired />
        <Form.Item
          name="role"
          label={t("accounts.staff.form.role")}
          rules={[{ required: true, message: t("accounts.staff.form.roleRequired") }]}
        >
          <LabelledSelect<RoleName>
            listLabel={t("accounts.staff.form.role")}
            data-testid="staff-form-role"
            placeholder={t("accounts.staff.form.rolePlaceholder")}
            options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
