// /admin/don-thu/:id: one petition with its deadlines, the petitioner's identity (only for the
// assigned handler and the unit's leaders when confidential; each read audited by the server),
// the commands the caller may give, and the history.
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Timeline,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { DueTag } from "./DueTag";
import { type Command, type PetitionDetail, petitionsApi, vnDate, vnDateTime } from "./petitionsApi";

type Values = {
  reason?: string;
  toUnit?: string;
  handlerId?: string;
  complexity?: "complex" | "very_complex";
  days?: number;
  decision?: string;
  note?: string;
};

const COMMAND_FIELDS = ["reason", "toUnit", "handlerId", "complexity", "days", "decision", "note"];

function Actions({ p, onDone }: { p: PetitionDetail; onDone: (p: PetitionDetail) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [command, setCommand] = useState<Command | undefined>(p.actions[0]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  if (p.actions.length === 0) return null;
  const current = command && p.actions.includes(command) ? command : p.actions[0]!;
  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    setDone(false);
    try {
      const next = await petitionsApi.command(p.id, { command: current, ...v });
      form.resetFields();
      setDone(true);
      onDone(next);
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, lang, COMMAND_FIELDS);
    } finally {
      setSaving(false);
    }
  };
  const needsReason = ["not_accept", "forward", "extend", "withdraw"].includes(current);
  return (
    <Card title={t("petitions.detail.actions")} size="small" data-testid="petition-actions">
      <Flex vertical gap={8}>
        <Radio.Group
          value={current}
          onChange={(e) => {
            setCommand(e.target.value);
            setError(null);
          }}
          optionType="button"
          options={p.actions.map((a) => ({ value: a, label: t(`petitions.commands.${a}`) }))}
          aria-label={t("petitions.detail.actions")}
        />
        {done && <Alert type="success" showIcon message={t("petitions.commands.done")} />}
        <ProblemAlert error={error} fields={COMMAND_FIELDS} />
        <Form<Values> form={form} layout="vertical" onFinish={submit} key={current}>
          {current === "assign" && (
            <Form.Item name="handlerId" label={t("petitions.fields.handler")} rules={[{ required: true }]}>
              <Select
                data-testid="petition-handler"
                options={p.handlers.map((h) => ({ value: h.id, label: h.name }))}
                style={{ maxWidth: 360 }}
              />
            </Form.Item>
          )}
          {current === "forward" && (
            <Form.Item name="toUnit" label={t("petitions.detail.toUnit")} rules={[{ required: true }]}>
              <Input style={{ maxWidth: 240 }} />
            </Form.Item>
          )}
          {current === "extend" && (
            <Space wrap>
              <Form.Item
                name="complexity"
                label={t("petitions.detail.complexity")}
                rules={[{ required: true }]}
                initialValue="complex"
              >
                <Radio.Group
                  options={[
                    { value: "complex", label: t("petitions.detail.complex") },
                    { value: "very_complex", label: t("petitions.detail.veryComplex") },
                  ]}
                />
              </Form.Item>
              <Form.Item name="days" label={t("petitions.detail.days", { n: p.extension.daysPerExtension })}>
                <InputNumber min={1} max={p.extension.daysPerExtension || 1} />
              </Form.Item>
            </Space>
          )}
          {needsReason && (
            <Form.Item
              name="reason"
              label={t("petitions.detail.reason")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          )}
          {current === "decide" && (
            <Form.Item
              name="decision"
              label={t("petitions.fields.decision")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={5000} data-testid="petition-decision" />
            </Form.Item>
          )}
          {current === "close" && (
            <Form.Item name="note" label={t("petitions.detail.note")}>
              <Input maxLength={2000} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={saving} data-testid="petition-command-submit">
            {t(`petitions.commands.${current}`)}
          </Button>
        </Form>
      </Flex>
    </Card>
  );
}

function eventText(t: ReturnType<typeof useI18n>["t"], e: PetitionDetail["events"][number]): string {
  const d = e.data as Record<string, string | number | undefined>;
  const due = typeof d.resolveDueAt === "string" ? vnDate(d.resolveDueAt) : "";
  switch (e.kind) {
    case "assigned":
      return t("petitions.events.assigned", { name: String(d.handlerName ?? "") });
    case "accepted":
      return t("petitions.events.accepted", { due });
    case "not_accepted":
      return t("petitions.events.not_accepted", { reason: String(d.reason ?? "") });
    case "forwarded":
      return t("petitions.events.forwarded", { unit: String(d.toUnitName ?? d.toUnit ?? "") });
    case "extended":
      return t("petitions.events.extended", { days: Number(d.days ?? 0), due });
    case "withdrawn":
      return t("petitions.events.withdrawn", { reason: String(d.reason ?? "") });
    case "received":
    case "decided":
    case "closed":
      return t(`petitions.events.${e.kind}`);
    default:
      return e.kind;
  }
}

export default function PetitionDetailPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const [updated, setUpdated] = useState<PetitionDetail | null>(null);
  const q = useApiQuery(`petition:${id}`, (signal) => petitionsApi.get(id, signal));
  const p = updated?.id === id ? updated : q.data;
  useDocumentTitle(p ? `${t("petitions.menu")} ${p.code}` : t("petitions.menu"));
  return (
    <div data-testid="petition-detail">
      <Link to="/admin/don-thu">{t("petitions.detail.back")}</Link>
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {p && (
        <Flex vertical gap={16}>
          <h1 className="page-title">
            {t(`petitions.kinds.${p.kind}`)} {p.code}
          </h1>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: "status",
                label: t("petitions.fields.status"),
                children: <span data-testid="petition-status">{t(`petitions.statuses.${p.status}`)}</span>,
              },
              { key: "due", label: t("petitions.fields.due"), children: <DueTag due={p.due} /> },
              { key: "recv", label: t("petitions.fields.receivedAt"), children: vnDateTime(p.receivedAt) },
              {
                key: "channel",
                label: t("petitions.fields.channel"),
                children: t(`petitions.channels.${p.channel as "in_person"}`),
              },
              { key: "acc", label: t("petitions.fields.acceptDueAt"), children: vnDate(p.acceptDueAt) },
              {
                key: "res",
                label: t("petitions.fields.resolveDueAt"),
                children: p.resolveDueAt ? vnDate(p.resolveDueAt) : "",
              },
              { key: "handler", label: t("petitions.fields.handler"), children: p.handler?.name ?? "" },
              { key: "ext", label: t("petitions.fields.extensions"), children: p.extensions },
              { key: "subject", label: t("petitions.fields.subject"), children: p.subject, span: 2 },
              { key: "concerns", label: t("petitions.fields.concerns"), children: p.concerns ?? "", span: 2 },
              { key: "content", label: t("petitions.fields.content"), children: p.content, span: 2 },
              ...(p.decision
                ? [{ key: "decision", label: t("petitions.fields.decision"), children: p.decision, span: 2 }]
                : []),
            ]}
          />
          <Card title={t("petitions.detail.identity")} size="small" data-testid="petition-identity">
            {p.petitioner ? (
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  {
                    key: "n",
                    label: t("petitions.fields.fullName"),
                    children: <span data-testid="petition-identity-name">{p.petitioner.fullName}</span>,
                  },
                  { key: "i", label: t("petitions.fields.idNumber"), children: p.petitioner.idNumber ?? "" },
                  { key: "p", label: t("petitions.fields.phone"), children: p.petitioner.phone ?? "" },
                  { key: "e", label: t("petitions.fields.email"), children: p.petitioner.email ?? "" },
                  {
                    key: "a",
                    label: t("petitions.fields.address"),
                    children: p.petitioner.address ?? "",
                    span: 2,
                  },
                ]}
              />
            ) : (
              <Alert
                type="info"
                showIcon
                data-testid="petition-identity-hidden"
                message={p.petitionerLabel}
                description={t("petitions.detail.hidden")}
              />
            )}
          </Card>
          <Space>
            <a href={petitionsApi.receiptUrl(p.id)} target="_blank" rel="noreferrer">
              {t("petitions.detail.receipt")}
            </a>
          </Space>
          <Actions p={p} onDone={setUpdated} />
          <Card title={t("petitions.detail.timeline")} size="small">
            <Timeline
              items={p.events.map((e) => ({
                key: e.id,
                children: (
                  <span>
                    {vnDateTime(e.at)} — {eventText(t, e)}
                    {e.actor ? ` (${e.actor})` : ""}
                  </span>
                ),
              }))}
            />
          </Card>
        </Flex>
      )}
    </div>
  );
}
