// The desk's procedure search: a searchable select over the procedures the receiving unit serves
// (GET /api/public/procedures?unitId=&q=, diacritics optional), autofocused. Used inside a
// Form.Item, which passes id, value and onChange.
import { useEffect, useState } from "react";
import { catalog } from "../../api/endpoints";
import { LabelledSelect } from "../../components/LabelledSelect";
import { useApiQuery } from "../../components/useApiQuery";
import { useT } from "../../i18n";

const DEBOUNCE_MS = 250;

interface Props {
  id?: string;
  unitId: string;
  value?: string;
  onChange?: (code: string) => void;
}

export function DeskProcedureSelect({ id, unitId, value, onChange }: Props) {
  const t = useT();
  const [input, setInput] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(input.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);
  const results = useApiQuery(
    `desk-procedures:${unitId}:${query}`,
    (signal) =>
      catalog.search({ unitId, q: query, pageSize: 20, sort: query ? "relevance" : "code" }, signal),
    { keepPrevious: true },
  );
  const options = (results.data?.items ?? []).map((item) => ({
    value: item.code,
    label: `${item.code} – ${item.name}`,
  }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: value });
  const waiting = results.loading || input.trim() !== query;

  return (
    <LabelledSelect<string>
      id={id}
      listLabel={t("desk.procedure")}
      data-testid="desk-procedure"
      className="picker-field__select"
      placeholder={t("desk.procedurePlaceholder")}
      autoFocus
      value={value}
      options={waiting && input ? [] : options}
      loading={waiting}
      notFoundContent={waiting ? t("app.loading") : t("desk.noProcedures")}
      showSearch={{ filterOption: false, onSearch: setInput, searchValue: input }}
      onChange={(code) => {
        setInput("");
        onChange?.(code);
      }}
    />
  );
}
