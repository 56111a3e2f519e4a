// One chart of the dashboard: a figure named by its heading, the ECharts drawing (hidden from
// screen readers, which get the same figures as a visually hidden table instead).
import type { ReactNode } from "react";
import { useId } from "react";
import "../../components/charts/chart.css";
import { DataTable, type DataTableProps } from "../../components/charts/DataTable";
import { type EChartOption, useEChart } from "../../components/charts/useEChart";

export function Chart({
  title,
  option,
  table,
  testId,
  extra,
}: {
  title: string;
  option: EChartOption;
  table: DataTableProps;
  testId: string;
  extra?: ReactNode;
}) {
  const ref = useEChart(option);
  const headingId = useId();
  return (
    <figure className="dash-chart" aria-labelledby={headingId} data-testid={testId}>
      <figcaption>
        <h2 id={headingId} className="card-heading">
          {title}
        </h2>
        {extra}
      </figcaption>
      <div ref={ref} className="dash-chart__canvas" role="img" aria-label={table.caption} />
      <DataTable {...table} />
    </figure>
  );
}
