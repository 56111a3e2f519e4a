// The figures of a chart as a table for screen readers (the drawing itself is a named image),
// visually hidden. The wrapper hides it: a table box does not clip its cells, which would widen
// the page on a phone.
export interface DataTableProps {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export function DataTable({ caption, columns, rows }: DataTableProps) {
  return (
    <div className="sr-only">
      <table data-testid="chart-data">
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
    </div>
  );
}
