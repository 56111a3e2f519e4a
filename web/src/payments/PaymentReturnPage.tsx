// /thanh-toan/ket-qua: where the gateway sends the browser back. Shows what the gateway says (its
// signature checked by the server) and waits for the server-to-server confirmation (IPN): only
// that, or the server's own query of the gateway, changes the payment's status.
import { Button, Result, Spin } from "antd";
import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { isAbort } from "../api/client";
import { ProblemAlert } from "../components/ProblemAlert";
import { useDocumentTitle } from "../components/useDocumentTitle";
import { useI18n } from "../i18n";
import { PaymentStatusTag } from "./PaymentPanel";
import { type PaymentDetail, paymentsApi, type ReturnOutcome } from "./paymentsApi";

const POLL_MS = 2000;
const MAX_POLLS = 30;

export default function PaymentReturnPage() {
  const { t } = useI18n();
  useDocumentTitle(t("payments.return.title"));
  const { search } = useLocation();
  const [outcome, setOutcome] = useState<ReturnOutcome | null>(null);
  const [payment, setPayment] = useState<PaymentDetail | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (id: string, n: number) => {
      try {
        const p = await paymentsApi.get(id, controller.signal);
        setPayment(p);
        if (p.status !== "pending") return;
        if (n >= MAX_POLLS) return setGaveUp(true);
        timer = setTimeout(() => void poll(id, n + 1), POLL_MS);
      } catch (e) {
        if (!isAbort(e)) setError(e);
      }
    };
    (async () => {
      try {
        const o = await paymentsApi.returned(search, controller.signal);
        setOutcome(o);
        if (o.valid && o.paymentId) await poll(o.paymentId, 0);
      } catch (e) {
        if (!isAbort(e)) setError(e);
      }
    })();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [search]);

  const back = outcome?.dossierId ? (
    <Link to={`/ho-so-cua-toi/${outcome.dossierId}`} data-testid="payment-back">
      <Button>{t("payments.return.backToDossier")}</Button>
    </Link>
  ) : null;

  return (
    <div className="payment-return-page" data-testid="payment-return-page">
      <h1 className="page-title">{t("payments.return.title")}</h1>
      <ProblemAlert error={error} />
      {!outcome && !error && <Spin />}
      {outcome && !outcome.valid && <Result status="warning" title={t("payments.return.invalid")} />}
      {outcome?.valid && (
        <Result
          status={
            payment && payment.status !== "pending"
              ? payment.status === "paid"
                ? "success"
                : "error"
              : "info"
          }
          title={
            outcome.gatewaySuccess
              ? t("payments.return.gatewaySuccess")
              : t("payments.return.gatewayFailed", { code: outcome.responseCode ?? "" })
          }
          subTitle={
            payment?.status === "pending" ? (
              <span data-testid="payment-waiting">
                {gaveUp ? t("payments.return.stillWaiting") : t("payments.return.waiting")}
              </span>
            ) : null
          }
          extra={[
            payment ? <PaymentStatusTag key="status" status={payment.status} /> : null,
            payment?.receiptCode ? (
              <a key="receipt" href={paymentsApi.receiptUrl(payment.id)} target="_blank" rel="noopener">
                {t("payments.receipt")}
              </a>
            ) : null,
            back ? <span key="back">{back}</span> : null,
          ]}
        />
      )}
    </div>
  );
}
