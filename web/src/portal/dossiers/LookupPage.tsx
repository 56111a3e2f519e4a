// /tra-cuu and /tra-cuu/:code (the receipt's QR target): a dossier's status without signing in —
// state, the applicant's masked name, procedure, unit, dates, the public timeline and the signed
// electronic results with their live signature check.
import { Descriptions, Spin, Timeline } from "antd";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import { dossiers } from "../../api/endpoints";
import type { DossierLookup } from "../../api/types";
import { StateTag, TimelinessTag } from "../../components/DossierTags";
import { formatVnDateTime } from "../../components/dossierFormat";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "./portalDossiers.css";
import { LookupForm } from "./LookupForm";
import { LookupResults } from "./LookupResults";

function LookupResult({ result }: { result: DossierLookup }) {
  const { lang, t } = useI18n();
  const items = [
    {
      key: "state",
      label: t("dossier.state"),
      children: (
        <span className="lookup-tags">
          <StateTag state={result.state} label={result.stateLabel} />
          <TimelinessTag timeliness={result.timeliness} />
        </span>
      ),
    },
    {
      key: "applicant",
      label: t("dossier.applicant"),
      children: <span data-testid="lookup-applicant">{result.applicantName}</span>,
    },
    { key: "procedure", label: t("dossier.procedure"), children: result.procedureName },
    { key: "unit", label: t("dossier.handlingUnit"), children: result.unitName },
    { key: "received", label: t("dossier.receivedAt"), children: formatVnDateTime(result.receivedAt) || "—" },
    {
      key: "due",
      label: t("dossier.dueAt"),
      children: <strong data-testid="lookup-due">{formatVnDateTime(result.dueAt) || "—"}</strong>,
    },
    ...(result.promisedAt
      ? [{ key: "promised", label: t("dossier.promisedAt"), children: formatVnDateTime(result.promisedAt) }]
      : []),
    ...(result.resolvedAt
      ? [{ key: "resolved", label: t("dossier.resolvedAt"), children: formatVnDateTime(result.resolvedAt) }]
      : []),
    ...(result.returnedAt
      ? [{ key: "returned", label: t("dossier.returnedAt"), children: formatVnDateTime(result.returnedAt) }]
      : []),
  ];
  return (
    <>
      <Panel title={t("lookup.resultHeading", { code: result.code })} className="lookup-result">
        <p className="dossier-code dossier-code--large" data-testid="lookup-result-code">
          {result.code}
        </p>
        <Descriptions column={1} size="small" bordered items={items} data-testid="lookup-result" />
      </Panel>
      <LookupResults code={result.code} />
      <Panel title={t("lookup.timelineHeading")}>
        <div data-testid="lookup-timeline">
          <Timeline
            items={result.timeline.map((entry, index) => ({
              key: index,
              title: <span className="nowrap">{formatVnDateTime(entry.at)}</span>,
              content: (
                <>
                  <strong>{entry.stateLabel[lang] || entry.stateLabel.vi}</strong>
                  {entry.stepName && <div className="text-secondary">{entry.stepName}</div>}
                </>
              ),
            }))}
          />
        </div>
      </Panel>
    </>
  );
}

export default function LookupPage() {
  const { t } = useI18n();
  const code = (useParams().code ?? "").trim();
  const query = useApiQuery(code ? `lookup:${code}` : null, (signal) => dossiers.lookup(code, signal));
  const missing = query.error instanceof ApiError && [400, 404].includes(query.error.status);
  useDocumentTitle(code ? t("lookup.titleWithCode", { code }) : t("lookup.title"));

  return (
    <div className="lookup-page" data-testid="lookup-page">
      <h1 className="page-title">{t("lookup.heading")}</h1>
      <p>{t("lookup.intro")}</p>
      <Panel title={t("lookup.formHeading")}>
        <LookupForm value={code} />
      </Panel>
      {code && missing && (
        <div className="not-found lookup-not-found" data-testid="lookup-not-found" role="status">
          <h2 className="page-title">{t("lookup.notFound")}</h2>
          <p>{t("lookup.notFoundText", { code })}</p>
        </div>
      )}
      {code && !missing && <ProblemAlert error={query.error} onRetry={query.reload} />}
      {code && query.loading && !query.data && (
        <div className="page-spin" role="status">
          <Spin description={t("app.loading")} />
        </div>
      )}
      {query.data && <LookupResult result={query.data} />}
    </div>
  );
}
