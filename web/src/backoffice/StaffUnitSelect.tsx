// A labelled, searchable choice of one of the staff user's units (see staffUnits.ts).
import { useId } from "react";
import { LabelledSelect } from "../components/LabelledSelect";
import { foldText } from "../components/unitTree";
import { useT } from "../i18n";
import type { UnitOption } from "./staffUnits";

interface Props {
  value: string | undefined;
  options: UnitOption[];
  loading: boolean;
  onChange: (unitId: string) => void;
  testId: string;
}

export function StaffUnitSelect({ value, options, loading, onChange, testId }: Props) {
  const t = useT();
  const id = useId();
  return (
    <div className="picker-field">
      <label htmlFor={id} className="field-label">
        {t("planning.unit")}
      </label>
      <LabelledSelect<string>
        id={id}
        listLabel={t("planning.unit")}
        data-testid={testId}
        className="picker-field__select"
        placeholder={t("planning.unitPlaceholder")}
        value={value}
        options={options}
        loading={loading}
        onChange={onChange}
        showSearch={{
          filterOption: (input, option) => foldText(String(option?.label ?? "")).includes(foldText(input)),
        }}
      />
    </div>
  );
}
