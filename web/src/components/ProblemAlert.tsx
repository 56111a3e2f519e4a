import { useI18n } from "../i18n";
import { Alert } from "./lite/Alert";
import { Button } from "./lite/Button";
import { type FieldFilter, fieldProblems, matchesField, problemText } from "./problem";

interface Props {
  error: unknown;
  /** Form fields that show their own errors; other field problems are listed in the alert. */
  fields?: FieldFilter;
  onRetry?: () => void;
}

/** The server's problem message in the current language; re-renders when the language changes. */
export function ProblemAlert({ error, fields = [], onRetry }: Props) {
  const { lang, t } = useI18n();
  if (!error) return null;
  const others = fieldProblems(error).filter((problem) => !matchesField(fields, problem.field));
  return (
    <Alert
      type="error"
      className="problem-alert"
      title={problemText(error, lang, t)}
      description={
        others.length > 0 ? (
          <ul className="problem-list">
            {others.map((problem) => (
              <li key={problem.path}>{problem.message[lang] || problem.message.vi}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("errors.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
