// Bulk commands on the work queue (issue #6): forward the selected received dossiers, or return
// the results of the selected ready ones, all or nothing after a confirmation. A button is enabled
// only when every selected row allows its command (the server still decides, per item).
import { Alert, Button, Modal, Select, Space } from "antd";
import { useId, useState } from "react";
import type { DossierRow, RoleName } from "../../api/types";
import { newIdempotencyKey } from "../../components/idempotency";
import { problemText } from "../../components/problem";
import { useI18n } from "../../i18n";
import { type BulkCommand, dashboard } from "../dashboard/dashboardApi";
import { useSession } from "../session";

/** The state each bulk command starts from, and the roles that may run it there. */
const BULK: Record<BulkCommand, { state: DossierRow["state"]; roles: RoleName[] }> = {
  forward: { state: "received", roles: ["receptionist", "specialist", "leader", "clerk"] },
  return_result: { state: "result_ready", roles: ["receptionist"] },
};
const METHODS = ["in_person", "postal"] as const;

export function allows(command: BulkCommand, rows: DossierRow[], roles: RoleName[]): boolean {
  const rule = BULK[command];
  return (
    rows.length > 0 &&
    rows.length <= 50 &&
    rule.roles.some((r) => roles.includes(r)) &&
    rows.every((row) => row.state === rule.state)
  );
}

export function BulkActions({ rows, onDone }: { rows: DossierRow[]; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const methodId = useId();
  const roles = me.roles.map((r) => r.role);
  const [confirm, setConfirm] = useState<BulkCommand | null>(null);
  const [method, setMethod] = useState<(typeof METHODS)[number]>("in_person");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{
    type: "success" | "error";
    text: string;
    details?: string[];
  } | null>(null);
  const run = async () => {
    if (!confirm) return;
    setBusy(true);
    try {
      const out = await dashboard.bulk(
        {
          command: confirm,
          items: rows.map((r) => ({ id: r.id, expectedVersion: r.version })),
          ...(confirm === "return_result" ? { method } : {}),
        },
        newIdempotencyKey(),
      );
      setResult({ type: "success", text: t(`dashboard.bulk.done.${confirm}`, { count: out.items.length }) });
      onDone();
    } catch (error) {
      const problem = (
        error as { problem?: { errors?: { field: string; message: { vi: string; en: string } }[] } }
      ).problem;
      const details = (problem?.errors ?? []).map((e) => {
        const row = rows[Number(e.field.split(".")[1])];
        return `${row?.code ?? e.field}: ${e.message[lang]}`;
      });
      setResult({ type: "error", text: problemText(error, lang, t), details });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };
  return (
    <div className="bulk-actions" data-testid="bulk-actions">
      <Space wrap>
        <span aria-live="polite" data-testid="bulk-selected">
          {t("dashboard.bulk.selected", { count: rows.length })}
        </span>
        {(["forward", "return_result"] as const).map((command) => (
          <Button
            key={command}
            disabled={!allows(command, rows, roles)}
            onClick={() => {
              setResult(null);
              setConfirm(command);
            }}
            data-testid={`bulk-${command}`}
          >
            {t(`dashboard.bulk.${command}`)}
          </Button>
        ))}
      </Space>
      {result && (
        <Alert
          className="bulk-actions__result"
          type={result.type}
          showIcon
          message={result.text}
          description={
            result.details?.length ? (
              <ul>
                {result.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : undefined
          }
          data-testid="bulk-result"
          closable
          onClose={() => setResult(null)}
        />
      )}
      <Modal
        open={confirm !== null}
        title={confirm ? t(`dashboard.bulk.confirmTitle.${confirm}`, { count: rows.length }) : ""}
        okText={t("dashboard.bulk.confirm")}
        cancelText={t("dashboard.bulk.cancel")}
        confirmLoading={busy}
        onOk={run}
        onCancel={() => setConfirm(null)}
        okButtonProps={{ "data-testid": "bulk-confirm" } as Record<`data-${string}`, string>}
      >
        <p>{t("dashboard.bulk.confirmText")}</p>
        <ul>
          {rows.map((r) => (
            <li key={r.id}>
              {r.code} — {r.procedureName}
            </li>
          ))}
        </ul>
        {confirm === "return_result" && (
          <div className="picker-field">
            <label htmlFor={methodId} className="field-label">
              {t("dashboard.bulk.method")}
            </label>
            <Select
              id={methodId}
              value={method}
              onChange={setMethod}
              options={METHODS.map((m) => ({ value: m, label: t(`dashboard.bulk.methodName.${m}`) }))}
            />
          </div>
        )}
      </Modal>
    </div>
  );
}
