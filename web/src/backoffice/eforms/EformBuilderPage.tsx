// /admin/bieu-mau: the e-form builder for unit administrators. Pick a unit and one of the
// procedures it serves, then build its form (tờ khai điện tử); each save is a new revision.
// The unit and procedure live in ?unit=&procedure= so the view can be linked to.
import { App, Card, Typography } from "antd";
import { eforms } from "../../components/eform/api";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useI18n } from "../../i18n";
import "./eforms.css";
import { StaffUnitPage, useStaffUnit } from "../StaffUnitPage";
import { FormBuilder } from "./FormBuilder";
import { ProcedureForms } from "./ProcedureForms";
import { RevisionList } from "./RevisionList";

const MANAGERS = new Set(["unit_admin", "system_admin"] as const);

export default function EformBuilderPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const unit = useStaffUnit(MANAGERS);
  const { unitId, params, setParams } = unit;
  const code = params.get("procedure");
  const list = useApiQuery(unitId ? `eforms:${unitId}` : null, (signal) => eforms.unitList(unitId!, signal));
  const item = list.data?.items.find((i) => i.procedureCode === code) ?? null;
  const current = useApiQuery(unitId && code ? `eform:${unitId}:${code}` : null, (signal) =>
    eforms.unitForm(unitId!, code!, signal),
  );

  const select = (procedure: string) => {
    setParams({ unit: unitId ?? "", procedure });
    requestAnimationFrame(() => document.getElementById("eform-builder_title")?.focus());
  };

  return (
    <StaffUnitPage
      heading={t("eform.builder.heading")}
      intro={t("eform.builder.intro")}
      unit={unit}
      unitTestId="builder-unit"
      emptyHint={t("eform.builder.selectUnit")}
    >
      {(unitId) => (
        <>
          <Card
            className="section-card"
            title={<h2 className="card-heading">{t("eform.builder.proceduresHeading")}</h2>}
          >
            <ProblemAlert error={list.error} onRetry={list.reload} />
            <ProcedureForms
              items={list.data?.items ?? []}
              loading={list.loading}
              selected={code}
              onSelect={select}
            />
          </Card>
          {code && (
            <>
              <ProblemAlert error={current.error} onRetry={current.reload} />
              {current.data && (
                <>
                  <Typography.Title
                    level={2}
                    className="eform-builder__procedure"
                    data-testid="builder-procedure"
                  >
                    {item ? `${item.procedureCode} – ${item.procedureName}` : code}
                  </Typography.Title>
                  <FormBuilder
                    unitId={unitId}
                    procedureCode={code}
                    procedureName={item?.procedureName ?? code}
                    loaded={current.data}
                    onSaved={(eform) => {
                      void message.success(t("eform.builder.saved", { revision: eform.revision }));
                      current.reload();
                      list.reload();
                    }}
                  />
                  <Card
                    className="section-card"
                    title={<h2 className="card-heading">{t("eform.builder.revisionsHeading")}</h2>}
                  >
                    <RevisionList revisions={current.data.revisions} />
                  </Card>
                </>
              )}
            </>
          )}
        </>
      )}
    </StaffUnitPage>
  );
}
