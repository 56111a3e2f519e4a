// /admin/bao-cao-can-bo: workload and lateness per official of a unit for a period, with an
// XLSX download of the same report.
import { FileExcelOutlined } from "@ant-design/icons";
import { Button, Card, Table, Typography } from "antd";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "../planning.css";
import "./dashboard.css";
import { dashboard, type WorkloadRow } from "./dashboardApi";
import { ReportFilters, useReportFilters } from "./reportFilters";

const num = (v: number | null) => (v === null ? "—" : v.toLocaleString("vi-VN"));

export default function WorkloadPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t("dashboard.workload.heading"));
  const filters = useReportFilters();
  const { unitId, from, to } = filters;
  const report = useApiQuery(
    unitId ? `workload:${unitId}:${from}:${to}` : null,
    (signal) => dashboard.workload({ unitId: unitId!, from, to }, signal),
    { keepPrevious: true },
  );
  const w = report.data;
  const col = (key: Exclude<keyof WorkloadRow, "id" | "name">, percent = false) => ({
    key,
    title: t(`dashboard.workload.col.${key}`),
    align: "right" as const,
    render: (_: unknown, r: WorkloadRow) =>
      `${num(r[key] as number | null)}${percent && r[key] !== null ? " %" : ""}`,
  });
  return (
    <>
      <Typography.Title level={1}>{t("dashboard.workload.heading")}</Typography.Title>
      <Typography.Paragraph>{t("dashboard.workload.intro")}</Typography.Paragraph>
      <ReportFilters filters={filters}>
        <Button
          className="book-row__link"
          icon={<FileExcelOutlined aria-hidden />}
          href={unitId ? dashboard.workloadXlsxUrl({ unitId, from, to, lang }) : undefined}
          disabled={!unitId}
          download
          data-testid="workload-xlsx"
        >
          {t("dashboard.workload.download")}
        </Button>
      </ReportFilters>
      <ProblemAlert error={report.error} onRetry={report.reload} />
      <Card className="section-card">
        <div data-testid="workload-table">
          <Table<WorkloadRow>
            rowKey="id"
            size="middle"
            loading={report.loading}
            pagination={false}
            dataSource={w?.items ?? []}
            columns={[
              { key: "name", dataIndex: "name", title: t("dashboard.workload.col.name") },
              col("open"),
              col("dueToday"),
              col("overdue"),
              col("handled"),
              col("late"),
              col("lateShare", true),
              col("avgStepHours"),
            ]}
            summary={() =>
              w ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t("dashboard.workload.total")}</strong>
                  </Table.Summary.Cell>
                  {(["open", "dueToday", "overdue", "handled", "late"] as const).map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 1} align="right">
                      <strong>{w.totals[k]}</strong>
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={6} align="right">
                    <strong>{w.totals.lateShare === null ? "—" : `${num(w.totals.lateShare)} %`}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7} />
                </Table.Summary.Row>
              ) : null
            }
          />
        </div>
        <p className="text-secondary">{t("dashboard.workload.note")}</p>
      </Card>
    </>
  );
}
