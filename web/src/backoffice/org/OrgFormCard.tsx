// What every organisation form shares: a small card with its heading and optional hint, the
// server's problem (field errors go to the fields), and a submit that on success confirms,
// clears the form and lets the page reload.
import { App, Card, Form, type FormInstance, Typography } from "antd";
import type { ReactNode } from "react";
import { ProblemAlert } from "../../components/ProblemAlert";
import type { FieldFilter } from "../../components/problem";
import { useFormSubmit } from "../../components/useFormSubmit";

export function useOrgFormSubmit<Values, Result>(
  form: FormInstance<Values>,
  fields: FieldFilter,
  action: (values: Values) => Promise<Result>,
  successMessage: string,
  onDone: () => void,
) {
  const { message } = App.useApp();
  return useFormSubmit(form, fields, action, () => {
    message.success(successMessage);
    form.resetFields();
    onDone();
  });
}

interface Props<Values> {
  title: string;
  hint?: string;
  error: unknown;
  fields: FieldFilter;
  form: FormInstance<Values>;
  name: string;
  onFinish: (values: Values) => void;
  initialValues?: Partial<Values>;
  children: ReactNode;
}

export function OrgFormCard<Values>({
  title,
  hint,
  error,
  fields,
  form,
  name,
  onFinish,
  initialValues,
  children,
}: Props<Values>) {
  return (
    <Card size="small" className="section-card" title={<h3 className="card-heading">{title}</h3>}>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <ProblemAlert error={error} fields={fields} />
      <Form form={form} name={name} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        {children}
      </Form>
    </Card>
  );
}
