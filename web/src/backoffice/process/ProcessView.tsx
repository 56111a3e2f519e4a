// The process in force (steps, timeline against the deadline) and the list of approved versions.
import { Descriptions, Empty, Table, type TableColumnsType } from "antd";
import type { ProcessVersionSummary, ProcessView, ScheduledStep } from "../../api/types";
import { formatDeadline } from "../../components/catalogFormat";
import { formatDate, useI18n } from "../../i18n";
import { DeadlineBar } from "./DeadlineBar";
import { ProcessTimeline } from "./ProcessTimeline";
import { formatHours } from "./processMath";

export function ProcedureFacts({ view }: { view: ProcessView }) {
  const { lang, t } = useI18n();
  return (
    <Descriptions
      column={{ xs: 1, md: 3 }}
      size="small"
      data-testid="process-facts"
      items={[
        {
          key: "name",
          label: t("processAdmin.procedure"),
          children: `${view.procedure.code} – ${view.procedure.name}`,
        },
        {
          key: "deadline",
          label: t("processAdmin.deadline"),
          children: (
            <span data-testid="process-deadline">
              {formatDeadline({ ...view.procedure.deadline, note: null }, lang, t)} (
              {t("processAdmin.hoursValue", { hours: formatHours(view.deadlineHours, lang) })})
            </span>
          ),
        },
        {
          key: "perDay",
          label: t("processAdmin.perDay"),
          children: t("processAdmin.hoursValue", { hours: formatHours(view.workingHoursPerDay, lang) }),
        },
      ]}
    />
  );
}

export function CurrentProcess({
  view,
  agencyNames,
}: {
  view: ProcessView;
  agencyNames: Map<string, string>;
}) {
  const { lang, t } = useI18n();
  const current = view.current;
  if (!current)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("processAdmin.noCurrent")} />;
  const columns: TableColumnsType<ScheduledStep & { key: number }> = [
    { key: "n", title: "#", render: (_, row) => row.key + 1 },
    { key: "name", dataIndex: "name", title: t("processAdmin.stepName") },
    {
      key: "kind",
      dataIndex: "kind",
      title: t("processAdmin.kind"),
      render: (_, row) => t(`processAdmin.kinds.${row.kind}`),
    },
    {
      key: "assignee",
      title: t("processAdmin.assignee"),
      render: (_, row) =>
        [
          row.role ? t(`roles.${row.role}`) : "",
          row.agencyId ? (agencyNames.get(row.agencyId) ?? row.agencyId) : "",
        ]
          .filter(Boolean)
          .join(" · "),
    },
    {
      key: "hours",
      dataIndex: "hours",
      title: t("processAdmin.hours"),
      render: (v: number) => formatHours(v, lang),
    },
    { key: "group", dataIndex: "parallelGroup", title: t("processAdmin.group"), render: (v) => v ?? "" },
  ];
  return (
    <div data-testid="process-current">
      <Descriptions
        column={{ xs: 1, md: 3 }}
        size="small"
        items={[
          {
            key: "version",
            label: t("processAdmin.version"),
            children: <span data-testid="process-version">{current.version}</span>,
          },
          { key: "decision", label: t("processAdmin.decisionRef"), children: current.decisionRef },
          {
            key: "approvedOn",
            label: t("processAdmin.approvedOn"),
            children: formatDate(current.approvedOn, lang),
          },
        ]}
      />
      <Table
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={current.steps.map((step, index) => ({ ...step, key: index }))}
        pagination={false}
        scroll={{ x: "max-content" }}
      />
      <DeadlineBar total={current.totalHours} limit={view.deadlineHours} testId="current-deadline" />
      <ProcessTimeline steps={current.steps} limit={view.deadlineHours} testId="current-timeline" />
    </div>
  );
}

export function ProcessHistory({ view }: { view: ProcessView }) {
  const { lang, t } = useI18n();
  const columns: TableColumnsType<ProcessVersionSummary> = [
    { key: "version", dataIndex: "version", title: t("processAdmin.version") },
    { key: "decisionRef", dataIndex: "decisionRef", title: t("processAdmin.decisionRef") },
    {
      key: "approvedOn",
      dataIndex: "approvedOn",
      title: t("processAdmin.approvedOn"),
      render: (v: string) => formatDate(v, lang),
    },
    {
      key: "totalHours",
      dataIndex: "totalHours",
      title: t("processAdmin.totalHours"),
      render: (v: number) => t("processAdmin.hoursValue", { hours: formatHours(v, lang) }),
    },
  ];
  return (
    <div data-testid="process-history">
      <Table<ProcessVersionSummary>
        rowKey="version"
        size="small"
        columns={columns}
        dataSource={view.history}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("processAdmin.noHistory")} />,
        }}
      />
    </div>
  );
}
