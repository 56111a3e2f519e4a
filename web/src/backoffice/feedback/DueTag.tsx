// The deadline of a feedback item as a coloured tag (the dossiers' tones): answered on time or
// late; still waiting: overdue (red), due today or within two days (amber), otherwise green.
import { Tag } from "antd";
import "../../components/dossiers.css";
import type { FeedbackItem } from "../../feedback/feedbackApi";
import { useI18n } from "../../i18n";

const DAY_MS = 86_400_000;

export type DueLevel = "late" | "on_time" | "overdue" | "due_today" | "due_soon" | "early" | "none";

/** The tone and days left of an item's deadline at `now`. */
export function dueLevel(
  item: Pick<FeedbackItem, "status" | "dueAt" | "repliedAt" | "overdue">,
  now = Date.now(),
): { level: DueLevel; days: number } {
  const days = Math.ceil((Date.parse(item.dueAt) - now) / DAY_MS);
  if (item.repliedAt) return { level: item.overdue ? "late" : "on_time", days };
  if (item.status === "rejected" || item.status === "closed") return { level: "none", days };
  if (item.overdue) return { level: "overdue", days };
  if (days <= 0) return { level: "due_today", days: 0 };
  return { level: days <= 2 ? "due_soon" : "early", days };
}

export function DueTag({ item }: { item: Pick<FeedbackItem, "status" | "dueAt" | "repliedAt" | "overdue"> }) {
  const { t } = useI18n();
  const { level, days } = dueLevel(item);
  const text = {
    late: t("feedback.admin.dueLate"),
    on_time: t("feedback.admin.dueAnswered"),
    overdue: t("feedback.admin.dueOverdue"),
    due_today: t("feedback.admin.dueToday"),
    due_soon: t("feedback.admin.dueSoon", { n: days }),
    early: t("feedback.admin.dueOk", { n: days }),
    none: "",
  }[level];
  if (level === "none") return <span>{t("feedback.admin.detail.none")}</span>;
  return (
    <Tag className={`dossier-tag dossier-tag--${level}`} data-testid="fb-due" data-level={level}>
      {text}
    </Tag>
  );
}
