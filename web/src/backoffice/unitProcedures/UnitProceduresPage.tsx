// /admin/unit-procedures: the procedures a unit serves, with its printable listing; the unit's
// managers (unit_admin of the unit, system_admin above it) remove procedures and add them from the
// catalog with local details. The unit lives in ?unit= so the view can be linked to.
import { FilePdfOutlined } from "@ant-design/icons";
import { Card, Empty, Spin, Typography } from "antd";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { catalog, units } from "../../api/endpoints";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "../planning.css";
import "./unitProcedures.css";
import { StaffUnitSelect } from "../StaffUnitSelect";
import { useSession } from "../session";
import { canManageUnit, defaultUnit, staffUnits } from "../staffUnits";
import { AddProcedures } from "./AddProcedures";
import { ServedProcedures } from "./ServedProcedures";
import { loadServed } from "./servedProcedures";

function CardHeading({ children }: { children: string }) {
  return <h2 className="card-heading">{children}</h2>;
}

export default function UnitProceduresPage() {
  const { t } = useI18n();
  const { me } = useSession();
  useDocumentTitle(t("unitProcedures.heading"));
  const [params, setParams] = useSearchParams();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items), [me, unitList.data]);
  const unitId = params.get("unit") ?? defaultUnit(me) ?? null;
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
    <>
      <Typography.Title level={1}>{t("unitProcedures.heading")}</Typography.Title>
      <Typography.Paragraph>{t("unitProcedures.intro")}</Typography.Paragraph>
      <div className="picker-row">
        <StaffUnitSelect
          value={unitId ?? undefined}
          options={options}
          loading={unitList.loading}
          onChange={(unit) => setParams({ unit })}
          testId="unit-procedures-unit"
        />
      </div>

      {!unitId ? (
        <Card className="section-card">
          <Empty description={t("unitProcedures.selectUnitHint")} />
        </Card>
      ) : (
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
    </>
  );
}
