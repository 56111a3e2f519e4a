// A text box with a search glyph joined to its submit button (antd's Input + Button in a
// Space.Compact, without antd). The label and hint belong to the caller's form.
import SearchOutlined from "@ant-design/icons-svg/es/asn/SearchOutlined";
import { Button } from "./Button";
import { Icon } from "./Icon";

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  buttonText: string;
  size?: "middle" | "large";
  type?: "search" | "text";
  describedBy?: string;
  spellCheck?: boolean;
  inputTestId: string;
  buttonTestId: string;
}

export function SearchField({
  id,
  value,
  onChange,
  placeholder,
  buttonText,
  size = "middle",
  type = "text",
  describedBy,
  spellCheck,
  inputTestId,
  buttonTestId,
}: Props) {
  return (
    <div className={`lite-search lite-search--${size}`}>
      <span className="lite-search__box">
        <Icon icon={SearchOutlined} className="lite-search__glyph" />
        <input
          id={id}
          type={type}
          className="lite-search__input"
          data-testid={inputTestId}
          autoComplete="off"
          spellCheck={spellCheck}
          placeholder={placeholder}
          aria-describedby={describedBy}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      </span>
      <Button
        variant="primary"
        size={size}
        type="submit"
        data-testid={buttonTestId}
        className="lite-search__submit"
      >
        {buttonText}
      </Button>
    </div>
  );
}
