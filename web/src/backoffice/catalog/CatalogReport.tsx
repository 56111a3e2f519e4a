// The catalog report (spec §10) for a date and a period: procedures in force per level and sector
// with the online / postal / on-the-spot counts, the changes in the period, and a bar chart.
import { Button, Col, Empty, Form, Input, Row, Spin, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { catalog } from "../../api/endpoints";
import type { CatalogReport as Report } from "../../api/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { LevelTag } from "../../components/UnitTags";
import { todayIso } from "../../components/unitTree";
import { useApiQuery } from "../../components/useApiQuery";
import { formatDate, useI18n } from "../../i18n";
import { SectorChart } from "./SectorChart";

interface Period {
  at: string;
  from: string;
  to: string;
}

type InForceRow = Report["inForce"][number];
type ChangeRow = Report["changes"][number];

function sum<T>(rows: readonly T[], key: keyof T): number {
  return rows.reduce((total, row) => total + Number(row[key]), 0);
}

function SummaryRow<T>({
  rows,
  keys,
  label,
  span,
}: {
  rows: T[];
  keys: (keyof T)[];
  label: string;
  span: number;
}) {
  return (
    <Table.Summary.Row className="report-total">
      <Table.Summary.Cell index={0} colSpan={span}>
        <strong>{label}</strong>
      </Table.Summary.Cell>
      {keys.map((key, index) => (
        <Table.Summary.Cell key={String(key)} index={index + span} align="right">
          <strong>{sum(rows, key)}</strong>
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}

export function CatalogReport({ refreshKey }: { refreshKey: number }) {
  const { lang, t } = useI18n();
  const [period, setPeriod] = useState<Period>(() => {
    const today = todayIso();
    return { at: today, from: `${today.slice(0, 4)}-01-01`, to: today };
  });
  const report = useApiQuery(
    `catalog-report:${period.at}:${period.from}:${period.to}:${refreshKey}`,
    (signal) => catalog.report(period, signal),
    { keepPrevious: true },
  );
  const data = report.data;

  const count = (key: keyof InForceRow, title: string) => ({
    key,
    dataIndex: key,
    title,
    align: "right" as const,
  });
  const inForceColumns: TableColumnsType<InForceRow> = [
    {
      key: "level",
      dataIndex: "level",
      title: t("catalogReport.level"),
      render: (_, row) => <LevelTag level={row.level} />,
    },
    { key: "sector", dataIndex: "sector", title: t("catalogReport.sector") },
    count("total", t("catalogReport.total")),
    count("fullyOnline", t("catalog.online.fully")),
    count("partlyOnline", t("catalog.online.partly")),
    count("postal", t("catalogReport.postal")),
    count("onTheSpot", t("catalogReport.onTheSpot")),
  ];
  const changeColumns: TableColumnsType<ChangeRow> = [
    { key: "sector", dataIndex: "sector", title: t("catalogReport.sector") },
    { key: "added", dataIndex: "added", title: t("catalog.change.added"), align: "right" },
    { key: "amended", dataIndex: "amended", title: t("catalog.change.amended"), align: "right" },
    { key: "abolished", dataIndex: "abolished", title: t("catalog.change.abolished"), align: "right" },
  ];

  return (
    <>
      <Form<Period>
        name="catalog-report"
        layout="vertical"
        initialValues={period}
        onFinish={(values) => setPeriod(values)}
        className="report-period"
      >
        <Row gutter={16} align="bottom">
          <Col xs={24} sm={8} md={6}>
            <Form.Item
              name="at"
              label={t("catalogReport.at")}
              rules={[{ required: true, message: t("catalogReport.dateRequired") }]}
            >
              <Input type="date" data-testid="report-at" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8} md={6}>
            <Form.Item
              name="from"
              label={t("catalogReport.from")}
              rules={[{ required: true, message: t("catalogReport.dateRequired") }]}
            >
              <Input type="date" data-testid="report-from" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8} md={6}>
            <Form.Item
              name="to"
              label={t("catalogReport.to")}
              dependencies={["from"]}
              rules={[
                { required: true, message: t("catalogReport.dateRequired") },
                ({ getFieldValue }) => ({
                  validator: (_, value?: string) =>
                    !value || value >= getFieldValue("from")
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("catalogReport.rangeInvalid"))),
                }),
              ]}
            >
              <Input type="date" data-testid="report-to" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item>
              <Button type="primary" htmlType="submit" data-testid="report-submit" loading={report.loading}>
                {t("catalogReport.show")}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>

      <ProblemAlert error={report.error} onRetry={report.reload} />
      {!data && report.loading && (
        <div className="page-spin" role="status">
          <Spin description={t("app.loading")} />
        </div>
      )}
      {data && (
        <Spin spinning={report.loading}>
          <h3 className="card-heading form-section-heading">
            {t("catalogReport.inForceHeading", { date: formatDate(data.at, lang) })}
          </h3>
          <div data-testid="report-in-force">
            <Table<InForceRow>
              rowKey={(row) => `${row.level}:${row.sector}`}
              columns={inForceColumns}
              dataSource={data.inForce}
              pagination={false}
              size="small"
              scroll={{ x: "max-content" }}
              locale={{ emptyText: <Empty description={t("catalogReport.noInForce")} /> }}
              summary={(rows) =>
                rows.length > 0 ? (
                  <SummaryRow
                    rows={[...rows]}
                    keys={["total", "fullyOnline", "partlyOnline", "postal", "onTheSpot"]}
                    label={t("catalogReport.totalByLevel")}
                    span={2}
                  />
                ) : null
              }
            />
          </div>
          {data.inForce.length > 0 && <SectorChart report={data} />}

          <h3 className="card-heading form-section-heading">
            {t("catalogReport.changesHeading", {
              from: formatDate(data.from, lang),
              to: formatDate(data.to, lang),
            })}
          </h3>
          <div data-testid="report-changes">
            <Table<ChangeRow>
              rowKey="sector"
              columns={changeColumns}
              dataSource={data.changes}
              pagination={false}
              size="small"
              scroll={{ x: "max-content" }}
              locale={{ emptyText: <Empty description={t("catalogReport.noChanges")} /> }}
              summary={(rows) =>
                rows.length > 0 ? (
                  <SummaryRow
                    rows={[...rows]}
                    keys={["added", "amended", "abolished"]}
                    label={t("catalogReport.totalRow")}
                    span={1}
                  />
                ) : null
              }
            />
          </div>
        </Spin>
      )}
    </>
  );
}
