// How much of the legal deadline the steps use: a bar and the figures, red with a message when the
// total is longer than the deadline (the server will refuse it).
import { useI18n } from "../../i18n";
import { formatHours } from "./processMath";

interface Props {
  total: number;
  limit: number;
  testId: string;
}

export function DeadlineBar({ total, limit, testId }: Props) {
  const { lang, t } = useI18n();
  const over = total > limit;
  const share = limit > 0 ? Math.min(100, (total / limit) * 100) : 100;
  return (
    <div
      className={over ? "deadline-bar deadline-bar--over" : "deadline-bar"}
      data-testid={testId}
      data-over={over}
    >
      <p className="deadline-bar__figures">
        {t("processAdmin.totalAgainst", { total: formatHours(total, lang), limit: formatHours(limit, lang) })}
      </p>
      <div className="deadline-bar__track" aria-hidden>
        <div className="deadline-bar__fill" style={{ width: `${share}%` }} />
      </div>
      <p className="deadline-bar__message" aria-live="polite">
        {over
          ? t("processAdmin.over", { over: formatHours(Math.round((total - limit) * 100) / 100, lang) })
          : t("processAdmin.within", { left: formatHours(Math.round((limit - total) * 100) / 100, lang) })}
      </p>
    </div>
  );
}
