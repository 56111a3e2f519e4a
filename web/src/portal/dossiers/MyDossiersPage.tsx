// /ho-so-cua-toi: the signed-in citizen's dossiers (GET /api/dossiers lists only their own), newest
// first: drafts apart (with "continue"), then the others, each with its state, code (a link to its
// public status page), dates and a link to its own page (/ho-so-cua-toi/:id).
import { Empty, Spin } from "antd";
import { Link } from "react-router";
import { dossiers } from "../../api/endpoints";
import type { DossierRow } from "../../api/types";
import { StateTag, TimelinessTag } from "../../components/DossierTags";
import { formatVnDateTime } from "../../components/dossierFormat";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { citizenOf, usePortalSession } from "../portalSession";
import "../filing/filing.css";
import "./portalDossiers.css";
import { SignInPrompt } from "./SignInPrompt";

function DossierItem({ row }: { row: DossierRow }) {
  const { t } = useI18n();
  return (
    <li className="my-dossier" data-testid="my-dossier" data-id={row.id}>
      <div className="my-dossier__head">
        <h4 className="my-dossier__title">
          <Link to={`/ho-so-cua-toi/${row.id}`} data-testid="my-dossier-open">
            {row.procedureName}
          </Link>
        </h4>
        <StateTag state={row.state} label={row.stateLabel} />
        <TimelinessTag timeliness={row.timeliness} />
      </div>
      <p className="my-dossier__meta">
        {row.code ? (
          <>
            {t("dossier.code")}:{" "}
            <Link to={`/tra-cuu/${encodeURIComponent(row.code)}`} className="dossier-code">
              {row.code}
            </Link>
          </>
        ) : (
          t("myDossiers.awaitingCode")
        )}
        {" · "}
        {row.unitName}
      </p>
      <p className="my-dossier__meta">
        {row.receivedAt
          ? `${t("dossier.receivedAt")}: ${formatVnDateTime(row.receivedAt)}`
          : t("myDossiers.notReceived")}
        {row.dueAt ? ` · ${t("dossier.dueAt")}: ${formatVnDateTime(row.dueAt)}` : ""}
      </p>
      {row.state === "draft" && (
        <p className="my-dossier__meta">
          <Link to={`/nop-truc-tuyen/${row.procedureCode}?draft=${row.id}`} data-testid="my-dossier-continue">
            {t("filing.my.continue")}
          </Link>
        </p>
      )}
    </li>
  );
}

export default function MyDossiersPage() {
  const { t } = useI18n();
  useDocumentTitle(t("myDossiers.title"));
  const { session } = usePortalSession();
  const citizen = citizenOf(session);
  const list = useApiQuery(citizen ? `my-dossiers:${citizen.user.id}` : null, (signal) =>
    dossiers.list({ queue: "all", pageSize: 100 }, signal),
  );

  const drafts = list.data?.items.filter((row) => row.state === "draft") ?? [];
  const filed = list.data?.items.filter((row) => row.state !== "draft") ?? [];

  return (
    <>
      <h1 className="page-title">{t("myDossiers.heading")}</h1>
      {session.status === "loading" ? (
        <div className="page-spin" role="status">
          <Spin description={t("app.loading")} />
        </div>
      ) : !citizen ? (
        <SignInPrompt staff={session.status === "signedIn"} />
      ) : (
        <Panel
          title={t("myDossiers.listHeading")}
          extra={list.data ? t("myDossiers.total", { total: list.data.total }) : undefined}
        >
          <ProblemAlert error={list.error} onRetry={list.reload} />
          {list.loading && !list.data && (
            <div className="page-spin">
              <Spin description={t("app.loading")} />
            </div>
          )}
          {list.data &&
            (list.data.items.length === 0 ? (
              <Empty description={t("myDossiers.empty")} data-testid="my-dossiers-empty">
                <Link to="/thu-tuc">{t("myDossiers.findProcedure")}</Link>
              </Empty>
            ) : (
              <>
                {drafts.length > 0 && (
                  <section aria-labelledby="my-drafts-heading" data-testid="my-drafts">
                    <h3 className="filing-section__title" id="my-drafts-heading">
                      {t("filing.my.draftsHeading")}
                    </h3>
                    <ul className="my-dossiers-list">
                      {drafts.map((row) => (
                        <DossierItem key={row.id} row={row} />
                      ))}
                    </ul>
                  </section>
                )}
                {filed.length > 0 && (
                  <section aria-labelledby="my-filed-heading">
                    <h3 className="filing-section__title" id="my-filed-heading">
                      {t("filing.my.filedHeading")}
                    </h3>
                    <ul className="my-dossiers-list" data-testid="my-dossiers">
                      {filed.map((row) => (
                        <DossierItem key={row.id} row={row} />
                      ))}
                    </ul>
                  </section>
                )}
              </>
            ))}
        </Panel>
      )}
    </>
  );
}
