// The procedure search form (a search landmark): on the portal home it goes to /thu-tuc?q=…; on
// /thu-tuc it also searches while typing (debounced), without stealing the caret from the box.
import { useEffect, useId, useRef, useState } from "react";
import { SearchField } from "../../components/lite/SearchField";
import { useT } from "../../i18n";

interface Props {
  /** The query in force (from the address); the box follows it on Back/Forward. */
  value?: string;
  /** `typing` is true for a debounced search while typing (the page replaces the history entry). */
  onSearch: (query: string, typing: boolean) => void;
  /** Search while typing, this many milliseconds after the last keystroke. */
  debounceMs?: number;
  size?: "large" | "middle";
  hint?: string;
}

export function ProcedureSearchBox({ value = "", onSearch, debounceMs, size = "middle", hint }: Props) {
  const t = useT();
  const inputId = useId();
  const hintId = useId();
  const [input, setInput] = useState(value);
  const shown = useRef(value);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(onSearch);
  latest.current = onSearch;

  // A new query from the address (Back, a link) replaces what is in the box.
  useEffect(() => {
    if (value === shown.current) return;
    shown.current = value;
    setInput(value);
  }, [value]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const emit = (text: string, typing: boolean) => {
    window.clearTimeout(timer.current);
    const query = text.trim();
    shown.current = query;
    latest.current(query, typing);
  };

  const change = (text: string) => {
    setInput(text);
    if (debounceMs === undefined) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => emit(text, true), debounceMs);
  };

  return (
    <search className="procedure-search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          emit(input, false);
        }}
      >
        <label htmlFor={inputId} className="field-label">
          {t("procedures.searchLabel")}
        </label>
        <SearchField
          id={inputId}
          type="search"
          size={size}
          inputTestId="procedure-search"
          buttonTestId="procedure-search-submit"
          placeholder={t("procedures.searchPlaceholder")}
          buttonText={t("procedures.searchButton")}
          describedBy={hint ? hintId : undefined}
          value={input}
          onChange={change}
        />
        {hint && (
          <p id={hintId} className="text-secondary procedure-search__hint">
            {hint}
          </p>
        )}
      </form>
    </search>
  );
}
