// The applicant's details in a dossier form (desk and online filing), under `applicant.*` so the
// server's field errors ("applicant.phone") land under the right field.
import { Col, Form, Input, Radio, Row } from "antd";
import { useI18n } from "../i18n";

export function ApplicantFields({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <fieldset className="checklist-editor" data-testid={`${testId}-applicant`}>
      <legend>{t("dossier.applicantHeading")}</legend>
      <Form.Item name={["applicant", "kind"]} label={t("dossier.applicantKind")}>
        <Radio.Group
          name={`${testId}-applicant-kind`}
          options={[
            { value: "person", label: t("dossier.kind.person") },
            { value: "organisation", label: t("dossier.kind.organisation") },
          ]}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={["applicant", "name"]}
            label={t("dossier.applicantName")}
            rules={[{ required: true, whitespace: true, message: t("dossier.applicantNameRequired") }]}
          >
            <Input maxLength={200} autoComplete="off" data-testid={`${testId}-applicant-name`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={["applicant", "idNumber"]}
            label={t("dossier.idNumber")}
            rules={[{ pattern: /^(\d{9}|\d{12})$/, message: t("dossier.idNumberFormat") }]}
          >
            <Input
              inputMode="numeric"
              maxLength={12}
              autoComplete="off"
              data-testid={`${testId}-applicant-id`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={["applicant", "birthDate"]} label={t("dossier.birthDate")}>
            <Input type="date" data-testid={`${testId}-applicant-birth`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={["applicant", "phone"]}
            label={t("dossier.phone")}
            rules={[{ pattern: /^0\d{9}$/, message: t("dossier.phoneFormat") }]}
          >
            <Input type="tel" inputMode="tel" maxLength={10} data-testid={`${testId}-applicant-phone`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={["applicant", "email"]}
            label={t("dossier.email")}
            rules={[{ type: "email", message: t("dossier.emailFormat") }]}
          >
            <Input type="email" maxLength={200} data-testid={`${testId}-applicant-email`} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name={["applicant", "address"]} label={t("dossier.address")}>
            <Input maxLength={500} data-testid={`${testId}-applicant-address`} />
          </Form.Item>
        </Col>
      </Row>
    </fieldset>
  );
}
