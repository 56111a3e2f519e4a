// /admin/danh-gia-tai-quay: the desk's tablet. The receptionist types (or scans) the code of a
// returned dossier and hands the tablet over; the applicant rates it once (channel "desk"), then
// "Another application" clears the screen for the next person. Large type, nothing else on screen.
import { Button, Input, Space } from "antd";
import { useState } from "react";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import { RatingPanel } from "../../portal/filing/RatingPanel";
import { type DeskStatus, deskRatingSource, ratingsApi } from "../../portal/ratings/ratingsApi";

export default function DeskRatingPage() {
  const t = useT();
  useDocumentTitle(t("ratings.desk.title"));
  const [code, setCode] = useState("");
  const [status, setStatus] = useState<DeskStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setError(null);
    setBusy(true);
    try {
      setStatus(await ratingsApi.desk(code.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setStatus(null);
    setCode("");
    setError(null);
  };
  return (
    <div className="desk-rating" data-testid="desk-rating-page" style={{ maxWidth: 760, fontSize: 18 }}>
      <h1 className="page-title">{t("ratings.desk.title")}</h1>
      {!status && (
        <>
          <p>{t("ratings.desk.intro")}</p>
          <Space.Compact style={{ width: "100%" }}>
            <Input
              size="large"
              aria-label={t("ratings.desk.code")}
              placeholder={t("ratings.desk.code")}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              onPressEnter={open}
              data-testid="desk-rating-code"
              autoFocus
            />
            <Button size="large" type="primary" onClick={open} loading={busy} data-testid="desk-rating-open">
              {t("ratings.desk.open")}
            </Button>
          </Space.Compact>
          <ProblemAlert error={error} />
        </>
      )}
      {status && (
        <>
          <p className="desk-rating__hand-over" style={{ fontSize: 22 }}>
            {t("ratings.desk.handOver", { code: status.dossier.code })}
          </p>
          <p>
            {t("ratings.link.unit", { unit: status.dossier.unitName, name: status.dossier.applicantName })}
          </p>
          {!status.canRate && !status.rating && (
            <p data-testid="desk-rating-not-returned">{t("ratings.desk.notReturned")}</p>
          )}
          {status.rating ? (
            // Rated before it was opened here: say so, with no thank-you to whoever holds the tablet.
            <p role="status" data-testid="desk-rating-already">
              {t("ratings.desk.alreadyRated", { level: t(`filing.rating.level.${status.rating.level}`) })}
            </p>
          ) : (
            <RatingPanel source={deskRatingSource(status)} />
          )}
          <Button size="large" onClick={reset} data-testid="desk-rating-next">
            {t("ratings.desk.next")}
          </Button>
        </>
      )}
    </div>
  );
}
