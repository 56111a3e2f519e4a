// A bordered two-column list of labelled facts (label | value), like antd's Descriptions with one
// column; a table with row headers, so screen readers pair each value with its label.
import type { ReactNode } from "react";

export interface Fact {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

export function Facts({ items, "data-testid": testId }: { items: Fact[]; "data-testid"?: string }) {
  return (
    <table className="lite-facts" data-testid={testId}>
      <tbody>
        {items.map((item) => (
          <tr key={item.key}>
            <th scope="row">{item.label}</th>
            <td>{item.children}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
