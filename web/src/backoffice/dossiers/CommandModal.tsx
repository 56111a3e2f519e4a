// One lifecycle command on a dossier (POST /api/dossiers/:id/commands), in a modal that asks for
// exactly what the command needs: a written reason, the items to supplement, the agency to
// transfer to, the new due date, how the result is returned, or just an optional note. Sends the
// version the reader saw; a 409 "stale" goes back to the page, which reloads.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, Radio } from "antd";
import { ApiError } from "../../api/client";
import { dossiers } from "../../api/endpoints";
import {
  type CommandBody,
  type Dossier,
  type DossierCommand,
  RETURN_METHODS,
  type ReturnMethod,
} from "../../api/types";
import { vietnamLocalToIso } from "../../components/dossierFormat";
import { FormModal } from "../../components/FormModal";
import { useIdempotencyKey } from "../../components/idempotency";
import { LabelledSelect } from "../../components/LabelledSelect";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useI18n } from "../../i18n";
import { optional } from "../org/formRules";

interface CommandValues {
  reason?: string;
  note?: string;
  items?: string[];
  agencyId?: string;
  newDueAt?: string;
  method?: ReturnMethod;
}

type Needs = {
  reason?: "required" | "optional";
  items?: true;
  agency?: true;
  newDueAt?: true;
  method?: true;
};

/** What each command asks for; every other command takes an optional note. */
const NEEDS: Partial<Record<DossierCommand, Needs>> = {
  refuse: { reason: "required" },
  reject: { reason: "required" },
  suspend: { reason: "required" },
  stop: { reason: "required" },
  withdraw: { reason: "optional" },
  apologise: { reason: "required", newDueAt: true },
  request_supplement: { items: true, reason: "optional" },
  transfer: { agency: true },
  return_result: { method: true },
};

export const isStale = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.problem?.code === "dossier.stale";

const FIELDS = (field: string) =>
  ["reason", "note", "agencyId", "newDueAt", "method"].includes(field) || /^items\.\d+$/.test(field);

const METHOD_OF: Record<Dossier["resultDelivery"], ReturnMethod> = {
  desk: "in_person",
  postal: "postal",
  online: "online",
};

interface Props {
  dossier: Dossier;
  command: DossierCommand;
  onClose: () => void;
  onDone: (dossier: Dossier) => void;
  onStale: (error: unknown) => void;
}

export function CommandModal({ dossier, command, onClose, onDone, onStale }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<CommandValues>();
  const key = useIdempotencyKey();
  const needs = NEEDS[command] ?? {};

  const run = async (values: CommandValues) => {
    const reason = optional(values.reason);
    const note = optional(values.note);
    const newDueAt = vietnamLocalToIso(values.newDueAt);
    const items = (values.items ?? []).map((item) => item?.trim()).filter((item): item is string => !!item);
    const body: CommandBody = {
      command,
      expectedVersion: dossier.version,
      ...(reason ? { reason } : {}),
      ...(note ? { note } : {}),
      ...(needs.items ? { items } : {}),
      ...(needs.agency && values.agencyId ? { agencyId: values.agencyId } : {}),
      ...(needs.newDueAt && newDueAt ? { newDueAt } : {}),
      ...(needs.method && values.method ? { method: values.method } : {}),
    };
    try {
      return await dossiers.command(dossier.id, body, key.current());
    } catch (error) {
      if (isStale(error)) onStale(error);
      throw error;
    }
  };
  const { onFinish, submitting, error } = useFormSubmit(form, FIELDS, run, (result) => {
    key.reset();
    onDone(result);
  });

  const title = t(`dossier.command.${command}`);
  const danger = ["refuse", "reject", "stop", "withdraw"].includes(command);

  return (
    <FormModal
      title={title}
      form={form}
      onClose={onClose}
      width={620}
      cancelLabel={t("dossierDetail.cancel")}
      submitLabel={title}
      danger={danger}
      submitting={submitting}
      testId="command"
      bodyTestId="command-modal"
      bodyProps={{ "data-command": command }}
      error={error}
      fields={FIELDS}
      intro={
        <p>
          {t("dossierDetail.commandIntro", {
            code: dossier.code ?? t("queue.noCode"),
            procedure: dossier.procedure.name,
          })}
        </p>
      }
    >
      <Form<CommandValues>
        form={form}
        name={`command-${command}`}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          items: needs.items ? [""] : undefined,
          method: METHOD_OF[dossier.resultDelivery],
        }}
      >
        {needs.items && (
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <fieldset className="checklist-editor" data-testid="command-items">
                <legend>{t("dossierDetail.itemsHeading")}</legend>
                <p className="text-secondary">{t("dossierDetail.itemsHint")}</p>
                {fields.map((field, index) => (
                  <div key={field.key} className="item-row">
                    <Form.Item
                      name={field.name}
                      label={t("dossierDetail.item", { n: index + 1 })}
                      rules={[{ required: true, whitespace: true, message: t("dossierDetail.itemRequired") }]}
                      className="item-row__field"
                    >
                      <Input maxLength={1000} autoFocus={index === 0} data-testid="command-item" />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t("dossierDetail.removeItem", { n: index + 1 })}
                        title={t("dossierDetail.removeItem", { n: index + 1 })}
                        onClick={() => remove(field.name)}
                        className="item-row__remove"
                      />
                    )}
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add("")}
                  data-testid="command-add-item"
                >
                  {t("dossierDetail.addItem")}
                </Button>
              </fieldset>
            )}
          </Form.List>
        )}
        {needs.agency && (
          <Form.Item
            name="agencyId"
            label={t("dossierDetail.agency")}
            rules={[{ required: true, message: t("dossierDetail.agencyRequired") }]}
          >
            <LabelledSelect<string>
              listLabel={t("dossierDetail.agency")}
              data-testid="command-agency"
              autoFocus
              placeholder={t("dossierDetail.agencyPlaceholder")}
              options={dossier.transferTargets.map((target) => ({
                value: target.id,
                label: `${target.name} (${target.unitName})`,
              }))}
              showSearch={{ optionFilterProp: "label" }}
            />
          </Form.Item>
        )}
        {needs.newDueAt && (
          <Form.Item
            name="newDueAt"
            label={t("dossierDetail.newDueAt")}
            extra={t("dossierDetail.newDueAtHint")}
            rules={[{ required: true, message: t("dossierDetail.newDueAtRequired") }]}
          >
            <Input type="datetime-local" data-testid="command-new-due" />
          </Form.Item>
        )}
        {needs.method && (
          <Form.Item name="method" label={t("dossierDetail.method")}>
            <Radio.Group
              name="command-method"
              options={RETURN_METHODS.map((value) => ({
                value,
                label: t(`dossier.returnMethod.${value}`),
              }))}
              data-testid="command-method"
            />
          </Form.Item>
        )}
        {needs.reason && (
          <Form.Item
            name="reason"
            label={t(needs.reason === "required" ? "dossierDetail.reason" : "dossierDetail.reasonOptional")}
            rules={
              needs.reason === "required"
                ? [{ required: true, whitespace: true, message: t("dossier.reasonRequired") }]
                : []
            }
          >
            <Input.TextArea
              maxLength={2000}
              autoSize={{ minRows: 3, maxRows: 8 }}
              autoFocus={!needs.items && !needs.agency}
              data-testid="command-reason"
            />
          </Form.Item>
        )}
        {!needs.reason && (
          <Form.Item name="note" label={t("dossierDetail.note")}>
            <Input.TextArea
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              autoFocus={!needs.items && !needs.agency && !needs.method}
              data-testid="command-note"
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
