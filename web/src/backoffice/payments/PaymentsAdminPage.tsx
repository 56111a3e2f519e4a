// /admin/thanh-toan: a unit's online payments (payment.read: its desk, leaders, supervisors) with
// receipts; refunds by the unit's leader (payment.refund); the reconciliation with the gateway's
// daily lists (matched, only ours, only the gateway's, amount mismatch), on screen and as Excel.
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs } from "antd";
import { useMemo, useState } from "react";
import { DateInput } from "../../components/DateInput";
import { formatVnDateTime, vietnamToday } from "../../components/dossierFormat";
import { ProblemAlert } from "../../components/ProblemAlert";
import { applyFieldErrors } from "../../components/problem";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import { PaymentStatusTag } from "../../payments/PaymentPanel";
import { formatVnd, type Payment, paymentsApi, RECEIVED } from "../../payments/paymentsApi";
import { useSession } from "../session";

const READERS = new Set(["receptionist", "leader", "supervisor"]);

function RefundDialog({ payment, onClose }: { payment: Payment; onClose: (sent: boolean) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ amountVnd?: number; reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await paymentsApi.refund(payment.id, {
        reason: v.reason,
        ...(v.amountVnd ? { amountVnd: v.amountVnd } : {}),
      });
      onClose(true);
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, lang, ["amountVnd", "reason"]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("payments.admin.refundTitle", { ref: payment.txnRef })}
      okText={t("payments.admin.refund")}
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
    >
      <ProblemAlert error={error} fields={["amountVnd", "reason"]} />
      <Form form={form} layout="vertical">
        <Form.Item name="amountVnd" label={t("payments.admin.refundAmount")}>
          <InputNumber min={1} max={payment.amountVnd - payment.refundedVnd} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="reason" label={t("payments.admin.refundReason")} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ListTab({ unitId, canRefund }: { unitId: string; canRefund: boolean }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(() => vietnamToday(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(() => vietnamToday());
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const [notice, setNotice] = useState(false);
  const list = useApiQuery(`unit-payments:${unitId}:${from}:${to}`, (signal) =>
    paymentsApi.ofUnit(unitId, from, to, signal),
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DateInput label={t("payments.admin.from")} value={from} onChange={setFrom} />
        <DateInput label={t("payments.admin.to")} value={to} onChange={setTo} />
      </Space>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      {notice && <p role="status">{t("payments.admin.refundSent")}</p>}
      <Table<Payment>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="unit-payments"
        columns={[
          {
            key: "createdAt",
            title: t("payments.admin.columns.createdAt"),
            render: (_, p) => formatVnDateTime(p.createdAt),
          },
          { key: "dossier", title: t("payments.admin.columns.dossier"), dataIndex: "dossierCode" },
          { key: "txnRef", title: t("payments.admin.columns.txnRef"), dataIndex: "txnRef" },
          {
            key: "amount",
            title: t("payments.admin.columns.amount"),
            render: (_, p) => formatVnd(p.amountVnd),
          },
          {
            key: "refunded",
            title: t("payments.admin.columns.refunded"),
            render: (_, p) => (p.refundedVnd > 0 ? formatVnd(p.refundedVnd) : ""),
          },
          {
            key: "status",
            title: t("payments.admin.columns.status"),
            render: (_, p) => <PaymentStatusTag status={p.status} />,
          },
          {
            key: "receipt",
            title: t("payments.admin.columns.receipt"),
            render: (_, p) =>
              p.receiptCode && RECEIVED.includes(p.status) ? (
                <a href={paymentsApi.receiptUrl(p.id)} target="_blank" rel="noopener">
                  {p.receiptCode}
                </a>
              ) : null,
          },
          ...(canRefund
            ? [
                {
                  key: "actions",
                  title: t("payments.admin.columns.actions"),
                  render: (_: unknown, p: Payment) =>
                    ["paid", "partially_refunded", "duplicate"].includes(p.status) ? (
                      <Button size="small" onClick={() => setRefunding(p)}>
                        {t("payments.admin.refund")}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {refunding && (
        <RefundDialog
          payment={refunding}
          onClose={(sent) => {
            setRefunding(null);
            if (sent) {
              setNotice(true);
              list.reload();
            }
          }}
        />
      )}
    </>
  );
}

function ReconTab({ unitId }: { unitId: string }) {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(() => vietnamToday());
  const [to, setTo] = useState(() => vietnamToday());
  const [run, setRun] = useState(0);
  const report = useApiQuery(run > 0 ? `recon:${unitId}:${from}:${to}:${run}` : null, (signal) =>
    paymentsApi.reconcile(unitId, from, to, signal),
  );
  const s = report.data?.summary;
  return (
    <>
      <Space wrap align="end" style={{ marginBottom: 12 }}>
        <DateInput label={t("payments.admin.from")} value={from} onChange={setFrom} />
        <DateInput label={t("payments.admin.to")} value={to} onChange={setTo} />
        <Button type="primary" onClick={() => setRun((n) => n + 1)} data-testid="recon-run">
          {t("payments.admin.run")}
        </Button>
        <a href={paymentsApi.reconcileXlsxUrl(unitId, from, to, lang)}>{t("payments.admin.download")}</a>
      </Space>
      <ProblemAlert error={report.error} onRetry={report.reload} />
      {s && (
        <p data-testid="recon-summary">
          {t("payments.admin.summary", {
            matched: s.matched,
            onlyOurs: s.onlyOurs,
            onlyTheirs: s.onlyTheirs,
            mismatch: s.amountMismatch,
          })}
        </p>
      )}
      {report.data && (
        <Table
          rowKey="txnRef"
          size="small"
          dataSource={report.data.rows}
          columns={[
            {
              key: "category",
              title: t("payments.admin.columns.status"),
              render: (_, r) => t(`payments.admin.category.${r.category}`),
            },
            { key: "txnRef", title: t("payments.admin.columns.txnRef"), dataIndex: "txnRef" },
            { key: "dossier", title: t("payments.admin.columns.dossier"), dataIndex: "dossierCode" },
            {
              key: "ours",
              title: t("payments.admin.ours"),
              render: (_, r) => (r.ourAmountVnd === null ? "" : formatVnd(r.ourAmountVnd)),
            },
            {
              key: "theirs",
              title: t("payments.admin.theirs"),
              render: (_, r) => (r.theirAmountVnd === null ? "" : formatVnd(r.theirAmountVnd)),
            },
          ]}
        />
      )}
    </>
  );
}

export default function PaymentsAdminPage() {
  const { t } = useI18n();
  useDocumentTitle(t("payments.admin.title"));
  const { me } = useSession();
  const units = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of me.roles) if (READERS.has(r.role) && !seen.has(r.unitId)) seen.set(r.unitId, r.unitName);
    return [...seen].map(([value, name]) => ({ value, label: name }));
  }, [me.roles]);
  const [unitId, setUnitId] = useState(units[0]?.value);
  const canRefund = me.roles.some((r) => r.unitId === unitId && r.role === "leader");
  return (
    <div data-testid="payments-admin-page">
      <h1 className="page-title">{t("payments.admin.title")}</h1>
      <Space align="center" style={{ marginBottom: 16 }}>
        <span className="field-label">{t("payments.admin.unit")}</span>
        <Select
          aria-label={t("payments.admin.unit")}
          style={{ minWidth: 320 }}
          value={unitId}
          onChange={setUnitId}
          options={units}
        />
      </Space>
      {unitId && (
        <Tabs
          key={unitId}
          items={[
            {
              key: "list",
              label: t("payments.admin.tabs.list"),
              children: <ListTab unitId={unitId} canRefund={canRefund} />,
            },
            { key: "recon", label: t("payments.admin.tabs.recon"), children: <ReconTab unitId={unitId} /> },
          ]}
        />
      )}
    </div>
  );
}
