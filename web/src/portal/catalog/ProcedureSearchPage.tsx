// /thu-tuc: search the procedures in force (diacritics optional, typos tolerated), filter by
// sector, level, channel and unit, page through the results. All state is in the address.
import { Button } from "antd";
import { useRef } from "react";
import { useSearchParams } from "react-router";
import { catalog } from "../../api/endpoints";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import { ProcedureFilters } from "./ProcedureFilters";
import { ProcedureResults } from "./ProcedureResults";
import { ProcedureSearchBox } from "./ProcedureSearchBox";
import { type CatalogFilters, hasFilters, readFilters, toSearchParams, writeFilters } from "./searchParams";

const TYPING_DEBOUNCE_MS = 400;

export default function ProcedureSearchPage() {
  const t = useT();
  useDocumentTitle(t("procedures.title"));
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const address = writeFilters(filters).toString();
  const results = useApiQuery(
    `procedures?${address}`,
    (signal) => catalog.search(toSearchParams(filters), signal),
    { keepPrevious: true },
  );
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  /** A new search or filter starts at page 1; typing replaces the history entry, the rest adds one. */
  const update = (patch: Partial<CatalogFilters>, replace = false) => {
    const next = writeFilters({ ...filters, page: 1, ...patch });
    if (next.toString() === address) return;
    setParams(next, { replace });
  };

  const data = results.data;
  const corrected = data?.correctedQuery;
  const emptyText = filters.q
    ? t("procedures.noMatch", { query: filters.q })
    : hasFilters(filters)
      ? t("procedures.noMatchFilters")
      : t("procedures.empty");

  return (
    <>
      <h1 className="page-title">{t("procedures.heading")}</h1>
      <p>{t("procedures.intro")}</p>

      <div className="panel">
        <div className="panel__body procedure-search-panel">
          <ProcedureSearchBox
            value={filters.q}
            debounceMs={TYPING_DEBOUNCE_MS}
            hint={t("procedures.searchHint")}
            onSearch={(q, typing) => update({ q }, typing)}
          />
          <ProcedureFilters filters={filters} onChange={(patch) => update(patch)} />
        </div>
      </div>

      <section className="panel" aria-labelledby="procedure-results-heading">
        <div className="panel__head">
          <h2 id="procedure-results-heading" className="panel__title" ref={resultsHeading} tabIndex={-1}>
            {t("procedures.resultsLabel")}
          </h2>
          <div className="panel__extra" aria-live="polite" aria-atomic="true">
            {data && (
              <span data-testid="procedure-total">{t("procedures.total", { total: data.total })}</span>
            )}
          </div>
        </div>
        <div className="panel__body">
          {corrected && (
            <p className="procedure-corrected" data-testid="procedure-corrected" aria-live="polite">
              {t("procedures.correctedQuery", { query: corrected })}
            </p>
          )}
          <ProblemAlert error={results.error} onRetry={results.reload} />
          <ProcedureResults
            items={data?.items ?? []}
            total={data?.total ?? 0}
            page={filters.page}
            loading={results.loading}
            emptyText={emptyText}
            emptyAction={
              filters.q || hasFilters(filters) ? (
                <Button onClick={() => setParams(new URLSearchParams())}>{t("procedures.showAll")}</Button>
              ) : undefined
            }
            onPage={(page) => {
              update({ page });
              resultsHeading.current?.focus();
            }}
          />
        </div>
      </section>
    </>
  );
}
