// Choose a procedure the unit serves: a searchable select that asks the server as the user types
// (GET /api/public/procedures?unitId=…&q=…, diacritics-insensitive there).
import { useEffect, useId, useState } from "react";
import { catalog } from "../../api/endpoints";
import { LabelledSelect } from "../../components/LabelledSelect";
import { useApiQuery } from "../../components/useApiQuery";
import { useT } from "../../i18n";

interface Props {
  unitId: string | null;
  value: string | undefined;
  onChange: (code: string) => void;
}

const DEBOUNCE_MS = 300;

export function ProcedurePicker({ unitId, value, onChange }: Props) {
  const t = useT();
  const id = useId();
  const [input, setInput] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(input.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);
  const results = useApiQuery(
    unitId ? `procedures:${unitId}:${query}` : null,
    (signal) =>
      catalog.search({ unitId: unitId!, q: query, pageSize: 20, sort: query ? "relevance" : "code" }, signal),
    { keepPrevious: true },
  );
  const options = (results.data?.items ?? []).map((item) => ({
    value: item.code,
    label: `${item.code} – ${item.name}`,
  }));
  if (value && !options.some((option) => option.value === value)) {
    // A code from the address that is not among the results (the heading below names it).
    options.unshift({ value, label: value });
  }

  return (
    <div className="picker-field picker-field--wide">
      <label htmlFor={id} className="field-label">
        {t("processAdmin.procedure")}
      </label>
      <LabelledSelect<string>
        id={id}
        listLabel={t("processAdmin.procedure")}
        data-testid="process-procedure"
        className="picker-field__select"
        placeholder={t("processAdmin.procedurePlaceholder")}
        disabled={!unitId}
        value={value}
        options={options}
        loading={results.loading}
        notFoundContent={results.loading ? t("app.loading") : t("processAdmin.noProcedures")}
        showSearch={{ filterOption: false, onSearch: setInput, searchValue: input }}
        onChange={(code) => {
          setInput("");
          onChange(code);
        }}
      />
    </div>
  );
}
