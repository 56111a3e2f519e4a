// /admin/processes: a procedure's internal process in a unit — the version in force with its
// timeline against the legal deadline, the approved versions, and for the unit's managers a
// builder for the next version. The unit and procedure live in ?unit=&code=.
import { Card, Empty, Spin, Typography } from "antd";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { processes, units } from "../../api/endpoints";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "../planning.css";
import { StaffUnitSelect } from "../StaffUnitSelect";
import { useSession } from "../session";
import { defaultUnit, staffUnits } from "../staffUnits";
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
  const { me } = useSession();
  useDocumentTitle(t("processAdmin.heading"));
  const [params, setParams] = useSearchParams();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items), [me, unitList.data]);
  const unitId = params.get("unit") ?? defaultUnit(me) ?? null;
  const code = params.get("code");

  return (
    <>
      <Typography.Title level={1}>{t("processAdmin.heading")}</Typography.Title>
      <Typography.Paragraph>{t("processAdmin.intro")}</Typography.Paragraph>
      <div className="picker-row">
        <StaffUnitSelect
          value={unitId ?? undefined}
          options={options}
          loading={unitList.loading}
          onChange={(unit) => setParams({ unit })}
          testId="process-unit"
        />
        <ProcedurePicker
          key={unitId ?? ""}
          unitId={unitId}
          value={code ?? undefined}
          onChange={(next) => setParams({ unit: unitId ?? "", code: next })}
        />
      </div>
      {unitId && code ? (
        <ProcessPanel key={`${unitId}:${code}`} unitId={unitId} code={code} />
      ) : (
        <Card className="section-card">
          <Empty description={t("processAdmin.selectHint")} />
        </Card>
      )}
    </>
  );
}
