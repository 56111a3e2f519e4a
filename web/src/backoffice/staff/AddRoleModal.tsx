// "Add a role" to an official of the unit (POST /api/org/units/:id/roles), among the roles the
// administrator may give that the official does not hold here yet.
import { Form } from "antd";
import { staff } from "../../api/endpoints";
import type { RoleName } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { LabelledSelect } from "../../components/LabelledSelect";
import { Alert } from "../../components/lite/Alert";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useT } from "../../i18n";
import type { Official } from "./officials";

interface Values {
  role: RoleName;
}

const FIELDS = ["role"] as const;

interface Props {
  unitId: string;
  official: Official;
  roles: readonly RoleName[];
  onClose: () => void;
  onAdded: (role: RoleName) => void;
}

export function AddRoleModal({ unitId, official, roles, onClose, onAdded }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const held = new Set(official.grants.map((grant) => grant.role));
  const offered = roles.filter((role) => !held.has(role));
  const { onFinish, submitting, error } = useFormSubmit(
    form,
    FIELDS,
    (values: Values) => staff.grantRole(unitId, { userId: official.userId, role: values.role }),
    (_grant, values) => onAdded(values.role),
  );
  const title = t("accounts.staff.addRoleTitle", { name: official.fullName });

  return (
    <FormModal
      title={title}
      form={form}
      onClose={onClose}
      cancelLabel={t("accounts.staff.cancel")}
      submitLabel={t("accounts.staff.addRoleSubmit")}
      submitting={submitting}
      submitDisabled={offered.length === 0}
      testId="staff-role"
      bodyTestId="staff-role-form"
      error={error}
      fields={FIELDS}
    >
      {offered.length === 0 ? (
        <Alert type="info" title={t("accounts.staff.noRoleLeft")} />
      ) : (
        <Form<Values>
          form={form}
          name="add-role"
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ role: offered[0] }}
        >
          <Form.Item
            name="role"
            label={t("accounts.staff.form.role")}
            rules={[{ required: true, message: t("accounts.staff.form.roleRequired") }]}
          >
            <LabelledSelect<RoleName>
              listLabel={t("accounts.staff.form.role")}
              data-testid="staff-role-select"
              options={offered.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              autoFocus
            />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}
