// /admin/unit-procedures: the procedures a unit serves, with its printable listing; the unit's
// managers (unit_admin of the unit, system_admin above it) remove procedures and add them from the
// catalog with local details. The unit lives in ?unit= so the view can be linked to.
import { FilePdfOutlined } from "@ant-design/icons";
import { Card, Spin, Typography } from "antd";
import { useMemo } from "react";
import { catalog } from "../../api/endpoints";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useI18n } from "../../i18n";
import "./unitProcedures.css";
import { StaffUnitPage, useStaffUnit } from "../StaffUnitPage";
import { canManageUnit } from "../staffUnits";
import { AddProcedures } from "./AddProcedures";
import { ServedProcedures } from "./ServedProcedures";
import { loadServed } from "./servedProcedures";

function CardHeading({ children }: { children: string }) {
  return <h2 className="card-heading">{children}</h2>;
}

export default function UnitProceduresPage() {
  const { t } = useI18n();
  const unit = useStaffUnit();
  const { me, unitList, unitId } = unit;
  const unitName =
    unitList.data?.items.find((unit) => unit.id === unitId)?.name ??
    me.roles.find((role) => role.unitId === unitId)?.unitName ??
    "";
  const served = useApiQuery(unitId ? `unit-procedures:${unitId}` : null, (signal) =>
    loadServed(unitId!, signal),
  );
  const servedCodes = useMemo(
    () => new Set((served.data?.items ?? []).map((item) => item.code)),
    [served.data],
  );
  const canManage = unitId !== null && canManageUnit(me, unitId, unitList.data?.items);

  return (
    <StaffUnitPage
      heading={t("unitProcedures.heading")}
      intro={t("unitProcedures.intro")}
      unit={unit}
      unitTestId="unit-procedures-unit"
      emptyHint={t("unitProcedures.selectUnitHint")}
    >
      {(unitId) => (
        <>
          <Card
            className="section-card"
            title={<CardHeading>{t("unitProcedures.servedHeading")}</CardHeading>}
            extra={
              <a
                href={catalog.unitListingPdfUrl(unitId)}
                aria-label={unitName ? t("unitProcedures.pdfLabel", { unit: unitName }) : undefined}
                data-testid="unit-procedures-pdf"
              >
                <FilePdfOutlined aria-hidden /> {t("unitProcedures.pdf")}
              </a>
            }
          >
            {!canManage && (
              <Typography.Paragraph type="secondary" data-testid="unit-procedures-readonly">
                {t("unitProcedures.readOnly")}
              </Typography.Paragraph>
            )}
            <ProblemAlert error={served.error} onRetry={served.reload} />
            {served.data ? (
              <ServedProcedures
                key={unitId}
                unitId={unitId}
                list={served.data}
                loading={served.loading}
                canManage={canManage}
                onChanged={served.reload}
              />
            ) : (
              served.loading && (
                <div className="page-spin">
                  <Spin description={t("app.loading")} />
                </div>
              )
            )}
          </Card>
          {canManage && (
            <Card
              className="section-card"
              title={<CardHeading>{t("unitProcedures.addHeading")}</CardHeading>}
            >
              <AddProcedures key={unitId} unitId={unitId} served={servedCodes} onAdded={served.reload} />
            </Card>
          )}
        </>
      )}
    </StaffUnitPage>
  );
}
