// /minh-bach and /minh-bach/:unitCode?year=YYYY: the public transparency page (spec §10). A unit's
// figures for a calendar year — received, resolved on time, filed online, satisfaction, service
// index — with charts by month and a comparison of the units below it (sortable table). No login,
// no personal data. The charts are a chunk of their own (ECharts), loaded after the figures.
import { Empty, Spin, Table, type TableColumnsType } from "antd";
import { lazy, Suspense, useId, useMemo } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { units } from "../../api/endpoints";
import type { PublicUnit } from "../../api/types";
import { vietnamToday } from "../../components/dossierFormat";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { foldText } from "../../components/unitTree";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import "./transparency.css";
import { useFormat } from "./format";
import {
  type ChildFigures,
  FIRST_YEAR,
  type Figures,
  isEmpty,
  type Transparency,
  transparencyApi,
} from "./transparencyApi";

const TransparencyCharts = lazy(() => import("./TransparencyCharts"));

const searchByLabel = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    foldText(String(option?.label ?? "")).includes(foldText(input)),
};

/** The unit shown when the address names none: the top of today's tree. */
const defaultUnit = (list: readonly PublicUnit[] | undefined) =>
  (list?.find((u) => u.parentId === null) ?? list?.[0])?.code;

function Filters({
  unitCode,
  year,
  thisYear,
  list,
  current,
  onUnit,
  onYear,
}: {
  unitCode: string | undefined;
  year: number;
  thisYear: number;
  list: readonly PublicUnit[] | undefined;
  current: Transparency["unit"] | undefined;
  onUnit: (code: string) => void;
  onYear: (year: number) => void;
}) {
  const { t } = useFormat();
  const unitId = useId();
  const yearId = useId();
  const unitOptions = useMemo(() => {
    const options = (list ?? []).map((u) => ({ value: u.code, label: u.name }));
    // A unit no longer in force (opened from a link) stays selectable.
    if (current && !options.some((o) => o.value === current.code))
      options.push({ value: current.code, label: current.name });
    return options;
  }, [list, current]);
  const yearOptions = useMemo(
    () =>
      Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => ({
        value: thisYear - i,
        label: String(thisYear - i),
      })),
    [thisYear],
  );
  return (
    <section className="tp-filters" aria-label={t("transparency.filters")}>
      <div className="tp-filters__unit">
        <label htmlFor={unitId} className="field-label">
          {t("transparency.unit")}
        </label>
        <LabelledSelect<string>
          id={unitId}
          listLabel={t("transparency.unit")}
          data-testid="tp-unit"
          className="full-width"
          placeholder={t("transparency.unitPlaceholder")}
          value={unitCode}
          options={unitOptions}
          onChange={onUnit}
          showSearch={searchByLabel}
          loading={!list}
        />
      </div>
      <div className="tp-filters__year">
        <label htmlFor={yearId} className="field-label">
          {t("transparency.year")}
        </label>
        <LabelledSelect<number>
          id={yearId}
          listLabel={t("transparency.year")}
          data-testid="tp-year"
          className="full-width"
          value={year}
          options={yearOptions}
          onChange={onYear}
        />
      </div>
    </section>
  );
}

function Card({ id, label, value, detail }: { id: string; label: string; value: string; detail: string }) {
  return (
    <li className="tp-card" data-testid={`tp-card-${id}`}>
      <span className="tp-card__label">{label}</span>
      <span className="tp-card__value" data-testid={`tp-value-${id}`}>
        {value}
      </span>
      <span className="tp-card__detail">{detail}</span>
    </li>
  );
}

const BANDS = ["good", "fair", "average", "weak"] as const;

function Cards({ f }: { f: Figures }) {
  const { t, num, pct } = useFormat();
  const bandName = (band: string) => {
    const known = BANDS.find((b) => b === band);
    return known ? t(`transparency.band.${known}`) : band;
  };
  return (
    <ul className="tp-cards" aria-label={t("transparency.cards")} data-testid="tp-cards">
      <Card
        id="received"
        label={t("transparency.card.received")}
        value={num(f.received.total)}
        detail={t("transparency.card.receivedDetail", {
          online: num(f.received.online),
          inPerson: num(f.received.inPerson),
          postal: num(f.received.postal),
        })}
      />
      <Card
        id="onTime"
        label={t("transparency.card.onTime")}
        value={pct(f.onTimeShare)}
        detail={t("transparency.card.onTimeDetail", {
          early: num(f.resolved.early),
          onTime: num(f.resolved.onTime),
          late: num(f.resolved.late),
          resolved: num(f.resolved.total),
        })}
      />
      <Card
        id="online"
        label={t("transparency.card.online")}
        value={pct(f.onlineShare)}
        detail={t("transparency.card.onlineDetail", {
          online: num(f.received.online),
          received: num(f.received.total),
        })}
      />
      <Card
        id="satisfaction"
        label={t("transparency.card.satisfaction")}
        value={pct(f.satisfactionShare)}
        detail={t("transparency.card.satisfactionDetail", { rated: num(f.satisfaction.rated) })}
      />
      <Card
        id="pending"
        label={t("transparency.card.pending")}
        value={num(f.pending.total)}
        detail={t("transparency.card.pendingDetail", {
          within: num(f.pending.withinDeadline),
          overdue: num(f.pending.overdue),
        })}
      />
      <Card
        id="index"
        label={t("transparency.card.index")}
        value={
          f.index
            ? t("transparency.card.indexValue", { total: num(f.index.total), max: num(f.index.measuredMax) })
            : t("transparency.noValue")
        }
        detail={
          f.index
            ? t("transparency.card.indexBand", {
                band: bandName(f.index.band),
                score: f.index.score === null ? "—" : num(f.index.score),
              })
            : t("transparency.card.indexNone")
        }
      />
    </ul>
  );
}

/** Shares sort with "nothing to divide by" below every figure. */
const byShare = (pick: (row: ChildFigures) => number | null) => (a: ChildFigures, b: ChildFigures) =>
  (pick(a) ?? -1) - (pick(b) ?? -1);

function ChildrenTable({ data }: { data: Transparency }) {
  const { t, num, pct, date } = useFormat();
  const headingId = useId();
  const hasIndex = data.children.some((c) => c.index);
  const endedInYear = data.children.some((c) => c.validTo !== null && c.validTo < data.to);
  const columns: TableColumnsType<ChildFigures> = [
    {
      key: "unit",
      title: t("transparency.table.unit"),
      sorter: (a, b) => a.name.localeCompare(b.name, "vi"),
      render: (_, row) => (
        <>
          <span className="tp-unit-name">{row.name}</span>
          {row.validTo !== null && row.validTo < data.to && (
            <span className="tp-unit-note">{t("transparency.table.until", { date: date(row.validTo) })}</span>
          )}
          {row.validFrom > data.from && (
            <span className="tp-unit-note">
              {t("transparency.table.since", { date: date(row.validFrom) })}
            </span>
          )}
        </>
      ),
    },
    {
      key: "received",
      title: t("transparency.table.received"),
      align: "right",
      defaultSortOrder: "descend",
      sorter: (a, b) => a.received.total - b.received.total,
      render: (_, row) => num(row.received.total),
    },
    {
      key: "resolved",
      title: t("transparency.table.resolved"),
      align: "right",
      sorter: (a, b) => a.resolved.total - b.resolved.total,
      render: (_, row) => num(row.resolved.total),
    },
    {
      key: "onTime",
      title: t("transparency.table.onTimeShare"),
      align: "right",
      sorter: byShare((row) => row.onTimeShare),
      render: (_, row) => pct(row.onTimeShare),
    },
    {
      key: "online",
      title: t("transparency.table.onlineShare"),
      align: "right",
      sorter: byShare((row) => row.onlineShare),
      render: (_, row) => pct(row.onlineShare),
    },
    {
      key: "satisfaction",
      title: t("transparency.table.satisfactionShare"),
      align: "right",
      sorter: byShare((row) => row.satisfactionShare),
      render: (_, row) => pct(row.satisfactionShare),
    },
    {
      key: "overdue",
      title: t("transparency.table.overdue"),
      align: "right",
      sorter: (a, b) => a.pending.overdue - b.pending.overdue,
      render: (_, row) => num(row.pending.overdue),
    },
    ...(hasIndex
      ? [
          {
            key: "index",
            title: t("transparency.table.index"),
            align: "right" as const,
            sorter: byShare((row) => row.index?.total ?? null),
            render: (_: unknown, row: ChildFigures) => (row.index ? num(row.index.total) : "—"),
          },
        ]
      : []),
  ];
  return (
    <section className="tp-children" aria-labelledby={headingId}>
      <h3 id={headingId} className="tp-chart__title">
        {t("transparency.table.heading")}
      </h3>
      {endedInYear && <p className="text-secondary">{t("transparency.table.note")}</p>}
      <Table<ChildFigures>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={data.children}
        pagination={false}
        showSorterTooltip={false}
        scroll={{ x: "max-content" }}
        caption={<span className="sr-only">{t("transparency.table.caption", { year: data.year })}</span>}
        data-testid="tp-children-table"
      />
    </section>
  );
}

function Result({ data, loading }: { data: Transparency; loading: boolean }) {
  const { t, date } = useFormat();
  const headingId = useId();
  const empty = isEmpty(data.totals);
  const current = data.to < `${data.year}-12-31`;
  return (
    <section className="tp-result" aria-labelledby={headingId} aria-busy={loading} data-testid="tp-result">
      <h2 id={headingId} className="tp-heading" data-testid="tp-heading">
        {t("transparency.resultHeading", { unit: data.unit.name, year: data.year })}
      </h2>
      <p className="text-secondary" data-testid="tp-period">
        {t(current ? "transparency.periodToDate" : "transparency.periodFull", {
          from: date(data.from),
          to: date(data.to),
        })}
      </p>
      {empty ? (
        <div className="tp-empty" data-testid="tp-empty" role="status">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                <strong>{t("transparency.empty", { year: data.year })}</strong>
                <br />
                {t("transparency.emptyHint")}
              </>
            }
          />
        </div>
      ) : (
        <>
          <Cards f={data.totals} />
          <Suspense
            fallback={
              <div className="tp-charts-loading" role="status">
                {t("transparency.chart.loading")}
              </div>
            }
          >
            <TransparencyCharts data={data} />
          </Suspense>
          {data.children.length > 0 && <ChildrenTable data={data} />}
        </>
      )}
    </section>
  );
}

export default function TransparencyPage() {
  const { t } = useFormat();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const thisYear = Number(vietnamToday().slice(0, 4));
  const asked = Number(search.get("year"));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear ? asked : thisYear;

  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const unitCode = params.unitCode ?? defaultUnit(unitList.data?.items);
  const query = useApiQuery(
    unitCode ? `transparency:${unitCode}:${year}` : null,
    (signal) => transparencyApi.get(unitCode ?? "", year, signal),
    { keepPrevious: true },
  );
  const data = query.data;
  const missing = query.error instanceof ApiError && query.error.status === 404;
  useDocumentTitle(data ? `${t("transparency.title")} – ${data.unit.name}` : t("transparency.title"));

  const onUnit = (code: string) => navigate(`/minh-bach/${encodeURIComponent(code)}?year=${year}`);
  const onYear = (next: number) => setSearch({ year: String(next) });

  return (
    <div className="tp-page" data-testid="transparency-page">
      <h1 className="page-title">{t("transparency.heading")}</h1>
      <p className="tp-intro">{t("transparency.intro")}</p>
      <Filters
        unitCode={unitCode}
        year={year}
        thisYear={thisYear}
        list={unitList.data?.items}
        current={data?.unit}
        onUnit={onUnit}
        onYear={onYear}
      />
      {!unitCode && <ProblemAlert error={unitList.error} onRetry={unitList.reload} />}
      {missing ? (
        <div className="not-found" data-testid="tp-not-found" role="status">
          <p>{t("transparency.notFound", { code: unitCode ?? "" })}</p>
        </div>
      ) : (
        <ProblemAlert error={query.error} onRetry={query.reload} />
      )}
      {query.loading && !data && (
        <div className="page-spin" role="status">
          <Spin description={t("transparency.loading")} />
        </div>
      )}
      {data && !missing && <Result data={data} loading={query.loading} />}
    </div>
  );
}
