// /admin/cai-cach-hanh-chinh: the PAR index's assessments of a criteria set — the units the user
// may read with their status and totals; a unit's administrator or leader starts or opens its
// self-assessment, the higher level opens the submitted ones to appraise them.
import { Button, Card, Empty, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useT } from "../../i18n";
import "../planning.css";
import "./par.css";
import { par, type SetUnits } from "./parApi";
import { ParNav, parPaths, SetPicker, StatusTag, useChosenSet, usePoints } from "./parShared";

type Item = SetUnits["items"][number];

export default function ParHomePage() {
  const t = useT();
  useDocumentTitle(t("par.home.heading"));
  const navigate = useNavigate();
  const points = usePoints();
  const { sets, set, choose } = useChosenSet();
  const units = useApiQuery(set ? `par-units:${set.id}` : null, (signal) => par.units(set!.id, signal));
  const [starting, setStarting] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);

  const start = async (item: Item) => {
    if (!set) return;
    setStarting(item.unit.id);
    setStartError(null);
    try {
      const a = await par.start(set.id, item.unit.code);
      navigate(parPaths.assessment(a.id));
    } catch (error) {
      setStartError(error);
      setStarting(null);
    }
  };

  return (
    <>
      <Typography.Title level={1}>{t("par.home.heading")}</Typography.Title>
      <Typography.Paragraph>{t("par.home.intro")}</Typography.Paragraph>
      <ParNav current="home" setId={set?.id} />
      <ProblemAlert error={sets.error} onRetry={sets.reload} />
      {sets.data && sets.data.items.length === 0 && (
        <Empty description={t("par.home.noSets")} data-testid="par-no-sets">
          <Link to={parPaths.sets}>{t("par.nav.sets")}</Link>
        </Empty>
      )}
      {set && (
        <>
          <div className="picker-row">
            <SetPicker sets={sets.data?.items ?? []} value={set.id} onChange={choose} />
          </div>
          <Card
            className="section-card"
            title={<h2 className="card-heading">{t("par.home.units", { year: set.year })}</h2>}
            extra={
              <Link to={parPaths.set(set.id)} data-testid="par-open-set">
                {t("par.home.criteria", { count: set.criteriaCount })}
              </Link>
            }
          >
            <ProblemAlert
              error={units.error ?? startError}
              onRetry={units.error ? units.reload : undefined}
            />
            <div data-testid="par-units" aria-busy={units.loading}>
              <Table<Item>
                rowKey={(i) => i.unit.id}
                size="middle"
                loading={units.loading && !units.data}
                pagination={false}
                dataSource={units.data?.items ?? []}
                locale={{
                  emptyText: (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("par.home.noUnits")} />
                  ),
                }}
                columns={[
                  {
                    key: "unit",
                    title: t("par.home.unit"),
                    render: (_, i) => (
                      <span>
                        {i.unit.name} <span className="text-secondary">({i.unit.code})</span>
                      </span>
                    ),
                  },
                  {
                    key: "status",
                    title: t("par.home.status"),
                    render: (_, i) => (
                      <StatusTag status={i.assessment?.status ?? null} testId={`par-status-${i.unit.code}`} />
                    ),
                  },
                  {
                    key: "self",
                    title: t("par.home.selfTotal"),
                    align: "right",
                    render: (_, i) => (i.assessment ? points(i.assessment.selfTotal) : "—"),
                  },
                  {
                    key: "appraised",
                    title: t("par.home.appraisedTotal"),
                    align: "right",
                    render: (_, i) => points(i.assessment?.appraisedTotal),
                  },
                  {
                    key: "action",
                    title: t("par.home.action"),
                    render: (_, i) =>
                      i.assessment ? (
                        <Link
                          to={parPaths.assessment(i.assessment.id)}
                          data-testid={`par-open-${i.unit.code}`}
                          aria-label={t(i.canAppraise ? "par.home.appraiseLabel" : "par.home.openLabel", {
                            unit: i.unit.name,
                          })}
                        >
                          {t(i.canAppraise ? "par.home.appraise" : "par.home.open")}
                        </Link>
                      ) : i.canCreate ? (
                        <Button
                          size="small"
                          type="primary"
                          loading={starting === i.unit.id}
                          onClick={() => start(i)}
                          data-testid={`par-start-${i.unit.code}`}
                        >
                          {t("par.home.start")}
                        </Button>
                      ) : (
                        <span className="text-secondary">{t("par.home.notStarted")}</span>
                      ),
                  },
                ]}
              />
            </div>
          </Card>
        </>
      )}
    </>
  );
}
