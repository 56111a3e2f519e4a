// "Tìm thủ tục" on the kiosk: a search box, the matching procedures as large buttons, and the
// chosen procedure's key facts (time limit, fees, channels, documents, where to file).
import { useId, useState } from "react";
import { catalog } from "../api/endpoints";
import type { ProcedureDetail, ProcedureSummary } from "../api/types";
import { formatDeadline, formatFeeAmount } from "../components/catalogFormat";
import { problemText } from "../components/problem";
import { useApiQuery } from "../components/useApiQuery";
import { type TFunction, useI18n } from "../i18n";

const PAGE_SIZE = 8;
const UNITS_SHOWN = 4;

function channels(procedure: ProcedureDetail["procedure"], t: TFunction): string {
  const names = [
    procedure.channels.inPerson ? t("catalog.channel.in_person") : null,
    procedure.channels.online !== "none" ? t(`catalog.online.${procedure.channels.online}`) : null,
    procedure.channels.postal ? t("catalog.channel.postal") : null,
  ].filter((name): name is string => name !== null);
  return names.join(" · ") || "—";
}

function ProcedureCard({ code, onBack }: { code: string; onBack: () => void }) {
  const { lang, t } = useI18n();
  const query = useApiQuery(`kiosk-procedure:${code}`, (signal) =>
    catalog.procedure(code, undefined, signal),
  );
  if (query.error) {
    return (
      <p className="kiosk-message kiosk-message--error" role="alert">
        {problemText(query.error, lang, t)}
      </p>
    );
  }
  if (!query.data) return <p className="kiosk-message">{t("app.loading")}</p>;
  const { procedure, units } = query.data;
  const fees =
    procedure.fees.length === 0
      ? t("procedure.noFees")
      : procedure.fees.map((fee) => `${fee.name}: ${formatFeeAmount(fee, lang, t)}`).join("; ");
  const rows: [id: string, label: string, value: string][] = [
    ["code", t("procedure.code"), procedure.code],
    ["sector", t("procedure.sector"), procedure.sector],
    ["deadline", t("procedure.deadline"), formatDeadline(procedure.deadline, lang, t)],
    ["fees", t("procedure.feesHeading"), fees],
    ["channels", t("procedure.channels"), channels(procedure, t)],
  ];
  return (
    <section className="kiosk-card" aria-labelledby="kiosk-procedure-name" data-testid="kiosk-procedure">
      <h2 id="kiosk-procedure-name" className="kiosk-card__title">
        {procedure.name}
      </h2>
      <dl className="kiosk-facts">
        {rows.map(([id, label, value]) => (
          <div key={id} className="kiosk-facts__row">
            <dt>{label}</dt>
            <dd data-testid={`kiosk-fact-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="kiosk-card__subtitle">{t("procedure.documentsHeading")}</h3>
      {procedure.documents.length === 0 ? (
        <p>{t("procedure.noDocuments")}</p>
      ) : (
        <ol className="kiosk-list" data-testid="kiosk-procedure-documents">
          {procedure.documents.map((doc) => (
            <li key={doc.name}>
              {doc.name}{" "}
              <span className="kiosk-list__note">
                ({t(`catalog.documentForm.${doc.form}`)},{" "}
                {t("kiosk.search.documentCount", { count: doc.count })})
              </span>
            </li>
          ))}
        </ol>
      )}
      <h3 className="kiosk-card__subtitle">{t("procedure.unitsHeading")}</h3>
      {units.length === 0 ? (
        <p>{t("procedure.noUnits")}</p>
      ) : (
        <p>
          {units
            .slice(0, UNITS_SHOWN)
            .map((unit) => unit.name)
            .join(", ")}
          {units.length > UNITS_SHOWN &&
            ` ${t("kiosk.search.unitsMore", { count: units.length - UNITS_SHOWN })}`}
        </p>
      )}
      <button type="button" className="kiosk-button" onClick={onBack} data-testid="kiosk-procedure-back">
        {t("kiosk.search.backToResults")}
      </button>
    </section>
  );
}

function Results({ items, onOpen }: { items: ProcedureSummary[]; onOpen: (code: string) => void }) {
  const { lang, t } = useI18n();
  return (
    <ul className="kiosk-results" aria-label={t("kiosk.search.resultsLabel")} data-testid="kiosk-results">
      {items.map((item) => (
        <li key={item.code}>
          <button type="button" className="kiosk-result" onClick={() => onOpen(item.code)}>
            <span className="kiosk-result__name">{item.name}</span>
            <span className="kiosk-result__meta">
              {item.code} · {formatDeadline(item.deadline, lang, t)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function KioskSearch() {
  const { lang, t } = useI18n();
  const inputId = useId();
  const hintId = useId();
  const [input, setInput] = useState("");
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const search = useApiQuery(query ? `kiosk-search:${query}` : null, (signal) =>
    catalog.search({ q: query, pageSize: PAGE_SIZE }, signal),
  );

  if (open) return <ProcedureCard code={open} onBack={() => setOpen(null)} />;
  return (
    <div className="kiosk-search">
      <search>
        <form
          className="kiosk-search__form"
          onSubmit={(event) => {
            event.preventDefault();
            setQuery(input.trim());
          }}
        >
          <label htmlFor={inputId} className="kiosk-label">
            {t("kiosk.search.label")}
          </label>
          <div className="kiosk-search__row">
            <input
              id={inputId}
              type="search"
              className="kiosk-input"
              data-testid="kiosk-search-input"
              autoComplete="off"
              aria-describedby={hintId}
              value={input}
              onChange={(event) => setInput(event.target.value)}
            />
            <button
              type="submit"
              className="kiosk-button kiosk-button--primary"
              data-testid="kiosk-search-submit"
            >
              {t("kiosk.search.submit")}
            </button>
          </div>
          <p id={hintId} className="kiosk-hint">
            {t("kiosk.search.hint")}
          </p>
        </form>
      </search>
      <div aria-live="polite">
        {query && search.loading && <p className="kiosk-message">{t("app.loading")}</p>}
        {search.error !== null && (
          <p className="kiosk-message kiosk-message--error" role="alert">
            {problemText(search.error, lang, t)}
          </p>
        )}
        {search.data && (
          <p className="kiosk-message" data-testid="kiosk-search-count">
            {search.data.correctedQuery &&
              `${t("kiosk.search.corrected", { query: search.data.correctedQuery })} `}
            {search.data.total === 0
              ? t("kiosk.search.none", { query })
              : t("kiosk.search.count", { count: search.data.total })}
          </p>
        )}
      </div>
      {search.data && search.data.items.length > 0 && <Results items={search.data.items} onOpen={setOpen} />}
    </div>
  );
}
