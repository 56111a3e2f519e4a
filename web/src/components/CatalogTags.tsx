import type { CatalogLevel, OnlineLevel } from "../api/types";
import { useT } from "../i18n";
import { Tag } from "./lite/Tag";
import { LevelTag } from "./UnitTags";

export function LevelTags({ levels }: { levels: readonly CatalogLevel[] }) {
  return (
    <span className="tag-list">
      {levels.map((level) => (
        <LevelTag key={level} level={level} />
      ))}
    </span>
  );
}

/** "Fully online" / "Partly online"; nothing for in-person-only procedures unless `showNone`. */
export function OnlineTag({ online, showNone = false }: { online: OnlineLevel; showNone?: boolean }) {
  const t = useT();
  if (online === "none" && !showNone) return null;
  return <Tag className={`online-tag online-tag--${online}`}>{t(`catalog.online.${online}`)}</Tag>;
}
