// /admin/processes: a procedure's internal process in a unit — the version in force with its
// timeline against the legal deadline, the approved versions, and for the unit's managers a
// builder for the next version. The unit and procedure live in ?unit=&code=.
import { Card, Empty, Spin } from "antd";
import { useMemo } from "react";
import { ApiError } from "../../api/client";
import { processes } from "../../api/endpoints";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useI18n } from "../../i18n";
import { StaffUnitPage, useStaffUnit } from "../StaffUnitPage";
import { ProcedurePicker } from "./ProcedurePicker";
import { ProcessBuilder } from "./ProcessBuilder";
import { CurrentProcess, ProcedureFacts, ProcessHistory } from "./ProcessView";
import { agencyGroups } from "./useUnitAgencies";

function CardHeading({ children }: { children: string }) {
  return <h2 className="card-heading">{children}</h2>;
}

function ProcessPanel({ unitId, code }: { unitId: string; code: string }) {
  const { lang, t } = useI18n();
  const query = useApiQuery(`process:${unitId}:${code}`, (signal) => processes.get(unitId, code, signal));
  const view = query.data;
  const agencies = useMemo(() => agencyGroups(view?.agencies ?? []), [view]);
  const agencyNames = useMemo(
    () => new Map(agencies.flatMap((group) => group.options.map((o) => [o.value, o.label] as const))),
    [agencies],
  );

  if (query.error instanceof ApiError && query.error.status === 404) {
    return (
      <Card className="section-card">
        <Empty description={query.error.problem?.message?.[lang] ?? t("org.notVisible")} />
      </Card>
    );
  }
  if (!view) {
    return (
      <Card className="section-card">
        <ProblemAlert error={query.error} onRetry={query.reload} />
        {query.loading && (
          <div className="page-spin">
            <Spin description={t("app.loading")} />
          </div>
        )}
      </Card>
    );
  }
  return (
    <Spin spinning={query.loading}>
      <ProblemAlert error={query.error} onRetry={query.reload} />
      <Card className="section-card" title={<CardHeading>{view.procedure.name}</CardHeading>}>
        <ProcedureFacts view={view} />
      </Card>
      <Card
        className="section-card"
        title={
          <CardHeading>
            {view.current
              ? t("processAdmin.currentHeading", { version: view.current.version })
              : t("processAdmin.currentNone")}
          </CardHeading>
        }
      >
        <CurrentProcess view={view} agencyNames={agencyNames} />
      </Card>
      {view.abilities.canEdit && (
        <Card className="section-card" title={<CardHeading>{t("processForm.heading")}</CardHeading>}>
          <ProcessBuilder
            key={`${unitId}:${code}:${view.current?.version ?? 0}`}
            unitId={unitId}
            view={view}
            agencies={agencies}
            agenciesLoading={false}
            onSaved={query.reload}
          />
        </Card>
      )}
      <Card className="section-card" title={<CardHeading>{t("processAdmin.historyHeading")}</CardHeading>}>
        <ProcessHistory view={view} />
      </Card>
    </Spin>
  );
}

export default function ProcessPage() {
  const { t } = useI18n();
  const unit = useStaffUnit();
  const { unitId, params, setParams } = unit;
  const code = params.get("code");
  const hint = (
    <Card className="section-card">
      <Empty description={t("processAdmin.selectHint")} />
    </Card>
  );

  return (
    <StaffUnitPage
      heading={t("processAdmin.heading")}
      intro={t("processAdmin.intro")}
      unit={unit}
      unitTestId="process-unit"
      pickers={
        <ProcedurePicker
          key={unitId ?? ""}
          unitId={unitId}
          value={code ?? undefined}
          onChange={(next) => setParams({ unit: unitId ?? "", code: next })}
        />
      }
      emptyHint={t("processAdmin.selectHint")}
    >
      {(unitId) => (code ? <ProcessPanel key={`${unitId}:${code}`} unitId={unitId} code={code} /> : hint)}
    </StaffUnitPage>
  );
}
