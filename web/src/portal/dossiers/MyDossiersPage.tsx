// /ho-so-cua-toi: the signed-in citizen's dossiers (GET /api/dossiers lists only their own), newest
// first, each with its state, code (a link to its public status page) and dates.
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
import "./portalDossiers.css";
import { SignInPrompt } from "./SignInPrompt";

function DossierItem({ row }: { row: DossierRow }) {
  const { t } = useI18n();
  return (
    <li className="my-dossier" data-testid="my-dossier" data-id={row.id}>
      <div className="my-dossier__head">
        <h2 className="my-dossier__title">{row.procedureName}</h2>
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
    </li>
  );
}

export default function MyDossiersPage() {
  const { t } = useI18n();
  useDocumentTitle(t("myDossiers.title"));
  const { session } = usePortalSession();
  const citizen = citizenOf(session);
  const list = useApiQuery(citizen ? `my-dossiers:${citizen.user.id}` : null, (signal) =>
    dossiers.list({ pageSize: 100 }, signal),
  );

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
              <ul className="my-dossiers-list" data-testid="my-dossiers">
                {list.data.items.map((row) => (
                  <DossierItem key={row.id} row={row} />
                ))}
              </ul>
            ))}
        </Panel>
      )}
    </>
  );
}
