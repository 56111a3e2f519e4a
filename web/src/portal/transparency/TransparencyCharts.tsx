// The transparency page's charts, a chunk of their own (ECharts loads after the figures are on
// screen): dossiers by month with the on-time share, satisfaction, and the units below compared.
// The ECharts hook and the hidden data table are the back office's (components/charts).
// Each chart is hidden from screen readers behind a named image; its figures are in a visually
// hidden table (the comparison's are in the page's table of units).
import { type ReactNode, useId, useMemo } from "react";
import { DataTable, type DataTableProps } from "../../components/charts/DataTable";
import { type EChartOption as Option, useEChart } from "../../components/charts/useEChart";
import type { TFunction } from "../../i18n";
import { useFormat } from "./format";
import type { Figures, Transparency } from "./transparencyApi";

const COLORS = {
  received: "#1d4ed8",
  resolved: "#0e7490",
  onTime: "#15803d",
  verySatisfied: "#15803d",
  satisfied: "#0e7490",
  normal: "#a16207",
  dissatisfied: "#b91c1c",
} as const;

const LEVELS = ["verySatisfied", "satisfied", "normal", "dissatisfied"] as const;

function Figure({
  title,
  alt,
  option,
  table,
  testId,
  height,
  wide = false,
  children,
}: {
  title: string;
  alt: string;
  option: Option | null;
  table?: DataTableProps;
  testId: string;
  /** Pixels, when the chart needs more than the default height (many bars). */
  height?: number;
  /** Spans the whole row of the grid. */
  wide?: boolean;
  children?: ReactNode;
}) {
  const headingId = useId();
  return (
    <figure
      className={wide ? "tp-chart tp-chart--wide" : "tp-chart"}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <figcaption>
        <h3 id={headingId} className="tp-chart__title">
          {title}
        </h3>
      </figcaption>
      {option ? <Canvas option={option} alt={alt} height={height} /> : children}
      {table && <DataTable {...table} />}
    </figure>
  );
}

function Canvas({ option, alt, height }: { option: Option; alt: string; height?: number }) {
  const ref = useEChart(option);
  return (
    <div
      ref={ref}
      className="tp-chart__canvas"
      style={height ? { height } : undefined}
      role="img"
      aria-label={alt}
      data-testid="chart-canvas"
    />
  );
}

const labels = (t: TFunction) => ({
  received: t("transparency.chart.received"),
  resolved: t("transparency.chart.resolved"),
  onTimeShare: t("transparency.chart.onTimeShare"),
});

export default function TransparencyCharts({ data }: { data: Transparency }) {
  const { t, num, pct, month } = useFormat();
  const year = data.year;
  const label = labels(t);
  const levelName = (level: (typeof LEVELS)[number]) => t(`transparency.level.${level}`);
  const satisfaction: Figures["satisfaction"] = data.totals.satisfaction;

  const options = useMemo(() => {
    const label = labels(t);
    const count = { formatter: (value: number) => num(value), hideOverlap: true };
    const levelName = (level: (typeof LEVELS)[number]) => t(`transparency.level.${level}`);
    const satisfaction = data.totals.satisfaction;
    const legend = { top: 0, type: "scroll" };
    const monthly: Option = {
      tooltip: { trigger: "axis" },
      legend,
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.months.map((m) => month(m.month)) },
      yAxis: [
        { type: "value", minInterval: 1, axisLabel: count },
        {
          type: "value",
          min: 0,
          max: 100,
          axisLabel: { formatter: (value: number) => pct(value) },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          type: "bar",
          name: label.received,
          data: data.months.map((m) => m.received),
          itemStyle: { color: COLORS.received },
        },
        {
          type: "bar",
          name: label.resolved,
          data: data.months.map((m) => m.resolved),
          itemStyle: { color: COLORS.resolved },
        },
        {
          type: "line",
          name: label.onTimeShare,
          yAxisIndex: 1,
          data: data.months.map((m) => m.onTimeShare ?? "-"),
          itemStyle: { color: COLORS.onTime },
          lineStyle: { color: COLORS.onTime, width: 2 },
        },
      ],
    };
    const donut: Option | null =
      satisfaction.rated === 0
        ? null
        : {
            tooltip: { trigger: "item" },
            legend: { bottom: 0 },
            series: [
              {
                type: "pie",
                radius: ["40%", "66%"],
                bottom: 48,
                label: { formatter: (p: { percent: number }) => pct(Math.round(p.percent * 10) / 10) },
                data: LEVELS.map((level) => ({
                  name: levelName(level),
                  value: satisfaction[level],
                  itemStyle: { color: COLORS[level] },
                })),
              },
            ],
          };
    const names = data.children.map((c) => c.name);
    const compare: Option | null =
      data.children.length === 0
        ? null
        : {
            tooltip: { trigger: "axis" },
            legend,
            grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
            xAxis: { type: "value", minInterval: 1, axisLabel: count },
            yAxis: {
              type: "category",
              data: names,
              inverse: true,
              axisLabel: { width: 110, overflow: "truncate" },
            },
            series: [
              {
                type: "bar",
                name: label.received,
                data: data.children.map((c) => c.received.total),
                itemStyle: { color: COLORS.received },
              },
              {
                type: "bar",
                name: label.resolved,
                data: data.children.map((c) => c.resolved.total),
                itemStyle: { color: COLORS.resolved },
              },
            ],
          };
    return { monthly, donut, compare };
  }, [data, month, num, pct, t]);

  return (
    <div className="tp-charts">
      <Figure
        title={t("transparency.chart.monthly")}
        alt={t("transparency.chart.monthlyAlt", { year })}
        option={options.monthly}
        testId="tp-chart-monthly"
        table={{
          caption: t("transparency.chart.monthlyCaption", { year }),
          columns: [t("transparency.chart.month"), label.received, label.resolved, label.onTimeShare],
          rows: data.months.map((m) => [
            t("transparency.chart.monthName", { month: Number(m.month.slice(5)) }),
            num(m.received),
            num(m.resolved),
            pct(m.onTimeShare),
          ]),
        }}
      />
      <Figure
        title={t("transparency.chart.satisfaction")}
        alt={t("transparency.chart.satisfactionAlt", { year })}
        option={options.donut}
        testId="tp-chart-satisfaction"
        table={
          satisfaction.rated === 0
            ? undefined
            : {
                caption: t("transparency.chart.satisfactionCaption", { year }),
                columns: [t("transparency.chart.level"), t("transparency.chart.count")],
                rows: LEVELS.map((level) => [levelName(level), num(satisfaction[level])]),
              }
        }
      >
        <p className="tp-chart__none" data-testid="tp-no-ratings">
          {t("transparency.chart.noRatings", { year })}
        </p>
      </Figure>
      {options.compare && (
        <Figure
          title={t("transparency.chart.children")}
          alt={t("transparency.chart.childrenAlt", { year })}
          option={options.compare}
          testId="tp-chart-children"
          height={Math.max(320, 72 + data.children.length * 36)}
          wide
        />
      )}
    </div>
  );
}
