// One chart of the dashboard: a figure named by its heading, the ECharts drawing (hidden from
// screen readers, which get the same figures as a visually hidden table instead).
import type { ReactNode } from "react";
import { useId } from "react";
import { type EChartOption, useEChart } from "./useEChart";

export interface DataTableProps {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export function DataTable({ caption, columns, rows }: DataTableProps) {
  return (
    <table className="sr-only" data-testid="chart-data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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
