// On-screen keypad for dossier codes (e.g. 000.19.753.H57-261124-0001): digits, dot and dash,
// with a letters page for the agency part of the code. Keys are large touch targets; every key is
// a real button, so the keypad also works with a keyboard and a screen reader.
import { useState } from "react";
import { useT } from "../i18n";

const DIGIT_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0", "-"];
const LETTER_KEYS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");

interface Props {
  /** Id of the field the keypad types into (aria-controls). */
  controls: string;
  onKey: (key: string) => void;
  onBackspace: () => void;
  onClear: () => void;
}

export function Keypad({ controls, onKey, onBackspace, onClear }: Props) {
  const t = useT();
  const [letters, setLetters] = useState(false);
  const keys = letters ? LETTER_KEYS : DIGIT_KEYS;
  const keyName = (key: string) =>
    key === "." ? t("kiosk.lookup.dot") : key === "-" ? t("kiosk.lookup.dash") : undefined;
  return (
    <fieldset className="kiosk-keypad" data-testid="kiosk-keypad">
      <legend className="kiosk-visually-hidden">{t("kiosk.lookup.keypad")}</legend>
      <div className={letters ? "kiosk-keypad__keys kiosk-keypad__keys--letters" : "kiosk-keypad__keys"}>
        {keys.map((key) => (
          <button
            key={key}
            type="button"
            className="kiosk-key"
            aria-controls={controls}
            aria-label={keyName(key)}
            data-testid={`kiosk-key-${key}`}
            onClick={() => onKey(key)}
          >
            {key}
          </button>
        ))}
      </div>
      <div className="kiosk-keypad__actions">
        <button
          type="button"
          className="kiosk-key kiosk-key--action"
          aria-pressed={letters}
          data-testid="kiosk-key-letters"
          onClick={() => setLetters((value) => !value)}
        >
          {letters ? t("kiosk.lookup.digits") : t("kiosk.lookup.letters")}
        </button>
        <button
          type="button"
          className="kiosk-key kiosk-key--action"
          aria-controls={controls}
          data-testid="kiosk-key-backspace"
          onClick={onBackspace}
        >
          <span aria-hidden="true">⌫ </span>
          {t("kiosk.lookup.backspace")}
        </button>
        <button
          type="button"
          className="kiosk-key kiosk-key--action"
          aria-controls={controls}
          data-testid="kiosk-key-clear"
          onClick={onClear}
        >
          {t("kiosk.lookup.clear")}
        </button>
      </div>
    </fieldset>
  );
}
