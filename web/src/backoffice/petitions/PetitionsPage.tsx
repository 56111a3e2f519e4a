// /admin/don-thu: a unit's register of petitions (complaints, denunciations, recommendations):
// the list with due colours (a confidential petitioner shows as such), the form to register a
// received petition, and the figures by kind with a chart.
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
} from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { DateInput } from "../../components/DateInput";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { Chart } from "../dashboard/Chart";
import { useSession } from "../session";
import { DueTag } from "./DueTag";
import {
  PETITION_KINDS,
  PETITION_STATUSES,
  type PetitionDetail,
  type PetitionKind,
  type PetitionSummary,
  petitionsApi,
  type RegisterBody,
  vnDate,
  vnToday,
} from "./petitionsApi";

const READERS = new Set(["receptionist", "specialist", "leader", "clerk", "unit_admin", "supervisor"]);
const REGISTRARS = new Set(["receptionist", "unit_admin"]);
const REPORTERS = new Set(["leader", "supervisor"]);

function ListTab({ unit }: { unit: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [due, setDue] = useState<string>();
  const [mine, setMine] = useState(false);
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const list = useApiQuery(
    `petitions:${unit}:${kind}:${status}:${due}:${mine}:${q}:${page}`,
    (signal) =>
      petitionsApi.list({ unit, kind, status, due, mine, q: q || undefined, page, pageSize: 20 }, signal),
    { keepPrevious: true },
  );
  const reset = () => setPage(1);
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Select
          aria-label={t("petitions.fields.kind")}
          allowClear
          placeholder={t("petitions.list.allKinds")}
          style={{ width: 190 }}
          value={kind}
          onChange={(v?: string) => {
            setKind(v);
            reset();
          }}
          options={PETITION_KINDS.map((k) => ({ value: k, label: t(`petitions.kinds.${k}`) }))}
        />
        <Select
          aria-label={t("petitions.fields.status")}
          allowClear
          placeholder={t("petitions.list.allStatuses")}
          style={{ width: 190 }}
          value={status}
          onChange={(v?: string) => {
            setStatus(v);
            reset();
          }}
          options={PETITION_STATUSES.map((s) => ({ value: s, label: t(`petitions.statuses.${s}`) }))}
        />
        <Select
          aria-label={t("petitions.fields.due")}
          allowClear
          placeholder={t("petitions.list.allDue")}
          style={{ width: 170 }}
          value={due}
          onChange={(v?: string) => {
            setDue(v);
            reset();
          }}
          options={[
            { value: "overdue", label: t("petitions.due.filterOverdue") },
            { value: "soon", label: t("petitions.due.filterSoon") },
          ]}
        />
        <Checkbox
          checked={mine}
          onChange={(e) => {
            setMine(e.target.checked);
            reset();
          }}
        >
          {t("petitions.list.mine")}
        </Checkbox>
        <Input.Search
          aria-label={t("petitions.list.search")}
          placeholder={t("petitions.list.search")}
          allowClear
          style={{ width: 320 }}
          onSearch={(v) => {
            setQ(v.trim());
            reset();
          }}
        />
      </Space>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table<PetitionSummary>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="petition-list"
        locale={{ emptyText: t("petitions.list.empty") }}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t("petitions.fields.code"),
            key: "code",
            render: (_, r) => <Link to={`/admin/don-thu/${r.id}`}>{r.code}</Link>,
          },
          {
            title: t("petitions.fields.kind"),
            key: "kind",
            render: (_, r) => t(`petitions.kinds.${r.kind}`),
          },
          { title: t("petitions.fields.receivedAt"), key: "at", render: (_, r) => vnDate(r.receivedAt) },
          { title: t("petitions.fields.subject"), dataIndex: "subject", key: "subject" },
          { title: t("petitions.fields.petitioner"), dataIndex: "petitionerLabel", key: "who" },
          {
            title: t("petitions.fields.status"),
            key: "status",
            render: (_, r) => t(`petitions.statuses.${r.status}`),
          },
          { title: t("petitions.fields.handler"), key: "handler", render: (_, r) => r.handler?.name ?? "" },
          { title: t("petitions.fields.due"), key: "due", render: (_, r) => <DueTag due={r.due} /> },
        ]}
      />
    </Flex>
  );
}

type FormValues = Omit<RegisterBody, "unit" | "receivedAt"> & { receivedAt?: string };

const REGISTER_FIELDS = [
  "receivedAt",
  "subject",
  "content",
  "concerns",
  "petitioner.fullName",
  "petitioner.idNumber",
  "petitioner.phone",
  "petitioner.email",
  "petitioner.address",
];

function RegisterTab({ unit }: { unit: string }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch("kind", form) as PetitionKind | undefined;
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<PetitionDetail | null>(null);
  const submit = async (v: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      const receivedAt = v.receivedAt ? new Date(`${v.receivedAt}:00+07:00`).toISOString() : undefined;
      const created = await petitionsApi.register({ ...v, unit, receivedAt });
      setDone(created);
      form.resetFields();
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, lang, REGISTER_FIELDS);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      {done && (
        <Alert
          type="success"
          showIcon
          data-testid="petition-registered"
          message={t("petitions.register.done", { code: done.code })}
          description={
            <Space>
              <Link to={`/admin/don-thu/${done.id}`}>{t("petitions.register.open")}</Link>
              <a href={petitionsApi.receiptUrl(done.id)} target="_blank" rel="noreferrer">
                {t("petitions.register.receipt")}
              </a>
            </Space>
          }
        />
      )}
      <ProblemAlert error={error} fields={REGISTER_FIELDS} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: "complaint", channel: "in_person", round: 1, remoteArea: false }}
        data-testid="petition-register-form"
      >
        <Form.Item name="kind" label={t("petitions.fields.kind")} rules={[{ required: true }]}>
          <Radio.Group
            options={PETITION_KINDS.map((k) => ({ value: k, label: t(`petitions.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t("petitions.fields.channel")}>
          <Radio.Group
            options={(["in_person", "postal", "online"] as const).map((c) => ({
              value: c,
              label: t(`petitions.channels.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="receivedAt"
          label={t("petitions.fields.receivedAt")}
          help={t("petitions.fields.receivedAtHelp")}
        >
          <Input type="datetime-local" style={{ width: 240 }} />
        </Form.Item>
        {kind === "complaint" && (
          <Space wrap>
            <Form.Item name="round" label={t("petitions.fields.round")}>
              <Radio.Group
                options={[
                  { value: 1, label: t("petitions.fields.roundFirst") },
                  { value: 2, label: t("petitions.fields.roundSecond") },
                ]}
              />
            </Form.Item>
            <Form.Item name="remoteArea" valuePropName="checked" label=" ">
              <Checkbox>{t("petitions.fields.remoteArea")}</Checkbox>
            </Form.Item>
          </Space>
        )}
        <Form.Item
          name="subject"
          label={t("petitions.fields.subject")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={500} data-testid="petition-subject" />
        </Form.Item>
        <Form.Item
          name="content"
          label={t("petitions.fields.content")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={4} maxLength={20000} data-testid="petition-content" />
        </Form.Item>
        <Form.Item name="concerns" label={t("petitions.fields.concerns")}>
          <Input maxLength={1000} />
        </Form.Item>
        <fieldset className="petition-fieldset">
          <legend>{t("petitions.fields.petitioner")}</legend>
          <Form.Item
            name={["petitioner", "fullName"]}
            label={t("petitions.fields.fullName")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} data-testid="petition-name" />
          </Form.Item>
          <Space wrap>
            <Form.Item name={["petitioner", "idNumber"]} label={t("petitions.fields.idNumber")}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name={["petitioner", "phone"]} label={t("petitions.fields.phone")}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name={["petitioner", "email"]} label={t("petitions.fields.email")}>
              <Input maxLength={200} />
            </Form.Item>
          </Space>
          <Form.Item name={["petitioner", "address"]} label={t("petitions.fields.address")}>
            <Input maxLength={500} />
          </Form.Item>
          {kind === "denunciation" ? (
            <Alert type="info" showIcon message={t("petitions.fields.confidentialDenunciation")} />
          ) : (
            <Form.Item name={["petitioner", "confidential"]} valuePropName="checked">
              <Checkbox>{t("petitions.fields.confidential")}</Checkbox>
            </Form.Item>
          )}
        </fieldset>
        <Button
          type="primary"
          htmlType="submit"
          loading={saving}
          style={{ marginTop: 16 }}
          data-testid="petition-submit"
        >
          {t("petitions.register.submit")}
        </Button>
      </Form>
    </Flex>
  );
}

const FIGURES = [
  "received",
  "accepted",
  "notAccepted",
  "forwarded",
  "withdrawn",
  "resolved",
  "resolvedOnTime",
  "resolvedLate",
  "pending",
  "pendingWithinDeadline",
  "pendingOverdue",
] as const;

function StatsTab({ unit }: { unit: string }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(`${vnToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(vnToday());
  const stats = useApiQuery(`petition-stats:${unit}:${from}:${to}`, (signal) =>
    petitionsApi.stats({ unit, from, to }, signal),
  );
  const s = stats.data;
  const kinds = PETITION_KINDS.map((k) => t(`petitions.kinds.${k}`));
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" as const },
      legend: {},
      xAxis: { type: "category" as const, data: kinds },
      yAxis: { type: "value" as const, minInterval: 1 },
      series: (["received", "resolvedOnTime", "resolvedLate", "pendingOverdue"] as const).map((f) => ({
        name: t(`petitions.stats.${f}`),
        type: "bar" as const,
        data: (s?.byKind ?? []).map((r) => r[f]),
      })),
    }),
    [s, t, kinds],
  );
  return (
    <Flex vertical gap={16}>
      <Space wrap align="end">
        <DateInput label={t("petitions.stats.from")} value={from} onChange={setFrom} />
        <DateInput label={t("petitions.stats.to")} value={to} onChange={setTo} />
      </Space>
      <ProblemAlert error={stats.error} onRetry={stats.reload} />
      {s && (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 4 }}
            data-testid="petition-stats"
            items={FIGURES.map((f) => ({ key: f, label: t(`petitions.stats.${f}`), children: s.total[f] }))}
          />
          <p>{t("petitions.stats.asOf", { at: vnDate(s.asOf) })}</p>
          <Chart
            title={t("petitions.stats.title")}
            option={option}
            testId="petition-stats-chart"
            table={{
              caption: t("petitions.stats.title"),
              columns: [t("petitions.fields.kind"), ...FIGURES.map((f) => t(`petitions.stats.${f}`))],
              rows: s.byKind.map((r) => [t(`petitions.kinds.${r.kind}`), ...FIGURES.map((f) => r[f])]),
            }}
          />
        </>
      )}
    </Flex>
  );
}

export default function PetitionsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("petitions.title"));
  const { me } = useSession();
  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of me.roles)
      if (READERS.has(r.role) && !seen.has(r.unitCode)) seen.set(r.unitCode, r.unitName);
    return [...seen].map(([value, name]) => ({ value, label: `${name} (${value})` }));
  }, [me.roles]);
  const [unit, setUnit] = useState(units[0]?.value);
  const rolesAt = (set: Set<string>) => me.roles.some((r) => r.unitCode === unit && set.has(r.role));
  return (
    <div data-testid="petitions-page">
      <h1 className="page-title">{t("petitions.title")}</h1>
      <Space align="center" style={{ marginBottom: 16 }}>
        <span className="field-label">{t("petitions.unit")}</span>
        <Select
          aria-label={t("petitions.unit")}
          style={{ minWidth: 320 }}
          value={unit}
          onChange={setUnit}
          options={units}
        />
      </Space>
      {unit && (
        <Tabs
          key={unit}
          items={[
            { key: "list", label: t("petitions.tabs.list"), children: <ListTab unit={unit} /> },
            ...(rolesAt(REGISTRARS)
              ? [
                  {
                    key: "register",
                    label: t("petitions.tabs.register"),
                    children: <RegisterTab unit={unit} />,
                  },
                ]
              : []),
            ...(rolesAt(REPORTERS)
              ? [{ key: "stats", label: t("petitions.tabs.stats"), children: <StatsTab unit={unit} /> }]
              : []),
          ]}
        />
      )}
    </div>
  );
}
