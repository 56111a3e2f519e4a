// /admin/chi-so-766: the service index of Decision 766 for a leader's or supervisor's unit — the
// total and its rating, points by group (chart), every indicator with its numerator and
// denominator (each opens the list of dossiers or procedures it counts), and the ranking of peers.
import { Button, Card, Empty, Modal, Radio, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { units } from "../../api/endpoints";
import { formatVnDate, vietnamToday } from "../../components/dossierFormat";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { type MessageKey, useI18n, useT } from "../../i18n";
import "../planning.css";
import "../dashboard/dashboard.css";
import "./serviceindex.css";
import { Chart } from "../dashboard/Chart";
import { REPORT_ROLES, ReportFilters } from "../dashboard/reportFilters";
import { useSession } from "../session";
import { staffUnits } from "../staffUnits";
import {
  type Band,
  type Drill,
  type Indicator,
  type Part,
  type Ranking,
  type ServiceIndex,
  serviceIndex,
} from "./serviceIndexApi";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_SIZE = 50;
const BAND_COLOR: Record<Band, string> = {
  good: "#15803d",
  fair: "#0e7490",
  average: "#a16207",
  weak: "#b91c1c",
  no_data: "#4b5563",
};

/** Unit and period in the address (?unit=&from=&to=&level=); the period defaults to this year. */
function useIndexFilters() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items, REPORT_ROLES), [me, unitList.data]);
  const today = vietnamToday();
  const to = ISO_DATE.test(params.get("to") ?? "") ? params.get("to")! : today;
  const from = ISO_DATE.test(params.get("from") ?? "") ? params.get("from")! : `${to.slice(0, 4)}-01-01`;
  const unitId = params.get("unit") ?? options[0]?.value;
  const unit = unitList.data?.items.find((u) => u.id === unitId);
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  return {
    unitId,
    unit,
    from,
    to,
    granularity: "week" as const,
    level: params.get("level") === "commune" ? ("commune" as const) : undefined,
    update,
    options,
    loadingUnits: unitList.loading,
  };
}

function useFormat() {
  const { lang } = useI18n();
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  return (n: number, digits = 2) => n.toLocaleString(locale, { maximumFractionDigits: digits });
}

function BandTag({ band, testId }: { band: Band; testId?: string }) {
  const t = useT();
  return (
    <Tag color={BAND_COLOR[band]} data-testid={testId}>
      {t(`serviceIndex.band.${band}`)}
    </Tag>
  );
}

function Summary({ r }: { r: ServiceIndex }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <Card className="section-card" data-testid="index-summary">
      <div className="si-summary">
        <div className="si-total">
          <h2 className="si-total__label">{t("serviceIndex.total.heading")}</h2>
          <p className="si-total__figure">
            <span className="si-total__value" data-testid="index-total">
              {fmt(r.total)}
            </span>{" "}
            <span className="si-total__max">{t("serviceIndex.total.outOf", { max: r.max })}</span>
          </p>
          <p className="text-secondary" data-testid="index-measured">
            {r.score === null
              ? t("serviceIndex.total.noScore")
              : t("serviceIndex.total.measured", {
                  total: fmt(r.total),
                  measuredMax: fmt(r.measuredMax),
                  score: fmt(r.score),
                })}
          </p>
        </div>
        <div className="si-band">
          <span className="field-label">{t("serviceIndex.total.band")}</span>
          <BandTag band={r.band} testId="index-band" />
        </div>
      </div>
    </Card>
  );
}

function GroupsChart({ r }: { r: ServiceIndex }) {
  const t = useT();
  const { lang } = useI18n();
  const fmt = useFormat();
  const names = r.groups.map((g) => g.name[lang]);
  const label = {
    points: t("serviceIndex.groups.points"),
    missed: t("serviceIndex.groups.missed"),
    notMeasured: t("serviceIndex.groups.notMeasured"),
  };
  const option = useMemo(() => {
    const bar = (name: string, data: number[], color: string) => ({
      type: "bar",
      name,
      stack: "points",
      data,
      itemStyle: { color },
    });
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 16, right: 24, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: "value", max: Math.max(...r.groups.map((g) => g.max)) },
      yAxis: { type: "category", data: names, inverse: true },
      series: [
        bar(
          label.points,
          r.groups.map((g) => g.points),
          "#15803d",
        ),
        bar(
          label.missed,
          r.groups.map((g) => Math.max(0, Math.round((g.measuredMax - g.points) * 100) / 100)),
          "#b91c1c",
        ),
        bar(
          label.notMeasured,
          r.groups.map((g) => g.max - g.measuredMax),
          "#9ca3af",
        ),
      ],
    };
  }, [r, names, label.points, label.missed, label.notMeasured]);
  return (
    <Card className="section-card">
      <Chart
        testId="chart-groups"
        title={t("serviceIndex.groups.chart")}
        option={option}
        table={{
          caption: t("serviceIndex.groups.chart"),
          columns: [
            t("serviceIndex.groups.group"),
            label.points,
            t("serviceIndex.groups.measuredMax"),
            t("serviceIndex.groups.max"),
          ],
          rows: r.groups.map((g) => [g.name[lang], fmt(g.points), fmt(g.measuredMax), g.max]),
        }}
      />
    </Card>
  );
}

type DrillTarget = { indicator: Indicator; part: Part };

function CountButton({
  indicator,
  part,
  onDrill,
}: {
  indicator: Indicator;
  part: Part;
  onDrill: (target: DrillTarget) => void;
}) {
  const t = useT();
  const { lang } = useI18n();
  const fmt = useFormat();
  const value = indicator[part];
  if (value === null) return <span aria-hidden>—</span>;
  if (!indicator.drill || value === 0) return <span>{fmt(value, 0)}</span>;
  return (
    <Button
      type="link"
      className="si-count"
      data-testid={`drill-${indicator.id}-${part}`}
      aria-label={t("serviceIndex.table.drillLabel", {
        count: fmt(value, 0),
        part: t(`serviceIndex.drill.${part}`),
        indicator: indicator.name[lang],
      })}
      onClick={() => onDrill({ indicator, part })}
    >
      {fmt(value, 0)}
    </Button>
  );
}

function Indicators({ r, onDrill }: { r: ServiceIndex; onDrill: (target: DrillTarget) => void }) {
  const t = useT();
  const { lang } = useI18n();
  const fmt = useFormat();
  return (
    <Card
      className="section-card"
      title={<h2 className="card-heading">{t("serviceIndex.table.heading")}</h2>}
      data-testid="index-indicators"
    >
      {r.groups.map((g) => (
        <section key={g.id} className="si-group" data-testid={`group-${g.id}`}>
          <h3 className="si-group__heading">
            <span>{g.name[lang]}</span>{" "}
            <span className="si-group__points" data-testid={`group-${g.id}-points`}>
              {t("serviceIndex.table.groupPoints", { points: fmt(g.points), max: g.max })}
            </span>
          </h3>
          <Table<Indicator>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={g.indicators}
            columns={[
              {
                key: "name",
                title: t("serviceIndex.table.indicator"),
                render: (_, i) => (
                  <div>
                    <span>{i.name[lang]}</span>
                    {i.source === "I" && (
                      <Tag className="si-verify" title={t("serviceIndex.table.toVerifyHint")}>
                        {t("serviceIndex.table.toVerify")}
                      </Tag>
                    )}
                    {i.note && <div className="text-secondary si-note">{i.note[lang]}</div>}
                  </div>
                ),
              },
              {
                key: "numerator",
                title: t("serviceIndex.table.numerator"),
                align: "right",
                render: (_, i) => <CountButton indicator={i} part="numerator" onDrill={onDrill} />,
              },
              {
                key: "denominator",
                title: t("serviceIndex.table.denominator"),
                align: "right",
                render: (_, i) => <CountButton indicator={i} part="denominator" onDrill={onDrill} />,
              },
              {
                key: "ratio",
                title: t("serviceIndex.table.ratio"),
                align: "right",
                render: (_, i) =>
                  !i.measured ? (
                    <Tag data-testid={`ratio-${i.id}`}>{t("serviceIndex.table.notMeasured")}</Tag>
                  ) : i.ratio === null ? (
                    <span className="text-secondary" data-testid={`ratio-${i.id}`}>
                      {t("serviceIndex.table.noData")}
                    </span>
                  ) : (
                    <span className="nowrap" data-testid={`ratio-${i.id}`}>
                      {fmt(i.ratio * 100)} %
                    </span>
                  ),
              },
              {
                key: "points",
                title: t("serviceIndex.table.points"),
                align: "right",
                render: (_, i) => (
                  <span className="nowrap" data-testid={`points-${i.id}`}>
                    {fmt(i.points)} / {i.max}
                  </span>
                ),
              },
            ]}
          />
        </section>
      ))}
      <p className="text-secondary si-footnote">{t("serviceIndex.footnote")}</p>
    </Card>
  );
}

function DrillList({
  unit,
  from,
  to,
  target,
}: {
  unit: string;
  from: string;
  to: string;
  target: DrillTarget;
}) {
  const t = useT();
  const fmt = useFormat();
  const [page, setPage] = useState(1);
  const { indicator, part } = target;
  const drill = useApiQuery(
    `drill:${unit}:${from}:${to}:${indicator.id}:${part}:${page}`,
    (signal) =>
      serviceIndex.drill(
        { unit, from, to, indicator: indicator.id, part, page, pageSize: PAGE_SIZE },
        signal,
      ),
    { keepPrevious: true },
  );
  const d = drill.data;
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: d?.total ?? 0,
    showSizeChanger: false,
    onChange: setPage,
  };
  const stateLabel = (row: Drill["dossiers"][number]) =>
    row.state === "pending"
      ? t("serviceIndex.drill.pending")
      : t(`dossier.stateName.${row.state}` as MessageKey);
  const outcomeLabel = (outcome: string | null) =>
    outcome === null
      ? t("serviceIndex.drill.pending")
      : ["early", "on_time", "late"].includes(outcome)
        ? t(`dossier.timeliness.${outcome}` as MessageKey)
        : t(`dossier.stateName.${outcome}` as MessageKey);
  return (
    <div data-testid="drill-list" aria-busy={drill.loading}>
      <ProblemAlert error={drill.error} onRetry={drill.reload} />
      {d && (
        <p className="text-secondary" data-testid="drill-total">
          {t("serviceIndex.drill.total", { total: fmt(d.total, 0) })}
        </p>
      )}
      {(!d || d.kind === "dossiers") && (
        <Table<Drill["dossiers"][number]>
          rowKey={(row) => `${row.source}:${row.code}`}
          size="small"
          loading={drill.loading}
          dataSource={d?.dossiers ?? []}
          pagination={pagination}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("serviceIndex.drill.empty")} />
            ),
          }}
          columns={[
            {
              key: "code",
              title: t("serviceIndex.drill.code"),
              render: (_, row) => <span className="dossier-code">{row.code ?? "—"}</span>,
            },
            {
              key: "procedure",
              title: t("serviceIndex.drill.procedure"),
              render: (_, row) => row.procedure.name,
            },
            {
              key: "received",
              title: t("serviceIndex.drill.receivedAt"),
              render: (_, row) => <span className="nowrap">{formatVnDate(row.receivedAt)}</span>,
            },
            {
              key: "resolved",
              title: t("serviceIndex.drill.resolvedAt"),
              render: (_, row) => (
                <span className="nowrap">{row.resolvedAt ? formatVnDate(row.resolvedAt) : "—"}</span>
              ),
            },
            { key: "state", title: t("serviceIndex.drill.state"), render: (_, row) => stateLabel(row) },
            {
              key: "outcome",
              title: t("serviceIndex.drill.outcome"),
              render: (_, row) => outcomeLabel(row.outcome),
            },
            {
              key: "source",
              title: t("serviceIndex.drill.source"),
              responsive: ["lg"],
              render: (_, row) => t(`serviceIndex.drill.${row.source}`),
            },
          ]}
        />
      )}
      {d?.kind === "procedures" && (
        <Table<Drill["procedures"][number]>
          rowKey="code"
          size="small"
          loading={drill.loading}
          dataSource={d.procedures}
          pagination={pagination}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t("serviceIndex.drill.emptyProcedures")}
              />
            ),
          }}
          columns={[
            { key: "code", dataIndex: "code", title: t("serviceIndex.drill.procedureCode") },
            { key: "name", dataIndex: "name", title: t("serviceIndex.drill.procedureName") },
            { key: "sector", dataIndex: "sector", title: t("serviceIndex.drill.sector"), responsive: ["lg"] },
            {
              key: "online",
              title: t("serviceIndex.drill.online"),
              render: (_, row) =>
                t(`serviceIndex.drill.onlineLevel.${row.online as "fully" | "partly" | "none"}`),
            },
          ]}
        />
      )}
    </div>
  );
}

function RankingCard({
  unit,
  from,
  to,
  level,
  province,
  onLevel,
}: {
  unit: string;
  from: string;
  to: string;
  level: "commune" | undefined;
  province: boolean;
  onLevel: (level: "commune" | undefined) => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const ranking = useApiQuery(
    `ranking:${unit}:${from}:${to}:${level ?? ""}`,
    (signal) => serviceIndex.ranking({ unit, from, to, level }, signal),
    { keepPrevious: true },
  );
  const r = ranking.data;
  const items = r?.items ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      grid: { left: 16, right: 24, top: 16, bottom: 16, containLabel: true },
      xAxis: { type: "value", max: 100 },
      yAxis: { type: "category", data: items.map((u) => u.name), inverse: true },
      series: [
        {
          type: "bar",
          name: t("serviceIndex.ranking.score"),
          data: items.map((u) => ({
            value: u.score ?? 0,
            itemStyle: { color: u.self ? "#1d4ed8" : "#93c5fd" },
          })),
        },
      ],
    }),
    [items, t],
  );
  return (
    <Card
      className="section-card"
      title={<h2 className="card-heading">{t("serviceIndex.ranking.heading")}</h2>}
      data-testid="index-ranking"
    >
      {province && (
        <fieldset className="picker-field si-level">
          <legend className="field-label">{t("serviceIndex.ranking.show")}</legend>
          <Radio.Group
            optionType="button"
            value={level ?? "peers"}
            onChange={(e) => onLevel(e.target.value === "commune" ? "commune" : undefined)}
            options={[
              { value: "peers", label: t("serviceIndex.ranking.peers") },
              { value: "commune", label: t("serviceIndex.ranking.communes") },
            ]}
            data-testid="ranking-level"
          />
        </fieldset>
      )}
      <ProblemAlert error={ranking.error} onRetry={ranking.reload} />
      <div aria-busy={ranking.loading}>
        {items.length > 1 && (
          <Chart
            testId="chart-ranking"
            title={t("serviceIndex.ranking.chart")}
            option={option}
            table={{
              caption: t("serviceIndex.ranking.chart"),
              columns: [t("serviceIndex.ranking.unit"), t("serviceIndex.ranking.score")],
              rows: items.map((u) => [u.name, u.score === null ? "—" : fmt(u.score)]),
            }}
          />
        )}
        <div data-testid="ranking-table">
          <Table<Ranking["items"][number]>
            rowKey="id"
            size="middle"
            loading={ranking.loading && !r}
            pagination={false}
            dataSource={items}
            rowClassName={(u) => (u.self ? "si-self" : "")}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("serviceIndex.ranking.empty")} />
              ),
            }}
            columns={[
              {
                key: "rank",
                title: t("serviceIndex.ranking.rank"),
                align: "right",
                render: (_, u) => u.rank ?? "—",
              },
              {
                key: "unit",
                title: t("serviceIndex.ranking.unit"),
                render: (_, u) => (
                  <span data-testid={u.self ? "ranking-self" : undefined}>
                    {u.self ? <strong>{u.name}</strong> : u.name}{" "}
                    <span className="text-secondary">({u.code})</span>
                    {u.self && <span className="text-secondary"> — {t("serviceIndex.ranking.self")}</span>}
                  </span>
                ),
              },
              {
                key: "total",
                title: t("serviceIndex.ranking.total"),
                align: "right",
                render: (_, u) => fmt(u.total),
              },
              {
                key: "score",
                title: t("serviceIndex.ranking.score"),
                align: "right",
                render: (_, u) => (u.score === null ? "—" : fmt(u.score)),
              },
              {
                key: "band",
                title: t("serviceIndex.ranking.band"),
                render: (_, u) => <BandTag band={u.band} />,
              },
            ]}
          />
        </div>
      </div>
    </Card>
  );
}

export default function ServiceIndexPage() {
  const t = useT();
  const { lang } = useI18n();
  useDocumentTitle(t("serviceIndex.heading"));
  const filters = useIndexFilters();
  const { unit, from, to, level } = filters;
  const code = unit?.code;
  const index = useApiQuery(
    code ? `service-index:${code}:${from}:${to}` : null,
    (signal) => serviceIndex.get({ unit: code!, from, to }, signal),
    { keepPrevious: true },
  );
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const r = index.data;
  return (
    <>
      <Typography.Title level={1}>{t("serviceIndex.heading")}</Typography.Title>
      <Typography.Paragraph>{t("serviceIndex.intro")}</Typography.Paragraph>
      <ReportFilters filters={filters} />
      <ProblemAlert error={index.error} onRetry={index.reload} />
      {!filters.unitId && !filters.loadingUnits && <Empty description={t("serviceIndex.noUnit")} />}
      {r && code && (
        <div aria-busy={index.loading}>
          <p className="text-secondary" data-testid="index-scope">
            {t("serviceIndex.scope", {
              unit: r.unit.name,
              units: r.unit.units,
              from: formatVnDate(`${r.from}T12:00:00+07:00`),
              to: formatVnDate(`${r.to}T12:00:00+07:00`),
            })}
          </p>
          <div className="dash-grid">
            <Summary r={r} />
            <GroupsChart r={r} />
          </div>
          <Indicators r={r} onDrill={setDrill} />
          <RankingCard
            unit={code}
            from={from}
            to={to}
            level={level}
            province={unit?.level === "province"}
            onLevel={(next) => filters.update({ level: next })}
          />
          <Modal
            open={drill !== null}
            onCancel={() => setDrill(null)}
            footer={null}
            width={1000}
            destroyOnHidden
            title={
              drill
                ? t("serviceIndex.drill.title", {
                    part: t(`serviceIndex.drill.${drill.part}`),
                    indicator: drill.indicator.name[lang],
                  })
                : undefined
            }
          >
            {drill && <DrillList unit={code} from={from} to={to} target={drill} />}
          </Modal>
        </div>
      )}
    </>
  );
}
