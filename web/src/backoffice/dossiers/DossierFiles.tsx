// The dossier's files (GET /api/dossiers/:id/documents): what the applicant filed, scans staff
// made of paper documents, and the signed electronic results — each with its kind, type, size,
// SHA-256, who uploaded it and when, and for results the signer. Those who handle the dossier
// upload files (raw body, kind submitted or digitized); its clerk or leader issues an electronic
// result (a PDF the server signs) while it is processing, has its result or was returned.
// Refusals (415 mislabelled, 413 too large, 400 bad name) show the server's vi/en message.
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Empty, Radio, Spin, Tag } from "antd";
import { useId, useState } from "react";
import { documents } from "../../api/endpoints";
import {
  type Dossier,
  type DossierDocument,
  type DossierState,
  type RoleName,
  UPLOAD_KINDS,
  type UploadKind,
} from "../../api/types";
import { DemoKeyNote, FileIcon, KindTag, Sha256 } from "../../components/DocumentBits";
import {
  commonName,
  formatBytes,
  PDF_ACCEPT,
  typeLabel,
  UPLOAD_ACCEPT,
} from "../../components/documentFormat";
import { formatVnDateTime } from "../../components/dossierFormat";
import { FileUpload } from "../../components/FileUpload";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useI18n } from "../../i18n";
import { useSession } from "../session";

/** States in which the server accepts an electronic result (a first one, or a corrected version). */
const RESULT_STATES: readonly DossierState[] = ["processing", "result_ready", "returned"];
/** Roles with the "issue" ability (granted on their own unit only). */
const ISSUING_ROLES: ReadonlySet<RoleName> = new Set(["clerk", "leader"]);

export function DocumentItem({ doc }: { doc: DossierDocument }) {
  const { lang, t } = useI18n();
  return (
    <li
      className="doc-file"
      data-testid="document"
      data-id={doc.id}
      data-kind={doc.kind}
      data-name={doc.name}
    >
      <FileIcon contentType={doc.contentType} />
      <div className="doc-file__body">
        <div className="doc-file__head">
          <a
            href={doc.contentUrl}
            target="_blank"
            rel="noopener"
            className="doc-file__name"
            data-testid="document-link"
            aria-label={t("documents.openFile", { name: doc.name })}
          >
            {doc.name}
          </a>
          <KindTag kind={doc.kind} />
          {doc.signed && (
            <Tag
              className="signed-tag"
              icon={<SafetyCertificateOutlined aria-hidden />}
              data-testid="document-signed"
            >
              {t("documents.signed")}
            </Tag>
          )}
        </div>
        <p className="doc-file__meta">
          {typeLabel(doc.contentType)} · {formatBytes(doc.size, lang)} · {t("documents.sha256")}:{" "}
          <Sha256 value={doc.sha256} />
        </p>
        <p className="doc-file__meta">
          {doc.uploadedBy
            ? t("documents.uploadedBy", { name: doc.uploadedBy, at: formatVnDateTime(doc.createdAt) })
            : t("documents.uploadedAt", { at: formatVnDateTime(doc.createdAt) })}
        </p>
        {doc.signature && (
          <p className="doc-file__meta" data-testid="document-signer">
            {t("documents.signedBy", {
              signer: commonName(doc.signature.signer.subject),
              at: formatVnDateTime(doc.signature.signedAt),
            })}{" "}
            <DemoKeyNote subject={doc.signature.signer.subject} />
          </p>
        )}
      </div>
    </li>
  );
}

/** Kept as data, not text, so that it follows a change of language. */
type Outcome =
  | { kind: "done"; message: "uploaded" | "issued"; name: string }
  | { kind: "error"; error: unknown }
  | null;

function UploadBlock({ dossier, onUploaded }: { dossier: Dossier; onUploaded: () => void }) {
  const { t } = useI18n();
  const hintId = useId();
  const [kind, setKind] = useState<UploadKind>("digitized");
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <section className="upload-block" aria-labelledby={`${hintId}-heading`} data-testid="document-upload">
      <h3 className="sub-heading" id={`${hintId}-heading`}>
        {t("dossierFiles.uploadHeading")}
      </h3>
      <fieldset className="upload-block__kind">
        <legend>{t("dossierFiles.kindLabel")}</legend>
        <Radio.Group
          name="document-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as UploadKind)}
          options={UPLOAD_KINDS.map((value) => ({ value, label: t(`dossierFiles.kind.${value}`) }))}
          data-testid="document-kind-select"
        />
      </fieldset>
      <p className="text-secondary" id={hintId}>
        {t("dossierFiles.uploadHint")}
      </p>
      <FileUpload
        label={t("dossierFiles.uploadButton")}
        busyLabel={t("dossierFiles.uploading")}
        accept={UPLOAD_ACCEPT}
        keyScope={kind}
        send={(file, key) => documents.upload(dossier.id, file, file.name, kind, key)}
        onStart={() => setOutcome(null)}
        onDone={(doc) => {
          setOutcome({ kind: "done", message: "uploaded", name: doc.name });
          onUploaded();
        }}
        onError={(error) => setOutcome({ kind: "error", error })}
        testId="document-upload-input"
        describedBy={hintId}
      />
      <OutcomeAlert outcome={outcome} testId="document-upload" />
    </section>
  );
}

function ResultBlock({ dossier, onIssued }: { dossier: Dossier; onIssued: () => void }) {
  const { t } = useI18n();
  const hintId = useId();
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <section className="upload-block" aria-labelledby={`${hintId}-heading`} data-testid="result-upload">
      <h3 className="sub-heading" id={`${hintId}-heading`}>
        {t("dossierFiles.resultHeading")}
      </h3>
      <p className="text-secondary" id={hintId}>
        {t("dossierFiles.resultHint")}
      </p>
      <FileUpload
        label={t("dossierFiles.resultButton")}
        busyLabel={t("dossierFiles.issuing")}
        accept={PDF_ACCEPT}
        primary
        icon={<SafetyCertificateOutlined aria-hidden />}
        send={(file, key) => documents.issueResult(dossier.id, file, file.name, key)}
        onStart={() => setOutcome(null)}
        onDone={(doc) => {
          setOutcome({ kind: "done", message: "issued", name: doc.name });
          onIssued();
        }}
        onError={(error) => setOutcome({ kind: "error", error })}
        testId="result-upload-input"
        describedBy={hintId}
      />
      <OutcomeAlert outcome={outcome} testId="result-upload" />
    </section>
  );
}

function OutcomeAlert({ outcome, testId }: { outcome: Outcome; testId: string }) {
  const { t } = useI18n();
  return (
    <div aria-live="polite" data-testid={`${testId}-outcome`}>
      {outcome?.kind === "done" && (
        <Alert
          type="success"
          showIcon
          className="problem-alert"
          data-testid={`${testId}-done`}
          title={t(`dossierFiles.${outcome.message}`, { name: outcome.name })}
        />
      )}
      {outcome?.kind === "error" && (
        <div data-testid={`${testId}-error`}>
          <ProblemAlert error={outcome.error} />
        </div>
      )}
    </div>
  );
}

/** Whether the signed-in user may issue an electronic result for this dossier now. */
function useMayIssue(dossier: Dossier): boolean {
  const { me } = useSession();
  if (!RESULT_STATES.includes(dossier.state)) return false;
  const units = new Set([dossier.unit.id, dossier.handlingUnit.id]);
  return me.roles.some((r) => ISSUING_ROLES.has(r.role) && units.has(r.unitId));
}

export function FilesSection({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  // The server shows personal data (and files) only to those who handle the dossier.
  const handles = !dossier.masked;
  const mayIssue = useMayIssue(dossier);
  const list = useApiQuery(handles ? `dossier-documents:${dossier.id}` : null, (signal) =>
    documents.list(dossier.id, signal),
  );

  if (!handles) {
    return (
      <p className="text-secondary" data-testid="documents-masked">
        {t("dossierFiles.masked")}
      </p>
    );
  }
  return (
    <div data-testid="dossier-files">
      <ProblemAlert error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && (
        <div className="page-spin">
          <Spin description={t("app.loading")} />
        </div>
      )}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty description={t("dossierFiles.empty")} data-testid="documents-empty" />
        ) : (
          <ul className="doc-files" data-testid="documents">
            {list.data.items.map((doc) => (
              <DocumentItem key={doc.id} doc={doc} />
            ))}
          </ul>
        ))}
      {mayIssue && <ResultBlock dossier={dossier} onIssued={list.reload} />}
      <UploadBlock dossier={dossier} onUploaded={list.reload} />
    </div>
  );
}
