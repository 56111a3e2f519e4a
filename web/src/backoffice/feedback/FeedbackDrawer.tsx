// One feedback item in a drawer of /admin/phan-anh: the facts, the text and place, the sender's
// data (the server audits the read), the photos, the history, and the commands the status allows
// (assign, reply, close, reject, reroute, publish). Publishing starts from the server's proposed
// text with personal data replaced by […]; a refusal is shown under the field it concerns.
import { Button, Checkbox, Descriptions, Drawer, Flex, Form, Input, Radio, Tag, Timeline } from "antd";
import { useEffect, useState } from "react";
import { formatVnDateTime } from "../../components/dossierFormat";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import {
  type FeedbackCommand,
  type FeedbackDetail,
  feedbackAdmin,
  serviceName,
} from "../../feedback/feedbackApi";
import { type TFunction, useI18n } from "../../i18n";
import { DueTag } from "./DueTag";

type Values = {
  reply?: string;
  reason?: string;
  unit?: string;
  publicText?: string;
  publicPhotoIds?: string[];
};
const COMMAND_FIELDS = ["reply", "reason", "unit", "publicText", "publicPhotoIds", "assigneeId"];

function run(id: string, command: FeedbackCommand, v: Values): Promise<FeedbackDetail> {
  switch (command) {
    case "assign":
      return feedbackAdmin.assign(id);
    case "reply":
      return feedbackAdmin.reply(id, v.reply ?? "");
    case "close":
      return feedbackAdmin.close(id);
    case "reject":
      return feedbackAdmin.reject(id, v.reason ?? "");
    case "reroute":
      return feedbackAdmin.reroute(id, v.unit ?? "", v.reason ?? "");
    case "publish":
      return feedbackAdmin.publish(id, v.publicText ?? "", v.publicPhotoIds ?? []);
  }
}

function Actions({ d, onDone }: { d: FeedbackDetail; onDone: (d: FeedbackDetail) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [command, setCommand] = useState<FeedbackCommand | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const current = command && d.allowed.includes(command) ? command : d.allowed[0];
  useEffect(() => {
    if (error) applyFieldErrors(form, error, lang, COMMAND_FIELDS, true);
  }, [lang, error, form]);
  if (!current) return <p data-testid="fb-no-actions">{t("feedback.admin.detail.noActions")}</p>;
  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    setDone(false);
    try {
      const next = await run(d.id, current, v);
      setDone(true);
      onDone(next);
    } catch (err) {
      setError(err);
      applyFieldErrors(form, err, lang, COMMAND_FIELDS);
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t("feedback.send.required") }];
  return (
    <Flex vertical gap={8} data-testid="fb-actions">
      <Radio.Group
        value={current}
        optionType="button"
        aria-label={t("feedback.admin.detail.actions")}
        onChange={(e) => {
          setCommand(e.target.value);
          setError(null);
          setDone(false);
        }}
        options={d.allowed.map((c) => ({ value: c, label: t(`feedback.admin.commands.${c}`) }))}
        data-testid="fb-commands"
      />
      {done && (
        <p role="status" data-testid="fb-command-done">
          {t("feedback.admin.detail.done")}
        </p>
      )}
      <ProblemAlert error={error} fields={COMMAND_FIELDS} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        key={`${current}:${d.status}`}
        initialValues={{
          reply: d.reply ?? "",
          publicText: d.proposedPublicText,
          publicPhotoIds: [],
        }}
      >
        {current === "assign" && <p>{t("feedback.admin.detail.assignHint")}</p>}
        {current === "close" && <p>{t("feedback.admin.detail.closeHint")}</p>}
        {current === "reply" && (
          <Form.Item name="reply" label={t("feedback.admin.detail.replyLabel")} rules={required}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="fb-reply-text" />
          </Form.Item>
        )}
        {current === "reroute" && (
          <Form.Item name="unit" label={t("feedback.admin.detail.rerouteUnit")} rules={required}>
            <Input maxLength={100} style={{ maxWidth: 240 }} />
          </Form.Item>
        )}
        {(current === "reject" || current === "reroute") && (
          <Form.Item
            name="reason"
            label={t(
              current === "reject"
                ? "feedback.admin.detail.reasonLabel"
                : "feedback.admin.detail.rerouteReason",
            )}
            rules={required}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
        {current === "publish" && (
          <>
            <p>{t("feedback.admin.detail.publishHint")}</p>
            <Form.Item name="publicText" label={t("feedback.admin.detail.publishText")} rules={required}>
              <Input.TextArea rows={5} maxLength={5000} data-testid="fb-public-text" />
            </Form.Item>
            {d.photoList.length > 0 && (
              <Form.Item name="publicPhotoIds" label={t("feedback.admin.detail.publishPhotos")}>
                <Checkbox.Group
                  data-testid="fb-public-photos"
                  options={d.photoList.map((p, i) => ({
                    value: p.id,
                    label: t("feedback.admin.detail.photo", { n: i + 1 }),
                  }))}
                />
              </Form.Item>
            )}
          </>
        )}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="fb-command-submit">
          {t(`feedback.admin.commands.${current}`)}
        </Button>
      </Form>
    </Flex>
  );
}

function eventText(t: TFunction, e: FeedbackDetail["events"][number]): string {
  const known = [
    "received",
    "photo_added",
    "assign",
    "reply",
    "close",
    "reject",
    "reroute",
    "publish",
  ] as const;
  const kind = known.find((k) => k === e.kind);
  const label = kind ? t(`feedback.admin.events.${kind}`) : e.kind;
  const data = (e.data ?? {}) as Record<string, unknown>;
  const extra = [data.to, data.reason].filter((x): x is string => typeof x === "string" && x !== "");
  return extra.length > 0 ? `${label}: ${extra.join(" — ")}` : label;
}

function Detail({ d, onDone }: { d: FeedbackDetail; onDone: (d: FeedbackDetail) => void }) {
  const { t, lang } = useI18n();
  const none = t("feedback.admin.detail.none");
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        bordered
        column={1}
        data-testid="fb-detail-facts"
        items={[
          {
            key: "status",
            label: t("feedback.admin.status"),
            children: <span data-testid="fb-detail-status">{t(`feedback.statuses.${d.status}`)}</span>,
          },
          { key: "kind", label: t("feedback.admin.kind"), children: serviceName(d.service, lang) },
          { key: "unit", label: t("feedback.admin.unit"), children: `${d.unit.name} (${d.unit.code})` },
          ...(d.procedureCode
            ? [{ key: "proc", label: t("feedback.admin.detail.procedure"), children: d.procedureCode }]
            : []),
          ...(d.deskName
            ? [{ key: "desk", label: t("feedback.admin.detail.desk"), children: d.deskName }]
            : []),
          { key: "recv", label: t("feedback.admin.received"), children: formatVnDateTime(d.createdAt) },
          { key: "due", label: t("feedback.admin.due"), children: <DueTag item={d} /> },
          { key: "assignee", label: t("feedback.admin.assignee"), children: d.assignee?.name ?? none },
          {
            key: "consent",
            label: t("feedback.admin.detail.consent"),
            children: d.consentPublish ? t("feedback.admin.detail.yes") : t("feedback.admin.detail.no"),
          },
          ...(d.publishedAt
            ? [
                {
                  key: "pub",
                  label: t("feedback.admin.detail.published"),
                  children: formatVnDateTime(d.publishedAt),
                },
              ]
            : []),
          ...(d.lat !== null && d.long !== null
            ? [
                {
                  key: "place",
                  label: t("feedback.admin.detail.place"),
                  children: (
                    <span>
                      {d.lat}, {d.long}{" "}
                      <a
                        href={`https://www.openstreetmap.org/?mlat=${d.lat}&mlon=${d.long}#map=18/${d.lat}/${d.long}`}
                        target="_blank"
                        rel="noreferrer"
                        className="fb-inline-link"
                      >
                        {t("feedback.admin.detail.map")}
                      </a>
                    </span>
                  ),
                },
              ]
            : []),
          ...(d.address
            ? [{ key: "addr", label: t("feedback.admin.detail.address"), children: d.address }]
            : []),
        ]}
      />
      <Panel title={t("feedback.admin.detail.description")} level={3}>
        <p className="fb-admin-text" data-testid="fb-detail-text">
          {d.description}
        </p>
      </Panel>
      <Panel title={t("feedback.admin.detail.sender")} level={3}>
        <p className="text-secondary">{t("feedback.admin.detail.senderAudit")}</p>
        <Descriptions
          size="small"
          column={1}
          data-testid="fb-sender"
          items={[
            { key: "n", label: t("feedback.admin.detail.fullName"), children: d.sender.fullName ?? none },
            { key: "p", label: t("feedback.admin.detail.phone"), children: d.sender.phone ?? none },
            { key: "e", label: t("feedback.admin.detail.email"), children: d.sender.email ?? none },
            {
              key: "c",
              label: t("feedback.admin.detail.account"),
              children: d.sender.citizen ? t("feedback.admin.detail.yes") : t("feedback.admin.detail.no"),
            },
            ...(d.sender.client
              ? [{ key: "k", label: t("feedback.admin.detail.client"), children: d.sender.client }]
              : []),
          ]}
        />
      </Panel>
      <Panel title={t("feedback.admin.detail.photos")} level={3}>
        {d.photoList.length === 0 ? (
          <p>{t("feedback.admin.detail.noPhotos")}</p>
        ) : (
          <div className="fb-admin-photos" data-testid="fb-detail-photos">
            {d.photoList.map((p, i) => (
              <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                <img src={p.url} alt={t("feedback.admin.detail.photo", { n: i + 1 })} />
                {p.isPublic && <Tag>{t("feedback.admin.detail.published")}</Tag>}
              </a>
            ))}
          </div>
        )}
      </Panel>
      {d.reply && (
        <Panel title={t("feedback.admin.detail.reply")} level={3}>
          <p className="fb-admin-text" data-testid="fb-detail-reply">
            {d.reply}
          </p>
        </Panel>
      )}
      {d.publicText && (
        <Panel title={t("feedback.admin.detail.publicText")} level={3}>
          <p className="fb-admin-text" data-testid="fb-detail-public">
            {d.publicText}
          </p>
        </Panel>
      )}
      <Panel title={t("feedback.admin.detail.actions")} level={3}>
        <Actions d={d} onDone={onDone} />
      </Panel>
      <Panel title={t("feedback.admin.detail.timeline")} level={3}>
        <Timeline
          data-testid="fb-timeline"
          items={d.events.map((e, i) => ({
            key: `${e.at}:${i}`,
            children: (
              <span>
                {formatVnDateTime(e.at)} — {eventText(t, e)}
                {e.actor ? ` (${e.actor})` : ""}
              </span>
            ),
          }))}
        />
      </Panel>
    </Flex>
  );
}

/** The drawer of one item; `onChanged` after a command (the list reloads). */
export function FeedbackDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const q = useApiQuery(id ? `fb-detail:${id}` : null, (signal) => feedbackAdmin.detail(id!, signal));
  const [updated, setUpdated] = useState<FeedbackDetail | null>(null);
  const d = updated?.id === id ? updated : q.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="min(760px, 100vw)"
      title={d ? t("feedback.admin.detail.title", { code: d.code }) : t("feedback.admin.title")}
      closable={{ "aria-label": t("feedback.admin.detail.close") }}
      data-testid="fb-drawer"
      destroyOnHidden
    >
      <ProblemAlert error={q.error} onRetry={q.reload} />
      {d && (
        <Detail
          d={d}
          onDone={(next) => {
            setUpdated(next);
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
