// /admin/bao-cao-giai-quyet: the official resolution report (issue #7) of a unit for a period —
// Form 06a by sector with its total, the downloads (XLSX, PDF, the desk's tracking book), the
// reasons for lateness (Form 06c) and the service figures. Unit and period live in the address
// (?unit=&from=&to=), so a report can be bookmarked.
import { Button, Card, Empty, Radio, Skeleton, Tooltip, Typography } from "antd";
import { useId } from "react";
import { units } from "../../api/endpoints";
import { formatVnDate, vietnamToday } from "../../components/dossierFormat";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useApiQuery } from "../../components/useApiQuery";
import { useDocumentTitle } from "../../components/useDocumentTitle";
import { useI18n, useT } from "../../i18n";
import "../planning.css";
import "../dashboard/dashboard.css";
import "./reports.css";
import { ReportFilters, useReportFilters } from "../dashboard/reportFilters";
import { useSession } from "../session";
import { Lateness } from "./Lateness";
import { PRESETS, presetOf, presetRange } from "./periods";
import { Breakdown, ResolutionTable } from "./ResolutionTable";
import { type Period, reports } from "./reportsApi";
import { ServiceFiguresCard } from "./ServiceFiguresCard";

const dayLabel = (day: string) => formatVnDate(`${day}T12:00:00+07:00`);

function Presets({ filters }: { filters: ReturnType<typeof useReportFilters> }) {
  const t = useT();
  const today = vietnamToday();
  return (
    <fieldset className="picker-field rr-presets">
      <legend className="field-label">{t("reports.period.preset")}</legend>
      <Radio.Group
        optionType="button"
        value={presetOf(filters.from, filters.to, today) ?? null}
        onChange={(e) => filters.update(presetRange(e.target.value, today))}
        options={PRESETS.map((p) => ({ value: p, label: t(`reports.period.${p}`) }))}
        data-testid="report-presets"
      />
    </fieldset>
  );
}

/** The exports: the report as XLSX and PDF; the tracking book for the unit's desk and leaders. */
function Downloads({ period, unitId }: { period: Period; unitId: string }) {
  const t = useT();
  const { lang } = useI18n();
  const { me } = useSession();
  const headingId = useId();
  // Mirrors the server (tracking-book.service.ts): personal data of the unit's dossiers and either
  // its desk or its reports, which only the unit's own receptionists and leaders hold.
  const bookAllowed = me.roles.some(
    (r) => r.unitId === unitId && (r.role === "leader" || r.role === "receptionist"),
  );
  return (
    <section className="rr-downloads" aria-labelledby={headingId}>
      <h2 id={headingId} className="field-label rr-downloads__heading">
        {t("reports.download.heading")}
      </h2>
      <div className="rr-downloads__buttons">
        <Button href={reports.resolutionFileUrl(period, "xlsx", lang)} data-testid="report-xlsx">
          {t("reports.download.xlsx")}
        </Button>
        <Button href={reports.resolutionFileUrl(period, "pdf", lang)} data-testid="report-pdf">
          {t("reports.download.pdf")}
        </Button>
        {bookAllowed ? (
          <>
            <Button href={reports.trackingBookUrl(period, "xlsx")} data-testid="book-xlsx">
              {t("reports.download.bookXlsx")}
            </Button>
            <Button href={reports.trackingBookUrl(period, "pdf")} data-testid="book-pdf">
              {t("reports.download.bookPdf")}
            </Button>
          </>
        ) : (
          <Tooltip title={t("reports.download.bookDenied")}>
            <span className="rr-denied" data-testid="book-denied">
              <Button disabled aria-describedby={`${headingId}-denied`}>
                {t("reports.download.bookPdf")}
              </Button>
              <span id={`${headingId}-denied`} className="sr-only">
                {t("reports.download.bookDenied")}
              </span>
            </span>
          </Tooltip>
        )}
      </div>
    </section>
  );
}

export default function ResolutionReportPage() {
  const t = useT();
  useDocumentTitle(t("reports.heading"));
  const shared = useReportFilters();
  // Every change writes the unit too, so the address always names the whole report (bookmarks).
  const filters = {
    ...shared,
    update: (changes: Record<string, string | undefined>) =>
      shared.update({ unit: shared.unitId, ...changes }),
  };
  const unitList = useApiQuery("public-units", (signal) => units.list(false, signal));
  const code = unitList.data?.items.find((u) => u.id === filters.unitId)?.code;
  const period: Period | null = code ? { unit: code, from: filters.from, to: filters.to } : null;
  const report = useApiQuery(
    period ? `report-resolution:${period.unit}:${period.from}:${period.to}` : null,
    (signal) => reports.resolution(period!, signal),
    { keepPrevious: true },
  );
  const r = report.data;
  return (
    <div className="rr-page">
      <Typography.Title level={1}>{t("reports.heading")}</Typography.Title>
      <Typography.Paragraph>{t("reports.intro")}</Typography.Paragraph>
      <ReportFilters filters={filters}>
        <Presets filters={filters} />
      </ReportFilters>
      {period && filters.unitId && <Downloads period={period} unitId={filters.unitId} />}
      <ProblemAlert error={report.error} onRetry={report.reload} />
      {!filters.unitId && !filters.loadingUnits && <Empty description={t("reports.noUnit")} />}
      {report.loading && !r && (
        <div data-testid="report-loading">
          <Skeleton active />
        </div>
      )}
      {r && period && (
        <div aria-busy={report.loading} data-testid="report">
          <p className="text-secondary" data-testid="report-scope">
            {t("reports.scope", {
              unit: r.unit.name,
              units: r.unit.units,
              from: dayLabel(r.from),
              to: dayLabel(r.to),
            })}
          </p>
          {r.total.toHandle === 0 ? (
            <Card className="section-card">
              <Empty description={t("reports.empty")} data-testid="report-empty" />
            </Card>
          ) : (
            <>
              <Card
                className="section-card"
                title={<h2 className="card-heading">{t("reports.table.heading")}</h2>}
              >
                <ResolutionTable r={r} />
                <p className="text-secondary rr-note">{t("reports.table.note")}</p>
                <details className="rr-total-details">
                  <summary>{t("reports.detail.totalHeading")}</summary>
                  <Breakdown c={r.total} testId="total-breakdown" />
                </details>
              </Card>
              <Lateness r={r} />
              <ServiceFiguresCard period={period} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
