// /danh-gia/:token: the link in the "returned" notification. No sign-in: the signed token names
// the dossier; the page shows which one (masked name) and the rating panel, once.
import { Spin } from "antd";
import { useParams } from "react-router";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import { RatingPanel } from "../filing/RatingPanel";
import { linkRatingSource, ratingsApi } from "./ratingsApi";

export default function RatingLinkPage() {
  const t = useT();
  useDocumentTitle(t("ratings.link.title"));
  const { token = "" } = useParams();
  const status = useApiQuery(`rating-link-status:${token}`, (signal) => ratingsApi.link(token, signal));
  const d = status.data?.dossier;
  return (
    <div className="rating-link-page" data-testid="rating-link-page">
      <h1 className="page-title">{t("ratings.link.title")}</h1>
      <ProblemAlert error={status.error} />
      {status.loading && !status.data && <Spin description={t("app.loading")} />}
      {d && status.data && (
        <>
          <Panel title={t("ratings.link.dossier", { code: d.code, procedure: d.procedureName })}>
            <p data-testid="rating-link-dossier">
              {t("ratings.link.unit", { unit: d.unitName, name: d.applicantName })}
            </p>
            {!status.data.canRate && !status.data.rating && <p>{t("ratings.link.notReturned")}</p>}
          </Panel>
          <RatingPanel source={linkRatingSource(token, status.data)} />
        </>
      )}
    </div>
  );
}
