// Tags of a dossier: its state (the server's label), how it was resolved (early / on time / late)
// and how close it is to its due date. Every colour comes with text, never colour alone.
import { Tag } from "antd";
import type { DossierState, DueBucket, LocalizedText, Timeliness } from "../api/types";
import { useI18n } from "../i18n";
import { formatVnDateTime } from "./dossierFormat";
import "./dossiers.css";

const STATE_TONE: Record<DossierState, string> = {
  draft: "neutral",
  submitted: "waiting",
  received: "active",
  processing: "active",
  transferred: "active",
  supplement_requested: "attention",
  suspended: "attention",
  result_ready: "ready",
  returned: "done",
  refused: "ended",
  withdrawn: "neutral",
  stopped: "ended",
};

export function StateTag({ state, label }: { state: DossierState; label: LocalizedText }) {
  const { lang } = useI18n();
  return (
    <Tag className={`dossier-tag dossier-tag--${STATE_TONE[state]}`} data-testid="dossier-state">
      {label[lang] || label.vi}
    </Tag>
  );
}

export function TimelinessTag({ timeliness }: { timeliness: Timeliness | null }) {
  const { t } = useI18n();
  if (!timeliness) return null;
  return (
    <Tag className={`dossier-tag dossier-tag--${timeliness}`} data-testid="dossier-timeliness">
      {t(`dossier.timeliness.${timeliness}`)}
    </Tag>
  );
}

/** The due date and time, with a tag when it is overdue, due today or due soon. */
export function DueCell({ dueAt, bucket }: { dueAt: string | null; bucket: DueBucket }) {
  const { t } = useI18n();
  if (!dueAt) return <span className="text-secondary">—</span>;
  const flagged = bucket === "overdue" || bucket === "due_today" || bucket === "due_soon";
  return (
    <span className={`due-cell due-cell--${bucket}`} data-bucket={bucket}>
      <span className="nowrap">{formatVnDateTime(dueAt)}</span>
      {flagged && (
        <Tag className={`dossier-tag dossier-tag--${bucket}`} data-testid="due-bucket">
          {t(`dossier.bucket.${bucket}`)}
        </Tag>
      )}
    </span>
  );
}
