// The unit's own revisions of a procedure's form, newest first (the stored rows are never changed).
import { Empty, List, Tag } from "antd";
import type { BuilderForm } from "../../components/eform/api";
import { formatDateTime, useI18n } from "../../i18n";

export function RevisionList({ revisions }: { revisions: BuilderForm["revisions"] }) {
  const { lang, t } = useI18n();
  if (revisions.length === 0) return <Empty description={t("eform.builder.noRevisions")} />;
  return (
    <List
      size="small"
      data-testid="builder-revisions"
      dataSource={revisions}
      renderItem={(r, i) => (
        <List.Item key={r.id}>
          <span>
            <Tag className={i === 0 ? "eform-tag--current" : undefined}>
              {t("eform.revision", { n: r.revision })}
            </Tag>
            {r.title}
          </span>
          <span className="text-secondary">
            {formatDateTime(r.createdAt, lang)}
            {r.createdBy ? ` · ${r.createdBy}` : ""}
          </span>
        </List.Item>
      )}
    />
  );
}
