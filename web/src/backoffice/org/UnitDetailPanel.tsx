// One unit: identity, validity, successor, name history and agencies, plus the edit forms the
// server's abilities allow (the buttons match what the server will accept).
import { Button, Card, Descriptions, Empty, Spin, Table, type TableColumnsType } from "antd";
import { ApiError } from "../../api/client";
import { units } from "../../api/endpoints";
import type { Agency, PublicUnit, UnitDetail } from "../../api/types";
import { ProblemAlert } from "../../components/ProblemAlert";
import { AbolishedTag, LevelTag } from "../../components/UnitTags";
import { isAbolished } from "../../components/unitTree";
import { useApiQuery } from "../../components/useApiQuery";
import { formatDate, useI18n } from "../../i18n";
import { AbolishForm, ChildUnitForm } from "./RestructureForms";
import { AgencyForm, RenameForm } from "./UnitForms";

interface Props {
  unitId: string;
  allUnits: readonly PublicUnit[];
  onChanged: () => void;
  onSelectUnit: (id: string) => void;
}

type NameRow = UnitDetail["names"][number] & { key: string };

export function UnitDetailPanel({ unitId, allUnits, onChanged, onSelectUnit }: Props) {
  const { lang, t } = useI18n();
  const detail = useApiQuery(`unit:${unitId}`, (signal) => units.detail(unitId, signal));

  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return (
      <Card className="section-card">
        <Empty description={detail.error.problem?.message?.[lang] ?? t("org.notVisible")} />
      </Card>
    );
  }
  if (!detail.data) {
    return (
      <Card className="section-card">
        <ProblemAlert error={detail.error} onRetry={detail.reload} />
        {detail.loading && (
          <div className="page-spin">
            <Spin description={t("app.loading")} />
          </div>
        )}
      </Card>
    );
  }

  const { unit, names, agencies, abilities } = detail.data;
  const refresh = () => {
    detail.reload();
    onChanged();
  };
  const nameColumns: TableColumnsType<NameRow> = [
    { key: "name", dataIndex: "name", title: t("org.historyName") },
    {
      key: "validFrom",
      dataIndex: "validFrom",
      title: t("org.validFrom"),
      render: (v: string) => formatDate(v, lang),
    },
    {
      key: "decisionRef",
      dataIndex: "decisionRef",
      title: t("org.decisionRef"),
      render: (v) => v ?? t("org.none"),
    },
  ];
  const agencyColumns: TableColumnsType<Agency> = [
    { key: "code", dataIndex: "code", title: t("org.agencyCode") },
    { key: "name", dataIndex: "name", title: t("org.agencyName") },
    {
      key: "kind",
      dataIndex: "kind",
      title: t("org.agencyKind"),
      render: (_, row) => t(`org.kind.${row.kind}`),
    },
  ];

  return (
    <div data-testid="unit-detail">
      <Spin spinning={detail.loading}>
        <Card
          className="section-card"
          title={
            <h2 className="card-heading" data-testid="unit-name">
              {unit.name}
            </h2>
          }
          extra={
            <>
              <LevelTag level={unit.level} />
              {isAbolished(unit) && <AbolishedTag />}
            </>
          }
        >
          <ProblemAlert error={detail.error} onRetry={detail.reload} />
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: "code", label: t("org.code"), children: unit.code },
              { key: "level", label: t("org.level"), children: t(`level.${unit.level}`) },
              { key: "name", label: t("org.name"), children: unit.name },
              { key: "validFrom", label: t("org.validFrom"), children: formatDate(unit.validFrom, lang) },
              {
                key: "validTo",
                label: t("org.validTo"),
                children: unit.validTo ? formatDate(unit.validTo, lang) : t("org.current"),
              },
              {
                key: "successor",
                label: t("org.successor"),
                children:
                  unit.successorId && unit.successorName ? (
                    <Button
                      type="link"
                      className="inline-link"
                      onClick={() => onSelectUnit(unit.successorId!)}
                    >
                      {unit.successorName}
                    </Button>
                  ) : (
                    t("org.none")
                  ),
              },
            ]}
          />
        </Card>

        <Card
          size="small"
          className="section-card"
          title={<h3 className="card-heading">{t("org.namesHeading")}</h3>}
        >
          <Table<NameRow>
            rowKey="key"
            columns={nameColumns}
            dataSource={names.map((row, index) => ({ ...row, key: String(index) }))}
            pagination={false}
            size="small"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("org.noNames")} />,
            }}
          />
        </Card>

        <Card
          size="small"
          className="section-card"
          title={<h3 className="card-heading">{t("org.agenciesHeading")}</h3>}
        >
          <Table<Agency>
            rowKey="id"
            columns={agencyColumns}
            dataSource={agencies}
            pagination={false}
            size="small"
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("org.noAgencies")} />,
            }}
          />
        </Card>
      </Spin>

      {abilities.canEdit && <RenameForm unitId={unit.id} onDone={refresh} />}
      {abilities.canManageAgencies && <AgencyForm unitId={unit.id} onDone={refresh} />}
      {abilities.canRestructure && (
        <>
          <ChildUnitForm parent={unit} onDone={refresh} />
          {unit.validTo === null && <AbolishForm unit={unit} allUnits={allUnits} onDone={refresh} />}
        </>
      )}
    </div>
  );
}
