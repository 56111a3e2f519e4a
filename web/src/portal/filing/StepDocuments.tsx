// Step "documents": the procedure's checklist, one row per document, each with an upload (checked
// in the browser for size and type first; the server checks again) or a file reused from "my
// documents". Files attach to the saved draft; a file's name starts with its item's number.
import { Alert, Checkbox, Form, Spin } from "antd";
import { useId, useRef, useState } from "react";
import { documents } from "../../api/endpoints";
import type { DossierDocument, ProcedureRecord } from "../../api/types";
import { FileUpload } from "../../components/FileUpload";
import { newIdempotencyKey } from "../../components/idempotency";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useI18n } from "../../i18n";
import { filing } from "./filingApi";
import { checkFile, FileRefusal, itemName, itemOfName, UPLOAD_ACCEPT, UPLOAD_MAX_BYTES } from "./uploadRules";

type Outcome = { index: number; error: unknown } | { index: number; done: string } | null;

function RefusalOrProblem({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error instanceof FileRefusal)
    return <Alert type="error" showIcon className="problem-alert" title={t(error.key, error.params)} />;
  return <ProblemAlert error={error} />;
}

function FileList({ files }: { files: DossierDocument[] }) {
  const { t } = useI18n();
  if (files.length === 0) return <p className="text-secondary">{t("filing.documents.noFiles")}</p>;
  return (
    <ul className="filing-files">
      {files.map((doc) => (
        <li key={doc.id} data-testid="filing-file" data-name={doc.name}>
          <a href={doc.contentUrl} target="_blank" rel="noopener">
            {doc.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function StepDocuments({ procedure, dossierId }: { procedure: ProcedureRecord; dossierId: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const hintId = useId();
  const [version, setVersion] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Files reused from the store keep their name: remember their item for this visit.
  const reusedItem = useRef(new Map<string, number>());
  const list = useApiQuery(
    `filing-files:${dossierId}:${version}`,
    (signal) => documents.list(dossierId, signal),
    { keepPrevious: true },
  );
  const store = useApiQuery(`filing-store:${dossierId}`, (signal) => documents.store(1, 100, signal));
  const files = (list.data?.items ?? []).filter((doc) => doc.kind === "submitted");
  const itemOf = (doc: DossierDocument) => reusedItem.current.get(doc.id) ?? itemOfName(doc.name);
  const attached = (index: number) => {
    form.setFieldValue(["documents", index, "provided"], true);
    setVersion((v) => v + 1);
  };
  const others = files.filter((doc) => {
    const item = itemOf(doc);
    return item === null || item >= procedure.documents.length;
  });

  const reuse = async (index: number, documentId: string) => {
    setOutcome(null);
    try {
      const doc = await filing.reuse(dossierId, documentId, newIdempotencyKey());
      reusedItem.current.set(doc.id, index);
      setOutcome({ index, done: doc.name });
      attached(index);
    } catch (error) {
      setOutcome({ index, error });
    }
  };

  return (
    <>
      <p id={hintId}>{t("filing.documents.hint", { max: Math.round(UPLOAD_MAX_BYTES / 1_048_576) })}</p>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Spin description={t("app.loading")} />}
      {procedure.documents.length === 0 && <p>{t("procedure.noDocuments")}</p>}
      <ol className="filing-checklist" data-testid="filing-checklist">
        {procedure.documents.map((doc, index) => (
          <li
            key={`${index}-${doc.name}`}
            className="filing-item"
            data-testid="filing-item"
            data-index={index}
          >
            <p className="filing-item__name">
              {doc.name}{" "}
              <span className="doc-checklist__meta">
                ({t(`catalog.documentForm.${doc.form}`)}, {t("filing.documents.copies", { n: doc.count })})
              </span>
            </p>
            <FileList files={files.filter((f) => itemOf(f) === index)} />
            <div className="filing-item__actions">
              <FileUpload
                label={t("filing.documents.upload")}
                busyLabel={t("filing.documents.uploading")}
                accept={UPLOAD_ACCEPT}
                keyScope={String(index)}
                describedBy={hintId}
                testId={`filing-upload-${index}`}
                send={(file, key) => {
                  const refusal = checkFile(file);
                  if (refusal) return Promise.reject(refusal);
                  return documents.upload(dossierId, file, itemName(index, file.name), "submitted", key);
                }}
                onStart={() => setOutcome(null)}
                onDone={(uploaded) => {
                  setOutcome({ index, done: uploaded.name });
                  attached(index);
                }}
                onError={(error) => setOutcome({ index, error })}
              />
              {(store.data?.items.length ?? 0) > 0 && (
                <LabelledSelect<string>
                  listLabel={t("filing.documents.reuse")}
                  aria-label={t("filing.documents.reuseFor", { n: index + 1 })}
                  placeholder={t("filing.documents.reuse")}
                  className="filing-item__reuse"
                  value={null}
                  data-testid={`filing-reuse-${index}`}
                  options={store.data!.items.map((d) => ({ value: d.id, label: d.name }))}
                  onChange={(id) => id && reuse(index, id)}
                />
              )}
            </div>
            <Form.Item
              name={["documents", index, "provided"]}
              valuePropName="checked"
              className="filing-item__provided"
            >
              <Checkbox data-testid="filing-provided">{t("filing.documents.provided")}</Checkbox>
            </Form.Item>
            <div aria-live="polite" data-testid={`filing-upload-${index}-outcome`}>
              {outcome?.index === index &&
                ("error" in outcome ? (
                  <div data-testid="filing-upload-error">
                    <RefusalOrProblem error={outcome.error} />
                  </div>
                ) : (
                  <Alert
                    type="success"
                    showIcon
                    className="problem-alert"
                    data-testid="filing-upload-done"
                    title={t("filing.documents.uploaded", { name: outcome.done })}
                  />
                ))}
            </div>
          </li>
        ))}
      </ol>
      {others.length > 0 && (
        <section aria-labelledby={`${hintId}-others`}>
          <h3 id={`${hintId}-others`} className="filing-section__title">
            {t("filing.documents.others")}
          </h3>
          <FileList files={others} />
        </section>
      )}
    </>
  );
}
