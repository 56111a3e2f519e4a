// /ho-so-cua-toi/:id: one dossier of the signed-in citizen — state, code (its public status
// page), due date, the filled form, documents and results, the history; answering a supplement
// request online; rating once it is returned; "continue" for a draft.
import { SafetyCertificateOutlined, TeamOutlined } from "@ant-design/icons";
import { Descriptions, Spin, Tag } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { documents } from "../../api/endpoints";
import type { DossierDocument } from "../../api/types";
import { StateTag, TimelinessTag } from "../../components/DossierTags";
import { formatVnDateTime } from "../../components/dossierFormat";
import { EformView } from "../../components/eform/EformView";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { PaymentPanel } from "../../payments/PaymentPanel";
import { filing, type PortalDossier } from "../filing/filingApi";
import { RatingPanel } from "../filing/RatingPanel";
import { SupplementAnswer } from "../filing/SupplementAnswer";
import { citizenOf, usePortalSession } from "../portalSession";
import "../filing/filing.css";
import "./portalDossiers.css";
import { SignInPrompt } from "./SignInPrompt";

function Facts({ d }: { d: PortalDossier }) {
  const { t } = useI18n();
  const items = [
    {
      key: "state",
      label: t("dossier.state"),
      children: (
        <span className="lookup-tags">
          <StateTag state={d.state} label={d.stateLabel} />
          <TimelinessTag timeliness={d.timeliness} />
        </span>
      ),
    },
    {
      key: "code",
      label: t("dossier.code"),
      children: d.code ? (
        <Link
          to={`/tra-cuu/${encodeURIComponent(d.code)}`}
          className="dossier-code"
          data-testid="my-dossier-code"
        >
          {d.code}
        </Link>
      ) : (
        t("myDossiers.awaitingCode")
      ),
    },
    { key: "unit", label: t("dossier.receivingUnit"), children: d.unit.name },
    { key: "channel", label: t("dossier.channelLabel"), children: t(`dossier.channel.${d.channel}`) },
    {
      key: "delivery",
      label: t("filing.delivery.resultDelivery"),
      children: t(`filing.resultDelivery.${d.resultDelivery}`),
    },
    ...(d.submittedAt
      ? [{ key: "submitted", label: t("dossier.submittedAt"), children: formatVnDateTime(d.submittedAt) }]
      : []),
    ...(d.receivedAt
      ? [{ key: "received", label: t("dossier.receivedAt"), children: formatVnDateTime(d.receivedAt) }]
      : []),
    ...(d.dueAt
      ? [
          {
            key: "due",
            label: t("dossier.dueAt"),
            children: <span data-testid="my-dossier-due">{formatVnDateTime(d.dueAt)}</span>,
          },
        ]
      : []),
    ...(d.returnedAt
      ? [{ key: "returned", label: t("dossier.returnedAt"), children: formatVnDateTime(d.returnedAt) }]
      : []),
  ];
  return <Descriptions column={1} size="small" bordered items={items} data-testid="my-dossier-facts" />;
}

function FileItem({ doc }: { doc: DossierDocument }) {
  const { t } = useI18n();
  return (
    <li data-testid={doc.kind === "result" ? "my-result" : "my-dossier-file"} data-name={doc.name}>
      <a href={doc.contentUrl} target="_blank" rel="noopener" data-testid="my-file-link">
        {doc.name}
      </a>{" "}
      {doc.signed && (
        <Tag className="signed-tag" icon={<SafetyCertificateOutlined aria-hidden />}>
          {t("documents.signed")}
        </Tag>
      )}
      <span className="text-secondary"> · {formatVnDateTime(doc.createdAt)}</span>
    </li>
  );
}

function Timeline({ d }: { d: PortalDossier }) {
  const { lang } = useI18n();
  return (
    <ol className="dossier-timeline" data-testid="my-dossier-timeline">
      {[...d.events].reverse().map((e) => (
        <li key={e.seq} data-testid="my-dossier-event" data-command={e.command}>
          <div className="dossier-timeline__when">{formatVnDateTime(e.at)}</div>
          <div>
            <strong>{e.commandLabel[lang] || e.commandLabel.vi}</strong>
            {e.stepName ? ` – ${e.stepName}` : ""}
          </div>
          {e.note && <div className="text-secondary">{e.note}</div>}
        </li>
      ))}
    </ol>
  );
}

export default function MyDossierPage() {
  const { t } = useI18n();
  const id = useParams().id ?? "";
  const { session } = usePortalSession();
  const citizen = citizenOf(session);
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const query = useApiQuery(
    citizen && valid ? `my-dossier:${id}:${version}` : null,
    (signal) => filing.dossier(id, signal),
    { keepPrevious: true },
  );
  const files = useApiQuery(
    citizen && valid ? `my-dossier-files:${id}:${version}` : null,
    (signal) => documents.list(id, signal),
    { keepPrevious: true },
  );
  const d = query.data;
  useDocumentTitle(d ? t("filing.detail.titleWith", { name: d.procedure.name }) : t("filing.detail.title"));
  const missing = !valid || (query.error instanceof ApiError && [400, 404].includes(query.error.status));
  const results = (files.data?.items ?? []).filter((doc) => doc.kind === "result");
  const others = (files.data?.items ?? []).filter((doc) => doc.kind !== "result");

  return (
    <div className="my-dossier-page" data-testid="my-dossier-page" data-state={d?.state}>
      <h1 className="page-title">{d ? d.procedure.name : t("filing.detail.title")}</h1>
      <p>
        <Link to="/ho-so-cua-toi">{t("filing.detail.back")}</Link>
      </p>
      {session.status === "loading" || (citizen && valid && !d && query.loading) ? (
        <div className="page-spin" role="status">
          <Spin description={t("app.loading")} />
        </div>
      ) : !citizen ? (
        <SignInPrompt staff={session.status === "signedIn"} />
      ) : missing ? (
        <p data-testid="my-dossier-not-found">{t("filing.detail.notFound")}</p>
      ) : (
        <>
          <ProblemAlert error={query.error} onRetry={query.reload} />
          {d && (
            <>
              <Panel title={t("filing.detail.statusHeading")}>
                {d.assistedBy && (
                  <p data-testid="my-dossier-assisted">
                    <Tag className="assisted-tag" icon={<TeamOutlined aria-hidden />}>
                      {t("filing.detail.assisted")}
                    </Tag>{" "}
                    {t("filing.detail.assistedBy", { name: d.assistedBy.name })}
                  </p>
                )}
                {d.state === "draft" && (
                  <p>
                    <Link
                      to={`/nop-truc-tuyen/${d.procedure.code}?draft=${d.id}`}
                      data-testid="my-dossier-continue"
                    >
                      {t("filing.my.continue")}
                    </Link>
                  </p>
                )}
                <Facts d={d} />
              </Panel>
              {d.state === "supplement_requested" && <SupplementAnswer dossier={d} onDone={reload} />}
              <PaymentPanel dossier={d} />
              {results.length > 0 && (
                <Panel title={t("filing.detail.resultsHeading")}>
                  <ul className="filing-files" data-testid="my-results">
                    {results.map((doc) => (
                      <FileItem key={doc.id} doc={doc} />
                    ))}
                  </ul>
                </Panel>
              )}
              {d.state === "returned" && <RatingPanel dossierId={d.id} />}
              {d.eform && (
                <Panel title={t("filing.steps.form")}>
                  <EformView eform={d.eform} formData={d.formData} testId="my-dossier-eform" />
                </Panel>
              )}
              <Panel title={t("filing.detail.filesHeading")}>
                <ProblemAlert error={files.error} onRetry={files.reload} />
                {others.length === 0 ? (
                  <p className="text-secondary">{t("filing.documents.noFiles")}</p>
                ) : (
                  <ul className="filing-files" data-testid="my-dossier-files">
                    {others.map((doc) => (
                      <FileItem key={doc.id} doc={doc} />
                    ))}
                  </ul>
                )}
              </Panel>
              <Panel title={t("dossierDetail.historyHeading")}>
                <Timeline d={d} />
              </Panel>
            </>
          )}
        </>
      )}
    </div>
  );
}
