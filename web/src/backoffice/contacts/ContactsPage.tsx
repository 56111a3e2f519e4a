// /admin/lien-he: a unit's contact channels (hotline, e-mail, Zalo, Facebook, address), shown on
// the portal and at the foot of the forms. Unit and system administrators edit (contacts.manage);
// others see them read-only. All blank: the unit shows its parent's channels again.
import { Button, Form, Input, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { units as unitApi } from "../../api/endpoints";
import { Alert } from "../../components/lite/Alert";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useFormSubmit } from "../../components/useFormSubmit";
import { type ContactsBody, contactsApi } from "../../contacts/contactsApi";
import { useT } from "../../i18n";
import { StaffUnitSelect } from "../StaffUnitSelect";
import { useSession } from "../session";
import { staffUnits } from "../staffUnits";

const FIELDS = ["hotline", "email", "zalo", "facebook", "address"] as const;
type Values = Partial<Record<(typeof FIELDS)[number], string>>;

export default function ContactsPage() {
  const t = useT();
  useDocumentTitle(t("contacts.admin.title"));
  const { me } = useSession();
  const unitList = useApiQuery("public-units", (signal) => unitApi.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items), [me, unitList.data]);
  const [unitId, setUnitId] = useState<string | undefined>(me.roles[0]?.unitId);
  const current = useApiQuery(unitId ? `contacts:${unitId}` : null, (signal) =>
    contactsApi.get(unitId!, signal),
  );
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState(false);
  const data = current.data;

  useEffect(() => {
    if (!data) return;
    const c = data.own ?? { hotline: null, email: null, zalo: null, facebook: null, address: null };
    form.setFieldsValue(Object.fromEntries(FIELDS.map((f) => [f, c[f] ?? ""])));
  }, [data, form]);

  const { onFinish, submitting, error } = useFormSubmit(
    form,
    [...FIELDS],
    (values: Values) =>
      contactsApi.save(
        unitId!,
        Object.fromEntries(
          FIELDS.map((f) => [f, values[f]?.trim() ? values[f]!.trim() : null]),
        ) as ContactsBody,
      ),
    () => {
      setSaved(true);
      current.reload();
    },
  );

  return (
    <div data-testid="contacts-page" style={{ maxWidth: 720 }}>
      <h1 className="page-title">{t("contacts.admin.title")}</h1>
      <Typography.Paragraph>{t("contacts.admin.intro")}</Typography.Paragraph>
      <StaffUnitSelect
        value={unitId}
        options={options}
        loading={unitList.loading}
        onChange={(id) => {
          setSaved(false);
          setUnitId(id);
        }}
        testId="contacts-unit"
      />
      <ProblemAlert error={current.error} onRetry={current.reload} />
      {data && (
        <>
          <p data-testid="contacts-state">
            {data.own
              ? t("contacts.admin.own")
              : data.source
                ? t("contacts.admin.inherited", { unit: data.source.name })
                : t("contacts.admin.none")}
          </p>
          {!data.canEdit && <Alert type="info" title={t("contacts.admin.readOnly")} />}
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={onFinish}
            onValuesChange={() => setSaved(false)}
            disabled={!data.canEdit}
            name="contacts"
          >
            <Form.Item
              name="hotline"
              label={t("contacts.field.hotline")}
              extra={t("contacts.admin.hotlineHelp")}
            >
              <Input
                inputMode="tel"
                data-testid="contacts-hotline"
                placeholder={data.effective?.hotline ?? undefined}
              />
            </Form.Item>
            <Form.Item name="email" label={t("contacts.field.email")}>
              <Input
                type="email"
                data-testid="contacts-email"
                placeholder={data.effective?.email ?? undefined}
              />
            </Form.Item>
            <Form.Item name="zalo" label={t("contacts.field.zalo")} extra={t("contacts.admin.zaloHelp")}>
              <Input data-testid="contacts-zalo" placeholder={data.effective?.zalo ?? undefined} />
            </Form.Item>
            <Form.Item
              name="facebook"
              label={t("contacts.field.facebook")}
              extra={t("contacts.admin.facebookHelp")}
            >
              <Input data-testid="contacts-facebook" placeholder={data.effective?.facebook ?? undefined} />
            </Form.Item>
            <Form.Item name="address" label={t("contacts.field.address")}>
              <Input data-testid="contacts-address" placeholder={data.effective?.address ?? undefined} />
            </Form.Item>
            <ProblemAlert error={error} fields={[...FIELDS]} />
            {saved && <Alert type="info" title={t("contacts.admin.saved")} data-testid="contacts-saved" />}
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="contacts-save">
              {t("contacts.admin.save")}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
