// The deadline of a petition as a coloured tag: red overdue, amber due within three days, green
// otherwise (the dossiers' tones).
import { Tag } from "antd";
import "../../components/dossiers.css";
import { useI18n } from "../../i18n";
import type { Due } from "./petitionsApi";

// The dossiers' tag tones (contrast checked by axe): overdue, due soon, on time.
const TONES = { overdue: "overdue", soon: "due_today", ok: "on_time", none: "neutral" } as const;

export function DueTag({ due }: { due: Due }) {
  const { t } = useI18n();
  if (due.level === "none" || due.daysLeft === null) return <span>{t("petitions.due.none")}</span>;
  const text =
    due.level === "overdue"
      ? t("petitions.due.overdue", { n: Math.max(1, -due.daysLeft) })
      : due.daysLeft === 0
        ? t("petitions.due.today")
        : t(`petitions.due.${due.level}`, { n: due.daysLeft });
  return (
    <Tag
      className={`dossier-tag dossier-tag--${TONES[due.level]}`}
      data-testid="petition-due"
      data-level={due.level}
    >
      {text}
    </Tag>
  );
}
