// Parts of the procedure page: fees, required documents, legal basis, serving units, history.
import { FilePdfOutlined } from "@ant-design/icons";
import { Empty, Table, type TableColumnsType } from "antd";
import { Link } from "react-router";
import { catalog } from "../../api/endpoints";
import type { Fee, ProcedureDetail, RequiredDocument } from "../../api/types";
import { formatFeeAmount } from "../../components/catalogFormat";
import { Panel } from "../../components/Panel";
import { formatDate, useI18n } from "../../i18n";
import { procedurePath } from "./searchParams";

const none = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;

export function FeesSection({ fees }: { fees: Fee[] }) {
  const { lang, t } = useI18n();
  const columns: TableColumnsType<Fee & { key: number }> = [
    { key: "name", dataIndex: "name", title: t("procedure.feeName") },
    {
      key: "amount",
      dataIndex: "amountVnd",
      title: t("procedure.feeAmount"),
      align: "right",
      render: (_, fee) => <span className="nowrap">{formatFeeAmount(fee, lang, t)}</span>,
    },
    { key: "note", dataIndex: "note", title: t("procedure.feeNote"), render: (note) => note ?? "" },
  ];
  return (
    <Panel title={t("procedure.feesHeading")}>
      {fees.length === 0 ? (
        <p data-testid="procedure-no-fees">{t("procedure.noFees")}</p>
      ) : (
        <div data-testid="procedure-fees">
          <Table
            rowKey="key"
            columns={columns}
            dataSource={fees.map((fee, key) => ({ ...fee, key }))}
            pagination={false}
            size="small"
          />
        </div>
      )}
    </Panel>
  );
}

export function DocumentsSection({ documents }: { documents: RequiredDocument[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<RequiredDocument & { key: number }> = [
    { key: "index", title: "#", align: "right", render: (_, row) => row.key + 1 },
    { key: "name", dataIndex: "name", title: t("procedure.docName") },
    {
      key: "form",
      dataIndex: "form",
      title: t("procedure.docForm"),
      render: (_, row) => t(`catalog.documentForm.${row.form}`),
    },
    { key: "count", dataIndex: "count", title: t("procedure.docCount"), align: "right" },
    {
      key: "template",
      dataIndex: "template",
      title: t("procedure.docTemplate"),
      responsive: ["md"],
      render: (template) => template ?? "",
    },
    {
      key: "obtainableFrom",
      dataIndex: "obtainableFrom",
      title: t("procedure.docObtainableFrom"),
      responsive: ["md"],
      render: (from) => from ?? "",
    },
  ];
  return (
    <Panel title={t("procedure.documentsHeading")}>
      <div data-testid="procedure-documents">
        <Table
          rowKey="key"
          columns={columns}
          dataSource={documents.map((document, key) => ({ ...document, key }))}
          pagination={false}
          size="small"
          locale={{ emptyText: none(t("procedure.noDocuments")) }}
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
                <FilePdfOutlined aria-hidden /> {t("procedure.unitPdf")}
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
  const columns: TableColumnsType<HistoryRow> = [
    {
      key: "version",
      dataIndex: "version",
      title: t("procedure.histVersion"),
      align: "right",
      render: (version: number, row) =>
        version === shownVersion || row.change === "abolished" || !reachable(row) ? (
          version
        ) : (
          <Link
            to={procedurePath(code, row.effectiveFrom)}
            aria-label={t("procedure.viewVersion", { version })}
          >
            {version}
          </Link>
        ),
    },
    {
      key: "change",
      dataIndex: "change",
      title: t("procedure.histChange"),
      render: (_, row) => t(`catalog.change.${row.change}`),
    },
    { key: "name", dataIndex: "name", title: t("procedure.histName"), responsive: ["md"] },
    {
      key: "effectiveFrom",
      dataIndex: "effectiveFrom",
      title: t("procedure.histEffective"),
      render: (date: string) => <span className="nowrap">{formatDate(date, lang)}</span>,
    },
    { key: "decision", dataIndex: "decisionNumber", title: t("procedure.histDecision") },
    {
      key: "signedOn",
      dataIndex: "decisionSignedOn",
      title: t("procedure.histSigned"),
      responsive: ["sm"],
      render: (date: string) => <span className="nowrap">{formatDate(date, lang)}</span>,
    },
  ];
  return (
    <Panel title={t("procedure.historyHeading")}>
      <div data-testid="procedure-history">
        <Table<HistoryRow>
          rowKey="version"
          columns={columns}
          dataSource={history}
          pagination={false}
          size="small"
          rowClassName={(row) => (row.version === shownVersion ? "procedure-history__shown" : "")}
          locale={{ emptyText: none(t("procedure.noHistory")) }}
        />
      </div>
    </Panel>
  );
}
