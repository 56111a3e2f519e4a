// Audit log: entries searched by actor, action, entity, unit and days, paged, and a check of the
// tamper-evident hash chain. Only for users whose abilities include canReadAudit; the server
// enforces the same rule and keeps a supervisor's search within their units.
import { SafetyCertificateOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  Result,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { type FormEvent, useId, useMemo, useState } from "react";
import { type AuditFilters, audit, units } from "../api/endpoints";
import type { AuditEntry, AuditVerification } from "../api/types";
import { ProblemAlert } from "../components/ProblemAlert";
import { useApiQuery } from "../components/useApiQuery";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { formatDateTime, useI18n } from "../i18n";
import { StaffUnitSelect } from "./StaffUnitSelect";
import { useSession } from "./session";
import { staffUnits } from "./staffUnits";

function outcomeClass(status: number): string {
  if (status < 400) return "outcome-tag outcome-tag--ok";
  if (status < 500) return "outcome-tag outcome-tag--client";
  return "outcome-tag outcome-tag--server";
}

/** The search form: edits a draft, applies it on submit (one request per search, not per key). */
function AuditSearch({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items), [me, unitList.data]);
  const [draft, setDraft] = useState<AuditFilters>({});
  const ids = { actor: useId(), action: useId(), target: useId(), dates: useId() };
  const set = (changes: AuditFilters) => setDraft((d) => ({ ...d, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  const text = (key: "actor" | "action" | "target", label: string) => (
    <div className="picker-field">
      <label htmlFor={ids[key]} className="field-label">
        {label}
      </label>
      <Input
        id={ids[key]}
        data-testid={`audit-search-${key}`}
        allowClear
        maxLength={key === "target" ? 200 : 120}
        value={draft[key] ?? ""}
        onChange={(e) => set({ [key]: e.target.value.trim() || undefined })}
      />
    </div>
  );
  return (
    <form className="picker-row" data-testid="audit-search" onSubmit={submit}>
      {text("actor", t("audit.searchActor"))}
      {text("action", t("audit.searchAction"))}
      {text("target", t("audit.searchTarget"))}
      <StaffUnitSelect
        value={draft.unit}
        options={options}
        loading={unitList.loading}
        onChange={(unit) => set({ unit })}
        testId="audit-search-unit"
      />
      <div className="picker-field">
        <span id={ids.dates} className="field-label">
          {t("audit.searchDates")}
        </span>
        <DatePicker.RangePicker
          aria-labelledby={ids.dates}
          data-testid="audit-search-dates"
          format="DD/MM/YYYY"
          value={draft.from && draft.to ? [dayjs(draft.from), dayjs(draft.to)] : null}
          placeholder={[t("audit.from"), t("audit.to")]}
          onChange={(range) =>
            set({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") })
          }
        />
      </div>
      <Space className="picker-field">
        <Button type="primary" htmlType="submit" data-testid="audit-search-submit">
          {t("audit.search")}
        </Button>
        <Button
          data-testid="audit-search-clear"
          onClick={() => {
            setDraft({});
            onSearch({});
          }}
        >
          {t("audit.clear")}
        </Button>
      </Space>
    </form>
  );
}

function AuditLog() {
  const { lang, t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [filters, setFilters] = useState<AuditFilters>({});
  const entries = useApiQuery(
    `audit:${page}:${pageSize}:${JSON.stringify(filters)}`,
    (signal) => audit.list(page, pageSize, filters, signal),
    { keepPrevious: true },
  );
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const verify = async () => {
    setVerifying(true);
    setVerification(null);
    setVerifyError(null);
    try {
      setVerification(await audit.verify());
    } catch (error) {
      setVerifyError(error);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    { key: "seq", dataIndex: "seq", title: t("audit.seq"), align: "right" },
    { key: "at", dataIndex: "at", title: t("audit.at"), render: (at: string) => formatDateTime(at, lang) },
    {
      key: "actor",
      dataIndex: "actorName",
      title: t("audit.actor"),
      render: (name) => name ?? t("audit.anonymous"),
    },
    {
      key: "action",
      dataIndex: "action",
      title: t("audit.action"),
      render: (action: string) => <code>{action}</code>,
    },
    {
      key: "outcome",
      dataIndex: "outcome",
      title: t("audit.outcome"),
      render: (status: number) => <Tag className={outcomeClass(status)}>{status}</Tag>,
    },
    {
      key: "target",
      dataIndex: "target",
      title: t("audit.target"),
      render: (target) => target ?? t("org.none"),
    },
  ];

  return (
    <>
      <Card className="section-card">
        <Space orientation="vertical" className="full-width">
          <Button
            data-testid="audit-verify"
            icon={<SafetyCertificateOutlined aria-hidden />}
            onClick={verify}
            loading={verifying}
          >
            {t("audit.verify")}
          </Button>
          <div aria-live="polite">
            {verification && (
              <Alert
                data-testid="audit-verify-result"
                showIcon
                type={verification.ok ? "success" : "error"}
                title={
                  verification.ok
                    ? t("audit.verifyOk", { checked: verification.checked })
                    : t("audit.verifyBad", {
                        reason: verification.problem?.reason ?? verification.reason ?? "?",
                        seq: verification.problem?.seq ?? verification.firstBadSeq ?? "?",
                        checked: verification.checked,
                      })
                }
                description={<CheckpointStatus verification={verification} />}
              />
            )}
          </div>
          <ProblemAlert error={verifyError} />
        </Space>
      </Card>

      <Card className="section-card">
        <AuditSearch
          onSearch={(next) => {
            setFilters(next);
            setPage(1);
          }}
        />
      </Card>
      <ProblemAlert error={entries.error} onRetry={entries.reload} />
      <div data-testid="audit-table">
        <Table<AuditEntry>
          rowKey="seq"
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.loading}
          size="small"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("audit.empty")} /> }}
          pagination={{
            current: page,
            pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t("audit.total", { total }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
        />
      </div>
    </>
  );
}

export default function AuditPage() {
  const { t } = useI18n();
  const { me } = useSession();
  useDocumentTitle(t("audit.heading"));
  return (
    <>
      <Typography.Title level={1}>{t("audit.heading")}</Typography.Title>
      {me.abilities.canReadAudit ? <AuditLog /> : <Result status="403" subTitle={t("errors.forbidden")} />}
    </>
  );
}

/** What the signed checkpoints of the chain's head say (SECURITY.md "Audit trail"). */
function CheckpointStatus({ verification }: { verification: AuditVerification }) {
  const { lang, t } = useI18n();
  const c = verification.checkpoints;
  const lines: string[] = [];
  if (c.status === "off") lines.push(t("audit.checkpointsOff"));
  else {
    if (c.status === "demo_key") lines.push(t("audit.checkpointsDemo"));
    lines.push(
      c.newest
        ? t("audit.checkpointsOn", {
            checked: c.checked,
            id: c.newest.id,
            seq: c.newest.seq,
            at: formatDateTime(c.newest.at, lang),
            unanchored: c.unanchoredRows,
          })
        : t("audit.checkpointsNone"),
    );
  }
  if (c.anchor) lines.push(t("audit.anchorFile", { lines: c.anchor.lines }));
  return (
    <div data-testid="audit-checkpoints">
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}
