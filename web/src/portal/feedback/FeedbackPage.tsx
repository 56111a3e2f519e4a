// /phan-anh (?procedure=CODE, ?unit=CODE, ?desk=ID from other pages): send feedback or a
// suggestion without signing in (a signed-in citizen is linked by the server): the kind, the
// unit, the text, up to five photos, an optional map point, optional contact details and the
// consent to publish. The server routes it and answers with the code; the photos follow, each as
// its own request with the token of the submission. Field errors land next to their fields.
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select } from "antd";
import { type ChangeEvent, useEffect, useId, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { units as unitsApi } from "../../api/endpoints";
import { formatVnDateTime } from "../../components/dossierFormat";
import { newIdempotencyKey, useIdempotencyKey } from "../../components/idempotency";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors, problemText } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  PHOTO_TYPES,
  photoProblems,
  publicFeedback,
  type SubmitBody,
  type Submitted,
  serviceName,
} from "../../feedback/feedbackApi";
import { useI18n } from "../../i18n";
import { citizenOf, usePortalSession } from "../portalSession";
import "./feedback.css";

type Fields = {
  serviceCode: string;
  unit?: string;
  description: string;
  lat?: number | null;
  long?: number | null;
  fullName?: string;
  phone?: string;
  email?: string;
  consentPublish?: boolean;
};
const FORM_FIELDS = [
  "serviceCode",
  "unit",
  "description",
  "lat",
  "long",
  "fullName",
  "phone",
  "email",
  "consentPublish",
];

type Sent = { item: Submitted; photos: number; failures: { name: string; reason: string }[] };

function Confirmation({ sent, onAnother }: { sent: Sent; onAnother: () => void }) {
  const { t } = useI18n();
  const { item } = sent;
  return (
    <Panel title={t("feedback.done.title")}>
      <p>{t("feedback.done.code")}</p>
      <p className="fb-code" data-testid="fb-code">
        {item.code}
      </p>
      <p>{t("feedback.done.keep")}</p>
      <p>{t("feedback.done.unit", { unit: item.unit.name })}</p>
      <p>{t("feedback.done.due", { at: formatVnDateTime(item.dueAt) })}</p>
      {sent.photos > 0 && (
        <p data-testid="fb-photos-sent">{t("feedback.done.photosSent", { n: sent.photos })}</p>
      )}
      {sent.failures.map((f) => (
        <p key={f.name} role="alert">
          {t("feedback.done.photoFailed", f)}
        </p>
      ))}
      <p className="fb-actions">
        <Link to={`/phan-anh/${item.code}`} data-testid="fb-status-link">
          {t("feedback.done.status")}
        </Link>
        <Button onClick={onAnother}>{t("feedback.done.another")}</Button>
      </p>
    </Panel>
  );
}

function LookupBox() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Panel title={t("feedback.send.lookupTitle")}>
      <Form
        layout="inline"
        onFinish={(v: { code: string }) =>
          navigate(`/phan-anh/${encodeURIComponent(v.code.trim().toUpperCase())}`)
        }
      >
        <Form.Item
          name="code"
          label={t("feedback.send.lookupCode")}
          rules={[{ required: true, whitespace: true, message: t("feedback.send.required") }]}
        >
          <Input placeholder={t("feedback.send.lookupPlaceholder")} data-testid="fb-lookup-code" />
        </Form.Item>
        <Button htmlType="submit">{t("feedback.send.lookupSubmit")}</Button>
      </Form>
      <p>
        <Link to="/phan-anh/cong-khai">{t("feedback.send.publishedLink")}</Link>
      </p>
    </Panel>
  );
}

export default function FeedbackPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t("feedback.send.title"));
  const [params] = useSearchParams();
  const procedure = params.get("procedure") ?? undefined;
  const desk = params.get("desk") ?? undefined;
  const citizen = citizenOf(usePortalSession().session);
  const services = useApiQuery("fb-services", (signal) => publicFeedback.services(signal));
  const units = useApiQuery("fb-units", (signal) => unitsApi.list(false, signal));
  const [form] = Form.useForm<Fields>();
  const key = useIdempotencyKey();
  const [photos, setPhotos] = useState<File[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent>();
  const photoId = useId();
  const photoHelpId = useId();
  const photoErrors = useMemo(() => photoProblems(photos).map((p) => t(p.key, p.params)), [photos, t]);

  useEffect(() => {
    if (error) applyFieldErrors(form, error, lang, FORM_FIELDS, true);
  }, [lang, error, form]);
  useEffect(() => {
    if (!citizen || form.getFieldValue("fullName")) return;
    form.setFieldsValue({ fullName: citizen.user.fullName, email: citizen.user.email ?? undefined });
  }, [citizen, form]);

  const unitOptions = useMemo(
    () =>
      (units.data?.items ?? [])
        .filter((u) => u.validTo === null)
        .map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })),
    [units.data],
  );

  const pickPhotos = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = [...(e.target.files ?? [])];
    e.target.value = "";
    setPhotos((old) => [
      ...old,
      ...picked.filter((f) => !old.some((o) => o.name === f.name && o.size === f.size)),
    ]);
  };

  const submit = async (v: Fields) => {
    if (photoErrors.length > 0) return;
    setBusy(true);
    setError(null);
    const body: SubmitBody = {
      serviceCode: v.serviceCode,
      description: v.description,
      consentPublish: v.consentPublish === true,
      locale: lang,
      ...(v.unit ? { unit: v.unit } : {}),
      ...(procedure ? { procedureCode: procedure } : {}),
      ...(desk ? { deskId: desk } : {}),
      ...(typeof v.lat === "number" && typeof v.long === "number" ? { lat: v.lat, long: v.long } : {}),
      ...(v.fullName?.trim() ? { fullName: v.fullName.trim() } : {}),
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      ...(v.email?.trim() ? { email: v.email.trim() } : {}),
    };
    try {
      const item = await publicFeedback.submit(body, key.current());
      key.reset();
      // The item exists now: each photo is its own request; a refused one does not undo the rest.
      let count = 0;
      const failures: Sent["failures"] = [];
      for (const file of photos) {
        try {
          await publicFeedback.addPhoto(item, file, newIdempotencyKey());
          count++;
        } catch (err) {
          failures.push({ name: file.name, reason: problemText(err, lang, t) });
        }
      }
      setSent({ item, photos: count, failures });
      window.scrollTo(0, 0);
    } catch (err) {
      setError(err);
      applyFieldErrors(form, err, lang, FORM_FIELDS);
    } finally {
      setBusy(false);
    }
  };

  if (sent)
    return (
      <div className="fb-page" data-testid="fb-send-page">
        <h1 className="page-title">{t("feedback.send.title")}</h1>
        <Confirmation
          sent={sent}
          onAnother={() => {
            setSent(undefined);
            setPhotos([]);
            form.resetFields(["description", "lat", "long", "consentPublish"]);
          }}
        />
      </div>
    );

  return (
    <div className="fb-page" data-testid="fb-send-page">
      <h1 className="page-title">{t("feedback.send.title")}</h1>
      <p>{t("feedback.send.intro")}</p>
      {citizen && <p data-testid="fb-signed-in">{t("feedback.send.signedIn")}</p>}
      <ProblemAlert error={services.error ?? units.error} onRetry={services.reload} />
      <Panel title={t("feedback.send.title")}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          requiredMark
          className="fb-form"
          initialValues={{ unit: params.get("unit") ?? undefined, consentPublish: false }}
          data-testid="fb-form"
        >
          <Form.Item
            name="serviceCode"
            label={t("feedback.send.kind")}
            rules={[{ required: true, message: t("feedback.send.required") }]}
          >
            <Radio.Group
              className="fb-kinds"
              data-testid="fb-kinds"
              options={(services.data?.items ?? []).map((s) => ({
                value: s.code,
                label: (
                  <span>
                    {serviceName(s, lang)}
                    <span className="fb-kind__hint">
                      {lang === "en" ? s.descriptionEn : s.descriptionVi} ·{" "}
                      {t("feedback.send.answerDays", { n: s.answerDays })}
                    </span>
                  </span>
                ),
              }))}
            />
          </Form.Item>
          {procedure && <p data-testid="fb-procedure">{t("feedback.send.procedure", { code: procedure })}</p>}
          {desk && <p>{t("feedback.send.desk")}</p>}
          <Form.Item name="unit" label={t("feedback.send.unit")} extra={t("feedback.send.unitHelp")}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              allowClear
              placeholder={t("feedback.send.unitPlaceholder")}
              loading={units.loading}
              options={unitOptions}
              data-testid="fb-unit"
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t("feedback.send.description")}
            extra={t("feedback.send.descriptionHelp")}
            rules={[{ required: true, whitespace: true, message: t("feedback.send.required") }]}
          >
            <Input.TextArea rows={5} maxLength={5000} showCount data-testid="fb-description" />
          </Form.Item>
          <Form.Item
            label={t("feedback.send.photos")}
            htmlFor={photoId}
            validateStatus={photoErrors.length > 0 ? "error" : undefined}
            help={
              photoErrors.length > 0 ? (
                <span data-testid="fb-photo-errors">
                  {photoErrors.map((m) => (
                    <span key={m} style={{ display: "block" }}>
                      {m}
                    </span>
                  ))}
                </span>
              ) : undefined
            }
            extra={
              <span id={photoHelpId}>
                {t("feedback.send.photosHelp", { n: MAX_PHOTOS, mb: MAX_PHOTO_BYTES / 1_048_576 })}
              </span>
            }
          >
            <input
              id={photoId}
              type="file"
              multiple
              accept={PHOTO_TYPES.join(",")}
              aria-describedby={photoHelpId}
              onChange={pickPhotos}
              className="fb-file"
              data-testid="fb-photos"
            />
            {photos.length > 0 && (
              <ul className="fb-photos" data-testid="fb-photo-list">
                {photos.map((f) => (
                  <li key={`${f.name}:${f.size}`}>
                    <span>
                      {t("feedback.send.photoFile", {
                        name: f.name,
                        kb: Math.max(1, Math.round(f.size / 1024)),
                      })}
                    </span>
                    <Button
                      size="small"
                      aria-label={t("feedback.send.photoRemove", { name: f.name })}
                      onClick={() => setPhotos((old) => old.filter((o) => o !== f))}
                    >
                      ×
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </Form.Item>
          <fieldset className="fb-fieldset">
            <legend>{t("feedback.send.place")}</legend>
            <p className="text-secondary">{t("feedback.send.placeHelp")}</p>
            <div className="fb-point">
              <Form.Item
                name="lat"
                label={t("feedback.send.lat")}
                dependencies={["long"]}
                rules={[
                  { type: "number", min: -90, max: 90, message: t("feedback.send.latRange") },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      (value ?? null) === null && (getFieldValue("long") ?? null) !== null
                        ? Promise.reject(new Error(t("feedback.send.pointPair")))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <InputNumber step={0.0001} inputMode="decimal" data-testid="fb-lat" />
              </Form.Item>
              <Form.Item
                name="long"
                label={t("feedback.send.long")}
                dependencies={["lat"]}
                rules={[
                  { type: "number", min: -180, max: 180, message: t("feedback.send.longRange") },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      (value ?? null) === null && (getFieldValue("lat") ?? null) !== null
                        ? Promise.reject(new Error(t("feedback.send.pointPair")))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <InputNumber step={0.0001} inputMode="decimal" data-testid="fb-long" />
              </Form.Item>
            </div>
          </fieldset>
          <fieldset className="fb-fieldset">
            <legend>{t("feedback.send.contact")}</legend>
            <p className="text-secondary">{t("feedback.send.contactHelp")}</p>
            <Form.Item name="fullName" label={t("feedback.send.fullName")}>
              <Input autoComplete="name" maxLength={200} data-testid="fb-name" />
            </Form.Item>
            <Form.Item name="phone" label={t("feedback.send.phone")}>
              <Input inputMode="tel" autoComplete="tel" maxLength={30} data-testid="fb-phone" />
            </Form.Item>
            <Form.Item name="email" label={t("feedback.send.email")}>
              <Input type="email" autoComplete="email" maxLength={254} data-testid="fb-email" />
            </Form.Item>
          </fieldset>
          <Form.Item name="consentPublish" valuePropName="checked" extra={t("feedback.send.consentHelp")}>
            <Checkbox data-testid="fb-consent">{t("feedback.send.consent")}</Checkbox>
          </Form.Item>
          <ProblemAlert error={error} fields={FORM_FIELDS} />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="fb-submit">
            {t("feedback.send.submit")}
          </Button>
        </Form>
      </Panel>
      <LookupBox />
    </div>
  );
}
