// The fees of a citizen's dossier on /ho-so-cua-toi/:id: the total, the "Pay fee" action (to the
// gateway's page), and the payments made so far with their receipts.
import { Button, Tag } from "antd";
import { useState } from "react";
import { formatVnDateTime } from "../components/dossierFormat";
import { Panel } from "../components/Panel";
import { ProblemAlert } from "../components/ProblemAlert";
import { useApiQuery } from "../components/useApiQuery";
import { useI18n } from "../i18n";
import { formatVnd, type PaymentStatus, paymentsApi } from "./paymentsApi";
import "../components/dossiers.css";

const CLOSED = new Set(["draft", "withdrawn", "refused", "stopped"]);
/** Tones of the shared dossier tags (components/dossiers.css: WCAG AA text/background pairs). */
const TONES: Record<PaymentStatus, string> = {
  paid: "done",
  pending: "waiting",
  failed: "ended",
  expired: "neutral",
  refunded: "neutral",
  partially_refunded: "attention",
  duplicate: "attention",
};

export function PaymentStatusTag({ status }: { status: PaymentStatus }) {
  const { t } = useI18n();
  return (
    <Tag
      className={`dossier-tag dossier-tag--${TONES[status] ?? "neutral"}`}
      data-testid="payment-status"
      data-status={status}
    >
      {t(`payments.status.${status}`)}
    </Tag>
  );
}

export function PaymentPanel({
  dossier,
}: {
  dossier: { id: string; state: string; fees: { name: string; amountVnd: number | null }[] };
}) {
  const { t, lang } = useI18n();
  const total = dossier.fees.reduce((sum, f) => sum + (f.amountVnd ?? 0), 0);
  const list = useApiQuery(total > 0 ? `payments-of:${dossier.id}` : null, (signal) =>
    paymentsApi.ofDossier(dossier.id, signal),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (total <= 0) return null;
  const items = list.data?.items ?? [];
  const paid = items.find((p) => p.status === "paid" || p.status === "partially_refunded");
  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const { redirectUrl } = await paymentsApi.start(dossier.id, lang);
      window.location.assign(redirectUrl);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Panel title={t("payments.panelTitle")}>
      <ul className="filing-files">
        {dossier.fees
          .filter((f) => (f.amountVnd ?? 0) > 0)
          .map((f) => (
            <li key={f.name}>
              {f.name}: {formatVnd(f.amountVnd ?? 0)}
            </li>
          ))}
      </ul>
      <p>
        {t("payments.total")}: <strong data-testid="payment-total">{formatVnd(total)}</strong>
      </p>
      <ProblemAlert error={error ?? list.error} onRetry={error ? undefined : list.reload} />
      {paid ? (
        <p data-testid="payment-paid">
          {t("payments.paidNote", { code: paid.receiptCode ?? "" })}{" "}
          <a
            href={paymentsApi.receiptUrl(paid.id)}
            target="_blank"
            rel="noopener"
            data-testid="payment-receipt"
          >
            {t("payments.receipt")}
          </a>
        </p>
      ) : (
        !CLOSED.has(dossier.state) && (
          <Button type="primary" onClick={() => void pay()} loading={busy} data-testid="pay-fee">
            {busy ? t("payments.paying") : t("payments.pay")}
          </Button>
        )
      )}
      {items.length > 0 && (
        <>
          <h3>{t("payments.history")}</h3>
          <ul className="filing-files" data-testid="payment-history">
            {items.map((p) => (
              <li key={p.id}>
                {formatVnDateTime(p.createdAt)} · {formatVnd(p.amountVnd)} ·{" "}
                <PaymentStatusTag status={p.status} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
