// /xac-thuc: anyone checks a PDF they received (POST /api/public/verify, nothing is stored): is
// its digital signature intact, and is it, byte for byte, an electronic result motcua issued —
// and for which dossier. Each verdict is an icon and a sentence, never a colour alone.
import { CheckCircleFilled, CloseCircleFilled, FilePdfOutlined } from "@ant-design/icons";
import { Descriptions } from "antd";
import { type ReactNode, useId, useState } from "react";
import { Link } from "react-router";
import { documents } from "../../api/endpoints";
import type { VerifyResult } from "../../api/types";
import { DemoKeyNote, Sha256 } from "../../components/DocumentBits";
import { commonName, formatBytes, PDF_ACCEPT } from "../../components/documentFormat";
import { formatVnDateTime } from "../../components/dossierFormat";
import { FileUpload } from "../../components/FileUpload";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "../../components/documents.css";
import "./portalDocuments.css";

function Verdict({ ok, testId, children }: { ok: boolean; testId: string; children: ReactNode }) {
  return (
    <span
      className={`verify-verdict__line sig-status sig-status--${ok ? "valid" : "invalid"}`}
      data-testid={testId}
      data-ok={ok}
    >
      {ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} {children}
    </span>
  );
}

function VerifyOutcome({ name, result }: { name: string; result: VerifyResult }) {
  const { lang, t } = useI18n();
  const problem = result.problem ? result.problem[lang] || result.problem.vi : null;
  const items = [
    { key: "name", label: t("verify.fileName"), children: name },
    { key: "sha", label: t("documents.sha256"), children: <Sha256 value={result.sha256} full /> },
    { key: "size", label: t("verify.size"), children: formatBytes(result.size, lang) },
    ...(result.signer
      ? [
          {
            key: "signer",
            label: t("documents.signer"),
            children: (
              <>
                <span data-testid="verify-signer">{commonName(result.signer.subject)}</span>{" "}
                <DemoKeyNote subject={result.signer.subject} />
              </>
            ),
          },
          { key: "issuer", label: t("verify.issuer"), children: commonName(result.signer.issuer) },
        ]
      : []),
    ...(result.signedAt
      ? [{ key: "signedAt", label: t("documents.signedAt"), children: formatVnDateTime(result.signedAt) }]
      : []),
    ...(result.reason ? [{ key: "reason", label: t("verify.reason"), children: result.reason }] : []),
    ...(result.location ? [{ key: "location", label: t("verify.location"), children: result.location }] : []),
    ...(result.signed
      ? [
          {
            key: "coverage",
            label: t("verify.coverage"),
            children: result.coversWholeDocument ? t("verify.coversWhole") : t("verify.notWhole"),
          },
        ]
      : []),
    ...(result.issuedByMotcua && result.issuedAt
      ? [{ key: "issuedAt", label: t("verify.issuedAt"), children: formatVnDateTime(result.issuedAt) }]
      : []),
  ];
  return (
    <Panel title={t("verify.resultHeading")} className="verify-result">
      <div data-testid="verify-result" data-valid={result.valid} data-issued={result.issuedByMotcua}>
        <p className="verify-verdict">
          <Verdict ok={result.valid} testId="verify-valid">
            <strong>
              {result.valid ? t("verify.valid") : result.signed ? t("verify.invalid") : t("verify.unsigned")}
            </strong>
            {!result.valid && problem && <span className="sig-status__problem"> – {problem}</span>}
          </Verdict>
          <Verdict ok={result.issuedByMotcua} testId="verify-issued">
            {result.issuedByMotcua ? (
              result.dossierCode ? (
                <>
                  {t("verify.issued")}{" "}
                  <Link
                    to={`/tra-cuu/${encodeURIComponent(result.dossierCode)}`}
                    className="dossier-code"
                    data-testid="verify-dossier-code"
                  >
                    {result.dossierCode}
                  </Link>
                </>
              ) : (
                t("verify.issuedNoCode")
              )
            ) : (
              t("verify.notIssued")
            )}
          </Verdict>
        </p>
        <Descriptions column={1} size="small" bordered items={items} />
        <p className="text-secondary verify-trust">{t("verify.trustNote")}</p>
      </div>
    </Panel>
  );
}

export default function VerifyPage() {
  const { t } = useI18n();
  useDocumentTitle(t("verify.title"));
  const hintId = useId();
  const [outcome, setOutcome] = useState<
    { kind: "result"; name: string; result: VerifyResult } | { kind: "error"; error: unknown } | null
  >(null);

  return (
    <div className="verify-page" data-testid="verify-page">
      <h1 className="page-title">{t("verify.heading")}</h1>
      <p>{t("verify.intro")}</p>
      <Panel title={t("verify.formHeading")}>
        <p className="text-secondary" id={hintId}>
          {t("verify.hint")}
        </p>
        <div>
          <FileUpload
            label={t("verify.button")}
            busyLabel={t("verify.checking")}
            accept={PDF_ACCEPT}
            primary
            icon={<FilePdfOutlined aria-hidden />}
            send={(file) => documents.verify(file)}
            onStart={() => setOutcome(null)}
            onDone={(result, file) => setOutcome({ kind: "result", name: file.name, result })}
            onError={(error) => setOutcome({ kind: "error", error })}
            testId="verify-input"
            describedBy={hintId}
          />
        </div>
      </Panel>
      <div aria-live="polite">
        {outcome?.kind === "error" && (
          <div data-testid="verify-error">
            <ProblemAlert error={outcome.error} />
          </div>
        )}
        {outcome?.kind === "result" && <VerifyOutcome name={outcome.name} result={outcome.result} />}
      </div>
    </div>
  );
}
