// Service figures of the period (GET /api/v1/reports/service): reception channels and service
// modes, visits to a desk per dossier (goal: at most once), satisfaction in total, per unit and per
// official. Each chart has its figures in a visually hidden table (dashboard's Chart).
import { Card, Empty, Table } from "antd";
import { useMemo } from "react";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { type MessageKey, useT } from "../../i18n";
import { Chart } from "../dashboard/Chart";
import { RATING_COLORS, TIMELINESS_COLORS } from "../dashboard/palette";
import { useNumber } from "./ResolutionTable";
import { type Period, type RatingRow, reports, type ServiceFigures } from "./reportsApi";
import { ScrollRegion } from "./ScrollRegion";

const LEVELS = [
  ["verySatisfied", RATING_COLORS.very_satisfied],
  ["satisfied", RATING_COLORS.satisfied],
  ["normal", RATING_COLORS.normal],
  ["dissatisfied", RATING_COLORS.dissatisfied],
] as const;
const CHANNEL_COLORS = ["#1d4ed8", "#0e7490", "#a16207", "#7c3aed"];

function useShare() {
  const fmt = useNumber();
  return (share: number | null) => (share === null ? "—" : `${fmt(share, 1)} %`);
}

function Channels({ s }: { s: ServiceFigures }) {
  const t = useT();
  const fmt = useNumber();
  const share = useShare();
  const { channels: c, serviceModes: m } = s;
  const rows = useMemo(
    (): [MessageKey, number, number | null][] => [
      ["reports.detail.onlineFull", c.onlineFull, c.shares.onlineFull],
      ["reports.detail.onlinePartial", c.onlinePartial, c.shares.onlinePartial],
      ["reports.detail.inPerson", c.inPerson, c.shares.inPerson],
      ["reports.detail.postal", c.postal, c.shares.postal],
    ],
    [c],
  );
  const option = useMemo(
    () => ({
      tooltip: { trigger: "item" },
      legend: { top: 0 },
      series: [
        {
          type: "pie",
          radius: ["40%", "70%"],
          top: 30,
          data: rows.map(([key, value], i) => ({
            name: t(key),
            value,
            itemStyle: { color: CHANNEL_COLORS[i] },
          })),
        },
      ],
    }),
    [rows, t],
  );
  const modes: [MessageKey, number, number | null][] = [
    ["reports.detail.onTheSpot", m.onTheSpot, m.shares.onTheSpot],
    ["reports.detail.mobileTeam", m.mobileTeam, m.shares.mobileTeam],
    ["reports.detail.atHome", m.atHome, m.shares.atHome],
  ];
  return (
    <Card className="section-card">
      <Chart
        testId="chart-channels"
        title={t("reports.service.channels")}
        option={option}
        table={{
          caption: t("reports.service.channels"),
          columns: [t("reports.service.channel"), t("reports.service.count"), t("reports.service.share")],
          rows: rows.map(([key, value, sh]) => [t(key), fmt(value), share(sh)]),
        }}
      />
      <table className="rr-small-table" data-testid="service-modes">
        <caption>{t("reports.service.modes")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.service.mode")}</th>
            <th scope="col">{t("reports.service.count")}</th>
            <th scope="col">{t("reports.service.share")}</th>
          </tr>
        </thead>
        <tbody>
          {modes.map(([key, value, sh]) => (
            <tr key={key}>
              <th scope="row">{t(key)}</th>
              <td>{fmt(value)}</td>
              <td>{share(sh)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function Visits({ s }: { s: ServiceFigures }) {
  const t = useT();
  const fmt = useNumber();
  const share = useShare();
  const v = s.visits;
  const rows = useMemo(
    (): [MessageKey, number][] => [
      ["reports.service.visitsZero", v.distribution.zero],
      ["reports.service.visitsOne", v.distribution.one],
      ["reports.service.visitsTwo", v.distribution.two],
      ["reports.service.visitsMore", v.distribution.threeOrMore],
    ],
    [v],
  );
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      grid: { left: 16, right: 16, top: 16, bottom: 16, containLabel: true },
      xAxis: { type: "category", data: rows.map(([key]) => t(key)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "bar",
          name: t("reports.service.count"),
          data: rows.map(([, value], i) => ({
            value,
            itemStyle: { color: i < 2 ? TIMELINESS_COLORS.onTime : TIMELINESS_COLORS.late },
          })),
        },
      ],
    }),
    [rows, t],
  );
  return (
    <Card className="section-card">
      <Chart
        testId="chart-visits"
        title={t("reports.service.visits")}
        option={option}
        table={{
          caption: t("reports.service.visits"),
          columns: [t("reports.service.visitsBucket"), t("reports.service.count")],
          rows: rows.map(([key, value]) => [t(key), fmt(value)]),
        }}
        extra={
          <div data-testid="visits-summary">
            {v.average !== null && (
              <p className="rr-figure-line">
                {t("reports.service.average", { average: fmt(v.average, 2), dossiers: fmt(v.dossiers) })}
              </p>
            )}
            <p className="rr-figure-line">
              <strong>{t("reports.service.atMostOnce", { share: share(v.atMostOnce) })}</strong>
            </p>
          </div>
        }
      />
    </Card>
  );
}

type UnitRating = ServiceFigures["satisfaction"]["byUnit"][number];
type OfficialRating = ServiceFigures["satisfaction"]["byOfficial"][number];

function useRatingColumns<T extends RatingRow>() {
  const t = useT();
  const fmt = useNumber();
  const share = useShare();
  const byNumber = (get: (row: T) => number | null) => (a: T, b: T) => (get(a) ?? -1) - (get(b) ?? -1);
  return [
    {
      key: "rated",
      title: t("reports.service.rated"),
      align: "right" as const,
      sorter: byNumber((x) => x.rated),
      render: (_: unknown, x: T) => fmt(x.rated),
    },
    ...LEVELS.map(([level]) => ({
      key: level,
      title: t(`reports.service.${level}`),
      align: "right" as const,
      responsive: ["md" as const],
      sorter: byNumber((x) => x[level]),
      render: (_: unknown, x: T) => fmt(x[level]),
    })),
    {
      key: "satisfiedShare",
      title: t("reports.service.satisfiedShare"),
      align: "right" as const,
      sorter: byNumber((x) => x.satisfiedShare),
      defaultSortOrder: "descend" as const,
      render: (_: unknown, x: T) => share(x.satisfiedShare),
    },
  ];
}

function Satisfaction({ s }: { s: ServiceFigures }) {
  const t = useT();
  const fmt = useNumber();
  const share = useShare();
  const total = s.satisfaction.total;
  const option = useMemo(
    () => ({
      tooltip: { trigger: "item" },
      legend: { top: 0 },
      series: [
        {
          type: "pie",
          radius: ["40%", "70%"],
          top: 30,
          data: LEVELS.map(([level, color]) => ({
            name: t(`reports.service.${level}`),
            value: total[level],
            itemStyle: { color },
          })),
        },
      ],
    }),
    [total, t],
  );
  const unitColumns = useRatingColumns<UnitRating>();
  const officialColumns = useRatingColumns<OfficialRating>();
  return (
    <Card className="section-card dash-grid__wide" data-testid="satisfaction">
      <Chart
        testId="chart-satisfaction"
        title={t("reports.service.satisfaction")}
        option={option}
        table={{
          caption: t("reports.service.satisfaction"),
          columns: [t("reports.service.level"), t("reports.service.count")],
          rows: LEVELS.map(([level]) => [t(`reports.service.${level}`), fmt(total[level])]),
        }}
        extra={
          <p className="rr-figure-line" data-testid="satisfaction-total">
            {total.rated === 0
              ? t("reports.service.noRatings")
              : t("reports.service.totalShare", {
                  rated: fmt(total.rated),
                  share: share(total.satisfiedShare),
                })}
          </p>
        }
      />
      <h3 className="rr-subheading">{t("reports.service.byUnit")}</h3>
      <ScrollRegion testId="satisfaction-units" label={t("reports.service.byUnit")}>
        <Table<UnitRating>
          rowKey={(x) => x.unit.id}
          size="small"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={s.satisfaction.byUnit}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("reports.service.noRatings")} />
            ),
          }}
          columns={[
            {
              key: "unit",
              title: t("reports.service.unit"),
              sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, "vi"),
              render: (_, x) => x.unit.name,
            },
            ...unitColumns,
          ]}
        />
      </ScrollRegion>
      <h3 className="rr-subheading">{t("reports.service.byOfficial")}</h3>
      <ScrollRegion testId="satisfaction-officials" label={t("reports.service.byOfficial")}>
        <Table<OfficialRating>
          rowKey={(x) => x.official.id}
          size="small"
          pagination={
            s.satisfaction.byOfficial.length > 20 ? { pageSize: 20, showSizeChanger: false } : false
          }
          scroll={{ x: "max-content" }}
          dataSource={s.satisfaction.byOfficial}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("reports.service.noRatings")} />
            ),
          }}
          columns={[
            {
              key: "official",
              title: t("reports.service.official"),
              sorter: (a, b) => a.official.name.localeCompare(b.official.name, "vi"),
              render: (_, x) => x.official.name,
            },
            ...officialColumns,
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}

export function ServiceFiguresCard({ period }: { period: Period }) {
  const t = useT();
  const figures = useApiQuery(
    `report-service:${period.unit}:${period.from}:${period.to}`,
    (signal) => reports.service(period, signal),
    { keepPrevious: true },
  );
  const s = figures.data;
  return (
    <section aria-labelledby="rr-service-heading" aria-busy={figures.loading} data-testid="service-figures">
      <h2 id="rr-service-heading" className="rr-section-heading">
        {t("reports.service.heading")}
      </h2>
      <ProblemAlert error={figures.error} onRetry={figures.reload} />
      {s && (
        <div className="dash-grid">
          <Channels s={s} />
          <Visits s={s} />
          <Satisfaction s={s} />
        </div>
      )}
    </section>
  );
}
