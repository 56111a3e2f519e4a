// /admin/bang-dieu-khien: a unit's dashboard for leaders and supervisors — KPI tiles, dossiers
// over time, by sector and official, satisfaction, and the overdue list with who answers for each.
import { Card, Empty, Radio, Table, Typography } from "antd";
import { type ReactNode, useMemo } from "react";
import { Link } from "react-router";
import { formatVnDateTime } from "../../components/dossierFormat";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import "../planning.css";
import "./dashboard.css";
import { Chart } from "./Chart";
import { dashboard, type Granularity, type Summary } from "./dashboardApi";
import { RATING_COLORS, TIMELINESS_COLORS } from "./palette";
import { ReportFilters, useReportFilters } from "./reportFilters";

type ChartKey = "time" | "sector" | "official" | "satisfaction";
type TileKey = "received" | "resolved" | "onTimeRate" | "late" | "open" | "overdue" | "satisfactionRate";
const pct = (v: number | null) => (v === null ? "—" : `${v.toLocaleString("vi-VN")} %`);

function Tiles({ s }: { s: Summary }) {
  const t = useT();
  const tiles: [keyof Summary["totals"], string | number, string?][] = [
    ["received", s.totals.received],
    ["resolved", s.totals.resolved],
    ["onTimeRate", pct(s.totals.onTimeRate)],
    ["late", s.totals.late, "alert"],
    ["open", s.totals.open],
    ["overdue", s.totals.overdue, "alert"],
    ["satisfactionRate", pct(s.totals.satisfactionRate)],
  ];
  return (
    <ul className="dash-tiles" data-testid="dash-tiles">
      {tiles.map(([key, value, tone]) => (
        <li
          key={key}
          className={`dash-tile${tone && value ? " dash-tile--alert" : ""}`}
          data-testid={`tile-${key}`}
        >
          <span className="dash-tile__value">{value}</span>
          <span className="dash-tile__label">{t(`dashboard.tile.${key as TileKey}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function Charts({ s }: { s: Summary }) {
  const t = useT();
  const f = {
    received: t("dashboard.fig.received"),
    resolved: t("dashboard.fig.resolved"),
    early: t("dashboard.fig.early"),
    onTime: t("dashboard.fig.onTime"),
    late: t("dashboard.fig.late"),
    open: t("dashboard.fig.open"),
    overdue: t("dashboard.fig.overdue"),
  };
  const charts = useMemo(() => {
    const keys = s.series.map((b) =>
      s.granularity === "month" ? b.key : b.from.slice(5).split("-").reverse().join("/"),
    );
    const bar = (name: string, data: number[], color: string, stack?: string) => ({
      type: "bar",
      name,
      data,
      stack,
      itemStyle: { color },
    });
    const base = {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 32, containLabel: true },
    };
    const officials = s.byOfficial;
    return {
      time: {
        ...base,
        xAxis: { type: "category", data: keys },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          bar(
            f.early,
            s.series.map((b) => b.early),
            TIMELINESS_COLORS.early,
            "resolved",
          ),
          bar(
            f.onTime,
            s.series.map((b) => b.onTime),
            TIMELINESS_COLORS.onTime,
            "resolved",
          ),
          bar(
            f.late,
            s.series.map((b) => b.late),
            TIMELINESS_COLORS.late,
            "resolved",
          ),
          {
            type: "line",
            name: f.received,
            data: s.series.map((b) => b.received),
            itemStyle: { color: "#1d4ed8" },
          },
        ],
      },
      sector: {
        ...base,
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: s.bySector.map((x) => x.sector), inverse: true },
        series: [
          bar(
            f.received,
            s.bySector.map((x) => x.received),
            "#1d4ed8",
          ),
          bar(
            f.resolved,
            s.bySector.map((x) => x.resolved),
            TIMELINESS_COLORS.onTime,
          ),
          bar(
            f.overdue,
            s.bySector.map((x) => x.overdue),
            TIMELINESS_COLORS.late,
          ),
        ],
      },
      official: {
        ...base,
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: officials.map((o) => o.name), inverse: true },
        series: [
          bar(
            f.open,
            officials.map((o) => o.open),
            "#1d4ed8",
          ),
          bar(
            f.overdue,
            officials.map((o) => o.overdue),
            TIMELINESS_COLORS.late,
          ),
          bar(
            f.resolved,
            officials.map((o) => o.resolved),
            TIMELINESS_COLORS.onTime,
          ),
        ],
      },
      satisfaction: {
        tooltip: { trigger: "item" },
        legend: { top: 0 },
        series: [
          {
            type: "pie",
            radius: ["40%", "70%"],
            top: 30,
            data: s.satisfaction.map((r) => ({
              name: t(`dashboard.level.${r.level}`),
              value: r.count,
              itemStyle: { color: RATING_COLORS[r.level] },
            })),
          },
        ],
      },
    };
  }, [s, t, f.early, f.onTime, f.late, f.received, f.resolved, f.overdue, f.open]);

  // One card a chart; the figures also go to a visually hidden table (first column: the row's name).
  const tables: { key: ChartKey; columns: string[]; rows: (string | number)[][]; extra?: ReactNode }[] = [
    {
      key: "time",
      columns: [t("dashboard.bucket"), f.received, f.resolved, f.early, f.onTime, f.late],
      rows: s.series.map((b) => [`${b.from} – ${b.to}`, b.received, b.resolved, b.early, b.onTime, b.late]),
    },
    {
      key: "sector",
      columns: [t("dashboard.sector"), f.received, f.resolved, f.early, f.onTime, f.late, f.open, f.overdue],
      rows: s.bySector.map((x) => [
        x.sector,
        x.received,
        x.resolved,
        x.early,
        x.onTime,
        x.late,
        x.open,
        x.overdue,
      ]),
    },
    {
      key: "official",
      columns: [t("dashboard.official"), f.open, f.overdue, f.resolved, f.late],
      rows: s.byOfficial.map((o) => [o.name, o.open, o.overdue, o.resolved, o.late]),
    },
    {
      key: "satisfaction",
      columns: [t("dashboard.level.heading"), t("dashboard.count")],
      rows: s.satisfaction.map((r) => [t(`dashboard.level.${r.level}`), r.count]),
      extra:
        s.totals.ratings === 0 ? <p className="text-secondary">{t("dashboard.noRatings")}</p> : undefined,
    },
  ];

  return (
    <div className="dash-grid">
      {tables.map(({ key, columns, rows, extra }) => (
        <Card key={key} className={`section-card${key === "time" ? " dash-grid__wide" : ""}`}>
          <Chart
            testId={`chart-${key}`}
            title={t(`dashboard.chart.${key}`)}
            option={charts[key]}
            table={{ caption: t(`dashboard.chart.${key}`), columns, rows }}
            extra={extra}
          />
        </Card>
      ))}
    </div>
  );
}

function OverdueTable({ s }: { s: Summary }) {
  const t = useT();
  return (
    <Card
      className="section-card"
      title={<h2 className="card-heading">{t("dashboard.overdue.heading", { total: s.overdueTotal })}</h2>}
    >
      <div data-testid="overdue-table">
        <Table
          rowKey="id"
          size="middle"
          pagination={s.overdue.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          dataSource={s.overdue}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.overdue.empty")} />
            ),
          }}
          columns={[
            {
              key: "code",
              title: t("dashboard.overdue.code"),
              render: (_, r) => (
                <Link to={`/admin/ho-so/${r.id}`} className="dossier-code" data-testid="overdue-open">
                  {r.code ?? "—"}
                </Link>
              ),
            },
            { key: "procedure", dataIndex: "procedureName", title: t("dashboard.overdue.procedure") },
            {
              key: "applicant",
              dataIndex: "applicantName",
              title: t("dashboard.overdue.applicant"),
              responsive: ["lg"],
            },
            {
              key: "due",
              title: t("dashboard.overdue.due"),
              render: (_, r) => <span className="nowrap">{formatVnDateTime(r.dueAt)}</span>,
            },
            { key: "days", dataIndex: "daysOverdue", title: t("dashboard.overdue.days"), align: "right" },
            {
              key: "official",
              title: t("dashboard.overdue.official"),
              render: (_, r) => <span data-testid="overdue-official">{r.official?.name ?? "—"}</span>,
            },
          ]}
        />
      </div>
    </Card>
  );
}

export default function DashboardPage() {
  const t = useT();
  useDocumentTitle(t("dashboard.heading"));
  const filters = useReportFilters();
  const { unitId, from, to, granularity } = filters;
  const summary = useApiQuery(
    unitId ? `dashboard:${unitId}:${from}:${to}:${granularity}` : null,
    (signal) => dashboard.summary({ unitId: unitId!, from, to, granularity }, signal),
    { keepPrevious: true },
  );
  const s = summary.data;
  return (
    <>
      <Typography.Title level={1}>{t("dashboard.heading")}</Typography.Title>
      <Typography.Paragraph>{t("dashboard.intro")}</Typography.Paragraph>
      <ReportFilters filters={filters}>
        <fieldset className="picker-field dash-granularity">
          <legend className="field-label">{t("dashboard.granularity")}</legend>
          <Radio.Group
            optionType="button"
            value={granularity}
            onChange={(e) => filters.update({ granularity: e.target.value as Granularity })}
            options={(["day", "week", "month"] as const).map((g) => ({
              value: g,
              label: t(`dashboard.by.${g}`),
            }))}
            data-testid="report-granularity"
          />
        </fieldset>
      </ReportFilters>
      <ProblemAlert error={summary.error} onRetry={summary.reload} />
      {!unitId && !filters.loadingUnits && <Empty description={t("dashboard.noUnit")} />}
      {s && (
        <div aria-busy={summary.loading}>
          <p className="text-secondary" data-testid="dash-scope">
            {t(s.unit.subtree ? "dashboard.scopeSubtree" : "dashboard.scopeUnit", { unit: s.unit.name })}
          </p>
          <Tiles s={s} />
          <Charts s={s} />
          <OverdueTable s={s} />
        </div>
      )}
    </>
  );
}
