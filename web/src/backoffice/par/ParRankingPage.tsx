// /admin/cai-cach-hanh-chinh/xep-hang: the ranking of the units assessed against a criteria set
// (table and bar chart; appraised totals, or self totals marked as provisional; the chosen unit
// highlighted) and a unit's year-on-year comparison (total and grouped bars per top-level group).
// The unit is in the address (?unit=); by default the user's own unit when the set assesses it.
import { Card, Empty, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n, useT } from "../../i18n";
import { Chart } from "../dashboard/Chart";
import { useSession } from "../session";
import "../planning.css";
import "../dashboard/dashboard.css";
import "./par.css";
import { type Comparison, par, type Ranking } from "./parApi";
import { ParNav, SetPicker, StatusTag, titleOf, useChosenSet, usePoints } from "./parShared";

type Item = Ranking["items"][number];
type Group = Comparison["groups"][number];

function RankingCard({ ranking }: { ranking: Ranking }) {
  const t = useT();
  const points = usePoints();
  const items = ranking.items;
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      grid: { left: 16, right: 24, top: 16, bottom: 16, containLabel: true },
      xAxis: { type: "value", max: 100 },
      yAxis: { type: "category", data: items.map((i) => i.unit.name), inverse: true },
      series: [
        {
          type: "bar",
          name: t("par.ranking.score"),
          data: items.map((i) => ({
            value: i.score ?? 0,
            itemStyle: {
              color: i.highlighted ? "#1d4ed8" : i.provisional ? "#a5b4fc" : "#60a5fa",
              borderColor: i.highlighted ? "#1e3a8a" : undefined,
              borderWidth: i.highlighted ? 2 : 0,
            },
          })),
        },
      ],
    }),
    [items, t],
  );
  return (
    <Card
      className="section-card"
      title={<h2 className="card-heading">{t("par.ranking.heading", { year: ranking.set.year })}</h2>}
      data-testid="par-ranking"
    >
      {items.some((i) => i.score !== null) && (
        <Chart
          testId="par-chart-ranking"
          title={t("par.ranking.chart")}
          option={option}
          table={{
            caption: t("par.ranking.chart"),
            columns: [t("par.ranking.unit"), t("par.ranking.score")],
            rows: items.map((i) => [i.unit.name, i.score === null ? "—" : points(i.score)]),
          }}
        />
      )}
      <p className="text-secondary">{t("par.ranking.legend")}</p>
      <div data-testid="par-ranking-table">
        <Table<Item>
          rowKey={(i) => i.unit.id}
          size="middle"
          pagination={false}
          dataSource={items}
          rowClassName={(i) => (i.highlighted ? "par-highlight" : "")}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("par.ranking.empty")} />,
          }}
          columns={[
            {
              key: "rank",
              title: t("par.ranking.rank"),
              align: "right",
              width: 80,
              render: (_, i) => i.rank ?? "—",
            },
            {
              key: "unit",
              title: t("par.ranking.unit"),
              render: (_, i) => (
                <span data-testid={`par-rank-${i.unit.code}`} data-rank={i.rank ?? ""}>
                  {i.highlighted ? <strong>{i.unit.name}</strong> : i.unit.name}{" "}
                  <span className="text-secondary">({i.unit.code})</span>
                </span>
              ),
            },
            {
              key: "score",
              title: t("par.ranking.score"),
              align: "right",
              render: (_, i) => (
                <span>
                  {points(i.score)}
                  {i.provisional && (
                    <Tag className="par-tag par-provisional" title={t("par.ranking.provisionalHint")}>
                      {t("par.ranking.provisional")}
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              key: "status",
              title: t("par.ranking.status"),
              render: (_, i) => <StatusTag status={i.status} />,
            },
            {
              key: "self",
              title: t("par.ranking.selfTotal"),
              align: "right",
              responsive: ["lg"],
              render: (_, i) => points(i.selfTotal),
            },
          ]}
        />
      </div>
    </Card>
  );
}

function ComparisonCard({ unit, year }: { unit: string; year: number }) {
  const t = useT();
  const { lang } = useI18n();
  const points = usePoints();
  const comparison = useApiQuery(`par-comparison:${unit}:${year}`, (signal) =>
    par.comparison(unit, year, signal),
  );
  const c = comparison.data;
  const delta = (d: number | null) => (d === null ? "—" : `${d > 0 ? "+" : ""}${points(d)}`);
  const option = useMemo(() => {
    if (!c) return {};
    const bar = (name: string, data: (number | null)[], color: string) => ({
      type: "bar",
      name,
      data: data.map((v) => v ?? 0),
      itemStyle: { color },
    });
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 16, right: 24, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: "category", data: c.groups.map((g) => g.code), axisLabel: { interval: 0 } },
      yAxis: { type: "value" },
      series: [
        bar(
          String(c.previousYear),
          c.groups.map((g) => g.previous),
          "#9ca3af",
        ),
        bar(
          String(c.year),
          c.groups.map((g) => g.current),
          "#1d4ed8",
        ),
      ],
    };
  }, [c]);
  return (
    <Card
      className="section-card"
      title={<h2 className="card-heading">{t("par.comparison.heading")}</h2>}
      data-testid="par-comparison"
    >
      <ProblemAlert error={comparison.error} onRetry={comparison.reload} />
      {c && (
        <div aria-busy={comparison.loading}>
          <p data-testid="par-comparison-total">
            {t("par.comparison.total", {
              unit: c.unit.name,
              year: c.year,
              current: points(c.total.current),
              previousYear: c.previousYear,
              previous: points(c.total.previous),
              delta: delta(c.total.delta),
            })}
          </p>
          {(c.current?.provisional || c.previous?.provisional) && (
            <p className="text-secondary">{t("par.comparison.provisional")}</p>
          )}
          {c.groups.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("par.comparison.empty")} />
          ) : (
            <>
              <Chart
                testId="par-chart-comparison"
                title={t("par.comparison.chart")}
                option={option}
                table={{
                  caption: t("par.comparison.chart"),
                  columns: [t("par.comparison.group"), String(c.previousYear), String(c.year)],
                  rows: c.groups.map((g) => [
                    `${g.code}. ${titleOf(g, lang)}`,
                    points(g.previous),
                    points(g.current),
                  ]),
                }}
              />
              <Table<Group>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={c.groups}
                data-testid="par-comparison-table"
                columns={[
                  {
                    key: "group",
                    title: t("par.comparison.group"),
                    render: (_, g) => (
                      <span>
                        <span className="par-code">{g.code}</span> {titleOf(g, lang)}
                      </span>
                    ),
                  },
                  {
                    key: "previous",
                    title: String(c.previousYear),
                    align: "right",
                    render: (_, g) =>
                      t("par.comparison.of", { points: points(g.previous), max: points(g.previousMax) }),
                  },
                  {
                    key: "current",
                    title: String(c.year),
                    align: "right",
                    render: (_, g) =>
                      t("par.comparison.of", { points: points(g.current), max: points(g.currentMax) }),
                  },
                  {
                    key: "delta",
                    title: t("par.comparison.delta"),
                    align: "right",
                    render: (_, g) => (
                      <span className={g.delta === null ? "" : g.delta >= 0 ? "par-up" : "par-down"}>
                        {delta(g.delta)}
                      </span>
                    ),
                  },
                ]}
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}

export default function ParRankingPage() {
  const t = useT();
  useDocumentTitle(t("par.ranking.pageHeading"));
  const { me } = useSession();
  const { sets, set, choose } = useChosenSet();
  const [params, setParams] = useSearchParams();
  const units = useApiQuery(set ? `par-units:${set.id}` : null, (signal) => par.units(set!.id, signal));
  const readable = units.data?.items ?? [];
  const wanted = params.get("unit");
  const own = me.roles.map((r) => r.unitCode).find((code) => readable.some((i) => i.unit.code === code));
  const unit = readable.some((i) => i.unit.code === wanted) ? wanted! : own;
  const ranking = useApiQuery(
    set && units.data ? `par-ranking:${set.id}:${unit ?? ""}` : null,
    (signal) => par.ranking(set!.id, unit, signal),
    { keepPrevious: true },
  );
  const compared = unit ?? readable[0]?.unit.code;
  const pick = (code: string) => {
    const next = new URLSearchParams(params);
    next.set("unit", code);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Typography.Title level={1}>{t("par.ranking.pageHeading")}</Typography.Title>
      <Typography.Paragraph>{t("par.ranking.intro")}</Typography.Paragraph>
      <ParNav current="ranking" setId={set?.id} />
      <ProblemAlert error={sets.error ?? units.error} onRetry={sets.error ? sets.reload : units.reload} />
      {sets.data && sets.data.items.length === 0 && <Empty description={t("par.home.noSets")} />}
      {set && (
        <div className="picker-row">
          <SetPicker sets={sets.data?.items ?? []} value={set.id} onChange={choose} />
          {readable.length > 1 && (
            <div className="picker-field">
              <label htmlFor="par-unit-pick" className="field-label">
                {t("par.ranking.unitPick")}
              </label>
              <LabelledSelect<string>
                id="par-unit-pick"
                listLabel={t("par.ranking.unitPick")}
                className="picker-field__select"
                value={unit ?? undefined}
                placeholder={t("par.ranking.unitPlaceholder")}
                onChange={pick}
                options={readable.map((i) => ({
                  value: i.unit.code,
                  label: `${i.unit.name} (${i.unit.code})`,
                }))}
                data-testid="par-unit-pick"
              />
            </div>
          )}
        </div>
      )}
      {set && units.data && readable.length === 0 && <Empty description={t("par.ranking.noUnits")} />}
      <ProblemAlert error={ranking.error} onRetry={ranking.reload} />
      {ranking.data && (
        <div aria-busy={ranking.loading}>
          <RankingCard ranking={ranking.data} />
        </div>
      )}
      {set && compared && <ComparisonCard unit={compared} year={set.year} />}
    </>
  );
}
