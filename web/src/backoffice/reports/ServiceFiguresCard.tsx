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

type NamedRating = RatingRow & { id: string; name: string };

/** One sortable table of ratings per unit or per official, paged past 20 rows. */
function RatingTable({
  heading,
  testId,
  rows,
  nameTitle,
}: {
  heading: string;
  testId: string;
  rows: NamedRating[];
  nameTitle: string;
}) {
  const t = useT();
  const columns = useRatingColumns<NamedRating>();
  return (
    <>
      <h3 className="rr-subheading">{heading}</h3>
      <ScrollRegion testId={testId} label={heading}>
        <Table<NamedRating>
          rowKey={(x) => x.id}
          size="small"
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: "max-content" }}
          dataSource={rows}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("reports.service.noRatings")} />
            ),
          }}
          columns={[
            {
              key: "name",
              title: nameTitle,
              sorter: (a, b) => a.name.localeCompare(b.name, "vi"),
              render: (_, x) => x.name,
            },
            ...columns,
          ]}
        />
      </ScrollRegion>
    </>
  );
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
      <RatingTable
        heading={t("reports.service.byUnit")}
        testId="satisfaction-units"
        rows={s.satisfaction.byUnit.map((x) => ({ ...x, id: x.unit.id, name: x.unit.name }))}
        nameTitle={t("reports.service.unit")}
      />
      <RatingTable
        heading={t("reports.service.byOfficial")}
        testId="satisfaction-officials"
        rows={s.satisfaction.byOfficial.map((x) => ({ ...x, id: x.official.id, name: x.official.name }))}
        nameTitle={t("reports.service.official")}
      />
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
