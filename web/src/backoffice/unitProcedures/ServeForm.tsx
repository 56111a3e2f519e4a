// The local details of a procedure being added to a unit: reception address and notes, both
// optional. PUT /api/org/units/:id/procedures/:code; a procedure abolished or not in force comes
// back as a 409 problem, shown in the alert.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, Space } from "antd";
import { catalog } from "../../api/endpoints";
import type { ProcedureSummary, UnitProcedure } from "../../api/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useT } from "../../i18n";
import { optional } from "../org/formRules";

interface Values {
  receptionAddress?: string;
  localNotes?: string;
}

const FIELDS = ["receptionAddress", "localNotes"] as const;

interface Props {
  unitId: string;
  procedure: ProcedureSummary;
  onAdded: (result: UnitProcedure) => void;
  onCancel: () => void;
}

export function ServeForm({ unitId, procedure, onAdded, onCancel }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const serve = (values: Values) => {
    const receptionAddress = optional(values.receptionAddress);
    const localNotes = optional(values.localNotes);
    return catalog.serve(unitId, procedure.code, {
      ...(receptionAddress ? { receptionAddress } : {}),
      ...(localNotes ? { localNotes } : {}),
    });
  };
  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, serve, (result) => onAdded(result));

  return (
    <Card
      size="small"
      className="section-card serve-form"
      data-testid="serve-form"
      title={
        <h3 className="card-heading">
          {t("unitProcedures.formHeading", { code: procedure.code, name: procedure.name })}
        </h3>
      }
    >
      <div aria-live="polite" data-testid="serve-problem">
        <ProblemAlert error={error} fields={FIELDS} />
      </div>
      <Form<Values> form={form} name="serve" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="receptionAddress"
          label={t("unitProcedures.receptionAddress")}
          extra={t("unitProcedures.receptionAddressHint")}
        >
          <Input maxLength={500} autoFocus data-testid="serve-reception-address" />
        </Form.Item>
        <Form.Item
          name="localNotes"
          label={t("unitProcedures.localNotes")}
          extra={t("unitProcedures.localNotesHint")}
        >
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 2, maxRows: 8 }} data-testid="serve-notes" />
        </Form.Item>
        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            icon={<PlusOutlined aria-hidden />}
            loading={submitting}
            data-testid="serve-submit"
          >
            {t("unitProcedures.submit")}
          </Button>
          <Button onClick={onCancel} data-testid="serve-cancel">
            {t("unitProcedures.cancel")}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
