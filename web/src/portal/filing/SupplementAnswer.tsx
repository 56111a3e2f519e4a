// A supplement was requested: what the desk asked for (the reason, and the printed request with
// its items), and "answer online": upload the missing documents, add a note, then resubmit (the
// `resubmit` command, which the applicant may perform; Idempotency-Key and expectedVersion).
import { FilePdfOutlined } from "@ant-design/icons";
import { Alert, Button, Input } from "antd";
import { useId, useState } from "react";
import { documents, dossiers } from "../../api/endpoints";
import type { Dossier } from "../../api/types";
import { formatVnDateTime, formNumber } from "../../components/dossierFormat";
import { FileUpload } from "../../components/FileUpload";
import { useIdempotencyKey } from "../../components/idempotency";
import { Panel } from "../../components/Panel";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useI18n } from "../../i18n";
import { checkFile, FileRefusal, UPLOAD_ACCEPT, UPLOAD_MAX_BYTES } from "./uploadRules";

export function SupplementAnswer({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const { t } = useI18n();
  const hintId = useId();
  const key = useIdempotencyKey();
  const [uploaded, setUploaded] = useState<string[]>([]);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [note, setNote] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const request = dossier.events.findLast((e) => e.command === "request_supplement");
  const canAnswer = dossier.commands.includes("resubmit");

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const trimmed = note.trim();
      await dossiers.command(
        dossier.id,
        { command: "resubmit", expectedVersion: dossier.version, ...(trimmed ? { note: trimmed } : {}) },
        key.current(),
      );
      key.reset();
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setSending(false);
    }
  };

  return (
    <Panel title={t("filing.supplement.heading")} className="supplement-answer">
      <div data-testid="supplement-request">
        {request && (
          <p>{t("filing.supplement.requestedAt", { at: formatVnDateTime(request.at), by: request.actor })}</p>
        )}
        {request?.note && (
          <p data-testid="supplement-reason">
            <strong>{t("filing.supplement.reason")}:</strong> {request.note}
          </p>
        )}
        {request?.items && request.items.length > 0 && (
          <>
            <p>
              <strong>{t("filing.supplement.items")}:</strong>
            </p>
            <ul data-testid="supplement-items">
              {request.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </>
        )}
        {dossier.forms.includes("supplement") && (
          <p>
            <a
              href={dossiers.formUrl(dossier.id, "supplement")}
              target="_blank"
              rel="noopener"
              data-testid="supplement-form"
            >
              <FilePdfOutlined aria-hidden />{" "}
              {t("filing.supplement.formLink", { number: formNumber(dossier.ruleSet, "supplement") })}
            </a>
          </p>
        )}
      </div>
      {canAnswer ? (
        <section aria-labelledby={`${hintId}-answer`} data-testid="supplement-answer">
          <h3 id={`${hintId}-answer`} className="filing-section__title">
            {t("filing.supplement.answerHeading")}
          </h3>
          <p id={hintId}>{t("filing.documents.hint", { max: Math.round(UPLOAD_MAX_BYTES / 1_048_576) })}</p>
          <FileUpload
            label={t("filing.documents.upload")}
            busyLabel={t("filing.documents.uploading")}
            accept={UPLOAD_ACCEPT}
            describedBy={hintId}
            testId="supplement-upload"
            send={(file, k) => {
              const refusal = checkFile(file);
              if (refusal) return Promise.reject(refusal);
              return documents.upload(dossier.id, file, file.name, "submitted", k);
            }}
            onStart={() => setUploadError(null)}
            onDone={(doc) => setUploaded((names) => [...names, doc.name])}
            onError={(e) => setUploadError(e)}
          />
          <div aria-live="polite">
            {uploaded.length > 0 && (
              <ul className="filing-files" data-testid="supplement-files">
                {uploaded.map((name, i) => (
                  <li key={`${i}-${name}`}>{t("filing.documents.uploaded", { name })}</li>
                ))}
              </ul>
            )}
            {uploadError instanceof FileRefusal ? (
              <Alert type="error" showIcon title={t(uploadError.key, uploadError.params)} />
            ) : (
              <ProblemAlert error={uploadError} />
            )}
          </div>
          <label htmlFor={`${hintId}-note`} className="field-label">
            {t("filing.supplement.note")}
          </label>
          <Input.TextArea
            id={`${hintId}-note`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            data-testid="supplement-note"
          />
          <div aria-live="polite">
            <ProblemAlert error={error} />
          </div>
          <Button
            type="primary"
            className="supplement-send"
            onClick={send}
            loading={sending}
            disabled={uploaded.length === 0 && note.trim() === ""}
            data-testid="supplement-send"
          >
            {t("filing.supplement.send")}
          </Button>
        </section>
      ) : (
        <p>{t("filing.supplement.atDesk")}</p>
      )}
    </Panel>
  );
}
