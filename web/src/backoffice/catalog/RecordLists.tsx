// The lists of a procedure record: fees, required documents and legal basis (antd Form.List), each
// row with its own labelled fields and a remove button named after the row.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Col, Form, Input, InputNumber, Row } from "antd";
import { DOCUMENT_FORMS } from "../../api/types";
import { LabelledSelect } from "../../components/LabelledSelect";
import { useI18n } from "../../i18n";
import { requiredRule } from "../org/formRules";

type Path = (string | number)[];

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button
      danger
      type="text"
      icon={<DeleteOutlined aria-hidden />}
      aria-label={label}
      title={label}
      onClick={onClick}
      className="list-row__remove"
    />
  );
}

function FeesList({ prefix, testId }: { prefix: Path; testId: string }) {
  const { lang, t } = useI18n();
  return (
    <Form.List name={[...prefix, "fees"]}>
      {(fields, { add, remove }) => (
        <fieldset className="list-editor" data-testid={`${testId}-fees`}>
          <legend className="record-editor__heading">{t("publish.feesHeading")}</legend>
          {fields.length === 0 && <p className="text-secondary">{t("publish.noFees")}</p>}
          {fields.map((field, index) => (
            <Row gutter={12} key={field.key} className="list-row" align="top">
              <Col xs={24} md={9}>
                <Form.Item
                  name={[field.name, "name"]}
                  label={t("publish.feeName", { n: index + 1 })}
                  rules={[requiredRule(t, lang, t("publish.feeNameShort"))]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item name={[field.name, "amountVnd"]} label={t("publish.feeAmount")}>
                  <InputNumber min={0} max={1_000_000_000} step={1000} precision={0} className="full-width" />
                </Form.Item>
              </Col>
              <Col xs={20} md={9}>
                <Form.Item name={[field.name, "note"]} label={t("publish.feeNote")}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={4} md={1}>
                <RemoveButton
                  label={t("publish.removeFee", { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({})}
            data-testid={`${testId}-add-fee`}
          >
            {t("publish.addFee")}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

function DocumentsList({ prefix, testId }: { prefix: Path; testId: string }) {
  const { lang, t } = useI18n();
  return (
    <Form.List name={[...prefix, "documents"]}>
      {(fields, { add, remove }) => (
        <fieldset className="list-editor" data-testid={`${testId}-documents`}>
          <legend className="record-editor__heading">{t("publish.documentsHeading")}</legend>
          {fields.length === 0 && <p className="text-secondary">{t("publish.noDocuments")}</p>}
          {fields.map((field, index) => (
            <Row gutter={12} key={field.key} className="list-row" align="top">
              <Col xs={24} md={23}>
                <Form.Item
                  name={[field.name, "name"]}
                  label={t("publish.docName", { n: index + 1 })}
                  rules={[requiredRule(t, lang, t("publish.docNameShort"))]}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={1}>
                <RemoveButton
                  label={t("publish.removeDocument", { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name={[field.name, "form"]} label={t("publish.docForm")}>
                  <LabelledSelect
                    listLabel={t("publish.docForm")}
                    options={DOCUMENT_FORMS.map((form) => ({
                      value: form,
                      label: t(`catalog.documentForm.${form}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={3}>
                <Form.Item name={[field.name, "count"]} label={t("publish.docCount")}>
                  <InputNumber min={1} max={100} precision={0} className="full-width" />
                </Form.Item>
              </Col>
              <Col xs={24} md={7}>
                <Form.Item name={[field.name, "template"]} label={t("publish.docTemplate")}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={[field.name, "obtainableFrom"]} label={t("publish.docObtainableFrom")}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ form: "original", count: 1 })}
            data-testid={`${testId}-add-document`}
          >
            {t("publish.addDocument")}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

function LegalBasisList({ prefix, testId }: { prefix: Path; testId: string }) {
  const { lang, t } = useI18n();
  return (
    <Form.List name={[...prefix, "legalBasis"]}>
      {(fields, { add, remove }) => (
        <fieldset className="list-editor" data-testid={`${testId}-legal`}>
          <legend className="record-editor__heading">{t("publish.legalHeading")}</legend>
          {fields.length === 0 && <p className="text-secondary">{t("publish.noLegal")}</p>}
          {fields.map((field, index) => (
            <Row gutter={12} key={field.key} className="list-row" align="top">
              <Col xs={20} md={23}>
                <Form.Item
                  name={field.name}
                  label={t("publish.legalItem", { n: index + 1 })}
                  rules={[requiredRule(t, lang, t("publish.legalItemShort"))]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={4} md={1}>
                <RemoveButton
                  label={t("publish.removeLegal", { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add("")}
            data-testid={`${testId}-add-legal`}
          >
            {t("publish.addLegal")}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

export function RecordLists({ prefix, testId }: { prefix: Path; testId: string }) {
  return (
    <>
      <DocumentsList prefix={prefix} testId={testId} />
      <FeesList prefix={prefix} testId={testId} />
      <LegalBasisList prefix={prefix} testId={testId} />
    </>
  );
}
