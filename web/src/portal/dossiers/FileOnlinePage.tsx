// /nop-truc-tuyen/:code: a signed-in citizen files a dossier online through the wizard
// (portal/filing/FilingWizard.tsx); ?draft=<id> continues a saved draft. Anyone may look at the
// procedure; filing needs a citizen account (the sign-in link comes back here).
import { Alert, Spin } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { catalog } from "../../api/endpoints";
import { PROCEDURE_CODE } from "../../components/catalogFormat";
import { StateTag } from "../../components/DossierTags";
import { formatVnDateTime } from "../../components/dossierFormat";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { ProcedureFacts } from "../../components/ProcedureFacts";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { FilingWizard } from "../filing/FilingWizard";
import { filing, type PortalDossier } from "../filing/filingApi";
import { citizenOf, usePortalSession } from "../portalSession";
import "../filing/filing.css";
import "./portalDossiers.css";
import { SignInPrompt } from "./SignInPrompt";

function Filed({ dossier }: { dossier: PortalDossier }) {
  const { t } = useI18n();
  return (
    <Panel title={t("fileOnline.doneHeading")} className="file-online-done">
      <div role="status" data-testid="online-done" data-dossier-id={dossier.id}>
        <p>
          <StateTag state={dossier.state} label={dossier.stateLabel} />
        </p>
        <p>{t("fileOnline.doneText", { procedure: dossier.procedure.name, unit: dossier.unit.name })}</p>
        <p>{t("fileOnline.doneNext")}</p>
      </div>
      <p>
        <Link to={`/ho-so-cua-toi/${dossier.id}`} data-testid="online-detail">
          {t("filing.done.detail")}
        </Link>
        {" · "}
        <Link to="/ho-so-cua-toi" data-testid="online-my-dossiers">
          {t("fileOnline.myDossiers")}
        </Link>
      </p>
    </Panel>
  );
}

const isDraftOf = (d: PortalDossier | undefined, code: string) =>
  d !== undefined && d.state === "draft" && d.procedure.code === code;

export default function FileOnlinePage() {
  const { t } = useI18n();
  const code = useParams().code ?? "";
  const validCode = PROCEDURE_CODE.test(code);
  // The draft named in the address when the page opened (the wizard adds ?draft= itself later).
  const [searchParams] = useSearchParams();
  const [draftId] = useState(() => searchParams.get("draft"));
  const { session } = usePortalSession();
  const citizen = citizenOf(session);
  const detail = useApiQuery(validCode ? `procedure:${code}` : null, (signal) =>
    catalog.procedure(code, undefined, signal),
  );
  const draft = useApiQuery(citizen && draftId ? `draft:${draftId}` : null, (signal) =>
    filing.dossier(draftId ?? "", signal),
  );
  const [filed, setFiled] = useState<PortalDossier | null>(null);
  const p = detail.data?.procedure;
  useDocumentTitle(p ? t("fileOnline.titleWith", { name: p.name }) : t("fileOnline.title"));
  useEffect(() => setFiled(null), [code]);
  const missing =
    !validCode || (detail.error instanceof ApiError && [400, 404].includes(detail.error.status));
  const online = p && !detail.data?.abolished && p.channels.online !== "none";
  const draftLoading = !!draftId && !!citizen && !draft.data && !draft.error;

  return (
    <>
      <h1 className="page-title">
        {p ? t("fileOnline.headingWith", { name: p.name }) : t("fileOnline.title")}
      </h1>
      {missing ? (
        <div className="not-found" data-testid="procedure-not-found">
          <p>{t("procedure.notFoundText", { code })}</p>
          <Link to="/thu-tuc">{t("procedure.backToList")}</Link>
        </div>
      ) : session.status === "loading" || (!detail.data && detail.loading) || draftLoading ? (
        <div className="page-spin" role="status">
          <Spin description={t("app.loading")} />
        </div>
      ) : filed ? (
        <Filed dossier={filed} />
      ) : (
        <>
          <ProblemAlert error={detail.error} onRetry={detail.reload} />
          {p && detail.data && (
            <>
              <Panel title={t("fileOnline.procedureHeading")}>
                <div className="filing-facts">
                  <ProcedureFacts procedure={p} testId="online-facts" />
                </div>
                <p className="text-secondary">
                  <Link to={`/thu-tuc/${p.code}`}>{t("fileOnline.procedureLink")}</Link>
                </p>
              </Panel>
              {!online ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t("fileOnline.notOnline")}
                  data-testid="online-unavailable"
                />
              ) : !citizen ? (
                <SignInPrompt staff={session.status === "signedIn"} />
              ) : draftId && !isDraftOf(draft.data, code) ? (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="draft-unavailable"
                  title={t("filing.draftUnavailable")}
                  description={
                    draft.data ? (
                      <Link to={`/ho-so-cua-toi/${draft.data.id}`}>{t("filing.done.detail")}</Link>
                    ) : undefined
                  }
                />
              ) : (
                <Panel title={t("fileOnline.formHeading")}>
                  {draft.data && (
                    <p data-testid="draft-continued">
                      {t("filing.draftContinued", { at: formatVnDateTime(draft.data.events.at(-1)?.at) })}
                    </p>
                  )}
                  <FilingWizard
                    detail={detail.data}
                    me={citizen}
                    draft={draft.data ?? null}
                    onFiled={setFiled}
                  />
                </Panel>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
