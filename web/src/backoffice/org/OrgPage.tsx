// Organisation: the whole unit tree with history on the left, the selected unit on the right.
// The selection lives in ?unit= so a unit can be linked to and survives a reload.
import { Card, Col, Empty, Row, Spin, Typography } from "antd";
import { useSearchParams } from "react-router";
import { units } from "../../api/endpoints";
import { ProblemAlert } from "../../components/ProblemAlert";
import { UnitTree } from "../../components/UnitTree";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import { UnitDetailPanel } from "./UnitDetailPanel";

export default function OrgPage() {
  const t = useT();
  useDocumentTitle(t("org.heading"));
  const [params, setParams] = useSearchParams();
  const selectedId = params.get("unit");
  const list = useApiQuery("units-with-history", (signal) => units.list(true, signal));
  const select = (id: string) => setParams({ unit: id });

  return (
    <>
      <Typography.Title level={1}>{t("org.heading")}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card className="section-card" title={<h2 className="card-heading">{t("org.treeHeading")}</h2>}>
            <ProblemAlert error={list.error} onRetry={list.reload} />
            {list.data ? (
              <Spin spinning={list.loading}>
                <UnitTree
                  units={list.data.items}
                  selectedId={selectedId}
                  onSelect={select}
                  testId="org-tree"
                />
              </Spin>
            ) : list.loading ? (
              <div className="page-spin">
                <Spin description={t("app.loading")} />
              </div>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {selectedId ? (
            <UnitDetailPanel
              key={selectedId}
              unitId={selectedId}
              allUnits={list.data?.items ?? []}
              onChanged={list.reload}
              onSelectUnit={select}
            />
          ) : (
            <Card className="section-card">
              <Empty description={t("org.selectHint")} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
