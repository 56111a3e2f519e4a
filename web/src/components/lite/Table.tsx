// A plain data table styled like antd's small Table, for the public pages that load without antd
// (the procedure page). No paging or sorting: these tables are short lists from one record.
import type { ReactNode } from "react";

export interface Column<Row> {
  key: string;
  title: ReactNode;
  render: (row: Row, index: number) => ReactNode;
  align?: "left" | "right";
  /** Hidden on narrow screens: below 576 px ("sm") or 768 px ("md"). */
  hideBelow?: "sm" | "md";
}

interface Props<Row> {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  rowClassName?: (row: Row) => string;
  empty?: ReactNode;
  caption?: ReactNode;
}

export function Table<Row>({ columns, rows, rowKey, rowClassName, empty, caption }: Props<Row>) {
  const cellClass = (column: Column<Row>) =>
    [
      column.align === "right" && "lite-table__cell--right",
      column.hideBelow && `lite-hide-${column.hideBelow}`,
    ]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className="lite-table">
      <table>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={cellClass(column)}>
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="lite-table__empty">
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr
                key={rowKey(row, index)}
                className={["lite-table__row", rowClassName?.(row)].filter(Boolean).join(" ")}
              >
                {columns.map((column) => (
                  <td key={column.key} className={cellClass(column)}>
                    {column.render(row, index)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
