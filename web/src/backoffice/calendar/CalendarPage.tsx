// /admin/calendar: a unit's working calendar for a year — where it comes from, the year at a
// glance, days off, working hours, a due-date calculator, and the edit form for its managers.
// The unit and year live in ?unit=&year= so the view can be linked to and survives a reload.
import { Card, Empty, Spin, Typography } from "antd";
import { useId, useMemo } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { calendars, units } from "../../api/endpoints";
import { LabelledSelect } from "../../components/LabelledSelect";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n } from "../../i18n";
import "../planning.css";
import { StaffUnitSelect } from "../StaffUnitSelect";
import { useSession } from "../session";
import { canManageUnit, defaultUnit, staffUnits } from "../staffUnits";
import { CalendarHistory, CalendarSummary, DaysOffTable } from "./CalendarDetails";
import { CalendarForm } from "./CalendarForm";
import { DueCalculator } from "./DueCalculator";
import { YearGrid } from "./YearGrid";

function vietnamYear(): number {
  return new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
}

function CardHeading({ children }: { children: string }) {
  return <h2 className="card-heading">{children}</h2>;
}

export default function CalendarPage() {
  const { lang, t } = useI18n();
  const { me } = useSession();
  useDocumentTitle(t("calendarAdmin.heading"));
  const yearId = useId();
  const [params, setParams] = useSearchParams();
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const options = useMemo(() => staffUnits(me, unitList.data?.items), [me, unitList.data]);
  const unitId = params.get("unit") ?? defaultUnit(me) ?? null;
  const thisYear = vietnamYear();
  const yearParam = Number(params.get("year"));
  const year = Number.isInteger(yearParam) && yearParam >= 1900 && yearParam <= 2100 ? yearParam : thisYear;
  const years = [...new Set([thisYear - 2, thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort();
  const calendar = useApiQuery(unitId ? `calendar:${unitId}:${year}` : null, (signal) =>
    calendars.get(unitId!, year, signal),
  );
  const canManage = unitId !== null && canManageUnit(me, unitId, unitList.data?.items);
  const select = (next: { unit?: string; year?: number }) =>
    setParams({ unit: next.unit ?? unitId ?? "", year: String(next.year ?? year) });
  const data = calendar.data;

  return (
    <>
      <Typography.Title level={1}>{t("calendarAdmin.heading")}</Typography.Title>
      <Typography.Paragraph>{t("calendarAdmin.intro")}</Typography.Paragraph>
      <div className="picker-row">
        <StaffUnitSelect
          value={unitId ?? undefined}
          options={options}
          loading={unitList.loading}
          onChange={(unit) => select({ unit })}
          testId="calendar-unit"
        />
        <div className="picker-field picker-field--narrow">
          <label htmlFor={yearId} className="field-label">
            {t("calendarAdmin.year")}
          </label>
          <LabelledSelect<number>
            id={yearId}
            listLabel={t("calendarAdmin.year")}
            data-testid="calendar-year-select"
            className="picker-field__select"
            value={year}
            options={years.map((value) => ({ value, label: String(value) }))}
            onChange={(value) => select({ year: value })}
          />
        </div>
      </div>

      {!unitId ? (
        <Card className="section-card">
          <Empty description={t("planning.selectUnitHint")} />
        </Card>
      ) : calendar.error instanceof ApiError && calendar.error.status === 404 ? (
        <Card className="section-card">
          <Empty description={calendar.error.problem?.message?.[lang] ?? t("org.notVisible")} />
        </Card>
      ) : !data ? (
        <Card className="section-card">
          <ProblemAlert error={calendar.error} onRetry={calendar.reload} />
          {calendar.loading && (
            <div className="page-spin">
              <Spin description={t("app.loading")} />
            </div>
          )}
        </Card>
      ) : (
        <Spin spinning={calendar.loading}>
          <ProblemAlert error={calendar.error} onRetry={calendar.reload} />
          <Card
            className="section-card"
            title={<CardHeading>{t("calendarAdmin.summaryHeading")}</CardHeading>}
          >
            <CalendarSummary calendar={data} unitId={unitId} />
          </Card>
          <Card
            className="section-card"
            title={<CardHeading>{t("calendarAdmin.yearHeading", { year: data.year })}</CardHeading>}
          >
            <YearGrid calendar={data} />
          </Card>
          <Card
            className="section-card"
            title={<CardHeading>{t("calendarAdmin.daysOffHeading", { year: data.year })}</CardHeading>}
          >
            <DaysOffTable calendar={data} />
          </Card>
          <Card className="section-card" title={<CardHeading>{t("dueCalc.heading")}</CardHeading>}>
            <DueCalculator unitId={unitId} />
          </Card>
          {canManage && (
            <Card className="section-card" title={<CardHeading>{t("calendarForm.heading")}</CardHeading>}>
              <CalendarForm
                key={`${unitId}:${data.source?.savedAt ?? "default"}`}
                unitId={unitId}
                calendar={data}
                onSaved={calendar.reload}
              />
            </Card>
          )}
          <Card
            className="section-card"
            title={<CardHeading>{t("calendarAdmin.historyHeading")}</CardHeading>}
          >
            <CalendarHistory calendar={data} />
          </Card>
        </Spin>
      )}
    </>
  );
}
