// Audit log: paged entries and a check of the tamper-evident hash chain. Only for users whose
// abilities include canReadAudit; the server enforces the same rule.
import { SafetyCertificateOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Empty,
  Result,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { audit } from "../api/endpoints";
import type { AuditEntry, AuditVerification } from "../api/types";
import { ProblemAlert } from "../components/ProblemAlert";
import { useApiQuery } from "../components/useApiQuery";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { formatDateTime, useI18n } from "../i18n";
import { useSession } from "./session";

function outcomeClass(status: number): string {
  if (status < 400) return "outcome-tag outcome-tag--ok";
  if (status < 500) return "outcome-tag outcome-tag--client";
  return "outcome-tag outcome-tag--server";
}

function AuditLog() {
  const { lang, t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const entries = useApiQuery(`audit:${page}:${pageSize}`, (signal) => audit.list(page, pageSize, signal), {
    keepPrevious: true,
  });
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
                        seq: verification.firstBadSeq ?? "?",
                        checked: verification.checked,
                      })
                }
              />
            )}
          </div>
          <ProblemAlert error={verifyError} />
        </Space>
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
