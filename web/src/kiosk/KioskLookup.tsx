// "Tra cứu hồ sơ" on the kiosk: the dossier code typed on a large on-screen keypad (or a
// keyboard), then the public lookup (GET /api/public/dossiers/:code): state, masked applicant,
// procedure, unit, dates and the public timeline. No personal data beyond what /tra-cuu shows.
import { useId, useState } from "react";
import { ApiError } from "../api/client";
import { dossiers } from "../api/endpoints";
import type { DossierLookup } from "../api/types";
import { formatVnDateTime } from "../components/dossierFormat";
import { problemText } from "../components/problem";
import { useApiQuery } from "../components/useApiQuery";
import { useI18n } from "../i18n";
import { Keypad } from "./Keypad";

function LookupResult({ result }: { result: DossierLookup }) {
  const { lang, t } = useI18n();
  const rows: [string, string][] = [
    [t("dossier.applicant"), result.applicantName],
    [t("dossier.procedure"), result.procedureName],
    [t("dossier.handlingUnit"), result.unitName],
    [t("dossier.receivedAt"), formatVnDateTime(result.receivedAt) || "—"],
    [t("dossier.dueAt"), formatVnDateTime(result.dueAt) || "—"],
  ];
  if (result.promisedAt) rows.push([t("dossier.promisedAt"), formatVnDateTime(result.promisedAt)]);
  if (result.resolvedAt) rows.push([t("dossier.resolvedAt"), formatVnDateTime(result.resolvedAt)]);
  if (result.returnedAt) rows.push([t("dossier.returnedAt"), formatVnDateTime(result.returnedAt)]);
  return (
    <section className="kiosk-card" aria-labelledby="kiosk-lookup-result" data-testid="kiosk-lookup-result">
      <h2 id="kiosk-lookup-result" className="kiosk-card__title">
        {t("kiosk.lookup.resultHeading", { code: result.code })}
      </h2>
      <p className="kiosk-state" data-testid="kiosk-lookup-state" data-state={result.state}>
        {result.stateLabel[lang] || result.stateLabel.vi}
      </p>
      <dl className="kiosk-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="kiosk-facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="kiosk-card__subtitle">{t("kiosk.lookup.timelineHeading")}</h3>
      <ol className="kiosk-timeline">
        {result.timeline.map((entry) => (
          <li key={`${entry.at}-${entry.state}`}>
            <span className="kiosk-timeline__at">{formatVnDateTime(entry.at)}</span>{" "}
            <strong>{entry.stateLabel[lang] || entry.stateLabel.vi}</strong>
            {entry.stepName && <span className="kiosk-timeline__step"> · {entry.stepName}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function KioskLookup() {
  const { lang, t } = useI18n();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [input, setInput] = useState("");
  const [code, setCode] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);
  const query = useApiQuery(code ? `kiosk-lookup:${code}` : null, (signal) =>
    dossiers.lookup(code ?? "", signal),
  );
  const missing = query.error instanceof ApiError && [400, 404].includes(query.error.status);

  const type = (next: string) => {
    setInput(next);
    setEmpty(false);
    setCode(null);
  };

  return (
    <div className="kiosk-lookup">
      <form
        className="kiosk-lookup__form"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = input.trim();
          setEmpty(trimmed === "");
          setCode(trimmed || null);
        }}
      >
        <label htmlFor={inputId} className="kiosk-label">
          {t("kiosk.lookup.label")}
        </label>
        <input
          id={inputId}
          className="kiosk-input kiosk-input--code"
          data-testid="kiosk-lookup-code"
          // The on-screen keypad types; a touch screen's own keyboard would cover it.
          inputMode="none"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={empty || missing ? `${hintId} ${errorId}` : hintId}
          aria-invalid={empty || missing}
          value={input}
          onChange={(event) => type(event.target.value.toUpperCase())}
        />
        <p id={hintId} className="kiosk-hint">
          {t("kiosk.lookup.hint")}
        </p>
        <Keypad
          controls={inputId}
          onKey={(key) => type(input + key)}
          onBackspace={() => type(input.slice(0, -1))}
          onClear={() => type("")}
        />
        <button
          type="submit"
          className="kiosk-button kiosk-button--primary"
          data-testid="kiosk-lookup-submit"
        >
          {t("kiosk.lookup.submit")}
        </button>
      </form>
      <div aria-live="polite">
        {empty && (
          <p id={errorId} className="kiosk-message kiosk-message--error" role="alert">
            {t("kiosk.lookup.emptyCode")}
          </p>
        )}
        {code && query.loading && <p className="kiosk-message">{t("app.loading")}</p>}
        {code && missing && (
          <p
            id={errorId}
            className="kiosk-message kiosk-message--error"
            role="alert"
            data-testid="kiosk-lookup-not-found"
          >
            {t("kiosk.lookup.notFound", { code })}
          </p>
        )}
        {code && query.error !== null && !missing && (
          <p className="kiosk-message kiosk-message--error" role="alert">
            {problemText(query.error, lang, t)}
          </p>
        )}
      </div>
      {query.data && <LookupResult result={query.data} />}
      {query.data && (
        <button
          type="button"
          className="kiosk-button"
          onClick={() => type("")}
          data-testid="kiosk-lookup-again"
        >
          {t("kiosk.lookup.again")}
        </button>
      )}
    </div>
  );
}
