// The resolution report in the official layout of Form 06a: one row per sector with two-level
// column headers numbered as on the form, a bold total row, and each row's breakdown (channels,
// pending states, service modes) in an expandable row.
import { Table, type TableColumnsType } from "antd";
import { useI18n, useT } from "../../i18n";
import type { Cells, Resolution, SectorRow } from "./reportsApi";
import { ScrollRegion } from "./ScrollRegion";

/** Numbers in the UI language. */
export function useNumber() {
  const { lang } = useI18n();
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  return (n: number, digits = 0) => n.toLocaleString(locale, { maximumFractionDigits: digits });
}

type CellKey =
  | "toHandle"
  | "online"
  | "direct"
  | "carriedOver"
  | "resolvedTotal"
  | "early"
  | "onTime"
  | "late"
  | "pendingTotal"
  | "withinDeadline"
  | "overdue"
  | "withdrawn"
  | "stopped"
  | "refused";

/** The figure of each numbered column, in the order of the form. */
const FIGURES: [CellKey, (c: Cells) => number][] = [
  ["toHandle", (c) => c.toHandle],
  ["online", (c) => c.received.online],
  ["direct", (c) => c.received.inPerson + c.received.postal],
  ["carriedOver", (c) => c.received.carriedOver],
  ["resolvedTotal", (c) => c.resolved.total],
  ["early", (c) => c.resolved.early],
  ["onTime", (c) => c.resolved.onTime],
  ["late", (c) => c.resolved.late],
  ["pendingTotal", (c) => c.pending.total],
  ["withinDeadline", (c) => c.pending.withinDeadline],
  ["overdue", (c) => c.pending.overdue],
  ["withdrawn", (c) => c.ended.withdrawn],
  ["stopped", (c) => c.ended.stopped],
  ["refused", (c) => c.ended.refused],
];
const figure = Object.fromEntries(FIGURES) as Record<CellKey, (c: Cells) => number>;

/** What the form's columns sum, cell by cell: channels, pending states, service modes. */
export function Breakdown({ c, testId }: { c: Cells; testId?: string }) {
  const t = useT();
  const fmt = useNumber();
  const items: [Parameters<typeof t>[0], number][] = [
    ["reports.detail.onlineFull", c.received.onlineFull],
    ["reports.detail.onlinePartial", c.received.onlinePartial],
    ["reports.detail.inPerson", c.received.inPerson],
    ["reports.detail.postal", c.received.postal],
    ["reports.detail.awaitingSupplement", c.pending.awaitingSupplement],
    ["reports.detail.suspended", c.pending.suspended],
    ["reports.detail.onTheSpot", c.serviceModes.onTheSpot],
    ["reports.detail.mobileTeam", c.serviceModes.mobileTeam],
    ["reports.detail.atHome", c.serviceModes.atHome],
  ];
  return (
    <dl className="rr-breakdown" data-testid={testId}>
      {items.map(([key, value]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd>{fmt(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ResolutionTable({ r }: { r: Resolution }) {
  const t = useT();
  const fmt = useNumber();
  const num = (key: CellKey): TableColumnsType<SectorRow>[number] => ({
    key,
    title: t(`reports.table.${key}`),
    align: "right",
    render: (_, row) => fmt(figure[key](row)),
  });
  const columns: TableColumnsType<SectorRow> = [
    { key: "sector", dataIndex: "sector", title: t("reports.table.sector") },
    num("toHandle"),
    {
      key: "received",
      title: t("reports.table.received"),
      children: [num("online"), num("direct"), num("carriedOver")],
    },
    {
      key: "resolved",
      title: t("reports.table.resolved"),
      children: [num("resolvedTotal"), num("early"), num("onTime"), num("late")],
    },
    {
      key: "pending",
      title: t("reports.table.pending"),
      children: [num("pendingTotal"), num("withinDeadline"), num("overdue")],
    },
    {
      key: "ended",
      title: t("reports.table.ended"),
      children: [num("withdrawn"), num("stopped"), num("refused")],
    },
  ];
  return (
    <ScrollRegion testId="resolution-table" className="rr-table" label={t("reports.table.heading")}>
      <Table<SectorRow>
        rowKey="sector"
        size="small"
        bordered
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={r.sectors}
        columns={columns}
        expandable={{
          expandedRowRender: (row) => <Breakdown c={row} />,
        }}
        summary={() => (
          <Table.Summary>
            <Table.Summary.Row className="rr-total" data-testid="resolution-total">
              <Table.Summary.Cell index={0} />
              <Table.Summary.Cell index={1}>
                <strong>{t("reports.table.total")}</strong>
              </Table.Summary.Cell>
              {FIGURES.map(([key, get], i) => (
                <Table.Summary.Cell key={key} index={i + 2} align="right">
                  <strong data-testid={`total-${key}`}>{fmt(get(r.total))}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </ScrollRegion>
  );
}
