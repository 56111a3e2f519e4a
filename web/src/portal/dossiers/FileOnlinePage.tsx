// /nop-truc-tuyen/:code: a signed-in citizen files a dossier online (POST /api/portal/dossiers) —
// the procedure's summary, the unit to file with, the applicant prefilled from their profile, the
// document checklist and how to receive the result. Afterwards: "submitted, awaiting reception".
import { SendOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Radio, Spin } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { catalog, dossiers } from "../../api/endpoints";
import {
  type Dossier,
  type Me,
  type ProcedureDetail,
  RESULT_DELIVERIES,
  type ResultDelivery,
} from "../../api/types";
import { ApplicantFields } from "../../components/ApplicantFields";
import {
  type ApplicantValues,
  applicantInput,
  type ChecklistValues,
  checklistInput,
} from "../../components/applicant";
import { ChecklistFields } from "../../components/ChecklistFields";
import { PROCEDURE_CODE } from "../../components/catalogFormat";
import { StateTag } from "../../components/DossierTags";
import { useIdempotencyKey } from "../../components/idempotency";
import { LabelledSelect } from "../../components/LabelledSelect";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { ProcedureFacts } from "../../components/ProcedureFacts";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { citizenOf, usePortalSession } from "../portalSession";
import "./portalDossiers.css";
import { SignInPrompt } from "./SignInPrompt";

interface OnlineValues {
  unitId?: string;
  applicant?: ApplicantValues;
  documents?: ChecklistValues[];
  resultDelivery?: ResultDelivery;
  subject?: string;
  note?: string;
}

const isFormField = (field: string) =>
  ["unitId", "procedureCode", "resultDelivery", "subject", "note", "channel", "handlingUnitId"].includes(
    field,
  ) ||
  field.startsWith("applicant.") ||
  field.startsWith("documents.");

function FilingForm({
  detail,
  me,
  onFiled,
}: {
  detail: ProcedureDetail;
  me: Me;
  onFiled: (dossier: Dossier) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<OnlineValues>();
  const key = useIdempotencyKey();
  const p = detail.procedure;

  const file = (values: OnlineValues) => {
    const subject = values.subject?.trim();
    const note = values.note?.trim();
    return dossiers.fileOnline(
      {
        unitId: values.unitId ?? "",
        procedureCode: p.code,
        channel: p.channels.online === "fully" ? "online_full" : "online_partial",
        applicant: applicantInput(values.applicant),
        documents: checklistInput(p.documents, values.documents),
        resultDelivery: values.resultDelivery ?? "online",
        ...(subject ? { subject } : {}),
        ...(note ? { note } : {}),
      },
      key.current(),
    );
  };
  const { onFinish, submitting, error } = useFormSubmit(form, isFormField, file, (dossier) => {
    key.reset();
    onFiled(dossier);
  });

  return (
    <Form<OnlineValues>
      form={form}
      name="online"
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={() => key.reset()}
      initialValues={{
        unitId: detail.units.length === 1 ? detail.units[0]!.id : undefined,
        applicant: { kind: "person", name: me.user.fullName, email: me.user.email ?? undefined },
        documents: p.documents.map((d) => ({ name: d.name, form: d.form, count: d.count, provided: true })),
        resultDelivery: "online",
      }}
      data-testid="online-form"
    >
      <div aria-live="polite" data-testid="online-problem">
        <ProblemAlert error={error} fields={isFormField} />
      </div>
      <Form.Item
        name="unitId"
        label={t("fileOnline.unit")}
        extra={t("fileOnline.unitHint")}
        rules={[{ required: true, message: t("fileOnline.unitRequired") }]}
      >
        <LabelledSelect<string>
          listLabel={t("fileOnline.unit")}
          data-testid="online-unit"
          placeholder={t("fileOnline.unitPlaceholder")}
          options={detail.units.map((unit) => ({ value: unit.id, label: unit.name }))}
          showSearch={{ optionFilterProp: "label" }}
        />
      </Form.Item>
      <ApplicantFields testId="online" />
      <ChecklistFields testId="online" />
      <Form.Item name="resultDelivery" label={t("desk.resultDelivery")}>
        <Radio.Group
          name="online-result-delivery"
          options={RESULT_DELIVERIES.map((value) => ({ value, label: t(`dossier.resultDelivery.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="subject" label={t("desk.subject")}>
        <Input maxLength={1000} />
      </Form.Item>
      <Form.Item name="note" label={t("fileOnline.note")}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Button
        type="primary"
        size="large"
        htmlType="submit"
        icon={<SendOutlined aria-hidden />}
        loading={submitting}
        data-testid="online-submit"
      >
        {t("fileOnline.submit")}
      </Button>
    </Form>
  );
}

function Filed({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  return (
    <Panel title={t("fileOnline.doneHeading")} className="file-online-done">
      <div role="status" data-testid="online-done" data-dossier-id={dossier.id}>
        <p>
          <StateTag state={dossier.state} label={dossier.stateLabel} />
        </p>
        <p>{t("fileOnline.doneText", { procedure: dossier.procedure.name, unit: dossier.unit.name })}</p>
        <p>{t("fileOnline.doneNext")}</p>
      </div>
      <p>
        <Link to="/ho-so-cua-toi" data-testid="online-my-dossiers">
          {t("fileOnline.myDossiers")}
        </Link>
      </p>
    </Panel>
  );
}

export default function FileOnlinePage() {
  const { t } = useI18n();
  const code = useParams().code ?? "";
  const validCode = PROCEDURE_CODE.test(code);
  const { session } = usePortalSession();
  const citizen = citizenOf(session);
  const detail = useApiQuery(validCode ? `procedure:${code}` : null, (signal) =>
    catalog.procedure(code, undefined, signal),
  );
  const [filed, setFiled] = useState<Dossier | null>(null);
  const p = detail.data?.procedure;
  useDocumentTitle(p ? t("fileOnline.titleWith", { name: p.name }) : t("fileOnline.title"));
  useEffect(() => setFiled(null), [code]);
  const missing =
    !validCode || (detail.error instanceof ApiError && [400, 404].includes(detail.error.status));
  const online = p && !detail.data?.abolished && p.channels.online !== "none";

  return (
    <>
      <h1 className="page-title">
        {p ? t("fileOnline.headingWith", { name: p.name }) : t("fileOnline.title")}
      </h1>
      {missing ? (
        <div className="not-found" data-testid="procedure-not-found">
          <p>{t("procedure.notFoundText", { code })}</p>
          <Link to="/thu-tuc">{t("procedure.backToList")}</Link>
        </div>
      ) : session.status === "loading" || (!detail.data && detail.loading) ? (
        <div className="page-spin" role="status">
          <Spin description={t("app.loading")} />
        </div>
      ) : !citizen ? (
        <SignInPrompt staff={session.status === "signedIn"} />
      ) : filed ? (
        <Filed dossier={filed} />
      ) : (
        <>
          <ProblemAlert error={detail.error} onRetry={detail.reload} />
          {p && detail.data && (
            <>
              <Panel title={t("fileOnline.procedureHeading")}>
                <ProcedureFacts procedure={p} testId="online-facts" />
                <p className="text-secondary">
                  <Link to={`/thu-tuc/${p.code}`}>{t("fileOnline.procedureLink")}</Link>
                </p>
              </Panel>
              {online ? (
                <Panel title={t("fileOnline.formHeading")}>
                  <p>{t("fileOnline.intro")}</p>
                  <FilingForm detail={detail.data} me={citizen} onFiled={setFiled} />
                </Panel>
              ) : (
                <Alert
                  type="warning"
                  showIcon
                  title={t("fileOnline.notOnline")}
                  data-testid="online-unavailable"
                />
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
