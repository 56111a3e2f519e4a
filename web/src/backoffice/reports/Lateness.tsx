// Reasons for lateness (Form 06c): each apology's reason with its count, the late dossiers with
// no reason recorded, and the late dossiers themselves (paged).
import { Card, Empty, Table } from "antd";
import { formatVnDate } from "../../components/dossierFormat";
import { useT } from "../../i18n";
import { useNumber } from "./ResolutionTable";
import type { LateDossier, Resolution } from "./reportsApi";
import { ScrollRegion } from "./ScrollRegion";

interface ReasonRow {
  key: string;
  reason: string;
  count: number;
  none?: boolean;
}

export function Lateness({ r }: { r: Resolution }) {
  const t = useT();
  const fmt = useNumber();
  const { reasons, withoutReason, dossiers, truncated } = r.lateness;
  const rows: ReasonRow[] = reasons.map((x) => ({ key: `r:${x.reason}`, ...x }));
  if (withoutReason > 0)
    rows.push({ key: "none", reason: t("reports.lateness.withoutReason"), count: withoutReason, none: true });
  return (
    <Card
      className="section-card"
      title={<h2 className="card-heading">{t("reports.lateness.heading")}</h2>}
      data-testid="lateness"
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("reports.lateness.none")} />
      ) : (
        <>
          <div data-testid="lateness-reasons" className="rr-reasons">
            <Table<ReasonRow>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={rows}
              columns={[
                {
                  key: "reason",
                  title: t("reports.lateness.reason"),
                  render: (_, x) => (x.none ? <em>{x.reason}</em> : x.reason),
                },
                {
                  key: "count",
                  title: t("reports.lateness.count"),
                  align: "right",
                  render: (_, x) => fmt(x.count),
                },
              ]}
            />
          </div>
          <h3 className="rr-subheading">{t("reports.lateness.dossiers")}</h3>
          {truncated && (
            <p className="text-secondary">{t("reports.lateness.truncated", { count: dossiers.length })}</p>
          )}
          <ScrollRegion testId="lateness-dossiers" label={t("reports.lateness.dossiers")}>
            <Table<LateDossier>
              rowKey="code"
              size="small"
              dataSource={dossiers}
              pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
              scroll={{ x: "max-content" }}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("reports.lateness.none")} />
                ),
              }}
              columns={[
                {
                  key: "code",
                  title: t("reports.lateness.code"),
                  render: (_, d) => <span className="dossier-code">{d.code}</span>,
                },
                { key: "procedure", dataIndex: "procedure", title: t("reports.lateness.procedure") },
                {
                  key: "sector",
                  dataIndex: "sector",
                  title: t("reports.lateness.sector"),
                  responsive: ["lg"],
                },
                {
                  key: "due",
                  title: t("reports.lateness.due"),
                  render: (_, d) => <span className="nowrap">{formatVnDate(d.dueAt)}</span>,
                },
                {
                  key: "resolved",
                  title: t("reports.lateness.resolvedAt"),
                  render: (_, d) => <span className="nowrap">{formatVnDate(d.resolvedAt)}</span>,
                },
                {
                  key: "reason",
                  title: t("reports.lateness.reason"),
                  render: (_, d) =>
                    d.reason ?? <em className="text-secondary">{t("reports.lateness.withoutReason")}</em>,
                },
              ]}
            />
          </ScrollRegion>
        </>
      )}
    </Card>
  );
}
