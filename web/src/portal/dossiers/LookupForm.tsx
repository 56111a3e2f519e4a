// "Look up a dossier by its code" (a search landmark): goes to /tra-cuu/:code, the address the
// receipt's QR code points to. Used on the lookup page and the portal home.
import { SearchOutlined } from "@ant-design/icons";
import { Button, Input, Space } from "antd";
import { useEffect, useId, useState } from "react";
import { useNavigate } from "react-router";
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
        <Space.Compact className="full-width">
          <Input
            id={inputId}
            size={size}
            data-testid="lookup-code"
            prefix={<SearchOutlined aria-hidden />}
            autoComplete="off"
            spellCheck={false}
            placeholder={t("lookup.codePlaceholder")}
            aria-describedby={hintId}
            value={input}
            onChange={(event) => setInput(event.target.value)}
          />
          <Button type="primary" size={size} htmlType="submit" data-testid="lookup-submit">
            {t("lookup.submit")}
          </Button>
        </Space.Compact>
        <p id={hintId} className="text-secondary lookup-search__hint">
          {t("lookup.hint")}
        </p>
      </form>
    </search>
  );
}
