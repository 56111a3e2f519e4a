// /admin/nhap-ho-so: a system administrator uploads a CSV or XLSX file of dossiers handled by an
// earlier system; the run's progress is polled every second (counts, progress bar), its error
// rows are listed (row, column, message in the UI language) with the error report as CSV, and
// the recent runs can be reopened. The server enforces the same rule (history.import).
import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Empty,
  Progress,
  Result,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useEffect, useState } from "react";
import { isAbort } from "../../api/client";
import { formatVnDateTime } from "../../components/dossierFormat";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { useSession } from "../session";
import "./imports.css";
import { type ImportRun, type ImportRunSummary, imports, type RowError } from "./importsApi";

const POLL_MS = 1000;

/** The run, read again every second while it is running. */
function useImportRun(id: string | null) {
  const [state, setState] = useState<{ id: string | null; run?: ImportRun; error: unknown }>({
    id,
    error: null,
  });
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const run = await imports.run(id, controller.signal);
        if (controller.signal.aborted) return;
        setState({ id, run, error: null });
        if (run.status === "running") timer = setTimeout(tick, POLL_MS);
      } catch (error) {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((prev) => ({ ...prev, id, error }));
        timer = setTimeout(tick, POLL_MS * 3);
      }
    };
    setState({ id, error: null });
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id]);
  return state.id === id ? state : { id, run: undefined, error: null };
}

// The outcome colours of the audit log (styles.css), readable on their backgrounds.
const STATUS_CLASS = {
  running: undefined,
  done: "outcome-tag outcome-tag--ok",
  failed: "outcome-tag outcome-tag--server",
} as const;

function StatusTag({ status }: { status: ImportRun["status"] }) {
  const { t } = useI18n();
  return (
    <Tag className={STATUS_CLASS[status]} data-testid="import-status" data-status={status}>
      {t(`imports.run.status.${status}`)}
    </Tag>
  );
}

function Counts({ run }: { run: ImportRun }) {
  const { t } = useI18n();
  const items = [
    ["processed", run.processed],
    ["inserted", run.inserted],
    ["duplicates", run.duplicates],
    ["failed", run.failed],
  ] as const;
  return (
    <ul className="import-counts">
      {items.map(([key, value]) => (
        <li
          key={key}
          className={`import-count${key === "failed" && value > 0 ? " import-count--alert" : ""}`}
        >
          <span className="import-count__value" data-testid={`import-${key}`}>
            {value.toLocaleString("vi-VN")}
          </span>
          <span className="import-count__label">{t(`imports.run.${key}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function ErrorRows({ run }: { run: ImportRun }) {
  const { lang, t } = useI18n();
  const columns: TableColumnsType<RowError & { key: number }> = [
    { key: "row", dataIndex: "row", title: t("imports.errors.row"), align: "right", width: 80 },
    {
      key: "field",
      dataIndex: "field",
      title: t("imports.errors.field"),
      width: 160,
      render: (field: string) => (field ? <code>{field}</code> : t("imports.errors.wholeFile")),
    },
    {
      key: "message",
      title: t("imports.errors.message"),
      render: (_: unknown, e: RowError) => e.message[lang] || e.message.vi,
    },
  ];
  return (
    <Card
      className="section-card"
      title={<h2 className="card-heading">{t("imports.errors.title")}</h2>}
      extra={
        run.errors.length > 0 ? (
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={imports.errorsCsvUrl(run.id)}
            download
            data-testid="import-errors-csv"
          >
            {t("imports.errors.download")}
          </Button>
        ) : null
      }
    >
      <div data-testid="import-errors">
        <Table<RowError & { key: number }>
          size="small"
          columns={columns}
          dataSource={run.errors.map((e, i) => ({ ...e, key: i }))}
          locale={{ emptyText: <Empty description={t("imports.errors.none")} /> }}
          pagination={{
            defaultPageSize: 10,
            hideOnSinglePage: true,
            showTotal: (total) => t("imports.errors.total", { total }),
          }}
        />
      </div>
      {run.moreErrors ? (
        <p className="text-secondary">{t("imports.errors.more", { shown: run.errors.length })}</p>
      ) : null}
    </Card>
  );
}

function CurrentRun({ run, error }: { run: ImportRun | undefined; error: unknown }) {
  const { t } = useI18n();
  if (!run) return <ProblemAlert error={error} />;
  const percent = run.percent ?? (run.status === "done" ? 100 : 0);
  return (
    <>
      <Card
        className="section-card"
        title={<h2 className="card-heading">{t("imports.run.title", { name: run.fileName })}</h2>}
        extra={<StatusTag status={run.status} />}
      >
        <div data-testid="import-run" data-run-id={run.id} data-status={run.status}>
          <Progress
            percent={percent}
            status={run.status === "failed" ? "exception" : run.status === "done" ? "success" : "active"}
            aria-label={t("imports.run.progress")}
            data-testid="import-progress"
            data-percent={percent}
          />
          <Counts run={run} />
          <p className="text-secondary">
            {t("imports.run.startedAt")}: {formatVnDateTime(run.startedAt)}
            {run.finishedAt ? ` · ${t("imports.run.finishedAt")}: ${formatVnDateTime(run.finishedAt)}` : ""}
          </p>
        </div>
      </Card>
      <ProblemAlert error={error} />
      <ErrorRows run={run} />
    </>
  );
}

function RecentRuns({ version, onOpen }: { version: number; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const pageSize = 10;
  const list = useApiQuery(`imports:${page}:${version}`, (signal) => imports.list(page, pageSize, signal), {
    keepPrevious: true,
  });
  const columns: TableColumnsType<ImportRunSummary> = [
    { key: "file", dataIndex: "fileName", title: t("imports.recent.file") },
    {
      key: "startedAt",
      dataIndex: "startedAt",
      title: t("imports.run.startedAt"),
      render: (at: string) => formatVnDateTime(at),
    },
    {
      key: "by",
      title: t("imports.recent.by"),
      render: (_: unknown, r: ImportRunSummary) => r.startedBy?.name ?? t("imports.run.operator"),
    },
    {
      key: "status",
      title: t("imports.recent.status"),
      render: (_: unknown, r: ImportRunSummary) => t(`imports.run.status.${r.status}`),
    },
    { key: "inserted", dataIndex: "inserted", title: t("imports.run.inserted"), align: "right" },
    { key: "duplicates", dataIndex: "duplicates", title: t("imports.run.duplicates"), align: "right" },
    { key: "failed", dataIndex: "failed", title: t("imports.run.failed"), align: "right" },
    {
      key: "open",
      title: t("imports.recent.open"),
      render: (_: unknown, r: ImportRunSummary) => (
        <Button
          size="small"
          onClick={() => onOpen(r.id)}
          aria-label={t("imports.recent.openLabel", { name: r.fileName })}
          data-testid="import-open"
        >
          {t("imports.recent.open")}
        </Button>
      ),
    },
  ];
  return (
    <Card className="section-card" title={<h2 className="card-heading">{t("imports.recent.title")}</h2>}>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <div data-testid="import-runs">
        <Table<ImportRunSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("imports.recent.empty")} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            showTotal: (total) => t("imports.recent.total", { total }),
            onChange: setPage,
          }}
        />
      </div>
    </Card>
  );
}

function Importer() {
  const { t } = useI18n();
  const [runId, setRunId] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [listVersion, setListVersion] = useState(0);
  const current = useImportRun(runId);
  const { run } = current;
  const finished = run && run.status !== "running" ? run.id : null;
  // The list shows the new run when it starts and its final counts when it ends.
  useEffect(() => {
    if (finished) setListVersion((v) => v + 1);
  }, [finished]);

  return (
    <>
      <Card className="section-card" title={<h2 className="card-heading">{t("imports.upload.title")}</h2>}>
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={sending !== null}
          data-testid="import-upload-input"
          customRequest={({ file, onSuccess, onError }) => {
            const picked = file as File;
            setSending(picked.name);
            setUploadError(null);
            imports
              .upload(picked)
              .then(
                (started) => {
                  onSuccess?.(started);
                  setRunId(started.id);
                  setListVersion((v) => v + 1);
                },
                (error: unknown) => {
                  onError?.(error instanceof Error ? error : new Error(String(error)));
                  setUploadError(error);
                },
              )
              .finally(() => setSending(null));
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">
            {sending ? t("imports.upload.sending", { name: sending }) : t("imports.upload.drop")}
          </p>
          <p className="ant-upload-hint">{t("imports.upload.hint")}</p>
        </Upload.Dragger>
        <p className="text-secondary import-columns">{t("imports.columns")}</p>
        <div aria-live="polite">
          <ProblemAlert error={uploadError} />
        </div>
      </Card>
      {runId ? <CurrentRun run={current.run} error={current.error} /> : null}
      <RecentRuns version={listVersion} onOpen={setRunId} />
    </>
  );
}

export default function ImportPage() {
  const { t } = useI18n();
  const { me } = useSession();
  useDocumentTitle(t("imports.heading"));
  // System administrators (the server's history.import).
  const allowed = me.roles.some((r) => r.role === "system_admin");
  return (
    <>
      <Typography.Title level={1}>{t("imports.heading")}</Typography.Title>
      <Typography.Paragraph>{t("imports.intro")}</Typography.Paragraph>
      {allowed ? <Importer /> : <Result status="403" subTitle={t("errors.forbidden")} />}
    </>
  );
}
