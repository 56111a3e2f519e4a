// A simple Gantt of the steps on the working-hours axis, with the legal deadline as a line.
// Bars are decoration (aria-hidden); each row states its window in text.
import { useI18n } from "../../i18n";
import { formatHours } from "./processMath";

export interface TimelineStep {
  name: string;
  kind: "step" | "transfer" | "opinion";
  parallelGroup?: string | null;
  startHours: number;
  endHours: number;
}

export function ProcessTimeline({
  steps,
  limit,
  testId,
}: {
  steps: TimelineStep[];
  limit: number;
  testId: string;
}) {
  const { lang, t } = useI18n();
  const scale = Math.max(limit, ...steps.map((step) => step.endHours), 1);
  const percent = (hours: number) => `${(hours / scale) * 100}%`;
  return (
    <ol className="timeline" data-testid={testId}>
      {steps.map((step, index) => (
        <li key={`${index}-${step.name}`} className="timeline__row">
          <span className="timeline__label">
            {index + 1}. {step.name || t("processAdmin.unnamed")}
            {step.parallelGroup ? ` (${t("processAdmin.parallel", { group: step.parallelGroup })})` : ""}
            <span className="timeline__window">
              {t("processAdmin.window", {
                start: formatHours(step.startHours, lang),
                end: formatHours(step.endHours, lang),
              })}
            </span>
          </span>
          <span className="timeline__track" aria-hidden>
            <span
              className={`timeline__bar timeline__bar--${step.kind}${step.endHours > limit ? " timeline__bar--late" : ""}`}
              style={{
                left: percent(step.startHours),
                width: percent(Math.max(step.endHours - step.startHours, 0)),
              }}
            />
            <span className="timeline__deadline" style={{ left: percent(limit) }} />
          </span>
        </li>
      ))}
    </ol>
  );
}
