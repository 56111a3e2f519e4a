// /thu-tuc/:code: one procedure as in force today (or on ?at=), with fees, documents, legal basis,
// the units serving it and its version history; printable (see the print rules in styles.css).
// Loads without antd (components/lite): it is a landing page from search engines and links.
import ArrowLeftOutlined from "@ant-design/icons-svg/es/asn/ArrowLeftOutlined";
import CalendarOutlined from "@ant-design/icons-svg/es/asn/CalendarOutlined";
import CommentOutlined from "@ant-design/icons-svg/es/asn/CommentOutlined";
import PrinterOutlined from "@ant-design/icons-svg/es/asn/PrinterOutlined";
import SendOutlined from "@ant-design/icons-svg/es/asn/SendOutlined";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { catalog } from "../../api/endpoints";
import type { ProcedureDetail } from "../../api/types";
import { LevelTags, OnlineTag } from "../../components/CatalogTags";
import { formatDeadline, PROCEDURE_CODE } from "../../components/catalogFormat";
import { Alert } from "../../components/lite/Alert";
import { Button } from "../../components/lite/Button";
import { Facts } from "../../components/lite/Facts";
import { Icon } from "../../components/lite/Icon";
import { PageSpin } from "../../components/PageSpin";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { formatDate, useI18n } from "../../i18n";
import {
  DocumentsSection,
  FeesSection,
  HistorySection,
  LegalBasisSection,
  UnitsSection,
} from "./ProcedureSections";
import { procedurePath } from "./searchParams";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function ProcedureNotFound({ code }: { code: string }) {
  const { t } = useI18n();
  return (
    <div className="not-found" data-testid="procedure-not-found">
      <p className="not-found__code" aria-hidden>
        404
      </p>
      <h1 className="page-title">{t("procedure.notFound")}</h1>
      <p>{t("procedure.notFoundText", { code })}</p>
      <Link to="/thu-tuc">{t("procedure.backToList")}</Link>
    </div>
  );
}

function Channels({ channels }: { channels: ProcedureDetail["procedure"]["channels"] }) {
  const { t } = useI18n();
  const items = [
    channels.inPerson ? t("catalog.channel.in_person") : null,
    channels.online !== "none" ? t(`catalog.online.${channels.online}`) : null,
    channels.postal ? t("catalog.channel.postal") : null,
  ].filter((item): item is string => item !== null);
  if (items.length === 0) return "—";
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function GeneralInfo({ detail }: { detail: ProcedureDetail }) {
  const { lang, t } = useI18n();
  const p = detail.procedure;
  const yesNo = (value: boolean | null) =>
    value === null ? t("procedure.unknown") : value ? t("procedure.yes") : t("procedure.no");
  const items = [
    { key: "code", label: t("procedure.code"), children: p.code },
    { key: "sector", label: t("procedure.sector"), children: p.sector },
    { key: "levels", label: t("procedure.levels"), children: <LevelTags levels={p.levels} /> },
    { key: "agency", label: t("procedure.executingAgency"), children: p.executingAgency ?? "—" },
    { key: "channels", label: t("procedure.channels"), children: <Channels channels={p.channels} /> },
    {
      key: "deadline",
      label: t("procedure.deadline"),
      children: (
        <div data-testid="procedure-deadline">
          <strong>{formatDeadline(p.deadline, lang, t)}</strong>
          {p.deadline.note && <div className="text-secondary">{p.deadline.note}</div>}
        </div>
      ),
    },
    { key: "result", label: t("procedure.resultType"), children: p.resultType ?? "—" },
    { key: "onTheSpot", label: t("procedure.onTheSpot"), children: yesNo(p.onTheSpot) },
    {
      key: "locationIndependent",
      label: t("procedure.locationIndependent"),
      children: yesNo(p.locationIndependent),
    },
    {
      key: "version",
      label: t("procedure.version"),
      children: t("procedure.versionText", {
        version: p.version,
        date: formatDate(p.effectiveFrom, lang),
        decision: p.decisionNumber,
      }),
    },
  ];
  return (
    <Panel title={t("procedure.generalHeading")}>
      <Facts items={items} data-testid="procedure-general" />
      {p.notes && (
        <p className="procedure-notes">
          <strong>{t("procedure.notes")}:</strong> {p.notes}
        </p>
      )}
    </Panel>
  );
}

export default function ProcedurePage() {
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const code = useParams().code ?? "";
  const [params] = useSearchParams();
  const atParam = params.get("at");
  const at = atParam && ISO_DATE.test(atParam) ? atParam : undefined;
  const validCode = PROCEDURE_CODE.test(code);
  const detail = useApiQuery(validCode ? `procedure:${code}:${at ?? ""}` : null, (signal) =>
    catalog.procedure(code, at, signal),
  );
  const data = detail.data;
  const missing = detail.error instanceof ApiError && [400, 404].includes(detail.error.status);
  useDocumentTitle(
    !validCode || missing
      ? t("procedure.notFound")
      : data
        ? `${data.procedure.name} (${data.procedure.code})`
        : t("procedures.title"),
  );

  if (!validCode || missing) return <ProcedureNotFound code={code} />;
  if (!data) {
    return (
      <>
        <ProblemAlert error={detail.error} onRetry={detail.reload} />
        {detail.loading && <PageSpin />}
      </>
    );
  }

  const p = data.procedure;
  return (
    <article className="procedure-page" data-testid="procedure-page">
      <p className="no-print procedure-back">
        <Link to="/thu-tuc">
          <Icon icon={ArrowLeftOutlined} /> {t("procedure.backToList")}
        </Link>
      </p>
      <div className="procedure-header">
        <div>
          <h1 className="page-title procedure-title" data-testid="procedure-name">
            {p.name}
          </h1>
          <p className="procedure-subtitle">
            <span className="procedure-code">{t("procedure.codeLabel", { code: p.code })}</span>{" "}
            <span className="text-secondary">· {p.sector}</span> <LevelTags levels={p.levels} />{" "}
            <OnlineTag online={p.channels.online} />
          </p>
        </div>
        <div className="no-print procedure-actions">
          {p.channels.online !== "none" && !data.abolished && !at && (
            <Button
              variant="primary"
              icon={<Icon icon={SendOutlined} />}
              data-testid="procedure-file-online"
              onClick={() => navigate(`/nop-truc-tuyen/${p.code}`)}
            >
              {t("procedure.fileOnline")}
            </Button>
          )}
          {!data.abolished && !at && (
            <Button
              icon={<Icon icon={CalendarOutlined} />}
              data-testid="procedure-book-appointment"
              onClick={() => navigate(`/dat-lich?procedure=${encodeURIComponent(p.code)}`)}
            >
              {t("appointments.bookFromProcedure")}
            </Button>
          )}
          <Button
            icon={<Icon icon={CommentOutlined} />}
            data-testid="procedure-feedback"
            onClick={() => navigate(`/phan-anh?procedure=${encodeURIComponent(p.code)}`)}
          >
            {t("feedback.fromProcedure")}
          </Button>
          <Button
            icon={<Icon icon={PrinterOutlined} />}
            data-testid="procedure-print"
            onClick={() => window.print()}
          >
            {t("procedure.print")}
          </Button>
        </div>
      </div>

      {data.abolished && (
        <Alert
          type="warning"
          className="problem-alert"
          data-testid="procedure-abolished"
          title={t("procedure.abolished", {
            date: formatDate(p.effectiveFrom, lang),
            decision: p.decisionNumber,
          })}
        />
      )}
      {at && (
        <Alert
          type="info"
          className="problem-alert"
          data-testid="procedure-at"
          title={t("procedure.atNotice", { date: formatDate(at, lang) })}
          action={<Link to={procedurePath(p.code)}>{t("procedure.currentLink")}</Link>}
        />
      )}

      <div aria-busy={detail.loading} className={detail.loading ? "lite-busy" : undefined}>
        <GeneralInfo detail={data} />
        <DocumentsSection documents={p.documents} />
        <FeesSection fees={p.fees} />
        <LegalBasisSection legalBasis={p.legalBasis} />
        <UnitsSection units={data.units} />
        <HistorySection code={p.code} history={data.history} shownVersion={p.version} />
      </div>
    </article>
  );
}
