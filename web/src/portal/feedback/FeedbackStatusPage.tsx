// /phan-anh/:code: the status of feedback by its code, the deadline and the unit's answer once
// given; no personal data (the server returns none).
import { Descriptions, Tag } from "antd";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { formatVnDateTime } from "../../components/dossierFormat";
import { PageSpin } from "../../components/PageSpin";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { publicFeedback, serviceName } from "../../feedback/feedbackApi";
import { useI18n } from "../../i18n";
import "../../components/dossiers.css";
import "./feedback.css";

export default function FeedbackStatusPage() {
  const { t, lang } = useI18n();
  const code = (useParams().code ?? "").trim().toUpperCase();
  useDocumentTitle(t("feedback.status.title", { code }));
  const view = useApiQuery(`fb-lookup:${code}`, (signal) => publicFeedback.lookup(code, signal));
  const item = view.data;
  const missing = view.error instanceof ApiError && [400, 404].includes(view.error.status);
  return (
    <div className="fb-page" data-testid="fb-status-page">
      <h1 className="page-title">{t("feedback.status.title", { code })}</h1>
      {view.loading && !item && <PageSpin />}
      {missing && (
        <p role="status" data-testid="fb-not-found">
          {t("feedback.status.notFound")}
        </p>
      )}
      {!missing && <ProblemAlert error={view.error} onRetry={view.reload} />}
      {item && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            data-testid="fb-status"
            items={[
              {
                key: "status",
                label: t("feedback.status.state"),
                children: (
                  <span>
                    <strong data-testid="fb-status-value">{t(`feedback.statuses.${item.status}`)}</strong>{" "}
                    {item.overdue && (
                      <Tag className="dossier-tag dossier-tag--overdue">{t("feedback.status.overdue")}</Tag>
                    )}
                  </span>
                ),
              },
              { key: "kind", label: t("feedback.status.kind"), children: serviceName(item.service, lang) },
              { key: "unit", label: t("feedback.status.unit"), children: item.unit.name },
              { key: "sent", label: t("feedback.status.sent"), children: formatVnDateTime(item.createdAt) },
              { key: "due", label: t("feedback.status.due"), children: formatVnDateTime(item.dueAt) },
              { key: "photos", label: t("feedback.status.photos"), children: item.photos },
            ]}
          />
          <Panel title={t("feedback.status.reply")}>
            {item.reply ? (
              <>
                <p className="fb-reply" data-testid="fb-reply">
                  {item.reply}
                </p>
                {item.repliedAt && (
                  <p className="text-secondary">
                    {t("feedback.status.repliedAt", { at: formatVnDateTime(item.repliedAt) })}
                  </p>
                )}
              </>
            ) : (
              <p>{t("feedback.status.noReply")}</p>
            )}
            {item.publishedAt && (
              <p>
                <Link to="/phan-anh/cong-khai">
                  {t("feedback.status.published", { at: formatVnDateTime(item.publishedAt) })}
                </Link>
              </p>
            )}
          </Panel>
        </>
      )}
      <p>
        <Link to="/phan-anh">{t("feedback.published.send")}</Link>
      </p>
    </div>
  );
}
