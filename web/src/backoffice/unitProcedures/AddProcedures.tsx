// Add procedures to a unit: search the catalog in force (name or code, level), mark the results
// the unit already serves, and open the local-details form for one that it does not.
import { CheckOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Input, Pagination, Table, type TableColumnsType, Tag } from "antd";
import { useEffect, useId, useState } from "react";
import { catalog } from "../../api/endpoints";
import { type CatalogLevel, type ProcedureSummary, UNIT_LEVELS, type UnitProcedure } from "../../api/types";
import { formatDeadline } from "../../components/catalogFormat";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useI18n } from "../../i18n";
import { ServeForm } from "./ServeForm";

interface Props {
  unitId: string;
  served: ReadonlySet<string>;
  onAdded: () => void;
}

const DEBOUNCE_MS = 300;
const PAGE_SIZE = 20;

type Added = UnitProcedure & { name: string };

export function AddProcedures({ unitId, served, onAdded }: Props) {
  const { lang, t } = useI18n();
  const searchId = useId();
  const levelId = useId();
  const [input, setInput] = useState("");
  const [query, setQuery] = useState("");
  const [level, setLevel] = useState<CatalogLevel | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ProcedureSummary | null>(null);
  const [added, setAdded] = useState<Added | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(input.trim());
      setPage(1);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);

  const results = useApiQuery(
    `unit-procedures-search:${query}:${level ?? ""}:${page}`,
    (signal) =>
      catalog.search(
        { q: query, level, page, pageSize: PAGE_SIZE, sort: query ? "relevance" : "code" },
        signal,
      ),
    { keepPrevious: true },
  );
  const total = results.data?.total ?? 0;

  const columns: TableColumnsType<ProcedureSummary> = [
    {
      key: "code",
      dataIndex: "code",
      title: t("procedures.col.code"),
      render: (code: string) => <span className="procedure-code">{code}</span>,
    },
    { key: "name", dataIndex: "name", title: t("procedures.col.name") },
    { key: "sector", dataIndex: "sector", title: t("procedures.col.sector"), responsive: ["md"] },
    {
      key: "deadline",
      dataIndex: "deadline",
      title: t("procedures.col.deadline"),
      className: "nowrap-cell",
      responsive: ["lg"],
      render: (_, row) => formatDeadline(row.deadline, lang, t),
    },
    {
      key: "actions",
      title: t("unitProcedures.actions"),
      className: "nowrap-cell",
      render: (_, row) =>
        served.has(row.code) ? (
          <Tag className="served-tag" icon={<CheckOutlined aria-hidden />} data-testid="served-mark">
            {t("unitProcedures.served")}
          </Tag>
        ) : (
          <Button
            size="small"
            icon={<PlusOutlined aria-hidden />}
            aria-label={t("unitProcedures.addLabel", { code: row.code })}
            aria-pressed={selected?.code === row.code}
            data-testid="catalog-add"
            onClick={() => {
              setAdded(null);
              setSelected(row);
            }}
          >
            {t("unitProcedures.add")}
          </Button>
        ),
    },
  ];

  return (
    <>
      {added && (
        <Alert
          type="success"
          showIcon
          closable={{ "aria-label": t("unitProcedures.close") }}
          onClose={() => setAdded(null)}
          className="problem-alert"
          data-testid="serve-result"
          title={t("unitProcedures.added", { code: added.code })}
          description={
            added.receptionAddress || added.localNotes ? (
              <ul className="problem-list">
                {added.receptionAddress && (
                  <li>{t("unitProcedures.addedAddress", { address: added.receptionAddress })}</li>
                )}
                {added.localNotes && <li>{t("unitProcedures.addedNotes", { notes: added.localNotes })}</li>}
              </ul>
            ) : undefined
          }
        />
      )}
      <p>{t("unitProcedures.addIntro")}</p>
      <search className="picker-row">
        <div className="picker-field picker-field--wide">
          <label htmlFor={searchId} className="field-label">
            {t("unitProcedures.searchLabel")}
          </label>
          <Input
            id={searchId}
            type="search"
            allowClear
            value={input}
            placeholder={t("unitProcedures.searchPlaceholder")}
            onChange={(event) => setInput(event.target.value)}
            data-testid="catalog-search"
          />
        </div>
        <div className="picker-field">
          <label htmlFor={levelId} className="field-label">
            {t("procedures.level")}
          </label>
          <LabelledSelect<CatalogLevel>
            id={levelId}
            listLabel={t("procedures.level")}
            data-testid="catalog-level"
            className="picker-field__select"
            allowClear
            placeholder={t("unitProcedures.allLevels")}
            value={level}
            options={UNIT_LEVELS.map((value) => ({ value, label: t(`level.${value}`) }))}
            onChange={(value) => {
              setLevel(value ?? undefined);
              setPage(1);
            }}
          />
        </div>
      </search>
      <ProblemAlert error={results.error} onRetry={results.reload} />
      <p className="served-total" aria-live="polite" data-testid="catalog-total">
        {results.data ? t("unitProcedures.searchTotal", { total }) : ""}
      </p>
      <section aria-label={t("unitProcedures.searchResults")} data-testid="catalog-results">
        <Table<ProcedureSummary>
          rowKey="code"
          columns={columns}
          dataSource={results.data?.items ?? []}
          loading={results.loading}
          pagination={false}
          size="middle"
          rowClassName={(row) => (served.has(row.code) ? "catalog-row--served" : "")}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t("unitProcedures.noMatch")}
                data-testid="catalog-empty"
              />
            ),
          }}
        />
      </section>
      {total > PAGE_SIZE && (
        <nav aria-label={t("unitProcedures.searchPagination")} className="procedure-pagination">
          <Pagination
            data-testid="catalog-pagination"
            current={page}
            pageSize={PAGE_SIZE}
            total={total}
            showSizeChanger={false}
            onChange={setPage}
          />
        </nav>
      )}
      {selected && !served.has(selected.code) && (
        <ServeForm
          key={selected.code}
          unitId={unitId}
          procedure={selected}
          onCancel={() => setSelected(null)}
          onAdded={(result) => {
            setAdded({ ...result, name: selected.name });
            setSelected(null);
            onAdded();
          }}
        />
      )}
    </>
  );
}
