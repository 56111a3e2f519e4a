// GOV.UK error summary: at the top of the page, focused when it appears, one link per problem that
// takes the user to the field (switching the wizard's step first when needed).
import { useEffect, useRef } from "react";
import { useI18n } from "../../i18n";

export interface SummaryItem {
  /** The field's name as the server names it ("applicant.phone", "formData.fullName"); "" if none. */
  field: string;
  message: string;
}

/** The DOM id antd gives a field of the form named `formName` ("applicant.phone" → "online_applicant_phone"). */
export function fieldDomId(formName: string, field: string): string {
  return `${formName}_${field.split(".").join("_")}`;
}

interface Props {
  items: SummaryItem[];
  formName: string;
  onFollow: (field: string) => void;
  /** Changes whenever a new set of problems is shown, to move the focus to the summary again. */
  shownAt: number;
}

export function ErrorSummary({ items, formName, onFollow, shownAt }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shownAt > 0) ref.current?.focus();
  }, [shownAt]);
  if (items.length === 0) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      ref={ref}
      data-testid="error-summary"
    >
      <h2 className="error-summary__title" id="error-summary-title">
        {t("filing.errors.title")}
      </h2>
      <ul className="error-summary__list">
        {items.map((item, i) => (
          <li key={`${item.field}-${i}`}>
            {item.field ? (
              <a
                href={`#${fieldDomId(formName, item.field)}`}
                data-testid="error-summary-link"
                data-field={item.field}
                onClick={(event) => {
                  event.preventDefault();
                  onFollow(item.field);
                }}
              >
                {item.message}
              </a>
            ) : (
              <span data-testid="error-summary-text">{item.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
