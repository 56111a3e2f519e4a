// Parts of the procedure page: fees, required documents, legal basis, serving units, history.
// Plain tables (components/lite), no antd: the procedure page loads without it.
import FilePdfOutlined from "@ant-design/icons-svg/es/asn/FilePdfOutlined";
import { Link } from "react-router";
import { catalog } from "../../api/endpoints";
import type { Fee, ProcedureDetail, RequiredDocument } from "../../api/types";
import { formatFeeAmount } from "../../components/catalogFormat";
import { Icon } from "../../components/lite/Icon";
import { type Column, Table } from "../../components/lite/Table";
import { Panel } from "../../components/Panel";
import { formatDate, useI18n } from "../../i18n";
import { procedurePath } from "./searchParams";

export function FeesSection({ fees }: { fees: Fee[] }) {
  const { lang, t } = useI18n();
  const columns: Column<Fee>[] = [
    { key: "name", title: t("procedure.feeName"), render: (fee) => fee.name },
    {
      key: "amount",
      title: t("procedure.feeAmount"),
      align: "right",
      render: (fee) => <span className="nowrap">{formatFeeAmount(fee, lang, t)}</span>,
    },
    { key: "note", title: t("procedure.feeNote"), render: (fee) => fee.note ?? "" },
  ];
  return (
    <Panel title={t("procedure.feesHeading")}>
      {fees.length === 0 ? (
        <p data-testid="procedure-no-fees">{t("procedure.noFees")}</p>
      ) : (
        <div data-testid="procedure-fees">
          <Table columns={columns} rows={fees} rowKey={(_, index) => index} />
        </div>
      )}
    </Panel>
  );
}

export function DocumentsSection({ documents }: { documents: RequiredDocument[] }) {
  const { t } = useI18n();
  const columns: Column<RequiredDocument>[] = [
    { key: "index", title: "#", align: "right", render: (_, index) => index + 1 },
    { key: "name", title: t("procedure.docName"), render: (row) => row.name },
    { key: "form", title: t("procedure.docForm"), render: (row) => t(`catalog.documentForm.${row.form}`) },
    { key: "count", title: t("procedure.docCount"), align: "right", render: (row) => row.count },
    {
      key: "template",
      title: t("procedure.docTemplate"),
      hideBelow: "md",
      render: (row) => row.template ?? "",
    },
    {
      key: "obtainableFrom",
      title: t("procedure.docObtainableFrom"),
      hideBelow: "md",
      render: (row) => row.obtainableFrom ?? "",
    },
  ];
  return (
    <Panel title={t("procedure.documentsHeading")}>
      <div data-testid="procedure-documents">
        <Table
          columns={columns}
          rows={documents}
          rowKey={(_, index) => index}
          empty={t("procedure.noDocuments")}
        />
      </div>
    </Panel>
  );
}

export function LegalBasisSection({ legalBasis }: { legalBasis: string[] }) {
  const { t } = useI18n();
  return (
    <Panel title={t("procedure.legalHeading")}>
      {legalBasis.length === 0 ? (
        <p>{t("procedure.noLegal")}</p>
      ) : (
        <ul className="procedure-legal" data-testid="procedure-legal">
          {legalBasis.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function UnitsSection({ units }: { units: ProcedureDetail["units"] }) {
  const { t } = useI18n();
  return (
    <Panel title={t("procedure.unitsHeading")}>
      {units.length === 0 ? (
        <p>{t("procedure.noUnits")}</p>
      ) : (
        <ul className="procedure-units" data-testid="procedure-units">
          {units.map((unit) => (
            <li key={unit.id}>
              <span className="procedure-units__name">{unit.name}</span>{" "}
              <span className="unit-title__code">{unit.code}</span>{" "}
              <a
                href={catalog.unitListingPdfUrl(unit.id)}
                className="no-print procedure-units__pdf"
                aria-label={`${t("procedure.unitPdf")} – ${unit.name}`}
              >
                <Icon icon={FilePdfOutlined} /> {t("procedure.unitPdf")}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

type HistoryRow = ProcedureDetail["history"][number];

export function HistorySection({
  code,
  history,
  shownVersion,
}: {
  code: string;
  history: HistoryRow[];
  shownVersion: number;
}) {
  const { lang, t } = useI18n();
  // A version replaced on its own effective date was never in force on any day: no link to it.
  const reachable = (row: HistoryRow) =>
    !history.some((other) => other.version > row.version && other.effectiveFrom === row.effectiveFrom);
  const columns: Column<HistoryRow>[] = [
    {
      key: "version",
      title: t("procedure.histVersion"),
      align: "right",
      render: (row) =>
        row.version === shownVersion || row.change === "abolished" || !reachable(row) ? (
          row.version
        ) : (
          <Link
            to={procedurePath(code, row.effectiveFrom)}
            aria-label={t("procedure.viewVersion", { version: row.version })}
          >
            {row.version}
          </Link>
        ),
    },
    {
      key: "change",
      title: t("procedure.histChange"),
      render: (row) => t(`catalog.change.${row.change}`),
    },
    { key: "name", title: t("procedure.histName"), hideBelow: "md", render: (row) => row.name },
    {
      key: "effectiveFrom",
      title: t("procedure.histEffective"),
      render: (row) => <span className="nowrap">{formatDate(row.effectiveFrom, lang)}</span>,
    },
    { key: "decision", title: t("procedure.histDecision"), render: (row) => row.decisionNumber },
    {
      key: "signedOn",
      title: t("procedure.histSigned"),
      hideBelow: "sm",
      render: (row) => <span className="nowrap">{formatDate(row.decisionSignedOn, lang)}</span>,
    },
  ];
  return (
    <Panel title={t("procedure.historyHeading")}>
      <div data-testid="procedure-history">
        <Table
          columns={columns}
          rows={history}
          rowKey={(row) => row.version}
          rowClassName={(row) => (row.version === shownVersion ? "procedure-history__shown" : "")}
          empty={t("procedure.noHistory")}
        />
      </div>
    </Panel>
  );
}
