// "Lấy số thứ tự" on the kiosk (issue #8): a ticket for a sector, or a check-in with a booking
// code; then the big number. The kiosk's unit comes from its address (/kiosk?unit=46.19753),
// or is chosen once from the list (remembered on this device). No personal data is shown.
import { useId, useState } from "react";
import { useLocation } from "react-router";
import { ApiError } from "../api/client";
import { units } from "../api/endpoints";
import { formatVnDateTime } from "../components/dossierFormat";
import { problemText } from "../components/problem";
import { useApiQuery } from "../components/useApiQuery";
import { useI18n } from "../i18n";
import { type PublicTicket, queueApi } from "../queue/queueApi";

const UNIT_KEY = "motcua.kiosk.unit";

function useKioskUnit(): [string | null, (code: string) => void] {
  const fromUrl = new URLSearchParams(useLocation().search).get("unit");
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(UNIT_KEY));
  const choose = (code: string) => {
    localStorage.setItem(UNIT_KEY, code);
    setChosen(code);
  };
  return [fromUrl ?? chosen, choose];
}

function UnitChooser({ onChoose }: { onChoose: (code: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const list = useApiQuery("kiosk-units", (signal) => units.list(false, signal));
  return (
    <div className="kiosk-card">
      <label htmlFor={id} className="kiosk-card__title">
        {t("ticketQueue.kiosk.chooseUnit")}
      </label>
      <select
        id={id}
        className="kiosk-input"
        data-testid="kiosk-queue-unit"
        defaultValue=""
        onChange={(e) => e.target.value && onChoose(e.target.value)}
      >
        <option value="">{t("ticketQueue.kiosk.unitLabel")}</option>
        {(list.data?.items ?? []).map((u) => (
          <option key={u.id} value={u.code}>
            {u.name} ({u.code})
          </option>
        ))}
      </select>
    </div>
  );
}

function TicketCard({ ticket, onHome }: { ticket: PublicTicket; onHome: () => void }) {
  const { t } = useI18n();
  return (
    <section className="kiosk-card kiosk-ticket" aria-live="polite" data-testid="kiosk-ticket">
      <h2 className="kiosk-card__title">{t("ticketQueue.kiosk.yourNumber")}</h2>
      <p className="kiosk-ticket__number" data-testid="kiosk-ticket-number">
        {ticket.label}
      </p>
      {ticket.sector && <p className="kiosk-ticket__sector">{ticket.sector}</p>}
      <p>{ticket.unit.name}</p>
      {ticket.slotStartsAt && (
        <p>{t("ticketQueue.kiosk.slot", { time: formatVnDateTime(ticket.slotStartsAt) })}</p>
      )}
      <p>{t("ticketQueue.kiosk.ahead", { count: ticket.waitingAhead })}</p>
      <p>{t("ticketQueue.kiosk.watchDisplay")}</p>
      <button
        type="button"
        className="kiosk-button kiosk-button--primary"
        onClick={onHome}
        data-testid="kiosk-ticket-done"
      >
        {t("ticketQueue.kiosk.done")}
      </button>
    </section>
  );
}

export function KioskQueueTicket({ onHome }: { onHome: () => void }) {
  const { lang, t } = useI18n();
  const [unitCode, chooseUnit] = useKioskUnit();
  const codeId = useId();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ticket, setTicket] = useState<PublicTicket | null>(null);
  const display = useApiQuery(unitCode ? `kiosk-queue:${unitCode}` : null, (signal) =>
    queueApi.display(unitCode ?? "", signal),
  );

  if (!unitCode) return <UnitChooser onChoose={chooseUnit} />;
  if (ticket) return <TicketCard ticket={ticket} onHome={onHome} />;
  if (display.error instanceof ApiError && display.error.status === 404)
    return <p className="kiosk-card">{t("ticketQueue.kiosk.noQueue")}</p>;

  const run = async (action: () => Promise<PublicTicket>) => {
    setBusy(true);
    setError(null);
    try {
      setTicket(await action());
    } catch (err) {
      setError(problemText(err, lang, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kiosk-queue">
      <section className="kiosk-card" aria-labelledby={`${codeId}-sectors`}>
        <h2 id={`${codeId}-sectors`} className="kiosk-card__title">
          {t("ticketQueue.kiosk.sectorsLabel")}
        </h2>
        <ul className="kiosk-tiles">
          {(display.data?.sectors ?? []).map((sector) => (
            <li key={sector}>
              <button
                type="button"
                className="kiosk-tile"
                disabled={busy}
                data-testid="kiosk-queue-sector"
                onClick={() => run(() => queueApi.takeTicket(unitCode, sector))}
              >
                <span className="kiosk-tile__title">{sector}</span>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="kiosk-tile"
              disabled={busy || !display.data}
              data-testid="kiosk-queue-any"
              onClick={() => run(() => queueApi.takeTicket(unitCode, null))}
            >
              <span className="kiosk-tile__title">{t("ticketQueue.kiosk.anySector")}</span>
            </button>
          </li>
        </ul>
      </section>
      <form
        className="kiosk-card"
        onSubmit={(event) => {
          event.preventDefault();
          if (!code.trim()) {
            setError(t("ticketQueue.kiosk.emptyCode"));
            return;
          }
          void run(() => queueApi.checkInAtKiosk(unitCode, code.trim().toUpperCase()));
        }}
      >
        <h2 className="kiosk-card__title">{t("ticketQueue.kiosk.checkInHeading")}</h2>
        <label htmlFor={codeId}>{t("ticketQueue.kiosk.codeLabel")}</label>
        <input
          id={codeId}
          className="kiosk-input kiosk-input--code"
          value={code}
          autoComplete="off"
          data-testid="kiosk-queue-code"
          onChange={(e) => setCode(e.target.value)}
        />
        <button
          type="submit"
          className="kiosk-button kiosk-button--primary"
          disabled={busy}
          data-testid="kiosk-queue-check-in"
        >
          {t("ticketQueue.kiosk.checkIn")}
        </button>
      </form>
      {error && (
        <p className="kiosk-message kiosk-message--error" role="alert" data-testid="kiosk-queue-error">
          {error}
        </p>
      )}
    </div>
  );
}
