// A labelled date input for the back office's period pickers (appointments, feedback, petitions):
// the value is a YYYY-MM-DD day; clearing the field keeps the last day chosen.
import { Input } from "antd";
import { useId } from "react";

export function DateInput({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <span>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>{" "}
      <Input
        id={id}
        type="date"
        value={value}
        onChange={(e) => e.target.value && onChange(e.target.value)}
        data-testid={testId}
        style={{ width: 170 }}
      />
    </span>
  );
}
