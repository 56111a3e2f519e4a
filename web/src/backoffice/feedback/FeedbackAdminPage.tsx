// /admin/phan-anh (?item=ID opens one): feedback of the units one handles (feedback.handle): the
// list with status and overdue filters, search, paging and due colours; one item in a drawer with
// its commands; the figures of a unit (received, answered on time or late, overdue) with a chart.
import { Checkbox, Descriptions, Empty, Flex, Input, Select, Space, Table, Tabs, Tag } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { formatVnDateTime } from "../../components/dossierFormat";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import {
  FEEDBACK_STATUSES,
  type FeedbackItem,
  feedbackAdmin,
  serviceName,
  vnToday,
} from "../../feedback/feedbackApi";
import { useI18n } from "../../i18n";
import { Chart } from "../dashboard/Chart";
import "../dashboard/dashboard.css";
import { useSession } from "../session";
import { DueTag } from "./DueTag";
import { FeedbackDrawer } from "./FeedbackDrawer";
import "./feedback-admin.css";
import { DateInput } from "../../components/DateInput";

const HANDLERS = new Set(["receptionist", "specialist", "leader", "unit_admin", "system_admin"]);
const PAGE_SIZE = 20;

function ListTab({ unit }: { unit: string | undefined }) {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<string>();
  const [overdue, setOverdue] = useState<"true" | "false">();
  const [mine, setMine] = useState(false);
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const list = useApiQuery(
    `fb-list:${unit ?? ""}:${status ?? ""}:${overdue ?? ""}:${mine}:${q}:${page}`,
    (signal) =>
      feedbackAdmin.list(
        {
          unit,
          status,
          overdue,
          mine: mine ? "true" : undefined,
          q: q || undefined,
          page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    { keepPrevious: true },
  );
  const open = params.get("item");
  const setOpen = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set("item", id);
    else next.delete("item");
    setParams(next);
  };
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Select
          aria-label={t("feedback.admin.status")}
          allowClear
          placeholder={t("feedback.admin.allStatuses")}
          style={{ width: 190 }}
          value={status}
          onChange={(v?: string) => {
            setStatus(v);
            setPage(1);
          }}
          options={FEEDBACK_STATUSES.map((s) => ({ value: s, label: t(`feedback.statuses.${s}`) }))}
          data-testid="fb-filter-status"
        />
        <Select
          aria-label={t("feedback.admin.due")}
          allowClear
          placeholder={t("feedback.admin.allDue")}
          style={{ width: 170 }}
          value={overdue}
          onChange={(v?: "true" | "false") => {
            setOverdue(v);
            setPage(1);
          }}
          options={[
            { value: "true", label: t("feedback.admin.overdueOnly") },
            { value: "false", label: t("feedback.admin.notOverdue") },
          ]}
          data-testid="fb-filter-overdue"
        />
        <Checkbox
          checked={mine}
          onChange={(e) => {
            setMine(e.target.checked);
            setPage(1);
          }}
        >
          {t("feedback.admin.mine")}
        </Checkbox>
        <Input.Search
          aria-label={t("feedback.admin.search")}
          placeholder={t("feedback.admin.search")}
          allowClear
          style={{ width: 300, maxWidth: "100%" }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="fb-search"
        />
      </Space>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table<FeedbackItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="fb-list"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("feedback.admin.empty")} />,
        }}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t("feedback.admin.code"),
            key: "code",
            render: (_, r) => (
              <button type="button" className="fb-admin-link" onClick={() => setOpen(r.id)}>
                {r.code}
              </button>
            ),
          },
          { title: t("feedback.admin.kind"), key: "kind", render: (_, r) => serviceName(r.service, lang) },
          {
            title: t("feedback.admin.received"),
            key: "at",
            render: (_, r) => <span className="nowrap">{formatVnDateTime(r.createdAt)}</span>,
          },
          ...(unit
            ? []
            : [
                {
                  title: t("feedback.admin.unit"),
                  key: "unit",
                  render: (_: unknown, r: FeedbackItem) => r.unit.name,
                },
              ]),
          { title: t("feedback.admin.excerpt"), dataIndex: "excerpt", key: "excerpt" },
          {
            title: t("feedback.admin.sender"),
            key: "sender",
            render: (_, r) => r.senderName ?? t("feedback.admin.anonymous"),
          },
          {
            title: t("feedback.admin.status"),
            key: "status",
            render: (_, r) => <Tag>{t(`feedback.statuses.${r.status}`)}</Tag>,
          },
          { title: t("feedback.admin.due"), key: "due", render: (_, r) => <DueTag item={r} /> },
          { title: t("feedback.admin.assignee"), key: "assignee", render: (_, r) => r.assignee?.name ?? "" },
        ]}
      />
      <p>{t("feedback.admin.total", { n: list.data?.total ?? 0 })}</p>
      <FeedbackDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </Flex>
  );
}

const FIGURES = [
  "received",
  "answered",
  "answeredOnTime",
  "answeredLate",
  "pending",
  "pendingOverdue",
  "rejected",
  "published",
] as const;

function StatsTab({ unit }: { unit: string }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(vnToday(-89));
  const [to, setTo] = useState(vnToday());
  const stats = useApiQuery(`fb-stats:${unit}:${from}:${to}`, (signal) =>
    feedbackAdmin.stats({ unit, from, to }, signal),
  );
  const s = stats.data;
  const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)}%`);
  const charted = ["answeredOnTime", "answeredLate", "pending", "pendingOverdue"] as const;
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" as const },
      legend: {},
      grid: { left: 40, right: 16, bottom: 72, top: 24 },
      xAxis: { type: "category" as const, data: (s?.units ?? []).map((u) => u.unit.name) },
      yAxis: { type: "value" as const, minInterval: 1 },
      series: charted.map((f) => ({
        name: t(`feedback.admin.stats.${f}`),
        type: "bar" as const,
        data: (s?.units ?? []).map((u) => u[f]),
      })),
    }),
    [s, t],
  );
  return (
    <Flex vertical gap={16}>
      <Space wrap align="end">
        <DateInput label={t("feedback.admin.stats.from")} value={from} onChange={setFrom} />
        <DateInput label={t("feedback.admin.stats.to")} value={to} onChange={setTo} />
      </Space>
      <ProblemAlert error={stats.error} onRetry={stats.reload} />
      {s && (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            title={t("feedback.admin.stats.title")}
            data-testid="fb-stats"
            items={[
              ...FIGURES.map((f) => ({
                key: f,
                label: t(`feedback.admin.stats.${f}`),
                children: <span data-testid={`fb-stat-${f}`}>{s.total[f]}</span>,
              })),
              { key: "rate", label: t("feedback.admin.stats.onTimeRate"), children: pct(s.total.onTimeRate) },
            ]}
          />
          <Chart
            title={t("feedback.admin.stats.chart")}
            option={option}
            testId="fb-stats-chart"
            table={{
              caption: t("feedback.admin.stats.chart"),
              columns: [
                t("feedback.admin.stats.unit"),
                ...FIGURES.map((f) => t(`feedback.admin.stats.${f}`)),
              ],
              rows: s.units.map((u) => [u.unit.name, ...FIGURES.map((f) => u[f])]),
            }}
          />
        </>
      )}
    </Flex>
  );
}

export default function FeedbackAdminPage() {
  const { t } = useI18n();
  useDocumentTitle(t("feedback.admin.title"));
  const { me } = useSession();
  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of me.roles)
      if (HANDLERS.has(r.role) && !seen.has(r.unitCode)) seen.set(r.unitCode, r.unitName);
    return [...seen].map(([value, name]) => ({ value, label: `${name} (${value})` }));
  }, [me.roles]);
  const [unit, setUnit] = useState<string | undefined>(units.length === 1 ? units[0]!.value : undefined);
  const statsUnit = unit ?? units[0]?.value;
  return (
    <div data-testid="fb-admin-page">
      <h1 className="page-title">{t("feedback.admin.title")}</h1>
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <span className="field-label">{t("feedback.admin.unit")}</span>
        <Select
          aria-label={t("feedback.admin.unit")}
          style={{ minWidth: 280, maxWidth: "100%" }}
          allowClear
          placeholder={t("feedback.admin.allUnits")}
          value={unit}
          onChange={(v?: string) => setUnit(v)}
          options={units}
          data-testid="fb-admin-unit"
        />
      </Space>
      <Tabs
        key={unit ?? ""}
        items={[
          { key: "list", label: t("feedback.admin.tabs.list"), children: <ListTab unit={unit} /> },
          ...(statsUnit
            ? [
                {
                  key: "stats",
                  label: t("feedback.admin.tabs.stats"),
                  children: <StatsTab unit={statsUnit} />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
