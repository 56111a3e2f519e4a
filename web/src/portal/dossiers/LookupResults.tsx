// The "electronic results" block of the public lookup (GET /api/public/dossiers/:code/results):
// each signed result's neutral name, SHA-256, whether it is signed and whether the signature is
// valid now (checked live by the server), the signer and the signing time — no personal data —
// and a link to /xac-thuc, where anyone checks the file they received.
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Descriptions, Spin } from "antd";
import { Link } from "react-router";
import { documents } from "../../api/endpoints";
import type { PublicResults } from "../../api/types";
import { DemoKeyNote, Sha256, SignatureStatus } from "../../components/DocumentBits";
import { commonName, formatBytes } from "../../components/documentFormat";
import { formatVnDateTime } from "../../components/dossierFormat";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useI18n } from "../../i18n";

function ResultItem({ item }: { item: PublicResults["items"][number] }) {
  const { lang, t } = useI18n();
  const items = [
    {
      key: "sha",
      label: t("documents.sha256"),
      children: <Sha256 value={item.sha256} full />,
    },
    {
      key: "issued",
      label: t("lookup.issuedAt"),
      children: `${formatVnDateTime(item.issuedAt)} · ${formatBytes(item.size, lang)}`,
    },
    {
      key: "signed",
      label: t("lookup.signed"),
      children: item.signed ? t("documents.yes") : t("documents.no"),
    },
    {
      key: "valid",
      label: t("lookup.signature"),
      children: <SignatureStatus valid={item.valid} problem={item.problem} testId="lookup-result-valid" />,
    },
    ...(item.signer
      ? [
          {
            key: "signer",
            label: t("documents.signer"),
            children: (
              <>
                <span data-testid="lookup-result-signer">{commonName(item.signer)}</span>{" "}
                <DemoKeyNote subject={item.signer} />
              </>
            ),
          },
        ]
      : []),
    ...(item.signedAt
      ? [{ key: "signedAt", label: t("documents.signedAt"), children: formatVnDateTime(item.signedAt) }]
      : []),
  ];
  return (
    <li className="lookup-file" data-testid="lookup-file" data-valid={item.valid}>
      <h3 className="lookup-file__name">
        <SafetyCertificateOutlined aria-hidden /> {item.name}{" "}
        <span className="text-secondary lookup-file__version">
          ({t("lookup.resultVersion", { n: item.version })})
        </span>
      </h3>
      <Descriptions column={1} size="small" bordered items={items} />
    </li>
  );
}

export function LookupResults({ code }: { code: string }) {
  const { t } = useI18n();
  const query = useApiQuery(`lookup-results:${code}`, (signal) => documents.publicResults(code, signal));
  return (
    <Panel title={t("lookup.resultsHeading")} className="lookup-results">
      <div data-testid="lookup-results">
        <ProblemAlert error={query.error} onRetry={query.reload} />
        {query.loading && !query.data && (
          <div className="page-spin" role="status">
            <Spin description={t("app.loading")} />
          </div>
        )}
        {query.data &&
          (query.data.items.length === 0 ? (
            <p className="text-secondary" data-testid="lookup-results-empty">
              {t("lookup.resultsEmpty")}
            </p>
          ) : (
            <>
              <p>{t("lookup.resultsIntro")}</p>
              <ul className="lookup-files">
                {query.data.items.map((item) => (
                  <ResultItem key={item.sha256 + item.version} item={item} />
                ))}
              </ul>
            </>
          ))}
        <p className="lookup-verify-link">
          <Link to="/xac-thuc" data-testid="lookup-verify-link">
            {t("lookup.verifyLink")}
          </Link>
        </p>
      </div>
    </Panel>
  );
}
