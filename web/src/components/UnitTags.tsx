import type { UnitLevel } from "../api/types";
import { useT } from "../i18n";
import { Tag } from "./lite/Tag";

/** Level tag with colours chosen for WCAG AA contrast (see styles.css). */
export function LevelTag({ level }: { level: UnitLevel }) {
  const t = useT();
  return <Tag className={`unit-tag unit-tag--${level}`}>{t(`level.${level}`)}</Tag>;
}

export function AbolishedTag() {
  const t = useT();
  return <Tag className="unit-tag unit-tag--abolished">{t("units.abolished")}</Tag>;
}
