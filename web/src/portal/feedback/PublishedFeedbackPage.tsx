// /phan-anh/cong-khai (?unit=CODE&page=N): feedback its senders agreed to publish, with the
// answers; the server gives only the reviewed text (no personal data) and the photos the
// official chose.
import { Pagination } from "antd";
import { Link, useSearchParams } from "react-router";
import { formatVnDate } from "../../components/dossierFormat";
import { PageSpin } from "../../components/PageSpin";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { publicFeedback, serviceName } from "../../feedback/feedbackApi";
import { useI18n } from "../../i18n";
import "./feedback.css";

const PAGE_SIZE = 10;

export default function PublishedFeedbackPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t("feedback.published.title"));
  const [params, setParams] = useSearchParams();
  const unit = params.get("unit") ?? undefined;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const list = useApiQuery(
    `fb-published:${unit ?? ""}:${page}`,
    (signal) => publicFeedback.published({ unit, page, pageSize: PAGE_SIZE }, signal),
    { keepPrevious: true },
  );
  const data = list.data;
  return (
    <div className="fb-page" data-testid="fb-published-page">
      <h1 className="page-title">{t("feedback.published.title")}</h1>
      <p>{t("feedback.published.intro")}</p>
      <p>
        <Link to="/phan-anh">{t("feedback.published.send")}</Link>
      </p>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      {list.loading && !data && <PageSpin />}
      {data && data.items.length === 0 && (
        <p role="status" data-testid="fb-published-empty">
          {t("feedback.published.empty")}
        </p>
      )}
      {data && data.items.length > 0 && (
        <div data-testid="fb-published-loaded">
          <p role="status">{t("feedback.published.total", { n: data.total })}</p>
          <ul className="fb-list" data-testid="fb-published">
            {data.items.map((item) => (
              <li key={item.code} className="fb-item" data-testid="fb-published-item" data-code={item.code}>
                <h2>
                  {serviceName(item.service, lang)} · {item.unit.name}
                </h2>
                <p className="fb-item__meta">
                  {item.code} · {t("feedback.published.sent", { at: formatVnDate(item.createdAt) })}
                  {item.lat !== null && item.long !== null && (
                    <>
                      {" · "}
                      <a
                        href={`https://www.openstreetmap.org/?mlat=${item.lat}&mlon=${item.long}#map=18/${item.lat}/${item.long}`}
                        target="_blank"
                        rel="noreferrer"
                        className="fb-inline-link"
                      >
                        {t("feedback.published.map")}
                      </a>
                    </>
                  )}
                </p>
                <p className="fb-item__text">{item.text}</p>
                {item.photoUrls.length > 0 && (
                  <div className="fb-item__photos">
                    {item.photoUrls.map((url) => (
                      <a key={url} href={url} target="_blank" rel="noreferrer">
                        <img
                          src={url}
                          alt={t("feedback.published.photo", { code: item.code })}
                          loading="lazy"
                        />
                      </a>
                    ))}
                  </div>
                )}
                <div className="fb-item__reply">
                  <h3>{t("feedback.published.reply")}</h3>
                  <p className="fb-reply">{item.reply}</p>
                </div>
              </li>
            ))}
          </ul>
          <Pagination
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            showSizeChanger={false}
            hideOnSinglePage
            onChange={(p) => {
              const next = new URLSearchParams(params);
              next.set("page", String(p));
              setParams(next);
              window.scrollTo(0, 0);
            }}
            style={{ marginTop: 16 }}
          />
        </div>
      )}
    </div>
  );
}
