// "Correct the details": an official's full name, e-mail and phone. A pending invitation follows
// a corrected e-mail (the server mails a new link; the old one stops working); for an active
// account the server tells the old address. The server's field errors appear under their fields.
import { Form } from "antd";
import { staff } from "../../api/endpoints";
import type { StaffEdited } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n, useT } from "../../i18n";
import { OfficialFields } from "./OfficialFields";
import type { Official } from "./officials";

interface Values {
  fullName: string;
  email: string;
  phone?: string;
}

const FIELDS = ["fullName", "email", "phone"] as const;

interface Props {
  unitId: string;
  official: Official;
  onClose: () => void;
  onSaved: (result: StaffEdited) => void;
}

export function EditStaffModal({ unitId, official, onClose, onSaved }: Props) {
  const t = useT();
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = (values: Values) =>
    staff.edit(unitId, official.userId, {
      fullName: values.fullName.trim(),
      // An official without an e-mail (e-ID only) keeps none until one is typed.
      ...(values.email?.trim() ? { email: values.email.trim() } : {}),
      phone: values.phone?.trim() || null,
      locale: lang,
    });
  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, save, onSaved);

  return (
    <FormModal
      title={t("accounts.staff.edit.title", { name: official.fullName })}
      form={form}
      onClose={onClose}
      cancelLabel={t("accounts.staff.cancel")}
      submitLabel={t("accounts.staff.edit.submit")}
      submitting={submitting}
      testId="staff-edit-form"
      error={error}
      fields={FIELDS}
      intro={
        <p>
          {official.activated ? t("accounts.staff.edit.introActive") : t("accounts.staff.edit.introInvited")}
        </p>
      }
    >
      <Form<Values>
        form={form}
        name="edit-official"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          fullName: official.fullName,
          email: official.email ?? "",
          phone: official.phone ?? "",
        }}
      >
        <OfficialFields testIdPrefix="staff-edit" emailRequired={Boolean(official.email)} autoFocusName />
      </Form>
    </FormModal>
  );
}
