import { Button, Result } from "antd";
import { Link } from "react-router";
import type { ChangeKind, PublishedDecision } from "../../api/types";
import { formatDate, useI18n } from "../../i18n";
import { procedurePath } from "../../portal/catalog/searchParams";

interface Props {
  result: PublishedDecision;
  codes: { code: string; change: ChangeKind }[];
  onAnother: () => void;
}

/** The summary after a decision is published, with links to the procedures' public pages. */
export function PublishResult({ result, codes, onAnother }: Props) {
  const { lang, t } = useI18n();
  return (
    <Result
      status="success"
      data-testid="publish-result"
      title={<h3 className="result-title">{t("publish.success", { number: result.number })}</h3>}
      subTitle={t("publish.successSummary", {
        date: formatDate(result.effectiveFrom, lang),
        added: result.added,
        amended: result.amended,
        abolished: result.abolished,
      })}
      extra={
        <Button type="primary" onClick={onAnother} data-testid="publish-another">
          {t("publish.another")}
        </Button>
      }
    >
      <h4 className="card-heading">{t("publish.proceduresHeading")}</h4>
      <ul className="publish-result__list">
        {codes.map(({ code, change }) => (
          <li key={code}>
            <Link to={procedurePath(code, result.effectiveFrom)}>{code}</Link> –{" "}
            {t(`catalog.change.${change}`)}
          </li>
        ))}
      </ul>
    </Result>
  );
}
