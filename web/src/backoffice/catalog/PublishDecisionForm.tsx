// "Publish a decision": the decision (number, dates, issuing unit) and its changes. Field problems
// from the server ("decision.number", "changes.0.record.documents.2.name") appear under their
// fields; the rest are listed in the alert above the submit button.
import { PlusOutlined, SendOutlined } from "@ant-design/icons";
import { App, Button, type ButtonProps, Col, Form, Input, Popconfirm, Row, Typography } from "antd";
import { useEffect, useId, useMemo, useState } from "react";
import { catalog, units } from "../../api/endpoints";
import type { PublishedDecision } from "../../api/types";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { fieldProblems, toNamePath } from "../../components/problem";
import { foldText, todayIso } from "../../components/unitTree";
import { useApiQuery } from "../../components/useApiQuery";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { requiredRule } from "../org/formRules";
import { useSession } from "../session";
import { ChangeCard } from "./ChangeCard";
import { defaultIssuer, issuerUnits } from "./issuerUnits";
import { PublishResult } from "./PublishResult";
import {
  type ChangeValues,
  changedCodes,
  emptyChange,
  isFormField,
  type PublishValues,
  toBody,
} from "./publishValues";

function DecisionFields() {
  const { lang, t } = useI18n();
  const { me } = useSession();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const issuers = useMemo(() => issuerUnits(me, unitList.data?.items), [me, unitList.data]);
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name={["decision", "number"]}
          label={t("publish.number")}
          rules={[requiredRule(t, lang, t("publish.number"))]}
        >
          <Input data-testid="decision-number" placeholder="123/QĐ-UBND" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name={["decision", "title"]} label={t("publish.title")}>
          <Input data-testid="decision-title" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={["decision", "signedOn"]}
          label={t("publish.signedOn")}
          rules={[requiredRule(t, lang, t("publish.signedOn"))]}
        >
          <Input type="date" data-testid="decision-signed-on" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={["decision", "effectiveFrom"]}
          label={t("publish.effectiveFrom")}
          dependencies={[["decision", "signedOn"]]}
          rules={[
            requiredRule(t, lang, t("publish.effectiveFrom")),
            ({ getFieldValue }) => ({
              validator: (_, value?: string) => {
                const signedOn: string | undefined = getFieldValue(["decision", "signedOn"]);
                return !value || !signedOn || value >= signedOn
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("publish.effectiveBeforeSigned")));
              },
            }),
          ]}
        >
          <Input type="date" data-testid="decision-effective-from" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={["decision", "issuerUnitId"]}
          label={t("publish.issuer")}
          rules={[{ required: true, message: t("publish.issuerRequired") }]}
        >
          <LabelledSelect<string>
            listLabel={t("publish.issuer")}
            data-testid="decision-issuer"
            placeholder={t("publish.issuerPlaceholder")}
            options={issuers}
            loading={unitList.loading}
            showSearch={{
              filterOption: (input, option) =>
                foldText(String(option?.label ?? "")).includes(foldText(input)),
            }}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function PublishDecisionForm({ onPublished }: { onPublished: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishValues>();
  const sectorListId = useId();
  const sectors = useApiQuery("catalog-sectors", (signal) => catalog.sectors(signal));
  const [published, setPublished] = useState<{
    result: PublishedDecision;
    codes: ReturnType<typeof changedCodes>;
  } | null>(null);

  const { onFinish, submitting, error, clearError } = useFormSubmit(
    form,
    isFormField,
    (values: PublishValues) => catalog.publish(toBody(values)),
    (result, values) => {
      setPublished({ result, codes: changedCodes(values) });
      message.success(t("publish.success", { number: result.number }));
      onPublished();
    },
  );

  // "Publish another decision" starts from a blank form (the form store outlives the result view).
  useEffect(() => {
    if (!published) form.resetFields();
  }, [published, form]);

  // Bring the first field the server objected to into view (the form can be long).
  useEffect(() => {
    const first = fieldProblems(error).find((problem) => isFormField(problem.field));
    if (first) form.scrollToField(toNamePath(first.field), { block: "center" });
  }, [error, form]);

  const initialValues: PublishValues = {
    decision: { signedOn: todayIso(), effectiveFrom: todayIso(), issuerUnitId: defaultIssuer(me) },
    changes: [emptyChange()],
  };

  if (published) {
    return (
      <PublishResult
        result={published.result}
        codes={published.codes}
        onAnother={() => {
          setPublished(null);
          clearError();
        }}
      />
    );
  }

  return (
    <Form<PublishValues>
      form={form}
      name="publish"
      layout="vertical"
      onFinish={onFinish}
      initialValues={initialValues}
      scrollToFirstError={{ block: "center" }}
      data-testid="publish-form"
    >
      <Typography.Paragraph type="secondary">{t("publish.intro")}</Typography.Paragraph>
      <h3 className="card-heading form-section-heading">{t("publish.decisionHeading")}</h3>
      <DecisionFields />

      <h3 className="card-heading form-section-heading">{t("publish.changesHeading")}</h3>
      <datalist id={sectorListId}>
        {sectors.data?.items.map((item) => (
          <option key={item.sector} value={item.sector} />
        ))}
      </datalist>
      <Form.List name="changes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <ChangeCard
                key={field.key}
                name={field.name}
                index={index}
                sectorListId={sectorListId}
                onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
              />
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add(emptyChange() satisfies ChangeValues)}
              data-testid="publish-add-change"
              className="publish-add-change"
            >
              {t("publish.addChange")}
            </Button>
          </>
        )}
      </Form.List>

      <div aria-live="polite">
        <ProblemAlert error={error} fields={isFormField} />
      </div>
      <Popconfirm
        title={t("publish.confirm")}
        okText={t("publish.confirmOk")}
        cancelText={t("orgForms.abolishCancel")}
        okButtonProps={{ "data-testid": "publish-confirm" } as ButtonProps}
        onConfirm={() => form.submit()}
      >
        <Button
          type="primary"
          icon={<SendOutlined aria-hidden />}
          loading={submitting}
          data-testid="publish-submit"
        >
          {t("publish.submit")}
        </Button>
      </Popconfirm>
    </Form>
  );
}
