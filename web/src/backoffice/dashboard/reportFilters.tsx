// The unit and period choice shared by the dashboard and the workload report; the view lives in
// the address (?unit=&from=&to=&granularity=) so a report can be linked and reloaded.
import { DatePicker } from "antd";
import dayjs from "dayjs";
import { useId, useMemo } from "react";
import { useSearchParams } from "react-router";
import { units } from "../../api/endpoints";
import type { RoleName } from "../../api/types";
import { vietnamToday } from "../../components/dossierFormat";
import { useApiQuery } from "../../components/useApiQuery";
import { useT } from "../../i18n";
import { StaffUnitSelect } from "../StaffUnitSelect";
import { useSession } from "../session";
import { staffUnits } from "../staffUnits";
import type { Granularity } from "./dashboardApi";

/** Who may read reports (the server's `report.read`). */
export const REPORT_ROLES: ReadonlySet<RoleName> = new Set(["leader", "supervisor", "system_admin"]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const GRANULARITIES: readonly Granularity[] = ["day", "week", "month"];

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function useReportFilters() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items, REPORT_ROLES), [me, unitList.data]);
  const today = vietnamToday();
  const to = ISO_DATE.test(params.get("to") ?? "") ? params.get("to")! : today;
  const from = ISO_DATE.test(params.get("from") ?? "") ? params.get("from")! : addDays(to, -89);
  const g = params.get("granularity") as Granularity;
  const granularity: Granularity = GRANULARITIES.includes(g) ? g : "week";
  const unitId = params.get("unit") ?? options[0]?.value;
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  return { unitId, from, to, granularity, update, options, loadingUnits: unitList.loading };
}

export function ReportFilters({
  filters,
  children,
}: {
  filters: ReturnType<typeof useReportFilters>;
  children?: React.ReactNode;
}) {
  const t = useT();
  const periodId = useId();
  return (
    <div className="picker-row">
      <StaffUnitSelect
        value={filters.unitId}
        options={filters.options}
        loading={filters.loadingUnits}
        onChange={(unit) => filters.update({ unit })}
        testId="report-unit"
      />
      <div className="picker-field">
        <span id={periodId} className="field-label">
          {t("dashboard.period")}
        </span>
        <DatePicker.RangePicker
          aria-labelledby={periodId}
          data-testid="report-period"
          allowClear={false}
          format="DD/MM/YYYY"
          value={[dayjs(filters.from), dayjs(filters.to)]}
          placeholder={[t("dashboard.from"), t("dashboard.to")]}
          onChange={(range) => {
            if (range?.[0] && range[1])
              filters.update({ from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") });
          }}
        />
      </div>
      {children}
    </div>
  );
}
