// The modal a back-office form opens in: Cancel and a submit button that submits the form, not
// closed by a click beside it (work in progress is not lost), the server's problem announced
// above the fields. `testId` names the parts for the browser tests: `<testId>-cancel`,
// `<testId>-submit`, `<testId>-problem`, and the body (`bodyTestId`, else `<testId>`).
import { Button, type FormInstance, Modal } from "antd";
import type { ComponentProps, ReactNode } from "react";
import { ProblemAlert } from "./ProblemAlert";

interface Props {
  title: ReactNode;
  form: FormInstance;
  onClose: () => void;
  cancelLabel: ReactNode;
  submitLabel: ReactNode;
  submitting: boolean;
  /** The submit button is red (a refusal, a withdrawal). */
  danger?: boolean;
  submitDisabled?: boolean;
  width?: number;
  testId: string;
  bodyTestId?: string;
  /** The error of the last submit and the form's field names (ProblemAlert). */
  error: unknown;
  fields: ComponentProps<typeof ProblemAlert>["fields"];
  /** Extra attributes on the body (a command's name for the tests). */
  bodyProps?: Record<`data-${string}`, string>;
  /** Shown above the problem (an introduction). */
  intro?: ReactNode;
  children: ReactNode;
}

export function FormModal(p: Props) {
  return (
    <Modal
      open
      title={p.title}
      onCancel={p.onClose}
      destroyOnHidden
      maskClosable={false}
      width={p.width}
      footer={[
        <Button key="cancel" onClick={p.onClose} data-testid={`${p.testId}-cancel`}>
          {p.cancelLabel}
        </Button>,
        <Button
          key="submit"
          type="primary"
          danger={p.danger}
          onClick={() => p.form.submit()}
          loading={p.submitting}
          disabled={p.submitDisabled}
          data-testid={`${p.testId}-submit`}
        >
          {p.submitLabel}
        </Button>,
      ]}
    >
      <div data-testid={p.bodyTestId ?? p.testId} {...p.bodyProps}>
        {p.intro}
        <div aria-live="polite" data-testid={`${p.testId}-problem`}>
          <ProblemAlert error={p.error} fields={p.fields} />
        </div>
        {p.children}
      </div>
    </Modal>
  );
}
