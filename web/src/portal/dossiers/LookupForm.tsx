// "Look up a dossier by its code" (a search landmark): goes to /tra-cuu/:code, the address the
// receipt's QR code points to. Used on the lookup page and the portal home.
import { useEffect, useId, useState } from "react";
import { useNavigate } from "react-router";
import { SearchField } from "../../components/lite/SearchField";
import { useT } from "../../i18n";

export function LookupForm({ value = "", size = "middle" }: { value?: string; size?: "large" | "middle" }) {
  const t = useT();
  const navigate = useNavigate();
  const inputId = useId();
  const hintId = useId();
  const [input, setInput] = useState(value);
  useEffect(() => setInput(value), [value]);
  return (
    <search className="lookup-search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const code = input.trim();
          if (code) navigate(`/tra-cuu/${encodeURIComponent(code)}`);
        }}
      >
        <label htmlFor={inputId} className="field-label">
          {t("lookup.codeLabel")}
        </label>
        <SearchField
          id={inputId}
          size={size}
          inputTestId="lookup-code"
          buttonTestId="lookup-submit"
          spellCheck={false}
          placeholder={t("lookup.codePlaceholder")}
          buttonText={t("lookup.submit")}
          describedBy={hintId}
          value={input}
          onChange={setInput}
        />
        <p id={hintId} className="text-secondary lookup-search__hint">
          {t("lookup.hint")}
        </p>
      </form>
    </search>
  );
}
